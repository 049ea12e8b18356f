//! The drawing of a finished map with its title and legend, generic over the plotters
//! backend: a canvas in the app's PNG export, [`crate::app::map_svg::TaggedSvg`] in its SVG
//! export and in `ses map`.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::app::i18n::catalogue as m;
use crate::app::map_svg::{FeatureTag, TaggedSvg};

use super::areas::{AreaMap, MAP_WIDTH};
use super::fill::{HATCH_COLOUR, MapFill, Marking, NO_DATA_COLOUR};

/// Room above the map for the title and to its right for the legend, in drawn exports.
const TITLE_HEIGHT: i32 = 48;
const LEGEND_WIDTH: i32 = 300;

/// End points of diagonal hatch lines (`x + y = c`, every `spacing` pixels) inside the rings,
/// by the even-odd rule so holes stay clear.
pub fn hatch_segments(rings: &[Vec<[f32; 2]>], spacing: f32) -> Vec<([f32; 2], [f32; 2])> {
    let (mut low, mut high) = (f32::INFINITY, f32::NEG_INFINITY);
    for p in rings.iter().flatten() {
        low = low.min(p[0] + p[1]);
        high = high.max(p[0] + p[1]);
    }
    let mut segments = Vec::new();
    let mut c = (low / spacing).ceil() * spacing;
    let mut crossings: Vec<f32> = Vec::new();
    while c <= high {
        crossings.clear();
        for ring in rings {
            for (i, a) in ring.iter().enumerate() {
                let b = ring[(i + 1) % ring.len()];
                let (fa, fb) = (a[0] + a[1] - c, b[0] + b[1] - c);
                if (fa < 0.0) != (fb < 0.0) {
                    let t = fa / (fa - fb);
                    crossings.push(a[0] + t * (b[0] - a[0]));
                }
            }
        }
        crossings.sort_by(f32::total_cmp);
        for pair in crossings.chunks_exact(2) {
            segments.push(([pair[0], c - pair[0]], [pair[1], c - pair[1]]));
        }
        c += spacing;
    }
    segments
}

fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("map drawing failed: {e:?}")
}

/// The size of a drawn map with its title and legend.
pub fn drawn_size(map: &AreaMap) -> (u32, u32) {
    (MAP_WIDTH as u32 + LEGEND_WIDTH as u32, (map.height() as i32 + TITLE_HEIGHT).max(TITLE_HEIGHT + 360) as u32)
}

/// A point of the projected map on the drawing, below the title.
fn at(p: [f32; 2]) -> (i32, i32) {
    (p[0].round() as i32, p[1].round() as i32 + TITLE_HEIGHT)
}

/// One point sequence per feature for a plotters polygon: every ring joined to the first
/// point by a line walked there and back, so each feature is a single shape (one `<path>` in
/// SVG) whose joins enclose nothing, and holes (wound the other way) stay empty.
fn feature_outline(rings: &[Vec<[f32; 2]>], at: impl Fn([f32; 2]) -> (i32, i32)) -> Vec<(i32, i32)> {
    let mut points = Vec::with_capacity(rings.iter().map(|r| r.len() + 2).sum());
    let Some(anchor) = rings.first().and_then(|r| r.first()).map(|p| at(*p)) else { return points };
    for ring in rings {
        points.extend(ring.iter().map(|p| at(*p)));
        if let Some(first) = ring.first() {
            points.push(at(*first));
        }
        points.push(anchor);
    }
    points.dedup();
    points
}

/// Draws the map with its title and legend. `tag` is told which feature the next filled
/// shape is (and `None` after it), so a tagging backend can label its shapes.
///
/// # Errors
/// The backend failed.
pub fn draw_map<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    map: &AreaMap,
    fill: &MapFill,
    subtitle: &str,
    tag: &mut dyn FnMut(Option<FeatureTag>),
) -> std::result::Result<(), String> {
    const FONT: &str = "sans-serif";
    root.fill(&WHITE).map_err(err)?;
    root.draw(&Text::new(fill.title.clone(), (12, 8), (FONT, 22).into_font().color(&BLACK))).map_err(err)?;
    root.draw(&Text::new(subtitle.to_string(), (12, 32), (FONT, 13).into_font().color(&RGBColor(60, 60, 60)))).map_err(err)?;
    let (_, below_title) = root.split_vertically(TITLE_HEIGHT);
    draw_areas(&below_title, map, fill, tag)?;
    // The legend: each class's colour, marking, name and count.
    let x0 = MAP_WIDTH as i32 + 16;
    let mut y = TITLE_HEIGHT + 8;
    let font = (FONT, 15).into_font().color(&BLACK);
    let swatch = |y: i32, colour: RGBColor, ink: Option<RGBColor>| -> std::result::Result<(), String> {
        root.draw(&Rectangle::new([(x0, y), (x0 + 28, y + 18)], colour.filled())).map_err(err)?;
        root.draw(&Rectangle::new([(x0, y), (x0 + 28, y + 18)], BLACK.stroke_width(1))).map_err(err)?;
        if let Some(ink) = ink {
            let square = vec![
                [x0 as f32, (y - TITLE_HEIGHT) as f32],
                [(x0 + 28) as f32, (y - TITLE_HEIGHT) as f32],
                [(x0 + 28) as f32, (y + 18 - TITLE_HEIGHT) as f32],
                [x0 as f32, (y + 18 - TITLE_HEIGHT) as f32],
            ];
            for (a, b) in hatch_segments(&[square], 5.0) {
                root.draw(&PathElement::new(vec![at(a), at(b)], ink.mix(0.7).stroke_width(1))).map_err(err)?;
            }
        }
        Ok(())
    };
    for class in &fill.classes {
        swatch(y, class.colour, (class.marking == Marking::Striped).then_some(BLACK))?;
        root.draw(&Text::new(format!("{} ({})", class.label, class.count), (x0 + 36, y + 1), font.clone())).map_err(err)?;
        y += 26;
    }
    if fill.no_data > 0 {
        swatch(y, NO_DATA_COLOUR, Some(HATCH_COLOUR))?;
        root.draw(&Text::new(fill.lang.fill(m::MAP_DRAWN_NO_DATA, &[("n", &fill.no_data)]), (x0 + 36, y + 1), font.clone()))
            .map_err(err)?;
        y += 26;
    }
    if fill.shows_tiers && fill.changed_count() > 0 {
        swatch(y, WHITE, Some(BLACK))?;
        root.draw(&Text::new(fill.lang.fill(m::MAP_DRAWN_CHANGED, &[("n", &fill.changed_count())]), (x0 + 36, y + 1), font.clone()))
            .map_err(err)?;
        y += 26;
    }
    if !map.schools.is_empty() {
        root.draw(&Circle::new((x0 + 14, y + 9), 4, BLACK.filled())).map_err(err)?;
        root.draw(&Text::new(fill.lang.fill(m::MAP_DRAWN_SCHOOL, &[("n", &map.schools.len())]), (x0 + 36, y + 1), font)).map_err(err)?;
    }
    root.present().map_err(err)
}

