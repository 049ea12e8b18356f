//! Normalisation: turning one indicator's raw values into comparable numbers that always
//! point the same way (higher = more advantaged).

use super::formula::{Direction, Normalization};
use super::sort::{SortScratch, sort_indices_by_key};

/// [`normalize`] over the values that are present (not NaN) and `included`, leaving NaN
/// elsewhere: each indicator normalised over the areas that have it.
pub fn normalize_present(values: &[f64], weights: &[f64], included: &[bool], method: Normalization, direction: Direction) -> Vec<f64> {
    let taken: Vec<usize> = (0..values.len()).filter(|&i| included[i] && !values[i].is_nan()).collect();
    let subset: Vec<f64> = taken.iter().map(|&i| values[i]).collect();
    let subset_weights: Vec<f64> = taken.iter().map(|&i| weights[i]).collect();
    let mut out = vec![f64::NAN; values.len()];
    for (&i, v) in taken.iter().zip(normalize(&subset, &subset_weights, method, direction)) {
        out[i] = v;
    }
    out
}

/// Normalises `values` (one per area) with population `weights` (one per area, ≥ 0).
///
/// ```text
/// weighted_percentile: 100 × Σ w_j [v_j ≤ v_i] / Σ w_j      (≥ for a disadvantage)
/// percentile:          100 × #{j : v_j ≤ v_i} / n            (≥ for a disadvantage)
/// zscore:              ±(v_i − mean) / sd                    (population sd; 0 if sd = 0)
/// minmax:              100 × (v_i − min) / (max − min)       (100 − that for a disadvantage;
///                                                             50 for all if max = min)
/// ```
/// Ties count inclusively, so equal values get equal normalised values. With a total weight
/// of zero, the weighted percentile falls back to the unweighted one.
///
/// ```
/// use ses_engine::formula::{Direction, Normalization};
/// use ses_engine::normalize::normalize;
/// let p = normalize(&[10.0, 20.0, 20.0, 40.0], &[1.0, 1.0, 1.0, 1.0],
///                   Normalization::Percentile, Direction::Advantage);
/// assert_eq!(p, vec![25.0, 75.0, 75.0, 100.0]);
/// ```
pub fn normalize(values: &[f64], weights: &[f64], method: Normalization, direction: Direction) -> Vec<f64> {
    debug_assert_eq!(values.len(), weights.len());
    if values.is_empty() {
        return Vec::new();
    }
    match method {
        Normalization::WeightedPercentile => {
            if weights.iter().sum::<f64>() > 0.0 {
                inclusive_percentile(values, weights, direction)
            } else {
                inclusive_percentile(values, &vec![1.0; values.len()], direction)
            }
        }
        Normalization::Percentile => inclusive_percentile(values, &vec![1.0; values.len()], direction),
        Normalization::Zscore => {
            let n = values.len() as f64;
            let mean = values.iter().sum::<f64>() / n;
            let var = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
            let sd = var.sqrt();
            let sign = if direction == Direction::Advantage { 1.0 } else { -1.0 };
            values.iter().map(|v| if sd > 0.0 { sign * (v - mean) / sd } else { 0.0 }).collect()
        }
        Normalization::Minmax => {
            let min = values.iter().copied().fold(f64::INFINITY, f64::min);
            let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            values
                .iter()
                .map(|v| {
                    if max > min {
                        let up = 100.0 * (v - min) / (max - min);
                        if direction == Direction::Advantage { up } else { 100.0 - up }
                    } else {
                        50.0
                    }
                })
                .collect()
        }
    }
}

