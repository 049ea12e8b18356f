//! The map of the areas: boundaries matched to the data and projected once per load
//! ([`AreaMap`]), the colouring of each area for the current result ([`MapFill`], cheap, redone
//! on every weight change), and the drawing of a finished map with its title and legend
//! ([`draw_map`]), generic over the plotters backend: the app's PNG export draws it on a canvas,
//! and the app's SVG export and `ses map` draw it with [`crate::app::map_svg::TaggedSvg`].
//!
//! Colour is never the only cue: every class has a name and a count in the legend, areas
//! without data are hatched, and areas that changed tier carry stripes.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::app::format::thousands;
use crate::app::i18n::{Lang, catalogue as m};
use crate::app::map_svg::{FeatureTag, TaggedSvg};
use crate::app::palette::{hex, tier_colour};
use crate::engine::compare::Comparison;
use crate::engine::dataset::Schools;
use crate::engine::geometry::{Boundaries, Links, ProjectedMap};
use crate::engine::model::Evaluation;
use crate::engine::table::{Table, TextColumn};
use crate::engine::{EngineError, Result};

/// Width of the projected map in pixels; its height follows the area's proportions.
pub const MAP_WIDTH: f64 = 900.0;
const MAP_MARGIN: f64 = 12.0;
/// Room above the map for the title and to its right for the legend, in drawn exports.
const TITLE_HEIGHT: i32 = 48;
const LEGEND_WIDTH: i32 = 300;

/// Boundaries matched to the data's areas and projected: what changes only with the files.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaMap {
    pub boundaries: Boundaries,
    pub links: Links,
    pub projected: ProjectedMap,
    /// SVG path data of each feature (computed once, so a weight change only refills).
    pub paths: Vec<String>,
    /// Features' ids (the id property's value, or "feature N").
    pub labels: Vec<String>,
    /// Schools with a location, placed on the map.
    pub schools: Vec<SchoolPoint>,
}

/// A school drawn as a point.
#[derive(Debug, Clone, PartialEq)]
pub struct SchoolPoint {
    /// The school's index in the schools file.
    pub school: usize,
    pub name: String,
    pub at: [f32; 2],
}

