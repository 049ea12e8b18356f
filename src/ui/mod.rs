//! The browser app: Yew function components over one reducer ([`state::Explorer`]), provided
//! by context. Panels dispatch actions; charts draw in effects after each render.

// Both modules of the page (see [`whole_page`]): the weights, the ranking and the money.
mod allocation_panel;
mod baseline_panel;
mod browser;
mod controls;
mod detail_panel;
mod formula_panel;
mod offline;
mod offscreen;
pub mod perf;
mod ranking_table;
mod sections;
pub mod state;
mod whole_page;

/// Items of the whole page only, the page's second module.
macro_rules! whole_page_only {
    ($($item:item)*) => { $( #[cfg(feature = "whole-page")] $item )* };
}

whole_page_only! {
    mod canvas_backend;
    mod card_panel;
    mod charts_panel;
    mod compare_panel;
    mod data;
    mod explain_panel;
    mod fit_panel;
    mod map;
    mod presenter;
    mod printable;
    mod scenario_panel;
    mod slices;
    mod stability_panel;
    mod workbook;
    mod workshop_panel;

    use card_panel::CardPanel;
    use charts_panel::ChartsPanel;
    use compare_panel::ComparePanel;
    use data::DataPanel;
    use explain_panel::ExplainPanel;
    use fit_panel::FitPanel;
    use map::MapPanel;
    use offscreen::FollowsWhenSeen;
    use presenter::PresenterView;
    use printable::PrintableRanking;
    use scenario_panel::ScenarioPanel;
    use stability_panel::StabilityPanel;
    use workshop_panel::WorkshopPanel;
}

use std::rc::Rc;

use gloo::render::{AnimationFrame, request_animation_frame};
use gloo::timers::callback::Timeout;
use yew::prelude::*;

use allocation_panel::AllocationPanel;
use baseline_panel::{BaselineBar, ErrorBanner};
use detail_panel::{DetailPanel, Selection};
use formula_panel::FormulaPanel;
use ranking_table::RankingTable;
use sections::{PageSection, SectionNav};
use state::{Explorer, Notice, Snapshot, Store, UiAction};

use crate::app::handover::{Destination, Handover};
use crate::app::i18n::{Lang, catalogue as m};
use crate::app::notice::ScenarioSource;
use crate::app::parts::Shared;
use crate::app::scenario::Scenario;
use crate::app::state::Action;

/// How long the steps must pause before the schools catch up, in milliseconds: longer than
/// the gap between two steps of a held key or a drag, short enough to feel like the moment
/// the slider rests.
const SCHOOLS_CATCH_UP_MS: u32 = 120;

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The first module's screen, when the whole page takes over from it.
    pub handover: Option<Rc<Handover>>,
}

/// The whole app.
#[component]
pub fn App(props: &AppProps) -> Html {
    let explorer = {
        let handover = props.handover.clone();
        use_reducer(move || match handover {
            Some(handover) => Explorer::taking_over(&handover),
            None => Explorer::demo(browser::initial_language()),
        })
    };
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
                Timeout::new(0, || {
                    perf::measure("ses:frame", "ses:input");
                    perf::clear_mark("ses:input");
                })
                .forget();
            }));
        }
    });
    {
        // At state scale the schools follow a step once the steps pause (SchoolsFollow): each
        // new step restarts the wait, so a slider held or dragged moves the areas frame by
        // frame and the schools catch up in one task when it rests. Keyed on the step's
        // evaluation (held, so compared by identity), not on every state: a catch-up the engine refused (which its checks of
        // the step rule out) leaves the step as it was, and is not tried again and again.
        let (behind, step) = match &explorer.app {
            Ok(a) => (a.schools_behind, Some(Shared(Rc::clone(&a.current.evaluation)))),
            Err(_) => (false, None),
        };
        let dispatcher = explorer.dispatcher();
        use_effect_with((step, behind), move |&(_, behind)| {
            let wait = behind.then(|| {
                Timeout::new(SCHOOLS_CATCH_UP_MS, move || {
                    dispatcher.dispatch(UiAction::App(Action::CatchUpSchools));
                })
            });
            move || drop(wait)
        });
    }
    // The first screen is up: only now may the rest be fetched (for offline use).
    use_effect_with((), |_| offline::first_screen_shown());
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
        // A share link carries its scenario in the URL fragment: open it once at start (the
        // first module did, when the whole page takes over from it).
        let explorer = explorer.clone();
        let fragment = if props.handover.is_none() { browser::fragment() } else { String::new() };
        use_effect_with((), move |_| match Scenario::from_fragment(&fragment) {
            Ok(Some(scenario)) => {
                explorer.dispatch(UiAction::OpenScenario { scenario: Box::new(scenario), source: ScenarioSource::ShareLink })
            }
            Ok(None) => {}
            Err(e) => explorer.dispatch(UiAction::Notify(Notice::LinkUnreadable(e))),
        });
    }
    {
        // Back from presenter mode or the printable page (which scroll as long pages): the
        // explorer starts at the top, as its columns scroll on their own. Not at the first
        // render: the whole page taking over stays where the first module was scrolled.
        let first_render = use_mut_ref(|| true);
        use_effect_with((*presenting, *printable), move |_| {
            if !first_render.replace(false)
                && let Some(w) = web_sys::window()
            {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
        });
    }
    // The same callback at every render, so the scenario panel it goes to is not redrawn.
    let on_print = {
        let printable = printable.setter();
        use_callback((), move |(), _| printable.set(true))
    };
    // The whole page takes over from the first module, once it is on the screen (also when
    // nothing was handed over, the first having failed to start: its page goes all the same).
    #[cfg(feature = "whole-page")]
    let (on_go, open_presenter) = {
        let (destination, presenting_later) = (props.handover.as_ref().map(|h| h.destination.clone()), presenting.setter());
        use_effect_with((), move |_| {
            let destination = destination.unwrap_or(Destination::Stay);
            whole_page::take_over(&destination);
            if destination == Destination::Presenter {
                presenting_later.set(true);
            }
        });
        let presenting = presenting.clone();
        (Callback::noop(), Callback::from(move |_: MouseEvent| presenting.set(true)))
    };
    // The first module loads the whole page for a section it does not have (which the whole
    // page then goes to) and for presenter mode.
    #[cfg(not(feature = "whole-page"))]
    let loader = whole_page::use_loader(&store);
    #[cfg(not(feature = "whole-page"))]
    let (on_go, open_presenter) = {
        let (sections_loader, presenter_loader) = (loader.clone(), loader.clone());
        let on_go = Callback::from(move |id: &'static str| {
            if sections::SECTIONS.iter().any(|s| s.id == id && !s.in_first_module()) {
                sections_loader.request(Destination::Section(id.to_owned()));
            }
        });
        (on_go, Callback::from(move |_: MouseEvent| presenter_loader.request(Destination::Presenter)))
    };
    // Presenter mode asked for, and the rest of the page it needs did not arrive: said here,
    // under its button.
    #[cfg(not(feature = "whole-page"))]
    let presenter_fault = match loader.progress {
        whole_page::Progress::Failed(fault) if loader.failed_for_presenter => html! {
            <p class="presenter-fault problem" role="alert" data-testid="presenter-fault">
                { fault.message(lang, crate::app::network::Part::RestOfPage) }
            </p>
        },
        _ => html! {},
    };
    #[cfg(feature = "whole-page")]
    let presenter_fault = html! {};
    let body = match &explorer.app {
        Err(message) => html! {
            <div class="error" role="alert"><p>{ lang.fill(m::APP_NAME_COULD_NOT_START, &[("message", &lang.error(message))]) }</p></div>
        },
        #[cfg(feature = "whole-page")]
        Ok(_) if *presenting => html! { <PresenterView on_leave={let p = presenting.clone(); Callback::from(move |()| p.set(false))} /> },
        #[cfg(feature = "whole-page")]
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
                    <button type="button" class="presenter-open" data-testid="presenter-open" onclick={open_presenter}>
                        { lang.t(m::PRESENTER_MODE) }
                    </button>
                </header>
                { presenter_fault }
                // The bar of sections and the summary: above both columns on a wide screen, where
                // each column scrolls on its own (app.css).
                <div class="top-bar">
                    <SectionNav {on_go} />
                    <BaselineBar />
                </div>
                <div class="layout">
                    // The weights: beside the results on a wide screen, where they stay in view.
                    <div class="controls" id={sections::WEIGHTS.id} tabindex="-1" data-testid={sections::WEIGHTS.id}>
                        <FormulaPanel />
                    </div>
                    <div class="results">
                        // Beside the weights, so a message never pushes them off the screen.
                        <offline::NewVersionBanner />
                        <NoticeBanner />
                        <ErrorBanner />
                        <PageSection section={sections::RANKING} shows_schools=true>
                            <DetailPanel />
                            <RankingTable />
                        </PageSection>
                        // How the money is split, right under the ranking that shows it.
                        <PageSection section={sections::MONEY} shows_schools=true><AllocationPanel /></PageSection>
                        { further_sections(on_print) }
                        <footer>
                            <p>{ lang.t(m::FOOTER_PRIVACY) }</p>
                        </footer>
                    </div>
                </div>
            </>
        },
    };
    let page = html! {
        <ContextProvider<Store> context={(*store).clone()}>
            <ContextProvider<Snapshot> context={(*snapshot).clone()}>
                <ContextProvider<Selection> context={selection}>
                    <main id="app" data-testid="app" data-module={whole_page::MODULE}>{ body }</main>
                </ContextProvider<Selection>>
            </ContextProvider<Snapshot>>
        </ContextProvider<Store>>
    };
    #[cfg(not(feature = "whole-page"))]
    let page = html! { <ContextProvider<whole_page::Loader> context={loader}>{ page }</ContextProvider<whole_page::Loader>> };
    page
}

