//! The detail of the school or area selected in a table (click, or Enter on its name): its
//! score as a bar of contributions by indicator, each indicator's values, tier and rank, and
//! against the baseline what changed and why.

use yew::prelude::*;

use super::state::use_explorer;
use crate::app::detail::{Selected, detail};
use crate::app::format::{full_dollars, thousands};

/// The selection, shared by the tables and the detail panel.
pub type Selection = UseStateHandle<Option<Selected>>;

/// The selection from context.
#[hook]
pub fn use_selection() -> Selection {
    use_context::<Selection>().expect("components are rendered inside the selection provider")
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
    let (handle, _) = use_explorer();
    let selection = use_selection();
    let heading = use_node_ref();
    {
        // Moving focus to the panel tells a screen-reader user what opened.
        let heading = heading.clone();
        use_effect_with(*selection, move |selected| {
            if selected.is_some() {
                if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                    let _ = h.focus();
                }
            }
        });
    }
    {
        // New data: the indices of the old selection mean nothing.
        let selection = selection.clone();
        let data = handle.app.as_ref().ok().map(|a| std::rc::Rc::as_ptr(&a.data) as usize);
        use_effect_with(data, move |_| selection.set(None));
    }
    let Ok(app) = &handle.app else { return html! {} };
    let Some(selected) = *selection else { return html! {} };
    let Some(d) = detail(app, selected) else { return html! {} };
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
    html! {
        <section class="panel detail" aria-labelledby="detail-heading" data-testid="detail-panel">
            <div class="detail-head">
                <h2 id="detail-heading" tabindex="-1" ref={heading}>{ d.title.clone() }</h2>
                <button type="button" onclick={close} data-testid="detail-close">{ "Close" }</button>
            </div>
            <p data-testid="detail-facts">
                { if is_school { format!("Mean score {score}") } else { format!("Score {score}") } }
                { d.tier.map(|t| format!(" · tier {t}")).unwrap_or_default() }
                { d.rank.map(|r| format!(" · rank {r}")).unwrap_or_default() }
                { match (d.baseline_rank, d.rank) {
                    (Some(b), Some(r)) if b != r => format!(" (baseline rank {b})"),
                    (Some(_), Some(_)) => " (as in the baseline)".to_string(),
                    _ => String::new(),
                } }
                { match (d.baseline_tier, d.tier) {
                    (Some(b), Some(t)) if b != t => format!(" · baseline tier {b}"),
                    _ => String::new(),
                } }
                { d.allocation_change_cents.map(|c| format!(" · allocation {} against the baseline", if c >= 0 { format!("+{}", full_dollars(c)) } else { format!("−{}", full_dollars(-c)) })).unwrap_or_default() }
                if d.knife_edge {
                    <strong class="edge-mark">{ if is_school { " · on a knife edge: many of its students live near a tier cut" } else { " · on a knife edge: within 1% of a tier cut" } }</strong>
                }
            </p>
            <p class="story" data-testid="detail-story">{ d.story.clone() }</p>
            if positive > 0.0 {
                <svg class="contribution-bar" width="100%" height="22" viewBox="0 0 100 22" preserveAspectRatio="none" role="img" data-testid="contribution-bar"
                    aria-label={format!("{} {score}, made of: {}", if is_school { "Mean score" } else { "Score" },
                        d.lines.iter().map(|l| format!("{} {:.1} points", l.label, l.contribution)).collect::<Vec<_>>().join(", "))}>
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
                <caption class="visually-hidden">{ "Contribution of each indicator" }</caption>
                <thead><tr>
                    <th scope="col">{ "Indicator" }</th>
                    if !is_school { <th scope="col" class="num">{ "Value" }</th><th scope="col" class="num">{ "Normalised" }</th> }
                    <th scope="col" class="num">{ "Points" }</th>
                    <th scope="col" class="num">{ "Change" }</th>
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
                <p data-testid="detail-mix">{ "Tier mix: " }{ d.tier_mix.iter().enumerate().map(|(t, s)| format!("tier {} {:.0}%", t + 1, 100.0 * s)).collect::<Vec<_>>().join(", ") }</p>
            }
            if !d.sources.is_empty() {
                <details class="sources">
                    <summary>{ match d.sources.len() { 1 => "Where its students live (1 neighbourhood)".to_string(), n => format!("Where its students live ({n} neighbourhoods)") } }</summary>
                    <table data-testid="detail-sources">
                        <thead><tr><th scope="col">{ "Area" }</th><th scope="col" class="num">{ "Students" }</th><th scope="col" class="num">{ "Tier" }</th><th scope="col" class="num">{ "Score" }</th></tr></thead>
                        <tbody>
                            { for d.sources.iter().take(100).map(|s| html! {
                                <tr>
                                    <th scope="row">{ s.id.clone() }</th>
                                    <td class="num">{ thousands(s.students) }</td>
                                    <td class="num">
                                        { s.tier.map_or("left out".to_string(), |t| t.to_string()) }
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
