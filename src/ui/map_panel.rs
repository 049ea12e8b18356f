//! The map: every area as an SVG path, filled by tier (or score, change of tier, or an
//! indicator), with a legend in words and counts. The paths' shapes are computed once per data
//! and boundaries ([`crate::app::map::AreaMap`]) and rendered by a child component compared by
//! pointer, so a weight change, hovering or zooming never re-renders them: a weight change
//! sets the fill of the areas whose class changed, and nothing else.
//!
//! Keyboard: Tab reaches the map (arrows pan, + and − zoom, 0 resets) and then one area (arrows
//! move to the nearest area in that direction, Enter shows its detail). Mouse and touch: drag
//! to pan, wheel, double-click or pinch to zoom. Focus or hover shows the area's id, tier, score and
//! contributions; selecting a school outlines the areas its students come from.

use std::collections::HashSet;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, HtmlInputElement};
use yew::prelude::*;

use super::browser::{download, download_url, read_file, slug, today};
use super::canvas_backend::MeasuredCanvas;
use super::controls::Select;
use super::detail_panel::use_selection;
use super::perf;
use super::state::{Notice, UiAction, use_explorer, use_ui_dispatch};
use crate::app::detail::{Selected, detail};
use crate::app::i18n::{Lang, catalogue as m};
use crate::app::map::{AreaMap, Direction, FillInput, MapColour, MapFill, Marking, NO_DATA_COLOUR, draw_map, drawn_size, fill};
use crate::app::map_view::map_svg;
use crate::app::palette::hex;
use crate::app::presets::indicator_label;
use crate::app::state::AppState;
use crate::engine::geometry::Boundaries;
use plotters::prelude::*;

/// The visible part of the map: zoom (1 = whole map) and centre, in map pixels.
#[derive(Clone, Copy, PartialEq)]
struct View {
    zoom: f64,
    cx: f64,
    cy: f64,
}

impl View {
    fn whole(map: &AreaMap) -> View {
        View { zoom: 1.0, cx: crate::app::map::MAP_WIDTH / 2.0, cy: map.height() / 2.0 }
    }

    fn view_box(&self, map: &AreaMap) -> String {
        let (w, h) = (crate::app::map::MAP_WIDTH / self.zoom, map.height() / self.zoom);
        format!("{:.1} {:.1} {:.1} {:.1}", self.cx - w / 2.0, self.cy - h / 2.0, w, h)
    }

    fn zoomed(self, factor: f64, map: &AreaMap) -> View {
        View { zoom: (self.zoom * factor).clamp(1.0, 40.0), ..self }.clamped(map)
    }

    fn panned(self, dx: f64, dy: f64, map: &AreaMap) -> View {
        View { cx: self.cx + dx, cy: self.cy + dy, ..self }.clamped(map)
    }

    /// Keeps the centre on the map.
    fn clamped(self, map: &AreaMap) -> View {
        View { cx: self.cx.clamp(0.0, crate::app::map::MAP_WIDTH), cy: self.cy.clamp(0.0, map.height()), ..self }
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

/// The fill's inputs, compared by pointer: a new fill only when one of them is new.
#[derive(Clone)]
struct FillKey {
    app: AppState,
    map: Rc<AreaMap>,
    colour: MapColour,
    lang: Lang,
}

impl PartialEq for FillKey {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.map, &other.map)
            && self.colour == other.colour
            && self.lang == other.lang
            && Rc::ptr_eq(&self.app.current.evaluation, &other.app.current.evaluation)
            && Rc::ptr_eq(&self.app.comparison, &other.app.comparison)
    }
}

fn fill_for(key: &FillKey) -> Result<Rc<MapFill>, String> {
    fill(&key.map, &key.colour, &FillInput::current(&key.app, key.lang)).map(Rc::new).map_err(|e| key.lang.error(&e))
}

