//! The browser app: Yew function components over one reducer ([`state::Explorer`]), provided
//! by context. Panels dispatch actions; charts draw in effects after each render.

mod allocation_panel;
mod baseline_panel;
mod canvas_backend;
mod charts_panel;
mod controls;
mod formula_panel;
pub mod perf;
mod ranking_table;
pub mod state;

use gloo::render::{AnimationFrame, request_animation_frame};
use yew::prelude::*;

use allocation_panel::AllocationPanel;
use baseline_panel::{BaselineBar, ErrorBanner};
use charts_panel::ChartsPanel;
use formula_panel::FormulaPanel;
use ranking_table::RankingTable;
use state::{Explorer, ExplorerHandle};

/// The whole app.
#[component]
pub fn App() -> Html {
    let explorer = use_reducer(Explorer::demo);
    let frame = use_mut_ref(|| None::<AnimationFrame>);
    // After each render caused by an input: how long until the DOM was updated, and until the
    // next frame (which includes the charts drawn in their effects).
    use_effect(move || {
        if perf::has_mark("ses:input") {
            perf::measure("ses:render", "ses:input");
            // The animation-frame callback runs before that frame's style, layout and paint;
            // a task queued from it runs after the paint, so the measure covers all of it.
            *frame.borrow_mut() = Some(request_animation_frame(|_| {
                gloo::timers::callback::Timeout::new(0, || {
                    perf::measure("ses:frame", "ses:input");
                    perf::clear_mark("ses:input");
                })
                .forget();
            }));
        }
    });
    let body = match &explorer.app {
        Err(message) => html! {
            <div class="error" role="alert"><p>{ "SES Explorer could not start: " }{ message.clone() }</p></div>
        },
        Ok(app) => html! {
            <>
                <header class="top">
                    <h1>{ "SES Explorer" }</h1>
                    <p class="dataset" data-testid="dataset">
                        { app.data.label.clone() }
                        if app.data.synthetic {
                            <span class="badge" title="Generated data, not a real district">{ "synthetic" }</span>
                        }
                        { format!(" · {} areas", app.data.dataset.areas.len()) }
                        { app.data.schools().map(|s| format!(" · {} schools", s.len())).unwrap_or_default() }
                    </p>
                </header>
                <ErrorBanner />
                <BaselineBar />
                <div class="layout">
                    <div class="controls">
                        <FormulaPanel />
                        <AllocationPanel />
                    </div>
                    <div class="results">
                        <RankingTable />
                        <ChartsPanel />
                    </div>
                </div>
                <footer>
                    <p>{ "All computation runs in this browser; no data leaves this machine." }</p>
                </footer>
            </>
        },
    };
    html! {
        <ContextProvider<ExplorerHandle> context={explorer}>
            <main id="app" data-testid="app">{ body }</main>
        </ContextProvider<ExplorerHandle>>
    }
}

/// Mounts the app on the page body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
