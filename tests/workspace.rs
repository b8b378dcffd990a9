//! The onboarding workspace's rules: status from what happened, the next environment, key
//! matching, undo, and its files (JSON round trip and versions, the CSV reader's every refusal,
//! the CSV export read back by Python's `csv` module, the report), natively.

use std::collections::BTreeSet;
use std::io::Write;

use dao_onboard::domain::checked::kid::Kid;
use dao_onboard::domain::checked::organisation::{OrgCode, OrgCodeError, OrgName};
use dao_onboard::domain::facts::environment::{Environment, Role};
use dao_onboard::domain::onboarding::checklist::ChecklistItem;
use dao_onboard::domain::onboarding::ping::{self, CheckStatus};
use dao_onboard::domain::onboarding::workspace::{
    key_match, AddError, KeyMatch, KeyRef, Milestone, Observation, RowId, RowValues, Status,
    Thumbprint, Workspace, MAX_WORKSPACE_ROWS,
};
use dao_onboard::domain::onboarding::workspace_file::{
    self, FileError, LineProblem, LineRefusal, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, MAX_STORED_BYTES,
};
use dao_onboard::domain::samples;

/// A valid KBO enterprise number from eight digits (check digits 97 - n mod 97).
fn kbo(first_eight: u64) -> String {
    format!("{first_eight:08}{:02}", 97 - first_eight % 97)
}

fn values(name: &str, code: &str, role: Role, environment: Environment) -> RowValues {
    RowValues {
        org_name: OrgName::parse(name).unwrap(),
        org_code: OrgCode::parse(code).unwrap(),
        role,
        environment,
        integrator: false,
        client_id: None,
    }
}

fn zorg(environment: Environment) -> RowValues {
    values("Departement Zorg", "0123456749", Role::Depzorg, environment)
}

const THUMB: &str = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";
const OTHER_THUMB: &str = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

fn key(thumbprint: &str) -> KeyRef {
    KeyRef {
        thumbprint: Thumbprint::parse(thumbprint).unwrap(),
        kid: Kid::parse("zorg-beta-1"),
    }
}

struct Seen {
    name: String,
    code: String,
    role: Role,
    environment: Environment,
    client_id: String,
    ticks: BTreeSet<ChecklistItem>,
}

impl Seen {
    fn zorg_beta() -> Seen {
        Seen {
            name: "Departement Zorg".into(),
            code: "0123456749".into(),
            role: Role::Depzorg,
            environment: Environment::Beta,
            client_id: String::new(),
            ticks: BTreeSet::new(),
        }
    }

    fn observation<'a>(
        &'a self,
        key: Option<&'a KeyRef>,
        ping: Option<(&'a ping::PingReport, i64)>,
        now: i64,
    ) -> Observation<'a> {
        Observation {
            org_name: &self.name,
            org_code: &self.code,
            role: self.role,
            environment: self.environment,
            integrator: false,
            client_id: &self.client_id,
            ticks: &self.ticks,
            key,
            ping,
            now,
        }
    }
}

const DAY: i64 = 86_400;
const T0: i64 = 1_764_547_200; // 2025-12-01T00:00:00Z

#[test]
fn the_status_follows_what_happened_with_the_date_of_each_step() {
    let mut workspace = Workspace::default();
    let id = workspace.add(zorg(Environment::Beta), Some(T0)).unwrap();
    let mut seen = Seen::zorg_beta();
    let row = |w: &Workspace| w.get(id).unwrap().clone();
    assert_eq!(row(&workspace).status(), Status::New);

    // Ticking the upload with a key loaded registers the key (still "new").
    seen.ticks.insert(ChecklistItem::UploadPublicJwk);
    let loaded = key(THUMB);
    let changed =
        workspace
            .get_mut(id)
            .unwrap()
            .observe(&seen.observation(Some(&loaded), None, T0 + DAY));
    assert!(changed);
    assert_eq!(row(&workspace).status(), Status::New);
    assert_eq!(row(&workspace).key, Some((key(THUMB), Some(T0 + DAY))));

    for (item, status, day) in [
        (ChecklistItem::CreateClient, Status::Requested, 2),
        (ChecklistItem::MailApiTeam, Status::Mailed, 3),
        (ChecklistItem::AwaitApproval, Status::Approved, 5),
    ] {
        seen.ticks.insert(item);
        workspace.get_mut(id).unwrap().observe(&seen.observation(
            Some(&loaded),
            None,
            T0 + day * DAY,
        ));
        assert_eq!(row(&workspace).status(), status, "{item:?}");
    }
    // Observing again changes nothing: dates stay those of the first tick.
    assert!(!workspace.get_mut(id).unwrap().observe(&seen.observation(
        Some(&loaded),
        None,
        T0 + 9 * DAY
    )));
    let dates: Vec<_> = row(&workspace).milestones().to_vec();
    assert_eq!(
        dates,
        vec![
            (Milestone::Composed, Some(Some(T0))),
            (Milestone::KeyRegistered, Some(Some(T0 + DAY))),
            (Milestone::Requested, Some(Some(T0 + 2 * DAY))),
            (Milestone::Mailed, Some(Some(T0 + 3 * DAY))),
            (Milestone::Approved, Some(Some(T0 + 5 * DAY))),
            (Milestone::Connected, None),
        ]
    );

    // Unticking the approval takes the status back: it did not happen after all.
    seen.ticks.remove(&ChecklistItem::AwaitApproval);
    workspace
        .get_mut(id)
        .unwrap()
        .observe(&seen.observation(Some(&loaded), None, T0 + 6 * DAY));
    assert_eq!(row(&workspace).status(), Status::Mailed);
    // Unticking the upload forgets the key.
    seen.ticks.remove(&ChecklistItem::UploadPublicJwk);
    workspace
        .get_mut(id)
        .unwrap()
        .observe(&seen.observation(Some(&loaded), None, T0 + 6 * DAY));
    assert_eq!(row(&workspace).key, None);
}

