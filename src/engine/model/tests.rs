//! The pipeline's tests: hand-computed scores, tiers, profiles and allocations.

use super::*;
use crate::allocation::AllocationMethod;
use crate::allocation::AllocationSettings;
use crate::compare::compare;
use crate::dataset::{Areas, Dataset, Enrollment, EnrollmentColumns, SchoolColumns, Schools};
use std::sync::Arc;

use super::outcomes::in_rank_order;
use crate::error::{EngineError, Purpose};
use crate::formula::{Direction, Formula};
use crate::table::Table;

const AREAS: &[u8] = b"id,kids,income,single\na,10,100,50\nb,20,200,40\nc,30,300,30\nd,40,NA,20\n";
const SCHOOLS: &[u8] = b"school_id,name\nS1,First\nS2,Second\n";
const ENROLLMENT: &[u8] = b"area_id,school_id,students\na,S1,10\nb,S1,10\nc,S2,20\nd,S2,5\nb,S2,10\n";

fn formula() -> Formula {
    Formula::from_json(
        "f.json",
        br#"{"version":1,"id_column":"id","population_column":"kids","normalization":"weighted_percentile",
            "indicators":[{"column":"income","direction":"advantage","weight":1},
                          {"column":"single","direction":"disadvantage","weight":1}],
            "tiers":{"count":2,"method":"equal_population"}}"#,
    )
    .unwrap()
}

fn data() -> Dataset {
    data_of(AREAS)
}

fn data_of(areas: &[u8]) -> Dataset {
    let areas = Areas::parse("areas.csv", areas).unwrap();
    let schools = Schools::parse("schools.csv", SCHOOLS, &SchoolColumns::default()).unwrap();
    let ids = areas.table().id_column("id", Purpose::Indicator).unwrap();
    let enrollment =
        Enrollment::from_counts(&Table::parse("enrollment.csv", ENROLLMENT).unwrap(), &EnrollmentColumns::default(), &ids, &schools)
            .unwrap();
    Dataset { areas, schools: Some((schools, enrollment)) }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn evaluate(allocation: Option<&AllocationSettings>) -> Evaluation {
    let (data, f) = (data(), formula());
    Prepared::new(&data, &f).unwrap().evaluate(&data, &f, RankBy::Tier1Share, allocation).unwrap()
}

#[test]
fn rows_missing_an_indicator_are_excluded_and_reported() {
    let p = Prepared::new(&data(), &formula()).unwrap();
    assert_eq!(p.exclusions().len(), 1);
    assert_eq!(p.exclusions()[0].to_string(), "areas.csv: row 5 (id d) is not scored: no value in column \"income\"");
    let e = evaluate(None);
    assert_eq!(e.areas.of(3), AreaOutcome::default());
}

#[test]
fn scores_tiers_and_ranks_follow_the_hand_computation() {
    let e = evaluate(None);
    let scores: Vec<f64> = e.areas.iter().take(3).map(|a| a.score.unwrap()).collect();
    assert!(close(scores[0], 100.0 / 6.0) && close(scores[1], 50.0) && close(scores[2], 100.0), "{scores:?}");
    let tiers: Vec<u8> = e.areas.iter().take(3).map(|a| a.tier.unwrap()).collect();
    assert_eq!(tiers, [1, 1, 2]);
    let ranks: Vec<u32> = e.areas.iter().take(3).map(|a| a.rank.unwrap()).collect();
    assert_eq!(ranks, [1, 2, 3]);
    assert_eq!(e.tier_floors, vec![Some(100.0)]);
}

#[test]
fn school_profiles_count_students_by_tier_and_mean_score() {
    let e = evaluate(None);
    let (s1, s2) = (&e.schools[0], &e.schools[1]);
    assert_eq!(s1.students_by_tier, [20.0, 0.0]);
    assert_eq!(s2.students_by_tier, [10.0, 20.0]);
    assert_eq!(s2.unscored_students, 5.0);
    assert!(close(s1.mean_score.unwrap(), (10.0 * 100.0 / 6.0 + 10.0 * 50.0) / 20.0));
    assert!(close(s2.mean_score.unwrap(), (10.0 * 50.0 + 20.0 * 100.0) / 30.0));
    assert!(close(s2.tier_share(1).unwrap(), 1.0 / 3.0));
    assert_eq!((s1.rank, s2.rank), (1, 2));
}

#[test]
fn allocations_add_up_to_the_pool_for_every_method() {
    let mut s = AllocationSettings { pool: 300.0, method: AllocationMethod::WeightedPerPupil, tier_weights: vec![], cutoff_percent: 50.0 };
    let cents = |e: Evaluation| e.schools.iter().map(|s| s.allocation_cents.unwrap()).collect::<Vec<_>>();
    assert_eq!(cents(evaluate(Some(&s))), [20_000, 10_000]);
    s.method = AllocationMethod::ProportionalToNeed;
    assert_eq!(cents(evaluate(Some(&s))), [21_818, 8_182]);
    s.method = AllocationMethod::RankAndServe;
    let e = evaluate(Some(&s));
    assert!(!e.schools[1].served);
    assert_eq!(cents(e), [30_000, 0]);
}

#[test]
fn ranking_by_mean_score_orders_lowest_first() {
    let (data, f) = (data(), formula());
    let e = Prepared::new(&data, &f).unwrap().evaluate(&data, &f, RankBy::MeanScore, None).unwrap();
    assert_eq!((e.schools[0].rank, e.schools[1].rank), (1, 2));
}

#[test]
fn equal_scores_rank_by_id_whatever_the_file_order() {
    let areas = Areas::parse("a.csv", b"id,x\nz,1\nm,1\na,1\n").unwrap();
    let data = Dataset::areas_only(areas);
    let f = Formula::from_json(
        "f.json",
        br#"{"version":1,"id_column":"id","normalization":"percentile",
        "indicators":[{"column":"x","direction":"advantage","weight":1}],"tiers":{"count":3,"method":"equal_count"}}"#,
    )
    .unwrap();
    let e = Prepared::new(&data, &f).unwrap().evaluate(&data, &f, RankBy::default(), None).unwrap();
    let ranks: Vec<u32> = e.areas.iter().map(|a| a.rank.unwrap()).collect();
    assert_eq!(ranks, [3, 2, 1]);
    let tiers: Vec<u8> = e.areas.iter().map(|a| a.tier.unwrap()).collect();
    assert_eq!(tiers, [3, 2, 1]);
}

