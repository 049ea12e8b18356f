//! Small-count suppression for what leaves the analyst's screen: when school counts come from
//! student-level data, a count of students below a threshold (default 10) is shown as "<10",
//! and so is anything that would let a reader work it out again:
//!
//! - a tier's share of a school whose tier count is hidden (share × students = the count);
//! - every share and the dollars per pupil of a school whose total is hidden;
//! - one more count in a school where only one of its parts (the tiers and the unscored
//!   students, which add up to the total) is hidden, since the total minus the others would
//!   give it back: the smallest other non-zero part is hidden too.
//!
//! Zero stays zero: "no student" singles out no one.

use super::model::SchoolOutcome;

/// The threshold most statistical agencies and districts use.
pub const DEFAULT_THRESHOLD: u32 = 10;

/// The threshold that applies to `data`'s exports: counts come from student-level data and
/// the threshold is above zero (0 means "write every count"); `None` otherwise.
pub fn suppression(data: &super::dataset::Dataset, threshold: u32) -> Option<u32> {
    let student_level = data.schools.as_ref().is_some_and(|(_, enrollment)| enrollment.student_level);
    (student_level && threshold > 0).then_some(threshold)
}

/// What a school's row may show.
#[derive(Debug, Clone, PartialEq)]
pub struct SchoolCells {
    /// Total students (scored and unscored); `None` when hidden.
    pub students: Option<f64>,
    pub unscored: Option<f64>,
    /// Students per tier (index 0 = tier 1); `None` when hidden.
    pub tiers: Vec<Option<f64>>,
    /// Share of scored students per tier; `None` when hidden (or undefined).
    pub shares: Vec<Option<f64>>,
    /// Whether dollars per pupil may be shown.
    pub per_pupil: bool,
}

/// The text for a hidden count under `threshold`.
pub fn hidden(threshold: u32) -> String {
    format!("<{threshold}")
}

fn small(v: f64, threshold: u32) -> bool {
    v > 0.0 && v < f64::from(threshold)
}

/// What school `s` may show with counts below `threshold` suppressed.
pub fn school_cells(s: &SchoolOutcome, threshold: u32) -> SchoolCells {
    let total = s.students();
    let tiers: Vec<f64> = s.students_by_tier.iter().copied().collect();
    // Parts that add up to the total: the unscored students, then each tier.
    let parts: Vec<f64> = std::iter::once(s.unscored_students).chain(tiers.iter().copied()).collect();
    let mut hide: Vec<bool> = parts.iter().map(|p| small(*p, threshold)).collect();
    let total_hidden = small(total, threshold);
    if !total_hidden && hide.iter().filter(|h| **h).count() == 1 {
        // One hidden part could be recovered by subtraction: hide the smallest other one too.
        if let Some((k, _)) = parts.iter().enumerate().filter(|(k, p)| !hide[*k] && **p > 0.0).min_by(|a, b| a.1.total_cmp(b.1)) {
            hide[k] = true;
        }
    }
    let scored = s.scored_students();
    let tier_cells: Vec<Option<f64>> = tiers.iter().enumerate().map(|(t, v)| (!total_hidden && !hide[t + 1]).then_some(*v)).collect();
    let shares = tier_cells.iter().enumerate().map(|(t, shown)| shown.and_then(|_| (scored > 0.0).then(|| tiers[t] / scored))).collect();
    SchoolCells {
        students: (!total_hidden).then_some(total),
        unscored: (!total_hidden && !hide[0]).then_some(s.unscored_students),
        tiers: tier_cells,
        shares,
        per_pupil: !total_hidden,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TierCounts;

    #[test]
    fn only_student_level_counts_are_suppressed_and_zero_turns_it_off() {
        use crate::dataset::{Areas, Dataset, Enrollment};
        let areas = || {
            Areas::parse(
                "a.csv",
                b"id,kids
a,5
",
            )
            .unwrap()
        };
        let by_counts = Dataset { areas: areas(), schools: None };
        assert_eq!(suppression(&by_counts, 10), None, "no schools");
        let schools = crate::dataset::Schools::from_table(
            &crate::table::Table::parse(
                "s.csv",
                b"school_id
S
",
            )
            .unwrap(),
            &Default::default(),
        )
        .unwrap();
        let mut enrollment = Enrollment::one_school_per_area(&[5.0]);
        let counts = Dataset { areas: areas(), schools: Some((schools.clone(), enrollment.clone())) };
        assert_eq!(suppression(&counts, 10), None, "counts given per area and school are not student-level");
        enrollment.student_level = true;
        let students = Dataset { areas: areas(), schools: Some((schools, enrollment)) };
        assert_eq!(suppression(&students, 10), Some(10));
        assert_eq!(suppression(&students, 0), None, "0 writes every count");
    }

    fn school(unscored: f64, tiers: &[f64]) -> SchoolOutcome {
        SchoolOutcome {
            students_by_tier: TierCounts::from_slice(tiers),
            unscored_students: unscored,
            mean_score: None,
            need: 0.0,
            rank: 1,
            allocation_cents: None,
            served: true,
        }
    }

    #[test]
    fn a_small_tier_is_hidden_with_its_share_and_the_next_smallest_part() {
        let c = school_cells(&school(0.0, &[4.0, 30.0, 50.0]), 10);
        assert_eq!(c.students, Some(84.0));
        assert_eq!(c.tiers, [None, None, Some(50.0)], "tier 1 is small; tier 2 goes too, or 84 − 50 − 0 would give it back");
        assert_eq!(c.shares[0], None);
        assert_eq!(c.shares[1], None);
        assert!((c.shares[2].unwrap() - 50.0 / 84.0).abs() < 1e-12);
        assert!(c.per_pupil);
    }

    #[test]
    fn two_small_parts_hide_each_other_and_zero_stays() {
        let c = school_cells(&school(3.0, &[0.0, 5.0, 40.0]), 10);
        assert_eq!((c.unscored, c.tiers.clone()), (None, vec![Some(0.0), None, Some(40.0)]));
        let c = school_cells(&school(0.0, &[0.0, 20.0, 40.0]), 10);
        assert_eq!(c.tiers, [Some(0.0), Some(20.0), Some(40.0)], "nothing small, nothing hidden");
    }

    #[test]
    fn a_small_school_hides_everything_that_counts() {
        let c = school_cells(&school(0.0, &[2.0, 3.0, 1.0]), 10);
        assert_eq!(c.students, None);
        assert!(c.tiers.iter().all(Option::is_none) && c.shares.iter().all(Option::is_none));
        assert!(!c.per_pupil);
        assert_eq!(hidden(10), "<10");
    }
}
