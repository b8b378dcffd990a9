//! Browser tests of the onboarding workspace (wasm-bindgen-test in headless Chromium): its list
//! mounted with steps 2 and 3 as the page wires them, driven through the DOM: add, ticks per row,
//! the next environment, open and switch, filter, delete with confirmation and undo, import
//! refused and accepted, and the key that belongs to another row.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test web_workspace`.
#![cfg(target_arch = "wasm32")]

use dao_onboard::domain::facts::environment::{Environment, Role};
use dao_onboard::steps::Step;
use dao_onboard::ui::parts::{step_view, workspace_view};
use dao_onboard::ui::provide_workspace;
use dao_onboard::ui::state::AppState;
use dao_onboard::ui::workspace;
use dao_onboard::ui::workspace_list::CurrentOnboarding;
use dao_onboard::webcrypto::{self, KeySpec};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

mod web_support;

use web_support::{select_all, settle};

wasm_bindgen_test_configure!(run_in_browser);

fn rows(root: &Element) -> Vec<Element> {
    select_all(root, "[data-testid=\"workspace-row\"]")
}

/// Each row as `code/env/role/status/current`.
fn row_summary(root: &Element) -> Vec<String> {
    rows(root)
        .iter()
        .map(|row| {
            [
                "data-org-code",
                "data-env",
                "data-role",
                "data-status",
                "data-current",
            ]
            .map(|name| row.get_attribute(name).unwrap_or_default())
            .join("/")
        })
        .collect()
}

fn click_in(root: &Element, selector: &str) {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .unchecked_into::<HtmlElement>()
        .click();
}

fn tick_item(root: &Element, id: &str) {
    click_in(root, &format!("[data-item=\"{id}\"]"));
}

fn row_button(root: &Element, index: usize, testid: &str) {
    let row = &rows(root)[index];
    click_in(row, &format!("[data-testid=\"{testid}\"]"));
}

fn text_of(root: &Element, testid: &str) -> String {
    root.query_selector(&format!("[data-testid=\"{testid}\"]"))
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default()
}

fn mount() -> (Element, AppState) {
    web_support::clear_storage();
    web_support::mount(|state| {
        provide_workspace(state);
        view! {
            {workspace_view(state)}
            {step_view(Step::Key, state)}
            {step_view(Step::Registration, state)}
        }
    })
}

