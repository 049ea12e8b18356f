//! The three charts on canvases, drawn by [`crate::app::charts`] through plotters after each
//! render. Each canvas has a text description for screen readers.
//!
//! A chart is redrawn only when what it shows changed and it is on screen; one that changed
//! while scrolled away is drawn when it comes into view. A slider move thus pays only for the
//! charts a person can see.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use plotters::prelude::*;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::browser::{download_url, slug, today};
use super::canvas_backend::MeasuredCanvas;
use super::perf;
use super::state::{Notice, UiAction, use_explorer, use_ui_dispatch};
use crate::app::i18n::{Lang, catalogue as m};
use crate::app::charts::{
    PerPupilInput, ScoreHistogramInput, TierMixInput, draw_per_pupil, draw_score_histogram, draw_tier_mix, per_pupil_input,
    score_histogram_input, tier_mix_input,
};

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
}

fn in_view(canvas: &HtmlCanvasElement) -> bool {
    let rect = canvas.get_bounding_client_rect();
    let height = web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64()).unwrap_or(0.0);
    rect.bottom() > 0.0 && rect.top() < height && rect.width() > 0.0
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
    perf::mark("ses:charts-start");
    for chart in charts.borrow_mut().iter_mut().filter(|c| !c.drawn) {
        if chart.canvas.cast::<HtmlCanvasElement>().is_some_and(|c| in_view(&c)) {
            draw(chart);
        }
    }
    perf::measure("ses:charts", "ses:charts-start");
    perf::clear_mark("ses:charts-start");
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
    let (handle, _) = use_explorer();
    let lang = handle.lang;
    let ui = use_ui_dispatch();
    let refs = [use_node_ref(), use_node_ref(), use_node_ref()];
    let charts = {
        let refs = refs.clone();
        use_mut_ref(move || refs.into_iter().map(|canvas| Chart { canvas, input: None, drawn: false }).collect::<Vec<_>>())
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
            let listeners: Vec<EventListener> = web_sys::window()
                .map(|w| {
                    ["scroll", "resize"]
                        .into_iter()
                        .map(|event| {
                            let charts: Rc<RefCell<Vec<Chart>>> = charts.clone();
                            EventListener::new(&w, event, move |_| {
                                if charts.borrow().iter().any(|c| !c.drawn) {
                                    draw_visible(&charts);
                                }
                            })
                        })
                        .collect()
                })
                .unwrap_or_default();
            move || drop(listeners)
        });
    }
    let Some((current, _, _)) = evaluations else { return html! {} };
    let stem = handle.app.as_ref().map(|a| slug(&a.current.formula.name)).unwrap_or_default();
    let png_button = |index: usize, what: &'static str| {
        let (charts, ui, name) = (charts.clone(), ui.clone(), format!("{stem}-{what}-{}.png", today()));
        let onclick = Callback::from(move |_| {
            if save_png(&charts, index, &name).is_none() {
                ui.emit(UiAction::Notify(Notice { problem: true, text: lang.t(m::CHART_NOT_SAVED).into() }));
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