#[derive(Properties)]
struct AreasProps {
    map: Rc<AreaMap>,
    lang: Lang,
    /// The one area reachable by Tab.
    roving: usize,
}

impl PartialEq for AreasProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.map, &other.map) && self.roving == other.roving && self.lang == other.lang
    }
}

/// The areas' paths: shapes, ids and names, made once per map. Their fills are not here but
/// set by [`apply_fill`], so a weight change re-renders none of this.
#[component]
fn MapAreas(props: &AreasProps) -> Html {
    let map = &props.map;
    let lang = props.lang;
    let fixed = use_memo((Rc::as_ptr(map) as usize, lang), {
        let map = map.clone();
        move |_| {
            (0..map.paths.len())
                .map(|f| {
                    (
                        AttrValue::from(map.paths[f].clone()),
                        AttrValue::from(f.to_string()),
                        AttrValue::from(map.labels[f].clone()),
                        AttrValue::from(lang.fill(m::MAP_AREA_NAME, &[("id", &map.labels[f])])),
                    )
                })
                .collect::<Vec<_>>()
        }
    });
    html! {
        <g class="map-areas">
            { for fixed.iter().enumerate().map(|(f, (d, feature, id, name))| html! {
                <path d={d.clone()} data-feature={feature.clone()} data-id={id.clone()}
                    tabindex={if f == props.roving { "0" } else { "-1" }} role="img" aria-label={name.clone()}
                    aria-describedby="map-info" />
            }) }
        </g>
    }
}

/// The fill patterns: hatching for no data, stripes in each class's colour.
fn patterns(fill: &MapFill) -> Html {
    html! {
        <defs>
            <pattern id="map-no-data" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)">
                <rect width="5" height="5" fill={hex(NO_DATA_COLOUR)} />
                <line x1="0" y1="0" x2="0" y2="5" stroke="#777" stroke-width="1.5" />
            </pattern>
            { for fill.classes.iter().enumerate().map(|(k, c)| html! {
                <pattern id={format!("map-stripes-{k}")} patternUnits="userSpaceOnUse" width="7" height="7" patternTransform="rotate(45)">
                    <rect width="7" height="7" fill={c.colour_hex()} />
                    <line x1="0" y1="0" x2="0" y2="7" stroke="#000" stroke-opacity="0.55" stroke-width="1.5" />
                </pattern>
            }) }
        </defs>
    }
}

/// A map and its fill, compared by pointer.
#[derive(Clone)]
struct Painted(Rc<AreaMap>, Rc<MapFill>);

impl PartialEq for Painted {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) && Rc::ptr_eq(&self.1, &other.1)
    }
}

/// Sets the fill and `data-tier` of the paths whose class, stripes or tier differ from what
/// `previous` painted (all of them for a new map or new classes): the only DOM work of a
/// weight change.
fn apply_fill(svg: &NodeRef, painted: &Painted, previous: Option<&Painted>) {
    let Some(svg) = svg.cast::<Element>() else { return };
    let Ok(paths) = svg.query_selector_all("path[data-feature]") else { return };
    let fill = &painted.1;
    let previous = previous.filter(|p| Rc::ptr_eq(&p.0, &painted.0) && p.1.same_palette(fill)).map(|p| &p.1);
    for f in 0..(paths.length() as usize).min(fill.class_of.len()) {
        let now = (fill.class_of[f], fill.striped[f], fill.tier_of[f]);
        if previous.is_some_and(|p| (p.class_of[f], p.striped[f], p.tier_of[f]) == now) {
            continue;
        }
        let Some(path) = paths.get(f as u32).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        let value = match now {
            (None, _, _) => "url(#map-no-data)".to_string(),
            (Some(c), true, _) => format!("url(#map-stripes-{c})"),
            (Some(c), false, _) => fill.classes[usize::from(c)].colour_hex(),
        };
        let _ = path.set_attribute("fill", &value);
        let _ = path.set_attribute("data-tier", &now.2.map(|t| t.to_string()).unwrap_or_default());
    }
}

