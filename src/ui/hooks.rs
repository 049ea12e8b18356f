//! The page's effects, each a named hook the app calls once: what happens after a render, not
//! what is drawn.

use std::rc::Rc;

use gloo::render::{AnimationFrame, request_animation_frame};
use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::browser;
use super::perf;
use super::state::{Explorer, Notice, Screen, Snapshot, Store, UiAction};
use crate::app::i18n::Lang;
use crate::app::notice::ScenarioSource;
use crate::app::parts::Shared;
use crate::app::scenario::Scenario;
use crate::app::state::Action;

/// How long the steps must pause before the schools catch up, in milliseconds: longer than
/// the gap between two steps of a held key or a drag, short enough to feel like the moment
/// the slider rests.
const SCHOOLS_CATCH_UP_MS: u32 = 120;

/// The views' way to the state: a snapshot of each new state for the views that take it all,
/// and the store that tells the views subscribed to a part of it, which redraw only if their
/// part changed.
#[hook]
pub fn use_views_of(explorer: &UseReducerHandle<Explorer>) -> (Rc<Snapshot>, Rc<Store>) {
    let snapshot = {
        let explorer = explorer.clone();
        use_memo(explorer.generation, move |_| Snapshot::of(&explorer))
    };
    let store = {
        let (snapshot, dispatcher) = ((*snapshot).clone(), explorer.dispatcher());
        use_memo((), move |_| Store::new(snapshot, dispatcher))
    };
    store.publish((*snapshot).clone());
    (snapshot, store)
}

/// After each render caused by an input: how long until the DOM was updated, and until the
/// next frame (which includes the charts drawn in their effects).
#[hook]
pub fn use_frame_measures() {
    let frame = use_mut_ref(|| None::<AnimationFrame>);
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
}

/// At state scale the schools follow a step once the steps pause (`SchoolsFollow`): each new
/// step restarts the wait, so a slider held or dragged moves the areas frame by frame and the
/// schools catch up in one task when it rests. Keyed on the step's evaluation (held, so
/// compared by identity), not on every state: a catch-up the engine refused (which its checks
/// of the step rule out) leaves the step as it was, and is not tried again and again.
#[hook]
pub fn use_schools_catch_up(explorer: &UseReducerHandle<Explorer>) {
    let (behind, step) = match &explorer.app {
        Ok(a) => (a.schools_behind, Some(Shared(Rc::clone(&a.current.evaluation)))),
        Err(_) => (false, None),
    };
    let dispatcher = explorer.dispatcher();
    use_effect_with((step, behind), move |&(_, behind)| {
        let wait = behind.then(|| Timeout::new(SCHOOLS_CATCH_UP_MS, move || dispatcher.dispatch(UiAction::App(Action::CatchUpSchools))));
        move || drop(wait)
    });
}

/// The page's language follows the choice; a choice made here is remembered, the browser's
/// own preference is not written down.
#[hook]
pub fn use_language_applied(lang: Lang) {
    let chosen = use_mut_ref(|| false);
    use_effect_with(lang, move |lang| {
        browser::apply_language(*lang, *chosen.borrow());
        *chosen.borrow_mut() = true;
    });
}

/// A share link carries its scenario in the URL fragment: opened once at start (unless the
/// first module did, when the whole page takes over from it).
#[hook]
pub fn use_share_link_on_start(explorer: &UseReducerHandle<Explorer>, opened_already: bool) {
    let explorer = explorer.clone();
    let fragment = if opened_already { String::new() } else { browser::fragment() };
    use_effect_with((), move |_| match Scenario::from_fragment(&fragment) {
        Ok(Some(scenario)) => explorer.dispatch(UiAction::OpenScenario { scenario: Box::new(scenario), source: ScenarioSource::ShareLink }),
        Ok(None) => {}
        Err(e) => explorer.dispatch(UiAction::Notify(Notice::LinkUnreadable(e))),
    });
}

/// Back from presenter mode or the printable page (which scroll as long pages): the explorer
/// starts at the top, as its columns scroll on their own. Not at the first render: the whole
/// page taking over stays where the first module was scrolled.
#[hook]
pub fn use_top_on_return(screen: Screen) {
    let first_render = use_mut_ref(|| true);
    use_effect_with(screen, move |_| {
        if !first_render.replace(false)
            && let Some(w) = web_sys::window()
        {
            w.scroll_to_with_x_and_y(0.0, 0.0);
        }
    });
}
