//! A scenario set against a baseline: who changes rank or tier, and who gains or loses money.

use std::sync::Arc;

use super::error::{Result, SettingsProblem};
use super::model::Evaluation;

/// Changes from a baseline to a scenario on the same data.
///
/// Rank changes are `baseline rank − scenario rank`: positive means the area or school moved
/// up the list (towards rank 1, highest need).
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Per area: the rank change, [`NO_CHANGE_KNOWN`] when either side did not rank the
    /// area (compact, as a slider step at a quarter million areas rewrites it; read it with
    /// [`Comparison::area_rank_change`]).
    area_rank_change: Vec<i32>,
    /// Per area: scenario tier − baseline tier, or [`NO_TIER_CHANGE_KNOWN`].
    area_tier_change: Vec<i8>,
    /// Areas whose tier changed.
    areas_changing_tier: usize,
    /// Per school (shared: a step whose schools come later keeps the last ones without a copy).
    pub school_rank_change: Arc<Vec<i64>>,
    /// Per school: scenario cents − baseline cents, when both allocated (shared likewise).
    pub school_allocation_change_cents: Arc<Vec<Option<i64>>>,
}

/// Compares two evaluations of the same data.
///
/// # Errors
/// Evaluations of different numbers of areas or schools (not the same data).
pub fn compare(baseline: &Evaluation, scenario: &Evaluation) -> Result<Comparison> {
    let areas = AreaChanges::between(baseline, scenario)?;
    // One pass over both sides' schools for both changes: each outcome is read once.
    let (school_rank_change, school_allocation_change_cents): (Vec<i64>, Vec<Option<i64>>) = baseline
        .schools
        .iter()
        .zip(scenario.schools.iter())
        .map(|(b, s)| (i64::from(b.rank) - i64::from(s.rank), s.allocation_cents.zip(b.allocation_cents).map(|(s, b)| s - b)))
        .unzip();
    Ok(areas.with_schools(Arc::new(school_rank_change), Arc::new(school_allocation_change_cents)))
}

/// Compares the areas of two evaluations, and takes the schools' changes from `earlier` (the
/// comparison of the schools the scenario still shows, which a step at state scale works out
/// once the person pauses).
///
/// # Errors
/// As [`compare`].
pub fn compare_areas(baseline: &Evaluation, scenario: &Evaluation, earlier: &Comparison) -> Result<Comparison> {
    let areas = AreaChanges::between(baseline, scenario)?;
    Ok(areas.with_schools(Arc::clone(&earlier.school_rank_change), Arc::clone(&earlier.school_allocation_change_cents)))
}

/// The areas' part of a [`Comparison`].
struct AreaChanges {
    rank: Vec<i32>,
    tier: Vec<i8>,
    changing_tier: usize,
}

impl AreaChanges {
    fn between(baseline: &Evaluation, scenario: &Evaluation) -> Result<AreaChanges> {
        if baseline.areas.len() != scenario.areas.len() || baseline.schools.len() != scenario.schools.len() {
            return Err(SettingsProblem::BaselineOnOtherData.into());
        }
        let (before, after) = (&baseline.areas, &scenario.areas);
        // Ranks are below 2³¹ for any file a person can load; the clamp only keeps a larger one
        // from reading as "unknown".
        let rank = per_area(before.ranks(), after.ranks(), NO_CHANGE_KNOWN, |b, s| {
            (i64::from(b) - i64::from(s)).clamp(-i64::from(i32::MAX), i64::from(i32::MAX)) as i32
        });
        let mut changing_tier = 0;
        // Tiers run 1..=K with K at most 10 (the formula's check).
        let tier = per_area(before.tiers(), after.tiers(), NO_TIER_CHANGE_KNOWN, |b, s| {
            changing_tier += usize::from(b != s);
            s as i8 - b as i8
        });
        Ok(AreaChanges { rank, tier, changing_tier })
    }

    fn with_schools(self, school_rank_change: Arc<Vec<i64>>, school_allocation_change_cents: Arc<Vec<Option<i64>>>) -> Comparison {
        Comparison {
            area_rank_change: self.rank,
            area_tier_change: self.tier,
            areas_changing_tier: self.changing_tier,
            school_rank_change,
            school_allocation_change_cents,
        }
    }
}

/// `change(before, after)` for each area that both sides gave a value (0 is none), else
/// `unknown`.
fn per_area<T: Copy + Default + PartialEq, C: Copy>(before: &[T], after: &[T], unknown: C, mut change: impl FnMut(T, T) -> C) -> Vec<C> {
    let none = T::default();
    before.iter().zip(after).map(|(&b, &s)| if b == none || s == none { unknown } else { change(b, s) }).collect()
}

/// An area's rank change when either side left it unranked.
const NO_CHANGE_KNOWN: i32 = i32::MIN;
/// An area's tier change when either side left it without a tier.
const NO_TIER_CHANGE_KNOWN: i8 = i8::MIN;

