//! Part of `messages`: Texts of the documents people send: the checklist, the registration mail and the proof report.

use super::{msg, t, Lang, T};
use crate::domain::checked::organisation::{OrgCode, OrgName};
use crate::domain::facts::provenance::Sourced;
use crate::domain::facts::sources::Assumption;
use crate::domain::onboarding::checklist::{self, ChecklistItem};
use crate::domain::onboarding::ping::PingReport;
use crate::domain::onboarding::registration::Registration;
use crate::domain::templates::engine::markdown_inline;

use super::organisation::{acm_side, role_text};
use super::owned;
use super::ping::{check_name, status_text, verdict};
use super::sources::{assumption_reason, value_name, value_origin};

/// What the checklist texts are filled in with.
pub struct ChecklistContext<'a> {
    pub registration: &'a Registration,
    pub token_endpoint: &'a str,
    pub ping_url: &'a str,
    pub kid: Option<&'a str>,
}

fn or_placeholder(lang: Lang, value: Option<&str>) -> String {
    value.map_or_else(|| owned(lang, T::OrPlaceholder), str::to_string)
}

/// The organisation's name and code as entered when valid, else the "to be filled in" mark.
fn organisation_or_placeholders(lang: Lang, reg: &Registration) -> (String, String) {
    (
        or_placeholder(lang, reg.org_name.as_ref().ok().map(OrgName::as_str)),
        or_placeholder(lang, reg.org_code.as_ref().ok().map(OrgCode::canonical)),
    )
}

/// The title and detail of one checklist item.
pub fn checklist_item(
    lang: Lang,
    item: ChecklistItem,
    ctx: &ChecklistContext<'_>,
) -> (String, String) {
    let reg = ctx.registration;
    let (org, code) = organisation_or_placeholders(lang, reg);
    let client_name = or_placeholder(lang, reg.client_name.as_deref());
    let env = reg.environment.code();
    let portal = reg.beheerportaal;
    let reference = &reg.api_reference;
    let scopes = &reg.scope_string;
    let side = acm_side(lang, reg.environment.acm_side());
    let (token_url, ping_url) = (ctx.token_endpoint, ctx.ping_url);
    match item {
        ChecklistItem::MakeKeyPair => (
            owned(lang, T::ChecklistItemMakeKeyPair),
            owned(lang, T::ChecklistItemMakeKeyPairDetail),
        ),
        ChecklistItem::OpenBeheerportaal => (
            msg::ChecklistItemOpenBeheerportaal { portal: &portal }.text(lang),
            // The manuals themselves are the item's links (`ChecklistItem::links`).
            owned(lang, T::ChecklistItemOpenBeheerportaalManuals),
        ),
        ChecklistItem::CreateClient => (
            msg::ChecklistItemCreateClient {
                client_name: &client_name,
            }
            .text(lang),
            msg::ChecklistItemCreateClientDetail { env: &env }.text(lang),
        ),
        ChecklistItem::UseClientCredentialsWithJwt => (
            owned(lang, T::ChecklistItemUseClientCredentialsWithJwt),
            String::new(),
        ),
        ChecklistItem::UploadPublicJwk => (
            owned(lang, T::ChecklistItemUploadPublicJwk),
            match ctx.kid {
                Some(kid) => msg::ChecklistItemUploadPublicJwkKid { kid: &kid }.text(lang),
                None => owned(lang, T::ChecklistItemUploadPublicJwkNoKey),
            },
        ),
        ChecklistItem::RequestApiAccess => {
            let api_id = or_placeholder(lang, reg.api_client_id.as_deref());
            (
                msg::ChecklistItemRequestApiAccess {
                    reference: &reference,
                }
                .text(lang),
                match reg.api_client_id {
                    Some(_) => {
                        msg::ChecklistItemRequestApiAccessDetail { api_id: &api_id }.text(lang)
                    }
                    None => t(lang, T::ApiClientIdUnknown).to_string(),
                },
            )
        }
        ChecklistItem::RequestScopes => {
            let role = role_text(lang, reg.role);
            (
                msg::ChecklistItemRequestScopes { scopes: &scopes }.text(lang),
                msg::ChecklistItemRequestScopesDetail { role: &role }.text(lang),
            )
        }
        ChecklistItem::IntegratorCustomerKnown => (
            msg::ChecklistItemIntegratorCustomerKnown { org: &org }.text(lang),
            owned(lang, T::ChecklistItemIntegratorCustomerKnownDetail),
        ),
        ChecklistItem::IntegratorChecksUsers => (
            msg::ChecklistItemIntegratorChecksUsers { org: &org }.text(lang),
            owned(lang, T::ChecklistItemIntegratorChecksUsersDetail),
        ),
        ChecklistItem::IntegratorTrustedParty => (
            owned(lang, T::ChecklistItemIntegratorTrustedParty),
            owned(lang, T::ChecklistItemIntegratorTrustedPartyDetail),
        ),
        ChecklistItem::IntegratorTermsOfUse => (
            owned(lang, T::ChecklistItemIntegratorTermsOfUse),
            String::new(),
        ),
        ChecklistItem::AuditLog => (
            owned(lang, T::ChecklistItemAuditLog),
            owned(lang, T::ChecklistItemAuditLogDetail),
        ),
        ChecklistItem::Retention => (
            owned(lang, T::ChecklistItemRetention),
            if reg.role.is_local_government() {
                owned(lang, T::ChecklistItemRetentionMunicipality)
            } else {
                String::new()
            },
        ),
        ChecklistItem::RolesResponsibility => (
            owned(lang, T::ChecklistItemRolesResponsibility),
            owned(lang, T::ChecklistItemRolesResponsibilityDetail),
        ),
        ChecklistItem::MailApiTeam => (owned(lang, T::ChecklistItemMailApiTeam), String::new()),
        ChecklistItem::AwaitApproval => (
            owned(lang, T::ChecklistItemAwaitApproval),
            owned(lang, T::ChecklistItemAwaitApprovalDetail),
        ),
        ChecklistItem::NoteClientId => (owned(lang, T::ChecklistItemNoteClientId), String::new()),
        ChecklistItem::RequestToken => (
            msg::ChecklistItemRequestToken { side: &side }.text(lang),
            msg::ChecklistItemRequestTokenDetail {
                token_url: &token_url,
            }
            .text(lang),
        ),
        ChecklistItem::CallPing => (
            msg::ChecklistItemCallPing {
                ping_url: &ping_url,
            }
            .text(lang),
            owned(lang, T::ChecklistItemCallPingDetail),
        ),
        ChecklistItem::CheckPingAnswer => (
            msg::ChecklistItemCheckPingAnswer {
                code: &code,
                org: &org,
            }
            .text(lang),
            String::new(),
        ),
        ChecklistItem::SendProof => (owned(lang, T::ChecklistItemSendProof), String::new()),
    }
}

