### The page's texts in Dutch (Fluent: https://projectfluent.org/fluent/guide/).
### `id = text`; a value the page fills in is written `{ $name }`, a literal brace `{"{"}`.
### Every id must be in every language, with the same values (the build checks). Which text
### applies is decided by the code, so selectors, terms and attributes are not used.

## Page
app-title = eLys-onboarding (voorheen DAO): van aanvraag tot werkende client
app-intro = Deze pagina begeleidt u bij het aanvragen en testen van een client voor de eLys-API (voorheen DAO, Digitale Aangifte Overlijden) van de Vlaamse overheid. Alles gebeurt in uw browser: uw private sleutel verlaat uw computer niet.
lang-toggle = English
lang-toggle-label = Switch the page to English
nav-label = Stappen
copy = Kopiëren
copied = Gekopieerd
copy-failed = Kopiëren lukte niet: selecteer de tekst en kopieer met Ctrl+C.
cancel = Annuleren
busy = Bezig…
footer-promise = Privacy: uw private sleutel blijft als niet-exporteerbare sleutel in de sleutelopslag van deze tab en wordt nergens opgeslagen of verstuurd. Alleen niet-geheime instellingen (organisatie, vinkjes, relay) blijven bewaard in deze browser.
footer-relay = De relay ziet de client assertion, het token en het ping-antwoord, nooit uw private sleutel.

## 1. Organisation
step-organisation = Organisatie
org-intro = Vul de gegevens in van de organisatie waarvoor u de client aanvraagt. De waarden hieronder volgen de conventies van de documentatie van het API-team (eLys) of van de onboardingtekst (DAO) en worden meteen bijgewerkt.
rename-note = De API heette eerst DAO (Digitale Aangifte Overlijden); de documentatie van het API-team noemt hem nu eLys: de scopes heten elys_* sinds 9 april 2025, de namen, referenties en hostnamen (elys.api.*) zijn eLys sinds 8 mei 2025. De onboardingtekst gebruikt nog de DAO-naamgeving; u kunt die hieronder kiezen.
org-name-label = Naam van de organisatie
org-name-hint = Zoals ze in de clientnaam moet staan, bv. Stad Gent.
org-code-label = Organisatiecode (vo_orgcode)
org-code-hint = KBO-ondernemingsnummer (10 cijfers, begint met 0 of 1; punten en spaties mogen), OVO-code (OVO en 6 cijfers) of OV-instellingsnummer.
env-label = Omgeving
env-beta = beta: T&I (test en integratie)
env-acc = acc: T&I (acceptatie)
env-prod = PROD: productie
brand-label = Naam van de API
brand-dao = DAO (naamgeving van de onboardingtekst, tot de naamswijziging van mei 2025)
brand-elys = eLys (huidige naam, documentatie van het API-team)
role-label = Rol
role-hint = Eén client per actor (bv. per lokaal bestuur) en per omgeving.
role-uitvaartondernemer = uitvaartondernemer: een actor in de uitvaartsector
role-crematorium = crematorium: een crematorium
role-begraafplaats = begraafplaats: een lokaal bestuur dat verantwoordelijk is voor een begraafplaats
role-lbbs = lbbs: een lokaal bestuur als dienst burgerlijke stand
role-depzorg = depzorg: het Departement Zorg
role-arts = arts: een arts
integrator-label = Wij zijn een software-integrator en vragen de client aan in naam van een klant
integrator-hint = Vul dan de naam en de code van uw klant in, niet die van uw eigen bedrijf.
integrator-hint-funeral-home = Voor uitvaartondernemingen: een software-integrator vraagt de toegang aan op naam van een concrete uitvaartonderneming die klant bij hem is; die moet gekend zijn bij eLys en de aangevraagde client zelf goedkeuren.
diagram-title = Verloop van de uitwisseling: deze pagina, de relay, ACM/IDM en de API
diagram-heading = Zo verliep het
flow-heading = Zo verloopt het: de pagina vraagt via de relay een token aan bij ACM/IDM en roept daarmee de API aan
step-software = Naar uw software
software-intro = Uw software doet hetzelfde als stap { -step-connection }, telkens opnieuw: een nieuwe client assertion ondertekenen, een token vragen, de API aanroepen met drie nieuwe UUID's. Hieronder staat dat als programma in vier talen, ingevuld met uw waarden. Er staat geen sleutel in: elk programma leest de private sleutel (PKCS#8 PEM) uit het bestand dat de omgevingsvariabele CLIENT_KEY_FILE aanwijst.
software-test-environment = De voorbeeldscripts van het API-team gebruiken zijn eigen testomgeving: elys.api.test-athumi.eu, voor de arts dao.api.test-athumi.eu (ook de Swagger UI op test in de API-documentatie van de arts; die van het Departement Zorg linkt elys.api.test-athumi.eu). Ze vragen een token met een client secret bij die testomgeving zelf en sturen de headers x-scopes en x-kbonummer mee: die horen bij die testomgeving, niet bij beta, acc of productie. Hoe een client toegang krijgt tot test, zegt geen bron: client-aanvragen.md beschrijft clients voor beta, acceptatie en productie, met een client assertion zoals hieronder.
software-no-client-id = Vul eerst uw client id in (stap { -step-assertion }); tot dan staat er een plaatshouder.
software-run = Uitvoeren
software-download = Downloaden
software-languages = Programmeertaal
tree-truncated = … (ingekort)
access-token-label = access token
source-label = bron
source-assumed = aangenomen
origin-published = de gepubliceerde waarde
origin-site-config = uit config.json van deze site
origin-typed = door u ingevuld
origin-stored = bewaard van een vorig bezoek
origin-not-published = geen bron publiceert dit
origin-with-published = { $origin }; gepubliceerd is { $published }
acc-note = Let op: acceptatie is de omgeving voor acceptatietesten en voor de verbindingstesten van integratoren, en kan echte gegevens uit het rijksregister bevatten. Behandel wat u er ziet als persoonsgegevens. Beta bevat nooit persoonsgegevens.
api-reference-dated = Van 31 januari tot de naamswijziging op 8 mei 2025 gaf de documentatie van het API-team voor beta en acc de referentie ‘{ $reference }’; hierboven staat die van de onboardingtekst. De huidige referentie ziet u met eLys.
sources-heading = Bronnen
values-heading = Deze waarden vult u in het Beheerportaal in
client-name-label = Clientnaam
client-name-missing = Vul eerst een geldige naam van de organisatie in.
api-reference-label = Referentie van de API
scopes-label = Scopes
api-client-id-label = Client id van de API
api-client-id-unknown = Niet gepubliceerd voor deze naam en omgeving: vraag het aan het API-team.
beheerportaal-label = Beheerportaal
ping-label = Ping-endpoint
ping-unconfirmed = Deze DAO-hostnaam stond, met die van de andere omgevingen, in de securitypagina van het API-team tot de naamswijziging op 8 mei 2025, die alle drie de DAO-hostnamen (beta, acc en productie) verving door elys.api.*. De onboardingtekst noemt die van beta. Of hij nog antwoordt, zegt geen bron. Antwoordt hij niet, kies dan eLys.

## 2. Key
step-key = Sleutel
key-intro = De organisatie maakt zelf een sleutelpaar. De publieke sleutel (JWK) registreert u in het Beheerportaal; met de private sleutel ondertekent u de client assertion.
key-promise = Uw private sleutel zit in de sleutelopslag van deze browsertab (WebCrypto) als niet-exporteerbare sleutel: geen script kan hem lezen, ook deze pagina niet. Hij komt niet in opslag, URL, logboek of netwerkverkeer; sluit of herlaad de tab en hij is weg. Een sleutel die u hier maakt, kunt u één keer als bestand bewaren.
insecure-context = Sleutels maken kan alleen op een beveiligde pagina (https of localhost). Open deze pagina via https of via http://localhost. Een bestaande sleutel importeren werkt wel.
generate-heading = Nieuw sleutelpaar maken
key-type-label = Type sleutel
key-type-rsa4096 = RSA 4096 bits, RS256 (RS256 zoals in elk openbaar voorbeeld; geen bron noemt een sleutellengte)
key-type-rsa3072 = RSA 3072 bits, RS256
key-type-rsa2048 = RSA 2048 bits, RS256
key-type-ec-p256 = EC P-256, ES256 (niet bevestigd voor ACM)
generate-button = Sleutelpaar maken
generating = Het sleutelpaar wordt gemaakt… 4096 bits kan enkele seconden duren; de pagina blijft bruikbaar.
generate-failed = De browser kon geen sleutelpaar maken. Probeer een andere sleutelgrootte of een recente browser, of importeer een sleutel die u met openssl maakte.
import-heading = Of: een bestaande private sleutel importeren
key-input-label = Private sleutel (JWK, JWKS of PEM)
key-input-hint = Plak de sleutel, sleep een bestand naar dit veld of kies een bestand. Het bestand wordt lokaal gelezen, niet geüpload. Het veld wordt na elke poging leeggemaakt.
key-file-label = Bestand kiezen
import-button = Importeren
importing = De sleutel wordt ingelezen…
key-status-none = Geen sleutel geladen.
key-status-heading = Geladen sleutel
key-imported = De sleutel is ingelezen. Het invoerveld is leeggemaakt.
jwks-choose = Deze JWKS bevat meerdere private sleutels. Kies welke u wilt gebruiken:
public-jwk-heading = Publieke JWK voor het Beheerportaal
public-jwk-hint = Registreer dit bij de client in het Beheerportaal. Het API-team noemt het de ‘Publieke JWT’ (client-aanvragen.md, sinds november 2025); hoe het veld in het Beheerportaal zelf heet, toont geen openbare bron. Er staat geen geheim in.
download-public-jwk = Publieke JWK downloaden
private-download-warning = Een private sleutel in een bestand kan gekopieerd, gemaild of in een back-up terechtkomen. Wie hem heeft, kan zich voordoen als uw organisatie. Bewaar hem alleen op een beveiligde plaats (bv. een kluis voor geheimen) en deel hem met niemand.
save-heading = Bewaar de private sleutel nu: dit kan maar één keer
save-intro = Uw software heeft deze private sleutel nodig om zelf tokens te vragen. De pagina kan hem nu één keer als bestand opslaan. Daarna houdt ze alleen een niet-exporteerbare kopie in de sleutelopslag van de browser: niemand kan hem dan nog uitlezen, ook deze pagina niet.
save-pem = Opslaan als PKCS#8 PEM
save-jwk = Opslaan als JWK
save-decline = Niet opslaan, ik heb hem niet nodig
saved = De private sleutel staat in uw downloads. De pagina houdt nu alleen een niet-exporteerbare kopie om mee te ondertekenen.
save-declined = Niet opgeslagen. De pagina houdt alleen een niet-exporteerbare kopie: buiten deze tab kan de sleutel niet gebruikt worden.
save-failed = Opslaan lukte niet. Probeer opnieuw; de sleutel blijft tot dan bewaarbaar.
key-clear = Veld leegmaken
key-store-unavailable = De sleutelopslag van de browser (WebCrypto) is hier niet beschikbaar: open de pagina via https of http://localhost.
sign-failed = De browser kon niet ondertekenen met deze sleutel. Laad de sleutel opnieuw.
lint-public-key-label = Publieke sleutel om de handtekening mee te controleren (optioneel)
lint-public-key-hint = Leeg: de geladen sleutel. Of plak een publieke JWK, bv. die van uw eigen backend.
not-compact-jws = Wat in de controle van stap { -step-assertion } staat, is geen compacte JWS (drie base64url-delen met een header met alg). Er is niets verstuurd: plak daar de client assertion, nooit een sleutel.
registered-heading = Komt de geregistreerde sleutel overeen?
registered-hint = Plak de publieke JWK of JWKS zoals die in het Beheerportaal staat. Antwoordt ACM met invalid_client, ga dit dan eerst na.
registered-label = Geregistreerde publieke JWK of JWKS
forget-button = Sleutel vergeten
key-forgotten = De sleutel is uit de sleutelopslag van deze tab verwijderd.
file-read-failed = Het bestand kon niet gelezen worden. Kies het opnieuw of plak de inhoud.

