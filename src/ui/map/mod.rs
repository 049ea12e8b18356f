//! The map: every area as an SVG path, filled by tier (or score, change of tier, or an
//! indicator), with a legend in words and counts.
//!
//! [`MapPanel`] holds what the map shows (the colouring) and the fill made from it; once there
//! are boundaries, [`MapExplorer`] (one per map, so new boundaries start from the whole map)
//! draws it: controls ([`controls`]), the areas and their paint ([`areas`]), moving around
//! ([`navigation`]) and the legend and facts beside it ([`side`]). Focus or hover shows an
//! area's id, tier, score and contributions; selecting a school outlines the areas its
//! students come from.

mod areas;
mod controls;
mod navigation;
mod side;

use std::collections::HashSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::app::detail::Selected;
use crate::app::i18n::catalogue as m;
use crate::app::map::{AreaMap, MapColour, MapFill};
use crate::app::state::AppState;
use crate::ui::detail_panel::use_selection;
use crate::ui::perf;
use crate::ui::state::use_explorer;
use areas::{FillKey, MapAreas, fill_for, patterns, use_painting};
use controls::{BoundariesImport, MapControls};
use navigation::use_map_navigation;
use side::MapSide;

#[component]
pub fn MapPanel() -> Html {
    perf::rendered("MapPanel");
    let (handle, _) = use_explorer();
    let colour = use_state(|| MapColour::Tier);
    let app = handle.app.as_ref().ok();
    let map = app.and_then(|a| a.data.map.clone());
    let lang = handle.lang;
    let key = app.zip(map.clone()).map(|(app, map)| FillKey { app: app.clone(), map, colour: (*colour).clone(), lang });
    let fill = use_memo(key, |key| key.as_ref().map(fill_for));
    let on_colour = use_callback(colour.clone(), |v: String, colour| colour.set(MapColour::parse(&v)));
    let Some(app) = app else { return html! {} };
    let (Some(map), Some(Some(fill))) = (map.clone(), fill.as_ref().as_ref().map(|f| f.as_ref().ok())) else {
        let problem = fill.as_ref().as_ref().and_then(|f| f.as_ref().err()).cloned();
        return html! {
            <section class="panel map-panel" aria-labelledby="map-heading" data-testid="map-panel">
                <h2 id="map-heading">{ lang.t(m::MAP) }</h2>
                <p class="hint">{ lang.t(m::MAP_EMPTY_HINT) }</p>
                if let Some(p) = problem { <p class="error" role="alert">{ p }</p> }
                <BoundariesImport {map} />
            </section>
        };
    };
    let report = lang.map_lines(&map.match_report(app.current.prepared.ids())).into_iter();
    html! {
        <section class="panel map-panel" aria-labelledby="map-heading" data-testid="map-panel">
            <h2 id="map-heading">{ lang.t(m::MAP) }</h2>
            <MapExplorer key={Rc::as_ptr(&map) as usize} map={map.clone()} fill={Rc::clone(fill)} colour={(*colour).clone()} {on_colour} />
            <ul class="hint map-report" data-testid="map-report">
                { for report.map(|line| html! { <li>{ line }</li> }) }
            </ul>
            <BoundariesImport map={Some(map)} />
        </section>
    }
}

#[derive(Properties)]
struct ExplorerProps {
    map: Rc<AreaMap>,
    fill: Rc<MapFill>,
    colour: MapColour,
    on_colour: Callback<String>,
}

impl PartialEq for ExplorerProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.map, &other.map)
            && Rc::ptr_eq(&self.fill, &other.fill)
            && self.colour == other.colour
            && self.on_colour == other.on_colour
    }
}

/// One map with its fill: the controls, the drawing and what is beside it.
#[component]
fn MapExplorer(props: &ExplorerProps) -> Html {
    let (handle, _) = use_explorer();
    let selection = use_selection();
    let (map, fill) = (&props.map, &props.fill);
    let nav = use_map_navigation(map);
    use_painting(&nav.svg_ref, map, fill);
    let outlined = use_outlined(map, handle.app.as_ref().ok(), *selection);
    let lang = handle.lang;
    let current = nav.view;
    html! {
        <>
            <MapControls map={map.clone()} fill={fill.clone()} colour={props.colour.clone()} on_colour={props.on_colour.clone()} view={current} set_view={nav.set_view.clone()} />
            <div class="map-body">
                <svg ref={nav.svg_ref.clone()} class={classes!("map", (current.zoom > 1.0).then_some("zoomed"), nav.grabbing.then_some("grabbing"))}
                    viewBox={current.view_box(map)} preserveAspectRatio="xMidYMid meet" tabindex="0" role="group"
                    aria-label={lang.fill(m::MAP_KEYS, &[("legend", &fill.legend_text())])}
                    data-testid="map" data-zoom={format!("{:.2}", current.zoom)}
                    onkeydown={nav.onkeydown} onfocusin={nav.onfocusin} onmouseover={nav.onmouseover} onclick={nav.onclick}
                    ondblclick={nav.ondblclick} onpointerdown={nav.onpointerdown} onpointermove={nav.onpointermove}
                    onpointerup={nav.onpointerup.clone()} onpointercancel={nav.onpointerup}>
                    { patterns(fill) }
                    <MapAreas map={map.clone()} roving={nav.roving} {lang} />
                    // Outlines on top of every area, so no neighbour covers them: the selected
                    // area or a selected school's areas, and the area pointed at or focused.
                    <g class="map-overlay" aria-hidden="true">
                        // Areas scored with a value missing: dots over their colour.
                        { for fill.with_gaps.iter().enumerate().filter(|(_, g)| **g).map(|(f, _)| html! {
                            <path class="with-gaps" fill="url(#map-gaps)" d={map.paths[f].clone()} data-testid="map-gap" />
                        }) }
                        { for outlined.iter().map(|&f| html! { <path class="outlined" d={map.paths[f].clone()} /> }) }
                        // Areas marked elsewhere (the published tiers the fit does not reproduce).
                        { for map.links.area_of.iter().enumerate().filter(|(_, a)| a.is_some_and(|a| handle.marked.binary_search(&a).is_ok())).map(|(f, _)| html! {
                            <path class="marked" d={map.paths[f].clone()} data-testid="map-marked" />
                        }) }
                        if let Some(f) = nav.shown {
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
                <MapSide map={map.clone()} fill={fill.clone()} shown={nav.shown} />
            </div>
        </>
    }
}

/// The features to outline: the selected area, or the areas the selected school's students
/// come from; made again only when the map, the selection or the preparation changes.
#[hook]
fn use_outlined(map: &Rc<AreaMap>, app: Option<&AppState>, selected: Option<Selected>) -> Rc<HashSet<usize>> {
    let prepared = app.map(|a| Rc::as_ptr(&a.current.prepared) as usize);
    use_memo((Rc::as_ptr(map) as usize, selected, prepared), {
        let (map, app) = (map.clone(), app.cloned());
        move |(_, selected, _)| {
            let Some(app) = app else { return HashSet::new() };
            let areas: HashSet<usize> = match *selected {
                Some(Selected::Area(a)) => [a].into(),
                Some(Selected::School(s)) => app.current.prepared.school_sources(s).filter_map(|(a, n)| a.filter(|_| n > 0.0)).collect(),
                None => HashSet::new(),
            };
            map.links.area_of.iter().enumerate().filter(|(_, a)| a.is_some_and(|a| areas.contains(&a))).map(|(f, _)| f).collect()
        }
    })
}
