//! The page: the app's one reducer and its effects ([`App`]), the header, the explorer's two
//! columns, and the messages above the results.

use std::rc::Rc;

use yew::prelude::*;

use super::allocation_panel::AllocationPanel;
use super::baseline_panel::{BaselineBar, ErrorBanner};
use super::detail_panel::DetailPanel;
use super::formula_panel::FormulaPanel;
use super::hooks::{
    use_frame_measures, use_language_applied, use_schools_catch_up, use_share_link_on_start, use_top_on_return, use_views_of,
};
use super::ranking_table::RankingTable;
use super::sections::{self, PageSection, SectionNav};
#[cfg(feature = "whole-page")]
use super::state::Screen;
use super::state::{self, Explorer, Snapshot, Store, UiAction};
#[cfg(feature = "whole-page")]
use super::{
    CardPanel, ChartsPanel, ChildPanel, ComparePanel, DataPanel, ExplainPanel, FitPanel, FollowsWhenSeen, MapPanel, PresenterView,
    PrintableRanking, ScenarioPanel, StabilityPanel, WorkshopPanel,
};
use super::{browser, controls, offline, perf, whole_page};
use crate::app::handover::{Destination, Handover};
use crate::app::i18n::{Lang, catalogue as m};
use crate::app::state::AppState;

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
            Some(handover) => Explorer::taking_over(&handover, &browser::fragment()),
            None => Explorer::demo(browser::initial_language()),
        })
    };
    let (snapshot, store) = use_views_of(&explorer);
    use_frame_measures();
    use_schools_catch_up(&explorer);
    // The first screen is up: only now may the rest be fetched (for offline use).
    use_effect_with((), |_| offline::first_screen_shown());
    use_language_applied(explorer.lang);
    use_share_link_on_start(&explorer, props.handover.is_some());
    use_top_on_return(explorer.screen);
    let (on_go, open_presenter, loader) = use_sections_and_presenter(&explorer, props.handover.as_deref(), &store);
    let lang = explorer.lang;
    let body = match (&explorer.app, explorer.screen) {
        (Err(problem), _) => html! {
            <div class="error" role="alert"><p>{ lang.fill(m::APP_NAME_COULD_NOT_START, &[("message", &lang.error(problem))]) }</p></div>
        },
        #[cfg(feature = "whole-page")]
        (Ok(_), Screen::Presenter) => html! { <PresenterView /> },
        #[cfg(feature = "whole-page")]
        (Ok(_), Screen::Printable) => html! { <PrintableRanking /> },
        (Ok(app), _) => html! {
            <>
                { page_header(app, lang, open_presenter) }
                { presenter_fault(&loader, lang) }
                { explorer_screen(lang, on_go) }
            </>
        },
    };
    let page = html! {
        <ContextProvider<Store> context={(*store).clone()}>
            <ContextProvider<Snapshot> context={(*snapshot).clone()}>
                <main id="app" data-testid="app" data-module={whole_page::MODULE}>{ body }</main>
            </ContextProvider<Snapshot>>
        </ContextProvider<Store>>
    };
    with_loader(loader, page)
}

/// What loads the rest of the page: the first module's loader; the whole page loads nothing.
#[cfg(not(feature = "whole-page"))]
type Loader = whole_page::Loader;
#[cfg(feature = "whole-page")]
type Loader = ();

/// The page with its loader, for the placeholders of the sections still to load.
#[cfg(not(feature = "whole-page"))]
fn with_loader(loader: Loader, page: Html) -> Html {
    html! { <ContextProvider<whole_page::Loader> context={loader}>{ page }</ContextProvider<whole_page::Loader>> }
}

#[cfg(feature = "whole-page")]
fn with_loader((): Loader, page: Html) -> Html {
    page
}

/// Where the bar of sections and the presenter button lead. The whole page has every section
/// and presenter mode, and takes over from the first module once it is on the screen (also
/// when nothing was handed over, the first having failed to start: its page goes all the
/// same), going where the person was going.
#[cfg(feature = "whole-page")]
#[hook]
fn use_sections_and_presenter(
    explorer: &UseReducerHandle<Explorer>,
    handover: Option<&Handover>,
    _store: &Store,
) -> (Callback<&'static str>, Callback<MouseEvent>, Loader) {
    let destination = handover.map(|h| h.destination.clone());
    let dispatcher = explorer.dispatcher();
    use_effect_with((), move |_| {
        let destination = destination.unwrap_or(Destination::Stay);
        whole_page::take_over(&destination);
        if destination == Destination::Presenter {
            dispatcher.dispatch(UiAction::Show(Screen::Presenter));
        }
    });
    let dispatcher = explorer.dispatcher();
    (Callback::noop(), Callback::from(move |_: MouseEvent| dispatcher.dispatch(UiAction::Show(Screen::Presenter))), ())
}