#[test]
fn a_ping_answer_checked_ok_for_this_client_connects_the_onboarding() {
    let mut workspace = Workspace::default();
    let id = workspace.add(zorg(Environment::Beta), Some(T0)).unwrap();
    let mut seen = Seen::zorg_beta();
    let answer = samples::documented_answer().to_string();
    let ok = ping::check_text(&answer, &samples::documented_expectations());
    assert_eq!(ok.verdict, ping::Verdict::Ok);

    // Without a client id in the row there is nothing to connect.
    workspace
        .get_mut(id)
        .unwrap()
        .observe(&seen.observation(None, Some((&ok, samples::NOW)), T0));
    assert_eq!(workspace.get(id).unwrap().status(), Status::New);

    seen.client_id = samples::CLIENT_ID.into();
    workspace
        .get_mut(id)
        .unwrap()
        .observe(&seen.observation(None, Some((&ok, samples::NOW)), T0));
    let row = workspace.get(id).unwrap();
    assert_eq!(row.status(), Status::Connected);
    let connected = row.connected.as_ref().unwrap();
    assert_eq!(connected.at, samples::NOW);
    assert!(!connected.warnings);
    assert_eq!(connected.client_id.as_str(), samples::CLIENT_ID);
    let client_row = connected
        .proof
        .iter()
        .find(|p| p.check == "client-id")
        .unwrap();
    assert_eq!(
        (client_row.status, client_row.found.as_str()),
        (CheckStatus::Ok, samples::CLIENT_ID)
    );

    // A later mismatch does not undo a connection that happened.
    let mut expectations = samples::documented_expectations();
    expectations.client_id = Some("another-client".into());
    let mismatch = ping::check_text(&answer, &expectations);
    assert_eq!(mismatch.verdict, ping::Verdict::Mismatch);
    workspace.get_mut(id).unwrap().observe(&seen.observation(
        None,
        Some((&mismatch, samples::NOW + 60)),
        T0,
    ));
    assert_eq!(
        workspace.get(id).unwrap().connected.as_ref().unwrap().at,
        samples::NOW
    );

    // A mismatch on a fresh row connects nothing.
    let other = workspace.add(zorg(Environment::Acc), Some(T0)).unwrap();
    seen.environment = Environment::Acc;
    workspace.get_mut(other).unwrap().observe(&seen.observation(
        None,
        Some((&mismatch, samples::NOW)),
        T0,
    ));
    assert_eq!(workspace.get(other).unwrap().status(), Status::New);
}

#[test]
fn what_the_user_changes_is_kept_only_when_it_passes_its_check() {
    let mut workspace = Workspace::default();
    let id = workspace.add(zorg(Environment::Beta), Some(T0)).unwrap();
    let mut seen = Seen::zorg_beta();
    seen.name = "  Departement   Zorg Vlaanderen ".into();
    seen.code = "0123.456.750".into(); // wrong check digits: the row keeps its code
    seen.client_id = "has space".into(); // refused: the row keeps none
    workspace
        .get_mut(id)
        .unwrap()
        .observe(&seen.observation(None, None, T0));
    let row = workspace.get(id).unwrap();
    assert_eq!(row.org_name.as_str(), "Departement Zorg Vlaanderen");
    assert_eq!(row.org_code.display(), "0123.456.749");
    assert_eq!(row.client_id, None);
}

#[test]
fn the_next_environment_is_the_same_organisation_with_a_new_client_to_come() {
    let mut workspace = Workspace::default();
    let mut beta_values = zorg(Environment::Beta);
    beta_values.client_id =
        Some(dao_onboard::domain::checked::client_id::ClientId::parse(samples::CLIENT_ID).unwrap());
    beta_values.integrator = true;
    let beta = workspace.add(beta_values, Some(T0)).unwrap();
    let acc = workspace.add_next_environment(beta, T0 + DAY).unwrap();
    let row = workspace.get(acc).unwrap();
    assert_eq!(row.environment, Environment::Acc);
    assert_eq!(
        (row.org_name.as_str(), row.role, row.integrator),
        ("Departement Zorg", Role::Depzorg, true)
    );
    assert_eq!((row.client_id.clone(), row.key.clone()), (None, None));
    assert!(row.ticks.is_empty());
    assert_eq!(row.composed_at, Some(T0 + DAY));
    // Again from beta: the acc row exists, and is named for the page to open.
    assert_eq!(
        workspace.add_next_environment(beta, T0),
        Err(AddError::Duplicate(acc))
    );
    let prod = workspace.add_next_environment(acc, T0).unwrap();
    assert_eq!(workspace.get(prod).unwrap().environment, Environment::Prod);
    assert_eq!(
        workspace.add_next_environment(prod, T0),
        Err(AddError::LastEnvironment)
    );
}

#[test]
fn adding_refuses_a_duplicate_and_a_full_workspace() {
    let mut workspace = Workspace::default();
    let first = workspace.add(zorg(Environment::Beta), None).unwrap();
    // The same code typed with separators is the same organisation.
    let again = values("Zorg", "0123.456.749", Role::Depzorg, Environment::Beta);
    assert_eq!(workspace.add(again, None), Err(AddError::Duplicate(first)));
    // Another role of the same organisation is another onboarding.
    let cemetery = values("Zorg", "0123456749", Role::Begraafplaats, Environment::Beta);
    assert!(workspace.add(cemetery, None).is_ok());
    let mut full = Workspace::default();
    for n in 0..MAX_WORKSPACE_ROWS as u64 {
        full.add(
            values("Org", &kbo(n + 1000), Role::Arts, Environment::Beta),
            None,
        )
        .unwrap();
    }
    assert_eq!(full.add(zorg(Environment::Beta), None), Err(AddError::Full));
}

