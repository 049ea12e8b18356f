//! The student part of an evaluation ([`crate::formula::StudentPart`]): each student's
//! family answers normalised once per preparation, and per step their scores, tiers and the
//! schools' profiles by student tier.
//!
//! The schools are profiled through the same [`SchoolLinks`] as by area, one link per
//! student, the links of a school in area order and those of an area adjacent, so that a run
//! of students with the same score is added as one (count × score): with `area_share` 1 and
//! the areas' cuts, the profiles are those of the areas, to the last bit.

use std::sync::Arc;

use crate::dataset::{Enrollment, EnrollmentEntry, Schools, StudentRows};
use crate::error::{EngineError, Purpose, Result};
use crate::formula::{Direction, FamilyItem, MissingFamily, StudentPart, StudentTierMethod};
use crate::schools::{NOT_SCORED, SchoolLinks};
use crate::sort::{SortScratch, sort_indices_by_key};
use crate::table::Table;

/// The parts of a student part that decide what [`PreparedStudents`] holds.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct StudentKey {
    family: Vec<(String, Direction, bool, Option<Vec<String>>)>,
    missing: MissingFamily,
}

impl StudentKey {
    pub(super) fn of(part: Option<&StudentPart>) -> Option<StudentKey> {
        part.map(|p| StudentKey {
            family: p.family.iter().map(|f| (f.column.clone(), f.direction, f.enabled, f.levels.clone())).collect(),
            missing: p.missing_family,
        })
    }
}

/// Why a student is left out of the student tiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StudentLeftOutReason {
    /// Their area is not scored.
    AreaNotScored,
    /// They answered no family item, and the formula leaves such students out.
    NoFamilyAnswer,
}

/// A student left out of the student tiers (counted among a school's students not scored).
#[derive(Debug, Clone, PartialEq)]
pub struct StudentLeftOut {
    pub file: String,
    /// Spreadsheet row number.
    pub row: usize,
    pub id: String,
    pub reason: StudentLeftOutReason,
}

/// One family item's answers, as a preparation keeps them.
#[derive(Debug, Clone)]
pub struct FamilyAnswers {
    /// Per student: the normalised answer (0–100, higher = more advantaged), NaN unanswered.
    pub normalized: Vec<f64>,
    /// The answers given, as numbers (levels by place, 1 = lowest), in increasing order: a
    /// hypothetical answer is normalised against them ([`FamilyAnswers::percentile_of`]).
    sorted: Vec<f64>,
    direction: Direction,
}

impl PartialEq for FamilyAnswers {
    /// The same answers; NaN (unanswered) equals NaN.
    fn eq(&self, other: &FamilyAnswers) -> bool {
        self.direction == other.direction
            && self.sorted == other.sorted
            && self.normalized.len() == other.normalized.len()
            && self.normalized.iter().zip(&other.normalized).all(|(a, b)| a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()))
    }
}

impl FamilyAnswers {
    fn new(values: &[f64], direction: Direction) -> FamilyAnswers {
        let given: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
        let mut scratch = SortScratch::default();
        sort_indices_by_key(&given, &mut Vec::new(), &mut scratch);
        let sorted = scratch.sorted().to_vec();
        let answers = FamilyAnswers { normalized: Vec::new(), sorted, direction };
        let normalized = values.iter().map(|&v| if v.is_nan() { f64::NAN } else { answers.percentile_of(v) }).collect();
        FamilyAnswers { normalized, ..answers }
    }

    /// 100 × (answers at or below `value`) ÷ (answers), at or above for a disadvantage; NaN
    /// when no one answered.
    pub fn percentile_of(&self, value: f64) -> f64 {
        let n = self.sorted.len();
        if n == 0 {
            return f64::NAN;
        }
        let counted = match self.direction {
            Direction::Advantage => self.sorted.partition_point(|&v| v <= value),
            Direction::Disadvantage => n - self.sorted.partition_point(|&v| v < value),
        };
        100.0 * counted as f64 / n as f64
    }

    /// How many students answered.
    pub fn answered(&self) -> usize {
        self.sorted.len()
    }
}

