//! The weighted sum, the step after normalisation: an area's score is the weighted mean of its
//! normalised indicator values, each enabled indicator weighing its effective share of the
//! score (in a formula of groups, the product of its share within its group and its groups'
//! shares up the tree, [`Formula::weight_shares`]).
//!
//! With every value present that is one sum per area, done column by column for all areas at
//! once. An area with values missing under the `reweight` policy is scored by the tree itself
//! ([`reweighted_score`]): a missing indicator is dropped and its siblings' weights rescaled
//! within their group; a group with nothing left is missing one level up.

use super::formula::Formula;

/// Scores of `n` scored positions into `scores` (its memory reused): Σ sᵢ × nᵢ over the
/// indicators with a share sᵢ above zero (`shares`, from [`Formula::weight_shares_into`]),
/// added indicator by indicator in formula order (so the sums round the same way on every
/// machine and in every build). A position with a missing value (NaN) gets NaN.
pub fn weighted_sum_into(shares: &[f64], normalized: &[Vec<f64>], n: usize, scores: &mut Vec<f64>) {
    scores.clear();
    scores.resize(n, 0.0);
    for (&w, values) in shares.iter().zip(normalized) {
        if w > 0.0 {
            for (s, v) in scores.iter_mut().zip(values) {
                *s += w * v;
            }
        }
    }
}

/// The score of one area whose normalised values are given by `value` (NaN = missing),
/// reweighted within each group over what is present ([`Formula::shares_of_present`]); NaN
/// when nothing is.
pub fn reweighted_score(formula: &Formula, value: &dyn Fn(usize) -> f64) -> f64 {
    let mut shares = Vec::new();
    formula.shares_of_present(&|i| !value(i).is_nan(), &mut shares);
    weighted_mean(&shares, &(0..shares.len()).collect::<Vec<_>>(), value)
}

/// Each group's score for one area, in [`Formula::all_groups`] order: the weighted mean of
/// its indicators' values with their effective shares (reweighted over what is present); NaN
/// for a group with nothing present or that carries no weight.
pub fn group_scores(formula: &Formula, value: &dyn Fn(usize) -> f64) -> Vec<f64> {
    let mut shares = Vec::new();
    formula.shares_of_present(&|i| !value(i).is_nan(), &mut shares);
    formula.all_groups().into_iter().map(|(_, g)| weighted_mean(&shares, &g.all_indicators(), value)).collect()
}

/// Σ sᵢvᵢ / Σ sᵢ over `members` with a share above zero; NaN when none has.
fn weighted_mean(shares: &[f64], members: &[usize], value: &dyn Fn(usize) -> f64) -> f64 {
    let (mut sum, mut weight) = (0.0, 0.0);
    for &i in members {
        if shares[i] > 0.0 {
            sum += shares[i] * value(i);
            weight += shares[i];
        }
    }
    if weight > 0.0 { sum / weight } else { f64::NAN }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_formula;

    #[test]
    fn scores_are_the_weighted_mean_of_enabled_indicators() {
        let mut f = demo_formula();
        f.indicators.truncate(3);
        f.indicators[0].weight = 2.0;
        f.indicators[1].weight = 1.0;
        f.indicators[2].weight = 5.0;
        f.indicators[2].enabled = false;
        let normalized = vec![vec![90.0, 30.0], vec![0.0, 60.0], vec![100.0, 100.0]];
        let mut scores = vec![7.0; 9];
        weighted_sum_into(&f.weight_shares(), &normalized, 2, &mut scores);
        assert_eq!(scores.len(), 2, "the buffer is reused and resized");
        assert!((scores[0] - 60.0).abs() < 1e-12 && (scores[1] - 40.0).abs() < 1e-12, "{scores:?}");
    }
}
