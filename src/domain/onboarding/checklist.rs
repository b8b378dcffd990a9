//! The registration checklist: the onboarding text's step 1 (register the client) and step 2
//! (first connection) as items a user ticks. Which items apply is a rule; their wording is in
//! `i18n`, filled in with the registration's values.

use crate::domain::facts::environment::Role;
use crate::domain::facts::sources::{self as facts, Fact};
use crate::domain::templates::engine::{Rendered, Syntax, Template, TemplateError, Value};

/// The two steps of the onboarding text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChecklistStep {
    /// Registering the client in the Beheerportaal.
    Register,
    /// The first token and the first ping.
    FirstConnection,
}

listed_enum! {
    /// One thing to do. The id is stable: ticks are saved under it.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum ChecklistItem {
        /// Make a key pair and keep the private key.
        MakeKeyPair,
        /// Open the Beheerportaal of the environment.
        OpenBeheerportaal,
        /// Create the client with the composed name.
        CreateClient,
        /// Choose the Client Credentials Grant with a JWT.
        UseClientCredentialsWithJwt,
        /// Register the public JWK.
        UploadPublicJwk,
        /// Ask for access to the API by its reference.
        RequestApiAccess,
        /// Ask for the scopes of the role.
        RequestScopes,
        /// Integrators: ask in the name of a customer known to the API.
        IntegratorCustomerKnown,
        /// Integrators of every actor: check that each user belongs to the customer and has the
        /// right role.
        IntegratorChecksUsers,
        /// Integrators: act as a trusted party for the customer's users.
        IntegratorTrustedParty,
        /// A funeral-home integrator shows eLys's terms of use in its software.
        IntegratorTermsOfUse,
        /// Keep an audit log of who did what.
        AuditLog,
        /// Integrators and local governments: eLys shows a file for a limited time only; what
        /// municipalities keep themselves for ten years.
        Retention,
        /// Handle user roles and permissions correctly.
        RolesResponsibility,
        /// Mail the API team that the client was requested.
        MailApiTeam,
        /// Wait for the API team's approval.
        AwaitApproval,
        /// Note the new client's id.
        NoteClientId,
        /// Request a token from ACM.
        RequestToken,
        /// Call the ping endpoint.
        CallPing,
        /// Check the ping answer against the registration.
        CheckPingAnswer,
        /// Keep the proof of onboarding.
        SendProof,
    }
}

