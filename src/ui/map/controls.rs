//! The map's controls: what colours it, which property of the boundaries holds the area ids,
//! zoom, saving the map (PNG or SVG), and choosing a boundaries file.

use std::rc::Rc;

use plotters::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlInputElement};
use yew::prelude::*;

use super::navigation::View;
use crate::app::i18n::catalogue as m;
use crate::app::map::{AreaMap, MapColour, MapFill, draw_map, drawn_size};
use crate::app::map_view::map_svg;
use crate::app::presets::indicator_label;
use crate::engine::geometry::Boundaries;
use crate::app::file_refusal::FileRefusal;
use crate::ui::browser::{download, download_url, read_file, slug, today};
use crate::ui::canvas_backend::MeasuredCanvas;
use crate::ui::controls::Select;
use crate::ui::perf;
use crate::ui::state::{Notice, UiAction, use_explorer, use_ui_dispatch};

#[derive(Properties)]
pub struct ControlsProps {
    pub map: Rc<AreaMap>,
    pub fill: Rc<MapFill>,
    pub colour: MapColour,
    pub on_colour: Callback<String>,
    pub view: View,
    pub set_view: Callback<View>,
}

impl PartialEq for ControlsProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.map, &other.map)
            && Rc::ptr_eq(&self.fill, &other.fill)
            && self.colour == other.colour
            && self.on_colour == other.on_colour
            && self.view == other.view
            && self.set_view == other.set_view
    }
}

