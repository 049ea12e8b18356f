//! Tiers: cutting areas sorted by score into groups 1..=K (tier 1 = lowest SES).

use super::formula::{TierMethod, TierRule};
use super::sort::{SortScratch, sort_indices_by_key};

/// Areas in ranking order: ascending score, ties broken by `tie_rank` (each area's position
/// when sorted by id), so the order never depends on input order.
pub fn rank_order(scores: &[f64], tie_rank: &[u32]) -> Vec<u32> {
    let mut order = Vec::with_capacity(scores.len());
    rank_order_into(scores, |a, b| tie_rank[a as usize].cmp(&tie_rank[b as usize]), &mut order, &mut SortScratch::default());
    order
}

/// [`rank_order`] into reused buffers, with ties broken by `tie_break` (comparing two area
/// positions): a radix sort by score, then each run of equal scores (rare) sorted by the
/// tie-break. Faster than comparing ids throughout, and the same order.
pub fn rank_order_into(
    scores: &[f64],
    tie_break: impl Fn(u32, u32) -> std::cmp::Ordering,
    order: &mut Vec<u32>,
    scratch: &mut SortScratch,
) {
    sort_indices_by_key(scores, order, scratch);
    let sorted = scratch.sorted();
    let mut start = 0;
    while start < order.len() {
        let score = sorted[start];
        let mut end = start + 1;
        while end < order.len() && sorted[end].total_cmp(&score).is_eq() {
            end += 1;
        }
        if end - start > 1 {
            order[start..end].sort_unstable_by(|&a, &b| tie_break(a, b));
        }
        start = end;
    }
}

/// Assigns each area a tier 1..=K, given areas in [`rank_order`].
///
/// ```text
/// equal_population: tier = ceil(K × (population up to and including this area) / total)
/// equal_count:      tier = ceil(K × (position, 1-based) / number of areas)
/// score_cutoffs:    tier = 1 + number of cutoffs ≤ score
/// ```
/// Tiers are clamped to 1..=K (an area with no population at the start gets tier 1). With a
/// total population of zero, equal_population falls back to equal_count.
///
/// ```
/// use ses_engine::formula::{TierMethod, TierRule};
/// use ses_engine::tiers::{assign_tiers, rank_order};
/// let scores = [10.0, 40.0, 20.0, 30.0];
/// let order = rank_order(&scores, &[0, 1, 2, 3]);
/// let rule = TierRule { count: 2, method: TierMethod::EqualPopulation, cutoffs: vec![] };
/// assert_eq!(assign_tiers(&scores, &[1.0, 1.0, 1.0, 1.0], &order, &rule), vec![1, 2, 1, 2]);
/// ```
pub fn assign_tiers(scores: &[f64], population: &[f64], order: &[u32], rule: &TierRule) -> Vec<u8> {
    let mut tiers = Vec::with_capacity(scores.len());
    assign_tiers_into(scores, population, order, rule, &mut tiers);
    tiers
}

/// [`assign_tiers`] into a reused buffer.
pub fn assign_tiers_into(scores: &[f64], population: &[f64], order: &[u32], rule: &TierRule, tiers: &mut Vec<u8>) {
    let k = f64::from(rule.count);
    let clamp = |t: f64| t.ceil().clamp(1.0, k) as u8;
    tiers.clear();
    tiers.resize(scores.len(), 1);
    let total: f64 = population.iter().sum();
    match rule.method {
        TierMethod::EqualPopulation if total > 0.0 => {
            let mut cumulative = 0.0;
            for &i in order {
                cumulative += population[i as usize];
                tiers[i as usize] = clamp(k * cumulative / total);
            }
        }
        TierMethod::EqualPopulation | TierMethod::EqualCount => {
            let n = order.len() as f64;
            for (position, &i) in order.iter().enumerate() {
                tiers[i as usize] = clamp(k * (position + 1) as f64 / n);
            }
        }
        TierMethod::ScoreCutoffs => {
            for (i, &s) in scores.iter().enumerate() {
                tiers[i] = 1 + rule.cutoffs.iter().filter(|&&c| c <= s).count() as u8;
            }
        }
    }
}

