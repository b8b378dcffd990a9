//! Where the page's parts after step 1 come from: in the shipped page (Cargo feature `split`,
//! built by `scripts/build.py`) the workspace section and steps 2 to 7 are a separate wasm
//! chunk that the browser fetches right after the first paint; everywhere else (native builds,
//! the browser tests) they are rendered in place. Either way each part is the same view function.
//!
//! Why a chunk: the first visit then downloads only what the first screen needs (the shell, the
//! navigation and step 1). Why after the first paint and not when scrolled to: the user reaches
//! step 2 within seconds, and a fetch started on scrolling would make them wait.

use leptos::prelude::*;

use super::state::AppState;
use super::{
    assertion, check, connection, key, organisation, registration, software, workspace_list,
};
use crate::steps::Step;

/// A part of the page that is not needed for the first screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The workspace: the table of onboardings, its import and export.
    Workspace,
    /// Steps 2 to 7 (`Step::ALL` after the first).
    LaterSteps,
}

#[cfg(feature = "split")]
impl Part {
    /// The `data-testid`s of its loading and failure notices.
    fn ids(self) -> super::widgets::LateIds {
        use super::widgets::late_ids;
        match self {
            Part::Workspace => late_ids!("part-workspace"),
            Part::LaterSteps => late_ids!("part-steps"),
        }
    }
}

/// Step 1, always in the first download.
pub fn organisation_view(state: AppState) -> AnyView {
    view! {
        <organisation::OrganisationStep
            form=state.form
            registration=state.registration
            sourced=state.sourced_endpoints
            api_client_id=state.sourced_api_client_id
            brand=state.sourced_brand
        />
    }
    .into_any()
}

/// The workspace: read from the browser's store, kept there on every change, and its section.
/// Part of the chunk in the shipped page, so reading and writing the stored rows (and the ping
/// check the open row follows) are not in the first download; the header's line about the open
/// row shows once it is there.
pub fn workspace_view(state: AppState) -> AnyView {
    super::workspace::load(state);
    super::workspace::keep(state);
    view! { <workspace_list::WorkspaceSection state=state /> }.into_any()
}

/// Steps 2 to 7, in the registry's order.
fn later_steps_view(state: AppState) -> AnyView {
    Step::ALL[1..]
        .iter()
        .map(|&step| step_view(step, state))
        .collect_view()
        .into_any()
}

/// Each step's component with the slice of state it needs: the one place a step is wired, used
/// by the page and by every browser test (so a test mounts exactly what the page mounts).
pub fn step_view(step: Step, state: AppState) -> AnyView {
    match step {
        Step::Organisation => organisation_view(state),
        Step::Key => view! { <key::KeyStep signing=state.signing /> }.into_any(),
        Step::Registration => view! {
            <registration::RegistrationStep
                registration=state.registration
                endpoints=state.endpoints
                ticks=state.ticks
                api_team_email=state.api_team_email
                sourced_values=state.sourced_values
                signing=state.signing
            />
        }
        .into_any(),
        Step::Assertion => view! {
            <assertion::AssertionStep
                signing=state.signing
                endpoints=state.endpoints
                registration=state.registration
            />
        }
        .into_any(),
        Step::Connection => view! {
            <connection::ConnectionStep
                connection=state.connection
                signing=state.signing
                check=state.check
                registration=state.registration
                endpoints=state.endpoints
                sourced=state.sourced_endpoints
                environment=state.form.environment
            />
        }
        .into_any(),
        Step::Check => view! {
            <check::CheckStep
                check=state.check
                report=state.report()
                registration=state.registration
                signing=state.signing
                api_team_email=state.api_team_email
                sourced_values=state.sourced_values
            />
        }
        .into_any(),
        Step::Software => view! {
            <software::SoftwareStep
                signing=state.signing
                registration=state.registration
                endpoints=state.endpoints
            />
        }
        .into_any(),
    }
}

/// A part rendered in place: the build has no chunks.
#[cfg(not(feature = "split"))]
#[component]
pub fn LaterPart(part: Part, state: AppState) -> impl IntoView {
    match part {
        Part::Workspace => workspace_view(state),
        Part::LaterSteps => later_steps_view(state),
    }
}

/// The split points. Both parts are in one chunk (`rest`): one chunk per part made the
/// splitter share code through dozens of small chunks and more bytes in all (measured; README).
/// `fallible`: a chunk that cannot be fetched is an `Err` the page shows with a retry, where the
/// default would panic and abort the wasm. The macro needs the `Result` the building function
/// never fails with (hence `unnecessary_wraps`).
#[cfg(feature = "split")]
#[allow(clippy::unnecessary_wraps)]
mod split_points {
    use leptos::prelude::AnyView;
    use leptos::wasm_split::SplitLoaderError;

    use super::AppState;

    #[leptos::wasm_split::wasm_split(rest, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub(super) fn workspace_part(state: AppState) -> Result<AnyView, SplitLoaderError> {
        Ok(super::workspace_view(state))
    }

    #[leptos::wasm_split::wasm_split(rest, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub(super) fn later_steps_part(state: AppState) -> Result<AnyView, SplitLoaderError> {
        Ok(super::later_steps_view(state))
    }
}

/// A part from the chunk: requested right after the first paint; meanwhile the page says it is
/// coming, and if it cannot be fetched, says so with a button to try again (`widgets::LateNotice`,
/// as for the late tables).
#[cfg(feature = "split")]
#[component]
pub fn LaterPart(part: Part, state: AppState) -> impl IntoView {
    use super::widgets::LateNotice;
    use super::LateState;
    use crate::i18n::T;
    use leptos::task::spawn_local_scoped;

    let arrival = RwSignal::new(LateState::Loading);
    // The view is built inside the chunk, once; it is not `Send`, so it is kept locally and
    // handed to the page when it is there.
    let arrived = StoredValue::new_local(None::<AnyView>);
    // The part's components are created under this component's owner (also when a click on
    // "try again" starts the fetch), so they find the page's contexts (language, clock,
    // workspace) and are cleaned up with it.
    let owner = StoredValue::new_local(Owner::current());
    let fetch = move || {
        arrival.set(LateState::Loading);
        let task = async move {
            super::browser::after_first_paint().await;
            let view = match part {
                Part::Workspace => split_points::workspace_part(state).await,
                Part::LaterSteps => split_points::later_steps_part(state).await,
            };
            match view {
                Ok(view) => {
                    arrived.set_value(Some(view));
                    arrival.set(LateState::Loaded);
                }
                Err(_) => arrival.set(LateState::Failed),
            }
        };
        owner.with_value(|owner| match owner {
            Some(owner) => owner.with(|| spawn_local_scoped(task)),
            None => spawn_local_scoped(task),
        });
    };
    fetch();
    let shown = move || {
        (arrival.get() == LateState::Loaded).then(|| {
            arrived
                .try_update_value(Option::take)
                .flatten()
                .unwrap_or_else(|| ().into_any())
        })
    };
    view! {
        <LateNotice
            state=arrival
            loading=T::PartLoading
            failed=T::PartLoadFailed
            ids=part.ids()
            retry=fetch
        />
        {shown}
    }
}
