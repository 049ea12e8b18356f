//! Splitting a budget pool across schools, to the cent.
//!
//! Rounding rule (largest remainder): each school's exact share of the pool in cents is
//! rounded down; the cents left over go one each to the schools that lost the largest
//! fractions of a cent (ties: the school listed first in the schools file). So the amounts
//! always add up to the pool exactly, and no school is more than one cent from its exact share.

use serde::{Deserialize, Serialize};

use super::error::{EngineError, Result, SettingsProblem};
use super::schools::SchoolOutcome;
use super::sort::{SortScratch, sort_indices_by_key};

/// The three allocation methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AllocationMethod {
    /// Each student carries the weight of their tier; the pool is split in proportion to each
    /// school's weighted students.
    WeightedPerPupil,
    /// Each student's need is 100 − score (0 if the score is above 100); the pool is split in
    /// proportion to each school's total need.
    ProportionalToNeed,
    /// Schools ranked by share of tier-1 students are served while that share is at or above
    /// the cutoff; every served school gets the same amount per tier-1 student (like Title I).
    RankAndServe,
}

impl AllocationMethod {
    /// All methods, in the order a picker shows them.
    pub const ALL: [AllocationMethod; 3] =
        [AllocationMethod::WeightedPerPupil, AllocationMethod::ProportionalToNeed, AllocationMethod::RankAndServe];

    /// A short label for people.
    pub fn label(self) -> &'static str {
        match self {
            AllocationMethod::WeightedPerPupil => "Weighted per pupil (by tier)",
            AllocationMethod::ProportionalToNeed => "Proportional to need (100 − score)",
            AllocationMethod::RankAndServe => "Rank and serve (Title I style)",
        }
    }
}

/// Allocation settings as written in a scenario file or given on the command line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllocationSettings {
    /// The pool in dollars.
    pub pool: f64,
    pub method: AllocationMethod,
    /// Weight of a student in tier 1, 2, … for `weighted_per_pupil`. Empty means the default:
    /// falling evenly from 1 (tier 1) to 0 (top tier).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tier_weights: Vec<f64>,
    /// For `rank_and_serve`: the lowest share of tier-1 students (percent) that is served.
    #[serde(default)]
    pub cutoff_percent: f64,
}

impl Default for AllocationSettings {
    fn default() -> Self {
        AllocationSettings {
            pool: 10_000_000.0,
            method: AllocationMethod::WeightedPerPupil,
            tier_weights: Vec::new(),
            cutoff_percent: 35.0,
        }
    }
}

/// The largest pool accepted, in dollars (keeps cents exact in integer arithmetic).
pub const MAX_POOL: f64 = 1e13;

/// Default tier weights for `count` tiers: 1 for tier 1 falling evenly to 0 for the top tier.
pub fn default_tier_weights(count: u8) -> Vec<f64> {
    let k = usize::from(count);
    if k <= 1 {
        return vec![1.0; k];
    }
    (0..k).map(|t| (k - 1 - t) as f64 / (k - 1) as f64).collect()
}

impl AllocationSettings {
    /// The tier weights to use for `count` tiers, after checking them.
    ///
    /// # Errors
    /// A weight list of the wrong length, or a negative or non-finite weight.
    pub fn tier_weights_for(&self, count: u8) -> Result<Vec<f64>> {
        if self.tier_weights.is_empty() {
            return Ok(default_tier_weights(count));
        }
        if self.tier_weights.len() != usize::from(count) {
            return Err(SettingsProblem::TierWeightCount { given: self.tier_weights.len(), tiers: count }.into());
        }
        if self.tier_weights.iter().any(|w| !w.is_finite() || *w < 0.0) {
            return Err(EngineError::NegativeTierWeight);
        }
        Ok(self.tier_weights.clone())
    }

    /// The pool in whole cents.
    ///
    /// # Errors
    /// A negative, non-finite or too large pool; a cutoff outside 0–100.
    pub fn pool_cents(&self) -> Result<i64> {
        if !self.pool.is_finite() || self.pool < 0.0 || self.pool > MAX_POOL {
            return Err(EngineError::PoolOutOfRange { pool: self.pool, max: MAX_POOL });
        }
        if !(0.0..=100.0).contains(&self.cutoff_percent) {
            return Err(EngineError::ServeCutoffOutOfRange { cutoff: self.cutoff_percent });
        }
        Ok((self.pool * 100.0).round() as i64)
    }
}

