//! "Find the formula behind published tiers": on data with a column of the tiers a district
//! published, the weights that reproduce them (each with the range it could have), how many
//! they reproduce, the simplest formula that does as well, a button to use it, and the areas
//! it does not reproduce, listed and marked on the map. The fit runs a step at a time between
//! frames, with progress and Cancel (`engine::fit`).

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use super::controls::{Select, checked};
use super::slices::{Report, Steps, run_in_slices};
use super::state::{UiAction, use_explorer, use_ui_dispatch};
use crate::app::i18n::{Lang, catalogue as m};
use crate::app::format::{count, whole_percents};
use crate::app::presets::indicator_label;
use crate::app::published::PublishedTiers;
use crate::app::state::{Action, AppState};
use crate::engine::EngineError;
use crate::engine::fit::{Fit, FitRun, Simplest, SimplestFit, published_tiers};
use crate::engine::formula::Formula;
use crate::engine::model::Prepared;

/// A fit under way: its run, the preparation it reads and the state it started from.
struct Job {
    generation: u32,
    run: FitRun,
    prepared: Rc<Prepared>,
    app: AppState,
}

#[derive(Clone)]
struct Handles {
    job: Rc<RefCell<Option<Job>>>,
    progress: UseStateHandle<Option<(u32, u32)>>,
    finished: UseStateHandle<Option<Rc<(Fit, AppState)>>>,
    error: UseStateHandle<Option<EngineError>>,
    ui: Callback<UiAction>,
}

impl Steps for Job {
    fn generation(&self) -> u32 {
        self.generation
    }
    fn finished(&self) -> bool {
        self.run.finished()
    }
    fn step(&mut self) -> Result<(), EngineError> {
        self.run.step(&self.prepared, &self.app.data.dataset)
    }
    fn progress(&self) -> (u32, u32) {
        self.run.progress()
    }
}

/// Runs the fit a slice at a time; then shows it and marks on the map the areas it does not
/// reproduce.
fn tick(h: Handles, generation: u32) {
    let progress = h.progress.clone();
    let report = Report {
        progress: Box::new(move |p| progress.set(Some(p))),
        end: Box::new(move |ended: Result<Job, EngineError>| {
            h.progress.set(None);
            let job = match ended {
                Ok(job) => job,
                Err(e) => return h.error.set(Some(e)),
            };
            let fit = job.run.into_result().expect("a finished run has its result");
            let ids = job.prepared.ids();
            let missed: std::collections::HashSet<&str> = fit.mismatches.iter().map(String::as_str).collect();
            let marked: Vec<usize> = (0..ids.len()).filter(|&a| missed.contains(&ids[a])).collect();
            h.ui.emit(UiAction::MarkAreas(marked));
            h.finished.set(Some(Rc::new((fit, job.app))));
        }),
    };
    run_in_slices(Rc::clone(&h.job), generation, report);
}