## 3. Registration
step-registration = Registratie
reg-intro = Vink af wat u gedaan hebt. De vinkjes en de gegevens van stap { -step-organisation } blijven in deze browser bewaard (zonder sleutels).
checklist-title = Checklist eLys-onboarding
checklist-step-register = Stap 1: de client registreren
checklist-step-connect = Stap 2: eerste verbinding via ACM/IDM
export-button = Exporteren als Markdown
exported = De checklist is gedownload en naar het klembord gekopieerd.
mail-heading = Mail aan het API-team
mail-intro = De onboardingtekst vraagt u het API-team te mailen zodra u de client hebt aangevraagd, zodat zij hem kunnen goedkeuren. Volgens de documentatie van ACM keurt de eigenaar van de API de koppeling van uw client aan de API goed of af in het Beheerportaal. Een openbaar e-mailadres van het API-team publiceert geen bron: gebruik het adres dat u bij de onboarding kreeg.
api-team-email-label = E-mailadres van het API-team
api-team-email-hint = Het adres dat u bij de onboarding kreeg; geen bron publiceert er een.
mail-open = Mail openen in uw mailprogramma
mail-text-label = Tekst van de mail

## 4. Assertion
step-assertion = Client assertion
assertion-intro = Bij elke tokenaanvraag verwacht ACM een JWT die u met uw private sleutel ondertekent (RFC 7523, private_key_jwt).
client-id-label = Uw client id
client-id-hint = Het id dat het Beheerportaal toont nadat u de client hebt aangemaakt; niet het client id van de API.
client-id-not-uuid = Dit lijkt geen UUID. Client ids van ACM zijn UUIDs: controleer of u het juiste veld kopieerde.
client-id-is-api-id = Dit is het client id van de API zelf, niet dat van uw client. Uw eigen client id staat bij uw client in het Beheerportaal.
aud-label = Audience (aud)
aud-issuer = Issuer
aud-token = Token-endpoint (standaard)
alg-label = Algoritme
alg-unconfirmed = niet bevestigd voor ACM
lifetime-label = Geldigheid (seconden)
lifetime-hint = Standaard 60: zo lang geldt de assertion van de demo-client van het API-team, de enige waarde waarvan bekend is dat ACM ze aanvaardt. De pagina laat hoogstens 600 toe (aangenomen: alleen de regels van een andere Vlaamse OAuth-server en het commentaar van openbare ACM-scripts noemen die grens).
sign-button = Ondertekenen
need-key = Laad of maak eerst een sleutel (stap { -step-key }).
need-client-id = Vul eerst uw client id in.
assertion-output-label = Client assertion
header-label = Header
claims-label = Claims
issued-at-label = Uitgegeven
expires-at-label = Verloopt
assertion-expired = Verlopen: onderteken opnieuw.
lint-heading = Controle van de assertion
lint-intro = De regels van RFC 7523 en die welke een strikte verificateur toepast; wat geen openbare bron bevestigt, staat als aangenomen bij de regel.
lint-paste-label = Of plak een assertion uit uw eigen backend
lint-run = Controleren
lint-passed = Alle regels zijn in orde.
lint-failed = Niet alle regels zijn in orde; zie hieronder wat u moet aanpassen.
lint-status-pass = in orde
lint-status-fail = fout
lint-status-skipped = niet gecontroleerd
expected-label = verwacht
found-label = gevonden