/// Splits `pool_cents` in proportion to non-negative `weights` by the largest-remainder rule
/// (see the module docs). With no positive weight nothing is allocated (all zeros).
///
/// ```
/// use ses_engine::allocation::split_cents;
/// // 100 cents in thirds: 33.33 each, one cent left over, given to the first school.
/// assert_eq!(split_cents(100, &[1.0, 1.0, 1.0]), vec![34, 33, 33]);
/// ```
pub fn split_cents(pool_cents: i64, weights: &[f64]) -> Vec<i64> {
    let mut cents = Vec::new();
    split_cents_into(pool_cents, weights, &mut cents, &mut AllocationScratch::default());
    cents
}

/// Buffers reused by an allocation from one evaluation to the next.
#[derive(Debug, Clone, Default)]
pub struct AllocationScratch {
    /// Per school: what it weighs in the split.
    weights: Vec<f64>,
    cents: Vec<i64>,
    /// Per school: the fraction of a cent its floor lost (−1 for a school paid nothing).
    lost: Vec<f64>,
    /// The paid schools' fractions, partly ordered by the selection.
    selection: Vec<f64>,
}

/// [`split_cents`] into `cents`, reusing `scratch`'s memory.
fn split_cents_into(pool_cents: i64, weights: &[f64], cents: &mut Vec<i64>, scratch: &mut AllocationScratch) {
    let weight = |w: f64| if w.is_finite() && w > 0.0 { w } else { 0.0 };
    let total: f64 = weights.iter().map(|&w| weight(w)).sum();
    cents.clear();
    if total <= 0.0 || pool_cents <= 0 {
        cents.resize(weights.len(), 0);
        return;
    }
    let lost = &mut scratch.lost;
    lost.clear();
    let mut paid = 0usize;
    for &w in weights {
        let w = weight(w);
        let exact = pool_cents as f64 * w / total;
        let floor = exact.floor();
        cents.push(floor as i64);
        paid += usize::from(w > 0.0);
        lost.push(if w > 0.0 { exact - floor } else { -1.0 });
    }
    let left = pool_cents - cents.iter().sum::<i64>();
    match usize::try_from(left) {
        Ok(0) => {}
        // The usual case: fewer cents left than schools paid, one each to the largest
        // fractions. The `left`-th largest fraction is found by selection in linear time (a sort
        // of 100,000 fractions took a millisecond of every step); the schools above it get a
        // cent, and those equal to it get one in file order while cents remain.
        Ok(left) if left <= paid => {
            let selection = &mut scratch.selection;
            selection.clear();
            selection.extend(lost.iter().copied().filter(|&f| f >= 0.0));
            let (_, &mut threshold, _) = selection.select_nth_unstable_by(left - 1, |a, b| b.total_cmp(a));
            let above = lost.iter().filter(|&&f| f > threshold).count();
            let mut at_threshold = left - above;
            for (c, &f) in cents.iter_mut().zip(lost.iter()) {
                if f > threshold {
                    *c += 1;
                } else if f == threshold && at_threshold > 0 {
                    *c += 1;
                    at_threshold -= 1;
                }
            }
        }
        // Float rounding can leave the floors more than a cent a school under, or over.
        _ => settle_by_remainder(left, lost, cents),
    }
}

/// Settles `left` cents (more than one a school, or below zero) around the schools in order
/// of the fraction they lost, largest first (ties: file order), as many rounds as it takes.
fn settle_by_remainder(mut left: i64, lost: &[f64], cents: &mut [i64]) {
    let paid: Vec<usize> = (0..lost.len()).filter(|&i| lost[i] >= 0.0).collect();
    let keys: Vec<f64> = paid.iter().map(|&i| -lost[i]).collect();
    let mut order = Vec::with_capacity(paid.len());
    sort_indices_by_key(&keys, &mut order, &mut SortScratch::default());
    let by_remainder: Vec<usize> = order.into_iter().map(|k| paid[k as usize]).collect();
    let mut i = 0;
    while left > 0 && !by_remainder.is_empty() {
        cents[by_remainder[i % by_remainder.len()]] += 1;
        left -= 1;
        i += 1;
    }
    let mut j = by_remainder.len();
    while left < 0 && j > 0 {
        j -= 1;
        let s = by_remainder[j];
        if cents[s] > 0 {
            cents[s] -= 1;
            left += 1;
        }
        if j == 0 && left < 0 {
            j = by_remainder.len();
        }
    }
}

