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
    /// Per student, with at most [`MASKED_ITEMS`] family items: bit i set when they answered
    /// item i (switched on). A step then looks up each answer pattern's shares instead of
    /// working them out student by student.
    pub(super) answered: Option<Vec<u8>>,
}

/// The most family items whose answer patterns a step tabulates (2⁸ patterns).
const MASKED_ITEMS: usize = 8;

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
        let answered = (family.len() <= MASKED_ITEMS).then(|| {
            (0..rows.len())
                .map(|s| {
                    family
                        .iter()
                        .enumerate()
                        .fold(0u8, |mask, (i, a)| if a.normalized.get(s).is_some_and(|v| !v.is_nan()) { mask | 1 << i } else { mask })
                })
                .collect()
        });
        Ok(PreparedStudents {
            answered,
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
    /// Each student's score and tier, from the areas' scores by position and the areas' cuts
    /// (the lowest score of each tier 2..=K, or the formula's cutoffs). Only the scores and
    /// tiers are kept per student: the area and family parts are read back when shown
    /// ([`PreparedStudents::area_score`], [`PreparedStudents::family_score`]), so a step at
    /// 180,000 students writes two columns, not four.
    pub(super) fn score_into(
        &self,
        part: &StudentPart,
        area_scores: &[f64],
        area_cuts: &[Option<f64>],
        out: &mut StudentOutcomes,
        scratch: &mut CutScratch,
    ) {
        let n = self.rows.len();
        out.scores.clear();
        out.scores.reserve(n);
        match &self.answered {
            Some(masks) => {
                // Each answer pattern's shares, as `family_score_of` works them out.
                let items = self.family.len();
                let shares = &mut scratch.pattern_shares;
                shares.clear();
                shares.resize((1usize << items) * items, 0.0);
                for mask in 0..1usize << items {
                    let counts = |i: usize| mask & (1 << i) != 0 && part.family[i].enabled && part.family[i].weight > 0.0;
                    let total: f64 = (0..items).filter(|&i| counts(i)).map(|i| part.family[i].weight).sum();
                    for i in (0..items).filter(|&i| counts(i) && total > 0.0) {
                        shares[mask * items + i] = part.family[i].weight / total;
                    }
                }
                out.scores.extend((0..n).map(|s| {
                    let p = self.area_position[s];
                    if p == NOT_SCORED {
                        return f64::NAN;
                    }
                    let mut family = f64::NAN;
                    for (i, &share) in shares[masks[s] as usize * items..][..items].iter().enumerate() {
                        if share > 0.0 {
                            family = if family.is_nan() { 0.0 } else { family } + share * self.family[i].normalized[s];
                        }
                    }
                    student_score(part, area_scores[p as usize], family)
                }));
            }
            None => out.scores.extend((0..n).map(|s| match self.area_position[s] {
                NOT_SCORED => f64::NAN,
                p => student_score(part, area_scores[p as usize], self.family_score(part, s)),
            })),
        }
        (out.cuts, out.cut_inclusive) = match part.tiers.method {
            StudentTierMethod::EqualStudents => (equal_student_cuts(&out.scores, part.tiers.count, scratch), false),
            StudentTierMethod::AreaCutoffs => (area_cuts.to_vec(), true),
        };
        // The cuts as plain numbers, NaN for an empty tier (never above a score): the loop
        // below runs once per student each step.
        let cuts: Vec<f64> = out.cuts.iter().map(|c| c.unwrap_or(f64::NAN)).collect();
        let tier = |highest: Option<usize>| highest.map_or(1, |j| j as u8 + 2);
        out.tiers.clear();
        out.tiers.extend(out.scores.iter().map(|&s| match s {
            s if s.is_nan() => 0,
            s if out.cut_inclusive => tier(cuts.iter().rposition(|&c| c <= s)),
            s => tier(cuts.iter().rposition(|&c| c < s)),
        }));
    }

    /// Whether student `s` takes part: their area is scored, and they are not left out for want
    /// of answers.
    pub fn takes_part(&self, s: usize) -> bool {
        self.area_position.get(s).is_some_and(|&p| p != NOT_SCORED)
    }

    /// Student `s`'s area part under `evaluation`: their area's score (NaN when the area is
    /// not scored, or the student is left out).
    pub fn area_score(&self, s: usize, evaluation: &super::Evaluation) -> f64 {
        match self.area_position.get(s) {
            Some(&p) if p != NOT_SCORED => evaluation.areas.scores()[self.rows.area[s] as usize],
            _ => f64::NAN,
        }
    }

    /// Student `s`'s family part: the weighted mean of their normalised answers over the items
    /// they answered (weights rescaled over those); NaN with none.
    pub fn family_score(&self, part: &StudentPart, s: usize) -> f64 {
        family_score_of(part, &|i| self.family.get(i).and_then(|f| f.normalized.get(s)).copied().unwrap_or(f64::NAN))
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
/// (1-based, increasing order) for j = 1…k−1. Found without sorting every score (a step at
/// 180,000 students stays within a frame): each score falls in one of 65,536 buckets by its
/// place between the lowest and the highest (an order-keeping map), the buckets are counted,
/// and only the bucket holding each wanted position is sorted.
fn equal_student_cuts(scores: &[f64], k: u8, scratch: &mut CutScratch) -> Vec<Option<f64>> {
    const BUCKETS: usize = 1 << 16;
    let k = usize::from(k.max(1));
    let (mut low, mut high, mut n) = (f64::INFINITY, f64::NEG_INFINITY, 0usize);
    for &s in scores.iter().filter(|s| !s.is_nan()) {
        low = low.min(s);
        high = high.max(s);
        n += 1;
    }
    if n == 0 {
        return vec![None; k - 1];
    }
    let scale = if high > low { (BUCKETS - 1) as f64 / (high - low) } else { 0.0 };
    // Each score's bucket, worked out once (u16::MAX also marks a score left out: its bucket
    // is never asked for unless it holds a wanted position, and then it is checked).
    let CutScratch { counts, buckets, scored, order, sort, .. } = scratch;
    counts.clear();
    counts.resize(BUCKETS, 0);
    buckets.clear();
    buckets.extend(scores.iter().map(|&s| {
        if s.is_nan() {
            return u16::MAX;
        }
        let b = (((s - low) * scale) as usize).min(BUCKETS - 1);
        counts[b] += 1;
        b as u16
    }));
    (1..k)
        .map(|j| {
            let at = (j * n).div_ceil(k).checked_sub(1)?;
            // The bucket holding position `at`, and how many scores come before it.
            let (mut before, mut b) = (0usize, 0usize);
            while before + counts[b] as usize <= at {
                before += counts[b] as usize;
                b += 1;
            }
            scored.clear();
            scored.extend(scores.iter().zip(buckets.iter()).filter(|&(s, &x)| usize::from(x) == b && !s.is_nan()).map(|(&s, _)| s));
            sort_indices_by_key(scored, order, sort);
            Some(sort.sorted()[at - before])
        })
        .collect()
}

/// Buffers reused by the student tiers' cuts from one step to the next.
#[derive(Debug, Default)]
pub(super) struct CutScratch {
    counts: Vec<u32>,
    buckets: Vec<u16>,
    scored: Vec<f64>,
    order: Vec<u32>,
    sort: SortScratch,
    /// Per answer pattern, each family item's share.
    pattern_shares: Vec<f64>,
}

#[cfg(test)]
mod tests;