/// What a preparation keeps of the students for a formula's student part.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedStudents {
    pub(super) key: StudentKey,
    pub(super) rows: Arc<StudentRows>,
    /// Per family item (switched-off ones empty).
    pub(super) family: Vec<FamilyAnswers>,
    /// Per student: the scored position of their area, or [`NOT_SCORED`] (also for a student
    /// left out for want of answers).
    pub(super) area_position: Vec<u32>,
    /// The schools' links, one per student (a student's "position" is their row).
    pub(super) links: SchoolLinks,
    pub(super) left_out: Vec<StudentLeftOut>,
}

impl PreparedStudents {
    /// Reads and normalises the family items and links each student to their area's scored
    /// position and their school.
    ///
    /// # Errors
    /// A family column the file does not have, a number column with text, an answer that is
    /// not one of an item's levels.
    pub(super) fn new(part: &StudentPart, rows: &Arc<StudentRows>, schools: &Schools, area_position: &[u32]) -> Result<PreparedStudents> {
        let table = &rows.table;
        let family = part
            .family
            .iter()
            .map(|item| {
                if item.enabled {
                    read_item(table, item).map(|values| FamilyAnswers::new(&values, item.direction))
                } else {
                    Ok(FamilyAnswers::new(&[], item.direction))
                }
            })
            .collect::<Result<Vec<_>>>()?;
        let answered =
            |s: usize| part.family.iter().zip(&family).any(|(item, a)| item.enabled && a.normalized.get(s).is_some_and(|v| !v.is_nan()));
        let ids = table.cells(&rows.id_column, Purpose::StudentId)?;
        let mut left_out = Vec::new();
        let positions: Vec<u32> = (0..rows.len())
            .map(|s| {
                let p = area_position[rows.area[s] as usize];
                let reason = if p == NOT_SCORED {
                    Some(StudentLeftOutReason::AreaNotScored)
                } else if part.missing_family == MissingFamily::LeaveOut && !answered(s) {
                    Some(StudentLeftOutReason::NoFamilyAnswer)
                } else {
                    None
                };
                match reason {
                    Some(reason) => {
                        left_out.push(StudentLeftOut {
                            file: table.file().into(),
                            row: table.row_number(s),
                            id: ids.get(s).trim().to_owned(),
                            reason,
                        });
                        NOT_SCORED
                    }
                    None => p,
                }
            })
            .collect();
        Ok(PreparedStudents {
            key: StudentKey::of(Some(part)).unwrap_or_else(|| unreachable!()),
            links: student_links(rows, schools),
            rows: Arc::clone(rows),
            family,
            area_position: positions,
            left_out,
        })
    }

    /// The family items' answers (switched-off items have none).
    pub fn family(&self) -> &[FamilyAnswers] {
        &self.family
    }

    /// Students left out of the tiers, in file order.
    pub fn left_out(&self) -> &[StudentLeftOut] {
        &self.left_out
    }

    /// The students as read.
    pub fn rows(&self) -> &StudentRows {
        &self.rows
    }
}

/// One link per student, a school's students in the order of their areas, then rows. Every
/// student has a position (their row); one left out has tier 0 in every step.
fn student_links(rows: &StudentRows, schools: &Schools) -> SchoolLinks {
    // Two stable counting sorts, by area and then by school: ordered by school, area, row.
    let by_area = counting_order(&(0..rows.len() as u32).collect::<Vec<_>>(), |s| rows.area[s as usize]);
    let order = counting_order(&by_area, |s| rows.school[s as usize]);
    let entries = order.iter().map(|&s| EnrollmentEntry { area: s, school: rows.school[s as usize], students: 1.0 }).collect();
    let by_student = Enrollment { entries, student_level: true, students: None };
    let keys = order.iter().map(|&s| rows.area[s as usize]).collect();
    let position: Vec<u32> = (0..rows.len() as u32).collect();
    SchoolLinks::new(schools, &by_student, &position).adding_runs(keys)
}