/// The lowest score in each tier 2..=K (`None` for an empty tier): where the tier boundaries
/// fall on the score axis. `order` is the scored areas in [`rank_order`]; each tier's lowest
/// score is that of the first area of its span ([`tier_spans`]).
pub fn tier_floors(scores: &[f64], tiers: &[u8], order: &[u32], count: u8) -> Vec<Option<f64>> {
    tier_spans(tiers, order, count).iter().skip(1).map(|span| (!span.is_empty()).then(|| scores[order[span.start] as usize])).collect()
}

/// The positions along `order` (the scored areas in [`rank_order`]) where each tier 1..=K
/// starts and ends (`start..end`, empty for an empty tier). Along that order tiers never
/// decrease (scores ascend, populations are never negative), so each tier is one span, found
/// by bisection.
pub fn tier_spans(tiers: &[u8], order: &[u32], count: u8) -> Vec<std::ops::Range<usize>> {
    let start = |t: u8| order.partition_point(|&a| tiers[a as usize] < t);
    (1..=count).map(|t| start(t)..start(t.saturating_add(1)).max(start(t))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(count: u8, method: TierMethod, cutoffs: Vec<f64>) -> TierRule {
        TierRule { count, method, cutoffs }
    }

    #[test]
    fn ties_in_score_are_broken_by_id_rank() {
        let order = rank_order(&[5.0, 5.0, 1.0], &[2, 1, 0]);
        assert_eq!(order, vec![2, 1, 0]);
    }

    #[test]
    fn equal_population_uses_cumulative_population_including_the_area() {
        // sorted populations 10, 40, 25, 25 of 100: cumulative 10, 50, 75, 100
        // K=4: ceil(0.4)=1, ceil(2.0)=2, ceil(3.0)=3, ceil(4.0)=4
        let scores = [1.0, 2.0, 3.0, 4.0];
        let order = rank_order(&scores, &[0, 1, 2, 3]);
        let tiers = assign_tiers(&scores, &[10.0, 40.0, 25.0, 25.0], &order, &rule(4, TierMethod::EqualPopulation, vec![]));
        assert_eq!(tiers, vec![1, 2, 3, 4]);
        // K=3: ceil(0.3)=1, ceil(1.5)=2, ceil(2.25)=3, ceil(3)=3
        let tiers = assign_tiers(&scores, &[10.0, 40.0, 25.0, 25.0], &order, &rule(3, TierMethod::EqualPopulation, vec![]));
        assert_eq!(tiers, vec![1, 2, 3, 3]);
    }

    #[test]
    fn equal_population_gives_empty_leading_areas_tier_one() {
        let scores = [1.0, 2.0];
        let order = rank_order(&scores, &[0, 1]);
        assert_eq!(assign_tiers(&scores, &[0.0, 5.0], &order, &rule(2, TierMethod::EqualPopulation, vec![])), vec![1, 2]);
        // no population at all: equal count
        assert_eq!(assign_tiers(&scores, &[0.0, 0.0], &order, &rule(2, TierMethod::EqualPopulation, vec![])), vec![1, 2]);
    }

    #[test]
    fn equal_count_splits_areas_evenly() {
        let scores = [6.0, 5.0, 4.0, 3.0, 2.0, 1.0];
        let order = rank_order(&scores, &[0, 1, 2, 3, 4, 5]);
        let tiers = assign_tiers(&scores, &[100.0, 1.0, 1.0, 1.0, 1.0, 1.0], &order, &rule(3, TierMethod::EqualCount, vec![]));
        assert_eq!(tiers, vec![3, 3, 2, 2, 1, 1]);
    }

    #[test]
    fn score_cutoffs_put_a_score_on_the_cutoff_in_the_upper_tier() {
        let scores = [10.0, 33.0, 50.0, 66.0, 90.0];
        let order = rank_order(&scores, &[0, 1, 2, 3, 4]);
        let tiers = assign_tiers(&scores, &[1.0; 5], &order, &rule(3, TierMethod::ScoreCutoffs, vec![33.0, 66.0]));
        assert_eq!(tiers, vec![1, 2, 2, 3, 3]);
    }

    #[test]
    fn floors_are_the_lowest_score_of_each_upper_tier() {
        assert_eq!(tier_floors(&[1.0, 5.0, 3.0, 9.0], &[1, 2, 2, 3], &[0, 2, 1, 3], 4), vec![Some(3.0), Some(9.0), None]);
    }
}