#[component]
pub fn MapControls(props: &ControlsProps) -> Html {
    let (handle, _) = use_explorer();
    let ui = use_ui_dispatch();
    let lang = handle.lang;
    let Some(app) = handle.app.as_ref().ok() else { return html! {} };
    let (map, fill, current) = (&props.map, &props.fill, props.view);

    let mut colour_options = vec![
        ("tier".to_string(), lang.t(m::TIER).to_string(), true),
        ("score".to_string(), lang.t(m::SCORE).to_string(), true),
        ("change".to_string(), lang.t(m::MAP_CHANGE_TITLE).to_string(), true),
    ];
    for ind in &app.current.formula.indicators {
        colour_options.push((ind.column.clone(), indicator_label(&ind.column, lang), true));
    }
    let property_options: Vec<(String, String, bool)> =
        map.boundaries.property_names.iter().map(|p| (p.clone(), p.clone(), true)).collect();
    let on_property = {
        let (ui, map) = (ui.clone(), map.clone());
        Callback::from(move |p: String| {
            ui.emit(UiAction::SetBoundaries { boundaries: Box::new(map.boundaries.clone()), id_property: Some(p) })
        })
    };
    let subtitle = app.data.label_in(lang);
    let on_png = {
        let (map, fill, ui, subtitle) = (map.clone(), fill.clone(), ui.clone(), subtitle.clone());
        Callback::from(move |_| {
            let name = format!("{}-map-{}.png", slug(&subtitle), today());
            if save_png(&map, &fill, &subtitle, &name).is_none() {
                ui.emit(UiAction::Notify(Notice::MapSaveFailed));
            }
        })
    };
    let on_svg = {
        let (app, colour, ui) = (app.clone(), props.colour.clone(), ui.clone());
        Callback::from(move |_| {
            let name = format!("{}-map-{}.svg", slug(&subtitle), today());
            let problem = match map_svg(&app, &colour, lang) {
                None => Some(Notice::MapNothingToSave),
                // The drawing library's reason is not the person's to act on.
                Some(Err(_)) => Some(Notice::MapSaveFailed),
                Some(Ok(svg)) => download(&name, "image/svg+xml", svg.as_bytes()).err().map(|_| Notice::DownloadFailed),
            };
            if let Some(notice) = problem {
                ui.emit(UiAction::Notify(notice));
            }
        })
    };
    let zoom = |to: View| {
        let set_view = props.set_view.clone();
        move |_| set_view.emit(to)
    };
    html! {
        <div class="map-controls">
            <Select id="map-colour" label={lang.t(m::MAP_COLOUR_BY)} testid="map-colour" options={colour_options} selected={AttrValue::from(props.colour.id())} onchange={props.on_colour.clone()} />
            if property_options.len() > 1 {
                <Select id="map-id-property" label={lang.t(m::MAP_ID_PROPERTY)} testid="map-id-property" options={property_options} selected={AttrValue::from(map.links.property.clone())} onchange={on_property} />
            }
            <div class="buttons">
                <button type="button" data-testid="map-zoom-in" aria-label={lang.t(m::ZOOM_IN)} onclick={zoom(current.zoomed(1.5, map))}>{ "+" }</button>
                <button type="button" data-testid="map-zoom-out" aria-label={lang.t(m::ZOOM_OUT)} onclick={zoom(current.zoomed(1.0 / 1.5, map))}>{ "−" }</button>
                <button type="button" data-testid="map-reset" onclick={zoom(View::whole(map))}>{ lang.t(m::WHOLE_MAP) }</button>
                <button type="button" data-testid="map-png" onclick={on_png}>{ lang.t(m::SAVE_MAP_PNG) }</button>
                <button type="button" data-testid="map-svg" onclick={on_svg}>{ lang.t(m::SAVE_MAP_SVG) }</button>
            </div>
        </div>
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

#[derive(Properties)]
pub struct ImportProps {
    /// The boundaries in use, if any.
    pub map: Option<Rc<AreaMap>>,
}

impl PartialEq for ImportProps {
    fn eq(&self, other: &Self) -> bool {
        match (&self.map, &other.map) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

/// Choosing a boundaries file, with the name of the one in use beside it, and, next to the
/// picker, why a file chosen was not used.
#[component]
pub fn BoundariesImport(props: &ImportProps) -> Html {
    let (handle, _) = use_explorer();
    let ui = use_ui_dispatch();
    let lang = handle.lang;
    let synthetic = handle.app.as_ref().is_ok_and(|a| a.data.synthetic);
    let problem = use_state_eq(|| None::<FileRefusal>);
    let on_boundaries = {
        let problem = problem.setter();
        Callback::from(move |e: Event| read_boundaries(e.target_unchecked_into::<HtmlInputElement>(), ui.clone(), problem.clone()))
    };
    let problem_text = problem.as_ref().map(|p| lang.fill(m::MAP_UNCHANGED, &[("problem", &p.words(lang))]));
    let problem_ref = use_node_ref();
    super::super::controls::use_shown_when_set(&problem_ref, problem.is_some());
    html! {
        <div class="map-import">
            // The native picker would read "No file chosen" once the file is read and cleared:
            // the boundaries in use are named beside it instead.
            <input id="boundaries-input" class="visually-hidden" type="file" accept=".geojson,.json,application/geo+json" data-testid="boundaries-input" onchange={on_boundaries} aria-describedby="boundaries-in-use" />
            <label class="button-like" for="boundaries-input">{ lang.t(m::MAP_BOUNDARIES_INPUT) }</label>
            <span class="file-held" id="boundaries-in-use" data-testid="boundaries-in-use">
                { match &props.map {
                    Some(_) if synthetic => lang.t(m::DEMO_BOUNDARIES_IN_USE).to_string(),
                    Some(map) => lang.fill(m::FILES_IN_USE, &[("names", &map.boundaries.file)]),
                    None => lang.t(m::NO_FILE_CHOSEN).to_string(),
                } }
            </span>
            if let Some(text) = problem_text {
                <p class="error map-import-problem" role="alert" data-testid="boundaries-problem" ref={problem_ref}>{ text }</p>
            }
        </div>
    }
}

/// Loads a boundaries file picked in the map panel; a file that cannot be used is reported
/// next to the picker (`problem`), and the map stays as it was.
fn read_boundaries(input: HtmlInputElement, ui: Callback<UiAction>, problem: UseStateSetter<Option<FileRefusal>>) {
    let Some(file) = input.files().and_then(|l| l.get(0)) else { return };
    input.set_value("");
    let name = file.name();
    problem.set(None);
    read_file(file, |_, _| {}, move |bytes| {
        let read = bytes.and_then(|b| perf::timed("ses:boundaries-read", || Boundaries::parse(&name, &b)).map_err(FileRefusal::File));
        match read {
            Ok(b) => ui.emit(UiAction::SetBoundaries { boundaries: Box::new(b), id_property: None }),
            Err(p) => problem.set(Some(p)),
        }
    });
}