/// The checklist as Markdown, with ticks.
pub fn checklist_markdown(
    lang: Lang,
    ctx: &ChecklistContext<'_>,
    ticked: &dyn Fn(ChecklistItem) -> bool,
) -> String {
    let items = checklist::items(ctx.registration.integrator, ctx.registration.role);
    let steps = [
        (checklist::ChecklistStep::Register, T::ChecklistStepRegister),
        (
            checklist::ChecklistStep::FirstConnection,
            T::ChecklistStepConnect,
        ),
    ]
    .iter()
    .map(|(step, heading)| checklist::MarkdownStep {
        heading: t(lang, *heading).to_string(),
        items: items
            .iter()
            .filter(|item| item.step() == *step)
            .map(|item| {
                let (text, detail) = checklist_item(lang, *item, ctx);
                checklist::MarkdownItem {
                    done: ticked(*item),
                    text,
                    detail,
                    links: item.links(),
                }
            })
            .collect(),
    })
    .collect::<Vec<_>>();
    let title = match ctx.registration.client_name.as_deref() {
        Some(name) => format!("{} – {name}", t(lang, T::ChecklistTitle)),
        None => t(lang, T::ChecklistTitle).to_string(),
    };
    // Markdown text always encodes; an error here would be a broken template, shown as such.
    checklist::to_markdown(&title, &steps).unwrap_or_else(|err| err.to_string())
}

/// Subject and body of the mail that tells the API team the client was requested.
pub fn registration_mail(
    lang: Lang,
    reg: &Registration,
    client_id: Option<&str>,
) -> (String, String) {
    let (org, code) = organisation_or_placeholders(lang, reg);
    let client_name = or_placeholder(lang, reg.client_name.as_deref());
    let env = reg.environment.code();
    let brand = reg.brand.name();
    let (portal, reference, scopes) = (reg.beheerportaal, &reg.api_reference, &reg.scope_string);
    let subject = msg::RegistrationMailSubject {
        client_name: &client_name,
        env: &env,
    }
    .text(lang);
    let integrator = if reg.integrator {
        format!(
            "\n{}",
            msg::RegistrationMailIntegrator { org: &org }.text(lang)
        )
    } else {
        String::new()
    };
    let client_id = client_id
        .map(|id| {
            format!(
                "\n{}",
                msg::RegistrationMailClientIdLine { id: &id }.text(lang)
            )
        })
        .unwrap_or_default();
    let body = format!(
        "{}\n",
        msg::RegistrationMailBody {
            brand: &brand,
            client_id: &client_id,
            client_name: &client_name,
            code: &code,
            env: &env,
            integrator: &integrator,
            org: &org,
            portal: &portal,
            reference: &reference,
            scopes: &scopes
        }
        .text(lang)
    );
    (subject, body)
}

