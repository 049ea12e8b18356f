//! The workshop: this formula's code for handing in, and the presenter's round-up of many
//! codes or share links ([`crate::app::workshop`]): the spread of each weight, the ranking under
//! the median weights, and where the submissions agree and disagree. Nothing is sent anywhere:
//! the codes are read aloud or pasted.

use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::perf;

use super::state::use_explorer;
use crate::app::format::weight;
use crate::app::i18n::{Lang, catalogue as m};
use crate::app::state::{Action, AppState};
use crate::app::workshop::{AREA_SHARE_KEY, Agreement, RoundUp, WeightSpread, weight_code, weight_label};
use crate::engine::EngineError;
use crate::engine::formula::Formula;

/// Name of school (or area) `i`.
fn name_of(app: &AppState, schools: bool, i: usize) -> String {
    match app.data.schools() {
        Some(s) if schools => s.names.get(i).cloned().unwrap_or_default(),
        _ => app.current.prepared.ids().get(i).to_string(),
    }
}

/// One indicator's weights as a strip: every submission a dot, the middle half a box, the
/// median a bar; the numbers are in the table beside it.
fn strip(spread: &WeightSpread, top: f64) -> Html {
    let x = |v: f64| 4.0 + 292.0 * v / top.max(1.0);
    html! {
        <svg class="strip" width="300" height="24" viewBox="0 0 300 24" aria-hidden="true" focusable="false">
            <line x1="4" y1="12" x2="296" y2="12" stroke="#8a93a3" />
            <rect x={format!("{:.1}", x(spread.lower_quartile))} y="5" width={format!("{:.1}", (x(spread.upper_quartile) - x(spread.lower_quartile)).max(1.0))} height="14" fill="#56b4e9" fill-opacity="0.5" stroke="#0072b2" />
            { for spread.values.iter().map(|v| html! { <circle cx={format!("{:.1}", x(*v))} cy="12" r="2.5" fill="#1d2330" fill-opacity="0.6" /> }) }
            <line x1={format!("{:.1}", x(spread.median))} y1="2" x2={format!("{:.1}", x(spread.median))} y2="22" stroke="#d55e00" stroke-width="3" />
        </svg>
    }
}

fn agreement_list(app: &AppState, r: &RoundUp, list: &[Agreement], testid: &'static str, empty: &str, lang: Lang) -> Html {
    if list.is_empty() {
        return html! { <p class="hint" data-testid={testid}>{ empty.to_string() }</p> };
    }
    html! {
        <ol data-testid={testid}>
            { for list.iter().map(|a| html! {
                <li data-index={a.index.to_string()}>
                    { lang.fill(m::AGREEMENT_LINE, &[("name", &name_of(app, r.schools, a.index)), ("percent", &format!("{:.0}", a.top_ten_share * 100.0)),
                        ("low", &a.best_rank), ("high", &a.worst_rank), ("median", &a.median_rank)]) }
                </li>
            }) }
        </ol>
    }
}

/// This formula's code, each part labelled with what it stands for; or why there is no code.
fn code_view(formula: &Formula, lang: Lang) -> Html {
    let code = match weight_code(formula) {
        Ok(code) => code,
        Err(problem) => {
            return html! { <p class="error" role="status" data-testid="workshop-code-problem">{ problem.words(formula, lang) }</p> };
        }
    };
    let parts: Vec<&str> = code.split('-').collect();
    // The start, a part per weight (indicators, groups, the student part), the tail.
    let groups: Vec<String> = formula.all_groups().into_iter().map(|(_, g)| g.name.clone()).collect();
    let student: Vec<String> =
        formula.student.iter().flat_map(|p| std::iter::once(AREA_SHARE_KEY.to_owned()).chain(p.family.iter().map(|f| f.column.clone()))).collect();
    let weights: Vec<&str> = formula.indicators.iter().map(|i| i.column.as_str()).chain(groups.iter().map(String::as_str)).chain(student.iter().map(String::as_str)).collect();
    let label = |k: usize| match k {
        0 => lang.t(m::CODE_PART_START).to_string(),
        k if k <= weights.len() => weight_label(weights[k - 1], lang),
        _ => lang.t(m::CODE_PART_TAIL).to_string(),
    };
    html! {
        <>
            <p>{ lang.t(m::YOUR_CODE) }<strong class="code" data-testid="workshop-code">{ code.clone() }</strong></p>
            <ol class="code-parts" aria-label={lang.t(m::CODE_PARTS)} data-testid="workshop-code-parts">
                { for parts.iter().enumerate().map(|(k, part)| html! {
                    <li><strong class="code">{ part.to_string() }</strong><span>{ label(k) }</span></li>
                }) }
            </ol>
        </>
    }
}

