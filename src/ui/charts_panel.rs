//! The three charts on canvases, drawn by [`crate::app::charts`] through plotters after each
//! render. Each canvas has a text description for screen readers.
//!
//! A chart is redrawn only when what it shows changed and it is on screen; one that changed
//! while scrolled away is drawn when it comes into view. A slider move thus pays only for the
//! charts a person can see.

use std::cell::RefCell;
use std::rc::Rc;

use plotters::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{HtmlCanvasElement, IntersectionObserver, IntersectionObserverEntry};
use yew::prelude::*;

use super::browser::{download_url, slug, today};
use super::canvas_backend::MeasuredCanvas;
use super::perf;
use super::state::{Notice, UiAction, use_explorer, use_ui_dispatch};
use crate::app::charts::{
    PerPupilInput, ScoreHistogramInput, TierMixInput, draw_per_pupil, draw_score_histogram, draw_tier_mix, per_pupil_input,
    score_histogram_input, tier_mix_input,
};
use crate::app::i18n::{Lang, catalogue as m};

/// Internal size of every chart canvas; CSS scales it to the page width.
pub const CHART_SIZE: (u32, u32) = (900, 380);

/// What a chart shows: comparing two of these tells whether it must be redrawn.
#[derive(Clone, PartialEq)]
enum ChartInput {
    TierMix(TierMixInput),
    PerPupil(PerPupilInput),
    Scores(ScoreHistogramInput),
}

/// One canvas and the state of its drawing.
struct Chart {
    canvas: NodeRef,
    /// What to draw, and in which language.
    input: Option<(ChartInput, Lang)>,
    drawn: bool,
    /// Whether any of the canvas is on screen, as the browser's intersection observer last
    /// said. Kept up to date by the browser, so deciding what to draw after a slider move
    /// never asks for the page's layout (which would force it in the middle of the update).
    visible: bool,
}

/// Draws one chart now, on screen or not.
fn draw(chart: &mut Chart) {
    let (Some(canvas), Some((input, lang))) = (chart.canvas.cast::<HtmlCanvasElement>(), &chart.input) else { return };
    let Some(backend) = MeasuredCanvas::new(canvas) else { return };
    let root = backend.into_drawing_area();
    let result = match input {
        ChartInput::TierMix(i) => draw_tier_mix(&root, i, *lang),
        ChartInput::PerPupil(i) => draw_per_pupil(&root, i, *lang),
        ChartInput::Scores(i) => draw_score_histogram(&root, i, *lang),
    };
    if let Err(e) = result {
        web_sys::console::warn_1(&e.into());
    }
    chart.drawn = true;
}

/// Draws every chart that is out of date and on screen.
fn draw_visible(charts: &RefCell<Vec<Chart>>) {
    let mut charts = charts.borrow_mut();
    if !charts.iter().any(|c| c.visible && !c.drawn) {
        return;
    }
    perf::timed("ses:charts", || charts.iter_mut().filter(|c| c.visible && !c.drawn).for_each(draw));
}

/// Watches which canvases are on screen and draws a chart that comes into view out of date.
/// Dropping it stops the watching.
struct VisibilityWatch {
    observer: IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl VisibilityWatch {
    fn start(charts: Rc<RefCell<Vec<Chart>>>) -> Option<VisibilityWatch> {
        let canvases: Vec<HtmlCanvasElement> = charts.borrow().iter().filter_map(|c| c.canvas.cast()).collect();
        let watched = charts.clone();
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            {
                let mut charts = watched.borrow_mut();
                for entry in entries.iter().filter_map(|e| e.dyn_into::<IntersectionObserverEntry>().ok()) {
                    let target = entry.target();
                    if let Some(chart) = charts.iter_mut().find(|c| c.canvas.get().is_some_and(|n| n == *target.as_ref())) {
                        chart.visible = entry.is_intersecting();
                    }
                }
            }
            draw_visible(&watched);
        });
        let observer = IntersectionObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        for canvas in &canvases {
            observer.observe(canvas);
        }
        Some(VisibilityWatch { observer, _callback: callback })
    }
}

impl Drop for VisibilityWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Saves chart `index` as a PNG file (drawn first if it is out of date); `None` when the
/// browser cannot make the image.
fn save_png(charts: &RefCell<Vec<Chart>>, index: usize, name: &str) -> Option<()> {
    let mut charts = charts.borrow_mut();
    let chart = charts.get_mut(index)?;
    if !chart.drawn {
        draw(chart);
    }
    let canvas = chart.canvas.cast::<HtmlCanvasElement>()?;
    let url = canvas.to_data_url_with_type("image/png").ok()?;
    download_url(name, &url).ok()
}

