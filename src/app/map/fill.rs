//! The colouring of each area for the current result and its legend: cheap, redone on every
//! weight change. Colour is never the only cue: every class has a name and a count, areas
//! without data are hatched, areas that changed tier carry stripes.

use plotters::prelude::*;

use crate::app::format::thousands;
use crate::app::i18n::{Lang, catalogue as m};
use crate::app::palette::{hex, tier_colour};
use crate::engine::Result;
use crate::engine::compare::Comparison;
use crate::engine::error::Purpose;
use crate::engine::model::Evaluation;
use crate::engine::table::Table;

use super::areas::AreaMap;

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
    /// Per feature: an area with a value missing that still has its colour (scored on what
    /// it has, or given a fixed tier): dotted over its colour, unlike the hatching of no data.
    pub with_gaps: Vec<bool>,
    /// The language of the labels.
    pub lang: Lang,
}

/// Colour of "no data" areas (under their hatching).
pub const NO_DATA_COLOUR: RGBColor = RGBColor(238, 238, 238);
pub(super) const HATCH_COLOUR: RGBColor = RGBColor(120, 120, 120);

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
            let changes: Vec<Option<i32>> = area_of.iter().map(|a| a.and_then(|a| input.comparison.area_tier_change(a))).collect();
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
            let values = input.table.numeric_column(column, Purpose::MapColumn)?;
            let on_map: Vec<Option<f64>> = area_of.iter().map(|a| a.and_then(|a| *values.get(a)?)).collect();
            let (classes, class_of) = equal_classes(&on_map, |v| if v.abs() >= 1000.0 { thousands(v) } else { format!("{v:.1}") }, lang);
            (lang.fill(m::MAP_COLUMN_TITLE, &[("column", column)]), classes, class_of)
        }
    };
    let no_data = class_of.iter().filter(|c| c.is_none()).count();
    let striped = match colour {
        MapColour::Tier | MapColour::Change => {
            area_of.iter().map(|a| a.and_then(|a| input.comparison.area_tier_change(a)).is_some_and(|c| c != 0)).collect()
        }
        _ => vec![false; area_of.len()],
    };
    let gaps: std::collections::HashSet<usize> = input.evaluation.gaps.iter().map(|g| g.area as usize).collect();
    let with_gaps: Vec<bool> = area_of.iter().zip(&class_of).map(|(a, c)| c.is_some() && a.is_some_and(|a| gaps.contains(&a))).collect();
    Ok(MapFill { title, classes, class_of, tier_of, no_data, striped, shows_tiers: *colour == MapColour::Tier, with_gaps, lang })
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

    /// Features dotted for a value missing.
    pub fn gaps_count(&self) -> usize {
        self.with_gaps.iter().filter(|g| **g).count()
    }

    /// The legend in words, with counts (for the screen-reader text and the CLI).
    pub fn legend_text(&self) -> String {
        let mut parts: Vec<String> = self.classes.iter().map(|c| format!("{}: {}", c.label, c.count)).collect();
        if self.no_data > 0 {
            parts.push(self.lang.fill(m::MAP_LEGEND_NO_DATA, &[("n", &self.no_data)]));
        }
        let gaps = self.gaps_count();
        if gaps > 0 {
            parts.push(self.lang.fill(m::MAP_LEGEND_GAPS, &[("n", &gaps)]));
        }
        let changed = self.changed_count();
        if changed > 0 && self.shows_tiers {
            parts.push(self.lang.fill(m::MAP_LEGEND_CHANGED, &[("n", &changed)]));
        }
        format!("{}. {}.", self.title, parts.join("; "))
    }
}