#[component]
pub fn WorkshopPanel() -> Html {
    perf::rendered("WorkshopPanel");
    let (handle, dispatch) = use_explorer();
    let lang = handle.lang;
    let input = use_node_ref();
    let result = use_state(|| None::<Result<Rc<RoundUp>, EngineError>>);
    let Ok(app) = &handle.app else { return html! {} };
    let code = code_view(&app.current.formula, lang);
    let on_round_up = {
        let (input, result, app) = (input.clone(), result.clone(), app.clone());
        Callback::from(move |_| {
            let text = input.cast::<HtmlTextAreaElement>().map(|t| t.value()).unwrap_or_default();
            let r = RoundUp::new(&text, &app.current.formula, &app.data.dataset, &app.current.prepared, app.rank_by);
            result.set(Some(r.map(Rc::new)));
        })
    };
    let body = match result.as_ref() {
        None => html! {},
        Some(Err(e)) => html! { <p class="error" role="alert" data-testid="roundup-error">{ lang.error(e) }</p> },
        Some(Ok(r)) => {
            let top = r.spreads.iter().map(|s| s.max).fold(0.0, f64::max);
            let use_median = {
                let (dispatch, weights) = (dispatch.clone(), r.median_formula.indicators.iter().map(|i| i.weight).collect::<Vec<_>>());
                Callback::from(move |_| {
                    for (i, w) in weights.iter().enumerate() {
                        dispatch.emit(Action::SetEnabled(i, true));
                        dispatch.emit(Action::SetWeight(i, *w));
                    }
                })
            };

            html! {
                <div data-testid="roundup-result" role="status">
                    <p data-testid="roundup-count"><strong>{ lang.fill(m::ROUND_UP_COUNT, &[("pasted", &r.pasted), ("used", &r.submissions.len())]) }</strong>
                        { if r.rejected.is_empty() { String::new() } else { lang.fill(m::COULD_NOT_USE_N, &[("n", &r.rejected.len())]) } }</p>
                    <h3>{ lang.t(m::WEIGHTS_SPREAD) }</h3>
                    <table class="spreads" data-testid="roundup-spreads">
                        <caption class="hint">{ lang.t(m::SPREAD_HINT) }</caption>
                        <thead><tr><th scope="col">{ lang.t(m::INDICATOR) }</th><th scope="col">{ lang.t(m::SPREAD) }</th>
                            <th scope="col" class="num">{ lang.t(m::MEDIAN) }</th><th scope="col" class="num">{ lang.t(m::MIDDLE_HALF) }</th><th scope="col" class="num">{ lang.t(m::RANGE) }</th></tr></thead>
                        <tbody>
                            { for r.spreads.iter().map(|s| html! {
                                <tr data-testid="roundup-spread">
                                    <th scope="row">{ weight_label(&s.column, lang) }</th>
                                    <td>{ strip(s, top) }</td>
                                    <td class="num" data-testid="roundup-median">{ weight(s.median) }</td>
                                    <td class="num">{ format!("{}–{}", weight(s.lower_quartile), weight(s.upper_quartile)) }</td>
                                    <td class="num">{ format!("{}–{}", weight(s.min), weight(s.max)) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                    <h3>{ lang.t(if r.schools { m::TEN_SCHOOLS_MEDIAN } else { m::TEN_AREAS_MEDIAN }) }</h3>
                    <ol data-testid="roundup-median-ranking">
                        { for r.median_ranking.iter().take(10).map(|(i, rank)| html! { <li value={rank.to_string()}>{ name_of(app, r.schools, *i) }</li> }) }
                    </ol>
                    <div class="buttons"><button type="button" data-testid="roundup-use-median" onclick={use_median}>{ lang.t(m::USE_MEDIAN) }</button></div>
                    <h3>{ lang.t(if r.schools { m::CONSENSUS_SCHOOLS } else { m::CONSENSUS_AREAS }) }</h3>
                    { agreement_list(app, r, &r.consensus, "roundup-consensus", lang.t(m::NO_CONSENSUS), lang) }
                    <h3>{ lang.t(m::DISAGREE_MOST) }</h3>
                    { agreement_list(app, r, &r.disagreements, "roundup-disagreements", lang.t(m::AGREE_ALL), lang) }
                    if !r.rejected.is_empty() {
                        <h3>{ lang.t(m::COULD_NOT_USE) }</h3>
                        <ul data-testid="roundup-rejected">
                            { for r.rejected.iter().map(|x| html! { <li><code>{ x.text.clone() }</code>{ format!(": {}", x.reason.words(lang)) }</li> }) }
                        </ul>
                    }
                </div>
            }
        }
    };
    html! {
        <section class="panel workshop" aria-labelledby="workshop-heading" data-testid="workshop-panel">
            <h2 id="workshop-heading">{ lang.t(m::WORKSHOP) }</h2>
            { code }
            <p class="hint">{ lang.t(m::CODE_HINT) }</p>
            <details>
                <summary>{ lang.t(m::ROUND_UP_WORKSHOP) }</summary>
                <label for="roundup-input">{ lang.t(m::PASTE_CODES) }</label>
                <textarea id="roundup-input" ref={input} rows="6" data-testid="roundup-input" />
                <div class="buttons"><button type="button" data-testid="roundup-run" onclick={on_round_up}>{ lang.t(m::ROUND_UP) }</button></div>
                { body }
            </details>
        </section>
    }
}
