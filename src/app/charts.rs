//! The app's three charts, drawn by code that is generic over the plotters backend: the app
//! draws on a canvas, the native tests draw SVG. What each chart shows is computed first as
//! plain data (`*_input` functions), then drawn.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::app::format::thousands;
use crate::app::i18n::{Lang, catalogue as m};
use crate::app::palette::{TIER_COLOURS, tier_colour};
use crate::engine::model::Evaluation;

const FONT: &str = "sans-serif";

fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("chart drawing failed: {e:?}")
}

/// Tier shares of every school, sorted from the highest tier-1 share down.
#[derive(Debug, Clone, PartialEq)]
pub struct TierMixInput {
    pub tier_count: u8,
    /// Per school (sorted): share of scored students in each tier, 0–1.
    pub shares: Vec<Vec<f64>>,
}

pub fn tier_mix_input(eval: &Evaluation) -> TierMixInput {
    let mut shares: Vec<Vec<f64>> = eval
        .schools
        .iter()
        .filter(|s| s.scored_students() > 0.0)
        .map(|s| (1..=eval.tier_count).map(|t| s.tier_share(t).unwrap_or(0.0)).collect())
        .collect();
    shares.sort_by(|a: &Vec<f64>, b: &Vec<f64>| {
        // Highest tier-1 share first; then by the next tiers, for a smooth picture.
        b.iter().zip(a.iter()).map(|(x, y)| x.total_cmp(y)).find(|o| o.is_ne()).unwrap_or(std::cmp::Ordering::Equal)
    });
    TierMixInput { tier_count: eval.tier_count, shares }
}

/// Draws stacked bars, one per school, tier 1 at the bottom.
pub fn draw_tier_mix<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, input: &TierMixInput, lang: Lang) -> Result<(), String> {
    root.fill(&WHITE).map_err(err)?;
    let n = input.shares.len().max(1);
    let mut chart = ChartBuilder::on(root)
        .caption(lang.t(m::CHART_MIX_TITLE), (FONT, 22))
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(56)
        // Room on the right for the legend, so it never covers a bar.
        .build_cartesian_2d(0f64..n as f64 * 1.3, 0f64..100f64)
        .map_err(err)?;
    chart
        .configure_mesh()
        .max_light_lines(0)
        .disable_x_mesh()
        .x_desc(lang.t(m::CHART_MIX_X))
        .y_desc(lang.t(m::CHART_MIX_Y))
        .x_labels(6)
        .x_label_formatter(&|v| if *v <= n as f64 { format!("{v:.0}") } else { String::new() })
        .y_label_formatter(&|v| format!("{v:.0}%"))
        .label_style((FONT, 16))
        .axis_desc_style((FONT, 16))
        .draw()
        .map_err(err)?;
    // Each tier is one filled band (a step outline across all schools): it looks the same as
    // a stacked bar per school but takes one drawing call per tier instead of one per bar,
    // which keeps a redraw well inside a frame.
    let n_schools = input.shares.len();
    let mut below = vec![0.0; n_schools];
    for t in 0..usize::from(input.tier_count) {
        let colour = tier_colour(t as u8 + 1);
        let top: Vec<f64> = input.shares.iter().zip(&below).map(|(s, b)| b + s[t] * 100.0).collect();
        let mut outline: Vec<(f64, f64)> = Vec::with_capacity(4 * n_schools);
        for (i, y) in top.iter().enumerate() {
            outline.extend([(i as f64, *y), (i as f64 + 1.0, *y)]);
        }
        for (i, y) in below.iter().enumerate().rev() {
            outline.extend([(i as f64 + 1.0, *y), (i as f64, *y)]);
        }
        chart.draw_series(std::iter::once(Polygon::new(outline, colour.filled()))).map_err(err)?;
        below = top;
    }
    let entries: Vec<(String, Mark)> =
        (1..=input.tier_count).map(|t| (lang.tier_name(t, input.tier_count), Mark::Box(tier_colour(t)))).collect();
    legend_and_present(root, &entries)
}

/// The sample drawn beside a legend entry.
#[derive(Clone, Copy)]
enum Mark {
    Box(RGBColor),
    Dot(RGBColor),
    Line(RGBColor),
}

