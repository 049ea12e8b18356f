//! The detail of the school or area selected in a table (click, or Enter on its name): its
//! score as a bar of contributions by indicator, each indicator's values, tier and rank, and
//! against the baseline what changed and why.

use yew::prelude::*;

use super::perf;
use super::state::{UiAction, use_explorer, use_part, use_ui_dispatch};
use crate::app::detail::{Selected, detail};
use crate::app::format::{full_dollars, thousands};
use crate::app::i18n::catalogue as m;

/// The selection, shared by the tables and the detail panel.
/// The selected school or area (the page's state, [`crate::app::explorer::Explorer::selected`]),
/// and a way to change it.
#[derive(Clone, PartialEq)]
pub struct Selection {
    selected: Option<Selected>,
    ui: Callback<UiAction>,
}

impl std::ops::Deref for Selection {
    type Target = Option<Selected>;

    fn deref(&self) -> &Option<Selected> {
        &self.selected
    }
}

impl Selection {
    pub fn set(&self, selected: Option<Selected>) {
        self.ui.emit(UiAction::Select(selected));
    }

    /// The page's dispatcher, which never changes: for views that select without redrawing
    /// when the selection changes.
    pub fn dispatcher(&self) -> Callback<UiAction> {
        self.ui.clone()
    }
}

/// The selection; the view redraws when it changes.
#[hook]
pub fn use_selection() -> Selection {
    let selected = use_part(|e| e.selected);
    Selection { selected, ui: use_ui_dispatch() }
}

/// Fills for the contribution bar's segments (Okabe–Ito, colour-blind safe); each segment is
/// also named in the table below it and in the bar's label, so colour is never the only cue.
pub const SEGMENT_FILLS: [&str; 8] = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000"];

fn swatch(i: usize) -> Html {
    html! {
        <svg class="swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
            <rect width="12" height="12" fill={SEGMENT_FILLS[i % SEGMENT_FILLS.len()]} />
        </svg>
    }
}

fn signed(x: f64) -> String {
    if x.abs() < 0.05 { "0.0".into() } else { format!("{x:+.1}") }
}

#[component]
pub fn DetailPanel() -> Html {
    // With nothing selected it shows nothing, and a slider step does not redraw it (new data
    // clears the selection: its indices would mean nothing).
    let selection = use_selection();
    perf::rendered("DetailPanel");
    if selection.is_none() {
        return html! {};
    }
    html! { <DetailView /> }
}