impl AreaMap {
    /// Matches `boundaries` to the areas `ids` by `id_property` (guessed when `None`) and
    /// projects them.
    ///
    /// # Errors
    /// The property is not in the file, or (when guessing) no property's values match any id.
    pub fn new(boundaries: Boundaries, id_property: Option<&str>, ids: &TextColumn, schools: Option<&Schools>) -> Result<AreaMap> {
        let property = match id_property {
            Some(p) if boundaries.property_names.iter().any(|n| n == p) => p.to_string(),
            Some(p) => {
                return Err(EngineError::NoSuchProperty {
                    file: boundaries.file.clone(),
                    property: p.to_string(),
                    properties: boundaries.property_names.clone(),
                });
            }
            None => boundaries.guess_id_property(ids.iter()).ok_or_else(|| EngineError::NoIdProperty {
                file: boundaries.file.clone(),
                properties: boundaries.property_names.clone(),
                example: if ids.is_empty() { String::new() } else { ids.get(0).to_owned() },
            })?,
        };
        let links = boundaries.link(&property, ids.iter());
        let projected = boundaries.project(MAP_WIDTH, map_height(&boundaries), MAP_MARGIN);
        let paths = projected.features.iter().map(|f| f.svg_path()).collect();
        let labels = boundaries
            .features
            .iter()
            .map(|f| f.property(&property).map_or_else(|| format!("feature {}", f.feature), str::to_string))
            .collect();
        let schools = schools
            .and_then(|s| Some((s, s.locations.as_ref()?)))
            .map(|(s, at)| {
                at.iter()
                    .enumerate()
                    .filter_map(|(i, p)| {
                        Some(SchoolPoint { school: i, name: s.names[i].clone(), at: projected.projection.point(p.as_ref()?) })
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(AreaMap { boundaries, links, projected, paths, labels, schools })
    }

    pub fn height(&self) -> f64 {
        self.projected.height
    }

    /// What the person should know about the match, in words (shown under the map and by the
    /// CLI on stderr).
    pub fn report(&self, lang: Lang) -> Vec<String> {
        let mut lines = Vec::new();
        let without = &self.links.features_without_data;
        if !without.is_empty() {
            let list = lang.listed(&without.iter().map(|&f| self.labels[f].clone()).collect::<Vec<_>>(), 8);
            lines.push(lang.plural(without.len(), m::MAP_NO_DATA_ONE, m::MAP_NO_DATA_OTHER, &[("list", &list)]));
        }
        for left in &self.boundaries.left_out {
            lines.push(
                lang.fill(m::MAP_NOT_DRAWN, &[("file", &self.boundaries.file), ("feature", &left.feature), ("reason", &left.reason)]),
            );
        }
        lines
    }

    /// One paragraph on the match, for the notice after loading boundaries.
    pub fn summary(&self, ids: &TextColumn, lang: Lang) -> String {
        let matched = self.links.area_of.iter().filter(|a| a.is_some()).count();
        let mut text = lang.fill(
            m::MAP_SUMMARY,
            &[
                ("n", &self.boundaries.features.len()),
                ("file", &self.boundaries.file),
                ("matched", &matched),
                ("property", &self.links.property),
            ],
        );
        for line in self.report(lang).into_iter().chain(self.missing_boundaries(ids, lang)) {
            text.push(' ');
            text.push_str(&line);
            text.push('.');
        }
        text
    }

    /// The feature nearest to `from` in a direction (arrow keys): among features whose centre
    /// lies ahead, the one with the least squared distance over the distance ahead.
    pub fn neighbour(&self, from: usize, direction: Direction) -> Option<usize> {
        let features = &self.projected.features;
        let origin = features.get(from)?.centre;
        let (ux, uy) = match direction {
            Direction::Left => (-1.0, 0.0),
            Direction::Right => (1.0, 0.0),
            Direction::Up => (0.0, -1.0),
            Direction::Down => (0.0, 1.0),
        };
        features
            .iter()
            .enumerate()
            .filter(|(f, _)| *f != from)
            .filter_map(|(f, feature)| {
                let (dx, dy) = (feature.centre[0] - origin[0], feature.centre[1] - origin[1]);
                let along = dx * ux + dy * uy;
                // Anywhere ahead, preferring areas close and in line: distance squared over the
                // distance ahead (a point straight ahead counts its distance, one off to the side more).
                (along > 0.0).then_some(((dx * dx + dy * dy) / along, f))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, f)| f)
    }

    /// Which features a keyboard user reaches from `from` with the arrow keys alone.
    pub fn reachable_by_arrows(&self, from: usize) -> Vec<bool> {
        let mut seen = vec![false; self.projected.features.len()];
        let mut queue = vec![from];
        seen[from] = true;
        while let Some(f) = queue.pop() {
            for d in [Direction::Left, Direction::Right, Direction::Up, Direction::Down] {
                if let Some(n) = self.neighbour(f, d).filter(|n| !seen[*n]) {
                    seen[n] = true;
                    queue.push(n);
                }
            }
        }
        seen
    }

    /// Data rows without a boundary, in words (needs the ids to name them).
    pub fn missing_boundaries(&self, ids: &TextColumn, lang: Lang) -> Option<String> {
        let missing = &self.links.areas_without_boundary;
        if missing.is_empty() {
            return None;
        }
        let list = lang.listed(&missing.iter().map(|&a| ids.get(a).to_owned()).collect::<Vec<_>>(), 8);
        Some(lang.plural(missing.len(), m::MAP_MISSING_ONE, m::MAP_MISSING_OTHER, &[("list", &list)]))
    }
}

/// The projected height for a map `MAP_WIDTH` wide, from the boundaries' proportions, kept
/// between half and one and a quarter of the width.
fn map_height(boundaries: &Boundaries) -> f64 {
    let probe = boundaries.project(1000.0, 1000.0, 0.0);
    let (mut x0, mut y0, mut x1, mut y1) = (f32::INFINITY, f32::INFINITY, f32::NEG_INFINITY, f32::NEG_INFINITY);
    for f in &probe.features {
        x0 = x0.min(f.bounds[0]);
        y0 = y0.min(f.bounds[1]);
        x1 = x1.max(f.bounds[2]);
        y1 = y1.max(f.bounds[3]);
    }
    let aspect = f64::from((y1 - y0) / (x1 - x0).max(1e-6));
    ((MAP_WIDTH - 2.0 * MAP_MARGIN) * aspect + 2.0 * MAP_MARGIN).clamp(MAP_WIDTH * 0.5, MAP_WIDTH * 1.25).round()
}

/// A direction on the map, for moving between areas by keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

/// What the areas are coloured by.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MapColour {
    Tier,
    Score,
    /// Tier now minus tier under the baseline.
    Change,
    /// A column of the areas file, by its raw values.
    Column(String),
}

impl MapColour {
    /// Reads `tier`, `score`, `change` or a column name (as `ses map --color` takes it).
    pub fn parse(text: &str) -> MapColour {
        match text {
            "tier" => MapColour::Tier,
            "score" => MapColour::Score,
            "change" => MapColour::Change,
            column => MapColour::Column(column.to_string()),
        }
    }

    pub fn id(&self) -> String {
        match self {
            MapColour::Tier => "tier".into(),
            MapColour::Score => "score".into(),
            MapColour::Change => "change".into(),
            MapColour::Column(c) => c.clone(),
        }
    }
}

/// How a class is marked besides its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marking {
    Plain,
    /// Diagonal stripes: the area changed tier.
    Striped,
}

/// One class of the legend.
#[derive(Debug, Clone, PartialEq)]
pub struct MapClass {
    pub label: String,
    pub colour: RGBColor,
    pub marking: Marking,
    /// Features in this class.
    pub count: usize,
}

impl MapClass {
    pub fn colour_hex(&self) -> String {
        hex(self.colour)
    }
}

/// The colour of every feature for one result: redone on each weight change.
#[derive(Debug, Clone, PartialEq)]
pub struct MapFill {
    pub title: String,
    pub classes: Vec<MapClass>,
    /// Per feature: its class, or `None` for no data (hatched).
    pub class_of: Vec<Option<u8>>,
    /// Per feature: its tier now, for `data-tier` and for what focus announces.
    pub tier_of: Vec<Option<u8>>,
    /// Features without data.
    pub no_data: usize,
    /// Per feature: striped because its tier differs from the baseline's (tier and change maps).
    pub striped: Vec<bool>,
    /// Coloured by tier (so the legend explains the stripes).
    pub shows_tiers: bool,
    /// The language of the labels.
    pub lang: Lang,
}

/// Colour of "no data" areas (under their hatching).
pub const NO_DATA_COLOUR: RGBColor = RGBColor(238, 238, 238);
const HATCH_COLOUR: RGBColor = RGBColor(120, 120, 120);

/// Viridis in five steps: ordered light to dark, readable by colour-blind eyes and in grey.
const SEQUENTIAL: [RGBColor; 5] =
    [RGBColor(253, 231, 37), RGBColor(94, 201, 98), RGBColor(33, 145, 140), RGBColor(59, 82, 139), RGBColor(68, 1, 84)];

/// Tier change classes: down two or more, down one, none, up one, up two or more.
const CHANGE_COLOURS: [RGBColor; 5] =
    [RGBColor(179, 88, 6), RGBColor(241, 163, 64), RGBColor(247, 247, 247), RGBColor(153, 142, 195), RGBColor(84, 39, 136)];

/// What a fill needs to know about the result.
pub struct FillInput<'a> {
    pub evaluation: &'a Evaluation,
    pub comparison: &'a Comparison,
    /// The areas table, for colouring by a column.
    pub table: &'a Table,
    /// The language of the legend.
    pub lang: Lang,
}

/// Five equal-width classes between the lowest and highest value, labelled with their ranges.
fn equal_classes(values: &[Option<f64>], format: impl Fn(f64) -> String, lang: Lang) -> (Vec<MapClass>, Vec<Option<u8>>) {
    let present = values.iter().flatten();
    let (low, high) = present.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| (l.min(*v), h.max(*v)));
    let span = if high > low { high - low } else { 1.0 };
    let class_of: Vec<Option<u8>> = values.iter().map(|v| v.map(|v| (((v - low) / span * 5.0).floor() as i64).clamp(0, 4) as u8)).collect();
    let classes = (0..5)
        .map(|k| {
            let (a, b) = (low + span * f64::from(k) / 5.0, low + span * f64::from(k + 1) / 5.0);
            MapClass {
                label: lang.fill(m::MAP_RANGE, &[("from", &format(a)), ("to", &format(b))]),
                colour: SEQUENTIAL[k as usize],
                marking: Marking::Plain,
                count: class_of.iter().filter(|c| **c == Some(k as u8)).count(),
            }
        })
        .collect();
    (classes, class_of)
}