/// The first module loads the whole page for a section it does not have (which the whole
/// page then goes to) and for presenter mode.
#[cfg(not(feature = "whole-page"))]
#[hook]
fn use_sections_and_presenter(
    explorer: &UseReducerHandle<Explorer>,
    _handover: Option<&Handover>,
    store: &Store,
) -> (Callback<&'static str>, Callback<MouseEvent>, Loader) {
    let _ = explorer;
    let loader = whole_page::use_loader(store);
    let (sections_loader, presenter_loader) = (loader.clone(), loader.clone());
    let on_go = Callback::from(move |id: &'static str| {
        if sections::SECTIONS.iter().any(|s| s.id == id && !s.in_first_module()) {
            sections_loader.request(Destination::Section(id.to_owned()));
        }
    });
    (on_go, Callback::from(move |_: MouseEvent| presenter_loader.request(Destination::Presenter)), loader)
}

/// Presenter mode asked for, and the rest of the page it needs did not arrive: said under its
/// button.
#[cfg(not(feature = "whole-page"))]
fn presenter_fault(loader: &Loader, lang: Lang) -> Html {
    match &loader.progress {
        whole_page::Progress::Failed(fault) if loader.failed_for_presenter => html! {
            <p class="presenter-fault problem" role="alert" data-testid="presenter-fault">
                { fault.message(lang, crate::app::network::Part::RestOfPage) }
            </p>
        },
        _ => html! {},
    }
}

#[cfg(feature = "whole-page")]
fn presenter_fault((): &Loader, _: Lang) -> Html {
    html! {}
}

/// The app's name, the data in use, the language and presenter mode. (A view function, not a
/// component: it is drawn with the app, which holds what it shows.)
fn page_header(app: &AppState, lang: Lang, open_presenter: Callback<MouseEvent>) -> Html {
    let data = &app.data;
    html! {
        <header class="top">
            <h1>{ "SES Explorer" }</h1>
            <p class="dataset" data-testid="dataset">
                if data.synthetic {
                    { lang.t(m::DEMO_LABEL) }
                    <span class="badge" title={lang.t(m::SYNTHETIC_TITLE)}>{ lang.t(m::SYNTHETIC_BADGE) }</span>
                } else {
                    <span translate="no">{ data.label.clone() }</span>
                }
                { lang.fill(m::AREAS_COUNT, &[("n", &data.dataset.areas.len())]) }
                { data.schools().map(|s| lang.fill(m::SCHOOLS_COUNT, &[("n", &s.len())])).unwrap_or_default() }
            </p>
            <LanguagePicker />
            <button type="button" class="presenter-open" data-testid="presenter-open" onclick={open_presenter}>
                { lang.t(m::PRESENTER_MODE) }
            </button>
        </header>
    }
}

/// The bar of sections and the summary above two columns: the weights, and the results.
fn explorer_screen(lang: Lang, on_go: Callback<&'static str>) -> Html {
    html! {
        <>
            // Above both columns on a wide screen, where each column scrolls on its own (app.css).
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
                    { further_sections() }
                    <footer>
                        <p>{ lang.t(m::FOOTER_PRIVACY) }</p>
                    </footer>
                </div>
            </div>
        </>
    }
}

/// The sections below the money, each with its panels.
#[cfg(feature = "whole-page")]
fn further_sections() -> Html {
    html! {
        <>
            // What the formula means for one child, beside the money it moves.
            <PageSection section={sections::CHILD}><ChildPanel /></PageSection>
            // Below the ranking: off screen, they follow the state once it pauses.
            <PageSection section={sections::MAP} shows_schools=true><FollowsWhenSeen><MapPanel /></FollowsWhenSeen></PageSection>
            <PageSection section={sections::WHY}><FollowsWhenSeen><ExplainPanel /></FollowsWhenSeen></PageSection>
            <PageSection section={sections::COMPARE} shows_schools=true><FollowsWhenSeen><ComparePanel /></FollowsWhenSeen></PageSection>
            <PageSection section={sections::HOW_SURE}><StabilityPanel /></PageSection>
            <PageSection section={sections::WORKSHOP} shows_schools=true><FollowsWhenSeen><WorkshopPanel /></FollowsWhenSeen></PageSection>
            <PageSection section={sections::CHARTS} shows_schools=true><FollowsWhenSeen><ChartsPanel /></FollowsWhenSeen></PageSection>
            <PageSection section={sections::DATA}><DataPanel /><FitPanel /></PageSection>
            <PageSection section={sections::SHARE}>
                <ScenarioPanel />
                <CardPanel />
            </PageSection>
        </>
    }
}

/// The sections below the money, as placeholders until the whole page is loaded.
#[cfg(not(feature = "whole-page"))]
fn further_sections() -> Html {
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
