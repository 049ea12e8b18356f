//! Moving around the map: the visible part ([`View`]), and the hook that keeps it with the
//! keyboard, mouse, wheel and touch handlers of the map's `<svg>`.
//!
//! Keyboard: Tab reaches the map (arrows pan, + and − zoom, 0 resets) and then one area
//! (arrows move to the nearest area in that direction, Enter shows its detail). Mouse and
//! touch: drag to pan, wheel, double-click or pinch to zoom. Focus or hover shows an area.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use crate::app::detail::Selected;
use crate::app::map::{AreaMap, Direction, MAP_WIDTH};
use crate::ui::detail_panel::{Selection, use_selection};

/// The visible part of the map: zoom (1 = whole map) and centre, in map pixels.
#[derive(Clone, Copy, PartialEq)]
pub struct View {
    pub zoom: f64,
    cx: f64,
    cy: f64,
}

impl View {
    pub fn whole(map: &AreaMap) -> View {
        View { zoom: 1.0, cx: MAP_WIDTH / 2.0, cy: map.height() / 2.0 }
    }

    pub fn view_box(&self, map: &AreaMap) -> String {
        let (w, h) = (MAP_WIDTH / self.zoom, map.height() / self.zoom);
        format!("{:.1} {:.1} {:.1} {:.1}", self.cx - w / 2.0, self.cy - h / 2.0, w, h)
    }

    pub fn zoomed(self, factor: f64, map: &AreaMap) -> View {
        View { zoom: (self.zoom * factor).clamp(1.0, 40.0), ..self }.clamped(map)
    }

    fn panned(self, dx: f64, dy: f64, map: &AreaMap) -> View {
        View { cx: self.cx + dx, cy: self.cy + dy, ..self }.clamped(map)
    }

    /// Keeps the centre on the map.
    fn clamped(self, map: &AreaMap) -> View {
        View { cx: self.cx.clamp(0.0, MAP_WIDTH), cy: self.cy.clamp(0.0, map.height()), ..self }
    }
}

/// A drag (one pointer) or pinch (two) on the map: the pointers down, the view when the
/// gesture (re)started, and the fingers' spread then.
#[derive(Clone)]
struct Gesture {
    /// (pointer id, client x, client y) where each went down.
    pointers: Vec<(i32, f64, f64)>,
    start: View,
    spread: f64,
    /// Moved beyond a click.
    moved: bool,
}

impl Gesture {
    fn spread_now(&self) -> f64 {
        match self.pointers.as_slice() {
            [a, b, ..] => ((a.1 - b.1).powi(2) + (a.2 - b.2).powi(2)).sqrt(),
            _ => 0.0,
        }
    }
}

/// The feature an event happened on (`data-feature` of its target).
fn feature_of(target: Option<web_sys::EventTarget>) -> Option<usize> {
    target?.dyn_into::<Element>().ok()?.get_attribute("data-feature")?.parse().ok()
}

/// Moves keyboard focus to a feature's path.
fn focus_feature(svg: &NodeRef, f: usize) {
    let Some(svg) = svg.cast::<Element>() else { return };
    if let Ok(Some(path)) = svg.query_selector(&format!("[data-feature=\"{f}\"]"))
        && let Ok(path) = path.dyn_into::<web_sys::SvgElement>()
    {
        let _ = path.focus();
    }
}

/// The map's view and the handlers that change it, for one `<svg>` (`svg_ref`).
pub struct MapNavigation {
    pub svg_ref: NodeRef,
    pub view: View,
    /// The one area reachable by Tab.
    pub roving: usize,
    /// The area pointed at or focused, whose facts are shown.
    pub shown: Option<usize>,
    /// A drag is moving the map.
    pub grabbing: bool,
    pub set_view: Callback<View>,
    pub onkeydown: Callback<KeyboardEvent>,
    pub onfocusin: Callback<FocusEvent>,
    pub onmouseover: Callback<MouseEvent>,
    pub onclick: Callback<MouseEvent>,
    pub ondblclick: Callback<MouseEvent>,
    pub onpointerdown: Callback<PointerEvent>,
    pub onpointermove: Callback<PointerEvent>,
    pub onpointerup: Callback<PointerEvent>,
}