/// Draws the legend (each colour with its name in words) in the top-right corner, and shows
/// the chart. Drawn here rather than with plotters' series labels, which measure text by
/// adding elements with inline styles to the page (slow, and refused by the app's
/// Content-Security-Policy); here all text is measured through the backend.
fn legend_and_present<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, entries: &[(String, Mark)]) -> Result<(), String> {
    let font: TextStyle = (FONT, 16).into_font().into();
    let widest = entries.iter().map(|(label, _)| root.estimate_text_size(label, &font).map_or(120, |s| s.0)).max().unwrap_or(0) as i32;
    let (width, _) = root.dim_in_pixel();
    let (line, pad, sample) = (22, 8, 22);
    let box_w = pad * 3 + sample + widest;
    let box_h = pad * 2 + line * entries.len() as i32;
    let (x0, y0) = (width as i32 - box_w - 24, 44);
    root.draw(&Rectangle::new([(x0, y0), (x0 + box_w, y0 + box_h)], WHITE.mix(0.92).filled())).map_err(err)?;
    root.draw(&Rectangle::new([(x0, y0), (x0 + box_w, y0 + box_h)], BLACK.stroke_width(1))).map_err(err)?;
    for (i, (label, mark)) in entries.iter().enumerate() {
        let y = y0 + pad + line * i as i32 + line / 2;
        let x = x0 + pad;
        match *mark {
            Mark::Box(c) => root.draw(&Rectangle::new([(x, y - 7), (x + sample - 6, y + 7)], c.filled())),
            Mark::Dot(c) => root.draw(&Circle::new((x + sample / 2 - 3, y), 4, c.filled())),
            Mark::Line(c) => root.draw(&PathElement::new(vec![(x, y), (x + sample - 4, y)], c.stroke_width(3))),
        }
        .map_err(err)?;
        let style = font.pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Left,
            plotters::style::text_anchor::VPos::Center,
        ));
        root.draw(&Text::new(label.clone(), (x + sample + pad, y), style)).map_err(err)?;
    }
    root.present().map_err(err)
}

/// Dollars per pupil allocated by the baseline and by the scenario, schools in scenario rank
/// order.
#[derive(Debug, Clone, PartialEq)]
pub struct PerPupilInput {
    pub baseline: Vec<f64>,
    pub scenario: Vec<f64>,
}

pub fn per_pupil_input(baseline: &Evaluation, scenario: &Evaluation) -> PerPupilInput {
    let order = scenario.school_order();
    let pick = |e: &Evaluation| order.iter().map(|&i| e.schools.get(i).and_then(|s| s.allocation_per_pupil()).unwrap_or(0.0)).collect();
    PerPupilInput { baseline: pick(baseline), scenario: pick(scenario) }
}

/// Draws two lines: baseline (grey, dashed look by points) and scenario.
pub fn draw_per_pupil<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, input: &PerPupilInput, lang: Lang) -> Result<(), String> {
    root.fill(&WHITE).map_err(err)?;
    let n = input.scenario.len().max(1);
    let top = input.baseline.iter().chain(&input.scenario).copied().fold(0.0, f64::max).max(1.0) * 1.1;
    let mut chart = ChartBuilder::on(root)
        .caption(lang.t(m::CHART_PER_PUPIL_TITLE), (FONT, 22))
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(88)
        .build_cartesian_2d(0f64..n as f64, 0f64..top)
        .map_err(err)?;
    chart
        .configure_mesh()
        .max_light_lines(0)
        .x_desc(lang.t(m::CHART_PER_PUPIL_X))
        .y_desc(lang.t(m::CHART_PER_PUPIL_Y))
        .x_labels(6)
        .x_label_formatter(&|v| format!("{:.0}", v + 1.0))
        .y_label_formatter(&|v| format!("${v:.0}"))
        .label_style((FONT, 16))
        .axis_desc_style((FONT, 16))
        .draw()
        .map_err(err)?;
    let grey = RGBColor(110, 110, 110);
    let blue = TIER_COLOURS[3];
    chart.draw_series(input.baseline.iter().enumerate().map(|(i, v)| Circle::new((i as f64 + 0.5, *v), 2, grey.filled()))).map_err(err)?;
    chart
        .draw_series(LineSeries::new(input.scenario.iter().enumerate().map(|(i, v)| (i as f64 + 0.5, *v)), blue.stroke_width(3)))
        .map_err(err)?;
    legend_and_present(
        root,
        &[(lang.t(m::CHART_BASELINE_DOTS).into(), Mark::Dot(grey)), (lang.t(m::CHART_SCENARIO_LINE).into(), Mark::Line(blue))],
    )
}

/// Population by score band, and where each tier starts.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreHistogramInput {
    /// (low, high, population) per band.
    pub bins: Vec<(f64, f64, f64)>,
    /// (tier, lowest score in it) for tiers 2..=K.
    pub cuts: Vec<(u8, f64)>,
}

pub fn score_histogram_input(eval: &Evaluation, population: &[f64]) -> ScoreHistogramInput {
    let scores: Vec<(f64, f64)> = eval.areas.iter().zip(population).filter_map(|(a, p)| a.score.map(|s| (s, *p))).collect();
    let min = scores.iter().map(|s| s.0).fold(f64::INFINITY, f64::min);
    let max = scores.iter().map(|s| s.0).fold(f64::NEG_INFINITY, f64::max);
    let (low, high) = if min >= 0.0 && max <= 100.0 { (0.0, 100.0) } else { (min.floor(), max.ceil().max(min.floor() + 1.0)) };
    let count = 20;
    let width = (high - low) / count as f64;
    let mut bins: Vec<(f64, f64, f64)> = (0..count).map(|i| (low + width * i as f64, low + width * (i + 1) as f64, 0.0)).collect();
    for (s, p) in scores {
        let i = (((s - low) / width) as usize).min(count - 1);
        bins[i].2 += p;
    }
    let cuts = eval.tier_floors.iter().enumerate().filter_map(|(i, f)| f.map(|f| (i as u8 + 2, f))).collect();
    ScoreHistogramInput { bins, cuts }
}