#[component]
pub fn FitPanel() -> Html {
    let (handle, dispatch) = use_explorer();
    let ui = use_ui_dispatch();
    let lang = handle.lang;
    let column = use_state(|| None::<String>);
    // Indicators left out of the fit, by column (all the formula's switched-on ones by default).
    let left_out = use_state(BTreeSet::<String>::new);
    let handles = Handles {
        job: use_mut_ref(|| None::<Job>),
        progress: use_state(|| None),
        finished: use_state(|| None),
        error: use_state(|| None),
        ui: ui.clone(),
    };
    let generation = use_mut_ref(|| 0u32);
    let Ok(app) = &handle.app else { return html! {} };
    let table = app.data.dataset.areas.table();
    let formula = &app.current.formula;
    let chosen = (*column).clone().or_else(|| app.data.published.as_ref().map(|p| p.column.clone()));
    // What the formula on screen already reproduces of the chosen column, before any fit.
    let current_agreement = chosen.as_deref().and_then(|column| {
        let published = published_tiers(table, column, app.current.formula.tiers.count).ok()?;
        let note = published.note(table, column, !app.current.prepared.exclusions().is_empty());
        let skipped = published.skipped();
        Some((PublishedTiers { column: column.to_owned(), tiers: published.tiers, skipped }.agreement(&app.current.evaluation), note))
    });
    let mut column_options: Vec<(String, String, bool)> = vec![(String::new(), lang.t(m::FIT_CHOOSE_COLUMN).to_string(), true)];
    column_options.extend(table.headers().iter().map(|h| (h.clone(), h.clone(), true)));
    let on_column = {
        let column = column.clone();
        Callback::from(move |v: String| column.set((!v.is_empty()).then_some(v)))
    };
    let running = handles.progress.is_some();
    let on_run = {
        let (h, app, chosen, left_out, generation) = (handles.clone(), app.clone(), chosen.clone(), left_out.clone(), generation.clone());
        Callback::from(move |_| {
            let Some(column) = chosen.clone() else { return };
            let mut start = app.current.formula.clone();
            for ind in &mut start.indicators {
                if left_out.contains(&ind.column) {
                    ind.enabled = false;
                }
            }
            let setup = published_tiers(app.data.dataset.areas.table(), &column, start.tiers.count).and_then(|published| {
                let prepared = Prepared::reusing(Some(&app.current.prepared), &app.data.dataset, &start)?;
                let run = FitRun::new(&prepared, &start, &published.tiers)?;
                Ok((run, prepared))
            });
            match setup {
                Ok((run, prepared)) => {
                    *generation.borrow_mut() += 1;
                    let g = *generation.borrow();
                    h.error.set(None);
                    h.finished.set(None);
                    h.progress.set(Some(run.progress()));
                    *h.job.borrow_mut() = Some(Job { generation: g, run, prepared, app: app.clone() });
                    tick(h.clone(), g);
                }
                Err(e) => h.error.set(Some(e)),
            }
        })
    };
    let on_cancel = {
        let (h, generation) = (handles.clone(), generation.clone());
        Callback::from(move |_| {
            *generation.borrow_mut() += 1;
            *h.job.borrow_mut() = None;
            h.progress.set(None);
        })
    };
    let candidates = candidate_boxes(formula, &left_out, running, lang);
    html! {
        <section class="panel fit-panel" aria-labelledby="fit-heading" data-testid="fit-panel">
            <h2 id="fit-heading">{ lang.t(m::FIT_TITLE) }</h2>
            <p class="hint">{ lang.t(m::FIT_HINT) }</p>
            <Select id="fit-column" label={lang.t(m::FIT_COLUMN)} testid="fit-column" options={column_options} selected={chosen.clone().unwrap_or_default()} onchange={on_column} />
            if let Some((agreement, note)) = current_agreement {
                <p data-testid="fit-current">{ lang.fill(m::FIT_CURRENT_MATCHES, &[("matched", &count(agreement.matched)), ("total", &count(agreement.total))]) }</p>
                if let Some(note) = note {
                    <p class="hint" data-testid="fit-skipped">{ lang.published_note(&note) }</p>
                }
            }
            <fieldset class="fit-candidates">
                <legend>{ lang.t(m::FIT_CANDIDATES) }</legend>
                { candidates }
            </fieldset>
            <div class="buttons">
                <button type="button" data-testid="fit-run" onclick={on_run} disabled={running || chosen.is_none()}>{ lang.t(m::FIT_RUN) }</button>
                if running {
                    <button type="button" data-testid="fit-cancel" onclick={on_cancel}>{ lang.t(m::CANCEL) }</button>
                }
            </div>
            if let Some((done, total)) = *handles.progress {
                <p role="status" data-testid="fit-progress">
                    <progress max={total.to_string()} value={done.to_string()}></progress>
                    { " " }{ lang.fill(m::FIT_PROGRESS, &[("done", &done), ("total", &total)]) }
                </p>
            }
            if let Some(e) = handles.error.as_ref() {
                <p class="error" role="alert" data-testid="fit-error">{ lang.error(e) }</p>
            }
            if let Some(finished) = handles.finished.as_ref() {
                { result(&finished.0, &finished.1, app, lang, &dispatch, &ui) }
            }
        </section>
    }
}