#[wasm_bindgen_test]
async fn rows_keep_their_ticks_and_the_next_environment_starts_fresh() {
    let (root, state) = mount();
    // Not valid yet: nothing is added, and the page says what to do.
    click_in(&root, "[data-testid=\"workspace-add\"]");
    settle().await;
    assert!(rows(&root).is_empty());
    assert!(!text_of(&root, "workspace-message").is_empty());

    state.form.org_name.set("Stad Gent".into());
    state.form.org_code.set("0123.456.749".into());
    state.form.role.set(Role::Lbbs);
    state.signing.client_id.set("beta-client".into());
    settle().await;
    click_in(&root, "[data-testid=\"workspace-add\"]");
    settle().await;
    assert_eq!(row_summary(&root), ["0123456749/beta/lbbs/new/true"]);
    assert!(text_of(&root, "workspace-row").contains("beta-client"));

    tick_item(&root, "create-client");
    settle().await;
    assert_eq!(row_summary(&root), ["0123456749/beta/lbbs/requested/true"]);

    // The next environment: a new row, open, with no client id and no ticks.
    row_button(&root, 0, "workspace-next-env");
    settle().await;
    assert_eq!(
        row_summary(&root),
        [
            "0123456749/beta/lbbs/requested/false",
            "0123456749/acc/lbbs/new/true"
        ]
    );
    assert_eq!(state.form.environment.get_untracked(), Environment::Acc);
    assert!(state.signing.client_id.get_untracked().is_empty());
    assert!(state
        .ticks
        .with_untracked(std::collections::BTreeSet::is_empty));
    assert!(text_of(&root, "workspace-message").contains("acc"));

    // Ticks of the acc row are its own.
    tick_item(&root, "create-client");
    tick_item(&root, "mail-api-team");
    settle().await;
    assert_eq!(
        rows(&root)[1].get_attribute("data-status").unwrap(),
        "mailed"
    );
    row_button(&root, 0, "workspace-open");
    settle().await;
    assert_eq!(state.form.environment.get_untracked(), Environment::Beta);
    assert_eq!(state.signing.client_id.get_untracked(), "beta-client");
    let ticked: Vec<String> = select_all(&root, "[data-testid=\"checklist-item\"]")
        .into_iter()
        .filter(|input| input.unchecked_ref::<HtmlInputElement>().checked())
        .map(|input| input.get_attribute("data-item").unwrap())
        .collect();
    assert_eq!(ticked, ["create-client"]);
    assert_eq!(
        row_summary(&root),
        [
            "0123456749/beta/lbbs/requested/true",
            "0123456749/acc/lbbs/mailed/false"
        ]
    );

    // Again from beta: the acc row is opened, not doubled.
    row_button(&root, 0, "workspace-next-env");
    settle().await;
    assert_eq!(rows(&root).len(), 2);
    assert_eq!(
        rows(&root)[1].get_attribute("data-current").unwrap(),
        "true"
    );

    // The filter.
    let filter: HtmlInputElement = root
        .query_selector("[data-testid=\"workspace-filter\"]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    filter.set_value("acc");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    filter
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    settle().await;
    assert_eq!(row_summary(&root), ["0123456749/acc/lbbs/mailed/true"]);
    state.workspace.filter.set(String::new());
    settle().await;

    // Delete asks first; "no" keeps the row, "yes" removes it, undo brings it back.
    row_button(&root, 0, "workspace-delete");
    settle().await;
    row_button(&root, 0, "workspace-delete-cancel");
    settle().await;
    assert_eq!(rows(&root).len(), 2);
    row_button(&root, 0, "workspace-delete");
    settle().await;
    row_button(&root, 0, "workspace-delete-confirm");
    settle().await;
    assert_eq!(row_summary(&root), ["0123456749/acc/lbbs/mailed/true"]);
    click_in(&root, "[data-testid=\"workspace-undo\"]");
    settle().await;
    assert_eq!(rows(&root).len(), 2);
    assert_eq!(rows(&root)[0].get_attribute("data-env").unwrap(), "beta");

    // What is stored is the workspace, read back the same.
    let stored = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("dao-onboard.workspace")
        .unwrap()
        .unwrap();
    let read = dao_onboard::domain::onboarding::workspace_file::from_json(
        &stored,
        &dao_onboard::domain::onboarding::workspace::Workspace::default(),
        dao_onboard::domain::onboarding::workspace_file::MAX_STORED_BYTES,
    )
    .unwrap();
    assert_eq!(
        read.workspace,
        state.workspace.rows.get_untracked(),
        "stored = shown"
    );
}

fn csv_file(name: &str, text: &str) -> web_sys::File {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    web_sys::File::new_with_str_sequence(&parts, name).unwrap()
}

#[wasm_bindgen_test]
async fn an_import_is_all_or_nothing_and_says_which_lines_and_why() {
    let (root, state) = mount();
    let refused = "organisation;code;role;environment\n\
        Goed;0123456749;arts;beta\n\
        Fout;0123456750;arts;beta\n\
        Rol;0123456749;notaris;acc\n";
    workspace::import(state, csv_file("klanten.csv", refused)).await;
    settle().await;
    let result = root
        .query_selector("[data-testid=\"workspace-import-result\"]")
        .unwrap()
        .unwrap();
    assert_eq!(result.get_attribute("data-outcome").unwrap(), "refused");
    let lines: Vec<String> = select_all(&result, "li")
        .iter()
        .map(|li| li.text_content().unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].starts_with("Regel 3:") && lines[0].contains("49"),
        "{lines:?}"
    );
    assert!(
        lines[1].starts_with("Regel 4:") && lines[1].contains("notaris"),
        "{lines:?}"
    );
    assert!(rows(&root).is_empty(), "nothing added");

    let accepted = "\u{feff}organisation,code,role,environment,client_id\r\n\
        \"Uitvaart De Linde, Gent\",0123456749,uitvaartondernemer,beta,\r\n\
        Stad Gent,OVO002949,lbbs,prod,abc-123\r\n";
    workspace::import(state, csv_file("klanten.csv", accepted)).await;
    settle().await;
    let result = root
        .query_selector("[data-testid=\"workspace-import-result\"]")
        .unwrap()
        .unwrap();
    assert_eq!(result.get_attribute("data-outcome").unwrap(), "added");
    assert!(result.text_content().unwrap().contains('2'));
    assert_eq!(
        row_summary(&root),
        [
            "0123456749/beta/uitvaartondernemer/new/false",
            "OVO002949/prod/lbbs/new/false"
        ]
    );
    // The same file again: every line a duplicate, nothing added.
    workspace::import(state, csv_file("klanten.csv", accepted)).await;
    settle().await;
    assert_eq!(rows(&root).len(), 2);
    let text = text_of(&root, "workspace-import-result");
    assert!(text.contains('2'), "{text}");
}