/// Allocates the pool to profiled schools (in place, in their order): each school's cents,
/// and whether it was served (always, except under rank-and-serve).
///
/// # Errors
/// Invalid settings (see [`AllocationSettings::pool_cents`] and
/// [`AllocationSettings::tier_weights_for`]).
pub fn allocate(
    settings: &AllocationSettings,
    tier_count: u8,
    schools: &mut [SchoolOutcome],
    scratch: &mut AllocationScratch,
) -> Result<()> {
    let pool = settings.pool_cents()?;
    let weights = &mut scratch.weights;
    weights.clear();
    match settings.method {
        AllocationMethod::WeightedPerPupil => {
            let tw = settings.tier_weights_for(tier_count)?;
            weights.extend(schools.iter_mut().map(|s| {
                s.served = true;
                s.students_by_tier.iter().zip(&tw).map(|(n, w)| n * w).sum::<f64>()
            }));
        }
        AllocationMethod::ProportionalToNeed => weights.extend(schools.iter_mut().map(|s| {
            s.served = true;
            s.need
        })),
        AllocationMethod::RankAndServe => {
            let cutoff = settings.cutoff_percent / 100.0;
            weights.extend(schools.iter_mut().map(|s| {
                s.served = s.tier_share(1).is_some_and(|share| share >= cutoff);
                if s.served { s.students_by_tier.first().copied().unwrap_or(0.0) } else { 0.0 }
            }));
        }
    }
    let (weights, mut cents) = (std::mem::take(&mut scratch.weights), std::mem::take(&mut scratch.cents));
    split_cents_into(pool, &weights, &mut cents, scratch);
    for (s, &c) in schools.iter_mut().zip(&cents) {
        s.allocation_cents = Some(c);
    }
    (scratch.weights, scratch.cents) = (weights, cents);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schools::TierCounts;
    #[cfg(not(target_arch = "wasm32"))]
    use proptest::prelude::*;

    fn basis(by_tier: &[f64], need: f64) -> SchoolOutcome {
        SchoolOutcome { students_by_tier: TierCounts::from_slice(by_tier), need, ..SchoolOutcome::empty(by_tier.len() as u8) }
    }

    /// The cents and whether each school was served.
    fn allocated(settings: &AllocationSettings, tier_count: u8, mut schools: Vec<SchoolOutcome>) -> (Vec<i64>, Vec<bool>) {
        allocate(settings, tier_count, &mut schools, &mut AllocationScratch::default()).unwrap();
        schools.iter().map(|s| (s.allocation_cents.unwrap(), s.served)).unzip()
    }

    #[test]
    fn weighted_per_pupil_splits_by_weighted_students() {
        // weights 1, 0.5, 0: school A = 10 + 5 = 15, school B = 0 + 5 = 5 → 3:1
        let a = [10.0, 10.0, 10.0];
        let b = [0.0, 10.0, 30.0];
        let s = AllocationSettings {
            pool: 1000.0,
            method: AllocationMethod::WeightedPerPupil,
            tier_weights: vec![1.0, 0.5, 0.0],
            cutoff_percent: 0.0,
        };
        let (cents, _) = allocated(&s, 3, vec![basis(&a, 0.0), basis(&b, 0.0)]);
        assert_eq!(cents, vec![75_000, 25_000]);
    }

    #[test]
    fn default_tier_weights_fall_evenly_to_zero() {
        assert_eq!(default_tier_weights(3), vec![1.0, 0.5, 0.0]);
        assert_eq!(default_tier_weights(1), vec![1.0]);
        let s = AllocationSettings { tier_weights: vec![1.0, 0.0], ..Default::default() };
        assert!(s.tier_weights_for(3).unwrap_err().to_string().contains("gives 2 tier weights but the formula has 3 tiers"));
    }

    #[test]
    fn proportional_to_need_uses_need_totals() {
        let s = AllocationSettings { pool: 90.0, method: AllocationMethod::ProportionalToNeed, ..Default::default() };
        let (cents, _) = allocated(&s, 3, vec![basis(&[1.0, 0.0, 0.0], 200.0), basis(&[0.0, 1.0, 0.0], 100.0)]);
        assert_eq!(cents, vec![6000, 3000]);
    }

    #[test]
    fn rank_and_serve_pays_the_same_per_tier1_student_above_the_cutoff() {
        let s = AllocationSettings { pool: 1200.0, method: AllocationMethod::RankAndServe, cutoff_percent: 40.0, ..Default::default() };
        // shares: 0.8, 0.5, 0.4 (on the cutoff: served), 0.2 (not served)
        let schools = [[80.0, 20.0], [10.0, 10.0], [40.0, 60.0], [20.0, 80.0]];
        let b: Vec<_> = schools.iter().map(|t| basis(t, 0.0)).collect();
        let (cents, served) = allocated(&s, 2, b);
        assert_eq!(served, vec![true, true, true, false]);
        // 130 tier-1 students share $1,200: 923.0769… cents each
        assert_eq!(cents.iter().sum::<i64>(), 120_000);
        assert_eq!(cents[3], 0);
        let per_t1: Vec<f64> = (0..3).map(|i| cents[i] as f64 / schools[i][0]).collect();
        assert!(per_t1.iter().all(|p| (p - 923.0769).abs() < 0.1), "{per_t1:?}");
        // per-pupil amounts never rise as the tier-1 share falls
        let per_pupil: Vec<f64> = (0..3).map(|i| cents[i] as f64 / (schools[i][0] + schools[i][1])).collect();
        assert!(per_pupil.windows(2).all(|w| w[0] >= w[1]), "{per_pupil:?}");
    }

    #[test]
    fn nothing_to_weigh_allocates_nothing() {
        assert_eq!(split_cents(100, &[0.0, 0.0]), vec![0, 0]);
        assert_eq!(split_cents(0, &[1.0]), vec![0]);
    }

    #[test]
    fn cents_left_beyond_one_a_school_go_round_again_and_cents_over_come_back() {
        // What float rounding can leave: more cents than schools paid, or the floors a cent over.
        let lost = [0.25, -1.0, 0.75, 0.5];
        let mut cents = [10, 0, 10, 10];
        settle_by_remainder(5, &lost, &mut cents);
        assert_eq!(cents, [11, 0, 12, 12]);
        settle_by_remainder(-2, &lost, &mut cents);
        assert_eq!(cents, [10, 0, 12, 11]);
    }

    #[test]
    fn bad_pool_and_cutoff_are_errors() {
        let s = AllocationSettings { pool: -1.0, ..Default::default() };
        assert!(s.pool_cents().is_err());
        let s = AllocationSettings { pool: f64::NAN, ..Default::default() };
        assert!(s.pool_cents().is_err());
        let s = AllocationSettings { cutoff_percent: 120.0, ..Default::default() };
        assert!(s.pool_cents().is_err());
    }

    #[test]
    fn leftover_cents_go_to_the_largest_remainders_ties_in_file_order() {
        // exact 12.625, 37.875, 50.5 → floors 12, 37, 50; the two cents left go to .875 and .625
        assert_eq!(split_cents(101, &[1.0, 3.0, 4.0]), vec![13, 38, 50]);
        // exact 0.5 each → floors 0; equal remainders, so the first two in file order
        assert_eq!(split_cents(2, &[1.0, 1.0, 1.0, 1.0]), vec![1, 1, 0, 0]);
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest! {
        #[test]
        fn cents_always_add_up_to_the_pool(pool in 0i64..1_000_000_000_000, weights in proptest::collection::vec(0.0f64..1e9, 1..60)) {
            let cents = split_cents(pool, &weights);
            let any_positive = weights.iter().any(|w| *w > 0.0);
            prop_assert_eq!(cents.iter().sum::<i64>(), if any_positive { pool } else { 0 });
            let total: f64 = weights.iter().sum();
            for (c, w) in cents.iter().zip(&weights) {
                prop_assert!(*c >= 0);
                if total > 0.0 {
                    let exact = pool as f64 * w / total;
                    prop_assert!((*c as f64 - exact).abs() <= 1.0 + exact * 1e-9, "{} vs {}", c, exact);
                }
            }
        }

        /// The leftover cents go to the largest remainders, ties to the first school: the
        /// linear-time selection picks exactly the schools a full sort would.
        #[test]
        fn leftover_cents_go_to_the_largest_remainders(pool in 0i64..10_000_000, weights in proptest::collection::vec(0u32..50, 1..300)) {
            let weights: Vec<f64> = weights.into_iter().map(f64::from).collect();
            let cents = split_cents(pool, &weights);
            let total: f64 = weights.iter().sum();
            if total > 0.0 {
                let exact: Vec<f64> = weights.iter().map(|w| pool as f64 * w / total).collect();
                let mut by_remainder: Vec<usize> = (0..weights.len()).filter(|&i| weights[i] > 0.0).collect();
                by_remainder.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())).then(a.cmp(&b)));
                let floors: i64 = exact.iter().map(|e| e.floor() as i64).sum();
                let left = usize::try_from(pool - floors).unwrap();
                prop_assume!(left <= by_remainder.len());
                let mut want: Vec<i64> = exact.iter().map(|e| e.floor() as i64).collect();
                for &i in &by_remainder[..left] {
                    want[i] += 1;
                }
                prop_assert_eq!(cents, want);
            }
        }
    }
}