/// The open detail: it shows results, so it takes the whole state.
#[component]
fn DetailView() -> Html {
    let (handle, _) = use_explorer();
    perf::rendered("DetailView");
    let selection = use_selection();
    let heading = use_node_ref();
    {
        // Moving focus to the panel tells a screen-reader user what opened.
        let heading = heading.clone();
        use_effect_with(*selection, move |selected| {
            if selected.is_some()
                && let Some(h) = heading.cast::<web_sys::HtmlElement>()
            {
                let _ = h.focus();
            }
        });
    }
    let Ok(app) = &handle.app else { return html! {} };
    let Some(selected) = *selection else { return html! {} };
    let lang = handle.lang;
    let Some(d) = detail(app, selected, lang) else { return html! {} };
    let close = {
        let selection = selection.clone();
        Callback::from(move |_| selection.set(None))
    };
    let score = d.score.map_or("–".to_string(), |s| format!("{s:.1}"));
    let positive: f64 = d.lines.iter().map(|l| l.contribution.max(0.0)).sum();
    // On a 0–100 score the bar's full width is 100 points, so its length is the score; z-scores
    // have no such scale and fill the bar.
    let full = if app.current.formula.normalization.is_zero_to_hundred() { positive.max(100.0) } else { positive };
    let is_school = matches!(selected, Selected::School(_));
    let score_words = lang.fill(if is_school { m::MEAN_SCORE_VALUE } else { m::SCORE_VALUE }, &[("score", &score)]);
    html! {
        <section class="panel detail" aria-labelledby="detail-heading" data-testid="detail-panel">
            <div class="detail-head">
                <h2 id="detail-heading" tabindex="-1" ref={heading} translate="no">{ d.title.clone() }</h2>
                <button type="button" onclick={close} data-testid="detail-close">{ lang.t(m::CLOSE) }</button>
            </div>
            <p data-testid="detail-facts">
                { score_words.clone() }
                { d.tier.map(|t| lang.fill(m::FACT_TIER, &[("n", &t)])).unwrap_or_default() }
                { d.rank.map(|r| lang.fill(m::FACT_RANK, &[("n", &r)])).unwrap_or_default() }
                { match (d.baseline_rank, d.rank) {
                    (Some(b), Some(r)) if b != r => lang.fill(m::FACT_BASELINE_RANK, &[("n", &b)]),
                    (Some(_), Some(_)) => lang.t(m::FACT_AS_IN_BASELINE).to_string(),
                    _ => String::new(),
                } }
                { match (d.baseline_tier, d.tier) {
                    (Some(b), Some(t)) if b != t => lang.fill(m::FACT_BASELINE_TIER, &[("n", &b)]),
                    _ => String::new(),
                } }
                { d.allocation_change_cents.map(|c| lang.fill(m::FACT_ALLOCATION, &[("amount", &if c >= 0 { format!("+{}", full_dollars(c)) } else { format!("−{}", full_dollars(-c)) })])).unwrap_or_default() }
                if d.knife_edge {
                    <strong class="edge-mark">{ lang.t(if is_school { m::EDGE_SCHOOL_FACT } else { m::EDGE_AREA_FACT }) }</strong>
                }
            </p>
            <p class="story" data-testid="detail-story">{ d.story.clone() }</p>
            if positive > 0.0 {
                <svg class="contribution-bar" width="100%" height="22" viewBox="0 0 100 22" preserveAspectRatio="none" role="img" data-testid="contribution-bar"
                    aria-label={lang.fill(m::BAR_LABEL, &[("what", &score_words), ("parts",
                        &d.lines.iter().map(|l| lang.fill(m::POINTS_OF, &[("label", &l.label), ("points", &format!("{:.1}", l.contribution))])).collect::<Vec<_>>().join(", "))])}>
                    { {
                        let mut x = 0.0;
                        d.lines.iter().enumerate().filter(|(_, l)| l.contribution > 0.0).map(|(i, l)| {
                            let w = 100.0 * l.contribution / full;
                            let rect = html! { <rect x={format!("{x:.3}")} y="0" width={format!("{w:.3}")} height="22" fill={SEGMENT_FILLS[i % SEGMENT_FILLS.len()]} stroke="#fff" stroke-width="0.3" /> };
                            x += w;
                            rect
                        }).collect::<Html>()
                    } }
                </svg>
            }
            <table class="detail-table" data-testid="detail-table">
                <caption class="visually-hidden">{ lang.t(m::CONTRIBUTION_CAPTION) }</caption>
                <thead><tr>
                    <th scope="col">{ lang.t(m::INDICATOR) }</th>
                    if !is_school { <th scope="col" class="num">{ lang.t(m::VALUE) }</th><th scope="col" class="num">{ lang.t(m::NORMALISED) }</th> }
                    <th scope="col" class="num">{ lang.t(m::POINTS) }</th>
                    <th scope="col" class="num">{ lang.t(m::CHANGE) }</th>
                </tr></thead>
                <tbody>
                    { for d.lines.iter().enumerate().map(|(i, l)| html! {
                        <tr data-testid="detail-line" data-contribution={l.contribution.to_string()}>
                            <th scope="row">{ swatch(i) }{ " " }{ l.label.clone() }</th>
                            if !is_school {
                                <td class="num">{ l.raw.clone().unwrap_or_default() }</td>
                                <td class="num">{ l.normalized.map_or("–".into(), |v| format!("{v:.1}")) }</td>
                            }
                            <td class="num">{ format!("{:.1}", l.contribution) }</td>
                            <td class="num">{ signed(l.change) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            if !d.tier_mix.is_empty() {
                <p data-testid="detail-mix">{ lang.t(m::MIX_PREFIX) }{ d.tier_mix.iter().enumerate().map(|(t, s)| lang.fill(m::MIX_PART, &[("tier", &(t + 1)), ("percent", &format!("{:.0}", 100.0 * s))])).collect::<Vec<_>>().join(", ") }</p>
            }
            if !d.sources.is_empty() {
                <details class="sources">
                    <summary>{ lang.plural(d.sources.len(), m::SOURCES_ONE, m::SOURCES_OTHER, &[]) }</summary>
                    <table data-testid="detail-sources">
                        <thead><tr><th scope="col">{ lang.t(m::AREA) }</th><th scope="col" class="num">{ lang.t(m::STUDENTS) }</th><th scope="col" class="num">{ lang.t(m::TIER) }</th><th scope="col" class="num">{ lang.t(m::SCORE) }</th></tr></thead>
                        <tbody>
                            { for d.sources.iter().take(100).map(|s| html! {
                                <tr>
                                    <th scope="row" translate="no">{ s.id.clone() }</th>
                                    <td class="num">{ thousands(s.students) }</td>
                                    <td class="num">
                                        { s.tier.map_or(lang.t(m::LEFT_OUT).to_string(), |t| t.to_string()) }
                                    </td>
                                    <td class="num">{ s.score.map_or("–".into(), |v| format!("{v:.1}")) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </details>
            }
        </section>
    }
}
