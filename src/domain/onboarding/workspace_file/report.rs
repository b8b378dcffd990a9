//! Part of `workspace_file`: the Markdown progress report, through the template engine.

use super::csv::date_cell;
use crate::domain::checked::client_id::ClientId;
use crate::domain::onboarding::checklist::markdown_table_row;
use crate::domain::onboarding::ping::CheckStatus;
use crate::domain::onboarding::workspace::{Milestone, Onboarding, Workspace};
use crate::domain::templates::engine::{Rendered, Syntax, Template, TemplateError, Value as Slot};

/// The words of the progress report, in the page's language (the core has none of its own).
pub struct ReportWords<'a> {
    /// The report's title.
    pub title: &'a str,
    /// A row's heading: organisation, code, role, environment.
    pub heading: &'a dyn Fn(&Onboarding) -> String,
    /// A status's name.
    pub status: &'a dyn Fn(crate::domain::onboarding::workspace::Status) -> String,
    /// A milestone's name.
    pub milestone: &'a dyn Fn(Milestone) -> String,
    /// "Status", "Client id", "Key (thumbprint)", "Proof", "date unknown", "not yet".
    pub labels: [&'a str; 6],
    /// The proof table's four column headings.
    pub proof_columns: [&'a str; 4],
    /// A check id's name and a check status's name, for the proof table.
    pub check: &'a dyn Fn(&str) -> String,
    /// A check status's name.
    pub check_status: &'a dyn Fn(CheckStatus) -> String,
}

const MD_SECTION: Template = Template::new(Syntax::Markdown, "\n## {{HEADING}}\n\n");

const MD_FIELD: Template = Template::new(Syntax::Markdown, "- {{LABEL}}: {{VALUE}}\n");

const MD_PROOF_HEAD: Template = Template::new(Syntax::Markdown, "\n{{LABEL}}:\n\n");

/// The progress report in Markdown: per onboarding its status, each milestone with its date,
/// the client id, the key's thumbprint and the proof of a connected onboarding. No secrets:
/// nothing in a row is one.
pub fn report_markdown(
    workspace: &Workspace,
    words: &ReportWords<'_>,
) -> Result<String, TemplateError> {
    let [status_label, client_label, key_label, proof_label, unknown, not_yet] = words.labels;
    let mut out = String::new();
    let title = Template::new(Syntax::Markdown, "# {{TITLE}}\n");
    out.push_str(
        title
            .render(|slot| (slot == "TITLE").then_some(Slot::Str(words.title)))?
            .as_str(),
    );
    let field = |label: &str, value: &str| {
        MD_FIELD
            .render(|slot| match slot {
                "LABEL" => Some(Slot::Str(label)),
                "VALUE" => Some(Slot::Str(value)),
                _ => None,
            })
            .map(Rendered::into_string)
    };
    for row in workspace.rows() {
        let heading = (words.heading)(row);
        out.push_str(
            MD_SECTION
                .render(|slot| (slot == "HEADING").then_some(Slot::Str(&heading)))?
                .as_str(),
        );
        out.push_str(&field(status_label, &(words.status)(row.status()))?);
        for (milestone, reached) in row.milestones() {
            let date = match reached {
                None => not_yet.to_string(),
                Some(None) => unknown.to_string(),
                Some(Some(_)) => date_cell(reached),
            };
            out.push_str(&field(&(words.milestone)(milestone), &date)?);
        }
        let client = row.client_id.as_ref().map_or(not_yet, ClientId::as_str);
        out.push_str(&field(client_label, client)?);
        if let Some((key, _)) = &row.key {
            out.push_str(&field(key_label, key.thumbprint.as_str())?);
        }
        if let Some(connected) = &row.connected {
            out.push_str(
                MD_PROOF_HEAD
                    .render(|slot| (slot == "LABEL").then_some(Slot::Str(proof_label)))?
                    .as_str(),
            );
            out.push_str(&markdown_table_row(words.proof_columns)?);
            out.push_str("|---|---|---|---|\n");
            let date = date_cell(Some(Some(connected.at)));
            for proof in &connected.proof {
                out.push_str(&markdown_table_row([
                    &(words.check)(&proof.check),
                    &(words.check_status)(proof.status),
                    &proof.found,
                    &date,
                ])?);
            }
        }
    }
    Ok(out)
}
