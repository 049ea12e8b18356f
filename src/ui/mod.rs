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
mod fit_panel;
mod formula_panel;
mod map;
mod offscreen;
pub mod perf;
mod presenter;
mod printable;
mod ranking_table;
mod scenario_panel;
mod sections;
mod slices;
mod stability_panel;
pub mod state;
mod workbook;
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
use fit_panel::FitPanel;
use formula_panel::FormulaPanel;
use map::MapPanel;
use offscreen::FollowsWhenSeen;
use presenter::PresenterView;
use printable::PrintableRanking;
use ranking_table::RankingTable;
use scenario_panel::ScenarioPanel;
use sections::{PageSection, SectionNav};
use stability_panel::StabilityPanel;
use state::{Explorer, Notice, Snapshot, Store, UiAction};
use workshop_panel::WorkshopPanel;

use crate::app::i18n::{Lang, catalogue as m};
use crate::app::scenario::Scenario;

/// The whole app.
#[component]
pub fn App() -> Html {
    let explorer = use_reducer(|| Explorer::demo(browser::initial_language()));
    // Views that subscribe to parts of the state hear of each new one here, and redraw only
    // if their part changed.
    let snapshot = {
        let explorer = explorer.clone();
        use_memo(explorer.generation, move |_| Snapshot::of(&explorer))
    };
    let store = {
        let (snapshot, dispatcher) = ((*snapshot).clone(), explorer.dispatcher());
        use_memo((), move |_| Store::new(snapshot, dispatcher))
    };
    store.publish((*snapshot).clone());
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
                perf::measure("ses:frame-start", "ses:input");
                gloo::timers::callback::Timeout::new(0, || {
                    perf::measure("ses:frame", "ses:input");
                    perf::clear_mark("ses:input");
                })
                .forget();
            }));
        }
    });
    let lang = explorer.lang;
    {
        // The page's language follows the choice; a choice made here is remembered, the
        // browser's own preference is not written down.
        let chosen = use_mut_ref(|| false);
        use_effect_with(lang, move |lang| {
            browser::apply_language(*lang, *chosen.borrow());
            *chosen.borrow_mut() = true;
        });
    }
    {
        // A share link carries its scenario in the URL fragment: open it once at start.
        let explorer = explorer.clone();
        use_effect_with((), move |_| match Scenario::from_fragment(&browser::fragment()) {
            Ok(Some(scenario)) => {
                explorer.dispatch(UiAction::OpenScenario { scenario: Box::new(scenario), source: lang.t(m::FROM_SHARE_LINK).into() })
            }
            Ok(None) => {}
            Err(e) => explorer
                .dispatch(UiAction::Notify(Notice { problem: true, text: lang.fill(m::LINK_UNREADABLE, &[("problem", &lang.error(&e))]) })),
        });
    }
    {
        // Back from presenter mode or the printable page (which scroll as long pages): the
        // explorer starts at the top, as its columns scroll on their own.
        use_effect_with((*presenting, *printable), |_| {
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
        });
    }
    // The same callback at every render, so the scenario panel it goes to is not redrawn.
    let on_print = {
        let printable = printable.setter();
        use_callback((), move |(), _| printable.set(true))
    };
    let body = match &explorer.app {
        Err(message) => html! {
            <div class="error" role="alert"><p>{ lang.fill(m::APP_NAME_COULD_NOT_START, &[("message", message)]) }</p></div>
        },
        Ok(_) if *presenting => html! { <PresenterView on_leave={let p = presenting.clone(); Callback::from(move |()| p.set(false))} /> },
        Ok(_) if *printable => html! { <PrintableRanking on_back={let p = printable.clone(); Callback::from(move |()| p.set(false))} /> },
        Ok(app) => html! {
            <>
                <header class="top">
                    <h1>{ "SES Explorer" }</h1>
                    <p class="dataset" data-testid="dataset">
                        if app.data.synthetic {
                            { lang.t(m::DEMO_LABEL) }
                            <span class="badge" title={lang.t(m::SYNTHETIC_TITLE)}>{ lang.t(m::SYNTHETIC_BADGE) }</span>
                        } else {
                            <span translate="no">{ app.data.label.clone() }</span>
                        }
                        { lang.fill(m::AREAS_COUNT, &[("n", &app.data.dataset.areas.len())]) }
                        { app.data.schools().map(|s| lang.fill(m::SCHOOLS_COUNT, &[("n", &s.len())])).unwrap_or_default() }
                    </p>
                    <LanguagePicker />
                    <button type="button" class="presenter-open" data-testid="presenter-open"
                        onclick={let p = presenting.clone(); move |_| p.set(true)}>{ lang.t(m::PRESENTER_MODE) }</button>
                </header>
                // The bar of sections and the summary: above both columns on a wide screen, where
                // each column scrolls on its own (app.css).
                <div class="top-bar">
                    <SectionNav />
                    <BaselineBar />
                </div>
                <div class="layout">
                    // The weights: beside the results on a wide screen, where they stay in view.
                    <div class="controls" id={sections::WEIGHTS.id} tabindex="-1" data-testid={sections::WEIGHTS.id}>
                        <FormulaPanel />
                    </div>
                    <div class="results">
                        // Beside the weights, so a message never pushes them off the screen.
                        <NoticeBanner />
                        <ErrorBanner />
                        <PageSection section={sections::RANKING}>
                            <DetailPanel />
                            <RankingTable />
                        </PageSection>
                        // How the money is split, right under the ranking that shows it.
                        <PageSection section={sections::MONEY}><AllocationPanel /></PageSection>
                        // Below the ranking: off screen, they follow the state once it pauses.
                        <PageSection section={sections::MAP}><FollowsWhenSeen><MapPanel /></FollowsWhenSeen></PageSection>
                        <PageSection section={sections::WHY}><FollowsWhenSeen><ExplainPanel /></FollowsWhenSeen></PageSection>
                        <PageSection section={sections::COMPARE}><FollowsWhenSeen><ComparePanel /></FollowsWhenSeen></PageSection>
                        <PageSection section={sections::HOW_SURE}><StabilityPanel /></PageSection>
                        <PageSection section={sections::WORKSHOP}><FollowsWhenSeen><WorkshopPanel /></FollowsWhenSeen></PageSection>
                        <PageSection section={sections::CHARTS}><FollowsWhenSeen><ChartsPanel /></FollowsWhenSeen></PageSection>
                        <PageSection section={sections::DATA}><DataPanel /><FitPanel /></PageSection>
                        <PageSection section={sections::SHARE}>
                            <ScenarioPanel {on_print} />
                            <CardPanel />
                        </PageSection>
                        <footer>
                            <p>{ lang.t(m::FOOTER_PRIVACY) }</p>
                        </footer>
                    </div>
                </div>
            </>
        },
    };
    html! {
        <ContextProvider<Store> context={(*store).clone()}>
            <ContextProvider<Snapshot> context={(*snapshot).clone()}>
                <ContextProvider<Selection> context={selection}>
                    <main id="app" data-testid="app">{ body }</main>
                </ContextProvider<Selection>>
            </ContextProvider<Snapshot>>
        </ContextProvider<Store>>
    }
}