#[wasm_bindgen_test]
async fn a_key_loaded_for_another_row_is_a_warning() {
    let (root, state) = mount();
    state.form.org_name.set("Stad Gent".into());
    state.form.org_code.set("0123456749".into());
    settle().await;
    click_in(&root, "[data-testid=\"workspace-add\"]");
    settle().await;
    let (held, pending) = webcrypto::generate(KeySpec::EcP256).await.unwrap();
    pending.discard();
    let thumbprint = held.info.thumbprint().to_string();
    state.signing.key.set(Some(held));
    tick_item(&root, "upload-public-jwk");
    settle().await;
    let registered = state.workspace.rows.with_untracked(|w| {
        w.rows()[0]
            .key
            .as_ref()
            .map(|(key, _)| key.thumbprint.as_str().to_string())
    });
    assert_eq!(registered.as_deref(), Some(thumbprint.as_str()));
    let says = text_of(&root, "workspace-key-match");
    assert!(
        says.contains("open onboarding") || says.contains("open"),
        "{says}"
    );
    assert_eq!(
        root.query_selector("[data-testid=\"workspace-key-match\"]")
            .unwrap()
            .unwrap()
            .class_name(),
        "msg msg-info"
    );

    // The next environment has no key of its own yet: the loaded one is beta's.
    row_button(&root, 0, "workspace-next-env");
    settle().await;
    let warning = root
        .query_selector("[data-testid=\"workspace-key-match\"]")
        .unwrap()
        .unwrap();
    assert_eq!(warning.class_name(), "msg msg-warning");
    assert!(
        warning.text_content().unwrap().contains("Stad Gent (beta)"),
        "{:?}",
        warning.text_content()
    );
}