/// The fitted shares with their ranges, the matches, the simplest formula and the mismatches.
fn result(fit: &Fit, started: &AppState, app: &AppState, lang: Lang, dispatch: &Callback<Action>, ui: &Callback<UiAction>) -> Html {
    let percent = |x: f64| format!("{:.0}", 100.0 * x);
    let SimplestFit { kind, shares: simple_shares, matched: simple_matched } = &fit.simple;
    // Shares as whole percents that add to 100.
    let simple_percents = whole_percents(&simple_shares.iter().map(|(_, s)| *s).collect::<Vec<_>>());
    let fitted_percents = whole_percents(&fit.weights.iter().map(|w| w.share).collect::<Vec<_>>());
    let shares_text = simple_shares
        .iter()
        .zip(&simple_percents)
        .map(|((c, _), p)| format!("{} {p}%", indicator_label(c, lang)))
        .collect::<Vec<_>>()
        .join(", ");
    let total = fit.total;
    let simple = match kind {
        Simplest::EqualWeights => lang.fill(m::FIT_SIMPLE_EQUAL, &[("matched", simple_matched), ("total", &total)]),
        Simplest::Steps5 => lang.fill(m::FIT_SIMPLE_STEPS5, &[("matched", simple_matched), ("total", &total), ("shares", &shares_text)]),
        Simplest::Steps1 => lang.fill(m::FIT_SIMPLE_STEPS1, &[("matched", simple_matched), ("total", &total), ("shares", &shares_text)]),
        Simplest::Fitted => lang.t(m::FIT_SIMPLE_FITTED).to_string(),
    };
    // The simplest formula as a formula: the fitted one with the simple shares.
    let simple_formula = {
        let mut f = fit.formula.clone();
        for (column, share) in simple_shares {
            if let Some(ind) = f.indicators.iter_mut().find(|i| i.column == *column) {
                // Equal weights as a person would type them; steps of 5% or 1% as whole percents.
                ind.weight = if *kind == Simplest::EqualWeights { 10.0 } else { (10_000.0 * share).round() / 100.0 };
            }
        }
        f
    };
    // A result for other data is not offered as a formula for these.
    let same_data = Rc::ptr_eq(&started.data, &app.data);
    let use_simple = dispatch.reform(move |_| Action::SetFormula(Box::new(simple_formula.clone())));
    let fitted = fit.formula.clone();
    let use_fitted = dispatch.reform(move |_| Action::SetFormula(Box::new(fitted.clone())));
    let unmark = ui.reform(|_| UiAction::MarkAreas(Vec::new()));
    let listed = lang.listed(&fit.mismatches, 20);
    html! {
        <div class="fit-result" data-testid="fit-result">
            <p data-testid="fit-matched"><strong>{ lang.fill(m::FIT_MATCHED, &[("matched", &fit.matched), ("total", &total)]) }</strong>
                { " " }{ lang.t(if fit.separable { m::FIT_SEPARABLE } else { m::FIT_NOT_SEPARABLE }) }</p>
            <p class="hint" data-testid="fit-range-means">{ lang.t(m::FIT_RANGE_MEANS) }</p>
            <ul class="fit-shares" data-testid="fit-shares">
                { for fit.weights.iter().enumerate().map(|(k, w)| {
                    let words = lang.fill(m::FIT_SHARE_ROW, &[("label", &indicator_label(&w.column, lang)), ("share", &fitted_percents[k]), ("low", &percent(w.share_min)), ("high", &percent(w.share_max))]);
                    html! {
                        <li data-testid={format!("fit-share-{k}")}>
                            <span>{ words.clone() }</span>
                            // The share as a bar, its range as a line across it (the words say the same).
                            <svg class="fit-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                                <rect x="0" y="2" width={format!("{:.2}", 100.0 * w.share)} height="6" fill="#0072b2" />
                                <line x1={format!("{:.2}", 100.0 * w.share_min)} x2={format!("{:.2}", 100.0 * w.share_max)} y1="5" y2="5" stroke="#000" stroke-width="1.5" />
                                <line x1={format!("{:.2}", 100.0 * w.share_min)} x2={format!("{:.2}", 100.0 * w.share_min)} y1="1" y2="9" stroke="#000" />
                                <line x1={format!("{:.2}", 100.0 * w.share_max)} x2={format!("{:.2}", 100.0 * w.share_max)} y1="1" y2="9" stroke="#000" />
                            </svg>
                        </li>
                    }
                }) }
            </ul>
            <p data-testid="fit-simple">{ simple }</p>
            if same_data {
                <div class="buttons">
                    <button type="button" data-testid="fit-use-simple" onclick={use_simple}>{ lang.t(m::FIT_USE_SIMPLE) }</button>
                    <button type="button" data-testid="fit-use-fitted" onclick={use_fitted}>{ lang.t(m::FIT_USE_FITTED) }</button>
                </div>
            }
            if fit.mismatches.is_empty() {
                <p data-testid="fit-mismatches">{ lang.t(m::FIT_NO_MISMATCH) }</p>
            } else {
                <p data-testid="fit-mismatches">{ lang.fill(m::FIT_MISMATCHES, &[("n", &fit.mismatches.len()), ("ids", &listed)]) }
                    { " " }<button type="button" class="link" data-testid="fit-unmark" onclick={unmark}>{ lang.t(m::FIT_UNMARK) }</button></p>
            }
        </div>
    }
}

/// A box for each enabled indicator: whether the fit may weigh it.
fn candidate_boxes(formula: &Formula, left_out: &UseStateHandle<BTreeSet<String>>, running: bool, lang: Lang) -> Html {
    html! {
        { for formula.indicators.iter().enumerate().filter(|(_, i)| i.enabled).map(|(k, ind)| {
            let label = indicator_label(&ind.column, lang);
            let column = ind.column.clone();
            let on = !left_out.contains(&column);
            let onchange = {
                let left_out = left_out.clone();
                Callback::from(move |e: Event| {
                    let mut next = (*left_out).clone();
                    if checked(&e) {
                        next.remove(&column);
                    } else {
                        next.insert(column.clone());
                    }
                    left_out.set(next);
                })
            };
            html! {
                <div class="field check">
                    <input type="checkbox" id={format!("fit-use-{k}")} data-testid={format!("fit-use-{k}")} checked={on} {onchange} disabled={running} />
                    <label for={format!("fit-use-{k}")}>{ label }</label>
                </div>
            }
        }) }
    }
}
