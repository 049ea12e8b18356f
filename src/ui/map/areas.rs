//! The areas as SVG paths and their fill. The paths' shapes are made once per map and
//! rendered by a component compared by pointer, so a weight change, hovering or zooming never
//! re-renders them: a weight change sets the fill of the areas whose class changed
//! ([`use_painting`]), and nothing else.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use crate::app::i18n::{Lang, catalogue as m};
use crate::app::map::{AreaMap, FillInput, MapColour, MapFill, NO_DATA_COLOUR, fill};
use crate::app::palette::hex;
use crate::app::state::AppState;
use crate::ui::perf;

/// The fill's inputs, compared by pointer: a new fill only when one of them is new.
#[derive(Clone)]
pub struct FillKey {
    pub app: AppState,
    pub map: Rc<AreaMap>,
    pub colour: MapColour,
    pub lang: Lang,
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

/// The map's fill, or why it cannot be made, in words.
pub fn fill_for(key: &FillKey) -> Result<Rc<MapFill>, String> {
    fill(&key.map, &key.colour, &FillInput::current(&key.app, key.lang)).map(Rc::new).map_err(|e| key.lang.error(&e))
}

#[derive(Properties)]
pub struct AreasProps {
    pub map: Rc<AreaMap>,
    pub lang: Lang,
    /// The one area reachable by Tab.
    pub roving: usize,
}

impl PartialEq for AreasProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.map, &other.map) && self.roving == other.roving && self.lang == other.lang
    }
}

/// The areas' paths: shapes, ids and names, made once per map. Their fills are not here but
/// set by [`use_painting`], so a weight change re-renders none of this.
#[component]
pub fn MapAreas(props: &AreasProps) -> Html {
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
pub fn patterns(fill: &MapFill) -> Html {
    html! {
        <defs>
            <pattern id="map-gaps" patternUnits="userSpaceOnUse" width="6" height="6">
                <circle cx="3" cy="3" r="1.2" fill="#000" />
            </pattern>
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

/// Paints `fill` on the paths of `map` inside `svg` after each render that brings a new fill
/// (only the areas that changed). `ses:map` measures it.
#[hook]
pub fn use_painting(svg: &NodeRef, map: &Rc<AreaMap>, fill: &Rc<MapFill>) {
    let (svg, last) = (svg.clone(), use_mut_ref(|| None::<Painted>));
    use_effect_with(Painted(map.clone(), fill.clone()), move |painted| {
        perf::mark("ses:map-start");
        apply_fill(&svg, painted, last.borrow().as_ref());
        perf::measure("ses:map", "ses:map-start");
        perf::clear_mark("ses:map-start");
        *last.borrow_mut() = Some(painted.clone());
    });
}