/// Draws the map on a canvas of its own and offers it as a PNG; `None` when the browser
/// cannot (no canvas, or out of memory).
fn save_png(map: &AreaMap, fill: &MapFill, subtitle: &str, name: &str) -> Option<()> {
    let document = web_sys::window().and_then(|w| w.document())?;
    let canvas: HtmlCanvasElement = document.create_element("canvas").ok()?.dyn_into().ok()?;
    let (w, h) = drawn_size(map);
    canvas.set_width(w);
    canvas.set_height(h);
    let backend = MeasuredCanvas::new(canvas.clone())?;
    draw_map(&backend.into_drawing_area(), map, fill, subtitle, &mut |_| {}).ok()?;
    let url = canvas.to_data_url_with_type("image/png").ok()?;
    download_url(name, &url).ok()
}

/// Loads a boundaries file picked in the map panel.
fn read_boundaries(input: HtmlInputElement, ui: Callback<UiAction>, lang: Lang) {
    let Some(file) = input.files().and_then(|l| l.get(0)) else { return };
    input.set_value("");
    let name = file.name();
    read_file(
        file,
        lang,
        |_, _| {},
        move |bytes| match bytes
            .and_then(|b| perf::timed("ses:boundaries-read", || Boundaries::parse(&name, &b)).map_err(|e| lang.error(&e)))
        {
            Ok(b) => ui.emit(UiAction::SetBoundaries { boundaries: Box::new(b), id_property: None }),
            Err(e) => ui.emit(UiAction::Notify(Notice { problem: true, text: lang.fill(m::MAP_UNCHANGED, &[("problem", &e)]) })),
        },
    );
}