/// Colours every feature by `colour` for one result.
///
/// # Errors
/// Colouring by a column the areas file does not have, or that is not numeric.
pub fn fill(map: &AreaMap, colour: &MapColour, input: &FillInput) -> Result<MapFill> {
    let area_of = &map.links.area_of;
    let areas = &input.evaluation.areas;
    let tier_of: Vec<Option<u8>> = area_of.iter().map(|a| a.and_then(|a| areas.get(a)?.tier)).collect();
    let tier_count = input.evaluation.tier_count;
    let lang = input.lang;
    let (title, classes, class_of) = match colour {
        MapColour::Tier => {
            let class_of: Vec<Option<u8>> = tier_of.iter().map(|t| t.map(|t| t - 1)).collect();
            let classes = (1..=tier_count)
                .map(|t| MapClass {
                    label: lang.tier_name(t, tier_count),
                    colour: tier_colour(t),
                    marking: Marking::Plain,
                    count: tier_of.iter().filter(|x| **x == Some(t)).count(),
                })
                .collect();
            (lang.t(m::MAP_TIER_TITLE).to_string(), classes, class_of)
        }
        MapColour::Score => {
            let values: Vec<Option<f64>> = area_of.iter().map(|a| a.and_then(|a| areas.get(a)?.score)).collect();
            let (classes, class_of) = equal_classes(&values, |v| format!("{v:.1}"), lang);
            (lang.t(m::MAP_SCORE_TITLE).to_string(), classes, class_of)
        }
        MapColour::Change => {
            let changes: Vec<Option<i32>> = area_of.iter().map(|a| a.and_then(|a| *input.comparison.area_tier_change.get(a)?)).collect();
            let labels = [m::MAP_DOWN_2, m::MAP_DOWN_1, m::MAP_SAME, m::MAP_UP_1, m::MAP_UP_2];
            let class_of: Vec<Option<u8>> = changes.iter().map(|c| c.map(|c| (c.clamp(-2, 2) + 2) as u8)).collect();
            let classes = labels
                .iter()
                .enumerate()
                .map(|(k, label)| MapClass {
                    label: lang.t(*label).to_string(),
                    colour: CHANGE_COLOURS[k],
                    marking: if k == 2 { Marking::Plain } else { Marking::Striped },
                    count: class_of.iter().filter(|c| **c == Some(k as u8)).count(),
                })
                .collect();
            (lang.t(m::MAP_CHANGE_TITLE).to_string(), classes, class_of)
        }
        MapColour::Column(column) => {
            let values = input.table.numeric_column(column, "the column the map is coloured by")?;
            let on_map: Vec<Option<f64>> = area_of.iter().map(|a| a.and_then(|a| *values.get(a)?)).collect();
            let (classes, class_of) = equal_classes(&on_map, |v| if v.abs() >= 1000.0 { thousands(v) } else { format!("{v:.1}") }, lang);
            (lang.fill(m::MAP_COLUMN_TITLE, &[("column", column)]), classes, class_of)
        }
    };
    let no_data = class_of.iter().filter(|c| c.is_none()).count();
    let striped = match colour {
        MapColour::Tier | MapColour::Change => {
            area_of.iter().map(|a| a.and_then(|a| *input.comparison.area_tier_change.get(a)?).is_some_and(|c| c != 0)).collect()
        }
        _ => vec![false; area_of.len()],
    };
    Ok(MapFill { title, classes, class_of, tier_of, no_data, striped, shows_tiers: *colour == MapColour::Tier, lang })
}

