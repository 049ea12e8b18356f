//! Baseline controls and the one-line summary of what changed against the baseline.

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::perf;
use super::ranking_table::rank_change;
use super::state::{use_dispatch, use_explorer, use_lang, use_part};
use crate::app::i18n::catalogue as m;
use crate::app::presets::formula_title;
use crate::app::state::Action;

#[component]
pub fn BaselineBar() -> Html {
    perf::rendered("BaselineBar");
    let (handle, dispatch) = use_explorer();
    let lang = handle.lang;
    let summary = handle.app.as_ref().map(|a| a.summary(lang)).unwrap_or_default();
    // What a screen reader hears: the summary once the person pauses (0.8 s without a new
    // change), not on every step of a slider held down.
    let announced = use_state(String::new);
    {
        let announced = announced.clone();
        use_effect_with(summary.clone(), move |summary| {
            let summary = summary.clone();
            let timer = Timeout::new(800, move || announced.set(summary));
            move || drop(timer)
        });
    }
    let Ok(app) = &handle.app else { return html! {} };
    let same = app.baseline.formula == app.current.formula && app.baseline.allocation == app.current.allocation;
    let baseline_name = if app.baseline.formula.name.is_empty() {
        lang.t(m::FORMULA_AT_LOAD).to_string()
    } else {
        formula_title(&app.baseline.formula.name, lang)
    };
    let top = app.top_of_ranking(3);
    let agreement = app.data.published.as_ref().map(|p| p.agreement(&app.current.evaluation)).unwrap_or_default();
    html! {
        <>
            // On a phone this block stays at the top of the screen while the sliders scroll
            // under it (app.css), so a weight's effect is seen without scrolling away from it.
            // Its school figures wait for a pause at state scale (app::state::SchoolsFollow):
            // dimmed, as the sections showing schools are, which also say so in words. No words
            // here: on a phone this block stays on screen above the slider under the finger,
            // and must not change height while it moves.
            <section class={classes!("baseline", app.schools_behind.then_some("schools-behind"))} aria-label={lang.t(m::BASELINE)}
                aria-busy={app.schools_behind.then_some("true")} data-testid="baseline">
                <p class="summary" data-testid="summary">{ summary }</p>
                // Data published with its tiers: how many the formula on screen reproduces.
                if let Some(published) = &app.data.published {
                    <p class="published-agreement" data-testid="published-agreement"
                        title={lang.fill(m::PUBLISHED_AGREEMENT, &[("matched", &agreement.matched), ("total", &agreement.total), ("column", &published.column)])
                            + &(if published.skipped > 0 { lang.fill(m::PUBLISHED_NOT_COUNTED, &[("n", &published.skipped)]) } else { String::new() })}>
                        { lang.fill(m::PUBLISHED_AGREEMENT_SHORT, &[("matched", &agreement.matched), ("total", &agreement.total)]) }
                    </p>
                }
                <p class="visually-hidden" aria-live="polite" data-testid="summary-announced">{ (*announced).clone() }</p>
                <ol class="glance" aria-label={lang.t(m::TOP_OF_RANKING)} data-testid="glance">
                    { for top.iter().map(|t| html! {
                        <li data-testid="glance-row">
                            <span class="glance-rank">{ t.rank }</span>
                            <span class="glance-name" translate="no">{ t.name.clone() }</span>
                            { rank_change(t.change, lang) }
                        </li>
                    }) }
                </ol>
                <div class="buttons">
                    // aria-disabled, not disabled: a button that disables itself when pressed would
                    // drop the keyboard focus to the top of the page.
                    <button type="button" data-testid="set-baseline" aria-disabled={same.to_string()}
                        onclick={let d = dispatch.clone(); move |_| if !same { d.emit(Action::SetBaseline) }}>
                        { lang.t(m::SET_BASELINE) }
                    </button>
                    <button type="button" data-testid="revert-baseline" aria-disabled={same.to_string()}
                        onclick={let d = dispatch.clone(); move |_| if !same { d.emit(Action::RevertToBaseline) }}>
                        { lang.t(m::BACK_TO_BASELINE) }
                    </button>
                </div>
            </section>
            <div class="baseline-more">
                <p class="knife-edge-summary" data-testid="knife-edge-summary">{ lang.t(m::EDGE_PREFIX) }{ app.knife_edge_summary(lang) }{ "." }</p>
                <p class="baseline-note">
                    { lang.t(m::AGAINST_BASELINE) }<strong translate="no">{ baseline_name }</strong>
                    { lang.t(if same { m::UNCHANGED_SINCE } else { m::EDITED_SINCE }) }
                </p>
            </div>
        </>
    }
}

#[component]
pub fn ErrorBanner() -> Html {
    let error = use_part(|e| e.app.as_ref().ok().and_then(|a| a.error.clone()));
    let lang = use_lang();
    perf::rendered("ErrorBanner");
    let dispatch = use_dispatch();
    match &error {
        Some(message) => html! {
            <div class="error" role="alert" data-testid="error">
                <p>{ lang.t(m::NOT_APPLIED) }{ lang.error(message) }</p>
                <button type="button" onclick={dispatch.reform(|_| Action::DismissError)}>{ lang.t(m::DISMISS) }</button>
            </div>
        },
        None => html! {},
    }
}