impl Comparison {
    /// An area's rank change (baseline − scenario; positive: towards rank 1), `None` when
    /// either side did not rank it.
    pub fn area_rank_change(&self, area: usize) -> Option<i64> {
        self.area_rank_change.get(area).filter(|&&c| c != NO_CHANGE_KNOWN).map(|&c| i64::from(c))
    }

    /// An area's tier change (scenario − baseline), `None` when either side gave it no tier.
    pub fn area_tier_change(&self, area: usize) -> Option<i32> {
        self.area_tier_change.get(area).filter(|&&c| c != NO_TIER_CHANGE_KNOWN).map(|&c| i32::from(c))
    }

    /// Areas whose rank moved by at least `places` either way.
    pub fn areas_moving(&self, places: i64) -> usize {
        self.area_rank_change.iter().filter(|&&c| c != NO_CHANGE_KNOWN && i64::from(c).abs() >= places).count()
    }

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
        self.areas_changing_tier
    }

    /// Up to `n` school indices with the largest gains (largest first) and the largest losses
    /// (largest first); ties in file order. Schools with no change are left out.
    pub fn biggest_changes(&self, n: usize) -> (Vec<usize>, Vec<usize>) {
        // One pass keeping the n best so far (a handful, kept sorted): what a step at 100,000
        // schools can afford, where sorting every gain and loss took milliseconds.
        fn keep(best: &mut Vec<(i64, usize)>, key: (i64, usize), n: usize) {
            if best.len() == n && best.last().is_none_or(|last| key >= *last) {
                return;
            }
            let at = best.partition_point(|b| *b < key);
            best.insert(at, key);
            best.truncate(n);
        }
        let (mut gains, mut losses) = (Vec::with_capacity(n + 1), Vec::with_capacity(n + 1));
        for (i, change) in self.school_allocation_change_cents.iter().enumerate() {
            match *change {
                Some(c) if c > 0 => keep(&mut gains, (-c, i), n),
                Some(c) if c < 0 => keep(&mut losses, (c, i), n),
                _ => {}
            }
        }
        (gains.into_iter().map(|(_, i)| i).collect(), losses.into_iter().map(|(_, i)| i).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schools::SchoolOutcome;
    use rand::{Rng, SeedableRng};

    #[test]
    fn each_school_moves_by_its_rank_and_money_between_the_two_sides() {
        let side = |ranks: [u32; 3], cents: [Option<i64>; 3]| {
            let mut e = Evaluation::default();
            e.schools = ranks
                .iter()
                .zip(cents)
                .map(|(&rank, allocation_cents)| SchoolOutcome { rank, allocation_cents, ..SchoolOutcome::empty(2) })
                .collect::<Vec<_>>()
                .into();
            e
        };
        let baseline = side([1, 2, 3], [Some(100), Some(50), None]);
        let scenario = side([2, 1, 3], [Some(70), Some(80), Some(5)]);
        let c = compare(&baseline, &scenario).unwrap();
        // Rank: baseline − scenario (positive: towards rank 1); money: scenario − baseline,
        // unknown where either side has none.
        assert_eq!(*c.school_rank_change, vec![-1, 1, 0]);
        assert_eq!(*c.school_allocation_change_cents, vec![Some(-30), Some(30), None]);
        assert_eq!(c.cents_moved(), 30);
        assert_eq!(c.schools_moving(1), 2);
    }

    #[test]
    fn the_biggest_changes_are_those_of_a_full_sort() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(5);
        for schools in [0, 1, 4, 60, 3_000] {
            // Few distinct amounts, so that ties (broken by file order) are common.
            let cents: Vec<Option<i64>> = (0..schools).map(|_| rng.random_bool(0.9).then(|| rng.random_range(-6..=6) * 100)).collect();
            let c = Comparison {
                area_rank_change: Vec::new(),
                area_tier_change: Vec::new(),
                areas_changing_tier: 0,
                school_rank_change: Arc::new(vec![0; schools]),
                school_allocation_change_cents: Arc::new(cents.clone()),
            };
            let mut gains: Vec<(i64, usize)> =
                cents.iter().enumerate().filter_map(|(i, c)| c.filter(|&c| c > 0).map(|c| (-c, i))).collect();
            let mut losses: Vec<(i64, usize)> =
                cents.iter().enumerate().filter_map(|(i, c)| c.filter(|&c| c < 0).map(|c| (c, i))).collect();
            gains.sort();
            losses.sort();
            for n in [0, 1, 5, 50] {
                let want = |v: &[(i64, usize)]| v.iter().take(n).map(|&(_, i)| i).collect::<Vec<_>>();
                assert_eq!(c.biggest_changes(n), (want(&gains), want(&losses)), "{schools} schools, {n}");
            }
        }
    }
}
