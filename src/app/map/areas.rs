//! Boundaries matched to the data's areas and projected once per load, and moving between
//! areas by keyboard.

use crate::app::i18n::{Lang, catalogue as m};
use crate::engine::dataset::Schools;
use crate::engine::geometry::{Boundaries, LeftOutFeature, Links, ProjectedMap};
use crate::engine::table::TextColumn;
use crate::engine::{EngineError, Result};

/// Width of the projected map in pixels; its height follows the area's proportions.
pub const MAP_WIDTH: f64 = 900.0;
/// Margin around the projected areas, in pixels.
const MAP_MARGIN: f64 = 12.0;

/// How boundaries matched the data: what a person is told after choosing them, and under the
/// map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapReport {
    pub file: String,
    /// Boundaries drawn.
    pub features: usize,
    /// Boundaries matched to an area of the data.
    pub matched: usize,
    /// The property that holds the data's area ids.
    pub property: String,
    /// Boundaries with no area of the data (their labels).
    pub without_data: Listed,
    /// Features read but not drawn, and why.
    pub left_out: Vec<LeftOutFeature>,
    /// Areas of the data with no boundary (their ids).
    pub without_boundary: Listed,
}

/// The first few of a list of names, and how many it has in all.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Listed {
    pub first: Vec<String>,
    pub total: usize,
}

impl Listed {
    /// The names a message shows before "and N more".
    pub const SHOWN: usize = 8;

    fn of(names: impl Iterator<Item = String>, total: usize) -> Listed {
        Listed { first: names.take(Listed::SHOWN).collect(), total }
    }
}

impl Lang {
    /// The list in words: "a, b, c and 4 more".
    pub fn listed_of(self, list: &Listed) -> String {
        let shown = list.first.join(", ");
        if list.total > list.first.len() {
            self.fill(m::AND_MORE, &[("shown", &shown), ("n", &(list.total - list.first.len()))])
        } else {
            shown
        }
    }

    /// The lines shown under the map: boundaries without data, features not drawn, areas
    /// without a boundary.
    pub fn map_lines(self, report: &MapReport) -> Vec<String> {
        let mut lines = Vec::new();
        if report.without_data.total > 0 {
            let list = self.listed_of(&report.without_data);
            lines.push(self.plural(report.without_data.total, m::MAP_NO_DATA_ONE, m::MAP_NO_DATA_OTHER, &[("list", &list)]));
        }
        for left in &report.left_out {
            let reason = self.left_out_reason(&left.reason);
            lines.push(self.fill(m::MAP_NOT_DRAWN, &[("file", &report.file), ("feature", &left.feature), ("reason", &reason)]));
        }
        if report.without_boundary.total > 0 {
            let list = self.listed_of(&report.without_boundary);
            lines.push(self.plural(report.without_boundary.total, m::MAP_MISSING_ONE, m::MAP_MISSING_OTHER, &[("list", &list)]));
        }
        lines
    }

    /// One paragraph on the match, for the notice after loading boundaries.
    pub fn map_summary(self, report: &MapReport) -> String {
        let mut text = self.fill(
            m::MAP_SUMMARY,
            &[("n", &report.features), ("file", &report.file), ("matched", &report.matched), ("property", &report.property)],
        );
        for line in self.map_lines(report) {
            text.push(' ');
            text.push_str(&line);
            text.push('.');
        }
        text
    }
}

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

    /// What the person should know about the match, kept as counts and names so that it is
    /// worded in the language of the moment ([`Lang::map_lines`], [`Lang::map_summary`]).
    pub fn match_report(&self, ids: &TextColumn) -> MapReport {
        let without = &self.links.features_without_data;
        let missing = &self.links.areas_without_boundary;
        MapReport {
            file: self.boundaries.file.clone(),
            features: self.boundaries.features.len(),
            matched: self.links.area_of.iter().filter(|a| a.is_some()).count(),
            property: self.links.property.clone(),
            without_data: Listed::of(without.iter().map(|&f| self.labels[f].clone()), without.len()),
            left_out: self.boundaries.left_out.clone(),
            without_boundary: Listed::of(missing.iter().map(|&a| ids.get(a).to_owned()), missing.len()),
        }
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
