//! "How sure is this ranking?": seeded draws of uncertain weights, run a few at a time between
//! frames (no long task) with progress and cancel; then each school's range of ranks and
//! allocations, each area's chance of another tier, and which weight matters most (one at a
//! time). A result computed for other weights is marked stale.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::controls::NumberField;
use super::perf;
use super::slices::{Report, Steps, run_in_slices};
use super::state::{use_dispatch, use_lang, use_part, use_store};
use crate::app::format::full_dollars;
use crate::app::i18n::{Lang, Msg, catalogue as m};
use crate::app::state::{Action, AppState};
use crate::engine::EngineError;
use crate::engine::stability::{Sensitivity, StabilityResult, StabilityRun, StabilitySettings, one_at_a_time};

/// A finished analysis and what it was computed for.
#[derive(Debug, PartialEq)]
struct Finished {
    result: StabilityResult,
    sensitivity: Vec<Sensitivity>,
    /// The state it was computed on: a different formula, allocation or data makes it stale.
    app: AppState,
}

/// A run under way.
struct Job {
    generation: u32,
    run: StabilityRun,
    app: AppState,
}

impl Steps for Job {
    fn generation(&self) -> u32 {
        self.generation
    }
    fn finished(&self) -> bool {
        self.run.finished()
    }
    fn step(&mut self) -> Result<(), EngineError> {
        let app = &self.app;
        let allocation = app.data.dataset.schools.is_some().then_some(&app.current.allocation);
        self.run.step(&app.current.prepared, &app.data.dataset, app.rank_by, allocation, 4)
    }
    fn progress(&self) -> (u32, u32) {
        self.run.progress()
    }
}

#[derive(Clone)]
struct Handles {
    job: Rc<RefCell<Option<Job>>>,
    progress: UseStateHandle<Option<(u32, u32)>>,
    finished: UseStateHandle<Option<Rc<Finished>>>,
    error: UseStateHandle<Option<EngineError>>,
}

/// Runs the draws a slice at a time; then the one-at-a-time table in a task of its own, so no
/// task runs long.
fn tick(h: Handles, generation: u32) {
    let progress = h.progress.clone();
    let report = Report {
        progress: Box::new(move |p| progress.set(Some(p))),
        end: Box::new(move |ended: Result<Job, EngineError>| {
            let job = match ended {
                Ok(job) => job,
                Err(e) => {
                    h.error.set(Some(e));
                    h.progress.set(None);
                    return;
                }
            };
            Timeout::new(0, move || {
                let app = job.app;
                let allocation = app.data.dataset.schools.is_some().then_some(&app.current.allocation);
                match one_at_a_time(
                    &app.current.prepared,
                    &app.data.dataset,
                    &app.current.formula,
                    app.rank_by,
                    allocation,
                    &app.current.evaluation,
                ) {
                    Ok(sensitivity) => {
                        perf::measure("ses:stability", "ses:stability-start");
                        perf::clear_mark("ses:stability-start");
                        h.finished.set(Some(Rc::new(Finished { result: job.run.result(), sensitivity, app })))
                    }
                    Err(e) => h.error.set(Some(e)),
                }
                h.progress.set(None);
            })
            .forget();
        }),
    };
    run_in_slices(Rc::clone(&h.job), generation, report);
}

fn stale(finished: &Finished, app: &AppState) -> bool {
    finished.app.current.formula != app.current.formula
        || finished.app.current.allocation != app.current.allocation
        || finished.app.rank_by != app.rank_by
        || !Rc::ptr_eq(&finished.app.data, &app.data)
}

