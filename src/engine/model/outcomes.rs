//! What an evaluation produces: each area's score, tier and rank, the schools' outcomes,
//! the pool, and what was done with each area that has a gap.

use std::sync::Arc;

use crate::allocation::AllocationScratch;
use crate::schools::RankScratch;

use super::students::{CutScratch, StudentOutcomes};
use crate::schools::SchoolOutcome;
use crate::sort::SortScratch;

/// A scored area with an enabled indicator's value missing.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    /// Its scored position.
    pub position: u32,
    /// Its spreadsheet row number.
    pub row: usize,
    /// The enabled indicator columns it has no value in.
    pub columns: Vec<String>,
}

/// What was done to an area with an indicator value missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GapHandling {
    /// Scored on the indicators it has, reweighted within their groups.
    Reweighted,
    /// Not scored this time: what it has carries less than `min_share` of the weight (or
    /// nothing of it).
    LeftOut,
    /// Given the formula's fixed tier, and no score.
    AssignedTier,
}

/// An area with an indicator value missing, and what the formula did with it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GapOutcome {
    /// The area, in file order.
    pub area: u32,
    /// The share of the total weight its present indicators carry (0 to 1).
    pub share: f64,
    pub handling: GapHandling,
}

/// One area's result. All `None` when the area was excluded for missing values.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct AreaOutcome {
    /// Weighted score (0–100 for percentile and min–max normalisations).
    pub score: Option<f64>,
    /// Tier 1..=K, 1 = lowest SES.
    pub tier: Option<u8>,
    /// 1 = lowest score (highest need); ties broken by id.
    pub rank: Option<u32>,
}

/// Every area's result, in file order, a column each: a slider step at a quarter million
/// areas writes three flat arrays (mostly by handing over the buffers it computed them in)
/// instead of a record per area, and readers that need one column read only that one.
#[derive(Debug, Clone, Default)]
pub struct AreaOutcomes {
    /// NaN where the area has no score.
    scores: Vec<f64>,
    /// 0 where the area has no tier.
    tiers: Vec<u8>,
    /// 0 where the area has no rank.
    ranks: Vec<u32>,
    /// The ranked areas, rank 1 first.
    order: Vec<u32>,
}

impl AreaOutcomes {
    /// Number of areas (scored or not).
    pub fn len(&self) -> usize {
        self.ranks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ranks.is_empty()
    }

    /// One area's result.
    ///
    /// # Panics
    /// `area` is not below [`AreaOutcomes::len`], as for indexing a slice.
    pub fn of(&self, area: usize) -> AreaOutcome {
        let score = self.scores[area];
        AreaOutcome {
            score: (!score.is_nan()).then_some(score),
            tier: Some(self.tiers[area]).filter(|&t| t > 0),
            rank: Some(self.ranks[area]).filter(|&r| r > 0),
        }
    }

    /// One area's result, `None` past the last area.
    pub fn get(&self, area: usize) -> Option<AreaOutcome> {
        (area < self.len()).then(|| self.of(area))
    }

    /// Every area's result, in file order.
    pub fn iter(&self) -> AreaOutcomeIter<'_> {
        AreaOutcomeIter { areas: self, next: 0..self.len() }
    }

    /// Each area's tier, 0 for none.
    pub fn tiers(&self) -> &[u8] {
        &self.tiers
    }

    /// Each area's rank, 0 for none.
    pub fn ranks(&self) -> &[u32] {
        &self.ranks
    }

    /// Each area's score, NaN for none.
    pub fn scores(&self) -> &[f64] {
        &self.scores
    }

    /// The ranked areas in rank order (rank 1 first). Their tiers never decrease along it.
    pub fn in_rank_order(&self) -> &[u32] {
        &self.order
    }

    /// Takes an evaluation's columns, computed per scored position, into file order. When
    /// every area is scored the two orders are the same and the buffers change hands
    /// (the old ones become the next evaluation's scratch); otherwise the areas left out get
    /// no result.
    pub(super) fn fill_from(&mut self, scored: &[u32], area_count: usize, scratch: &mut Scratch) {
        if scored.len() == area_count {
            std::mem::swap(&mut self.scores, &mut scratch.scores);
            std::mem::swap(&mut self.tiers, &mut scratch.tiers);
            std::mem::swap(&mut self.ranks, &mut scratch.ranks);
            std::mem::swap(&mut self.order, &mut scratch.order);
            return;
        }
        fn scatter<T: Copy>(column: &mut Vec<T>, none: T, n: usize, scored: &[u32], values: &[T]) {
            column.clear();
            column.resize(n, none);
            for (&area, &v) in scored.iter().zip(values) {
                column[area as usize] = v;
            }
        }
        scatter(&mut self.scores, f64::NAN, area_count, scored, &scratch.scores);
        scatter(&mut self.tiers, 0, area_count, scored, &scratch.tiers);
        scatter(&mut self.ranks, 0, area_count, scored, &scratch.ranks);
        self.order.clear();
        self.order.extend(scratch.order.iter().map(|&p| scored[p as usize]));
    }
}

/// The areas' results in file order, one [`AreaOutcome`] each.
#[derive(Clone)]
pub struct AreaOutcomeIter<'a> {
    areas: &'a AreaOutcomes,
    next: std::ops::Range<usize>,
}

impl Iterator for AreaOutcomeIter<'_> {
    type Item = AreaOutcome;

    fn next(&mut self) -> Option<AreaOutcome> {
        self.next.next().map(|a| self.areas.of(a))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.next.size_hint()
    }
}

impl ExactSizeIterator for AreaOutcomeIter<'_> {}

impl<'a> IntoIterator for &'a AreaOutcomes {
    type Item = AreaOutcome;
    type IntoIter = AreaOutcomeIter<'a>;

