//! The weighted sum, the step after normalisation: an area's score is the weighted mean of its
//! normalised indicator values, each enabled indicator weighing its share of the total weight.

use super::formula::Formula;

/// Scores of `n` scored positions into `scores` (its memory reused): Σ wᵢ/Σw × nᵢ over the
/// enabled indicators of non-zero weight, added indicator by indicator in formula order (so
/// the sums round the same way on every machine and in every build).
pub fn weighted_sum_into(formula: &Formula, normalized: &[Vec<f64>], n: usize, scores: &mut Vec<f64>) {
    let total_weight = formula.total_weight();
    scores.clear();
    scores.resize(n, 0.0);
    for (ind, values) in formula.indicators.iter().zip(normalized) {
        if ind.enabled && ind.weight > 0.0 {
            let w = ind.weight / total_weight;
            for (s, v) in scores.iter_mut().zip(values) {
                *s += w * v;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::demo::demo_formula;

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
        weighted_sum_into(&f, &normalized, 2, &mut scores);
        assert_eq!(scores.len(), 2, "the buffer is reused and resized");
        assert!((scores[0] - 60.0).abs() < 1e-12 && (scores[1] - 40.0).abs() < 1e-12, "{scores:?}");
    }
}
