//! The exchange drawn as a small sequence diagram (inline SVG, no library), with its text
//! equivalent as an ordered list. The hops come from `domain::acm::diagram`; this only draws them.

use leptos::prelude::*;

use super::widgets::use_lang;
use crate::domain::acm::diagram::{Hop, Party};
use crate::i18n::{messages, t, T};

// Whole pixels: an `f64` attribute would link the standard library's float formatting (about
// 15 KB of wasm) for these few numbers.
const COLUMN: i32 = 150;
const LEFT: i32 = 70;
const TOP: i32 = 44;
const ROW: i32 = 30;

fn x(party: Party) -> i32 {
    LEFT + COLUMN * party.column() as i32
}

#[component]
pub(crate) fn ExchangeDiagram(
    #[prop(into)] hops: Signal<Vec<Hop>>,
    testid: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    let marker = format!("{testid}-arrow");
    let marker_failed = format!("{testid}-arrow-failed");
    let title_id = format!("{testid}-title");
    let height = move || TOP + ROW * hops.with(Vec::len) as i32 + 10;
    let width = LEFT * 2 + COLUMN * 3;
    view! {
        <figure class="diagram" data-testid=testid>
            <svg
                viewBox=move || format!("0 0 {width} {}", height())
                width="100%"
                role="img"
                aria-labelledby=title_id.clone()
                class="diagram-svg"
            >
                <title id=title_id.clone()>{move || t(lang.get(), T::DiagramTitle)}</title>
                <defs>
                    <marker
                        id=marker.clone()
                        viewBox="0 0 10 10"
                        refX="9"
                        refY="5"
                        markerWidth="7"
                        markerHeight="7"
                        orient="auto-start-reverse"
                    >
                        <path d="M 0 0 L 10 5 L 0 10 z" class="arrow-head"></path>
                    </marker>
                    <marker
                        id=marker_failed.clone()
                        viewBox="0 0 10 10"
                        refX="9"
                        refY="5"
                        markerWidth="7"
                        markerHeight="7"
                        orient="auto-start-reverse"
                    >
                        <path d="M 0 0 L 10 5 L 0 10 z" class="arrow-head-failed"></path>
                    </marker>
                </defs>
                {Party::ALL
                    .into_iter()
                    .map(|party| {
                        view! {
                            <text x=x(party) y="18" text-anchor="middle" class="party">
                                {move || messages::party_name(lang.get(), party)}
                            </text>
                            <line x1=x(party) y1="26" x2=x(party) y2=height class="lifeline"></line>
                        }
                    })
                    .collect_view()}
                {move || {
                    let (marker, marker_failed) = (marker.clone(), marker_failed.clone());
                    hops.get()
                        .into_iter()
                        .enumerate()
                        .map(move |(i, hop)| {
                            let y = TOP + ROW * i as i32;
                            let failed = hop.failure.is_some();
                            let end = if failed { &marker_failed } else { &marker };
                            let (x1, x2) = (x(hop.from), x(hop.to));
                            let inset = if x2 > x1 { -4 } else { 4 };
                            let label = messages::hop_label(lang.get(), &hop);
                            view! {
                                <g
                                    class=if failed { "hop hop-failed" } else { "hop" }
                                    data-testid="diagram-hop"
                                    data-from=hop.from.id()
                                    data-to=hop.to.id()
                                    data-status=hop
                                        .status
                                        .map(|s| s.to_string())
                                        .unwrap_or_default()
                                    data-failed=failed.to_string()
                                >
                                    <line
                                        x1=x1
                                        y1=y
                                        x2=x2 + inset
                                        y2=y
                                        marker-end=format!("url(#{end})")
                                    ></line>
                                    <text x=i32::midpoint(x1, x2) y=y - 5 text-anchor="middle">
                                        {label}
                                    </text>
                                </g>
                            }
                        })
                        .collect_view()
                }}
            </svg>
            <figcaption>
                <ol class="diagram-text" data-testid=format!("{testid}-text")>
                    {move || {
                        hops.get()
                            .into_iter()
                            .map(|hop| {
                                view! {
                                    <li>{move || messages::hop_sentence(lang.get(), &hop)}</li>
                                }
                            })
                            .collect_view()
                    }}
                </ol>
            </figcaption>
        </figure>
    }
}
