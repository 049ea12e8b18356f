//! The one place the app's state lives: [`Explorer`] wraps [`AppState`] as a Yew reducer.
//! Components dispatch actions; nothing else changes state.
//!
//! Two ways to read it. Views of the results, which change with every weight, take the whole
//! state by context ([`use_explorer`]) and redraw on every change. The others subscribe to
//! the part they show ([`use_part`], over [`crate::app::parts`]) and redraw only when it
//! changed, reading the latest state in their callbacks ([`Store::latest`]): a slider step
//! does not redraw the data panel, the saved scenarios or the rank-stability panel.

use std::rc::Rc;

use yew::prelude::*;

use super::perf;
use crate::app::handover::Handover;
use crate::app::i18n::Lang;
use crate::app::notice::{LoadReport, ScenarioSource, SharedScenario};
use crate::app::parts::{Part, Subscribers};
use crate::app::scenario::Scenario;
use crate::app::state::{Action, AppState, LoadedData};
use crate::engine::EngineError;
use crate::engine::geometry::Boundaries;

pub use crate::app::notice::Notice;

/// The reducer's state: the app (or why it could not start), a shared scenario waiting for
/// data that has its columns, and a notice.
#[derive(Debug, Clone, PartialEq)]
pub struct Explorer {
    pub app: Result<AppState, EngineError>,
    pub pending: Option<Scenario>,
    pub notice: Option<Notice>,
    /// The language every view is written in; changing it changes nothing else.
    pub lang: Lang,
    /// Counts the states: each new one has the next number, so telling two apart never needs
    /// comparing them.
    pub generation: u64,
    /// Areas marked on the map (the fit's mismatches), in increasing order, for the data they
    /// were found on.
    pub marked: Rc<Vec<usize>>,
}

/// Changes beyond the formula: loading data, opening scenarios, forgetting data.
#[derive(Debug, Clone, PartialEq)]
pub enum UiAction {
    App(Action),
    /// New data, already checked by the import panel.
    Load(Box<AppState>),
    /// A scenario from a file, a share link or storage; `source` names it in messages.
    OpenScenario {
        scenario: Box<Scenario>,
        source: ScenarioSource,
    },
    /// Boundaries for the map, matched to the data by a property (guessed when `None`).
    SetBoundaries {
        boundaries: Box<Boundaries>,
        id_property: Option<String>,
    },
    /// Drop imported data from memory and go back to the demo district.
    ForgetData,
    /// Give up on a shared scenario the data cannot take.
    DropPending,
    /// Show a message.
    Notify(Notice),
    DismissNotice,
    /// Mark these areas on the map (none: clear the marks).
    MarkAreas(Vec<usize>),
    SetLanguage(Lang),
}

impl Explorer {
    /// Opens on the synthetic demo district.
    pub fn demo(lang: Lang) -> Explorer {
        // The page's first module has no map to draw the demo's boundaries on.
        #[cfg(feature = "whole-page")]
        let demo = LoadedData::demo();
        #[cfg(not(feature = "whole-page"))]
        let demo = LoadedData::demo_without_map();
        let app = demo.and_then(|d| AppState::new(d, None));
        Explorer { app, pending: None, notice: None, lang, generation: 0, marked: Rc::default() }
    }

    /// The whole page's state when it takes over from the first module: the demo district
    /// with the scenario, messages and language handed over.
    pub fn taking_over(handover: &Handover) -> Explorer {
        let lang = handover.language();
        let fresh = Explorer::demo(lang);
        let Ok(app) = &fresh.app else { return fresh };
        match handover.restore(app) {
            Ok(restored) => Explorer { app: Ok(restored), pending: handover.pending.clone(), notice: handover.notice.clone(), ..fresh },
            Err(e) => Explorer { notice: Some(Notice::WholePageStartedAfresh(e)), ..fresh },
        }
    }

    fn with(self: &Rc<Self>, app: AppState, pending: Option<Scenario>, notice: Option<Notice>) -> Rc<Self> {
        // Marks belong to the data they were found on.
        let same_data = self.app.as_ref().is_ok_and(|old| Rc::ptr_eq(&old.data, &app.data));
        let marked = if same_data { Rc::clone(&self.marked) } else { Rc::default() };
        Rc::new(Explorer { app: Ok(app), pending, notice, lang: self.lang, generation: self.generation + 1, marked })
    }
}

impl Reducible for Explorer {
    type Action = UiAction;

