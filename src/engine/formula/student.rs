//! The student part of a formula (version 2): how a student's own family answers join the
//! score of the area they live in, and how students' scores become tiers. Without it every
//! student inherits the tier of their area, as in version 1.
//!
//! Charlotte-Mecklenburg is reported to combine "neighborhood Census data and self-reported
//! family data" this way; the rules here are the engine's own, stated exactly:
//!
//! - each family item is normalised over the students who answered it, each counting once:
//!   100 × (students with a value at or below this one) ÷ (students answering), ties inclusive
//!   (at or above, for a disadvantage);
//! - a student's family score is the weighted mean of their normalised answers over the items
//!   they answered;
//! - student score = `area_share` × area score + (1 − `area_share`) × family score; a student
//!   with no answer gets the area score alone, or is left out ([`MissingFamily`]);
//! - student tiers come from the students' own scores ([`StudentTierMethod`]).

use serde::{Deserialize, Serialize};

use super::Direction;
use crate::error::FormulaRule;
use crate::number::Cell;

/// How a student's family answers join their area's score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StudentPart {
    /// The area score's share of a student's score, 0 to 1 (1: the area alone).
    pub area_share: f64,
    /// The family items, columns of the student-level file.
    #[serde(default)]
    pub family: Vec<FamilyItem>,
    /// What happens to a student who answered no family item.
    #[serde(default)]
    pub missing_family: MissingFamily,
    /// How students' scores become tiers.
    pub tiers: StudentTiers,
}

/// One family item: a column of the student-level file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FamilyItem {
    pub column: String,
    /// Whether more of it means more or less advantaged.
    pub direction: Direction,
    /// Zero or more; only ratios between family items' weights matter.
    pub weight: f64,
    #[serde(default = "super::yes", skip_serializing_if = "super::is_true")]
    pub enabled: bool,
    /// For an item of ordered categories: the answers, lowest first. A value outside the list
    /// is an error; without a list the column holds numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub levels: Option<Vec<String>>,
    /// The question as the district words it (what a parent is asked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
}

impl FamilyItem {
    /// The number an answer counts as: its value, or its place in the levels (1 = lowest).
    /// `None` for an answer outside the levels or not a number.
    pub fn answer_value(&self, answer: &str) -> Option<f64> {
        let answer = answer.trim();
        match &self.levels {
            Some(levels) => levels.iter().position(|l| l.trim() == answer).map(|i| i as f64 + 1.0),
            None => match crate::number::parse_cell(answer)? {
                Cell::Number(v) | Cell::TopCoded(v) | Cell::BottomCoded(v) => Some(v),
                Cell::Missing => None,
            },
        }
    }
}

/// What happens to a student who answered no family item (or none that carries weight).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingFamily {
    /// The student's score is their area's score.
    #[default]
    AreaOnly,
    /// The student is left out and listed.
    LeaveOut,
}

/// How students' scores become tiers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StudentTiers {
    /// The number of tiers: the formula's (area) tier count.
    pub count: u8,
    pub method: StudentTierMethod,
}

/// The ways students' scores become tiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StudentTierMethod {
    /// Tiers of equal numbers of students: with n scored students and k tiers, the cut scores
    /// are the scores at positions ⌈j·n/k⌉ (1-based, in increasing order, j = 1…k−1); a
    /// student's tier is 1 + the number of cut scores strictly below their score (a student
    /// at a cut shares the lower tier).
    EqualStudents,
    /// The areas' tiers' lowest scores applied to the student score: a student is in the
    /// highest tier whose lowest area score is at or below theirs (with `area_share` 1, each
    /// student's tier is their area's).
    AreaCutoffs,
}

impl StudentPart {
    /// The student part a person starts from: half area, half family, each family item
    /// weighing one, tiers of equal numbers of students.
    pub fn half_and_half(family: Vec<FamilyItem>, tier_count: u8) -> StudentPart {
        StudentPart {
            area_share: 0.5,
            family,
            missing_family: MissingFamily::AreaOnly,
            tiers: StudentTiers { count: tier_count, method: StudentTierMethod::EqualStudents },
        }
    }

    /// The columns the student part reads from the student-level file.
    pub fn columns(&self) -> impl Iterator<Item = &str> {
        self.family.iter().filter(|f| f.enabled).map(|f| f.column.as_str())
    }
}

impl StudentPart {
    /// The student part's rules, for a formula of `area_tiers` tiers.
    pub(super) fn check(&self, area_tiers: u8) -> Option<FormulaRule> {
        if !(0.0..=1.0).contains(&self.area_share) {
            return Some(FormulaRule::AreaShare { area_share: self.area_share });
        }
        for (i, item) in self.family.iter().enumerate() {
            if item.column.trim().is_empty() {
                return Some(FormulaRule::EmptyFamilyColumn { number: i + 1 });
            }
            if self.family[..i].iter().any(|o| o.column == item.column) {
                return Some(FormulaRule::FamilyItemTwice { column: item.column.clone() });
            }
            if !item.weight.is_finite() || item.weight < 0.0 {
                return Some(FormulaRule::NegativeWeight { column: item.column.clone(), weight: item.weight });
            }
            if let Some(levels) = &item.levels {
                let repeated =
                    levels.iter().enumerate().any(|(j, l)| l.trim().is_empty() || levels[..j].iter().any(|o| o.trim() == l.trim()));
                if levels.len() < 2 || repeated {
                    return Some(FormulaRule::FamilyLevels { column: item.column.clone() });
                }
            }
        }
        if self.tiers.count != area_tiers {
            return Some(FormulaRule::StudentTierCount { count: self.tiers.count, area_tiers });
        }
        None
    }
}