impl ChecklistItem {
    /// The id under which a tick is saved (`data-item` in the page).
    pub fn id(self) -> &'static str {
        match self {
            ChecklistItem::MakeKeyPair => "make-key-pair",
            ChecklistItem::OpenBeheerportaal => "open-beheerportaal",
            ChecklistItem::CreateClient => "create-client",
            ChecklistItem::UseClientCredentialsWithJwt => "ccg-with-jwt",
            ChecklistItem::UploadPublicJwk => "upload-public-jwk",
            ChecklistItem::RequestApiAccess => "request-api-access",
            ChecklistItem::RequestScopes => "request-scopes",
            ChecklistItem::IntegratorCustomerKnown => "integrator-customer",
            ChecklistItem::IntegratorChecksUsers => "integrator-checks-users",
            ChecklistItem::IntegratorTrustedParty => "integrator-trusted-party",
            ChecklistItem::IntegratorTermsOfUse => "integrator-terms-of-use",
            ChecklistItem::AuditLog => "audit-log",
            ChecklistItem::Retention => "retention",
            ChecklistItem::RolesResponsibility => "roles-responsibility",
            ChecklistItem::MailApiTeam => "mail-api-team",
            ChecklistItem::AwaitApproval => "await-approval",
            ChecklistItem::NoteClientId => "note-client-id",
            ChecklistItem::RequestToken => "request-token",
            ChecklistItem::CallPing => "call-ping",
            ChecklistItem::CheckPingAnswer => "check-ping-answer",
            ChecklistItem::SendProof => "send-proof",
        }
    }

    /// The item with this stable id, if any.
    pub fn from_id(id: &str) -> Option<ChecklistItem> {
        ChecklistItem::ALL.into_iter().find(|item| item.id() == id)
    }

    /// The part of the checklist the item belongs to.
    pub fn step(self) -> ChecklistStep {
        match self {
            ChecklistItem::RequestToken
            | ChecklistItem::CallPing
            | ChecklistItem::CheckPingAnswer
            | ChecklistItem::SendProof => ChecklistStep::FirstConnection,
            _ => ChecklistStep::Register,
        }
    }

    /// The items for integrators of funeral homes: their sources speak of funeral homes only
    /// (the customer sentence, the trusted party of the funeral-home user stories, the terms of
    /// use of `uitvaart/doc/README.md`). The audit log is not one of them: the API team's
    /// security page puts that duty on every client that uses the API.
    fn funeral_home_integrators_only(self) -> bool {
        matches!(
            self,
            ChecklistItem::IntegratorCustomerKnown
                | ChecklistItem::IntegratorTrustedParty
                | ChecklistItem::IntegratorTermsOfUse
        )
    }

    /// Documents the item points to, as (title, address): shown as links under it on the page
    /// and as a Markdown list in the export.
    pub fn links(self) -> &'static [(&'static str, &'static str)] {
        match self {
            // The ACM manuals the onboarding text names, where the portal is opened.
            ChecklistItem::OpenBeheerportaal => &facts::acm::MANUALS,
            ChecklistItem::IntegratorTermsOfUse => &TERMS_OF_USE_LINK,
            _ => &[],
        }
    }

    /// The fact the item rests on, for its source note.
    pub fn fact(self) -> Option<Fact> {
        match self {
            ChecklistItem::MakeKeyPair | ChecklistItem::UploadPublicJwk => {
                Some(Fact::KeyMadeByOrganisation)
            }
            ChecklistItem::OpenBeheerportaal => None,
            ChecklistItem::CreateClient => Some(Fact::OneClientPerActorAndEnvironment),
            ChecklistItem::UseClientCredentialsWithJwt => Some(Fact::ClientCredentialsWithJwt),
            ChecklistItem::RequestApiAccess => None,
            ChecklistItem::RequestScopes => Some(Fact::Scopes),
            ChecklistItem::IntegratorCustomerKnown => Some(Fact::IntegratorForCustomer),
            ChecklistItem::IntegratorChecksUsers => Some(Fact::IntegratorsCheckUsers),
            ChecklistItem::IntegratorTrustedParty => Some(Fact::IntegratorTrustedParty),
            ChecklistItem::IntegratorTermsOfUse => Some(Fact::TermsOfUse),
            ChecklistItem::AuditLog => Some(Fact::AuditLogTenYears),
            ChecklistItem::Retention => Some(Fact::Retention),
            ChecklistItem::RolesResponsibility => Some(Fact::RolesAreTheClientsDuty),
            ChecklistItem::MailApiTeam => Some(Fact::ApprovalByApiTeam),
            ChecklistItem::AwaitApproval => Some(Fact::ApprovalInBeheerportaal),
            ChecklistItem::NoteClientId => None,
            ChecklistItem::RequestToken => Some(Fact::TokenRequest),
            ChecklistItem::CallPing => Some(Fact::PingHeaders),
            ChecklistItem::CheckPingAnswer => Some(Fact::PingMatchRule),
            ChecklistItem::SendProof => None,
        }
    }
}

/// eLys's terms of use, linked under the item that asks to show them.
const TERMS_OF_USE_LINK: [(&str, &str); 1] = [("Gebruiksvoorwaarden eLys", facts::TERMS_OF_USE)];

/// The items that apply, in order: the integrator items only for an integrator, and those
/// whose sources speak of funeral homes only for an integrator onboarding a funeral home; the
/// retention periods for integrators and local governments (`bewaartermijnen.md` speaks of
/// what eLys shows and what municipal systems keep).
pub fn items(integrator: bool, role: Role) -> Vec<ChecklistItem> {
    let funeral_home_integrator = integrator && role == Role::Uitvaartondernemer;
    ChecklistItem::ALL
        .into_iter()
        .filter(|item| integrator || *item != ChecklistItem::IntegratorChecksUsers)
        .filter(|item| {
            integrator || role.is_local_government() || *item != ChecklistItem::Retention
        })
        .filter(|item| funeral_home_integrator || !item.funeral_home_integrators_only())
        .collect()
}