/// The sections below the money, each with its panels.
#[cfg(feature = "whole-page")]
fn further_sections(on_print: Callback<()>) -> Html {
    html! {
        <>
            // Below the ranking: off screen, they follow the state once it pauses.
            <PageSection section={sections::MAP} shows_schools=true><FollowsWhenSeen><MapPanel /></FollowsWhenSeen></PageSection>
            <PageSection section={sections::WHY}><FollowsWhenSeen><ExplainPanel /></FollowsWhenSeen></PageSection>
            <PageSection section={sections::COMPARE} shows_schools=true><FollowsWhenSeen><ComparePanel /></FollowsWhenSeen></PageSection>
            <PageSection section={sections::HOW_SURE}><StabilityPanel /></PageSection>
            <PageSection section={sections::WORKSHOP} shows_schools=true><FollowsWhenSeen><WorkshopPanel /></FollowsWhenSeen></PageSection>
            <PageSection section={sections::CHARTS} shows_schools=true><FollowsWhenSeen><ChartsPanel /></FollowsWhenSeen></PageSection>
            <PageSection section={sections::DATA}><DataPanel /><FitPanel /></PageSection>
            <PageSection section={sections::SHARE}>
                <ScenarioPanel {on_print} />
                <CardPanel />
            </PageSection>
        </>
    }
}