#[component]
pub fn ChartsPanel() -> Html {
    perf::rendered("ChartsPanel");
    let (handle, _) = use_explorer();
    let lang = handle.lang;
    let ui = use_ui_dispatch();
    let refs = [use_node_ref(), use_node_ref(), use_node_ref()];
    let charts = {
        let refs = refs.clone();
        use_mut_ref(move || refs.into_iter().map(|canvas| Chart { canvas, input: None, drawn: false, visible: false }).collect::<Vec<_>>())
    };
    let evaluations = match &handle.app {
        Ok(app) => Some((app.current.evaluation.clone(), app.baseline.evaluation.clone(), app.current.prepared.clone())),
        Err(_) => None,
    };
    // The tier mix feeds both the chart and its text description: computed once per result.
    let mix = use_memo(evaluations.as_ref().map(|e| e.0.clone()), |current| current.as_ref().map(|c| tier_mix_input(c)));
    {
        let charts = charts.clone();
        let mix = mix.clone();
        use_effect_with((evaluations.clone(), lang), move |(evaluations, lang)| {
            if let (Some((current, baseline, prepared)), Some(mix)) = (evaluations, mix.as_ref()) {
                let inputs = [
                    ChartInput::TierMix(mix.clone()),
                    ChartInput::PerPupil(per_pupil_input(baseline, current)),
                    ChartInput::Scores(score_histogram_input(current, prepared.population())),
                ];
                for (chart, input) in charts.borrow_mut().iter_mut().zip(inputs) {
                    let input = (input, *lang);
                    if chart.input.as_ref() != Some(&input) {
                        chart.input = Some(input);
                        chart.drawn = false;
                    }
                }
                draw_visible(&charts);
            }
        });
    }
    {
        // Charts that changed while off screen are drawn when scrolled or resized into view.
        let charts = charts.clone();
        use_effect_with((), move |_| {
            let watch = VisibilityWatch::start(charts);
            move || drop(watch)
        });
    }
    let Some((current, _, _)) = evaluations else { return html! {} };
    let stem = handle.app.as_ref().map(|a| slug(&a.current.formula.name)).unwrap_or_default();
    let png_button = |index: usize, what: &'static str| {
        let (charts, ui, name) = (charts.clone(), ui.clone(), format!("{stem}-{what}-{}.png", today()));
        let onclick = Callback::from(move |_| {
            if save_png(&charts, index, &name).is_none() {
                ui.emit(UiAction::Notify(Notice::ChartNotSaved));
            }
        });
        html! { <button type="button" class="small" data-testid={format!("png-{what}")} {onclick}>{ lang.t(m::SAVE_AS_PNG) }</button> }
    };
    let (w, h) = (CHART_SIZE.0.to_string(), CHART_SIZE.1.to_string());
    let Some(mix) = mix.as_ref() else { return html! {} };
    let over_90 = mix.shares.iter().filter(|s| s[0] > 0.9).count();
    let none = mix.shares.iter().filter(|s| s[0] == 0.0).count();
    let mix_text = lang.fill(m::MIX_TEXT, &[("n", &mix.shares.len()), ("over_90", &over_90), ("none", &none)]);
    let cuts = current
        .tier_floors
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.map(|f| lang.fill(m::TIER_STARTS_AT, &[("n", &(i + 2)), ("at", &format!("{f:.1}"))])))
        .collect::<Vec<_>>()
        .join(", ");
    let hist_text = lang.fill(m::HIST_TEXT, &[("cuts", &cuts)]);
    let [mix_ref, per_pupil_ref, scores_ref] = refs;
    html! {
        <section class="panel charts" aria-labelledby="charts-heading">
            <h2 id="charts-heading">{ lang.t(m::CHARTS) }</h2>
            <figure hidden={current.schools.is_empty()}>
                <canvas ref={mix_ref} width={w.clone()} height={h.clone()} role="img" aria-label={mix_text.clone()} data-testid="chart-tier-mix"></canvas>
                <figcaption>{ mix_text } { png_button(0, "tier-mix") }</figcaption>
            </figure>
            <figure hidden={current.schools.is_empty()}>
                <canvas ref={per_pupil_ref} width={w.clone()} height={h.clone()} role="img" data-testid="chart-per-pupil"
                    aria-label={lang.t(m::PER_PUPIL_LABEL)}></canvas>
                <figcaption>{ lang.t(m::PER_PUPIL_CAPTION) } { png_button(1, "per-pupil") }</figcaption>
            </figure>
            <figure>
                <canvas ref={scores_ref} width={w} height={h} role="img" aria-label={hist_text.clone()} data-testid="chart-scores"></canvas>
                <figcaption>{ hist_text } { png_button(2, "scores") }</figcaption>
            </figure>
        </section>
    }
}