/// The file name of an exported checklist: `checklist-<client name>.md`, with white space as
/// dashes and nothing a file system objects to; a placeholder until the name is known.
pub fn export_file_name(client_name: Option<&str>) -> String {
    let name: String = client_name
        .unwrap_or("onboarding")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
        .chars()
        .filter(|c| {
            !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') && !c.is_control()
        })
        .collect();
    format!("checklist-{name}.md")
}

/// One step of an exported checklist, already in the reader's language.
pub struct MarkdownStep {
    /// The section's heading.
    pub heading: String,
    /// The section's items.
    pub items: Vec<MarkdownItem>,
}

/// One item of an exported checklist.
pub struct MarkdownItem {
    /// Ticked.
    pub done: bool,
    /// The item's title.
    pub text: String,
    /// The item's detail line.
    pub detail: String,
    /// The item's [`ChecklistItem::links`].
    pub links: &'static [(&'static str, &'static str)],
}

/// A checklist as Markdown: a title, then per step a heading and its items as task-list lines
/// (`- [x] …`), each item's detail indented under it, then its links as a nested list. Every
/// text is Markdown-escaped by the one generator, so a name cannot open a link or a heading.
pub fn to_markdown(title: &str, steps: &[MarkdownStep]) -> Result<String, TemplateError> {
    let mut pieces = vec![MD_TITLE.render(|slot| (slot == "TITLE").then_some(Value::Str(title)))?];
    for step in steps {
        pieces.push(
            MD_HEADING.render(|slot| (slot == "HEADING").then_some(Value::Str(&step.heading)))?,
        );
        for item in &step.items {
            pieces.push(MD_ITEM.render(|slot| match slot {
                "TICK" => Some(Value::Code(if item.done { "x" } else { " " })),
                "TEXT" => Some(Value::Str(&item.text)),
                _ => None,
            })?);
            for line in item.detail.lines().filter(|line| !line.trim().is_empty()) {
                pieces.push(MD_DETAIL.render(|slot| (slot == "LINE").then_some(Value::Str(line)))?);
            }
            for (title, url) in item.links {
                pieces.push(MD_LINK.render(|slot| match slot {
                    "TITLE" => Some(Value::Str(title)),
                    "URL" => Some(Value::Url(url)),
                    _ => None,
                })?);
            }
        }
    }
    Ok(Rendered::concat(pieces).into_string())
}

const MD_TITLE: Template = Template::new(Syntax::Markdown, "# {{TITLE}}\n");
const MD_HEADING: Template = Template::new(Syntax::Markdown, "\n## {{HEADING}}\n\n");
const MD_ITEM: Template = Template::new(Syntax::Markdown, "- [{{TICK}}] {{TEXT}}\n");
const MD_DETAIL: Template = Template::new(Syntax::Markdown, "  {{LINE}}\n");
const MD_LINK: Template = Template::new(Syntax::Markdown, "  - [{{TITLE}}]({{URL}})\n");

const MD_TABLE_ROW: Template = Template::new(
    Syntax::Markdown,
    "| {{CELL_1}} | {{CELL_2}} | {{CELL_3}} | {{CELL_4}} |\n",
);
const MD_LIST_ITEM: Template = Template::new(Syntax::Markdown, "- {{TEXT}}\n");

/// One row of a four-column Markdown table (the proof's checks), each cell Markdown text: a `|`
/// or a line break in a value (a server's answer) cannot add a column or end the row.
pub fn markdown_table_row(cells: [&str; 4]) -> Result<String, TemplateError> {
    MD_TABLE_ROW
        .render(|slot| {
            let index = match slot {
                "CELL_1" => 0,
                "CELL_2" => 1,
                "CELL_3" => 2,
                "CELL_4" => 3,
                _ => return None,
            };
            Some(Value::Str(cells[index]))
        })
        .map(Rendered::into_string)
}