/// The areas and schools alone, drawn from the area's top left corner: each area in its
/// class's colour (hatched without data, striped when it changed tier), outlined in white, and
/// each school as a dot.
fn draw_areas<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    map: &AreaMap,
    fill: &MapFill,
    tag: &mut dyn FnMut(Option<FeatureTag>),
) -> std::result::Result<(), String> {
    let outline_style = ShapeStyle { color: WHITE.to_rgba(), filled: false, stroke_width: 1 };
    let at = |p: [f32; 2]| (p[0].round() as i32, p[1].round() as i32);
    for (f, feature) in map.projected.features.iter().enumerate() {
        let class = fill.class(f);
        let colour = class.map_or(NO_DATA_COLOUR, |c| c.colour);
        tag(Some(FeatureTag { id: map.labels[f].clone(), tier: fill.tier_of[f] }));
        area.draw(&Polygon::new(feature_outline(&feature.rings, at), colour.filled())).map_err(err)?;
        tag(None);
        let marking = match class {
            None => Some(HATCH_COLOUR),
            Some(_) if fill.striped[f] => Some(BLACK),
            Some(_) => None,
        };
        if let Some(ink) = marking {
            for (a, b) in hatch_segments(&feature.rings, if class.is_none() { 5.0 } else { 7.0 }) {
                area.draw(&PathElement::new(vec![at(a), at(b)], ink.mix(0.7).stroke_width(1))).map_err(err)?;
            }
        }
        for ring in &feature.rings {
            let mut line: Vec<(i32, i32)> = ring.iter().map(|p| at(*p)).collect();
            line.extend(ring.first().map(|p| at(*p)));
            area.draw(&PathElement::new(line, outline_style)).map_err(err)?;
        }
    }
    for school in &map.schools {
        area.draw(&Circle::new(at(school.at), 4, BLACK.filled())).map_err(err)?;
        area.draw(&Circle::new(at(school.at), 4, WHITE.stroke_width(1))).map_err(err)?;
    }
    Ok(())
}

/// The areas alone as SVG, no title or legend: for a screen that shows those in its own,
/// larger type (presenter mode), so no drawn label shrinks with the drawing.
///
/// # Errors
/// The drawing failed.
pub fn svg_areas(map: &AreaMap, fill: &MapFill) -> std::result::Result<String, String> {
    TaggedSvg::render((MAP_WIDTH as u32, map.height().max(1.0).ceil() as u32), |root, tag| {
        root.fill(&WHITE).map_err(err)?;
        draw_areas(root, map, fill, tag)?;
        root.present().map_err(err)
    })
}

/// A coloured map drawn as labelled SVG (what `ses map` writes and the app exports).
///
/// # Errors
/// The drawing failed.
pub fn svg(map: &AreaMap, fill: &MapFill, subtitle: &str) -> std::result::Result<String, String> {
    TaggedSvg::render(drawn_size(map), |root, tag| draw_map(root, map, fill, subtitle, tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hatching_stays_inside_the_shape_and_out_of_its_hole() {
        let square = vec![[0.0, 0.0], [100.0, 0.0], [100.0, 100.0], [0.0, 100.0]];
        let hole = vec![[40.0, 40.0], [40.0, 60.0], [60.0, 60.0], [60.0, 40.0]];
        let segments = hatch_segments(&[square, hole], 10.0);
        assert!(!segments.is_empty());
        for (a, b) in &segments {
            for p in [a, b] {
                assert!((-0.01..=100.01).contains(&p[0]) && (-0.01..=100.01).contains(&p[1]));
            }
            let mid = [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0];
            assert!(!(40.5..59.5).contains(&mid[0]) || !(40.5..59.5).contains(&mid[1]), "a segment crosses the hole: {a:?} {b:?}");
        }
    }
}