    fn reduce(self: Rc<Self>, action: UiAction) -> Rc<Self> {
        if let UiAction::SetLanguage(lang) = action {
            return Rc::new(Explorer { lang, generation: self.generation + 1, ..(*self).clone() });
        }
        let Ok(app) = &self.app else { return self };
        match action {
            UiAction::App(Action::CatchUpSchools) if !app.schools_behind => self,
            UiAction::App(Action::CatchUpSchools) => {
                let next = perf::timed("ses:schools-catch-up", || app.apply(Action::CatchUpSchools));
                self.with(next, self.pending.clone(), self.notice.clone())
            }
            UiAction::App(action) => {
                perf::mark("ses:recompute-start");
                let next = app.apply(action);
                perf::measure("ses:recompute", "ses:recompute-start");
                perf::clear_mark("ses:recompute-start");
                self.with(next, self.pending.clone(), self.notice.clone())
            }
            UiAction::Load(loaded) => {
                let map =
                    loaded.data.map.as_ref().filter(|_| !loaded.data.synthetic).map(|m| m.match_report(loaded.current.prepared.ids()));
                let report = |shared| {
                    Some(Notice::Loaded(Box::new(LoadReport {
                        label: loaded.data.label.clone(),
                        areas: loaded.data.dataset.areas.len(),
                        schools: loaded.data.schools().map(|s| s.len()),
                        excluded: loaded.current.prepared.exclusions().len(),
                        map,
                        shared,
                    })))
                };
                // A shared scenario that waited for this data is applied now if it fits.
                match self.pending.as_ref().map(|s| loaded.with_scenario(s)) {
                    Some(Ok(restored)) => self.with(restored, None, report(SharedScenario::Applied)),
                    Some(Err(e)) => {
                        let notice = report(SharedScenario::StillUnfit(e));
                        self.with(*loaded, self.pending.clone(), notice)
                    }
                    None => {
                        let notice = report(SharedScenario::NoneWaiting);
                        self.with(*loaded, None, notice)
                    }
                }
            }
            UiAction::OpenScenario { scenario, source } => match app.with_scenario(&scenario) {
                Ok(restored) => self.with(restored, None, Some(Notice::OpenedScenario { source })),
                Err(problem) => self.with(app.clone(), Some(*scenario), Some(Notice::ScenarioWaits { source, problem })),
            },
            UiAction::SetBoundaries { boundaries, id_property } => {
                match perf::timed("ses:boundaries-match", || app.with_boundaries(*boundaries, id_property.as_deref())) {
                    Ok(next) => {
                        let notice =
                            next.data.map.as_ref().map(|m| Notice::MapMatched(Box::new(m.match_report(next.current.prepared.ids()))));
                        self.with(next, self.pending.clone(), notice)
                    }
                    Err(e) => self.with(app.clone(), self.pending.clone(), Some(Notice::MapUnchanged(e))),
                }
            }
            UiAction::ForgetData => {
                let fresh = Explorer::demo(self.lang);
                Rc::new(Explorer { notice: Some(Notice::DataForgotten), generation: self.generation + 1, ..fresh })
            }
            UiAction::DropPending => self.with(app.clone(), None, None),
            UiAction::Notify(notice) => self.with(app.clone(), self.pending.clone(), Some(notice)),
            UiAction::DismissNotice => self.with(app.clone(), self.pending.clone(), None),
            UiAction::MarkAreas(mut areas) => {
                // Kept in order: the map looks each of its areas up by binary search.
                areas.sort_unstable();
                areas.dedup();
                Rc::new(Explorer { marked: Rc::new(areas), generation: self.generation + 1, ..(*self).clone() })
            }
            UiAction::SetLanguage(_) => self,
        }
    }
}

/// The reducer's handle, held by the app.
pub type ExplorerHandle = UseReducerHandle<Explorer>;

/// One state as the views read it, shared by pointer. A context holding it tells its readers
/// of a change by comparing two pointers; a reducer handle would compare two whole states,
/// datasets included, and always reads the newest state, so it cannot hold an older one.
#[derive(Clone)]
pub struct Snapshot(Rc<Explorer>);

impl Snapshot {
    pub fn of(state: &Explorer) -> Snapshot {
        Snapshot(Rc::new(state.clone()))
    }
}