/// One item of a Markdown list.
pub fn markdown_list_item(text: &str) -> Result<String, TemplateError> {
    MD_LIST_ITEM
        .render(|slot| (slot == "TEXT").then_some(Value::Str(text)))
        .map(Rendered::into_string)
}

const MAILTO: Template = Template::new(
    Syntax::UrlQuery,
    "mailto:{{TO}}?subject={{SUBJECT}}&body={{BODY}}",
);

/// A `mailto:` URL (RFC 6068) with subject and body: the address with its `@` kept, every
/// other character but the unreserved ones percent-encoded, line breaks as CRLF.
pub fn mailto(to: &str, subject: &str, body: &str) -> Result<String, TemplateError> {
    let body = body.replace("\r\n", "\n").replace('\n', "\r\n");
    let to = to.trim();
    MAILTO
        .render(|slot| {
            Some(match slot {
                // An empty address is allowed: the mail program asks for one.
                "TO" if to.is_empty() => Value::Code(""),
                "TO" => Value::Word(to),
                "SUBJECT" => Value::Str(subject),
                "BODY" => Value::Str(&body),
                _ => return None,
            })
        })
        .map(Rendered::into_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrator_items_only_for_integrators_of_funeral_homes() {
        let plain = items(false, Role::Uitvaartondernemer);
        let integrator = items(true, Role::Uitvaartondernemer);
        assert_eq!(integrator.len(), plain.len() + 5);
        assert!(!plain.contains(&ChecklistItem::IntegratorChecksUsers));
        assert!(!plain.contains(&ChecklistItem::Retention));
        assert!(integrator.contains(&ChecklistItem::Retention));
        // The audit log is every client's duty (security/README.md), not only integrators'.
        assert!(plain.contains(&ChecklistItem::AuditLog));
        assert!(!plain.contains(&ChecklistItem::IntegratorTrustedParty));
        assert!(integrator.contains(&ChecklistItem::IntegratorCustomerKnown));
        assert!(integrator.contains(&ChecklistItem::IntegratorTrustedParty));
        assert!(integrator.contains(&ChecklistItem::IntegratorTermsOfUse));
        // Checking the users' organisation and role is every integrator's duty (security
        // README, for the other actors since 2025-05-15); the rest speak of funeral homes only.
        for role in Role::ALL {
            if role != Role::Uitvaartondernemer {
                let mut expected = items(false, role);
                let at = expected
                    .iter()
                    .position(|item| *item == ChecklistItem::AuditLog)
                    .expect("every client keeps an audit log");
                expected.insert(at, ChecklistItem::IntegratorChecksUsers);
                // Local governments see the retention periods whether or not an integrator
                // asks; for the other actors only integrators do.
                if !role.is_local_government() {
                    expected.insert(at + 2, ChecklistItem::Retention);
                }
                assert_eq!(items(true, role), expected, "{role:?}");
            }
        }
        assert_eq!(plain.first(), Some(&ChecklistItem::MakeKeyPair));
        assert_eq!(plain.last(), Some(&ChecklistItem::SendProof));
    }

    #[test]
    fn retention_periods_for_integrators_and_local_governments() {
        for role in Role::ALL {
            assert_eq!(
                items(false, role).contains(&ChecklistItem::Retention),
                matches!(role, Role::Lbbs | Role::Begraafplaats),
                "{role:?}"
            );
            assert!(items(true, role).contains(&ChecklistItem::Retention));
        }
        assert_eq!(ChecklistItem::Retention.fact(), Some(Fact::Retention));
        // The approval itself happens in the Beheerportaal (ACM); the mail is the onboarding
        // text's.
        assert_eq!(
            ChecklistItem::AwaitApproval.fact(),
            Some(Fact::ApprovalInBeheerportaal)
        );
        assert_eq!(
            ChecklistItem::MailApiTeam.fact(),
            Some(Fact::ApprovalByApiTeam)
        );
    }

    #[test]
    fn export_file_names_are_safe() {
        assert_eq!(
            export_file_name(Some("eLys beta Stad Gent client")),
            "checklist-eLys-beta-Stad-Gent-client.md"
        );
        assert_eq!(
            export_file_name(Some("DAO PROD Zorg/Welzijn: \"Noord\" client")),
            "checklist-DAO-PROD-ZorgWelzijn-Noord-client.md"
        );
        assert_eq!(export_file_name(None), "checklist-onboarding.md");
    }

    #[test]
    fn ids_round_trip_and_are_unique() {
        let ids: std::collections::BTreeSet<_> =
            ChecklistItem::ALL.iter().map(|i| i.id()).collect();
        assert_eq!(ids.len(), ChecklistItem::ALL.len());
        for item in ChecklistItem::ALL {
            assert_eq!(ChecklistItem::from_id(item.id()), Some(item));
        }
        assert_eq!(ChecklistItem::from_id("onbekend"), None);
    }

    #[test]
    fn markdown_task_list() {
        let item = |done, text: &str, detail: &str| MarkdownItem {
            done,
            text: text.into(),
            detail: detail.into(),
            links: &[],
        };
        let md = to_markdown(
            "Checklist",
            &[MarkdownStep {
                heading: "Stap 1".into(),
                items: vec![
                    item(true, "Maak een sleutel", "RSA 4096\n\n"),
                    item(false, "Mail", ""),
                    MarkdownItem {
                        links: &[("Handleiding", "https://example.org/h")],
                        ..item(false, "Open het portaal", "De handleidingen:")
                    },
                ],
            }],
        )
        .unwrap();
        assert_eq!(
            md,
            "# Checklist\n\n## Stap 1\n\n- [x] Maak een sleutel\n  RSA 4096\n- [ ] Mail\n\
             - [ ] Open het portaal\n  De handleidingen:\n  - [Handleiding](https://example.org/h)\n"
        );
    }

    #[test]
    fn mailto_encodes_every_part() {
        let url = mailto(
            "team@example.org",
            "Client DAO beta",
            "Regel 1\nRegel 2 & meer?",
        )
        .unwrap();
        assert_eq!(
            url,
            "mailto:team@example.org?subject=Client%20DAO%20beta&body=Regel%201%0D%0ARegel%202%20%26%20meer%3F"
        );
        assert!(mailto("", "a", "b")
            .unwrap()
            .starts_with("mailto:?subject=a"));
        // An address cannot add fields of its own.
        assert!(mailto("a@b.org?bcc=c@d.org", "s", "b")
            .unwrap()
            .starts_with("mailto:a@b.org%3Fbcc%3Dc@d.org?subject=s&"));
    }

    #[test]
    fn a_table_cell_cannot_add_a_column_or_end_its_row() {
        assert_eq!(
            markdown_table_row(["a", "b|c", "d\n| e |", "[x](y)"]).unwrap(),
            "| a | b\\|c | d \\| e \\| | \\[x\\](y) |\n"
        );
        assert_eq!(markdown_list_item("*nadruk*").unwrap(), "- \\*nadruk\\*\n");
    }

    #[test]
    fn markdown_values_cannot_open_links_or_headings() {
        let md = to_markdown(
            "Stad [Gent](https://evil.example)\n# X",
            &[MarkdownStep {
                heading: "*Stap*".into(),
                items: vec![MarkdownItem {
                    done: false,
                    text: "<script>".into(),
                    detail: "`id`\n## kop".into(),
                    links: &[("Handleiding (pdf)", "https://example.org/a b")],
                }],
            }],
        )
        .unwrap();
        assert_eq!(
            md,
            "# Stad \\[Gent\\](https://evil.example) \\# X\n\n## \\*Stap\\*\n\n\
             - [ ] \\<script\\>\n  \\`id\\`\n  \\#\\# kop\n  - [Handleiding (pdf)](https://example.org/a%20b)\n"
        );
    }
}
