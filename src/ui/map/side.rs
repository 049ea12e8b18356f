//! Beside the map: the legend (every class in words, with its count and swatch, so colour is
//! never the only cue) and the facts of the area pointed at or focused.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::detail::{Selected, detail};
use crate::app::i18n::catalogue as m;
use crate::app::map::{AreaMap, MapFill, Marking};
use crate::ui::state::use_explorer;

#[derive(Properties)]
pub struct SideProps {
    pub map: Rc<AreaMap>,
    pub fill: Rc<MapFill>,
    /// The area (feature) pointed at or focused.
    pub shown: Option<usize>,
}

impl PartialEq for SideProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.map, &other.map) && Rc::ptr_eq(&self.fill, &other.fill) && self.shown == other.shown
    }
}

#[component]
pub fn MapSide(props: &SideProps) -> Html {
    html! {
        <div class="map-side">
            <h3>{ props.fill.title.clone() }</h3>
            <MapLegend map={props.map.clone()} fill={props.fill.clone()} shown={None::<usize>} />
            <MapInfo map={props.map.clone()} fill={props.fill.clone()} shown={props.shown} />
        </div>
    }
}

/// A swatch for the legend: what the map draws, at legend size.
fn swatch(inside: Html) -> Html {
    html! {
        <svg class="swatch" width="18" height="14" viewBox="0 0 18 14" aria-hidden="true" focusable="false">{ inside }</svg>
    }
}

#[component]
fn MapLegend(props: &SideProps) -> Html {
    let (handle, _) = use_explorer();
    let lang = handle.lang;
    let (map, fill) = (&props.map, &props.fill);
    let stripes = || html! { <path d="M0 14L14 0M6 14L18 2" stroke="#000" /> };
    html! {
        <ul class="map-legend" data-testid="map-legend">
            { for fill.classes.iter().map(|c| html! {
                <li>
                    { swatch(html! {
                        <>
                            <rect width="18" height="14" fill={c.colour_hex()} stroke="#000" />
                            if c.marking == Marking::Striped { { stripes() } }
                        </>
                    }) }
                    { format!(" {} ", c.label) }<span class="count">{ format!("({})", c.count) }</span>
                </li>
            }) }
            if fill.no_data > 0 {
                <li data-testid="map-legend-no-data">
                    { swatch(html! { <rect width="18" height="14" fill="url(#map-no-data)" stroke="#000" /> }) }
                    { lang.t(m::MAP_LEGEND_NO_DATA_WORDS) }<span class="count">{ format!("({})", fill.no_data) }</span>
                </li>
            }
            if fill.gaps_count() > 0 {
                <li data-testid="map-legend-gaps">
                    { swatch(html! { <><rect width="18" height="14" fill="#fff" stroke="#000" /><circle cx="5" cy="4" r="1.5" /><circle cx="12" cy="10" r="1.5" /></> }) }
                    { lang.t(m::MAP_LEGEND_GAPS_WORDS) }<span class="count">{ format!("({})", fill.gaps_count()) }</span>
                </li>
            }
            if !handle.marked.is_empty() {
                <li data-testid="map-legend-marked">
                    { swatch(html! { <rect x="1" y="1" width="16" height="12" fill="#fff" stroke="#c2185b" stroke-width="2" stroke-dasharray="4 3" /> }) }
                    { lang.t(m::MAP_LEGEND_MARKED) }<span class="count">{ format!("({})", handle.marked.len()) }</span>
                </li>
            }
            if !map.schools.is_empty() {
                <li>
                    { swatch(html! { <circle cx="9" cy="7" r="4" fill="#000" stroke="#fff" /> }) }
                    { lang.t(m::MAP_LEGEND_SCHOOL) }<span class="count">{ format!("({})", map.schools.len()) }</span>
                </li>
            }
            if fill.shows_tiers && fill.changed_count() > 0 {
                <li>
                    { swatch(html! { <><rect width="18" height="14" fill="#fff" stroke="#000" />{ stripes() }</> }) }
                    { lang.t(m::MAP_LEGEND_STRIPED) }<span class="count">{ format!("({})", fill.changed_count()) }</span>
                </li>
            }
        </ul>
    }
}

/// The shown area's id, tier (and baseline tier when it moved), score and contributions;
/// announced politely as it changes.
#[component]
fn MapInfo(props: &SideProps) -> Html {
    let (handle, _) = use_explorer();
    let lang = handle.lang;
    let map = &props.map;
    let info = handle.app.as_ref().ok().zip(props.shown).and_then(|(app, f)| {
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
    html! {
        <div class="map-info" id="map-info" aria-live="polite" data-testid="map-info">
            { info.unwrap_or_else(|| html! { <p class="hint">{ lang.t(m::MAP_POINT_HINT) }</p> }) }
        </div>
    }
}