#[test]
fn a_deleted_row_comes_back_where_it_was_until_its_onboarding_is_added_again() {
    let mut workspace = Workspace::default();
    let ids: Vec<RowId> = Environment::ALL
        .into_iter()
        .map(|env| workspace.add(zorg(env), None).unwrap())
        .collect();
    let (index, row) = workspace.remove(ids[1]).unwrap();
    assert_eq!(index, 1);
    assert!(workspace.get(ids[1]).is_none());
    assert!(workspace.restore(index, row.clone()));
    let order: Vec<RowId> = workspace.rows().iter().map(|r| r.id).collect();
    assert_eq!(order, ids);
    let (index, row) = workspace.remove(ids[1]).unwrap();
    workspace.add(zorg(Environment::Acc), None).unwrap();
    assert!(!workspace.restore(index, row));
}

#[test]
fn the_loaded_key_is_matched_to_the_row_that_registered_it() {
    let mut workspace = Workspace::default();
    let beta = workspace.add(zorg(Environment::Beta), None).unwrap();
    let acc = workspace.add(zorg(Environment::Acc), None).unwrap();
    let mut seen = Seen::zorg_beta();
    seen.ticks.insert(ChecklistItem::UploadPublicJwk);
    let loaded = key(THUMB);
    workspace
        .get_mut(beta)
        .unwrap()
        .observe(&seen.observation(Some(&loaded), None, T0));
    assert_eq!(key_match(&workspace, Some(beta), None), KeyMatch::Nothing);
    assert_eq!(
        key_match(&workspace, Some(beta), Some(THUMB)),
        KeyMatch::ThisOnboarding
    );
    assert_eq!(
        key_match(&workspace, Some(acc), Some(THUMB)),
        KeyMatch::OtherOnboarding(vec![beta])
    );
    assert_eq!(
        key_match(&workspace, None, Some(THUMB)),
        KeyMatch::RegisteredFor(vec![beta])
    );
    assert_eq!(
        key_match(&workspace, Some(beta), Some(OTHER_THUMB)),
        KeyMatch::OpenRowHasAnotherKey(Thumbprint::parse(THUMB).unwrap())
    );
    assert_eq!(
        key_match(&workspace, Some(acc), Some(OTHER_THUMB)),
        KeyMatch::Nothing
    );
    // A key loaded later does not replace the one registered.
    let other = key(OTHER_THUMB);
    workspace
        .get_mut(beta)
        .unwrap()
        .observe(&seen.observation(Some(&other), None, T0 + DAY));
    assert_eq!(
        workspace.get(beta).unwrap().key,
        Some((key(THUMB), Some(T0)))
    );
}

