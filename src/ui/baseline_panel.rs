//! Baseline controls and the one-line summary of what changed against the baseline.

use yew::prelude::*;

use super::state::use_explorer;
use crate::app::state::Action;

#[component]
pub fn BaselineBar() -> Html {
    let (handle, dispatch) = use_explorer();
    let Ok(app) = &handle.app else { return html! {} };
    let same = app.baseline.formula == app.current.formula && app.baseline.allocation == app.current.allocation;
    let baseline_name =
        if app.baseline.formula.name.is_empty() { "the formula at load".to_string() } else { app.baseline.formula.name.clone() };
    html! {
        <section class="baseline" aria-label="Baseline">
            <p class="summary" data-testid="summary" aria-live="polite">{ app.summary() }</p>
            <p class="knife-edge-summary" data-testid="knife-edge-summary">{ "≈ edge: " }{ app.knife_edge_summary() }{ "." }</p>
            <p class="baseline-note">
                { "Changes are shown against the baseline: " }<strong>{ baseline_name }</strong>
                { if same { " (unchanged)." } else { " (edited since)." } }
            </p>
            <div class="buttons">
                <button type="button" data-testid="set-baseline" onclick={dispatch.reform(|_| Action::SetBaseline)} disabled={same}>
                    { "Set current as baseline" }
                </button>
                <button type="button" data-testid="revert-baseline" onclick={dispatch.reform(|_| Action::RevertToBaseline)} disabled={same}>
                    { "Back to baseline" }
                </button>
            </div>
        </section>
    }
}

#[component]
pub fn ErrorBanner() -> Html {
    let (handle, dispatch) = use_explorer();
    let Ok(app) = &handle.app else { return html! {} };
    match &app.error {
        Some(message) => html! {
            <div class="error" role="alert" data-testid="error">
                <p>{ "That change was not applied: " }{ message.clone() }</p>
                <button type="button" onclick={dispatch.reform(|_| Action::DismissError)}>{ "Dismiss" }</button>
            </div>
        },
        None => html! {},
    }
}