#[wasm_bindgen_test]
async fn a_long_list_shows_fifty_rows_at_a_time_and_the_filter_narrows_all() {
    let (root, state) = mount();
    let mut csv = String::from("organisation;code;role;environment\n");
    for n in 0..120u64 {
        let first_eight = 2_000_000 + n;
        csv.push_str(&format!(
            "Gemeente {n};{first_eight:08}{:02};lbbs;beta\n",
            97 - first_eight % 97
        ));
    }
    workspace::import(state, csv_file("gemeenten.csv", &csv)).await;
    settle().await;
    assert_eq!(rows(&root).len(), 50);
    click_in(&root, "[data-testid=\"workspace-more\"]");
    settle().await;
    assert_eq!(rows(&root).len(), 100);
    click_in(&root, "[data-testid=\"workspace-more\"]");
    settle().await;
    assert_eq!(rows(&root).len(), 120);
    assert!(root
        .query_selector("[data-testid=\"workspace-more\"]")
        .unwrap()
        .is_none());
    // The filter searches every row, not only those shown.
    state.workspace.filter.set("Gemeente 119".into());
    settle().await;
    assert_eq!(rows(&root).len(), 1);
    assert!(text_of(&root, "workspace-count").contains("120"));
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
async fn a_stored_workspace_of_a_newer_version_is_kept_until_the_user_chooses() {
    let (root, state) = mount();
    let newer = r#"{"format":"dao-onboard.workspace","version":9,"rows":[{"x":1}]}"#;
    local_storage()
        .set_item("dao-onboard.workspace", newer)
        .unwrap();
    workspace::load(state);
    settle().await;
    assert!(text_of(&root, "workspace-stored-refused").contains('9'));
    // Adding a row does not write over it.
    state.form.org_name.set("Stad Gent".into());
    state.form.org_code.set("0123456749".into());
    settle().await;
    click_in(&root, "[data-testid=\"workspace-add\"]");
    settle().await;
    assert_eq!(rows(&root).len(), 1);
    assert_eq!(
        local_storage()
            .get_item("dao-onboard.workspace")
            .unwrap()
            .as_deref(),
        Some(newer)
    );
    // Only the user's choice does.
    click_in(&root, "[data-testid=\"workspace-stored-replace\"]");
    settle().await;
    let stored = local_storage()
        .get_item("dao-onboard.workspace")
        .unwrap()
        .unwrap();
    assert!(stored.contains("Stad Gent"), "{stored}");
}

#[wasm_bindgen_test]
async fn a_full_store_is_said_on_the_page() {
    let (root, state) = mount();
    state.form.org_name.set("Stad Gent".into());
    state.form.org_code.set("0123456749".into());
    settle().await;
    // Fill the store to its quota, in ever smaller blocks, to the last character.
    let mut filled = 0;
    let mut size = 256 * 1024;
    while size > 0 {
        let block = "x".repeat(size);
        while local_storage()
            .set_item(&format!("f{filled}"), &block)
            .is_ok()
        {
            filled += 1;
            assert!(filled < 2000, "the store never filled");
        }
        size /= 4;
    }
    click_in(&root, "[data-testid=\"workspace-add\"]");
    settle().await;
    assert_eq!(rows(&root).len(), 1, "the row is on the page");
    let said = text_of(&root, "workspace-storage-problem");
    assert!(said.contains("vol"), "{said}");
    let _ = local_storage().clear();
    // The next change is stored again, and the message goes.
    tick_item(&root, "create-client");
    settle().await;
    assert!(root
        .query_selector("[data-testid=\"workspace-storage-problem\"]")
        .unwrap()
        .is_none());
    assert!(local_storage()
        .get_item("dao-onboard.workspace")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
async fn each_step_of_a_row_shows_its_date() {
    let (root, state) = mount();
    state.form.org_name.set("Stad Gent".into());
    state.form.org_code.set("0123456749".into());
    settle().await;
    click_in(&root, "[data-testid=\"workspace-add\"]");
    tick_item(&root, "create-client");
    settle().await;
    let reached: Vec<String> = select_all(&root, "[data-milestone]")
        .iter()
        .map(|li| {
            format!(
                "{}={}",
                li.get_attribute("data-milestone").unwrap(),
                li.get_attribute("data-reached").unwrap()
            )
        })
        .collect();
    assert_eq!(
        reached,
        [
            "composed=true",
            "key-registered=false",
            "requested=true",
            "mailed=false",
            "approved=false",
            "connected=false"
        ]
    );
    let today: String = js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap()
        .chars()
        .take(10)
        .collect();
    assert!(text_of(&root, "workspace-progress").contains(&today));
}

/// The page's stylesheet, as `index.html` links it, for the layout tests.
fn install_stylesheet() {
    let document = web_sys::window().unwrap().document().unwrap();
    if document.get_element_by_id("page-css").is_some() {
        return;
    }
    let style = document.create_element("style").unwrap();
    style.set_id("page-css");
    style.set_text_content(Some(include_str!("../style/main.css")));
    document.head().unwrap().append_child(&style).unwrap();
}

/// Evaluates a script that measures the page and returns JSON.
fn measure(script: &str) -> serde_json::Value {
    let text = js_sys::eval(script).unwrap().as_string().unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Regression: the workspace table broke words mid-word ("Uitvaar t 2"),
/// wrapped codes and stacked the actions in a narrow column, and an empty workspace filled the
/// first screen before step 1. At 1,280 px: an empty workspace is one line; a row keeps its
/// words, codes and client id whole and its actions side by side.
#[wasm_bindgen_test]
async fn the_workspace_is_one_line_when_empty_and_its_rows_read_at_1280_px() {
    install_stylesheet();
    let (root, state) = mount();
    // At 1,280 px the page's body is at its widest, 60rem (style/main.css): so is the section.
    root.unchecked_ref::<HtmlElement>()
        .style()
        .set_property("width", "60rem")
        .unwrap();
    settle().await;
    let section = root
        .query_selector("[data-testid=\"workspace\"]")
        .unwrap()
        .unwrap();
    section.set_id("ws-under-test");
    assert_eq!(section.get_attribute("data-empty").as_deref(), Some("true"));
    let empty = measure(
        r#"(() => {
            const s = document.getElementById('ws-under-test');
            const top = (q) => s.querySelector(q).getBoundingClientRect();
            const h2 = top('h2'), add = top('[data-testid="workspace-add"]');
            const shown = [...s.querySelectorAll('.workspace-detail, .button-group > *')]
                .filter((e) => e.getClientRects().length > 0).length;
            return JSON.stringify({
                height: s.getBoundingClientRect().height,
                sameLine: Math.abs((h2.top + h2.bottom) / 2 - (add.top + add.bottom) / 2),
                shown,
                line: s.querySelector('[data-testid="workspace-empty-line"]').getClientRects().length,
            });
        })()"#,
    );
    assert_eq!(empty["shown"], 0, "{empty}");
    assert_eq!(empty["line"], 1, "the one-line hint is shown: {empty}");
    assert!(empty["sameLine"].as_f64().unwrap() < 12.0, "{empty}");
    assert!(empty["height"].as_f64().unwrap() < 90.0, "{empty}");

    // A row with a long name, a formatted code and a client id.
    state
        .form
        .org_name
        .set("Uitvaartcentrum Van den Broeck en Zonen 2".into());
    state.form.org_code.set("0123.456.749".into());
    state
        .signing
        .client_id
        .set("3f1c2b9e-6a1d-4e0b-9f3a-2c7d8e9f0a1b".into());
    settle().await;
    click_in(&root, "[data-testid=\"workspace-add\"]");
    settle().await;
    assert_eq!(
        section.get_attribute("data-empty").as_deref(),
        Some("false")
    );
    let row = measure(
        r#"(() => {
            const s = document.getElementById('ws-under-test');
            const cells = [...s.querySelectorAll('[data-testid="workspace-row"] td')];
            const style = getComputedStyle(cells[0]);
            const lineHeight = (td) => {
                const r = document.createRange();
                r.selectNodeContents(td);
                return [...r.getClientRects()].map((x) => Math.round(x.top))
                    .filter((v, i, a) => a.indexOf(v) === i).length;
            };
            const tops = [...cells[4].querySelectorAll('button')]
                .filter((b) => b.getClientRects().length > 0)
                .map((b) => Math.round(b.getBoundingClientRect().top));
            const list = s.querySelector('.workspace-list');
            return JSON.stringify({
                sideways: list.scrollWidth - list.clientWidth,
                widths: cells.map((td) => Math.round(td.getBoundingClientRect().width)),
                labels: [...cells[4].querySelectorAll('button')].map((b) => b.textContent + ':' + Math.round(b.getBoundingClientRect().width)),
                wrap: style.overflowWrap, breaks: style.wordBreak,
                codeLines: lineHeight(cells[0].querySelector('.code')), clientLines: lineHeight(cells[2]),
                actionRows: tops.filter((v, i, a) => a.indexOf(v) === i).length,
                buttons: tops.length,
                // The exports' group has no box of its own (display: contents): its buttons.
                shown: [...s.querySelectorAll('.workspace-detail:not(.button-group), .button-group > *')]
                    .filter((e) => e.getClientRects().length === 0).length,
            });
        })()"#,
    );
    assert_eq!(row["wrap"], "normal", "{row}");
    assert_eq!(row["breaks"], "normal", "{row}");
    assert_eq!(
        row["sideways"], 0,
        "every column in view at 1,280 px: {row}"
    );
    assert_eq!(row["codeLines"], 1, "{row}");
    // A client id may break after one of its hyphens, once at the most.
    assert!(row["clientLines"].as_u64().unwrap() <= 2, "{row}");
    assert!(row["buttons"].as_u64().unwrap() >= 3, "{row}");
    assert!(
        row["actionRows"].as_u64().unwrap() <= 2,
        "the actions side by side, never one a line: {row}"
    );
    assert_eq!(row["shown"], 0, "the whole workspace is drawn: {row}");
    root.remove();
    if let Some(css) = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .get_element_by_id("page-css")
    {
        css.remove();
    }
}

