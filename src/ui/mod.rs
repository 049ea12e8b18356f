//! The browser app: Yew function components over one reducer ([`state::Explorer`]), provided
//! by context. Panels dispatch actions; charts draw in effects after each render.

mod allocation_panel;
mod baseline_panel;
mod browser;
mod canvas_backend;
mod card_panel;
mod charts_panel;
mod compare_panel;
mod controls;
mod data_panel;
mod detail_panel;
mod explain_panel;
mod formula_panel;
mod map_panel;
pub mod perf;
mod presenter;
mod ranking_table;
mod scenario_panel;
mod stability_panel;
pub mod state;
mod workshop_panel;

use gloo::render::{AnimationFrame, request_animation_frame};
use yew::prelude::*;

use allocation_panel::AllocationPanel;
use baseline_panel::{BaselineBar, ErrorBanner};
use card_panel::CardPanel;
use charts_panel::ChartsPanel;
use compare_panel::ComparePanel;
use data_panel::DataPanel;
use detail_panel::{DetailPanel, Selection};
use explain_panel::ExplainPanel;
use formula_panel::FormulaPanel;
use map_panel::MapPanel;
use presenter::PresenterView;
use ranking_table::PrintableRanking;
use ranking_table::RankingTable;
use scenario_panel::ScenarioPanel;
use stability_panel::StabilityPanel;
use state::{Explorer, ExplorerHandle, Notice, UiAction};
use workshop_panel::WorkshopPanel;

use crate::app::scenario::Scenario;

/// The whole app.
#[component]
pub fn App() -> Html {
    let explorer = use_reducer(Explorer::demo);
    let selection: Selection = use_state(|| None);
    let printable = use_state(|| false);
    let presenting = use_state(|| false);
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
    {
        // A share link carries its scenario in the URL fragment: open it once at start.
        let explorer = explorer.clone();
        use_effect_with((), move |_| match Scenario::from_fragment(&browser::fragment()) {
            Ok(Some(scenario)) => {
                explorer.dispatch(UiAction::OpenScenario { scenario: Box::new(scenario), source: "the share link".into() })
            }
            Ok(None) => {}
            Err(e) => explorer.dispatch(UiAction::Notify(Notice {
                problem: true,
                text: format!("{e}. The app shows its own starting formula instead."),
            })),
        });
    }
    let on_print = {
        let printable = printable.clone();
        Callback::from(move |()| printable.set(true))
    };
    let body = match &explorer.app {
        Err(message) => html! {
            <div class="error" role="alert"><p>{ "SES Explorer could not start: " }{ message.clone() }</p></div>
        },
        Ok(_) if *presenting => html! { <PresenterView on_leave={let p = presenting.clone(); Callback::from(move |()| p.set(false))} /> },
        Ok(_) if *printable => html! { <PrintableRanking on_back={let p = printable.clone(); Callback::from(move |()| p.set(false))} /> },
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
                    <button type="button" class="presenter-open" data-testid="presenter-open"
                        onclick={let p = presenting.clone(); move |_| p.set(true)}>{ "Presenter mode" }</button>
                </header>
                <NoticeBanner />
                <ErrorBanner />
                <BaselineBar />
                <div class="layout">
                    <div class="controls">
                        <FormulaPanel />
                        <AllocationPanel />
                        <DataPanel />
                        <ScenarioPanel {on_print} />
                        <CardPanel />
                    </div>
                    <div class="results">
                        <DetailPanel />
                        <RankingTable />
                        <MapPanel />
                        <ExplainPanel />
                        <ComparePanel />
                        <StabilityPanel />
                        <WorkshopPanel />
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
            <ContextProvider<Selection> context={selection}>
                <main id="app" data-testid="app">{ body }</main>
            </ContextProvider<Selection>>
        </ContextProvider<ExplorerHandle>>
    }
}

/// Messages for the person: loads, restored scenarios, and shared scenarios waiting for data.
#[component]
fn NoticeBanner() -> Html {
    let handle = use_context::<ExplorerHandle>().expect("inside the provider");
    let ui = state::use_ui_dispatch();
    let Some(notice) = &handle.notice else { return html! {} };
    let synthetic = handle.app.as_ref().is_ok_and(|a| a.data.synthetic);
    html! {
        <div class={classes!("notice", notice.problem.then_some("problem"))} role={if notice.problem { "alert" } else { "status" }} data-testid="notice">
            <p>{ notice.text.clone() }</p>
            <div class="buttons">
                if handle.pending.is_some() {
                    <button type="button" data-testid="drop-pending" onclick={ui.reform(|_| UiAction::DropPending)}>
                        { if synthetic { "Use the demo data instead" } else { "Keep using the data I have" } }
                    </button>
                }
                <button type="button" onclick={ui.reform(|_| UiAction::DismissNotice)}>{ "Dismiss" }</button>
            </div>
        </div>
    }
}

/// Mounts the app on the page body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