/// One line per school from its 5th to its 95th percentile rank, the median marked, schools
/// in current rank order.
fn rank_range_chart(result: &StabilityResult, names: &[String], lang: Lang) -> Html {
    let n = result.schools.len().max(1) as f64;
    let mut order: Vec<usize> = (0..result.schools.len()).collect();
    order.sort_by_key(|&s| result.schools[s].rank);
    let row = 4.0;
    let height = row * order.len() as f64 + 4.0;
    let x = |rank: u32| 100.0 * (f64::from(rank) - 0.5) / n;
    html! {
        <svg class="rank-ranges" width="100%" height={format!("{}", height.min(900.0))} viewBox={format!("0 0 100 {height}")} preserveAspectRatio="none"
            role="img" data-testid="rank-range-chart"
            aria-label={lang.fill(m::RANGES_LABEL, &[("n", &order.len())])}>
            { for order.iter().enumerate().map(|(k, &s)| {
                let r = &result.schools[s];
                let y = 2.0 + row * k as f64 + row / 2.0;
                html! {
                    <g>
                        <title>{ lang.fill(m::RANGE_POINT, &[("name", &names.get(s).cloned().unwrap_or_default()), ("rank", &r.rank), ("low", &r.rank_p5), ("high", &r.rank_p95)]) }</title>
                        <line x1={format!("{:.3}", x(r.rank_p5))} x2={format!("{:.3}", x(r.rank_p95))} y1={format!("{y}")} y2={format!("{y}")} stroke="#0072b2" stroke-width="1.2" />
                        <rect x={format!("{:.3}", x(r.rank_median) - 0.4)} y={format!("{}", y - 1.5)} width="0.8" height="3" fill="#000" />
                    </g>
                }
            }) }
        </svg>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum SortBy {
    Rank,
    Spread,
}

/// Orders of the one-at-a-time table.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SensitivityOrder {
    Formula,
    Schools,
    Areas,
    Dollars,
}

#[component]
pub fn StabilityPanel() -> Html {
    let handles =
        Handles { job: use_mut_ref(|| None::<Job>), progress: use_state(|| None), finished: use_state(|| None), error: use_state(|| None) };
    // It shows its settings and whether its result is out of date: a slider step redraws it
    // once (the result goes stale), not on every step.
    let finished = (*handles.finished).clone();
    let shown = use_part(move |e| {
        let app = e.app.as_ref().ok()?;
        Some((app.stability, finished.as_ref().is_some_and(|f| stale(f, app))))
    });
    let lang = use_lang();
    perf::rendered("StabilityPanel");
    let dispatch = use_dispatch();
    let store = use_store();
    let generation = use_mut_ref(|| 0u32);
    let Some((settings, is_stale)) = shown else { return html! {} };

    let on_run = {
        let (h, store, generation) = (handles.clone(), store.clone(), generation.clone());
        Callback::from(move |_| {
            let Some(app) = store.latest_whole_app() else { return };
            h.error.set(None);
            match StabilityRun::new(&app.current.formula, &app.current.evaluation, settings) {
                Ok(run) => {
                    let g = {
                        let mut g = generation.borrow_mut();
                        *g += 1;
                        *g
                    };
                    *h.job.borrow_mut() = Some(Job { generation: g, run, app: app.clone() });
                    perf::mark("ses:stability-start");
                    h.progress.set(Some((0, settings.draws)));
                    tick(h.clone(), g);
                }
                Err(e) => h.error.set(Some(e)),
            }
        })
    };
    let on_cancel = {
        let h = handles.clone();
        Callback::from(move |_| {
            *h.job.borrow_mut() = None;
            h.progress.set(None);
        })
    };
    let set = |f: fn(&mut StabilitySettings, f64)| {
        let dispatch = dispatch.clone();
        Callback::from(move |v: f64| {
            let mut next = settings;
            f(&mut next, v);
            dispatch.emit(Action::SetStability(next));
        })
    };
    let running = handles.progress.is_some();

    html! {
        <section class="panel stability" aria-labelledby="stability-heading" data-testid="stability-panel">
            <h2 id="stability-heading">{ lang.t(m::HOW_SURE) }</h2>
            <p class="hint">{ lang.t(m::HOW_SURE_HINT) }</p>
            <div class="fields">
                <NumberField id="stability-spread" label={lang.t(m::HOW_UNSURE)} testid="stability-spread" value={settings.spread * 100.0}
                    min={0.0} max={95.0} step="5" oninput={set(|s, v| s.spread = v / 100.0)} />
                <NumberField id="stability-draws" label={lang.t(m::DRAWS)} testid="stability-draws" value={f64::from(settings.draws)}
                    min={1.0} max={100000.0} step="100" oninput={set(|s, v| s.draws = v.max(0.0).min(f64::from(u32::MAX)) as u32)} />
                <NumberField id="stability-seed" label={lang.t(m::SEED)} testid="stability-seed" value={settings.seed as f64}
                    min={0.0} step="1" oninput={set(|s, v| s.seed = v.max(0.0) as u64)} />
            </div>
            <div class="buttons">
                <button type="button" data-testid="stability-run" onclick={on_run} disabled={running}>{ lang.t(m::RUN) }</button>
                if running {
                    <button type="button" data-testid="stability-cancel" onclick={on_cancel}>{ lang.t(m::CANCEL) }</button>
                }
            </div>
            if let Some((done, total)) = *handles.progress {
                <label class="progress">{ lang.fill(m::DRAWS_DONE, &[("done", &done), ("total", &total)]) }
                    <progress max={total.to_string()} value={done.to_string()} data-testid="stability-progress"></progress>
                </label>
            }
            if let Some(e) = &*handles.error {
                <p class="error" role="alert">{ lang.error(e) }</p>
            }
            if let Some(f) = &*handles.finished {
                <StabilityResultView finished={Rc::clone(f)} stale={is_stale} />
            }
        </section>
    }
}

#[derive(Properties)]
struct ResultProps {
    finished: Rc<Finished>,
    stale: bool,
}

impl PartialEq for ResultProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.finished, &other.finished) && self.stale == other.stale
    }
}