/// The header's line about the open row says nothing on a first visit (an empty workspace):
/// it appears with the first row, and says so in the workspace's words when no row is open.
#[wasm_bindgen_test]
async fn the_open_row_line_waits_for_a_first_row() {
    web_support::clear_storage();
    let (root, state) = web_support::mount(|state| {
        provide_workspace(state);
        view! {
            <CurrentOnboarding workspace=state.workspace />
            {workspace_view(state)}
        }
    });
    settle().await;
    let line = || {
        root.query_selector("[data-testid=\"workspace-current\"]")
            .unwrap()
    };
    assert!(line().is_none(), "no line with an empty workspace");

    state.form.org_name.set("Stad Gent".into());
    state.form.org_code.set("0123.456.749".into());
    settle().await;
    click_in(&root, "[data-testid=\"workspace-add\"]");
    settle().await;
    assert_eq!(rows(&root).len(), 1);
    assert!(line()
        .unwrap()
        .text_content()
        .unwrap()
        .contains("Stad Gent"));

    state.workspace.current.set(None);
    settle().await;
    let text = line().unwrap().text_content().unwrap();
    assert_eq!(
        text,
        dao_onboard::i18n::t(
            dao_onboard::i18n::Lang::Nl,
            dao_onboard::i18n::T::WorkspaceCurrentNone
        )
    );
}