    fn into_iter(self) -> AreaOutcomeIter<'a> {
        self.iter()
    }
}

impl PartialEq for AreaOutcomes {
    /// Equal results; NaN (no score) equals NaN.
    fn eq(&self, other: &AreaOutcomes) -> bool {
        self.tiers == other.tiers
            && self.ranks == other.ranks
            && self.scores.len() == other.scores.len()
            && self.scores.iter().zip(&other.scores).all(|(a, b)| a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()))
    }
}

/// Everything a formula produces for a dataset.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Evaluation {
    pub tier_count: u8,
    /// Per area, in file order.
    pub areas: AreaOutcomes,
    /// The lowest score in tiers 2..=K: the cut points on the score axis.
    pub tier_floors: Vec<Option<f64>>,
    /// Per school, in file order (empty without schools). Shared, so that a step whose
    /// schools come later ([`Prepared::evaluate_areas_into`]) can show the last ones
    /// without copying them.
    pub schools: Arc<Vec<SchoolOutcome>>,
    /// The pool in cents, when an allocation was asked for.
    pub pool_cents: Option<i64>,
    /// The areas with a value missing that took part (none under `leave_out`), in file order.
    pub gaps: Vec<GapOutcome>,
    /// Each student's result, for a formula with a student part (the schools are then
    /// profiled by student tier). Shared, as the schools are.
    pub students: Option<Arc<StudentOutcomes>>,
    /// Buffers reused by the next [`Prepared::evaluate_into`]; not part of the result.
    pub(super) scratch: Scratch,
}

/// The indices of the ranked items, in rank order. Ranks run 1..=n without gaps, so each item
/// is put in its place in one pass (a quarter million areas in about a millisecond in the
/// browser, where sorting them took twenty); anything else is sorted.
pub(super) fn in_rank_order(ranks: impl ExactSizeIterator<Item = Option<u32>> + Clone) -> Vec<usize> {
    let ranked = ranks.clone().flatten().count();
    let mut order = vec![usize::MAX; ranked];
    for (i, rank) in ranks.clone().enumerate() {
        match rank.and_then(|r| order.get_mut((r as usize).wrapping_sub(1))) {
            Some(slot) if *slot == usize::MAX => *slot = i,
            Some(_) => return sorted_by_rank(ranks),
            None if rank.is_some() => return sorted_by_rank(ranks),
            None => {}
        }
    }
    order
}

fn sorted_by_rank(ranks: impl Iterator<Item = Option<u32>>) -> Vec<usize> {
    let mut ranked: Vec<(u32, usize)> = ranks.enumerate().filter_map(|(i, r)| r.map(|r| (r, i))).collect();
    ranked.sort_unstable();
    ranked.into_iter().map(|(_, i)| i).collect()
}

/// Working memory of an evaluation. Two evaluations are equal whatever their scratch holds,
/// and a copy of an evaluation starts with none (its buffers grow again when reused).
#[derive(Default)]
pub(super) struct Scratch {
    /// Each indicator's effective share of the score.
    pub(super) shares: Vec<f64>,
    pub(super) scores: Vec<f64>,
    /// The scored population, less the positions without a score this time.
    pub(super) population: Vec<f64>,
    pub(super) order: Vec<u32>,
    pub(super) tiers: Vec<u8>,
    pub(super) sort: SortScratch,
    /// Per scored position: its rank (0: none this time).
    pub(super) ranks: Vec<u32>,
    pub(super) schools: SchoolScratch,
    /// The students' scores sorted, for their tiers' cuts.
    pub(super) student_cuts: CutScratch,
}

impl PartialEq for Scratch {
    fn eq(&self, _: &Scratch) -> bool {
        true
    }
}

impl Clone for Scratch {
    fn clone(&self) -> Scratch {
        Scratch::default()
    }
}

impl std::fmt::Debug for Scratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Scratch")
    }
}

impl Evaluation {
    /// An evaluation still to be made that shows `earlier`'s schools (shared, not copied)
    /// until its own: what [`Prepared::evaluate_areas_into`] fills.
    pub fn showing_schools_of(earlier: &Evaluation) -> Evaluation {
        Evaluation { schools: Arc::clone(&earlier.schools), ..Evaluation::default() }
    }

    /// The same evaluation with these schools ([`Prepared::school_outcomes`]).
    pub fn with_schools(&self, schools: Vec<SchoolOutcome>) -> Evaluation {
        Evaluation { schools: Arc::new(schools), ..self.clone() }
    }

    /// School indices in rank order.
    pub fn school_order(&self) -> Vec<usize> {
        in_rank_order(self.schools.iter().map(|s| Some(s.rank)))
    }

    /// Area indices of scored areas in rank order (rank 1 first).
    pub fn area_order(&self) -> Vec<usize> {
        self.areas.in_rank_order().iter().map(|&a| a as usize).collect()
    }

    /// Total cents allocated to schools.
    pub fn allocated_cents(&self) -> i64 {
        self.schools.iter().filter_map(|s| s.allocation_cents).sum()
    }

    /// Population per tier (index 0 = tier 1), given the areas' populations.
    pub fn population_by_tier(&self, population: &[f64]) -> Vec<f64> {
        let mut out = vec![0.0; usize::from(self.tier_count)];
        for (&t, p) in self.areas.tiers().iter().zip(population) {
            if t > 0 {
                out[usize::from(t) - 1] += p;
            }
        }
        out
    }
}

/// Buffers of the schools' part of an evaluation, reused from one step to the next.
#[derive(Default)]
pub(super) struct SchoolScratch {
    pub(super) ranks: RankScratch,
    pub(super) allocation: AllocationScratch,
}
