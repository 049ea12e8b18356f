//! Parts of the state that views subscribe to. Each view names the part it shows as a pure
//! function of the whole state, and is told to redraw only when that part changed: a slider
//! step then redraws the ranking and the map, not the data panel or the saved scenarios.
//!
//! Plain Rust, so the rule is tested natively; `ui::state::use_part` is the Yew hook over it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// An `Rc` compared by identity: the same allocation is the same part. Comparing a whole
/// dataset value by value on every step would cost more than the redraw it saves.
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// The function that picks a view's part of a state `S`.
pub type Selector<S, T> = Rc<dyn Fn(&S) -> T>;

/// A listener told of each new state.
pub type Listener<S> = Rc<dyn Fn(&S)>;

/// What a view shows of a state `S`: the function that picks it and the value last shown.
pub struct Part<S, T> {
    select: RefCell<Selector<S, T>>,
    shown: RefCell<T>,
}

impl<S, T: PartialEq + Clone> Part<S, T> {
    pub fn new(select: Selector<S, T>, state: &S) -> Part<S, T> {
        let shown = RefCell::new(select(state));
        Part { select: RefCell::new(select), shown }
    }

    /// Takes a new picking function (a view may pick differently as its own state changes).
    pub fn reselect(&self, select: Rc<dyn Fn(&S) -> T>) {
        *self.select.borrow_mut() = select;
    }

    /// Picks the part from `state`; true when it differs from what is shown, which it then
    /// becomes.
    pub fn changed(&self, state: &S) -> bool {
        let next = (self.select.borrow())(state);
        if *self.shown.borrow() == next {
            return false;
        }
        *self.shown.borrow_mut() = next;
        true
    }

    /// The part as last picked.
    pub fn shown(&self) -> T {
        self.shown.borrow().clone()
    }
}

/// The listeners told of every new state.
pub struct Subscribers<S> {
    listeners: RefCell<Vec<(u64, Listener<S>)>>,
    next_id: Cell<u64>,
}

impl<S> Default for Subscribers<S> {
    fn default() -> Self {
        Subscribers { listeners: RefCell::new(Vec::new()), next_id: Cell::new(0) }
    }
}

impl<S> Subscribers<S> {
    /// Adds a listener; the id takes it off again.
    pub fn subscribe(&self, listener: Rc<dyn Fn(&S)>) -> u64 {
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        self.listeners.borrow_mut().push((id, listener));
        id
    }

    pub fn unsubscribe(&self, id: u64) {
        self.listeners.borrow_mut().retain(|(i, _)| *i != id);
    }

    /// Tells every listener of `state`. A listener may subscribe or unsubscribe others while
    /// told: the list is copied first.
    pub fn publish(&self, state: &S) {
        let listeners: Vec<Listener<S>> = self.listeners.borrow().iter().map(|(_, l)| l.clone()).collect();
        for listener in listeners {
            listener(state);
        }
    }

    pub fn len(&self) -> usize {
        self.listeners.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::{Action, AppState, LoadedData};

    /// A view of one part: counts its redraws, as the hook's component would redraw.
    fn watch<T: PartialEq + Clone + 'static>(
        subscribers: &Subscribers<AppState>,
        state: &AppState,
        select: fn(&AppState) -> T,
    ) -> (Rc<Part<AppState, T>>, Rc<Cell<u32>>, u64) {
        let part = Rc::new(Part::new(Rc::new(select), state));
        let redraws = Rc::new(Cell::new(0));
        let (p, r) = (part.clone(), redraws.clone());
        let id = subscribers.subscribe(Rc::new(move |s: &AppState| {
            if p.changed(s) {
                r.set(r.get() + 1);
            }
        }));
        (part, redraws, id)
    }

    #[test]
    fn a_weight_step_redraws_only_the_views_whose_part_changed() {
        let start = AppState::new(LoadedData::demo().unwrap(), None).unwrap();
        let subscribers = Subscribers::default();
        let (_, data_redraws, _) = watch(&subscribers, &start, |s| Shared(s.data.clone()));
        let (weights, weight_redraws, _) =
            watch(&subscribers, &start, |s| s.current.formula.indicators.iter().map(|i| i.weight).collect::<Vec<_>>());
        let (_, suppress_redraws, suppress_id) = watch(&subscribers, &start, |s| s.suppress_below);
        let mut state = start.clone();
        for w in 21..=25 {
            state = state.apply(Action::SetWeight(0, f64::from(w)));
            subscribers.publish(&state);
        }
        assert_eq!(weight_redraws.get(), 5, "every step changes the weights");
        assert_eq!(weights.shown()[0], 25.0);
        assert_eq!(data_redraws.get(), 0, "the data never changed");
        assert_eq!(suppress_redraws.get(), 0);
        // The same state again changes nothing.
        subscribers.publish(&state);
        assert_eq!(weight_redraws.get(), 5);
        // A view that left hears nothing more.
        subscribers.unsubscribe(suppress_id);
        assert_eq!(subscribers.len(), 2);
        subscribers.publish(&state.apply(Action::SetSuppression(10)));
        assert_eq!(suppress_redraws.get(), 0);
    }

    #[test]
    fn shared_parts_are_the_same_only_when_they_are_the_same_allocation() {
        let a = Rc::new(vec![1, 2, 3]);
        assert!(Shared(a.clone()) == Shared(a.clone()));
        assert!(Shared(a) != Shared(Rc::new(vec![1, 2, 3])), "equal values in another allocation are another part");
    }

    #[test]
    fn a_view_that_picks_differently_compares_with_what_it_showed() {
        let state = AppState::new(LoadedData::demo().unwrap(), None).unwrap();
        let part: Part<AppState, String> = Part::new(Rc::new(|s: &AppState| s.current.formula.name.clone()), &state);
        assert!(!part.changed(&state));
        part.reselect(Rc::new(|s: &AppState| s.current.formula.id_column.clone()));
        assert!(part.changed(&state), "a new pick that differs is a change");
        assert_eq!(part.shown(), state.current.formula.id_column);
        assert!(!part.changed(&state));
    }

    #[test]
    fn a_listener_may_unsubscribe_while_told() {
        let subscribers: Rc<Subscribers<u32>> = Rc::new(Subscribers::default());
        let heard = Rc::new(Cell::new(0));
        let (s, h) = (subscribers.clone(), heard.clone());
        let id = Rc::new(Cell::new(0));
        let own = id.clone();
        id.set(subscribers.subscribe(Rc::new(move |_| {
            h.set(h.get() + 1);
            s.unsubscribe(own.get());
        })));
        subscribers.publish(&1);
        subscribers.publish(&2);
        assert_eq!(heard.get(), 1);
        assert!(subscribers.is_empty());
    }
}