impl MapFill {
    /// Whether a feature of the same class is painted the same in both fills: the same
    /// colours and markings class by class. Counts and labels may differ (they change with
    /// almost every weight), so a repaint can skip the features whose class stayed.
    pub fn same_palette(&self, other: &MapFill) -> bool {
        self.classes.len() == other.classes.len()
            && self.classes.iter().zip(&other.classes).all(|(a, b)| (a.colour, a.marking) == (b.colour, b.marking))
    }

    /// Fill colour and marking of feature `f`; `None` for no data.
    pub fn class(&self, f: usize) -> Option<&MapClass> {
        self.class_of.get(f).copied().flatten().and_then(|c| self.classes.get(usize::from(c)))
    }

    /// Features striped for a change of tier.
    pub fn changed_count(&self) -> usize {
        self.striped.iter().filter(|s| **s).count()
    }

    /// The legend in words, with counts (for the screen-reader text and the CLI).
    pub fn legend_text(&self) -> String {
        let mut parts: Vec<String> = self.classes.iter().map(|c| format!("{}: {}", c.label, c.count)).collect();
        if self.no_data > 0 {
            parts.push(self.lang.fill(m::MAP_LEGEND_NO_DATA, &[("n", &self.no_data)]));
        }
        let changed = self.changed_count();
        if changed > 0 && self.shows_tiers {
            parts.push(self.lang.fill(m::MAP_LEGEND_CHANGED, &[("n", &changed)]));
        }
        format!("{}. {}.", self.title, parts.join("; "))
    }
}

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