/// The sections below the money, as placeholders until the whole page is loaded.
#[cfg(not(feature = "whole-page"))]
fn further_sections(_on_print: Callback<()>) -> Html {
    html! {
        { for sections::SECTIONS.iter().filter(|s| !s.in_first_module()).enumerate().map(|(k, s)| html! {
            <whole_page::Placeholder section={*s} announces={k == 0} />
        }) }
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
        <div class={classes!("notice", notice.is_problem().then_some("problem"))} role={if notice.is_problem() { "alert" } else { "status" }} data-testid="notice">
            <p>{ notice.words(lang) }</p>
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

/// Starts the app: the first module's page, or the whole page taking over from it (once no
/// pointer is pressed on the first module's page).
pub fn start() {
    #[cfg(feature = "whole-page")]
    whole_page::when_first_module_is_free(mount);
    #[cfg(not(feature = "whole-page"))]
    mount();
}

/// Mounts the page, with the first module's screen when the whole page takes over from it.
fn mount() {
    let handover = whole_page_handover();
    let host = whole_page::host();
    let app = yew::Renderer::<App>::with_root_and_props(host.clone(), AppProps { handover: handover.map(Rc::new) }).render();
    #[cfg(not(feature = "whole-page"))]
    whole_page::retire_on_request(app, host);
    #[cfg(feature = "whole-page")]
    let _ = (app, host);
}

#[cfg(feature = "whole-page")]
fn whole_page_handover() -> Option<Handover> {
    whole_page::handed_over()
}

#[cfg(not(feature = "whole-page"))]
fn whole_page_handover() -> Option<Handover> {
    None
}