/// The view of `map` (the whole map at first) and its handlers; selecting an area sets the
/// page's selection.
#[hook]
pub fn use_map_navigation(map: &Rc<AreaMap>) -> MapNavigation {
    let selection = use_selection();
    let view = use_state(|| None::<View>);
    let roving = use_state(|| 0usize);
    let shown = use_state(|| None::<usize>);
    let svg_ref = use_node_ref();
    let drag: Rc<RefCell<Option<Gesture>>> = use_mut_ref(|| None::<Gesture>);
    let current = (*view).unwrap_or_else(|| View::whole(map));
    {
        // Wheel zoom needs a listener that may cancel the page's scroll (Yew's is passive).
        let (svg_ref, view, map) = (svg_ref.clone(), view.clone(), map.clone());
        use_effect_with((Rc::as_ptr(&map) as usize, *view), move |_| {
            let listener = svg_ref.cast::<Element>().map(|svg| {
                EventListener::new_with_options(&svg, "wheel", EventListenerOptions::enable_prevent_default(), move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::WheelEvent>() else { return };
                    e.prevent_default();
                    view.set(Some(current.zoomed(if e.delta_y() < 0.0 { 1.25 } else { 0.8 }, &map)));
                })
            });
            move || drop(listener)
        });
    }
    let set_view = {
        let view = view.clone();
        Callback::from(move |v: View| view.set(Some(v)))
    };
    let onkeydown = key_handler(KeyTargets { map: map.clone(), svg_ref: svg_ref.clone(), roving: roving.clone(), shown: shown.clone(), selection: selection.clone(), set_view: set_view.clone() }, current);
    let onfocusin = {
        let (roving, shown) = (roving.clone(), shown.clone());
        Callback::from(move |e: FocusEvent| {
            if let Some(f) = feature_of(e.target()) {
                roving.set(f);
                shown.set(Some(f));
            }
        })
    };
    let onmouseover = {
        let shown = shown.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(f) = feature_of(e.target())
                && *shown != Some(f)
            {
                shown.set(Some(f));
            }
        })
    };
    let onclick = {
        let (map, selection, drag) = (map.clone(), selection.clone(), drag.clone());
        Callback::from(move |e: MouseEvent| {
            let dragged = drag.borrow().as_ref().is_some_and(|g| g.moved);
            if dragged {
                return;
            }
            if let Some(a) = feature_of(e.target()).and_then(|f| map.links.area_of[f]) {
                selection.set(Some(Selected::Area(a)));
            }
        })
    };
    let ondblclick = {
        let (map, set_view) = (map.clone(), set_view.clone());
        Callback::from(move |_: MouseEvent| set_view.emit(current.zoomed(2.0, &map)))
    };
    let (onpointerdown, onpointermove, onpointerup) = pointer_handlers(&drag, current, &svg_ref, map, &set_view);
    let grabbing = drag.borrow().as_ref().is_some_and(|g| g.moved);
    MapNavigation {
        svg_ref,
        view: current,
        roving: *roving,
        shown: *shown,
        grabbing,
        set_view,
        onkeydown,
        onfocusin,
        onmouseover,
        onclick,
        ondblclick,
        onpointerdown,
        onpointermove,
        onpointerup,
    }
}

/// What the keys move: the map, its focused area, the area named, the selection and the view.
struct KeyTargets {
    map: Rc<AreaMap>,
    svg_ref: NodeRef,
    roving: UseStateHandle<usize>,
    shown: UseStateHandle<Option<usize>>,
    selection: Selection,
    set_view: Callback<View>,
}

