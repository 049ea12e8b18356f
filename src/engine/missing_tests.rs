//! The missing-value policies of formula file v2 and its groups, on hand-computed cases.
//!
//! Four areas with one child each and min–max normalisation, so every normalised value can be
//! worked out by hand: an indicator with values 0, 10, 20 (and 5) over the areas that have it
//! normalises to 0, 50, 100 (and 25).

use super::dataset::{Areas, Dataset, Enrollment, EnrollmentColumns, SchoolColumns, Schools};
use super::error::{EngineError, FormulaRule, Purpose, SettingsProblem};
use super::formula::Formula;
use super::model::{GapHandling, Prepared, RankBy};
use super::table::Table;

/// `d` lacks `y`; `e` lacks everything.
const GAPS: &[u8] = b"id,kids,x,y,z\na,1,0,0,0\nb,1,10,10,10\nc,1,20,20,20\nd,1,5,,15\ne,1,,,\n";
/// `d` lacks `z`, a whole group of the grouped formula.
const GROUP_GAP: &[u8] = b"id,kids,x,y,z\na,1,0,0,0\nb,1,10,10,10\nc,1,20,20,20\nd,1,5,15,\n";

fn data(bytes: &[u8]) -> Dataset {
    Dataset::areas_only(Areas::parse("areas.csv", bytes).unwrap())
}

fn flat(missing: &str) -> Formula {
    Formula::from_json(
        "f.json",
        format!(
            r#"{{"version":2,"id_column":"id","population_column":"kids","normalization":"minmax","missing":{missing},
                "indicators":[{{"column":"x","direction":"advantage","weight":1}},
                              {{"column":"y","direction":"advantage","weight":2}},
                              {{"column":"z","direction":"advantage","weight":1}}],
                "tiers":{{"count":2,"method":"equal_count"}}}}"#
        )
        .as_bytes(),
    )
    .unwrap()
}

/// G1 (weight 2) holds x (1) and y (1); G2 (weight 1) holds z.
fn grouped(missing: &str) -> Formula {
    Formula::from_json(
        "f.json",
        format!(
            r#"{{"version":2,"id_column":"id","population_column":"kids","normalization":"minmax","missing":{missing},
                "groups":[{{"name":"G1","weight":2,"indicators":[{{"column":"x","direction":"advantage","weight":1}},
                                                              {{"column":"y","direction":"advantage","weight":1}}]}},
                          {{"name":"G2","weight":1,"indicators":[{{"column":"z","direction":"advantage","weight":1}}]}}],
                "tiers":{{"count":2,"method":"equal_count"}}}}"#
        )
        .as_bytes(),
    )
    .unwrap()
}

fn scores(data: &Dataset, formula: &Formula) -> Vec<Option<f64>> {
    let prepared = Prepared::new(data, formula).unwrap();
    prepared.evaluate(data, formula, RankBy::Tier1Share, None).unwrap().areas.iter().map(|a| a.score).collect()
}

fn close(got: Option<f64>, want: f64) -> bool {
    got.is_some_and(|g| (g - want).abs() < 1e-9)
}

