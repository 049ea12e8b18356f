//! The one place the page's state lives: [`Explorer`] (plain Rust, in
//! [`crate::app::explorer`]: the app's state, the notice, the language, the selection, the
//! marks on the map and which screen is shown) as the page's one Yew reducer. Components
//! dispatch actions; nothing else changes it.
//!
//! A component keeps in its own state only what no other view shows: the import step of the
//! data panel (plain Rust too, [`crate::app::import::step`]), the ranking's sort, filter and
//! scroll window, the groups expanded in the formula panel, the map's zoom and focus, the
//! presenter's chart and side, the comparison's two picks, a workshop round-up, a stability or
//! fit run in progress, and which examples and files are being opened.
//!
//! Two ways to read it. Views of the results, which change with every weight, take the whole
//! state by context ([`use_explorer`]) and redraw on every change. The others subscribe to
//! the part they show ([`use_part`], over [`crate::app::parts`]) and redraw only when it
//! changed, reading the latest state in their callbacks ([`Store::latest`]): a slider step
//! does not redraw the data panel, the saved scenarios or the rank-stability panel.

use std::rc::Rc;

use yew::prelude::*;

use super::perf;
pub use crate::app::explorer::{Explorer, Screen, UiAction};
use crate::app::i18n::Lang;
pub use crate::app::notice::Notice;
use crate::app::parts::{Part, Subscribers};
use crate::app::state::{Action, AppState};

impl Reducible for Explorer {
    type Action = UiAction;

    fn reduce(self: Rc<Self>, action: UiAction) -> Rc<Self> {
        // The work a person waits for, measured for the benchmarks.
        let measured = match &action {
            UiAction::App(Action::CatchUpSchools) => Some("ses:schools-catch-up"),
            UiAction::App(_) => Some("ses:recompute"),
            UiAction::SetBoundaries { .. } => Some("ses:boundaries-match"),
            _ => None,
        };
        let next = match measured {
            Some(name) => perf::timed(name, || self.after(action)),
            None => self.after(action),
        };
        next.map_or(self, Rc::new)
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