#[component]
pub fn MapPanel() -> Html {
    perf::rendered("MapPanel");
    let (handle, _) = use_explorer();
    let ui = use_ui_dispatch();
    let selection = use_selection();
    let colour = use_state(|| MapColour::Tier);
    let view = use_state(|| None::<View>);
    let roving = use_state(|| 0usize);
    let shown = use_state(|| None::<usize>);
    let svg_ref = use_node_ref();
    let drag = use_mut_ref(|| None::<Gesture>);
    let app = handle.app.as_ref().ok();
    let map = app.and_then(|a| a.data.map.clone());
    let lang = handle.lang;
    let key = app.zip(map.clone()).map(|(app, map)| FillKey { app: app.clone(), map, colour: (*colour).clone(), lang });
    let fill = use_memo(key, |key| key.as_ref().map(fill_for));
    // Outlines: the selected area, or the areas the selected school's students come from.
    let outlined =
        use_memo((map.as_ref().map(|m| Rc::as_ptr(m) as usize), *selection, app.map(|a| Rc::as_ptr(&a.current.prepared) as usize)), {
            let (map, app) = (map.clone(), app.cloned());
            move |(_, selected, _)| {
                let (Some(map), Some(app)) = (map, app) else { return HashSet::new() };
                let areas: HashSet<usize> = match *selected {
                    Some(Selected::Area(a)) => [a].into(),
                    Some(Selected::School(s)) => {
                        app.current.prepared.school_sources(s).filter_map(|(a, n)| a.filter(|_| n > 0.0)).collect()
                    }
                    None => HashSet::new(),
                };
                map.links.area_of.iter().enumerate().filter(|(_, a)| a.is_some_and(|a| areas.contains(&a))).map(|(f, _)| f).collect()
            }
        });
    {
        // New boundaries: show the whole map again.
        let view = view.clone();
        let (roving, shown) = (roving.clone(), shown.clone());
        use_effect_with(map.as_ref().map(|m| Rc::as_ptr(m) as usize), move |_| {
            view.set(None);
            roving.set(0);
            shown.set(None);
        });
    }
    {
        // Wheel zoom needs a listener that may cancel the page's scroll (Yew's is passive).
        let (svg_ref, view, map) = (svg_ref.clone(), view.clone(), map.clone());
        use_effect_with((map.as_ref().map(|m| Rc::as_ptr(m) as usize), *view), move |_| {
            let listener = svg_ref.cast::<Element>().zip(map).map(|(svg, map)| {
                let current = (*view).unwrap_or_else(|| View::whole(&map));
                EventListener::new_with_options(&svg, "wheel", EventListenerOptions::enable_prevent_default(), move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::WheelEvent>() else { return };
                    e.prevent_default();
                    view.set(Some(current.zoomed(if e.delta_y() < 0.0 { 1.25 } else { 0.8 }, &map)));
                })
            });
            move || drop(listener)
        });
    }

    {
        // A new fill repaints only the areas that changed. `ses:map` measures it.
        let (svg_ref, last) = (svg_ref.clone(), use_mut_ref(|| None::<Painted>));
        let painted = map.clone().zip(fill.as_ref().as_ref().and_then(|f| f.as_ref().ok()).cloned()).map(|(m, f)| Painted(m, f));
        use_effect_with(painted, move |painted| {
            if let Some(painted) = painted {
                perf::mark("ses:map-start");
                apply_fill(&svg_ref, painted, last.borrow().as_ref());
                perf::measure("ses:map", "ses:map-start");
                perf::clear_mark("ses:map-start");
                *last.borrow_mut() = Some(painted.clone());
            }
        });
    }
    let Some(app) = app else { return html! {} };
    let on_boundaries = {
        let ui = ui.clone();
        Callback::from(move |e: Event| read_boundaries(e.target_unchecked_into::<HtmlInputElement>(), ui.clone(), lang))
    };
    let import = html! {
        <div class="map-import">
            // The native picker would read "No file chosen" once the file is read and cleared:
            // the boundaries in use are named beside it instead.
            <input id="boundaries-input" class="visually-hidden" type="file" accept=".geojson,.json,application/geo+json" data-testid="boundaries-input" onchange={on_boundaries} aria-describedby="boundaries-in-use" />
            <label class="button-like" for="boundaries-input">{ lang.t(m::MAP_BOUNDARIES_INPUT) }</label>
            <span class="file-held" id="boundaries-in-use" data-testid="boundaries-in-use">
                { match &map {
                    Some(_) if app.data.synthetic => lang.t(m::DEMO_BOUNDARIES_IN_USE).to_string(),
                    Some(map) => lang.fill(m::FILES_IN_USE, &[("names", &map.boundaries.file)]),
                    None => lang.t(m::NO_FILE_CHOSEN).to_string(),
                } }
            </span>
        </div>
    };
    let (Some(map), Some(Some(fill))) = (map, fill.as_ref().as_ref().map(|f| f.as_ref().ok())) else {
        let problem = fill.as_ref().as_ref().and_then(|f| f.as_ref().err()).cloned();
        return html! {
            <section class="panel map-panel" aria-labelledby="map-heading" data-testid="map-panel">
                <h2 id="map-heading">{ lang.t(m::MAP) }</h2>
                <p class="hint">{ lang.t(m::MAP_EMPTY_HINT) }</p>
                if let Some(p) = problem { <p class="error" role="alert">{ p }</p> }
                { import }
            </section>
        };
    };
    let fill = Rc::clone(fill);
    let current = (*view).unwrap_or_else(|| View::whole(&map));
    let set_view = {
        let view = view.clone();
        move |v: View| view.set(Some(v))
    };

    let mut colour_options = vec![
        ("tier".to_string(), lang.t(m::TIER).to_string(), true),
        ("score".to_string(), lang.t(m::SCORE).to_string(), true),
        ("change".to_string(), lang.t(m::MAP_CHANGE_TITLE).to_string(), true),
    ];
    for ind in &app.current.formula.indicators {
        colour_options.push((ind.column.clone(), indicator_label(&ind.column, lang), true));
    }
    let on_colour = {
        let colour = colour.clone();
        Callback::from(move |v: String| colour.set(MapColour::parse(&v)))
    };
    let property_options: Vec<(String, String, bool)> =
        map.boundaries.property_names.iter().map(|p| (p.clone(), p.clone(), true)).collect();
    let on_property = {
        let (ui, map) = (ui.clone(), map.clone());
        Callback::from(move |p: String| {
            ui.emit(UiAction::SetBoundaries { boundaries: Box::new(map.boundaries.clone()), id_property: Some(p) })
        })
    };

    let onkeydown = {
        let (map, svg_ref, roving, shown, selection) = (map.clone(), svg_ref.clone(), roving.clone(), shown.clone(), selection.clone());
        let set_view = set_view.clone();
        Callback::from(move |e: KeyboardEvent| {
            let on_area = feature_of(e.target());
            let step = 0.15 * crate::app::map::MAP_WIDTH / current.zoom;
            let direction = match e.key().as_str() {
                "ArrowLeft" => Some(Direction::Left),
                "ArrowRight" => Some(Direction::Right),
                "ArrowUp" => Some(Direction::Up),
                "ArrowDown" => Some(Direction::Down),
                _ => None,
            };
            match (e.key().as_str(), on_area, direction) {
                ("+" | "=", _, _) => set_view(current.zoomed(1.5, &map)),
                ("-" | "_", _, _) => set_view(current.zoomed(1.0 / 1.5, &map)),
                ("0", _, _) => set_view(View::whole(&map)),
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
                    set_view(current.panned(dx, dy, &map));
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
    };
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
        Callback::from(move |_: MouseEvent| set_view(current.zoomed(2.0, &map)))
    };
    let onpointerdown = {
        let drag = drag.clone();
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
        let (drag, svg_ref, map, set_view) = (drag.clone(), svg_ref.clone(), map.clone(), set_view.clone());
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
                    set_view(g.start.zoomed(spread / g.spread, &map));
                }
                return;
            }
            let (dx, dy) = (f64::from(e.client_x()) - x0, f64::from(e.client_y()) - y0);
            if !g.moved && dx.abs() + dy.abs() < 4.0 {
                return; // a click, not a drag
            }
            g.moved = true;
            let width = svg_ref.cast::<Element>().map_or(1.0, |s| f64::from(s.client_width()).max(1.0));
            let scale = crate::app::map::MAP_WIDTH / g.start.zoom / width;
            set_view(g.start.panned(-dx * scale, -dy * scale, &map));
        })
    };
    let onpointerup = {
        let drag = drag.clone();
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

    let subtitle = app.data.label_in(lang);
    let on_png = {
        let (map, fill, ui, subtitle) = (map.clone(), fill.clone(), ui.clone(), subtitle.clone());
        Callback::from(move |_| {
            let name = format!("{}-map-{}.png", slug(&subtitle), today());
            if save_png(&map, &fill, &subtitle, &name).is_none() {
                ui.emit(UiAction::Notify(Notice { problem: true, text: lang.t(m::MAP_SAVE_FAILED).into() }));
            }
        })
    };
    let on_svg = {
        let (app, colour, ui, subtitle) = (app.clone(), (*colour).clone(), ui.clone(), subtitle.clone());
        Callback::from(move |_| {
            let name = format!("{}-map-{}.svg", slug(&subtitle), today());
            let problem = match map_svg(&app, &colour, lang) {
                None => Some(lang.t(m::MAP_NOTHING_TO_SAVE).to_string()),
                Some(Err(e)) => Some(e),
                Some(Ok(svg)) => {
                    download(&name, "image/svg+xml", svg.as_bytes()).err().map(|_| lang.t(m::BROWSER_DOWNLOAD_FAILED).to_string())
                }
            };
            if let Some(text) = problem {
                ui.emit(UiAction::Notify(Notice { problem: true, text }));
            }
        })
    };

    let info = shown.and_then(|f| {
        let label = map.labels.get(f)?.clone();
        let Some(area) = map.links.area_of[f] else { return Some(html! { <p><strong translate="no">{ label }</strong>{ lang.t(m::MAP_NO_DATA_HERE) }</p> }) };
        let d = detail(app, Selected::Area(area), lang)?;
        let baseline = match (d.tier, d.baseline_tier) {
            (Some(t), Some(b)) if t != b => lang.fill(m::MAP_TIER_IN_BASELINE, &[("n", &b)]),
            _ => String::new(),
        };
        Some(html! {
            <>
                <p data-testid="map-info-facts"><strong translate="no">{ label }</strong>
                    { lang.fill(m::MAP_FACTS, &[("tier", &d.tier.map_or("–".into(), |t| t.to_string())), ("baseline", &baseline), ("score", &d.score.map_or("–".into(), |s| format!("{s:.1}")))]) }</p>
                <ul class="map-contributions">
                    { for d.lines.iter().map(|l| html! { <li>{ lang.fill(m::MAP_POINTS, &[("label", &l.label), ("points", &format!("{:.1}", l.contribution))]) }</li> }) }
                </ul>
            </>
        })
    });
    let report = map.report(lang).into_iter().chain(map.missing_boundaries(app.current.prepared.ids(), lang));
    let grabbing = drag.borrow().as_ref().is_some_and(|g| g.moved);

    html! {
        <section class="panel map-panel" aria-labelledby="map-heading" data-testid="map-panel">
            <h2 id="map-heading">{ lang.t(m::MAP) }</h2>
            <div class="map-controls">
                <Select id="map-colour" label={lang.t(m::MAP_COLOUR_BY)} testid="map-colour" options={colour_options} selected={AttrValue::from((*colour).id())} onchange={on_colour} />
                if property_options.len() > 1 {
                    <Select id="map-id-property" label={lang.t(m::MAP_ID_PROPERTY)} testid="map-id-property" options={property_options} selected={AttrValue::from(map.links.property.clone())} onchange={on_property} />
                }
                <div class="buttons">
                    <button type="button" data-testid="map-zoom-in" aria-label={lang.t(m::ZOOM_IN)} onclick={let (m, s) = (map.clone(), set_view.clone()); move |_| s(current.zoomed(1.5, &m))}>{ "+" }</button>
                    <button type="button" data-testid="map-zoom-out" aria-label={lang.t(m::ZOOM_OUT)} onclick={let (m, s) = (map.clone(), set_view.clone()); move |_| s(current.zoomed(1.0 / 1.5, &m))}>{ "−" }</button>
                    <button type="button" data-testid="map-reset" onclick={let (m, s) = (map.clone(), set_view.clone()); move |_| s(View::whole(&m))}>{ lang.t(m::WHOLE_MAP) }</button>
                    <button type="button" data-testid="map-png" onclick={on_png}>{ lang.t(m::SAVE_MAP_PNG) }</button>
                    <button type="button" data-testid="map-svg" onclick={on_svg}>{ lang.t(m::SAVE_MAP_SVG) }</button>
                </div>
            </div>
            <div class="map-body">
                <svg ref={svg_ref} class={classes!("map", (current.zoom > 1.0).then_some("zoomed"), grabbing.then_some("grabbing"))}
                    viewBox={current.view_box(&map)} preserveAspectRatio="xMidYMid meet" tabindex="0" role="group"
                    aria-label={lang.fill(m::MAP_KEYS, &[("legend", &fill.legend_text())])}
                    data-testid="map" data-zoom={format!("{:.2}", current.zoom)}
                    {onkeydown} {onfocusin} {onmouseover} {onclick} {ondblclick} {onpointerdown} {onpointermove} onpointerup={onpointerup.clone()} onpointercancel={onpointerup}>
                    { patterns(&fill) }
                    <MapAreas map={map.clone()} roving={*roving} {lang} />
                    // Outlines on top of every area, so no neighbour covers them: the selected
                    // area or a selected school's areas, and the area pointed at or focused.
                    <g class="map-overlay" aria-hidden="true">
                        { for outlined.iter().map(|&f| html! { <path class="outlined" d={map.paths[f].clone()} /> }) }
                        if let Some(f) = *shown {
                            <path class="shown-under" d={map.paths[f].clone()} />
                            <path class="shown" d={map.paths[f].clone()} data-testid="map-shown" />
                        }
                    </g>
                    if !map.schools.is_empty() {
                        <g class="map-schools" aria-hidden="true">
                            { for map.schools.iter().map(|s| {
                                let chosen = *selection == Some(Selected::School(s.school));
                                html! {
                                    <circle cx={format!("{:.1}", s.at[0])} cy={format!("{:.1}", s.at[1])} r={format!("{:.2}", if chosen { 7.0 } else { 3.5 } / current.zoom)}
                                        class={chosen.then_some(AttrValue::Static("chosen"))}><title>{ s.name.clone() }</title></circle>
                                }
                            }) }
                        </g>
                    }
                </svg>
                <div class="map-side">
                    <h3>{ fill.title.clone() }</h3>
                    <ul class="map-legend" data-testid="map-legend">
                        { for fill.classes.iter().map(|c| html! {
                            <li>
                                <svg class="swatch" width="18" height="14" viewBox="0 0 18 14" aria-hidden="true" focusable="false">
                                    <rect width="18" height="14" fill={c.colour_hex()} stroke="#000" />
                                    if c.marking == Marking::Striped { <path d="M0 14L14 0M6 14L18 2" stroke="#000" /> }
                                </svg>
                                { format!(" {} ", c.label) }<span class="count">{ format!("({})", c.count) }</span>
                            </li>
                        }) }
                        if fill.no_data > 0 {
                            <li data-testid="map-legend-no-data">
                                <svg class="swatch" width="18" height="14" viewBox="0 0 18 14" aria-hidden="true" focusable="false">
                                    <rect width="18" height="14" fill="url(#map-no-data)" stroke="#000" />
                                </svg>
                                { lang.t(m::MAP_LEGEND_NO_DATA_WORDS) }<span class="count">{ format!("({})", fill.no_data) }</span>
                            </li>
                        }
                        if !map.schools.is_empty() {
                            <li>
                                <svg class="swatch" width="18" height="14" viewBox="0 0 18 14" aria-hidden="true" focusable="false">
                                    <circle cx="9" cy="7" r="4" fill="#000" stroke="#fff" />
                                </svg>
                                { lang.t(m::MAP_LEGEND_SCHOOL) }<span class="count">{ format!("({})", map.schools.len()) }</span>
                            </li>
                        }
                        if fill.shows_tiers && fill.changed_count() > 0 {
                            <li>
                                <svg class="swatch" width="18" height="14" viewBox="0 0 18 14" aria-hidden="true" focusable="false">
                                    <rect width="18" height="14" fill="#fff" stroke="#000" /><path d="M0 14L14 0M6 14L18 2" stroke="#000" />
                                </svg>
                                { lang.t(m::MAP_LEGEND_STRIPED) }<span class="count">{ format!("({})", fill.changed_count()) }</span>
                            </li>
                        }
                    </ul>
                    <div class="map-info" id="map-info" aria-live="polite" data-testid="map-info">
                        { info.unwrap_or_else(|| html! { <p class="hint">{ lang.t(m::MAP_POINT_HINT) }</p> }) }
                    </div>
                </div>
            </div>
            <ul class="hint map-report" data-testid="map-report">
                { for report.map(|line| html! { <li>{ line }</li> }) }
            </ul>
            { import }
        </section>
    }
}
