//! The three charts on canvases, drawn by [`crate::charts`] through plotters' canvas backend
//! after each render. Each canvas has a text description for screen readers.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::perf;
use super::state::use_explorer;
use crate::charts::{draw_per_pupil, draw_score_histogram, draw_tier_mix, per_pupil_input, score_histogram_input, tier_mix_input};

/// Internal size of every chart canvas; CSS scales it to the page width.
pub const CHART_SIZE: (u32, u32) = (900, 380);

fn draw_on(canvas: &NodeRef, draw: impl FnOnce(&DrawingArea<CanvasBackend, plotters::coord::Shift>) -> Result<(), String>) {
    let Some(canvas) = canvas.cast::<HtmlCanvasElement>() else { return };
    if let Some(backend) = CanvasBackend::with_canvas_object(canvas) {
        if let Err(e) = draw(&backend.into_drawing_area()) {
            web_sys::console::warn_1(&e.into());
        }
    }
}

#[component]
pub fn ChartsPanel() -> Html {
    let (handle, _) = use_explorer();
    let tier_mix = use_node_ref();
    let per_pupil = use_node_ref();
    let histogram = use_node_ref();
    let (current, baseline, population) = match &handle.app {
        Ok(app) => (Some(app.current.evaluation.clone()), Some(app.baseline.evaluation.clone()), Some(app.current.prepared.clone())),
        Err(_) => (None, None, None),
    };
    {
        let (tier_mix, per_pupil, histogram) = (tier_mix.clone(), per_pupil.clone(), histogram.clone());
        use_effect_with((current.clone(), baseline.clone()), move |(current, baseline)| {
            if let (Some(current), Some(baseline), Some(prepared)) = (current, baseline, &population) {
                perf::mark("ses:charts-start");
                if !current.schools.is_empty() {
                    draw_on(&tier_mix, |root| draw_tier_mix(root, &tier_mix_input(current)));
                    draw_on(&per_pupil, |root| draw_per_pupil(root, &per_pupil_input(baseline, current)));
                }
                draw_on(&histogram, |root| draw_score_histogram(root, &score_histogram_input(current, prepared.population())));
                perf::measure("ses:charts", "ses:charts-start");
                perf::clear_mark("ses:charts-start");
            }
        });
    }
    let Some(current) = current else { return html! {} };
    let (w, h) = (CHART_SIZE.0.to_string(), CHART_SIZE.1.to_string());
    let mix = tier_mix_input(&current);
    let over_90 = mix.shares.iter().filter(|s| s[0] > 0.9).count();
    let none = mix.shares.iter().filter(|s| s[0] == 0.0).count();
    let mix_text = format!("Stacked bars for {} schools sorted by share of tier-1 students: {over_90} schools have over 90 percent in tier 1, {none} have none.", mix.shares.len());
    let cuts = current.tier_floors.iter().enumerate().filter_map(|(i, f)| f.map(|f| format!("tier {} starts at {f:.1}", i + 2))).collect::<Vec<_>>().join(", ");
    let hist_text = format!("Histogram of area scores weighted by population; {cuts}.");
    html! {
        <section class="panel charts" aria-labelledby="charts-heading">
            <h2 id="charts-heading">{ "Charts" }</h2>
            if !current.schools.is_empty() {
                <figure>
                    <canvas ref={tier_mix} width={w.clone()} height={h.clone()} role="img" aria-label={mix_text.clone()} data-testid="chart-tier-mix"></canvas>
                    <figcaption>{ mix_text }</figcaption>
                </figure>
                <figure>
                    <canvas ref={per_pupil} width={w.clone()} height={h.clone()} role="img" data-testid="chart-per-pupil"
                        aria-label="Allocation per pupil for each school in rank order, baseline as dots and scenario as a line."></canvas>
                    <figcaption>{ "Dollars per pupil for each school, highest need on the left: baseline (dots) and scenario (line)." }</figcaption>
                </figure>
            }
            <figure>
                <canvas ref={histogram} width={w} height={h} role="img" aria-label={hist_text.clone()} data-testid="chart-scores"></canvas>
                <figcaption>{ hist_text }</figcaption>
            </figure>
        </section>
    }
}