/// `items` in the order of `key` (a position in a file), equal keys as they came.
fn counting_order(items: &[u32], key: impl Fn(u32) -> u32) -> Vec<u32> {
    let size = items.iter().map(|&i| key(i) as usize + 1).max().unwrap_or(0);
    let mut start = vec![0usize; size + 1];
    for &i in items {
        start[key(i) as usize + 1] += 1;
    }
    for k in 0..size {
        start[k + 1] += start[k];
    }
    let mut out = vec![0u32; items.len()];
    for &i in items {
        let slot = &mut start[key(i) as usize];
        out[*slot] = i;
        *slot += 1;
    }
    out
}

/// One family item's answers as numbers (NaN unanswered): numbers as every numeric column is
/// read, or the place of an answer in the item's levels.
fn read_item(table: &Table, item: &FamilyItem) -> Result<Vec<f64>> {
    let Some(levels) = &item.levels else {
        return Ok(table.numbers(&item.column, Purpose::FamilyItemOfFormula)?.values);
    };
    let cells = table.cells(&item.column, Purpose::FamilyItemOfFormula)?;
    (0..cells.len())
        .map(|i| {
            let answer = cells.get(i).trim();
            if answer.is_empty() || crate::number::parse_cell(answer) == Some(crate::number::Cell::Missing) {
                return Ok(f64::NAN);
            }
            item.answer_value(answer).ok_or_else(|| EngineError::NotALevel {
                file: table.file().into(),
                row: table.row_number(i),
                column: item.column.clone(),
                value: answer.to_owned(),
                levels: levels.clone(),
            })
        })
        .collect()
}

/// Each student's result, in the students file's order.
#[derive(Debug, Clone, Default)]
pub struct StudentOutcomes {
    /// The area part: their area's score (NaN when not scored).
    pub area_scores: Vec<f64>,
    /// The family part (NaN when they answered nothing that carries weight).
    pub family_scores: Vec<f64>,
    /// NaN for a student left out.
    pub scores: Vec<f64>,
    /// 0 for a student left out.
    pub tiers: Vec<u8>,
    /// The cut scores between tiers (k − 1 of them, increasing; `None` where a tier is empty):
    /// a score above cut j (at or above, for the areas' cuts) is in tier j + 2 or higher.
    pub cuts: Vec<Option<f64>>,
    /// How the cuts compare: `true` when a score equal to a cut is in the higher tier.
    pub cut_inclusive: bool,
}

impl PartialEq for StudentOutcomes {
    /// Equal results; NaN (no score) equals NaN.
    fn eq(&self, other: &StudentOutcomes) -> bool {
        let same = |a: &[f64], b: &[f64]| {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()))
        };
        let cuts = |c: &[Option<f64>]| c.iter().map(|c| c.unwrap_or(f64::NAN)).collect::<Vec<f64>>();
        self.tiers == other.tiers
            && self.cut_inclusive == other.cut_inclusive
            && same(&self.area_scores, &other.area_scores)
            && same(&self.family_scores, &other.family_scores)
            && same(&self.scores, &other.scores)
            && same(&cuts(&self.cuts), &cuts(&other.cuts))
    }
}

impl StudentOutcomes {
    /// The tier of a score under these cuts (also for a child who is not in the file).
    pub fn tier_of(&self, score: f64) -> u8 {
        tier_under(&self.cuts, self.cut_inclusive, score)
    }

    /// Students scored.
    pub fn scored(&self) -> usize {
        self.tiers.iter().filter(|&&t| t > 0).count()
    }
}