#[test]
fn leave_out_is_version_1s_rule() {
    let data = data(GAPS);
    let s = scores(&data, &flat(r#"{"policy":"leave_out"}"#));
    assert!(close(s[0], 0.0) && close(s[1], 50.0) && close(s[2], 100.0), "{s:?}");
    assert_eq!((s[3], s[4]), (None, None));
    let prepared = Prepared::new(&data, &flat(r#"{"policy":"leave_out"}"#)).unwrap();
    assert_eq!(prepared.exclusions().len(), 2);
    assert!(prepared.gaps().is_empty());
}

#[test]
fn a_missing_indicator_in_a_group_of_three_is_dropped_and_the_others_reweighted() {
    let data = data(GAPS);
    let formula = flat(r#"{"policy":"reweight"}"#);
    let s = scores(&data, &formula);
    // d: x = 5 of 0..20 → 25, z = 15 of 0..20 → 75, y missing: (1×25 + 1×75) / (1 + 1) = 50.
    assert!(close(s[3], 50.0), "{s:?}");
    // The others are normalised over the areas that have each value, d's x and z included.
    assert!(close(s[0], 0.0) && close(s[1], 50.0) && close(s[2], 100.0), "{s:?}");
    // e has nothing: left out and listed.
    assert_eq!(s[4], None);
    let prepared = Prepared::new(&data, &formula).unwrap();
    assert_eq!(prepared.exclusions().len(), 1);
    assert_eq!(prepared.exclusions()[0].id, "e");
    assert_eq!(prepared.gaps().len(), 1);
    assert_eq!(prepared.gaps()[0].columns, ["y"]);
    assert_eq!(prepared.gaps()[0].row, 5);
    let e = prepared.evaluate(&data, &formula, RankBy::Tier1Share, None).unwrap();
    assert_eq!(e.gaps.len(), 1);
    assert_eq!(e.gaps[0].handling, GapHandling::Reweighted);
    assert!((e.gaps[0].share - 0.5).abs() < 1e-12, "x and z carry half the weight: {}", e.gaps[0].share);
    assert_eq!(e.areas.of(3).rank, Some(3), "d ranks among the scored (after b, its equal, by id)");
    assert_eq!(
        prepared.gap_lines(&e),
        ["scored with gaps: areas.csv: row 5 (id d) has no value in column \"y\"; scored on 50% of the weight"]
    );
}

#[test]
fn a_whole_group_missing_is_dropped_one_level_up() {
    let data = data(GROUP_GAP);
    let s = scores(&data, &grouped(r#"{"policy":"reweight"}"#));
    // d: G2 has nothing; G1 = (25 + 75) / 2 = 50, and G1 is all that is left.
    assert!(close(s[3], 50.0), "{s:?}");
    // b: G1 = 50, G2 = 50 → 50; c: 100.
    assert!(close(s[1], 50.0) && close(s[2], 100.0), "{s:?}");
}

#[test]
fn min_share_leaves_out_an_area_below_its_line_and_keeps_one_on_it() {
    let data = data(GAPS);
    // d has x and z: ¼ + ¼ = ½ of the weight.
    let on_the_line = scores(&data, &flat(r#"{"policy":"reweight","min_share":0.5}"#));
    assert!(close(on_the_line[3], 50.0), "{on_the_line:?}");
    let formula = flat(r#"{"policy":"reweight","min_share":0.51}"#);
    let prepared = Prepared::new(&data, &formula).unwrap();
    let e = prepared.evaluate(&data, &formula, RankBy::Tier1Share, None).unwrap();
    assert_eq!((e.areas.of(3).score, e.areas.of(3).tier, e.areas.of(3).rank), (None, None, None));
    assert_eq!(e.gaps[0].handling, GapHandling::LeftOut);
    // The three others still make two tiers between them.
    let tiers: Vec<Option<u8>> = e.areas.iter().map(|a| a.tier).collect();
    assert_eq!(tiers, [Some(1), Some(2), Some(2), None, None]);
    // Lowering y's weight raises d's share above the line: scored again, with no new preparation.
    let mut lighter = formula.clone();
    lighter.indicators[1].weight = 1.0;
    assert!(prepared.serves(&lighter));
    let e = prepared.evaluate(&data, &lighter, RankBy::Tier1Share, None).unwrap();
    assert_eq!(e.gaps[0].handling, GapHandling::Reweighted);
    assert!(e.areas.of(3).score.is_some());
}

#[test]
fn assign_tier_gives_a_fixed_tier_and_no_score_and_shapes_no_one_elses() {
    let data = data(GAPS);
    let formula = flat(r#"{"policy":"assign_tier","tier":1}"#);
    let prepared = Prepared::new(&data, &formula).unwrap();
    let e = prepared.evaluate(&data, &formula, RankBy::Tier1Share, None).unwrap();
    for gap in [3, 4] {
        assert_eq!((e.areas.of(gap).score, e.areas.of(gap).tier, e.areas.of(gap).rank), (None, Some(1), None), "area {gap}");
    }
    assert!(e.gaps.iter().all(|g| g.handling == GapHandling::AssignedTier));
    // a, b, c are normalised among themselves, as if d and e were not there.
    let s: Vec<Option<f64>> = e.areas.iter().map(|a| a.score).collect();
    assert!(close(s[0], 0.0) && close(s[1], 50.0) && close(s[2], 100.0), "{s:?}");
    assert_eq!(e.areas.of(2).tier, Some(2));
}

#[test]
fn students_of_an_area_given_a_fixed_tier_count_in_that_tier_but_not_in_the_mean_score() {
    let areas = Areas::parse("areas.csv", GAPS).unwrap();
    let schools = Schools::parse("schools.csv", b"school_id\nS\n", &SchoolColumns::default()).unwrap();
    let ids = areas.table().id_column("id", Purpose::AreaId).unwrap();
    let counts = Table::parse("enrollment.csv", b"area_id,school_id,students\nc,S,10\nd,S,30\n").unwrap();
    let enrollment = Enrollment::from_counts(&counts, &EnrollmentColumns::default(), &ids, &schools).unwrap();
    let data = Dataset { areas, schools: Some((schools, enrollment)) };
    let formula = flat(r#"{"policy":"assign_tier","tier":1}"#);
    let prepared = Prepared::new(&data, &formula).unwrap();
    let e = prepared.evaluate(&data, &formula, RankBy::Tier1Share, None).unwrap();
    let school = &e.schools[0];
    assert_eq!(school.students_by_tier, [30.0, 10.0]);
    assert_eq!(school.mean_score, Some(100.0), "only c's students have a score");
    // The same when the schools are taken after the areas (as the app does at state scale).
    let mut areas_first = crate::model::Evaluation::default();
    prepared.evaluate_areas_into(&data, &formula, None, &mut areas_first).unwrap();
    assert_eq!(prepared.school_outcomes(&formula, RankBy::Tier1Share, None, &areas_first).unwrap(), *e.schools);
}

#[test]
fn with_every_value_present_a_tree_is_the_flat_formula_of_the_products_of_its_weights() {
    let data = data(b"id,kids,x,y,z\na,3,1,9,4\nb,1,2,7,8\nc,2,3,8,1\nd,5,7,1,2\n");
    let mut tree = grouped(r#"{"policy":"reweight"}"#);
    tree.groups[0].weight = 2.0;
    tree.indicators[1].weight = 3.0;
    // Shares: G1 ⅔ → x ⅔·¼ = ⅙, y ⅔·¾ = ½; G2 ⅓ → z ⅓.
    let shares = tree.weight_shares();
    for (got, want) in shares.iter().zip([1.0 / 6.0, 0.5, 1.0 / 3.0]) {
        assert!((got - want).abs() < 1e-12, "{shares:?}");
    }
    let mut plain = flat(r#"{"policy":"leave_out"}"#);
    for (i, w) in [1.0 / 6.0, 0.5, 1.0 / 3.0].into_iter().enumerate() {
        plain.indicators[i].weight = w;
    }
    let (a, b) = (scores(&data, &tree), scores(&data, &plain));
    for (x, y) in a.iter().zip(&b) {
        assert!(close(*x, y.unwrap()), "{a:?} vs {b:?}");
    }
}

#[test]
fn a_group_switched_off_or_weighing_nothing_passes_its_share_to_its_siblings() {
    let mut tree = grouped(r#"{"policy":"leave_out"}"#);
    tree.groups[1].enabled = false;
    assert_eq!(tree.weight_shares(), [0.5, 0.5, 0.0]);
    tree.groups[1].enabled = true;
    tree.groups[0].weight = 0.0;
    assert_eq!(tree.weight_shares(), [0.0, 0.0, 1.0]);
    tree.groups[1].weight = 0.0;
    let data = data(GAPS);
    assert!(matches!(Prepared::new(&data, &tree), Err(EngineError::InvalidSettings(SettingsProblem::Formula(FormulaRule::NoWeight)))));
}