impl PartialEq for Snapshot {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Snapshot {
    type Target = Explorer;
    fn deref(&self) -> &Explorer {
        &self.0
    }
}

/// The state for views that subscribe to parts of it: the latest state, its subscribers and
/// a dispatcher. Its identity never changes, so taking it from context redraws nothing.
#[derive(Clone)]
pub struct Store(Rc<StoreInner>);

struct StoreInner {
    latest: std::cell::RefCell<Snapshot>,
    subscribers: Subscribers<Explorer>,
    dispatcher: UseReducerDispatcher<Explorer>,
}

impl PartialEq for Store {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Store {
    pub fn new(state: Snapshot, dispatcher: UseReducerDispatcher<Explorer>) -> Store {
        Store(Rc::new(StoreInner { latest: std::cell::RefCell::new(state), subscribers: Subscribers::default(), dispatcher }))
    }

    /// Takes a new state and tells the subscribers, each of which redraws only if its part
    /// changed. Called by the app as it renders a new state.
    pub fn publish(&self, state: Snapshot) {
        if *self.0.latest.borrow() == state {
            return;
        }
        *self.0.latest.borrow_mut() = state.clone();
        self.0.subscribers.publish(&state);
    }

    /// The app now with its schools up to the current step (worked out here if they were
    /// waiting for a pause): what leaves the screen, a file or a run, is one whole step.
    pub fn latest_whole_app(&self) -> Option<AppState> {
        let latest = self.latest();
        let app = latest.app.as_ref().ok()?;
        Some(app.with_schools_caught_up().unwrap_or_else(|_| app.clone()))
    }

    /// The state now, for callbacks (a download, a run) that need more than their view shows.
    pub fn latest(&self) -> Snapshot {
        self.0.latest.borrow().clone()
    }

    /// Dispatches a [`UiAction`].
    pub fn dispatch(&self, action: UiAction) {
        self.0.dispatcher.dispatch(action);
    }
}

#[hook]
pub fn use_store() -> Store {
    use_context::<Store>().expect("components are rendered inside the Store provider")
}

/// The part of the state a view shows, picked by `select`; the view redraws when that part
/// changes and not otherwise. `select` must be cheap (it runs for every new state) and may
/// read the view's own state (it is taken afresh at each render).
#[hook]
pub fn use_part<T, F>(select: F) -> T
where
    T: PartialEq + Clone + 'static,
    F: Fn(&Explorer) -> T + 'static,
{
    let store = use_store();
    let redraw = use_force_update();
    let select: Rc<dyn Fn(&Explorer) -> T> = Rc::new(select);
    let part = {
        let (store, select) = (store.clone(), select.clone());
        use_memo((), move |_| Part::new(select, &store.latest()))
    };
    // Rendered for its own reasons (a local state), the view picks with its latest function.
    part.reselect(select);
    part.changed(&store.latest());
    {
        let part = part.clone();
        use_effect_with((), move |_| {
            // A state published between the first render and now is caught here.
            if part.changed(&store.latest()) {
                redraw.force_update();
            }
            let listener = {
                let part = part.clone();
                Rc::new(move |state: &Explorer| {
                    if part.changed(state) {
                        redraw.force_update();
                    }
                })
            };
            let id = store.0.subscribers.subscribe(listener);
            move || store.0.subscribers.unsubscribe(id)
        });
    }
    part.shown()
}

/// A dispatcher of formula actions that never changes (it redraws nothing), for views that
/// subscribe to parts.
#[hook]
pub fn use_dispatch() -> Callback<Action> {
    let store = use_store();
    use_memo((), move |_| {
        Callback::from(move |a: Action| {
            perf::input_started();
            store.dispatch(UiAction::App(a))
        })
    })
    .as_ref()
    .clone()
}

/// The app state and a dispatcher of formula actions, for components below the provider.
/// Taking the whole state redraws the component on every change.
#[hook]
pub fn use_explorer() -> (Snapshot, Callback<Action>) {
    let state = use_context::<Snapshot>().expect("components are rendered inside the Snapshot provider");
    (state, use_dispatch())
}

/// The language of every view.
#[hook]
pub fn use_lang() -> Lang {
    use_part(|e| e.lang)
}

/// A dispatcher of [`UiAction`]s; it never changes.
#[hook]
pub fn use_ui_dispatch() -> Callback<UiAction> {
    let store = use_store();
    use_memo((), move |_| Callback::from(move |a: UiAction| store.dispatch(a))).as_ref().clone()
}