#[test]
fn the_filter_finds_name_code_client_id_role_and_environment() {
    let mut workspace = Workspace::default();
    let mut with_client = values("Stad Gent", &kbo(765_432), Role::Lbbs, Environment::Acc);
    with_client.client_id =
        Some(dao_onboard::domain::checked::client_id::ClientId::parse("ABC-123").unwrap());
    workspace.add(with_client, None).unwrap();
    workspace.add(zorg(Environment::Beta), None).unwrap();
    let hits = |filter: &str| {
        workspace
            .rows()
            .iter()
            .filter(|r| r.matches(filter))
            .map(|r| r.org_name.as_str().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(hits("gent"), ["Stad Gent"]);
    assert_eq!(hits("0123.456"), ["Departement Zorg"]);
    assert_eq!(hits("abc-1"), ["Stad Gent"]);
    assert_eq!(hits("lbbs"), ["Stad Gent"]);
    assert_eq!(hits("beta"), ["Departement Zorg"]);
    assert_eq!(hits(" "), ["Stad Gent", "Departement Zorg"]);
    assert!(hits("nothing like it").is_empty());
}

// ------------------------------------------------------------------------------------------
// JSON

fn connected_workspace() -> (Workspace, RowId) {
    let mut workspace = Workspace::default();
    let id = workspace.add(zorg(Environment::Beta), Some(T0)).unwrap();
    workspace.add(zorg(Environment::Acc), None).unwrap();
    let mut seen = Seen::zorg_beta();
    seen.client_id = samples::CLIENT_ID.into();
    seen.ticks = [
        ChecklistItem::MakeKeyPair,
        ChecklistItem::CreateClient,
        ChecklistItem::UploadPublicJwk,
    ]
    .into();
    let ok = ping::check_text(
        &samples::documented_answer().to_string(),
        &samples::documented_expectations(),
    );
    let loaded = key(THUMB);
    workspace.get_mut(id).unwrap().observe(&seen.observation(
        Some(&loaded),
        Some((&ok, samples::NOW)),
        T0 + DAY,
    ));
    (workspace, id)
}

/// The stored JSON is written by serde from borrowed structs (not a tree of values, which was
/// the workspace's slowest cost); the file is byte for byte the one the tree wrote
/// (`tests/fixtures/workspace-connected.json`, written by the earlier code): sorted members,
/// ticks by their ids as text, nulls where nothing is known.
#[test]
fn to_json_is_the_file_it_always_was() {
    let (workspace, id) = connected_workspace();
    let expected = include_str!("fixtures/workspace-connected.json");
    assert_eq!(workspace_file::to_json(&workspace, Some(id)), expected);
}

#[test]
fn the_json_reads_back_as_the_same_rows_and_open_row() {
    let (workspace, id) = connected_workspace();
    let text = workspace_file::to_json(&workspace, Some(id));
    let read = workspace_file::from_json(&text, &Workspace::default(), MAX_STORED_BYTES).unwrap();
    assert_eq!(read.workspace, workspace);
    assert_eq!(read.current, Some(id));
    // With a BOM and surrounding white space, as a file may have it.
    let bom = format!("\u{feff}\n{text}\n");
    assert_eq!(
        workspace_file::from_json(&bom, &Workspace::default(), MAX_IMPORT_BYTES)
            .unwrap()
            .workspace,
        workspace
    );
}

#[test]
fn a_stored_workspace_of_another_version_or_kind_is_refused_with_its_reason() {
    let empty = Workspace::default();
    let read = |text: &str| workspace_file::from_json(text, &empty, MAX_STORED_BYTES);
    assert_eq!(
        read(r#"{"format":"dao-onboard.workspace","version":2,"rows":[]}"#),
        Err(FileError::NewerVersion { version: 2 })
    );
    for not_ours in [
        r#"{"format":"something else","version":1,"rows":[]}"#,
        r#"{"version":1,"rows":[]}"#,
        r#"{"format":"dao-onboard.workspace","rows":[]}"#,
        r#"{"format":"dao-onboard.workspace","version":1}"#,
        "[1,2]",
    ] {
        assert_eq!(read(not_ours), Err(FileError::NotAWorkspace), "{not_ours}");
    }
    assert_eq!(read("  "), Err(FileError::Empty));
    assert!(matches!(
        read("{\"format\":\n \"dao-onboard.workspace\",,}"),
        Err(FileError::NotJson { line: 2, .. })
    ));
    assert_eq!(
        workspace_file::from_json(&"x".repeat(100), &empty, 10),
        Err(FileError::TooLarge {
            bytes: 100,
            max: 10
        })
    );
}

#[test]
fn a_json_file_with_one_bad_row_adds_nothing_and_names_each_row() {
    let (workspace, id) = connected_workspace();
    let mut value: serde_json::Value =
        serde_json::from_str(&workspace_file::to_json(&workspace, Some(id))).unwrap();
    let rows = value["rows"].as_array_mut().unwrap();
    let mut bad_code = rows[0].clone();
    bad_code["code"] = "0123456750".into();
    bad_code["id"] = 7.into();
    let mut bad_key = rows[1].clone();
    bad_key["key"] = serde_json::json!({"thumbprint": "-----BEGIN PRIVATE KEY-----"});
    bad_key["id"] = 8.into();
    rows.push(bad_code);
    rows.push(bad_key);
    let text = value.to_string();
    let err =
        workspace_file::from_json(&text, &Workspace::default(), MAX_IMPORT_BYTES).unwrap_err();
    let FileError::Lines(lines) = err else {
        panic!("{err:?}")
    };
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].line, 3);
    assert!(matches!(
        lines[0].problem,
        LineProblem::OrgCode(OrgCodeError::KboWrongCheckDigits { .. })
    ));
    assert_eq!(
        lines[1],
        LineRefusal {
            line: 4,
            problem: LineProblem::BadMember { member: "key" }
        }
    );
    // Importing a workspace's own export into itself: every row is a duplicate.
    let own = workspace_file::to_json(&workspace, None);
    let err = workspace_file::from_json(&own, &workspace, MAX_IMPORT_BYTES).unwrap_err();
    assert_eq!(
        err,
        FileError::Lines(vec![
            LineRefusal {
                line: 1,
                problem: LineProblem::DuplicateOfRow
            },
            LineRefusal {
                line: 2,
                problem: LineProblem::DuplicateOfRow
            },
        ])
    );
}

#[test]
fn the_single_onboarding_of_before_the_workspace_becomes_its_first_row() {
    let ticks: BTreeSet<ChecklistItem> =
        [ChecklistItem::CreateClient, ChecklistItem::MailApiTeam].into();
    let (workspace, id) = Workspace::migrated_from_single(zorg(Environment::Acc), &ticks);
    let row = workspace.get(id).unwrap();
    assert_eq!(row.status(), Status::Mailed);
    // The dates were never recorded: reached, date unknown.
    assert_eq!(row.milestones()[0], (Milestone::Composed, Some(None)));
    assert_eq!(row.milestones()[3], (Milestone::Mailed, Some(None)));
    // And it survives the store.
    let text = workspace_file::to_json(&workspace, Some(id));
    assert!(text.contains(r#""mail-api-team":null"#), "{text}");
    let read = workspace_file::from_json(&text, &Workspace::default(), MAX_STORED_BYTES).unwrap();
    assert_eq!(read.workspace, workspace);
}

// ------------------------------------------------------------------------------------------
// CSV

fn read_csv(text: &str) -> Result<Vec<RowValues>, FileError> {
    workspace_file::read_csv(text.as_bytes(), &Workspace::default())
}

fn lines_of(err: FileError) -> Vec<(usize, LineProblem)> {
    match err {
        FileError::Lines(lines) => lines.into_iter().map(|l| (l.line, l.problem)).collect(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_csv_as_excel_writes_it_in_belgium_is_read() {
    // Semicolons, BOM, CRLF, quoted fields with the delimiter, a quote and a line break.
    let text = "\u{feff}Organisation;CODE;role;environment;client_id;remark\r\n\
        \"Uitvaart \"\"De Linde\"\"; Gent\";0123.456.749;uitvaartondernemer;beta;;\"two\r\nlines\"\r\n\
        \r\n\
        Stad Gent;OVO002949;lbbs;PROD;ABC-123;\r\n";
    let rows = read_csv(text).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].org_name.as_str(), "Uitvaart \"De Linde\"; Gent");
    assert_eq!(rows[0].org_code.display(), "0123.456.749");
    assert_eq!(
        (rows[0].role, rows[0].environment, rows[0].client_id.clone()),
        (Role::Uitvaartondernemer, Environment::Beta, None)
    );
    assert_eq!(
        (rows[1].role, rows[1].environment),
        (Role::Lbbs, Environment::Prod)
    );
    assert_eq!(rows[1].client_id.as_ref().unwrap().as_str(), "ABC-123");
    // Commas, LF, columns in another order, no client id column, no final line end.
    let commas = "environment,code,organisation,role\nacc,0123456749,\"Zorg, Departement\",depzorg";
    let rows = read_csv(commas).unwrap();
    assert_eq!(rows[0].org_name.as_str(), "Zorg, Departement");
    assert_eq!(rows[0].environment, Environment::Acc);
}

#[test]
fn every_refused_line_is_listed_with_its_number_and_reason() {
    let text = "organisation;code;role;environment\n\
        Goed;0123456749;arts;beta\n\
        Verkeerd controlegetal;0123456750;arts;beta\n\
        Vestiging;2123456791;arts;beta\n\
        Rol;0123456749;notaris;beta\n\
        Omgeving;0123456749;arts;test\n\
        Lang;0123456749;arts;MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n\
        Dubbel;0123.456.749;arts;beta\n\
        ;0123456749;arts;acc\n\
        Te veel;0123456749;arts;acc;x;y\n";
    let lines = lines_of(read_csv(text).unwrap_err());
    assert_eq!(
        lines,
        vec![
            (
                3,
                LineProblem::OrgCode(OrgCodeError::KboWrongCheckDigits {
                    expected: "49".into(),
                    found: "50".into()
                })
            ),
            (4, LineProblem::OrgCode(OrgCodeError::KboEstablishmentUnit)),
            (
                5,
                LineProblem::UnknownRole {
                    found: Some("notaris".into())
                }
            ),
            (
                6,
                LineProblem::UnknownEnvironment {
                    found: Some("test".into())
                }
            ),
            // Long base64 (key material pasted into the wrong file) is not repeated.
            (7, LineProblem::UnknownEnvironment { found: None }),
            (8, LineProblem::DuplicateInFile { first_line: 2 }),
            (
                9,
                LineProblem::Missing {
                    column: "organisation"
                }
            ),
        ]
    );
    // Line 10's extra cells are ignored columns: it is a valid acc row (so not listed).
    let establishment = "2123456791";
    assert_eq!(
        OrgCode::parse(establishment),
        Err(OrgCodeError::KboEstablishmentUnit),
        "the test's establishment unit must have valid check digits"
    );
}

#[test]
fn a_line_repeating_a_row_of_the_workspace_is_refused_and_nothing_is_added() {
    let mut workspace = Workspace::default();
    workspace.add(zorg(Environment::Beta), None).unwrap();
    let before = workspace.clone();
    let text = "organisation,code,role,environment\n\
        Nieuw,0202239951,arts,beta\n\
        Departement Zorg,0123456749,depzorg,beta\n";
    let err = workspace_file::read_csv(text.as_bytes(), &workspace).unwrap_err();
    assert_eq!(lines_of(err), vec![(3, LineProblem::DuplicateOfRow)]);
    assert_eq!(workspace, before);
}

#[test]
fn a_header_without_a_required_column_is_refused() {
    assert_eq!(
        read_csv("organisation;code;environment\nA;0123456749;beta\n"),
        Err(FileError::MissingColumn { name: "role" })
    );
    assert_eq!(
        read_csv("organisation;code;role;environment;code\n"),
        Err(FileError::DuplicateColumn { name: "code" })
    );
    assert_eq!(read_csv("\u{feff}\r\n \n"), Err(FileError::Empty));
    assert_eq!(
        workspace_file::read_csv(&[0xff, 0xfe, b'a'], &Workspace::default()),
        Err(FileError::NotUtf8)
    );
    let wide = format!("organisation;code;role;environment\n{}\n", "x;".repeat(100));
    assert_eq!(
        lines_of(read_csv(&wide).unwrap_err()),
        vec![(2, LineProblem::TooManyColumns)]
    );
}

fn file_of(rows: usize) -> String {
    let mut text = String::from("organisation;code;role;environment;client_id\r\n");
    for n in 0..rows as u64 {
        text.push_str(&format!(
            "Uitvaart {n};{};uitvaartondernemer;beta;{}\r\n",
            kbo(1_000_000 + n),
            uuid::Uuid::from_u128(u128::from(n)).hyphenated()
        ));
    }
    text
}

#[test]
fn a_file_of_a_thousand_rows_is_read_and_one_more_row_is_refused_before_parsing() {
    let rows = read_csv(&file_of(MAX_IMPORT_ROWS)).unwrap();
    assert_eq!(rows.len(), MAX_IMPORT_ROWS);
    assert_eq!(rows[999].org_name.as_str(), "Uitvaart 999");
    assert_eq!(
        read_csv(&file_of(MAX_IMPORT_ROWS + 1)),
        Err(FileError::TooManyRows {
            rows: MAX_IMPORT_ROWS + 1,
            max: MAX_IMPORT_ROWS
        })
    );
    let big = format!("organisation\n{}", "a".repeat(MAX_IMPORT_BYTES));
    assert_eq!(
        read_csv(&big),
        Err(FileError::TooLarge {
            bytes: big.len(),
            max: MAX_IMPORT_BYTES
        })
    );
}

/// An attack on the row limit: a file whose lines end in a lone CR (old Mac style) is one
/// "line" to a counter of LFs, while the record reader sees every row. Measured before the fix:
/// 43,477 lines of such a 1 MB file were read at once. Any line ending counts.
#[test]
fn cr_only_line_endings_count_against_the_row_limit() {
    let crlf = file_of(MAX_IMPORT_ROWS + 1);
    let cr_only = crlf.replace("\r\n", "\r");
    assert!(!cr_only.contains('\n'));
    assert_eq!(
        read_csv(&cr_only),
        Err(FileError::TooManyRows {
            rows: MAX_IMPORT_ROWS + 1,
            max: MAX_IMPORT_ROWS
        })
    );
    // Short garbage lines, as many as fit in the size limit: refused before any parsing.
    let garbage = format!(
        "organisation;code;role;environment\r{}",
        "x\r".repeat(400_000)
    );
    assert!(garbage.len() <= MAX_IMPORT_BYTES);
    assert!(matches!(
        read_csv(&garbage),
        Err(FileError::TooManyRows { rows: 400_000, .. })
    ));
    // Within the limit, a CR-only file reads like any other, and a refusal names its real line.
    let small = file_of(3).replace("\r\n", "\r");
    assert_eq!(read_csv(&small).unwrap().len(), 3);
    let bad = "organisation;code;role;environment\rA;0207451227;lbbs;beta\rB;123;lbbs;beta\r";
    let lines = lines_of(read_csv(bad).unwrap_err());
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].0, 3, "{lines:?}");
}

/// However many lines are refused, the page lists the first ones and counts the rest.
#[test]
fn refused_lines_are_listed_up_to_a_cap_and_the_rest_counted() {
    use dao_onboard::domain::onboarding::workspace_file::MAX_LISTED_REFUSALS;
    use dao_onboard::i18n::{workspace_messages, Lang};
    let mut text = String::from("organisation;code;role;environment\n");
    for n in 0..MAX_IMPORT_ROWS {
        text.push_str(&format!("Org {n};123;lbbs;beta\n"));
    }
    let FileError::Lines(lines) = read_csv(&text).unwrap_err() else {
        panic!("lines refused")
    };
    assert_eq!(lines.len(), MAX_IMPORT_ROWS);
    let listed = workspace_messages::listed_refusals(Lang::Nl, &lines);
    assert_eq!(listed.len(), MAX_LISTED_REFUSALS + 1);
    let rest = (MAX_IMPORT_ROWS - MAX_LISTED_REFUSALS).to_string();
    assert!(listed.last().unwrap().contains(&rest), "{listed:?}");
    let few = workspace_messages::listed_refusals(Lang::Nl, &lines[..3]);
    assert_eq!(few.len(), 3);
}

#[test]
fn the_csv_export_reads_back_in_python_and_in_the_import() {
    let (mut workspace, _) = connected_workspace();
    let hostile = values(
        "=HYPERLINK(\"x\");\"quoted\"\nnew line",
        &kbo(4_567_890),
        Role::Arts,
        Environment::Prod,
    );
    workspace.add(hostile, Some(T0)).unwrap();
    let csv = workspace_file::to_csv(&workspace).unwrap();
    // Python's csv module, independently: the cells as written (the guard's ' included).
    let script =
        "import csv,sys,json\nprint(json.dumps(list(csv.reader(sys.stdin, delimiter=';'))))";
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(csv.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let cells: Vec<Vec<String>> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(cells.len(), 4);
    assert_eq!(
        cells[0][..6],
        [
            "organisation",
            "code",
            "role",
            "environment",
            "client_id",
            "status"
        ]
    );
    assert_eq!(cells[1][0], "Departement Zorg");
    assert_eq!(cells[1][4], samples::CLIENT_ID);
    assert_eq!(cells[1][5], "connected");
    assert_eq!(cells[1][6], "2025-12-01");
    assert_eq!(cells[1][12], THUMB);
    assert_eq!(cells[2][5], "new");
    assert_eq!(cells[2][6], "?");
    assert_eq!(cells[3][0], "'=HYPERLINK(\"x\");\"quoted\" new line");
    // The page's own import takes the export back (status columns ignored, the guard removed).
    let back = workspace_file::read_csv(csv.as_bytes(), &Workspace::default()).unwrap();
    let names: Vec<&str> = back.iter().map(|r| r.org_name.as_str()).collect();
    assert_eq!(
        names,
        workspace
            .rows()
            .iter()
            .map(|r| r.org_name.as_str())
            .collect::<Vec<_>>()
    );
    assert_eq!(
        back[0].client_id.as_ref().unwrap().as_str(),
        samples::CLIENT_ID
    );
}

#[test]
fn the_report_lists_each_onboarding_with_its_dates_and_proof() {
    let (workspace, _) = connected_workspace();
    let heading = |row: &dao_onboard::domain::onboarding::workspace::Onboarding| {
        format!("{} ({:?})", row.org_name.as_str(), row.environment)
    };
    let status = |s: Status| s.id().to_string();
    let milestone = |m: Milestone| format!("{m:?}");
    let check = |id: &str| id.to_string();
    let check_status = |s: CheckStatus| s.id().to_string();
    let words = workspace_file::ReportWords {
        title: "Report | *",
        heading: &heading,
        status: &status,
        milestone: &milestone,
        labels: ["Status", "Client id", "Key", "Proof", "unknown", "not yet"],
        proof_columns: ["Check", "Result", "Found", "Date"],
        check: &check,
        check_status: &check_status,
    };
    let report = workspace_file::report_markdown(&workspace, &words).unwrap();
    assert!(report.starts_with("# Report \\| \\*\n"), "{report}");
    assert!(report.contains("## Departement Zorg (Beta)\n"), "{report}");
    assert!(report.contains("- Status: connected\n"), "{report}");
    assert!(report.contains("- Composed: 2025-12-01\n"), "{report}");
    assert!(report.contains("- Requested: 2025-12-02\n"), "{report}");
    assert!(report.contains(&format!("- Key: {THUMB}\n")), "{report}");
    assert!(
        report.contains(&format!(
            "| client-id | ok | {} | 2024-12-19 |",
            samples::CLIENT_ID
        )),
        "{report}"
    );
    // The acc row: not connected, no proof, composed on an unknown date.
    let acc = &report[report.find("(Acc)").unwrap()..];
    assert!(
        acc.contains("- Status: new\n- Composed: unknown\n"),
        "{acc}"
    );
    assert!(
        acc.contains("- Client id: not yet\n") && !acc.contains("Proof"),
        "{acc}"
    );
}

#[test]
fn line_numbers_count_quoted_line_breaks_blank_lines_and_crlf() {
    let text = "organisation;code;role;environment\r\n\
        \"Two\r\nlines\";0123456749;arts;beta\r\n\
        \r\n\
        \r\n\
        Wrong;0123456749;arts;nowhere\r\n\
        \"Also\nwrong\";0123456749;arts;beta";
    assert_eq!(
        lines_of(read_csv(text).unwrap_err()),
        vec![
            (
                6,
                LineProblem::UnknownEnvironment {
                    found: Some("nowhere".into())
                }
            ),
            (7, LineProblem::DuplicateInFile { first_line: 2 }),
        ]
    );
}

// ------------------------------------------------------------------------------------------
// Limits and members no other test pins (found by cargo mutants).

#[test]
fn a_thumbprint_is_exactly_43_base64url_characters() {
    assert!(Thumbprint::parse(THUMB).is_some());
    assert!(Thumbprint::parse(&THUMB[..42]).is_none(), "too short");
    assert!(
        Thumbprint::parse(&format!("{}+", &THUMB[..42])).is_none(),
        "not base64url"
    );
    assert!(
        Thumbprint::parse(&format!("{THUMB}A")).is_none(),
        "too long"
    );
}

#[test]
fn a_later_connection_replaces_an_earlier_one() {
    let mut workspace = Workspace::default();
    let id = workspace.add(zorg(Environment::Beta), Some(T0)).unwrap();
    let mut seen = Seen::zorg_beta();
    seen.client_id = samples::CLIENT_ID.into();
    let ok = ping::check_text(
        &samples::documented_answer().to_string(),
        &samples::documented_expectations(),
    );
    for at in [samples::NOW, samples::NOW + 600, samples::NOW + 60] {
        workspace
            .get_mut(id)
            .unwrap()
            .observe(&seen.observation(None, Some((&ok, at)), T0));
    }
    // The latest check is kept; an older report seen again does not replace it.
    assert_eq!(
        workspace.get(id).unwrap().connected.as_ref().unwrap().at,
        samples::NOW + 600
    );
}

#[test]
fn appended_rows_get_fresh_ids_which_are_returned() {
    let mut workspace = Workspace::default();
    workspace.add(zorg(Environment::Beta), None).unwrap();
    let rows = [Environment::Acc, Environment::Prod].map(|env| {
        dao_onboard::domain::onboarding::workspace::Onboarding::new(RowId(1), zorg(env), None)
    });
    let ids = workspace.append(rows.to_vec());
    assert_eq!(ids, [RowId(2), RowId(3)]);
    assert_eq!(
        workspace.get(RowId(3)).unwrap().environment,
        Environment::Prod
    );
}

fn workspace_of(rows: usize, first: u64) -> Workspace {
    let mut workspace = Workspace::default();
    for n in 0..rows as u64 {
        workspace
            .add(
                values("Org", &kbo(first + n), Role::Arts, Environment::Beta),
                None,
            )
            .unwrap();
    }
    workspace
}

#[test]
fn the_json_reader_keeps_to_the_workspace_s_size() {
    // A stored workspace of a few hundred rows is read (the store's limit is 5 MB).
    let stored = workspace_of(400, 1000);
    let text = workspace_file::to_json(&stored, None);
    assert!(text.len() > 50_000, "{}", text.len());
    assert!(workspace_file::from_json(&text, &Workspace::default(), MAX_STORED_BYTES).is_ok());
    // A full workspace's export reads back; one row more is refused as a whole.
    let full = workspace_of(MAX_WORKSPACE_ROWS, 100_000);
    let text = workspace_file::to_json(&full, None);
    assert!(workspace_file::from_json(&text, &Workspace::default(), MAX_STORED_BYTES).is_ok());
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut extra = value["rows"][0].clone();
    extra["id"] = 999_999.into();
    extra["code"] = kbo(900_000).into();
    value["rows"].as_array_mut().unwrap().push(extra);
    assert_eq!(
        workspace_file::from_json(&value.to_string(), &Workspace::default(), MAX_STORED_BYTES),
        Err(FileError::TooManyRows {
            rows: MAX_WORKSPACE_ROWS + 1,
            max: MAX_WORKSPACE_ROWS
        })
    );
    // Into a workspace that would overflow: refused; one that just fits: read.
    let two = workspace_file::to_json(&workspace_of(2, 900_000), None);
    let almost_full = workspace_of(MAX_WORKSPACE_ROWS - 1, 100_000);
    assert_eq!(
        workspace_file::from_json(&two, &almost_full, MAX_IMPORT_BYTES),
        Err(FileError::WorkspaceFull {
            rows: MAX_WORKSPACE_ROWS + 1,
            max: MAX_WORKSPACE_ROWS
        })
    );
    let fits = workspace_of(MAX_WORKSPACE_ROWS - 2, 100_000);
    assert!(workspace_file::from_json(&two, &fits, MAX_IMPORT_BYTES).is_ok());
}

#[test]
fn every_member_of_a_row_survives_the_json() {
    let (mut workspace, id) = connected_workspace();
    let row = workspace.get_mut(id).unwrap();
    row.integrator = true;
    let connected = row.connected.as_mut().unwrap();
    connected.warnings = true;
    connected.proof[1].status = CheckStatus::Warning;
    connected.proof[2].status = CheckStatus::Fail;
    let text = workspace_file::to_json(&workspace, Some(id));
    let read = workspace_file::from_json(&text, &Workspace::default(), MAX_STORED_BYTES).unwrap();
    assert_eq!(read.workspace, workspace);
    // A row id of 0 is none.
    let zero = text.replacen(&format!("\"id\":{}", id.0), "\"id\":0", 1);
    assert!(matches!(
        workspace_file::from_json(&zero, &Workspace::default(), MAX_STORED_BYTES),
        Err(FileError::Lines(lines)) if lines[0].problem == LineProblem::BadMember { member: "id" }
    ));
}

#[test]
fn the_csv_reader_keeps_to_its_limits_exactly() {
    // Exactly the size limit is read.
    let mut text =
        String::from("organisation;code;role;environment;remark\nA;0123456749;arts;beta;");
    text.push_str(&"x".repeat(MAX_IMPORT_BYTES - text.len() - 1));
    text.push('\n');
    assert_eq!(text.len(), MAX_IMPORT_BYTES);
    assert_eq!(read_csv(&text).unwrap().len(), 1);
    // Blank lines are not rows: a thousand rows with blank lines between them are read.
    let spaced = file_of(MAX_IMPORT_ROWS).replace("\r\n", "\r\n\r\n  \n");
    assert_eq!(read_csv(&spaced).unwrap().len(), MAX_IMPORT_ROWS);
    // Counted before parsing, as lines: a quoted line break counts as a row.
    let mut long = file_of(MAX_IMPORT_ROWS);
    long = long.replacen("Uitvaart 0;", "\"Uitvaart\n0\";", 1);
    assert_eq!(
        read_csv(&long),
        Err(FileError::TooManyRows {
            rows: MAX_IMPORT_ROWS + 1,
            max: MAX_IMPORT_ROWS
        })
    );
}

#[test]
fn a_header_with_as_many_semicolons_as_commas_is_comma_separated() {
    let text = "organisation,code,role,environment,\"a;b;c;d\"\nA,0123456749,arts,beta,x\n";
    assert_eq!(read_csv(text).unwrap()[0].org_name.as_str(), "A");
}

#[test]
fn a_csv_file_that_would_overflow_the_workspace_is_refused() {
    let two =
        "organisation;code;role;environment\nA;0123456749;depzorg;beta\nB;0123456749;depzorg;acc\n";
    let almost_full = workspace_of(MAX_WORKSPACE_ROWS - 1, 100_000);
    assert_eq!(
        workspace_file::read_csv(two.as_bytes(), &almost_full),
        Err(FileError::WorkspaceFull {
            rows: MAX_WORKSPACE_ROWS + 1,
            max: MAX_WORKSPACE_ROWS
        })
    );
    let fits = workspace_of(MAX_WORKSPACE_ROWS - 2, 100_000);
    assert_eq!(
        workspace_file::read_csv(two.as_bytes(), &fits)
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn only_the_spreadsheet_guard_s_quote_is_removed() {
    let text = "organisation;code;role;environment\n'T Hoekske;0123456749;arts;beta\n'=SUM(1);0123456749;arts;acc\n";
    let rows = read_csv(text).unwrap();
    assert_eq!(rows[0].org_name.as_str(), "'T Hoekske");
    assert_eq!(rows[1].org_name.as_str(), "=SUM(1)");
}

// ------------------------------------------------------------------------------------------
// Key material never enters a row

/// Text the settings refuse as key material (a PEM body line, a lone EC `d`) typed into the
/// client id or the organisation: the open row keeps what it had, a new row is not made of it,
/// an import refuses the line without repeating it, and no export holds it.
#[test]
fn key_material_typed_into_a_field_never_reaches_a_row_or_an_export() {
    use dao_onboard::domain::onboarding::registration::RegistrationForm;
    use dao_onboard::i18n::{workspace_messages, Lang};
    let pem_line = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj";
    let ec_d = "870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE";
    let mut workspace = Workspace::default();
    let id = workspace.add(zorg(Environment::Beta), Some(T0)).unwrap();
    for secret in [pem_line, ec_d] {
        assert!(dao_onboard::settings::looks_like_key_material(secret));
        // Typed into the open row's fields.
        let mut seen = Seen::zorg_beta();
        seen.client_id = secret.into();
        let row = workspace.get_mut(id).unwrap();
        let before = row.client_id.clone();
        row.observe(&seen.observation(None, None, T0 + 1));
        assert_eq!(row.client_id, before, "{secret}: the row keeps what it had");
        let mut seen = Seen::zorg_beta();
        seen.name = secret.into();
        seen.client_id = "zorg-client".into();
        row.observe(&seen.observation(None, None, T0 + 2));
        assert_eq!(row.org_name.as_str(), "Departement Zorg");
        assert_eq!(
            row.client_id
                .as_ref()
                .map(dao_onboard::domain::checked::client_id::ClientId::as_str),
            Some("zorg-client")
        );
        // A new row from the form.
        let form = RegistrationForm {
            org_name: secret.into(),
            org_code: "0207451227".into(),
            ..RegistrationForm::default()
        };
        assert!(RowValues::from_form(&form, "").is_none());
        let form = RegistrationForm {
            org_name: "Stad Gent".into(),
            org_code: "0207451227".into(),
            ..RegistrationForm::default()
        };
        assert_eq!(RowValues::from_form(&form, secret).unwrap().client_id, None);
        // An import: refused, named by its column, not repeated.
        let csv = format!(
            "organisation;code;role;environment;client_id\nStad Gent;0207451227;lbbs;beta;{secret}\n"
        );
        let lines = lines_of(read_csv(&csv).unwrap_err());
        assert_eq!(
            lines,
            [(
                2,
                LineProblem::KeyMaterial {
                    column: "client_id"
                }
            )]
        );
        let said = workspace_messages::line(
            Lang::Nl,
            &LineRefusal {
                line: 2,
                problem: LineProblem::KeyMaterial {
                    column: "client_id",
                },
            },
        );
        assert!(!said.contains(secret), "{said}");
        let csv = format!("organisation;code;role;environment\n{secret};0207451227;lbbs;beta\n");
        assert_eq!(
            lines_of(read_csv(&csv).unwrap_err()),
            [(
                2,
                LineProblem::KeyMaterial {
                    column: "organisation"
                }
            )]
        );
        // Nothing the workspace writes holds it.
        for written in [
            workspace_file::to_json(&workspace, Some(id)),
            workspace_file::to_csv(&workspace).unwrap(),
        ] {
            assert!(!written.contains(secret));
        }
    }
}