#[test]
fn a_weight_change_reuses_the_preparation_but_a_direction_change_does_not() {
    let (data, mut f) = (data(), formula());
    let p = Prepared::new(&data, &f).unwrap();
    f.indicators[0].weight = 3.0;
    assert!(p.serves(&f));
    assert!(p.evaluate(&data, &f, RankBy::default(), None).is_ok());
    f.indicators[0].direction = Direction::Disadvantage;
    assert!(!p.serves(&f));
    assert!(p.evaluate(&data, &f, RankBy::default(), None).is_err());
}

#[test]
fn rank_order_places_each_item_by_its_rank_or_sorts_when_ranks_have_gaps() {
    assert_eq!(in_rank_order([Some(2), None, Some(1), Some(3)].into_iter()), [2, 0, 3]);
    // Ranks that repeat or skip (not what an evaluation makes) are still put in order.
    assert_eq!(in_rank_order([Some(5), Some(2), Some(2)].into_iter()), [1, 2, 0]);
    assert_eq!(in_rank_order([Some(9), Some(1)].into_iter()), [1, 0]);
    let e = evaluate(None);
    let order = e.area_order();
    assert!(order.windows(2).all(|w| e.areas.of(w[0]).rank < e.areas.of(w[1]).rank));
    assert_eq!(order.len(), e.areas.iter().filter(|a| a.rank.is_some()).count());
}

#[test]
fn all_zero_weights_are_an_error_not_nan() {
    let (data, mut f) = (data(), formula());
    let p = Prepared::new(&data, &f).unwrap();
    for i in &mut f.indicators {
        i.weight = 0.0;
    }
    let err = p.evaluate(&data, &f, RankBy::default(), None).unwrap_err();
    assert!(
        matches!(err, EngineError::InvalidSettings(crate::error::SettingsProblem::Formula(crate::error::FormulaRule::NoWeight))),
        "{err}"
    );
}

#[test]
fn nothing_to_score_is_an_error() {
    let data = Dataset::areas_only(Areas::parse("a.csv", b"id,kids,income,single\na,1,,5\n").unwrap());
    assert_eq!(Prepared::new(&data, &formula()).unwrap_err(), EngineError::NothingToScore { file: "a.csv".into() });
}

