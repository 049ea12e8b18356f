//! "What drives the score": each indicator's nominal weight beside its effective weight (its
//! share of the score's variation), the correlations between indicators, and the warnings in
//! words. Recomputed only when the formula or the data changes.

use std::rc::Rc;

use yew::prelude::*;

use super::perf;

use super::state::use_explorer;
use crate::app::i18n::{Lang, catalogue as m};
use crate::app::presets::indicator_label;
use crate::engine::explain::{Drivers, drivers_named};

fn percent(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

/// Two bars per indicator (nominal, effective) on a shared 0–100% scale, with the numbers
/// written beside them; a negative effective weight is drawn hatched to the left of zero.
fn weight_chart(d: &Drivers, lang: Lang) -> Html {
    let max = d.influences.iter().flat_map(|i| [i.nominal_share, i.effective_share.unwrap_or(0.0).abs()]).fold(0.0f64, f64::max).max(0.01);
    let row_height = 36.0;
    let height = row_height * d.influences.len() as f64 + 4.0;
    html! {
        <svg class="weight-chart" width="100%" height={format!("{height}")} viewBox={format!("0 0 100 {height}")} preserveAspectRatio="none"
            role="img" aria-label={d.influences.iter().map(|i| lang.fill(m::NAMED_WEIGHT_AND_EFFECT, &[("name", &i.column), ("weight", &percent(i.nominal_share)),
                ("effect", &i.effective_share.map_or(lang.t(m::NO_EFFECT).into(), percent))])).collect::<Vec<_>>().join("; ")} data-testid="weight-chart">
            <defs>
                <pattern id="against" width="2" height="2" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <rect width="1" height="2" fill="#d55e00" />
                </pattern>
            </defs>
            { for d.influences.iter().enumerate().map(|(k, i)| {
                let y = 2.0 + row_height * k as f64;
                let nominal = 100.0 * i.nominal_share / max;
                let effective = i.effective_share.unwrap_or(0.0);
                let effective_width = 100.0 * effective.abs() / max;
                html! {
                    <g>
                        <rect x="0" y={format!("{y}")} width={format!("{nominal:.3}")} height="12" fill="#999999" />
                        <rect x="0" y={format!("{}", y + 14.0)} width={format!("{effective_width:.3}")} height="12"
                            fill={if effective < 0.0 { "url(#against)" } else { "#0072b2" }} />
                    </g>
                }
            }) }
        </svg>
    }
}

#[component]
pub fn ExplainPanel() -> Html {
    perf::rendered("ExplainPanel");
    let (handle, _) = use_explorer();
    let lang = handle.lang;
    let (prepared, formula) = match &handle.app {
        Ok(app) => (Some(Rc::clone(&app.current.prepared)), Some(app.current.formula.clone())),
        Err(_) => (None, None),
    };
    // Keyed by the preparation (the data and normalisation) and the formula's weights.
    let key = (prepared.as_ref().map(|p| Rc::as_ptr(p) as usize), formula.clone(), lang);
    let result = use_memo(key, move |_| match (&prepared, &formula) {
        (Some(p), Some(f)) => drivers_named(p, f, &|c: &str| indicator_label(c, lang)),
        _ => Drivers::default(),
    });
    if handle.app.is_err() {
        return html! {};
    }
    let d = &*result;
    html! {
        <section class="panel explain" aria-labelledby="explain-heading" data-testid="explain-panel">
            <h2 id="explain-heading">{ lang.t(m::WHAT_DRIVES) }</h2>
            <p class="hint">{ lang.t(m::WHAT_DRIVES_HINT) }</p>
            if d.warnings.is_empty() {
                <p data-testid="explain-warnings">{ lang.t(m::NO_WARNINGS) }</p>
            } else {
                <ul class="warnings" data-testid="explain-warnings">
                    { for d.warnings.iter().map(|w| html! { <li>{ lang.warning(w) }</li> }) }
                </ul>
            }
            <div class="weight-rows">
                <div class="weight-labels">
                    { for d.influences.iter().map(|i| html! {
                        <p data-testid="influence" data-column={i.column.clone()} data-nominal={i.nominal_share.to_string()}
                            data-effective={i.effective_share.map(|share| share.to_string()).unwrap_or_default()}>
                            <span class="name">{ i.column.clone() }</span>
                            <span class="numbers">{ lang.fill(m::WEIGHT_AND_EFFECT, &[("weight", &percent(i.nominal_share)), ("effect", &i.effective_share.map_or("–".into(), percent))]) }</span>
                        </p>
                    }) }
                </div>
                { weight_chart(d, lang) }
            </div>
            if !d.correlations.is_empty() {
                <details>
                    <summary>{ lang.t(m::CORRELATIONS) }</summary>
                    <table class="correlations" data-testid="correlations">
                        <thead><tr>
                            <td></td>
                            { for d.influences.iter().map(|i| html! { <th scope="col">{ indicator_label(&i.column, lang) }</th> }) }
                        </tr></thead>
                        <tbody>
                            { for d.influences.iter().map(|row| html! {
                                <tr>
                                    <th scope="row">{ indicator_label(&row.column, lang) }</th>
                                    { for d.influences.iter().map(|col| {
                                        let r = if row.column == col.column { Some(1.0) } else {
                                            d.correlations.iter().find(|c| (c.a == row.column && c.b == col.column) || (c.b == row.column && c.a == col.column)).and_then(|c| c.r)
                                        };
                                        html! { <td class={classes!("num", r.is_some_and(|r| r.abs() >= 0.9 && row.column != col.column).then_some("strong"))}>
                                            { r.map_or("–".into(), |r| format!("{r:.2}")) }
                                        </td> }
                                    }) }
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </details>
            }
        </section>
    }
}