## 5. Connection
step-connection = Verbinding
conn-intro = Vraag een token aan bij ACM en roep het ping-endpoint aan. Browsers blokkeren rechtstreekse oproepen naar ACM en de API (geen CORS), daarom gaan ze via een relay die u zelf instelt.
relay-statement = De relay ziet de client assertion, het access token en het ping-antwoord, nooit uw private sleutel. Gebruik een relay die u vertrouwt, bij voorkeur de referentieconfiguratie voor nginx uit dit project op uw eigen server.
relay-label = Relay-URL
relay-hint = Het volledige doeladres wordt achter deze URL geplakt, bv. https://relay.voorbeeld.be/ + https://authenticatie-ti.vlaanderen.be/op/v1/token. Leeg = rechtstreeks (alleen voor lokale servers die zelf CORS toestaan).
relay-direct = Geen relay: oproepen gaan rechtstreeks. Dat werkt alleen met servers die zelf CORS-headers sturen.
relay-plain-http = Deze relay gebruikt http zonder versleuteling. Gebruik https, behalve voor een relay op deze computer.
endpoints-heading = Endpoints
issuer-label = Issuer
token-url-label = Token-endpoint
ping-url-label = Ping-endpoint
reset-endpoints = Endpoints herstellen naar de standaard
timeout-label = Time-out (seconden)
relay-check-button = Relay testen
relay-setup-heading = Uw eigen relay
relay-setup-intro = Hier schrijft de pagina de referentieconfiguratie van de relay voor nginx, voor deze pagina. Het is hetzelfde bestand als relay/nginx.conf van het project, ingevuld met de velden hieronder: het stuurt alleen door naar de gepubliceerde endpoints van elke omgeving en naam, en naar de endpoints die u hier gebruikt en die daarvan afwijken.
relay-setup-origin = Herkomst (origin) van deze pagina
relay-setup-origin-hint = Alleen deze origin mag de relay gebruiken. Standaard die van deze pagina; staat de pagina later elders, vul die dan in.
relay-setup-listen = Luisteradres van nginx (host:poort)
relay-setup-resolver = DNS-resolver
relay-setup-resolver-hint = Voor de hostnamen van ACM en de API. 127.0.0.53 is de lokale resolver van Debian en Ubuntu (systemd-resolved).
relay-setup-log-dir = Map voor de logboeken
relay-setup-log-dir-hint = Relatief: onder de map van nginx hieronder. In de logboeken komen geen bodies, query strings of Authorization.
relay-setup-prefix = Map van nginx (-p)
relay-setup-tls-certificate = TLS-certificaat (volledige keten, PEM), als nginx zelf https spreekt
relay-setup-tls-key = Sleutel van dat certificaat
relay-setup-real-ip-from = Of: adres van de TLS-terminator voor de relay
relay-setup-real-ip-from-hint = Staat er een load balancer of reverse proxy voor die https afhandelt, vul dan zijn adres in: de limieten tellen dan de client die hij doorgeeft, niet hemzelf.
relay-setup-targets = Naast de gepubliceerde endpoints laat de relay ook deze door:
relay-setup-targets-none = De relay laat alleen de gepubliceerde endpoints door: u gebruikt er geen andere.
relay-setup-config = De configuratie
relay-setup-download = dao-relay.conf downloaden
relay-setup-run-heading = Zo zet u hem aan (Debian of Ubuntu)
relay-setup-run-intro = Op de server, in de map waar u dao-relay.conf bewaarde: nginx installeren, het bestand op zijn plaats zetten, controleren (nginx -t) en starten.
relay-setup-commands = De commando's
relay-setup-tls-note = Zet de relay achter TLS: de assertion en het token gaan erdoor. Geef hierboven een certificaat en sleutel op (nginx spreekt dan zelf https), of het adres van de TLS-terminator. Alleen op deze computer (127.0.0.1) kan het zonder.
relay-setup-then = Vul daarna bij Relay-URL hierboven in: { $url } en klik op ‘Relay testen’: die haalt het discovery-document van ACM op door de relay en zegt wat er misgaat.
relay-setup-use-url = Deze relay-URL gebruiken
relay-setup-error-tls-incomplete = Een certificaat zonder sleutel, of omgekeerd: vul beide in, of geen van beide.
relay-setup-error-bad-prefix = De map van nginx moet een absoluut pad zijn, met alleen letters, cijfers en / . _ -.
relay-setup-error-plain-http-off-loopback = Zonder TLS luistert de relay alleen op deze machine (127.0.0.1, localhost of ::1): op een ander adres gingen de assertion en het token onversleuteld over het netwerk. Geef een certificaat en sleutel op, of het adres van de TLS-terminator, of laat de relay op 127.0.0.1 luisteren.
relay-setup-error-loopback-targets = Deze endpoints staan op een lokaal adres: { $targets }. In de relay betekent dat de relay-server zelf, niet uw computer. Draait de relay op dezelfde machine als die servers (bv. testservers), vink dat dan hieronder aan; anders: vul in stap { -step-connection } de echte endpoints in.
relay-setup-loopback-targets = De relay draait op dezelfde machine als de servers op 127.0.0.1/localhost hierboven (bv. lokale testservers): zet ze op de allowlist.
relay-setup-error-bad-origin = De origin moet https://host of https://host:poort zijn (http alleen voor deze computer), zonder pad.
relay-setup-error-bad-target = Dit endpoint kan de relay niet doorlaten: { $target }. Verbeter het hierboven.
relay-setup-error-bad-listen = Het luisteradres moet host:poort zijn, bijvoorbeeld 127.0.0.1:8010.
relay-setup-error-resolver-needed = Voor hostnamen is een DNS-resolver nodig.
relay-setup-error-unsafe-character = Een veld bevat een teken dat in nginx iets betekent (aanhalingstekens, ;, accolades, $, #, \, spaties of stuurtekens). Zo schrijft de pagina geen configuratie.
relay-setup-error-bad-real-ip-from = Het adres van de TLS-terminator moet een IP-adres of netwerk zijn (10.0.0.1, 10.0.0.0/8, ::1).
api-info-button = API bereikbaar? (zonder token)
api-info-version = De API antwoordt via de relay: versie { $version } (uit zijn openbare actuator/info, zonder token).
api-info-no-version = De API antwoordt via de relay, maar zijn actuator/info noemt geen versie.
api-info-not-published = Voor de DAO-hostnamen publiceert geen bron een actuator/info; kies eLys om de bereikbaarheid zonder token na te gaan.
discovery-facts = Het discovery-document van ACM, opgehaald op { $fetched_at }: { $method } { $algs }
discovery-private-key-jwt-listed = private_key_jwt staat bij de aanvaarde manieren van clientauthenticatie (token_endpoint_auth_methods_supported).
discovery-private-key-jwt-not-listed = Het document noemt als manieren van clientauthenticatie (token_endpoint_auth_methods_supported): { $methods }; private_key_jwt staat er niet bij. Dat bewijst niet dat ACM geen client assertion aanvaardt: ook het gedocumenteerde voorbeeld van ACM noemt alleen client_secret_basic en client_secret_post, terwijl de documentatie van ACM en de demo-client van het API-team (security-method private_key_jwt) wel met een client assertion werken. De tokenaanvraag beslist.
discovery-private-key-jwt-not-stated = Het document noemt geen manieren van clientauthenticatie.
discovery-algs-listed = Algoritmen voor de client assertion: { $algs } (token_endpoint_auth_signing_alg_values_supported).
discovery-algs-not-stated = Het document noemt geen algoritmen voor de client assertion (token_endpoint_auth_signing_alg_values_supported), net als het gedocumenteerde voorbeeld van ACM: dat zegt niet welke ACM aanvaardt. De aanname van de pagina (RS256, zoals in elk openbaar voorbeeld) blijft staan; de tokenaanvraag beslist.
discovery-alg-not-listed = Het discovery-document van ACM (opgehaald op { $fetched_at }) noemt { $alg } niet voor client assertions, wel: { $listed }. ACM kan deze assertion weigeren; de tokenaanvraag beslist. Weigert ACM ze, kies dan een algoritme dat het document noemt.
discovery-alg-listed = volgens het discovery-document van ACM, opgehaald op { $fetched_at }: { $algs }
token-source-label = Welke assertion gebruiken?
token-source-fresh = Telkens een nieuwe, met de instellingen van stap { -step-assertion } (aanbevolen)
token-source-linted = De assertion uit het controleveld van stap { -step-assertion } (bv. uit uw eigen backend)
token-request-button = Token aanvragen
ping-request-button = Ping aanroepen
need-token = Vraag eerst een token aan.
need-linted-assertion = Plak eerst een assertion in het controleveld van stap { -step-assertion }.
token-granted = Token ontvangen
token-refused = ACM weigerde het token
reveal = Tonen
hide = Verbergen
causes-heading = Mogelijke oorzaken, de meest waarschijnlijke eerst
ping-done = Ping-antwoord ontvangen
ping-handed-over = Het antwoord staat in stap { -step-check } en is meteen gecontroleerd.
curl-heading = Zelf proberen met curl
curl-hint = curl heeft geen relay nodig: deze commando's gaan rechtstreeks naar ACM en de API, in bash (Linux, macOS, Git Bash). Standaard staan er variabelen in plaats van de assertion en het token. Lees ze eerst in zonder ze te tonen of in de geschiedenis van de shell te bewaren: read -rs CLIENT_ASSERTION (plak de assertion van stap { -step-assertion }, Enter) en, na het tokenantwoord, read -rs ACCESS_TOKEN (plak de access_token, Enter). De commando's geven beide aan curl via zijn standaardinvoer, nooit als argument: argumenten kan elke gebruiker van de computer lezen (ps). Het ping-commando maakt zelf drie nieuwe UUID's en stopt als dat niet lukt.
trace-ids-meaning = De drie ids volgens de securitypagina van het API-team, die ze bij elke request verwacht: vereist sinds 19 december 2024, met de nadruk „ELKE request” sinds 19 augustus 2025. x-correlation-id koppelt bij elkaar horende requests (bijvoorbeeld de requests die samen één scherm vullen), x-tracing-id de requests binnen dezelfde lokale transactie, x-request-id is uniek per request. Voor een test maakt de pagina er telkens drie nieuwe.
token-lifetime-example = In het gedocumenteerde voorbeeld leeft een access token 3600 s (het cijfer van dat voorbeeld: iat en exp liggen een uur uiteen); de echte levensduur zegt ACM zelf met expires_in.
curl-real-values = Echte waarden invullen (assertion en token, nooit de private sleutel)
curl-token = Token aanvragen
curl-ping = Ping aanroepen

## 6. Check
step-check = Controle
check-intro = Controleer het antwoord van het ping-endpoint tegen wat u registreerde: opgehaald in stap { -step-connection }, of geplakt als u curl gebruikte.
next-steps-heading = Verder na een goede ping
next-step-swagger = De API-documentatie voor uw rol, op beta (Swagger UI):
next-step-terms = Als integrator voor uitvaartondernemingen toont u de gebruiksvoorwaarden van eLys in uw software:
next-step-release-notes = Wat er verandert in de API, in de release notes:
checklist-item-await-approval-detail = Zo beschrijft de documentatie van ACM het; de onboardingtekst vraagt u daarvoor het API-team te mailen.
checklist-item-retention = Bewaar zelf wat u nodig hebt: eLys toont een dossier na de wettelijke bewaartermijn niet meer (laatste wilsbeschikking en overlijdensakte: 3 maanden; andere aanvragen en documenten: 2 jaar). Het bewaren is de verantwoordelijkheid van de entiteiten zelf.
checklist-item-retention-municipality = Gemeentelijke systemen bewaren zelf 10 jaar: de gegevens van de vaststelling (strook A), de ingediende inlichtingenfiche uitvaart met de afgeleverde toestemming, en de auditlogs op gebruikersniveau.
token-audience-label = Ook de parameter audience meesturen: de client id van de API, { $id }
token-audience-unknown = De parameter audience meesturen kan niet: voor deze naam en omgeving is geen client id van de API bekend (vraag het aan het API-team, of laat de host het in config.json zetten).
token-audience-hint = ACM documenteert bij de tokenaanvraag de optionele parameters audience (de client id van de API) en resource (de URL van de API); zonder krijgt het token de client id van uw eigen client als audience. Standaard uit: de onboardingtekst en de demo-client van het API-team sturen hem niet mee. Aan: ook in de curl-commando’s en de programma’s van stap { -step-software }.
api-client-id-purpose = Met deze client id vraagt u in het Beheerportaal toegang tot de API; ACM documenteert hem ook als optionele parameter audience van de tokenaanvraag (stap { -step-connection }).
proof-api-audience-none = niet meegestuurd (standaard)
lifetime-sources = Waar de 60 s en de 600 s vandaan komen:
key-question-heading = Een echte sleutel maken in een webpagina?
key-question-text = Handleidingen van andere overheden raden af echte sleutels te maken met JWK-generatoren in de browser: zo’n pagina kan de sleutel lezen, bewaren of versturen. Hier ontstaat de sleutel in de sleutelopslag van uw browser (WebCrypto), niet exporteerbaar zodra u hem bewaarde of weigerde; hij wordt nergens opgeslagen of verstuurd, en eenmaal geladen werkt de pagina ook zonder netwerk. Wie de pagina host, bepaalt wel welke code u draait: gebruik een kopie van een host die u vertrouwt.
key-question-openssl = Maakt u de sleutel liever of verplicht buiten de browser (beleid, een kluis voor geheimen, of u vertrouwt deze kopie van de pagina niet), maak hem dan met openssl: het commando schrijft client-key.pem (RSA 2048, PKCS#8, alleen voor u leesbaar). Importeer dat bestand hieronder: het wordt lokaal gelezen en een niet-exporteerbare sleutel, met de publieke JWK voor het Beheerportaal. De programma’s van stap { -step-software } lezen hetzelfde bestand.
next-step-json-ld-civil-registry = Als dienst burgerlijke stand stuurt u requests in JSON-LD, met de gepubliceerde contextbestanden /context/AangifteOverlijden.jsonld en /context/VerslagBeedigdArts.jsonld.
next-step-json-ld-physician = Als arts stuurt u requests in JSON-LD, met de gepubliceerde contextbestanden /context/AangifteOverlijden.jsonld en /context/VerslagBeedigdArts.jsonld.
next-step-dossiers-v2 = Dossiers ophalen: /burgerlijke-stand/v1/dossiers is vervangen door /burgerlijke-stand/v2/dossiers (met filter, gepagineerd); v1 blijft beperkt beschikbaar.
next-step-dossier-payment = Een dossier opstarten vraagt sinds release 0.28.0 (17 september 2025) eerst een betaling, via de redirect flow of als walletbetaling; het oude endpoint is verwijderd.
ping-input-label = Antwoord van het ping-endpoint (JSON)
ping-input-hint = Plak het antwoord of sleep het bestand naar dit veld.
ping-file-label = Bestand kiezen
validate-button = Controleren
check-column = Controle
status-column = Resultaat
expected-column = Verwacht
found-column = Gevonden
explanation-column = Uitleg
status-ok = in orde
status-warning = let op
status-fail = fout
unknown-fields-heading = Velden die de controle niet kent (getoond, niet afgekeurd)
tree-heading = Het antwoord
proof-heading = Bewijs van onboarding
proof-intro = Een kort verslag voor het API-team, zonder token, assertion of sleutel.
proof-download = Verslag downloaden
proof-mail = Verslag mailen

## Texts chosen by src/i18n/messages/ (the comment above each group names the function)

# org_name_error
org-name-error-empty = Vul de naam van de organisatie in.
org-name-error-too-long = De naam is { $chars } tekens lang; het maximum is { $max }. Kort hem in.
org-name-error-control-character = Teken { $position } is een onzichtbaar stuurteken (U+{ $code_point }), waarschijnlijk mee gekopieerd. Typ de naam opnieuw.

# org_code_error
org-code-error-empty = Vul het KBO-nummer (ondernemingsnummer), de OVO-code of het OV-instellingsnummer van de organisatie in.
org-code-error-invalid-character = ‘{ $ch }’ hoort niet in een KBO-nummer (alleen cijfers) of OVO-code (OVO en 6 cijfers). Laat ook BE weg.
org-code-error-kbo-nine-digits = Een KBO-nummer heeft 10 cijfers; dit zijn er 9. Oudere nummers krijgen een 0 vooraan.
org-code-error-kbo-wrong-length = Een KBO-nummer heeft 10 cijfers; dit zijn er { $digits }.
org-code-error-kbo-wrong-check-digits = De controlecijfers kloppen niet: de laatste twee cijfers moeten { $expected } zijn, niet { $found }. Er is waarschijnlijk een tikfout.
org-code-error-ovo-wrong-format = Een OVO-code is OVO gevolgd door precies 6 cijfers, bv. OVO002949.
org-code-error-kbo-establishment-unit = Dit is het nummer van een vestigingseenheid (begint met 2 tot 9), niet van de onderneming. Vul het ondernemingsnummer in (begint met 0 of 1); u vindt het in de KBO bij deze vestiging.

# org_code_ok
org-code-ok-kbo = Geldig KBO-nummer: { $shown }
org-code-ok-ovo = Geldige OVO-code: { $shown }
org-code-ok-ov-instelling = Aanvaard als OV-instellingsnummer: { $shown } (niet gecontroleerd: de regels van dit nummer zijn hier niet bekend).

# json_position
json-position-syntax = (regel { $line }, kolom { $column })

# json_error
json-error-empty = Het veld is leeg.
json-error-too-large = De invoer is te groot ({ $size }; maximum { $max }).
json-error-not-utf8 = Het bestand is geen UTF-8-tekst (ongeldige byte op positie { $byte_offset }). Sla het op als UTF-8 of plak de inhoud.
json-error-too-deep = De JSON is dieper genest dan { $max } niveaus (regel { $line }, kolom { $column }).
json-error-truncated = De JSON houdt halverwege op (regel { $line }, kolom { $column }): is alles meegekopieerd?
json-error-trailing-characters = Na de JSON staat nog tekst (regel { $line }, kolom { $column }). Plak alleen het JSON-antwoord.
json-error-syntax = Ongeldige JSON op regel { $line }, kolom { $column } ({ $detail }).
json-error-not-an-object = Verwacht een JSON-object ({"{"}…{"}"}), gevonden: { $found }.

# key_kind
key-kind-rsa = RSA, { $bits } bits

# key_status
key-status =
    { $kind } · bron: { $source }
    kid: { $kid }{ $kid_note }
    thumbprint (RFC 7638, SHA-256): { $thumbprint }
    De private sleutel zit in de sleutelopslag van de browser (WebCrypto, niet exporteerbaar).

# value_problem
value-problem-zero = { $field } is nul
value-problem-not-below = { $field } is niet kleiner dan { $bound }
value-problem-not-odd = { $field } is even of te klein
value-problem-wrong-length = { $field } is { $found } bytes lang in plaats van { $expected }

# key_import_error
key-import-error-empty = Plak eerst een sleutel of kies een bestand.
key-import-error-too-large = Dit is te groot voor een sleutel ({ $size }; maximum { $max }).
key-import-error-json = Dit lijkt JSON, maar is niet geldig{ $detail }. Kopieer het hele bestand opnieuw.
key-import-error-pem-in-json-string = Dit is een PEM-sleutel binnen een JSON-tekst (tussen aanhalingstekens, met \n). Plak de inhoud van het .pem-bestand zelf, van -----BEGIN tot en met -----END.
key-import-error-not-ajwk = Dit is JSON, maar geen JWK (veld kty) of JWKS (veld keys).
key-import-error-unrecognised = Dit is geen JWK en geen PEM. Een PEM-sleutel begint met -----BEGIN PRIVATE KEY----- (of RSA/EC PRIVATE KEY); kopieer ook die regels mee.
key-import-error-public-key-only = Dit is een publieke sleutel. Om te ondertekenen is de private sleutel nodig (bij een JWK: het veld d).
key-import-error-certificate = Dit is een certificaat, geen private sleutel. Importeer het bijbehorende private-sleutelbestand.
key-import-error-encrypted-pem = Deze sleutel is met een wachtwoord beveiligd. Ontsleutel hem eerst op uw eigen computer: openssl pkey -in sleutel.pem -out sleutel-open.pem (vraagt het wachtwoord), importeer dan sleutel-open.pem en verwijder dat bestand daarna.
key-import-error-open-ssh-key = Dit is een OpenSSH-sleutel. Zet een kopie om naar PKCS#8 met ssh-keygen -p -m PKCS8 -f kopie-van-sleutel, en importeer die. Let op: deze pagina ondertekent met RSA of EC P-256, niet met Ed25519.
key-import-error-unsupported-key-type = Sleuteltype { $description } wordt niet ondersteund. Gebruik RSA (2048 tot 4096 bits, RS256) of EC P-256.
key-import-error-rsa-too-small = Deze RSA-sleutel heeft { $bits } bits; minstens 2048 zijn nodig. Maak een nieuwe sleutel van 4096 bits.
key-import-error-rsa-too-large = Deze RSA-sleutel heeft { $bits } bits; deze pagina ondersteunt tot 4096 bits.
key-import-error-missing-field = In de JWK ontbreekt het veld { $field }.
key-import-error-bad-base64 = Het veld { $field } van de JWK is geen geldige base64url-tekst.
key-import-error-invalid-value = Deze sleutel kan niet kloppen: { $detail }. Is het bestand beschadigd of samengesteld uit twee sleutels?
key-import-error-rsa-crt-missing = Deze RSA-JWK mist het veld { $field }. De sleutelopslag van de browser (WebCrypto) aanvaardt alleen een volledige private JWK (n, e, d, p, q, dp, dq, qi). Exporteer de sleutel opnieuw met alle velden, of als PKCS#8 PEM.
key-import-error-ec-public-key-missing = Dit EC-sleutelbestand bevat het publieke punt niet. Zet een kopie om met openssl pkcs8 -topk8 -nocrypt -in sleutel.pem -out sleutel-pkcs8.pem en importeer die.
key-import-error-refused-by-key-store = De sleutelopslag van de browser (WebCrypto) weigerde deze sleutel: de delen horen niet bij elkaar of het punt ligt niet op de curve. Is het bestand beschadigd of samengesteld uit twee sleutels? De vorige sleutel blijft geladen.
key-import-error-jwks-too-large = Deze JWKS bevat { $count } sleutels; hoogstens { $max } worden gelezen. Plak alleen uw eigen sleutel.
key-import-error-several-public-keys = Dit bevat { $count } sleutels; plak er één.
key-import-error-jwks-empty = Deze JWKS bevat geen sleutels.
key-import-error-jwks-without-private-key = Deze JWKS bevat alleen publieke sleutels. Importeer de private sleutel.
key-import-error-several-private-keys = Deze JWKS bevat { $count } private sleutels: kies er één.
key-import-error-jwks-index-out-of-range = Sleutel { $index } bestaat niet in deze JWKS.
key-import-error-bad-pem = De PEM-tekst is beschadigd ({ $detail }). Kopieer alles, van -----BEGIN tot en met -----END.
key-import-error-unknown-pem-label = Een PEM-blok ‘{ $label }’ is geen private sleutel. Verwacht: PRIVATE KEY, RSA PRIVATE KEY of EC PRIVATE KEY.
key-import-error-several-pem-keys = Dit bevat { $count } private sleutels. Plak er één.
key-import-error-der-invalid = De inhoud past niet bij het PEM-label ({ $detail }). Is de tekst onvolledig of is het label aangepast?

# hop_label
hop-label-failed = mislukt

# hop_sentence
hop-sentence = { $from } → { $to }: antwoord { $status } ({ $what })
hop-sentence-no-status = { $from } → { $to }: { $what }
hop-sentence-after = , na { $ms } ms
hop-sentence-failed-here = . Hier liep het mis: { $reason }.

# source_text
source-text-onboarding-text = Bron: de onboardingtekst (naamgeving DAO: de scopes dao_* tot 9 april 2025, de namen, referenties en hostnamen tot 8 mei 2025).
source-text-api-repository = Bron: de documentatie van het API-team, { $repo }, bestand { $path }, versie van { $date }.
source-text-api-repository-history = Bron: de documentatie van het API-team, { $repo }, bestand { $path }, zoals het daar stond van { $from } tot { $until } (de geschiedenis van het bestand; de laatste versie die het zegt is die van { $date }). Of dat nog geldt, zegt geen bron.
source-text-api-repository-undated = Toegeschreven aan de documentatie van het API-team, { $repo }, bestand { $path } (nagekeken tot de versie van { $date }); geen gedateerde versie van dat bestand in de geschiedenis bevat deze zin, dus de pagina kan niet zeggen wanneer hij gold.
source-text-api-demo = Bron: de demo-client van het API-team, { $repo }: { $settings } (versie van { $settings_date }) gebruikt private_key_jwt met het token-endpoint van ACM T&I als token-uri, en { $code } (versie van { $code_date }) laat de client assertion maken door NimbusJwtClientAuthenticationParametersConverter van Spring Security, die de token-uri als aud zet en de assertion 60 s laat gelden. Zo sinds { $since }.
source-text-acm-documentation = Bron: de documentatie van ACM, ‘{ $title }’ ({ $url }).
source-text-standard = Bron: { $name }.
source-text-assumed = Aangenomen: { $reason }

# key_material_refused
key-material-refused-timeout = Niet bewaard: { $names }. Wat daar staat, lijkt op sleutelmateriaal (PEM, een JWK met d of een lange base64-tekst). Plak een sleutel alleen in stap { -step-key } en maak dit veld leeg.
private-key-refused-here = Niet overgenomen en het veld is leeggemaakt: dit bevat een private sleutel (PEM, een JWK met d, of een losse base64-regel ervan). Hier hoort alleen publieke informatie; een private sleutel plakt u alleen in het sleutelveld van stap { -step-key }.
stored-settings-dropped = Niet gebruikt uit een vorig bezoek: { $names }. Wat daar bewaard stond, voldoet niet (meer) aan de controles van de pagina; het veld staat weer op zijn standaard. Vul het opnieuw in als u het nodig hebt.

# registered_report
registered-report-private-key-pasted = Let op: wat u plakte bevat een private sleutel (veld d). Staat die zo in het Beheerportaal, dan is hij niet meer geheim: maak een nieuw sleutelpaar en registreer alleen de publieke JWK.
registered-report-same-kid = zelfde thumbprint en kid ‘{ $kid }’
registered-report-registered-with-kid = zelfde thumbprint; geregistreerd met kid ‘{ $kid }’, dus de assertion draagt die kid
registered-report-registered-without-kid = zelfde thumbprint; geregistreerd zonder kid, dus de assertion laat kid weg
registered-report-matches = Komt overeen: de geregistreerde sleutel is de geladen sleutel ({ $carried }).{ $leak }
registered-report-no-match = Komt niet overeen: geen van de { $count } geregistreerde sleutel(s) heeft thumbprint { $thumbprint }. Een assertion met deze sleutel zal niet aanvaard worden: registreer de publieke JWK van deze sleutel of laad de juiste private sleutel.{ $leak }

# registered_error
registered-error-not-ajwk = Dit is geen JWK of JWKS.
registered-error-jwks-empty = Deze JWKS bevat geen sleutels.
registered-error-unusable-kid = Sleutel { $position } heeft een kid die de pagina niet neemt: alleen leesbare ASCII-tekens (spatie tot ~), hoogstens { $max }. Deze kid zou in de assertion en in de programma's komen; controleer wat in het Beheerportaal staat.

# client_id_error
client-id-error-contains-white-space = Een client id bevat geen spaties. Kopieer alleen het id.
client-id-error-contains-control-character = Het client id bevat een onzichtbaar stuurteken. Typ of kopieer het opnieuw.
client-id-error-not-ascii = Het client id bevat een teken buiten ASCII. Een ACM client id is een UUID; kopieer het opnieuw uit het Beheerportaal.
client-id-error-too-long = Dit is { $chars } tekens lang; een client id heeft er hoogstens { $max }.

# lifetime_error
lifetime-error-not-anumber = Vul een aantal seconden in, bv. 300.
lifetime-error-not-positive = De geldigheid moet minstens 1 seconde zijn.
lifetime-error-too-long = { $seconds } seconden is te lang: de pagina laat hoogstens { $max } seconden toe (aangenomen: alleen secundaire bronnen noemen die grens). Gebruik bv. 60, zoals de demo-client van het API-team.

# sign_error
sign-error-algorithm-does-not-fit-key = { $alg } past niet bij deze sleutel ({ $key }).
sign-error-encoding = Ondertekenen mislukte: { $detail }
sign-error-signature-length = De browser gaf een handtekening van { $found } bytes in plaats van { $expected }. Laad de sleutel opnieuw.

# lint_problem
lint-problem-not-three-parts = Een JWT bestaat uit 3 delen gescheiden door punten; dit heeft er { $parts }. Is hij volledig gekopieerd?
lint-problem-part-not-base64 = Het deel { $part } is geen base64url.
lint-problem-part-not-json-object = Het deel { $part } is geen JSON-object.
lint-problem-missing-claim = { $claim } ontbreekt.
lint-problem-not-astring = { $claim } moet een tekst zijn.
lint-problem-not-atimestamp = { $claim } moet een tijdstip in seconden sinds 1970 zijn (een getal).
lint-problem-alg-none = alg none betekent: niet ondertekend. Een client assertion moet ondertekend zijn (RFC 7523 §3).
lint-problem-alg-symmetric = Een symmetrisch algoritme (HS…) gebruikt een gedeeld geheim; private_key_jwt vraagt een private sleutel (RS256).
lint-problem-alg-unknown = Onbekend algoritme. Gebruik RS256.
lint-problem-alg-does-not-fit-key = Dit algoritme past niet bij de geladen sleutel (RS256/PS256 voor RSA, ES256 voor EC P-256).
lint-problem-typ-not-jwt = typ hoort JWT te zijn (of weg te blijven).
lint-problem-kid-differs = Deze kid hoort niet bij de geladen sleutel: een verificateur die de sleutel op kid opzoekt, vindt hem dan niet.
lint-problem-kid-not-registered = De sleutel is zonder kid geregistreerd; een strikte verificateur weigert een kid die hij niet kent. Laat kid weg.
lint-problem-signature-invalid = De handtekening klopt niet met de sleutel (gecontroleerd door WebCrypto): hij is met een andere sleutel gemaakt of de assertion is gewijzigd.
lint-problem-no-key-loaded = Geen sleutel om mee te controleren: laad er een in stap { -step-key } of plak hieronder een publieke JWK.
lint-problem-no-client-id-entered = Geen client id ingevuld om mee te vergelijken.
lint-problem-iss-differs-from-sub = iss en sub moeten allebei uw client id zijn.
lint-problem-iss-differs-from-client-id = iss/sub is niet het client id dat u invulde.
lint-problem-aud-several = aud bevat { $count } waarden; de pagina verwacht er één (aangenomen: RFC 7523 laat meer toe, strikte verificateurs niet altijd).
lint-problem-aud-not-this-acm = aud is niet de issuer of het token-endpoint van de gekozen omgeving. Een aud van de andere ACM (T&I of productie) geeft invalid_client.
lint-problem-lifetime-too-long = Geldig gedurende { $seconds } s; de pagina laat hoogstens 600 s toe (aangenomen: alleen secundaire bronnen noemen die grens).
lint-problem-lifetime-not-positive = exp ligt { $seconds } s na iat: exp moet na iat komen.
lint-problem-iat-in-future = iat ligt { $seconds_ahead } s in de toekomst. Loopt de klok van de ondertekenaar voor?
lint-problem-expired = Verlopen sinds { $seconds_ago } s. Onderteken een nieuwe.
lint-problem-jti-reused = Deze jti werd in deze sessie al door een andere assertion gebruikt. Een server mag een hergebruikte jti weigeren (RFC 7523 §3); aangenomen wordt dat ACM dat doet.

# expires_in
expires-in = verloopt over { $minutes }:{ $rest }

# url_error
url-error-empty = Vul een adres in.
url-error-scheme = Het adres moet met https:// (of http://) beginnen.
url-error-contains-white-space = Een adres bevat geen spaties.
url-error-no-host = Na https:// ontbreekt de servernaam.
url-error-query-or-fragment = De relay-URL mag geen ? of # bevatten: het doeladres wordt erachter geplakt.
url-error-too-long = Dit adres is { $bytes } bytes lang; de pagina neemt er hoogstens { $max }.
url-error-control-character = Het adres bevat een onzichtbaar stuurteken (meegekopieerd?). Typ of kopieer het opnieuw.
url-error-not-ascii = Het adres bevat een teken buiten ASCII. Schrijf het percent-gecodeerd (en een servernaam met accenten in zijn xn--vorm).
url-error-invalid-character = Het adres bevat een teken dat niet in een URL hoort (" < > \ ^ ` {"{"} | {"}"}), of een % zonder twee hexadecimale cijfers.
url-error-user-info = Een adres van een endpoint bevat geen gebruikersnaam of wachtwoord (gebruiker@server).
url-error-fragment = Een adres van een endpoint bevat geen #: wat erna komt, gaat nooit naar de server.
url-error-plain-http = Gewoon http:// kan alleen naar deze computer (localhost, 127.0.0.1): de assertion en het token zouden anders onversleuteld over het netwerk gaan. Gebruik https://.
unwritable-endpoint = Niet geschreven: het veld { $field } van stap { -step-connection } houdt geen bruikbaar adres ({ $problem }). Verbeter het daar; er staat hier niets dat iets uitvoert.
unwritable-template = Niet geschreven: { $problem }. Er staat hier niets dat iets uitvoert.

# body_excerpt
body-excerpt-empty = (leeg antwoord)
body-excerpt-json = (JSON)
body-excerpt-html =
    HTML-pagina:
    { $first_lines }

# relay_error
relay-error-origin-not-allowed = De relay weigert deze pagina ({ $code }): haar herkomst staat niet in de configuratie van de relay. Render de relay-configuratie met --origin en het adres van deze pagina.
relay-error-target-not-allowed = De relay weigert dit doeladres ({ $code }): het staat niet precies zo op haar lijst van toegelaten endpoints (hoofdletters, poorten, queries en gecodeerde tekens tellen mee). Controleer het endpoint-veld, of voeg het adres toe aan de relay-configuratie.
relay-error-method-not-allowed = De relay laat alleen GET en POST door ({ $code }).
relay-error-rate-limited = De relay krijgt te veel aanvragen van dit adres ({ $code }). Wacht enkele seconden en probeer opnieuw.
relay-error-upstream-redirect = De server antwoordde met een doorverwijzing; de relay volgt die niet en geeft ze niet door ({ $code }). Controleer het endpoint-veld: waarschijnlijk is het adres verouderd of onvolledig.
relay-error-upstream-failed = De relay bereikte de server niet of het antwoord brak af ({ $code }). Controleer het adres, of probeer later opnieuw.
relay-error-upstream-timeout = De server antwoordde de relay niet op tijd ({ $code }). Probeer later opnieuw.
relay-error-other = De relay weigerde de aanvraag ({ $code }).

# exchange_failure
exchange-failure-invalid-url = Het veld { $field }: { $problem }
exchange-failure-relay-unreachable = De relay is niet bereikbaar of staat deze pagina niet toe (CORS). Controleer de relay-URL, of de relay draait, en of hij de herkomst van deze pagina toelaat. De browser zegt niet welke van de drie het is; de console (F12) toont meer.
exchange-failure-server-unreachable = De server is niet bereikbaar of staat rechtstreekse oproepen uit de browser niet toe (CORS). ACM en de API doen dat niet: stel een relay in.
exchange-failure-timeout = Geen antwoord binnen { $seconds } s. De relay of de server antwoordt niet; probeer opnieuw of verhoog de time-out.
exchange-failure-cancelled = Geannuleerd.
exchange-failure-too-large = Het antwoord is te groot ({ $size }; maximum { $max }); dit is geen normaal antwoord.
exchange-failure-http-denied = Toegang geweigerd: is het token geldig en voor deze API?
exchange-failure-http-not-found = Het adres bestaat niet: controleer het endpoint-veld.
exchange-failure-http-bad-gateway = De relay bereikte de server niet: controleer het adres of probeer later opnieuw.
exchange-failure-http-server-error = Fout aan de kant van de server: probeer later opnieuw of meld het aan het API-team.
exchange-failure-http =
    HTTP { $status }. { $hint }
    { $excerpt }
exchange-failure-not-json =
    HTTP { $status }, maar geen JSON: waarschijnlijk een pagina van een proxy of relay in plaats van de API.
    { $excerpt }

# oauth_cause
oauth-cause-key-not-registered = De publieke sleutel is niet (of een andere) geregistreerd: vergelijk in stap { -step-key } met wat in het Beheerportaal staat.
oauth-cause-not-approved = De client is nog niet goedgekeurd: wacht op het API-team.
oauth-cause-kid-or-alg = kid of alg van de assertion past niet bij de geregistreerde JWK: gebruik RS256 en de kid van de geregistreerde sleutel.
oauth-cause-wrong-aud = Verkeerde aud: gebruik het token-endpoint van deze omgeving, zoals de demo-client van het API-team (of de issuer), en wel van de juiste ACM: T&I voor beta/acc, productie voor PROD.
oauth-cause-expired = De assertion was verlopen: onderteken een nieuwe.
oauth-cause-jti-reused = De assertion (jti) werd al eens gebruikt. Aangenomen wordt dat ACM een hergebruikte jti weigert (RFC 7523 §3 laat dat toe): onderteken voor elke aanvraag een nieuwe.
oauth-cause-clock = De klok van deze computer wijkt af: zet de tijd automatisch gelijk.
oauth-cause-client-id-typo = Tikfout in het client id (iss, sub en client_id moeten gelijk zijn aan het id in het Beheerportaal).
oauth-cause-scope-not-granted = De gevraagde rol-scope is niet aan deze client toegekend: vraag hem aan in het Beheerportaal en laat hem goedkeuren.
oauth-cause-scope-other-name = De client kreeg misschien de scope onder de andere naam (dao_* of elys_*): kies de andere API-naam in stap { -step-organisation }.
oauth-cause-grant-not-allowed = De client mag geen Client Credentials Grant gebruiken: kies dat protocol bij de client in het Beheerportaal.
oauth-cause-malformed = De aanvraag was onvolledig of fout gevormd.
oauth-cause-relay-alters-body = De relay wijzigt misschien de body of de Content-Type: gebruik de referentieconfiguratie.
oauth-cause-temporary = Tijdelijk probleem bij ACM: probeer later opnieuw.

# oauth_error
oauth-error-invalid-client = ACM kon uw client niet authenticeren.
oauth-error-invalid-scope = Een gevraagde scope is ongeldig of niet toegekend.
oauth-error-unauthorized-client = De client mag dit granttype niet gebruiken.
oauth-error-invalid-request = De aanvraag is onvolledig of fout gevormd.
oauth-error-invalid-grant = De assertion werd niet aanvaard.
oauth-error-unsupported-grant-type = Dit granttype wordt niet ondersteund.
oauth-error-server-error = Probleem aan de kant van ACM.
oauth-error-other = Onbekende fout.

# token_answer_error
token-answer-error-not-json = Het antwoord van het token-endpoint is geen geldige JSON: { $detail }
token-answer-error-missing-access-token = Het antwoord bevat geen access_token.
token-answer-error-malformed-access-token = Het access_token in het antwoord is geen geldig bearer-token (RFC 6750: alleen letters, cijfers en -._~+/ en = op het einde). Het wordt niet gebruikt; controleer het token-endpoint-veld.
token-answer-error-unexpected-error = HTTP { $status } zonder OAuth-foutcode: controleer het token-endpoint-veld.

# relay_check
relay-check-reached = De relay antwoordt en laat deze pagina toe (CORS in orde); HTTP { $status }.
relay-check-unreadable = { $reached } Maar het discovery-document is onleesbaar: { $detail }
relay-check-no-token-endpoint = { $reached } Het discovery-document vermeldt geen token_endpoint.
relay-check-matches = { $reached } Het token_endpoint uit de discovery ({ $found }) komt overeen met het token-endpoint-veld.
relay-check-differs = { $reached } Maar het token_endpoint uit de discovery ({ $found }) verschilt van het token-endpoint-veld ({ $token_field }). Neem het adres uit de discovery over.

# finding
finding-json = Een JSON-object met { $count } velden.
finding-matches = Klopt.
finding-matches-after-normalising = Klopt, op hoofdletters, accenten, leestekens of rechtsvorm na.
finding-not-entered = Niet te vergelijken: dit gegeven is op deze pagina nog niet ingevuld (stap { -step-organisation } of { -step-assertion }).
finding-subject-of-its-own = Ter info: een eigen subject-id, niet het client id. Zo toont het API-team het ook (‘Subject id’ naast ‘Client id’ in client-aanvragen.md); geen bron vraagt dat ze gelijk zijn.
finding-subject-is-client-id = Ter info: gelijk aan het client id. Geen bron vraagt dat; het API-team toont een eigen subject-id.
finding-subject-absent = Ter info: het token heeft geen sub; geen bron vraagt er een.
finding-missing = Het veld { $field } ontbreekt in het antwoord.
finding-client-id = Dit antwoord hoort bij een andere client.
finding-org-code = De client is geregistreerd onder een andere organisatie.
finding-org-name = De naam is niet herkenbaar als uw organisatie; kijk na of het de juiste is.
finding-client-name = De clientnaam in ACM volgt de conventie niet. Dat is een waarschuwing: de onboardingtekst eist alleen dat vo_orgcode, vo_orgnaam en het client id kloppen. Pas hem aan in het Beheerportaal als u de conventie wilt volgen.
finding-differs = Verschilt.
finding-inconsistent = Het antwoord geeft op verschillende plaatsen verschillende waarden.
finding-case-or-spacing = Verschilt alleen in hoofdletters of spaties; pas de naam aan voor de volledigheid.
finding-partial = Gedeeltelijk gelijk: de ene naam bevat de andere. Kijk na of het de juiste organisatie is.
finding-wrong-environment = Verkeerde omgeving: dit token komt van ACM { $found }. Gebruik de ACM van de gekozen omgeving, of registreer de client in de juiste omgeving.
finding-unknown-issuer = Onbekende issuer: niet de issuer uit het issuer-veld van stap { -step-connection }.
finding-inactive = Het token is niet actief (verlopen of ingetrokken): vraag een nieuw aan.
finding-not-boolean = active is de tekst "true" in plaats van true.
finding-missing-scopes = Ontbreekt: { $missing }. Vraag de scope aan in het Beheerportaal en laat hem goedkeuren.
finding-other-brand-scope = De client heeft { $scope }: de scope onder de andere naam van de API. Kies in stap { -step-organisation } de andere API-naam, of vraag de juiste scope aan.
finding-malformed-org-code = De organisatiecode in het antwoord is geen geldig KBO-nummer of OVO-code.
finding-time-unreadable = { $field } is geen leesbaar tijdstip.
finding-exp-not-after-iat = exp ligt niet na iat.
finding-expired-long-ago = Dit token is al { $hours } uur verlopen: is dit een oud antwoord?
finding-iat-in-future = iat ligt { $minutes } minuten in de toekomst: wijkt de klok van deze computer af?

# verdict
verdict-ok = Alles klopt: uw client is correct geregistreerd. Stuur het bewijs van onboarding naar het API-team.
verdict-invalid = Dit is geen leesbaar ping-antwoord. { $detail }
verdict-warning = Het antwoord klopt, met een opmerking over { $name }: { $detail }
verdict-org-code = De organisatiecode verschilt: de client is geregistreerd onder een andere organisatie. { $detail }
verdict-client-id = Het client id verschilt. { $detail }
verdict-environment = Verkeerde omgeving. { $detail }
verdict-client-name = De clientnaam verschilt. { $detail }
verdict-scopes = Niet alle scopes zijn toegekend. { $detail }
verdict-other = { $name }: { $detail }

# or_placeholder
or-placeholder = (nog in te vullen)

# checklist_item
checklist-item-make-key-pair = Maak een sleutelpaar (stap { -step-key }) en bewaar de private sleutel veilig.
checklist-item-make-key-pair-detail = RSA met RS256, zoals in elk openbaar voorbeeld (aangenomen: geen document somt op wat ACM aanvaardt). Geen bron noemt een sleutellengte; de pagina maakt er standaard een van 4096 bits.
checklist-item-open-beheerportaal = Open het Beheerportaal: { $portal }
checklist-item-open-beheerportaal-manuals = De handleidingen van ACM die de onboardingtekst noemt:
checklist-item-create-client = Maak een nieuwe OAuth-client aan met de clientnaam ‘{ $client_name }’.
checklist-item-create-client-detail = Eén client per actor (organisatie) en per omgeving ({ $env }).
checklist-item-use-client-credentials-with-jwt = Kies het protocol OAuth2 Client Credentials Grant (CCG) met authenticatie via een Publieke JWT (zo schrijft het API-team het sinds 28 november 2025; de onboardingtekst zegt „via een JWT”).
checklist-item-upload-public-jwk = Registreer de publieke JWK van stap { -step-key } bij de client: de organisatie maakt zelf het sleutelpaar en geeft alleen de publieke sleutel af.
checklist-item-upload-public-jwk-kid = kid van de geladen sleutel: { $kid }
checklist-item-upload-public-jwk-no-key = Maak of laad eerst een sleutel in stap { -step-key }.
checklist-item-request-api-access = Vraag toegang tot de API met referentie ‘{ $reference }’.
checklist-item-request-api-access-detail = Client id van de API: { $api_id }
checklist-item-request-scopes = Vraag de scopes { $scopes } aan.
checklist-item-request-scopes-detail = Rol: { $role }
checklist-item-integrator-customer-known = Vraag de toegang aan op naam van uw klant { $org }, een concrete uitvaartonderneming: die moet gekend zijn bij eLys en de aangevraagde client zelf goedkeuren.
checklist-item-integrator-customer-known-detail = Daarnaast keurt het API-team de client goed na uw mail (onboardingtekst).
checklist-item-integrator-trusted-party = Als integrator bent u een ‘trusted party’: de voorwaarden staan in een samenwerkingsovereenkomst.
checklist-item-integrator-trusted-party-detail = Daarin staat onder meer uw verantwoordelijkheid om de eindgebruiker de juiste rol te geven en toegang te geven via uw eigen toegangssysteem.
checklist-item-integrator-checks-users = Controleer dat elke gebruiker van uw software bij { $org } hoort en de juiste rol heeft om het platform te gebruiken: dat is de verantwoordelijkheid van de integrator, met de plicht tot een auditlog.
checklist-item-integrator-checks-users-detail = De securitypagina van het API-team zegt dit voor de integratoren van lokale besturen, en sinds 15 mei 2025 ook voor de integratoren van de overige actoren.
checklist-item-integrator-terms-of-use = Toon de gebruiksvoorwaarden van eLys in uw software: het API-team vraagt dat van integratoren voor uitvaartondernemers.
checklist-item-audit-log = Houd een auditlog bij dat elke actie met het platform, en elk gebruik van zijn gegevens, aan een individuele gebruiker koppelt, en bewaar het 10 jaar.
checklist-item-audit-log-detail = Waarom: het platform ziet alleen uw organisatie (het token), niet wie er handelt. Bij een incident kan het API-team u om die gegevens vragen.
checklist-item-roles-responsibility = Ga correct om met gebruikersrollen en applicatiescopes: gebruikers krijgen enkel toegang tot de functionaliteit van het platform die bij hen past.
checklist-item-roles-responsibility-detail = Dat is uw verantwoordelijkheid.
checklist-item-mail-api-team = Mail het API-team dat u de client hebt aangevraagd (zie hieronder).
checklist-item-await-approval = Wacht op de goedkeuring: het API-team keurt de koppeling van uw client aan de API goed of af in het Beheerportaal.
checklist-item-note-client-id = Noteer het client id van uw nieuwe client en vul het in bij stap { -step-assertion }.
checklist-item-request-token = Vraag een token aan bij ACM { $side } met een client assertion (stap { -step-assertion } en { -step-connection }).
checklist-item-request-token-detail = Token-endpoint: { $token_url }
checklist-item-call-ping = Roep het ping-endpoint aan: { $ping_url }
checklist-item-call-ping-detail = Bij elke request verwacht het API-team (sinds 19 december 2024) de headers x-correlation-id (koppelt bij elkaar horende requests, bijvoorbeeld de requests die samen één scherm vullen), x-tracing-id (requests binnen dezelfde lokale transactie) en x-request-id (uniek per request); voor een test telkens nieuwe.
checklist-item-check-ping-answer = Controleer dat vo_orgcode, vo_orgnaam en het client id in het antwoord kloppen met uw client (stap { -step-check }): vo_orgcode { $code }, vo_orgnaam { $org }.
checklist-item-send-proof = Bewaar het bewijs van onboarding (stap { -step-check }), voor uzelf en wie uw client opvolgt.

# registration_mail
registration-mail-subject = Clientaanvraag { $client_name } ({ $env })
registration-mail-integrator = Wij zijn een software-integrator en vroegen de client aan in naam van onze klant { $org }.
registration-mail-client-id-line = Client id: { $id }
registration-mail-body =
    Beste,

    Wij hebben in het Beheerportaal ({ $portal }) een client aangevraagd voor de { $brand }-API. Mogen wij u vragen hem goed te keuren?

    Clientnaam: { $client_name }
    Omgeving: { $env }
    Organisatie: { $org }
    Organisatiecode (vo_orgcode): { $code }
    Referentie van de API: { $reference }
    Gevraagde scopes: { $scopes }{ $client_id }{ $integrator }

    Met vriendelijke groeten,

# proof_report
proof-report-out =
    # Bewijs van onboarding: { $client_name }

    - Clientnaam: { $client_name }
    - Omgeving: { $env } (ACM { $side })
    - Naam van de API: { $brand }
    - Client id: { $client_id }
    - Organisatie: { $org }
    - Organisatiecode: { $code }
    - Scopes: { $scopes }
    - Levensduur van de client assertion: { $lifetime } s
    - Parameter audience in de tokenaanvraag: { $api_audience }
    - Resultaat: { $verdict_id }: { $verdict_text }
    - Gecontroleerd op: { $checked_at }

    ## Controles

    | Controle | Resultaat | Verwacht | Gevonden |
    |---|---|---|---|
proof-report =
    ## Aangenomen

    Deze regels paste de pagina toe zonder openbare bron:
proof-report-subject = Bewijs van onboarding { $client_name } ({ $env })
proof-report-differing = ## Anders dan de bronnen publiceren
proof-differing-line = { $name }: { $value } ({ $origin })

# config_error
config-error-json = config.json is ongeldig: { $detail }
config-error-unknown-field = config.json: onbekend veld { $path }.
config-error-wrong-type = config.json: { $path } moet een { $expected } zijn.
config-error-unknown-environment = config.json: { $path } is geen omgeving (beta, acc of PROD).
config-error-unknown-brand = config.json: { $path } ‘{ $value }’ is geen API-naam (DAO of eLys).
config-error-bad-url = config.json: { $path }: { $problem }
config-error-bad-email = config.json: { $path } is geen e-mailadres.
config-error-bad-client-id = config.json: { $path } is geen client id (leesbare ASCII-tekens, zonder spaties).

# config_ignored
config-ignored = { $message } De pagina gebruikt de standaardwaarden; vraag de beheerder van deze pagina het bestand te verbeteren.

## Names chosen by the code
key-status-kid-is-thumbprint = {" "}(de thumbprint, want de sleutel had geen kid)
lint-expected-jti = aanwezig, uniek
clock-skew-server-ahead = De klok van de server loopt { $amount } s voor op die van deze computer. Een verificateur weigert assertions van een klok die te ver afwijkt: zet de tijd van deze computer automatisch gelijk.
clock-skew-computer-ahead = De klok van deze computer loopt { $amount } s voor op die van de server. Een verificateur weigert assertions van een klok die te ver afwijkt: zet de tijd van deze computer automatisch gelijk.
acm-side-test-and-integration = T&I (test en integratie)
acm-side-production = productie
json-kind-null = null
json-kind-bool = een booleaanse waarde
json-kind-number = een getal
json-kind-string = een tekst
json-kind-array = een lijst
json-kind-object = een object
key-source-generated = gemaakt in deze browser
key-source-jwk = JWK
key-source-jwks = JWKS
key-source-pkcs8-pem = PEM (PKCS#8)
key-source-pkcs1-pem = PEM (PKCS#1)
key-source-sec1-pem = PEM (SEC1)
pem-problem-begin-line-incomplete = de BEGIN-regel eindigt niet op -----
pem-problem-no-end-line = de END-regel ontbreekt
pem-problem-header-lines = kopregels (Naam: waarde) worden niet ondersteund
pem-problem-empty-body = er staat niets tussen BEGIN en END
pem-problem-bad-base64 = de tekst tussen BEGIN en END is geen geldige base64
party-name-page = Deze pagina
party-name-relay = Relay
party-name-acm = ACM/IDM
party-name-api = API
assumption-reason-rs256-from-examples = RS256 met een RSA-sleutel: zo ondertekent elk openbaar voorbeeld; geen document somt op welke algoritmen ACM aanvaardt.
assumption-reason-other-algorithms-unconfirmed = PS256 en ES256 worden aangeboden, maar geen bron bevestigt dat ACM ze aanvaardt.
assumption-reason-audience-issuer = aud is hier de issuer in plaats van het token-endpoint. Verschillende openbare ACM-clients doen dat (bijvoorbeeld jwt-python-script van Wegen en Verkeer en de DCBaaS-scripts), maar geen bron van de pagina zegt dat ACM het aanvaardt; de demo-client van het API-team zet het token-endpoint. RFC 7523 laat beide toe.
assumption-reason-lifetime-at-most600 = Hoogstens 600 s tussen iat en exp: alleen de regels van een andere Vlaamse OAuth-server en het commentaar van openbare ACM-scripts noemen die grens; ACM publiceert er geen. Bekend werkend is 60 s, de levensduur van de demo-client van het API-team.
assumption-reason-jti-single-use = Elke jti wordt maar één keer aanvaard: RFC 7523 laat een server dat toe; ACM's eigen regel is niet gepubliceerd.
assumption-reason-key-lookup-by-kid = Staat er een kid in de header, dan zoekt de verificateur de geregistreerde sleutel op die kid.
assumption-reason-single-audience = aud is één waarde, geen lijst: RFC 7523 laat een lijst toe, strikte verificateurs niet altijd.
assumption-reason-clock-tolerance = Een iat tot 15 s in de toekomst wordt verdragen (klokverschil); ACM's marge is niet gepubliceerd.
assumption-reason-dao-ping-hosts = De DAO-hostnamen van beta, acc en productie stonden in de securitypagina van het API-team tot de naamswijziging op 8 mei 2025, die ze alle drie verving (de onboardingtekst noemt die van beta); of ze nog antwoorden, zegt geen bron. De pagina gaat ervan uit.
assumption-reason-other-org-codes = vo_orgcode kan ook een OVO-code of een OV-instellingsnummer (5 of 6 cijfers) zijn; geen document bij de hand bevestigt die vormen, het OV-nummer wordt niet gecontroleerd.
lint-check-name-format = Vorm (header.payload.handtekening)
lint-check-name-alg = Algoritme (alg) asymmetrisch en passend bij de sleutel
lint-check-name-typ = Type (typ) JWT
lint-check-name-kid = kid hoort bij de sleutel
lint-check-name-signature = Handtekening klopt met de geladen sleutel
lint-check-name-iss-sub = iss = sub = uw client id
lint-check-name-aud = Eén aud (aangenomen): de issuer of het token-endpoint van deze ACM
lint-check-name-lifetime = exp − iat ≤ 600 s
lint-check-name-iat-not-in-future = iat ligt niet in de toekomst
lint-check-name-not-expired = Nog niet verlopen (exp)
lint-check-name-jti = jti aanwezig en uniek in deze sessie
check-name-json = Geldige JSON
check-name-client-id = Client id
check-name-subject = sub (ter info)
check-name-org-code = Organisatiecode
check-name-org-name = Naam van de organisatie
check-name-client-name = Clientnaam
check-name-environment = Omgeving (iss)
check-name-active = Token actief
check-name-scopes = Scopes
check-name-token-times = Geldigheid van het token

## Workspace
workspace-title = Werkruimte: al uw onboardings
workspace-intro = Eén rij per organisatie, rol en omgeving: per omgeving moet er een unieke client zijn. De werkruimte blijft in deze browser bewaard, zonder geheimen: nooit een private sleutel, assertion of token; een sleutel alleen met zijn publieke thumbprint en kid. De vinkjes van de checklist horen bij de open rij.
workspace-add = Huidige onboarding toevoegen
workspace-added = { $org } toegevoegd en geopend.
workspace-add-duplicate = { $org } staat al in de werkruimte voor deze rol en omgeving; die rij is nu geopend.
workspace-add-full = De werkruimte is vol ({ $max } rijen). Exporteer ze en verwijder rijen die klaar zijn.
workspace-add-invalid = Vul eerst in stap { -step-organisation } een geldige organisatienaam en organisatiecode in.
workspace-filter-label = Zoeken op naam, code, client id, rol of omgeving
workspace-empty = Nog geen onboardings. Vul stap { -step-organisation } in en kies ‘Huidige onboarding toevoegen’, of importeer een CSV-bestand.
workspace-empty-line = nog leeg
workspace-count = { $shown } getoond van { $matching } gevonden ({ $total } onboardings in totaal).
workspace-more = Meer tonen
workspace-col-organisation = Organisatie, code
workspace-col-role = Rol, omgeving
workspace-col-client = Client id
workspace-col-status = Voortgang
workspace-col-actions = Acties
workspace-no-client-id = nog geen
workspace-open = Openen
workspace-is-open = Geopend
workspace-current = Open onboarding: { $org } ({ $code }), { $role }, { $env }.
workspace-current-none = Geen rij van de werkruimte geopend: wat u nu invult, hoort bij geen onboarding. Open een rij of voeg dit toe aan de werkruimte.
workspace-next-env = Volgende: { $env }
workspace-next-env-started = Onboarding voor { $env } gestart en geopend. Maak er een nieuwe client voor aan in het Beheerportaal, met een eigen client id en een eigen sleutel: per omgeving moet er een unieke client zijn.
workspace-next-env-exists = De onboarding voor { $env } bestaat al; ze is nu geopend.
workspace-delete = Verwijderen
workspace-delete-confirm = { $org } uit de werkruimte verwijderen?
workspace-delete-yes = Ja, verwijderen
workspace-delete-no = Nee, behouden
workspace-deleted = { $org } verwijderd.
workspace-undo = Ongedaan maken
workspace-undone = { $org } staat terug in de werkruimte.
workspace-import-label = CSV of JSON importeren
workspace-import-help = CSV: een kopregel met de kolommen organisation, code, role, environment en eventueel client_id (andere kolommen worden genegeerd); komma of puntkomma, zoals Excel ze schrijft; UTF-8, met of zonder BOM. Alles of niets: bij één geweigerde regel wordt niets toegevoegd. Hoogstens 1 MB en 1000 rijen.
workspace-import-busy = Bestand wordt gelezen …
workspace-import-added = { $count } onboardings toegevoegd uit { $file }.
workspace-import-refused = Niets geïmporteerd uit { $file }; de werkruimte is ongewijzigd. { $reason }
workspace-import-refused-lines = Niets geïmporteerd uit { $file }: { $count } regels geweigerd, de werkruimte is ongewijzigd. Verbeter deze regels en importeer het bestand opnieuw.
workspace-refusals-not-listed = … en nog { $count } geweigerde regels, hier niet opgesomd.
workspace-import-line = Regel { $line }: { $reason }
workspace-file-empty = Het bestand is leeg.
workspace-file-too-large = Het bestand is { $bytes } bytes; de pagina leest er hoogstens { $max }. Splits het in kleinere bestanden.
workspace-file-too-many-rows = Het bestand heeft { $rows } rijen; één import voegt er hoogstens { $max } toe. Splits het in kleinere bestanden.
workspace-file-not-utf8 = Het bestand is geen UTF-8-tekst. Bewaar het in Excel als ‘CSV UTF-8’.
workspace-file-not-json = Dit is geen geldige JSON (regel { $line }, kolom { $column }).
workspace-file-not-a-workspace = Dit JSON-bestand is geen export van de werkruimte (‘format’: dao-onboard.workspace ontbreekt).
workspace-file-newer-version = Dit bestand is van een nieuwere versie van de pagina (formaat { $version }); deze versie leest formaat 1. Open het met de nieuwere pagina.
workspace-file-missing-column = De kopregel heeft geen kolom ‘{ $name }’. Nodig zijn: organisation, code, role, environment (en eventueel client_id).
workspace-file-duplicate-column = De kopregel noemt de kolom ‘{ $name }’ twee keer.
workspace-file-workspace-full = Met dit bestand zou de werkruimte { $rows } rijen hebben; ze houdt er hoogstens { $max }.
workspace-line-missing = de kolom ‘{ $column }’ is leeg.
workspace-line-too-many-columns = te veel kolommen (meer dan 64).
workspace-line-unknown-role = ‘{ $found }’ is geen rol. Gebruik uitvaartondernemer, crematorium, begraafplaats, lbbs, depzorg of arts.
workspace-line-unknown-role-unshown = de rol is er geen die de pagina kent. Gebruik uitvaartondernemer, crematorium, begraafplaats, lbbs, depzorg of arts.
workspace-line-unknown-environment = ‘{ $found }’ is geen omgeving. Gebruik beta, acc of prod.
workspace-line-unknown-environment-unshown = de omgeving is er geen die de pagina kent. Gebruik beta, acc of prod.
workspace-line-duplicate-in-file = dezelfde organisatie, rol en omgeving als regel { $first }.
workspace-line-duplicate-of-row = deze organisatie staat met deze rol en omgeving al in de werkruimte.
workspace-line-bad-member = het veld ‘{ $member }’ ontbreekt of klopt niet.
workspace-line-key-material = { $column }: dit lijkt op sleutelmateriaal (een PEM-regel, een JWK met d of een lange base64-tekst). Zo’n waarde komt nooit in de werkruimte; zet hier de juiste waarde.
workspace-export-json = Exporteren als JSON
workspace-export-csv = Exporteren als CSV
workspace-report = Voortgangsrapport (Markdown)
workspace-exported = { $file } gedownload.
workspace-status-new = Nieuw
workspace-status-requested = Client aangevraagd
workspace-status-mailed = API-team gemaild
workspace-status-approved = Goedgekeurd
workspace-status-connected = Verbonden
workspace-milestone-composed = Waarden samengesteld
workspace-milestone-key-registered = Sleutel geregistreerd
workspace-milestone-requested = Client aangevraagd in het Beheerportaal
workspace-milestone-mailed = API-team gemaild
workspace-milestone-approved = Goedgekeurd (zoals u aangeeft)
workspace-milestone-connected = Verbonden (ping-antwoord in orde)
workspace-progress-hint = De voortgang volgt uit wat er gebeurde: de vinkjes ‘client aanmaken’, ‘publieke JWK registreren’ (met een geladen sleutel), ‘het API-team mailen’ en ‘goedkeuring’ van de checklist, en een ping-antwoord dat in stap { -step-check } in orde of met waarschuwingen is voor deze client en omgeving.
workspace-date-unknown = datum onbekend
workspace-not-yet = nog niet
workspace-report-title = Voortgang van de onboardings
workspace-report-heading = { $org } ({ $code }), { $role }, { $env }
workspace-report-status = Voortgang
workspace-report-client = Client id
workspace-report-key = Sleutel (thumbprint)
workspace-report-proof = Bewijs van de verbinding
workspace-report-col-check = Controle
workspace-report-col-result = Resultaat
workspace-report-col-found = Gevonden
workspace-report-col-date = Gecontroleerd op
workspace-key-this = Deze sleutel is geregistreerd voor de open onboarding.
workspace-key-other = Let op: deze sleutel is geregistreerd voor { $rows }, niet voor de open onboarding. Per omgeving hoort een eigen client met een eigen sleutel; laad de sleutel van deze onboarding of maak er een nieuwe.
workspace-key-open-has-other = Let op: voor de open onboarding is een andere sleutel geregistreerd (thumbprint { $thumbprint }). Laad die sleutel, of vink ‘publieke JWK registreren’ uit en opnieuw aan als u deze sleutel registreerde.
workspace-key-registered-for = Deze sleutel is geregistreerd voor { $rows }.
workspace-storage-full = De werkruimte kon niet bewaard worden: de opslag van de browser is vol. De laatste wijzigingen staan alleen op deze pagina; exporteer de werkruimte als JSON voor u ze sluit.
workspace-storage-unavailable = Deze browser geeft de pagina geen opslag (een privévenster of de instellingen): de werkruimte verdwijnt met dit tabblad. Exporteer ze als JSON om ze te bewaren.
workspace-stored-refused = De bewaarde werkruimte is niet gelezen: { $reason } Ze is niet gewist, en zolang u niet kiest voor een nieuwe werkruimte, bewaart de pagina niets over haar heen (ook geen nieuwe rijen). Download ze om ze te bewaren.
workspace-stored-replace = Nieuwe werkruimte beginnen (de bewaarde wordt overschreven)
workspace-stored-download = Bewaarde werkruimte downloaden
workspace-migrated = De onboarding van uw vorige bezoek is de eerste rij van de werkruimte geworden; de data van de stappen daarvóór zijn onbekend.

## Language
lang-load-failed = De Engelse teksten konden niet geladen of gecontroleerd worden (geen verbinding?). De pagina blijft in het Nederlands; probeer het later opnieuw.
late-loading = De programma's en de relayconfiguratie worden geladen (ze komen na de rest van de pagina) …
late-load-failed = De programma's en de relayconfiguratie konden niet geladen of gecontroleerd worden (geen verbinding, of een bestand dat afwijkt: andere versie of gewijzigd).
late-retry = Opnieuw proberen
part-loading = Dit deel van de pagina wordt geladen (het komt na de eerste stap) …
part-load-failed = Dit deel van de pagina kon niet geladen of gecontroleerd worden (geen verbinding, of een bestand dat afwijkt: andere versie of gewijzigd). Wat u al invulde, blijft staan.