/// Draws the histogram with a labelled vertical line where each tier starts.
pub fn draw_score_histogram<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    input: &ScoreHistogramInput,
    lang: Lang,
) -> Result<(), String> {
    root.fill(&WHITE).map_err(err)?;
    let low = input.bins.first().map_or(0.0, |b| b.0);
    let high = input.bins.last().map_or(100.0, |b| b.1);
    let top = input.bins.iter().map(|b| b.2).fold(0.0, f64::max).max(1.0) * 1.15;
    let mut chart = ChartBuilder::on(root)
        .caption(lang.t(m::CHART_SCORES_TITLE), (FONT, 22))
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(96)
        .build_cartesian_2d(low..high, 0f64..top)
        .map_err(err)?;
    chart
        .configure_mesh()
        .max_light_lines(0)
        .disable_x_mesh()
        .x_desc(lang.t(m::CHART_SCORES_X))
        .y_desc(lang.t(m::CHART_SCORES_Y))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| thousands(*v))
        .label_style((FONT, 16))
        .axis_desc_style((FONT, 16))
        .draw()
        .map_err(err)?;
    let bar = RGBColor(86, 180, 233);
    chart.draw_series(input.bins.iter().map(|&(a, b, p)| Rectangle::new([(a, 0.0), (b, p)], bar.filled()))).map_err(err)?;
    for &(tier, at) in &input.cuts {
        chart.draw_series(std::iter::once(PathElement::new(vec![(at, 0.0), (at, top)], BLACK.stroke_width(2)))).map_err(err)?;
        chart
            .draw_series(std::iter::once(Text::new(
                lang.fill(m::CHART_CUT, &[("n", &tier), ("at", &format!("{at:.1}"))]),
                (at, top * (0.97 - 0.07 * f64::from(tier - 2))),
                (FONT, 16),
            )))
            .map_err(err)?;
    }
    root.present().map_err(err)
}

// The SVG backend is a native dev-dependency feature.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::app::state::{AppState, LoadedData};

    fn state() -> AppState {
        AppState::new(LoadedData::demo().unwrap(), None).unwrap()
    }

    fn svg(draw: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> Result<(), String>) -> String {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (900, 360)).into_drawing_area();
            draw(&root).unwrap();
        }
        out
    }

    #[test]
    fn tier_mix_is_sorted_and_each_school_sums_to_one() {
        let s = state();
        let input = tier_mix_input(&s.current.evaluation);
        assert_eq!(input.shares.len(), 170);
        assert!(input.shares.windows(2).all(|w| w[0][0] >= w[1][0]));
        assert!(input.shares.iter().all(|s| (s.iter().sum::<f64>() - 1.0).abs() < 1e-9));
        let text = svg(|r| draw_tier_mix(r, &input, Lang::En));
        assert!(text.contains("Tier 1 (lowest SES)") && text.contains("Tier 3 (highest SES)"));
        assert_eq!(text.matches("<polygon").count(), 3, "one band per tier");
    }

    #[test]
    fn per_pupil_follows_scenario_rank_order() {
        let s = state();
        let input = per_pupil_input(&s.baseline.evaluation, &s.current.evaluation);
        assert_eq!(input.baseline, input.scenario, "at load the scenario is the baseline");
        assert!(input.scenario[0] > *input.scenario.last().unwrap(), "highest need gets more per pupil");
        let text = svg(|r| draw_per_pupil(r, &input, Lang::En));
        assert!(text.contains("Baseline (dots)") && text.contains("Scenario (line)"));
    }

    #[test]
    fn histogram_counts_all_population_and_marks_tier_starts() {
        let s = state();
        let population = s.current.prepared.population();
        let input = score_histogram_input(&s.current.evaluation, population);
        let total: f64 = input.bins.iter().map(|b| b.2).sum();
        assert_eq!(total, population.iter().sum::<f64>());
        assert_eq!(input.cuts.len(), 2);
        let text = svg(|r| draw_score_histogram(r, &input, Lang::En));
        assert!(text.contains("Tier 2 ≥") && text.contains("Tier 3 ≥"), "cut labels drawn");
    }

    #[test]
    fn tier_names_say_which_end_is_which() {
        assert_eq!(Lang::En.tier_name(1, 3), "Tier 1 (lowest SES)");
        assert_eq!(Lang::En.tier_name(2, 3), "Tier 2");
        assert_eq!(Lang::En.tier_name(3, 3), "Tier 3 (highest SES)");
    }
}