#[test]
fn comparison_reports_rank_tier_and_money_changes() {
    let (data, f) = (data(), formula());
    let s = AllocationSettings { pool: 300.0, ..AllocationSettings::default() };
    let p = Prepared::new(&data, &f).unwrap();
    let base = p.evaluate(&data, &f, RankBy::default(), Some(&s)).unwrap();
    // Income only, in the other direction: the order of areas flips.
    let mut g = f.clone();
    g.indicators[1].enabled = false;
    g.indicators[0].direction = Direction::Disadvantage;
    let q = Prepared::new(&data, &g).unwrap();
    let scen = q.evaluate(&data, &g, RankBy::default(), Some(&s)).unwrap();
    let c = compare(&base, &scen).unwrap();
    assert_eq!((0..3).map(|a| c.area_rank_change(a)).collect::<Vec<_>>(), [Some(-2), Some(0), Some(2)]);
    assert_eq!(c.area_rank_change(3), None);
    // scenario scores a 100, b 83.3, c 50; cumulative kids 30, 50, 60 of 60 → tiers c 1, b 2, a 2
    assert_eq!((0..3).map(|a| c.area_tier_change(a)).collect::<Vec<_>>(), [Some(1), Some(1), Some(-1)]);
    assert_eq!(*c.school_rank_change, [-1, 1]);
    let moved = c.school_allocation_change_cents.iter().flatten().sum::<i64>();
    assert_eq!(moved, 0, "same pool: gains equal losses");
    assert_eq!(c.schools_moving(1), 2);
    assert_eq!(c.areas_changing_tier(), 3);
    let (gains, losses) = c.biggest_changes(5);
    assert_eq!((gains, losses), (vec![1], vec![0]));
}

/// The areas now and the schools later give what one evaluation gives, to the last bit;
/// until then the evaluation keeps the schools it had.
pub(crate) fn assert_split_matches_whole(data: &Dataset, f: &Formula, rank_by: RankBy, allocation: Option<&AllocationSettings>) {
    let prepared = Prepared::new(data, f).unwrap();
    let whole = prepared.evaluate(data, f, rank_by, allocation).unwrap();
    let earlier = Evaluation { schools: Arc::new(vec![SchoolOutcome::empty(2)]), ..Evaluation::default() };
    let mut split = Evaluation::showing_schools_of(&earlier);
    prepared.evaluate_areas_into(data, f, allocation, &mut split).unwrap();
    assert!(Arc::ptr_eq(&split.schools, &earlier.schools), "the areas' part leaves the schools as they were");
    assert_eq!(split.areas, whole.areas);
    assert_eq!(split.tier_floors, whole.tier_floors);
    assert_eq!(split.pool_cents, whole.pool_cents);
    let split = split.with_schools(prepared.school_outcomes(f, rank_by, allocation, &split).unwrap());
    assert_eq!(split, whole);
    for (a, b) in split.schools.iter().zip(whole.schools.iter()) {
        assert_eq!(a.mean_score.map(f64::to_bits), b.mean_score.map(f64::to_bits));
        assert_eq!(a.need.to_bits(), b.need.to_bits());
    }
}

#[test]
fn the_schools_part_taken_later_matches_a_whole_evaluation() {
    // An area not scored (d) before the others, so positions and file order differ.
    let (data, f) = (data_of(b"id,kids,income,single\nd,40,NA,20\na,10,100,50\nb,20,200,40\nc,30,300,30\n"), formula());
    for rank_by in [RankBy::Tier1Share, RankBy::MeanScore] {
        assert_split_matches_whole(&data, &f, rank_by, None);
        for method in AllocationMethod::ALL {
            let settings = AllocationSettings { method, cutoff_percent: 30.0, ..AllocationSettings::default() };
            assert_split_matches_whole(&data, &f, rank_by, Some(&settings));
        }
    }
    // Every area scored, many schools, weights moved.
    let demo = crate::demo::DemoDistrict::generate(3, crate::demo::DemoSize { areas: 400, schools: 60, students: 20_000 });
    let (data, mut f) = (demo.dataset().unwrap(), crate::demo::demo_formula());
    for weight in [0.0, 0.3, 2.5] {
        f.indicators[0].weight = weight;
        assert_split_matches_whole(&data, &f, RankBy::Tier1Share, Some(&AllocationSettings::default()));
    }
}

#[test]
fn settings_the_schools_would_reject_are_rejected_with_the_areas() {
    let (data, f) = (data(), formula());
    let prepared = Prepared::new(&data, &f).unwrap();
    let wrong = AllocationSettings { tier_weights: vec![1.0, 2.0, 3.0], ..AllocationSettings::default() };
    assert!(prepared.evaluate(&data, &f, RankBy::Tier1Share, Some(&wrong)).is_err());
    assert!(prepared.evaluate_areas_into(&data, &f, Some(&wrong), &mut Evaluation::default()).is_err());
}