impl PreparedStudents {
    /// Each student's family part, score and tier, from the areas' scores by position and
    /// the areas' cuts (the lowest score of each tier 2..=K, or the formula's cutoffs).
    pub(super) fn score_into(
        &self,
        part: &StudentPart,
        area_scores: &[f64],
        area_cuts: &[Option<f64>],
        out: &mut StudentOutcomes,
        scratch: &mut CutScratch,
    ) {
        let n = self.rows.len();
        for column in [&mut out.area_scores, &mut out.family_scores, &mut out.scores] {
            column.clear();
            column.resize(n, f64::NAN);
        }
        for s in 0..n {
            let p = self.area_position[s];
            if p == NOT_SCORED {
                continue;
            }
            let area = area_scores[p as usize];
            let family = family_score_of(part, &|i| self.family.get(i).and_then(|f| f.normalized.get(s)).copied().unwrap_or(f64::NAN));
            out.area_scores[s] = area;
            out.family_scores[s] = family;
            out.scores[s] = student_score(part, area, family);
        }
        (out.cuts, out.cut_inclusive) = match part.tiers.method {
            StudentTierMethod::EqualStudents => (equal_student_cuts(&out.scores, part.tiers.count, scratch), false),
            StudentTierMethod::AreaCutoffs => (area_cuts.to_vec(), true),
        };
        out.tiers.clear();
        out.tiers.resize(n, 0);
        for (t, &s) in out.tiers.iter_mut().zip(&out.scores) {
            if !s.is_nan() {
                *t = tier_under(&out.cuts, out.cut_inclusive, s);
            }
        }
    }
}

/// The tier of `score` under `cuts` (cut j opens tier j + 2; `None` for a tier no one is in):
/// the highest tier whose cut the score is above (at or above, when `inclusive`), else 1.
fn tier_under(cuts: &[Option<f64>], inclusive: bool, score: f64) -> u8 {
    let above = |c: f64| if inclusive { c <= score } else { c < score };
    cuts.iter().rposition(|c| c.is_some_and(above)).map_or(1, |j| j as u8 + 2)
}

/// A student's score from the area part and the family part (NaN when they answered
/// nothing): `area_share` × area + (1 − `area_share`) × family; with no family part, the area
/// alone or nothing, as the formula says.
pub fn student_score(part: &StudentPart, area: f64, family: f64) -> f64 {
    if family.is_nan() {
        match part.missing_family {
            MissingFamily::AreaOnly => area,
            MissingFamily::LeaveOut => f64::NAN,
        }
    } else {
        part.area_share * area + (1.0 - part.area_share) * family
    }
}

/// The family score from each item's normalised answer (NaN unanswered): the weighted mean
/// over the answered items that carry weight, Σ (wᵢ ÷ Σw) × vᵢ in the items' order; NaN with
/// none. Allocates nothing: a step runs it once per student.
pub fn family_score_of(part: &StudentPart, normalized: &dyn Fn(usize) -> f64) -> f64 {
    let counts = |i: usize, item: &FamilyItem| item.enabled && item.weight > 0.0 && !normalized(i).is_nan();
    let total: f64 = part.family.iter().enumerate().filter(|(i, item)| counts(*i, item)).map(|(_, item)| item.weight).sum();
    if total <= 0.0 {
        return f64::NAN;
    }
    part.family.iter().enumerate().filter(|(i, item)| counts(*i, item)).map(|(i, item)| item.weight / total * normalized(i)).sum()
}

/// The cut scores of tiers of equal numbers of students: the scores at positions ⌈j·n/k⌉
/// (1-based, increasing order) for j = 1…k−1, read off the scored students' scores sorted
/// (the engine's radix sort: a step at 180,000 students stays well within a frame).
fn equal_student_cuts(scores: &[f64], k: u8, scratch: &mut CutScratch) -> Vec<Option<f64>> {
    scratch.scored.clear();
    scratch.scored.extend(scores.iter().copied().filter(|s| !s.is_nan()));
    sort_indices_by_key(&scratch.scored, &mut scratch.order, &mut scratch.sort);
    let sorted = scratch.sort.sorted();
    let (n, k) = (sorted.len(), usize::from(k.max(1)));
    (1..k).map(|j| (j * n).div_ceil(k).checked_sub(1).map(|at| sorted[at])).collect()
}

/// Buffers reused by the student tiers' cuts from one step to the next.
#[derive(Debug, Default)]
pub(super) struct CutScratch {
    scored: Vec<f64>,
    order: Vec<u32>,
    sort: SortScratch,
}

#[cfg(test)]
mod tests;