/// A finished analysis: its own component, so that a slider step (which changes neither the
/// result nor, after the first step, its staleness) does not re-render its long tables.
#[component]
fn StabilityResultView(props: &ResultProps) -> Html {
    let sort = use_state(|| SortBy::Spread);
    let sensitivity_order = use_state(|| SensitivityOrder::Formula);
    let lang = use_lang();
    let f = &props.finished;
    let names: Vec<String> = f.app.data.schools().map(|s| s.names.clone()).unwrap_or_default();
    html! {
        <div data-testid="stability-result" data-stale={props.stale.to_string()}>
            if props.stale {
                <p class="stale" role="status" data-testid="stability-stale"><strong>{ lang.t(m::OUT_OF_DATE) }</strong>{ lang.t(m::FORMULA_CHANGED_SINCE) }</p>
            }
            <p>{ lang.fill(m::DRAWS_SETTINGS, &[("draws", &f.result.settings.draws), ("spread", &format!("{:.0}", f.result.settings.spread * 100.0)), ("seed", &f.result.settings.seed)]) }
                { lang.fill(m::AREAS_HALF_DRAWS, &[("n", &f.result.area_tier_change.iter().flatten().filter(|&&p| p >= 0.5).count())]) }</p>
            if !f.result.schools.is_empty() {
                <figure>
                    { rank_range_chart(&f.result, &names, lang) }
                    <figcaption>{ lang.fill(m::RANGES_CAPTION, &[("n", &f.result.schools.len())]) }</figcaption>
                </figure>
                <div class="buttons">
                    <button type="button" data-testid="stability-sort-spread" aria-pressed={(*sort == SortBy::Spread).to_string()} onclick={let s = sort.clone(); move |_| s.set(SortBy::Spread)}>{ lang.t(m::LEAST_CERTAIN_FIRST) }</button>
                    <button type="button" data-testid="stability-sort-rank" aria-pressed={(*sort == SortBy::Rank).to_string()} onclick={let s = sort.clone(); move |_| s.set(SortBy::Rank)}>{ lang.t(m::BY_RANK) }</button>
                </div>
                <div class="table-wrap short" tabindex="0" role="region" aria-label={lang.t(m::RANGES_REGION)}>
                    <table data-testid="stability-table">
                        <thead><tr>
                            <th scope="col">{ lang.t(m::SCHOOL) }</th><th scope="col" class="num">{ lang.t(m::RANK) }</th><th scope="col" class="num">{ lang.t(m::MEDIAN) }</th>
                            <th scope="col" class="num">{ lang.t(m::NINETY_OF_DRAWS) }</th><th scope="col" class="num">{ lang.t(m::ALLOCATION_NINETY) }</th>
                        </tr></thead>
                        <tbody>
                            { for {
                                let mut order: Vec<usize> = (0..f.result.schools.len()).collect();
                                match *sort {
                                    SortBy::Rank => order.sort_by_key(|&s| f.result.schools[s].rank),
                                    SortBy::Spread => order.sort_by_key(|&s| (std::cmp::Reverse(f.result.schools[s].rank_p95 - f.result.schools[s].rank_p5), f.result.schools[s].rank)),
                                }
                                order
                            }.into_iter().map(|s| {
                                let r = &f.result.schools[s];
                                html! {
                                    <tr data-testid="stability-row" data-school-id={f.app.data.schools().map(|x| x.ids[s].clone()).unwrap_or_default()}
                                        data-p5={r.rank_p5.to_string()} data-median={r.rank_median.to_string()} data-p95={r.rank_p95.to_string()}>
                                        <th scope="row" translate="no">{ names.get(s).cloned().unwrap_or_default() }</th>
                                        <td class="num">{ r.rank }</td>
                                        <td class="num">{ r.rank_median }</td>
                                        <td class="num">{ format!("{}–{}", r.rank_p5, r.rank_p95) }</td>
                                        <td class="num">{ match (r.allocation_p5, r.allocation_p95) {
                                            (Some(lo), Some(hi)) => format!("{} – {}", full_dollars((lo * 100.0).round() as i64), full_dollars((hi * 100.0).round() as i64)),
                                            _ => String::new(),
                                        } }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            { likely_tier_changes(f, lang) }
            <h3>{ lang.t(m::WHICH_WEIGHT) }</h3>
            <p class="hint">{ lang.t(m::WHICH_WEIGHT_HINT) }</p>
            <table data-testid="sensitivity-table">
                <thead><tr>
                    { for [(SensitivityOrder::Formula, m::INDICATOR, ""), (SensitivityOrder::Formula, m::WEIGHT_TIMES, "num"),
                           (SensitivityOrder::Schools, m::SCHOOLS_MOVING_5, "num"), (SensitivityOrder::Areas, m::AREAS_CHANGING_TIER, "num"),
                           (SensitivityOrder::Dollars, m::DOLLARS_MOVED_HEADER, "num")].into_iter().enumerate().map(|(k, (order, label, class)): (usize, (SensitivityOrder, Msg, &str))| {
                        let label = lang.t(label);
                        let active = *sensitivity_order == order && (k != 1);
                        html! {
                            <th scope="col" class={class} aria-sort={if active { if order == SensitivityOrder::Formula { "ascending" } else { "descending" } } else { "none" }}>
                                if k == 1 { { label } } else {
                                    <button type="button" class="sort" data-testid={format!("sensitivity-sort-{k}")}
                                        onclick={let o = sensitivity_order.clone(); move |_| o.set(order)}>
                                        { label }{ if active && order != SensitivityOrder::Formula { " ↓" } else { "" } }
                                    </button>
                                }
                            </th>
                        }
                    }) }
                </tr></thead>
                <tbody>
                    { for {
                        let mut rows: Vec<&Sensitivity> = f.sensitivity.iter().collect();
                        match *sensitivity_order {
                            SensitivityOrder::Formula => {}
                            SensitivityOrder::Schools => rows.sort_by_key(|s| std::cmp::Reverse(s.schools_rank_change_5)),
                            SensitivityOrder::Areas => rows.sort_by_key(|s| std::cmp::Reverse(s.areas_tier_change)),
                            SensitivityOrder::Dollars => rows.sort_by(|a, b| b.dollars_moved.unwrap_or(0.0).total_cmp(&a.dollars_moved.unwrap_or(0.0))),
                        }
                        rows
                    }.into_iter().map(|s| html! {
                        <tr data-testid="sensitivity-row">
                            <th scope="row">{ s.column.clone() }</th>
                            <td class="num">{ format!("{}", s.factor) }</td>
                            <td class="num">{ s.schools_rank_change_5 }</td>
                            <td class="num">{ s.areas_tier_change }</td>
                            <td class="num">{ s.dollars_moved.map_or("–".into(), |d| full_dollars((d * 100.0).round() as i64)) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// The areas most likely to change tier under the draws, the likeliest first (at most 30).
fn likely_tier_changes(f: &Finished, lang: Lang) -> Html {
    html! {
    <details data-testid="tier-change-areas">
        <summary>{ lang.t(m::LIKELY_TIER_CHANGE) }</summary>
        <table>
            <thead><tr><th scope="col">{ lang.t(m::AREA) }</th><th scope="col" class="num">{ lang.t(m::TIER_NOW) }</th><th scope="col" class="num">{ lang.t(m::SHARE_OTHER_TIER) }</th></tr></thead>
            <tbody>
                { for {
                    let p = &f.result.area_tier_change;
                    let mut order: Vec<usize> = (0..p.len()).filter(|&a| p[a].is_some_and(|x| x > 0.0)).collect();
                    order.sort_by(|&a, &b| p[b].unwrap_or(0.0).total_cmp(&p[a].unwrap_or(0.0)).then(a.cmp(&b)));
                    order.truncate(30);
                    order
                }.into_iter().map(|a| html! {
                    <tr>
                        <th scope="row" translate="no">{ f.app.current.prepared.ids()[a].to_owned() }</th>
                        <td class="num">{ f.app.current.evaluation.areas.of(a).tier.map(|t| t.to_string()).unwrap_or_default() }</td>
                        <td class="num">{ format!("{:.0}%", 100.0 * f.result.area_tier_change[a].unwrap_or(0.0)) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    </details>
    }
}