/// 100 × (weight of areas whose value is at or below this one) / total weight; for a
/// disadvantage, at or above. One radix sort, then a walk over groups of equal values (from
/// the top for a disadvantage); each group's weights are added in file order either way, so
/// the sums never depend on the direction of the walk.
fn inclusive_percentile(values: &[f64], weights: &[f64], direction: Direction) -> Vec<f64> {
    let total: f64 = weights.iter().sum();
    let mut order = Vec::with_capacity(values.len());
    let mut scratch = SortScratch::default();
    sort_indices_by_key(values, &mut order, &mut scratch);
    let sorted = scratch.sorted();
    let mut out = vec![0.0; values.len()];
    let mut cumulative = 0.0;
    // One group of equal values, `order[group]`: its weights added in file order.
    let mut settle = |group: std::ops::Range<usize>| {
        for &i in &order[group.clone()] {
            cumulative += weights[i as usize];
        }
        let p = 100.0 * cumulative / total;
        for &i in &order[group] {
            out[i as usize] = p;
        }
    };
    // The groups are walked where they lie in the sorted values (no list of them is kept:
    // at a million distinct values that list was 16 MB of fresh memory per column).
    if direction == Direction::Advantage {
        let mut start = 0;
        while start < sorted.len() {
            // At least one: a NaN (never equal to itself) is a group of its own.
            let end = start + 1 + sorted[start + 1..].iter().take_while(|&&v| v == sorted[start]).count();
            settle(start..end);
            start = end;
        }
    } else {
        let mut end = sorted.len();
        while end > 0 {
            let start = end - 1 - sorted[..end - 1].iter().rev().take_while(|&&v| v == sorted[end - 1]).count();
            settle(start..end);
            end = start;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Direction::*;
    use Normalization::*;

    #[test]
    fn weighted_percentile_counts_ties_inclusively() {
        // values 1, 2, 2, 3 with weights 10, 20, 30, 40 (total 100)
        let v = [2.0, 1.0, 3.0, 2.0];
        let w = [20.0, 10.0, 40.0, 30.0];
        assert_eq!(normalize(&v, &w, WeightedPercentile, Advantage), vec![60.0, 10.0, 100.0, 60.0]);
        // at or above: 3 → 40; 2 → 40+20+30 = 90; 1 → 100
        assert_eq!(normalize(&v, &w, WeightedPercentile, Disadvantage), vec![90.0, 100.0, 40.0, 90.0]);
    }

    #[test]
    fn weighted_percentile_with_no_population_counts_areas() {
        let v = [1.0, 2.0];
        assert_eq!(normalize(&v, &[0.0, 0.0], WeightedPercentile, Advantage), vec![50.0, 100.0]);
    }

    #[test]
    fn unweighted_percentile_ignores_weights() {
        let v = [5.0, 1.0, 3.0, 3.0];
        assert_eq!(normalize(&v, &[9.0, 1.0, 1.0, 1.0], Percentile, Advantage), vec![100.0, 25.0, 75.0, 75.0]);
        assert_eq!(normalize(&v, &[9.0, 1.0, 1.0, 1.0], Percentile, Disadvantage), vec![25.0, 100.0, 75.0, 75.0]);
    }

    #[test]
    fn zscore_uses_population_sd_and_flips_for_disadvantage() {
        // mean 5, population sd 2
        let v = [3.0, 3.0, 7.0, 7.0];
        assert_eq!(normalize(&v, &[1.0; 4], Zscore, Advantage), vec![-1.0, -1.0, 1.0, 1.0]);
        assert_eq!(normalize(&v, &[1.0; 4], Zscore, Disadvantage), vec![1.0, 1.0, -1.0, -1.0]);
        assert_eq!(normalize(&[4.0, 4.0], &[1.0; 2], Zscore, Advantage), vec![0.0, 0.0]);
    }

    #[test]
    fn minmax_spans_zero_to_hundred() {
        let v = [10.0, 20.0, 30.0];
        assert_eq!(normalize(&v, &[1.0; 3], Minmax, Advantage), vec![0.0, 50.0, 100.0]);
        assert_eq!(normalize(&v, &[1.0; 3], Minmax, Disadvantage), vec![100.0, 50.0, 0.0]);
        assert_eq!(normalize(&[7.0, 7.0], &[1.0; 2], Minmax, Advantage), vec![50.0, 50.0]);
    }

    #[test]
    fn a_value_that_is_not_a_number_ends_the_walk_all_the_same() {
        // Callers pass present values only; one that slips through must not hang the page.
        let v = [1.0, f64::NAN, 2.0, 2.0];
        for direction in [Advantage, Disadvantage] {
            let p = normalize(&v, &[1.0; 4], Percentile, direction);
            assert_eq!(p.len(), 4);
            assert_eq!(p[2], p[3], "equal values share a percentile");
        }
    }

    #[test]
    fn empty_input_gives_empty_output() {
        assert!(normalize(&[], &[], WeightedPercentile, Advantage).is_empty());
    }
}