/// What the proof report states; it holds no token, assertion or key by construction.
pub struct ProofFacts<'a> {
    pub registration: &'a Registration,
    pub client_id: Option<&'a str>,
    pub report: &'a PingReport,
    /// RFC 3339 time of the check.
    pub checked_at: String,
    /// The assumptions the page applied (`facts::assumptions_in_force`).
    pub assumptions: &'a [Assumption],
    /// The values that differ from what the sources publish (`provenance::differing`).
    pub differing: &'a [&'a Sourced],
    /// The client assertion's lifetime in effect, in seconds, when the field holds a valid one.
    pub lifetime_seconds: Option<u32>,
    /// ACM's `audience` parameter the token request sends, if any.
    pub api_audience: Option<&'a str>,
}

/// The proof of onboarding as Markdown, and its mail subject.
pub fn proof_report(lang: Lang, facts: &ProofFacts<'_>) -> (String, String) {
    let reg = facts.registration;
    let client_name = or_placeholder(lang, reg.client_name.as_deref());
    let (org, code) = organisation_or_placeholders(lang, reg);
    let client_id = or_placeholder(lang, facts.client_id);
    let env = reg.environment.code();
    let side = acm_side(lang, reg.environment.acm_side());
    let brand = reg.brand.name();
    let scopes = &reg.scope_string;
    let verdict_id = facts.report.verdict.id();
    let verdict_text = verdict(lang, facts.report);
    // The proof's frame is a Markdown message of the locale files; the values it takes are
    // Markdown-encoded first, like every value the generator writes into Markdown.
    let md = markdown_inline;
    let (client_name, org, code, client_id) =
        (md(&client_name), md(&org), md(&code), md(&client_id));
    let (scopes, verdict_text) = (md(scopes), md(&verdict_text));
    let checked_at = md(&facts.checked_at);
    let lifetime = facts
        .lifetime_seconds
        .map_or_else(|| or_placeholder(lang, None), |s| s.to_string());
    let api_audience = match facts.api_audience {
        Some(id) => md(id),
        None => owned(lang, T::ProofApiAudienceNone),
    };
    let mut out = format!(
        "{}\n",
        msg::ProofReportOut {
            brand: &brand,
            checked_at: &checked_at,
            client_id: &client_id,
            client_name: &client_name,
            code: &code,
            env: &env,
            lifetime: &lifetime,
            api_audience: &api_audience,
            org: &org,
            scopes: &scopes,
            side: &side,
            verdict_id: &verdict_id,
            verdict_text: &verdict_text
        }
        .text(lang)
    );
    for row in &facts.report.rows {
        let (check, status) = (check_name(lang, row.check), status_text(lang, row.status));
        // The found values come from the server's answer: Markdown-encoded like every cell.
        let cells = [check, status, &row.expected, &row.found];
        out.push_str(&checklist::markdown_table_row(cells).unwrap_or_else(|err| err.to_string()));
    }
    out.push_str(&format!("\n{}\n\n", owned(lang, T::ProofReport)));
    for assumption in facts.assumptions {
        let reason = assumption_reason(lang, *assumption);
        out.push_str(&checklist::markdown_list_item(reason).unwrap_or_else(|err| err.to_string()));
    }
    if !facts.differing.is_empty() {
        out.push_str(&format!("\n{}\n\n", owned(lang, T::ProofReportDiffering)));
        for value in facts.differing {
            let line = msg::ProofDifferingLine {
                name: &value_name(lang, value.name),
                origin: &value_origin(lang, value),
                value: &value.value,
            }
            .text(lang);
            out.push_str(
                &checklist::markdown_list_item(&line).unwrap_or_else(|err| err.to_string()),
            );
        }
    }
    let subject = msg::ProofReportSubject {
        client_name: &client_name,
        env: &env,
    }
    .text(lang);
    (out, subject)
}