/// Messages for the person: loads, restored scenarios, and shared scenarios waiting for data.
#[component]
fn NoticeBanner() -> Html {
    let (notice, pending, synthetic, lang) =
        state::use_part(|e| (e.notice.clone(), e.pending.is_some(), e.app.as_ref().is_ok_and(|a| a.data.synthetic), e.lang));
    perf::rendered("NoticeBanner");
    let ui = state::use_ui_dispatch();
    let Some(notice) = &notice else { return html! {} };
    html! {
        <div class={classes!("notice", notice.problem.then_some("problem"))} role={if notice.problem { "alert" } else { "status" }} data-testid="notice">
            <p>{ notice.text.clone() }</p>
            <div class="buttons">
                if pending {
                    <button type="button" data-testid="drop-pending" onclick={ui.reform(|_| UiAction::DropPending)}>
                        { lang.t(if synthetic { m::USE_DEMO_INSTEAD } else { m::KEEP_MY_DATA }) }
                    </button>
                }
                <button type="button" onclick={ui.reform(|_| UiAction::DismissNotice)}>{ lang.t(m::DISMISS) }</button>
            </div>
        </div>
    }
}

/// English or Spanish, at any time: only the words change, never the data or the formula.
/// Each language is named in itself, so a reader of either finds theirs.
#[component]
fn LanguagePicker() -> Html {
    let lang = state::use_lang();
    perf::rendered("LanguagePicker");
    let ui = state::use_ui_dispatch();
    let onchange = ui.reform(|e: Event| UiAction::SetLanguage(Lang::from_code(&controls::select_value(&e)).unwrap_or_default()));
    html! {
        <div class="language field">
            <label for="language" class="visually-hidden">{ lang.t(m::LANGUAGE) }</label>
            <select id="language" data-testid="language" {onchange}>
                { for Lang::ALL.iter().map(|l| html! {
                    <option value={l.code()} lang={l.code()} translate="no" selected={*l == lang}>{ l.own_name() }</option>
                }) }
            </select>
        </div>
    }
}

/// Mounts the app on the page body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
