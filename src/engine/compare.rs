//! A scenario set against a baseline: who changes rank or tier, and who gains or loses money.

use super::error::{Result, SettingsProblem};
use super::model::Evaluation;

/// Changes from a baseline to a scenario on the same data.
///
/// Rank changes are `baseline rank − scenario rank`: positive means the area or school moved
/// up the list (towards rank 1, highest need).
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Per area; `None` when either side did not score the area.
    pub area_rank_change: Vec<Option<i64>>,
    /// Per area: scenario tier − baseline tier.
    pub area_tier_change: Vec<Option<i32>>,
    /// Per school.
    pub school_rank_change: Vec<i64>,
    /// Per school: scenario cents − baseline cents, when both allocated.
    pub school_allocation_change_cents: Vec<Option<i64>>,
}

/// Compares two evaluations of the same data.
///
/// # Errors
/// Evaluations of different numbers of areas or schools (not the same data).
pub fn compare(baseline: &Evaluation, scenario: &Evaluation) -> Result<Comparison> {
    if baseline.areas.len() != scenario.areas.len() || baseline.schools.len() != scenario.schools.len() {
        return Err(SettingsProblem::BaselineOnOtherData.into());
    }
    let area_rank_change = baseline.areas.iter().zip(&scenario.areas).map(|(b, s)| Some(i64::from(b.rank?) - i64::from(s.rank?))).collect();
    let area_tier_change = baseline.areas.iter().zip(&scenario.areas).map(|(b, s)| Some(i32::from(s.tier?) - i32::from(b.tier?))).collect();
    let school_rank_change = baseline.schools.iter().zip(&scenario.schools).map(|(b, s)| i64::from(b.rank) - i64::from(s.rank)).collect();
    let school_allocation_change_cents =
        baseline.schools.iter().zip(&scenario.schools).map(|(b, s)| Some(s.allocation_cents? - b.allocation_cents?)).collect();
    Ok(Comparison { area_rank_change, area_tier_change, school_rank_change, school_allocation_change_cents })
}

impl Comparison {
    /// Schools whose rank moved by at least `places` either way.
    pub fn schools_moving(&self, places: i64) -> usize {
        self.school_rank_change.iter().filter(|c| c.abs() >= places).count()
    }

    /// Cents that move: the sum of all gains (equal to the sum of all losses when both pools
    /// are the same).
    pub fn cents_moved(&self) -> i64 {
        self.school_allocation_change_cents.iter().flatten().filter(|c| **c > 0).sum()
    }

    /// Areas whose tier changed.
    pub fn areas_changing_tier(&self) -> usize {
        self.area_tier_change.iter().flatten().filter(|c| **c != 0).count()
    }

    /// Up to `n` school indices with the largest gains (largest first) and the largest losses
    /// (largest first); ties in file order. Schools with no change are left out.
    pub fn biggest_changes(&self, n: usize) -> (Vec<usize>, Vec<usize>) {
        let changes: Vec<(usize, i64)> =
            self.school_allocation_change_cents.iter().enumerate().filter_map(|(i, c)| c.map(|c| (i, c))).collect();
        let mut gains: Vec<(usize, i64)> = changes.iter().copied().filter(|c| c.1 > 0).collect();
        gains.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut losses: Vec<(usize, i64)> = changes.into_iter().filter(|c| c.1 < 0).collect();
        losses.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        (gains.into_iter().take(n).map(|c| c.0).collect(), losses.into_iter().take(n).map(|c| c.0).collect())
    }
}