/// The keys of the map: + and − zoom, 0 shows it whole, the arrows move between areas (or
/// pan, off an area), Enter or Space selects the area.
fn key_handler(targets: KeyTargets, current: View) -> Callback<KeyboardEvent> {
    let KeyTargets { map, svg_ref, roving, shown, selection, set_view } = targets;
    Callback::from(move |e: KeyboardEvent| {
        let on_area = feature_of(e.target());
        let step = 0.15 * MAP_WIDTH / current.zoom;
        let direction = match e.key().as_str() {
            "ArrowLeft" => Some(Direction::Left),
            "ArrowRight" => Some(Direction::Right),
            "ArrowUp" => Some(Direction::Up),
            "ArrowDown" => Some(Direction::Down),
            _ => None,
        };
        match (e.key().as_str(), on_area, direction) {
            ("+" | "=", _, _) => set_view.emit(current.zoomed(1.5, &map)),
            ("-" | "_", _, _) => set_view.emit(current.zoomed(1.0 / 1.5, &map)),
            ("0", _, _) => set_view.emit(View::whole(&map)),
            (_, Some(f), Some(d)) => {
                if let Some(n) = map.neighbour(f, d) {
                    roving.set(n);
                    shown.set(Some(n));
                    focus_feature(&svg_ref, n);
                }
            }
            (_, None, Some(d)) => {
                let (dx, dy) = match d {
                    Direction::Left => (-step, 0.0),
                    Direction::Right => (step, 0.0),
                    Direction::Up => (0.0, -step),
                    Direction::Down => (0.0, step),
                };
                set_view.emit(current.panned(dx, dy, &map));
            }
            ("Enter" | " ", Some(f), _) => {
                if let Some(a) = map.links.area_of[f] {
                    selection.set(Some(Selected::Area(a)));
                }
            }
            _ => return,
        }
        e.prevent_default();
    })
}

/// Dragging pans, two fingers pinch to zoom; a finished drag is kept for the click that
/// follows it (which then selects nothing).
fn pointer_handlers(
    drag: &Rc<RefCell<Option<Gesture>>>,
    current: View,
    svg_ref: &NodeRef,
    map: &Rc<AreaMap>,
    set_view: &Callback<View>,
) -> (Callback<PointerEvent>, Callback<PointerEvent>, Callback<PointerEvent>) {
    let onpointerdown = {
        let drag = Rc::clone(drag);
        Callback::from(move |e: PointerEvent| {
            let mut gesture = drag.borrow_mut();
            let g = gesture.get_or_insert_with(|| Gesture { pointers: Vec::new(), start: current, spread: 0.0, moved: false });
            g.pointers.retain(|p| p.0 != e.pointer_id());
            g.pointers.push((e.pointer_id(), f64::from(e.client_x()), f64::from(e.client_y())));
            // Each change in the number of fingers starts the gesture afresh from this view.
            g.start = current;
            g.spread = g.spread_now();
        })
    };
    let onpointermove = {
        let (drag, svg_ref, map, set_view) = (Rc::clone(drag), svg_ref.clone(), map.clone(), set_view.clone());
        Callback::from(move |e: PointerEvent| {
            let mut gesture = drag.borrow_mut();
            let Some(g) = gesture.as_mut() else { return };
            if e.buttons() == 0 {
                return;
            }
            let Some(i) = g.pointers.iter().position(|p| p.0 == e.pointer_id()) else { return };
            let (_, x0, y0) = g.pointers[i];
            if g.pointers.len() >= 2 {
                // Two fingers: pinch to zoom.
                let mut now = g.pointers.clone();
                now[i] = (e.pointer_id(), f64::from(e.client_x()), f64::from(e.client_y()));
                let spread = Gesture { pointers: now, ..g.clone() }.spread_now();
                if g.spread > 0.0 && spread > 0.0 {
                    g.moved = true;
                    set_view.emit(g.start.zoomed(spread / g.spread, &map));
                }
                return;
            }
            let (dx, dy) = (f64::from(e.client_x()) - x0, f64::from(e.client_y()) - y0);
            if !g.moved && dx.abs() + dy.abs() < 4.0 {
                return; // a click, not a drag
            }
            g.moved = true;
            let width = svg_ref.cast::<Element>().map_or(1.0, |s| f64::from(s.client_width()).max(1.0));
            let scale = MAP_WIDTH / g.start.zoom / width;
            set_view.emit(g.start.panned(-dx * scale, -dy * scale, &map));
        })
    };
    let onpointerup = {
        let drag = Rc::clone(drag);
        Callback::from(move |e: PointerEvent| {
            let mut gesture = drag.borrow_mut();
            let Some(g) = gesture.as_mut() else { return };
            g.pointers.retain(|p| p.0 != e.pointer_id());
            if !g.pointers.is_empty() {
                return;
            }
            // Keep a finished drag for the click that follows it, then forget it.
            if g.moved {
                let drag = drag.clone();
                gloo::timers::callback::Timeout::new(0, move || *drag.borrow_mut() = None).forget();
            } else {
                *gesture = None;
            }
        })
    };
    (onpointerdown, onpointermove, onpointerup)
}
