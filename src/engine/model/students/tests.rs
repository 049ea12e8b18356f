//! The student part computed by hand on six students, and checked against the areas' own
//! profiles when the area is all there is.

use crate::dataset::{Areas, Dataset, Enrollment, EnrollmentColumns, SchoolColumns, Schools};
use crate::error::{EngineError, FormulaProblem, FormulaRule, Purpose, SettingsProblem};
use crate::formula::Formula;
use crate::model::{Evaluation, Prepared, RankBy, StudentLeftOutReason};
use crate::table::Table;

const AREAS: &[u8] = b"area_id,income\nA1,10\nA2,20\n";
const SCHOOLS: &[u8] = b"school_id,name\nS1,First\nS2,Second\n";
/// Six students: parent education as ordered answers, household income in dollars; s3
/// answered nothing, s2 and s6 only the education question.
const STUDENTS: &[u8] = b"student_id,area_id,school_id,parent_education,household_income\n\
s1,A1,S1,High school,\"$20,000\"\n\
s2,A1,S1,Less than high school,\n\
s3,A1,S2,,\n\
s4,A2,S1,College,80000\n\
s5,A2,S2,High school,50000\n\
s6,A2,S2,College,N/A\n";

fn formula(missing: &str, method: &str) -> Formula {
    let json = format!(
        r#"{{"version":2,"id_column":"area_id","normalization":"percentile",
            "indicators":[{{"column":"income","direction":"advantage","weight":1}}],
            "tiers":{{"count":3,"method":"equal_population"}},
            "student":{{"area_share":0.5,
              "family":[{{"column":"parent_education","direction":"advantage","weight":1,
                          "levels":["Less than high school","High school","College"]}},
                        {{"column":"household_income","direction":"advantage","weight":1}}],
              "missing_family":"{missing}","tiers":{{"count":3,"method":"{method}"}}}}}}"#
    );
    Formula::from_json("f.json", json.as_bytes()).unwrap()
}

fn dataset(students: &[u8]) -> Result<Dataset, EngineError> {
    let areas = Areas::parse("areas.csv", AREAS)?;
    let schools = Schools::parse("schools.csv", SCHOOLS, &SchoolColumns::default())?;
    let ids = areas.table().id_column("area_id", Purpose::AreaId)?;
    let enrollment = Enrollment::from_students(&Table::parse("students.csv", students)?, &EnrollmentColumns::default(), &ids, &schools)?;
    Ok(Dataset { areas, schools: Some((schools, enrollment)) })
}

fn evaluate(f: &Formula) -> (Prepared, Evaluation) {
    let data = dataset(STUDENTS).unwrap();
    let prepared = Prepared::new(&data, f).unwrap();
    let e = prepared.evaluate(&data, f, RankBy::Tier1Share, None).unwrap();
    (prepared, e)
}

fn close(got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        assert!((g.is_nan() && w.is_nan()) || (g - w).abs() < 1e-9, "{got:?} != {want:?}");
    }
}

const NAN: f64 = f64::NAN;

#[test]
fn six_students_by_hand_area_only_equal_students() {
    let f = formula("area_only", "equal_students");
    let (prepared, e) = evaluate(&f);
    let s = e.students.as_deref().unwrap();
    // Areas: percentile of income over two areas: 50 and 100.
    let part = f.student.as_ref().unwrap();
    let students = prepared.students().unwrap();
    let area_scores: Vec<f64> = (0..6).map(|k| students.area_score(k, &e)).collect();
    let family_scores: Vec<f64> = (0..6).map(|k| students.family_score(part, k)).collect();
    close(&area_scores, &[50.0, 50.0, 50.0, 100.0, 100.0, 100.0]);
    // Education, five answers 2,1,-,3,2,3: ≤1 → 1/5, ≤2 → 3/5, ≤3 → 5/5. Income, three
    // answers: 20,000 → 1/3, 50,000 → 2/3, 80,000 → 3/3. Family = mean over answered.
    let third = 100.0 / 3.0;
    close(&family_scores, &[(60.0 + third) / 2.0, 20.0, NAN, 100.0, (60.0 + 2.0 * third) / 2.0, 100.0]);
    // Score = ½ area + ½ family; s3 (no answer) = its area's score.
    let want = [25.0 + (60.0 + third) / 4.0, 35.0, 50.0, 100.0, 50.0 + (60.0 + 2.0 * third) / 4.0, 100.0];
    close(&s.scores, &want);
    // Sorted: 35, 48.3, 50, 81.7, 100, 100; cuts at positions ⌈6/3⌉ = 2 and ⌈12/3⌉ = 4:
    // 48.3 and 81.7. s1 sits on the first cut and shares the lower tier.
    close(&s.cuts.iter().map(|c| c.unwrap()).collect::<Vec<_>>(), &[want[0], want[4]]);
    assert_eq!(s.tiers, [1, 1, 2, 3, 2, 3]);
    assert_eq!(s.tier_of(want[0]), 1);
    assert_eq!(s.tier_of(want[0] + 1e-9), 2);
    // Schools by student tier: S1 has s1, s2, s4; S2 has s3, s5, s6.
    assert_eq!(e.schools[0].students_by_tier, [2.0, 0.0, 1.0]);
    assert_eq!(e.schools[1].students_by_tier, [0.0, 2.0, 1.0]);
    let mean = |ids: [usize; 3]| ids.iter().map(|&i| want[i]).sum::<f64>() / 3.0;
    assert!((e.schools[0].mean_score.unwrap() - mean([0, 1, 3])).abs() < 1e-9);
    assert!((e.schools[1].mean_score.unwrap() - mean([2, 4, 5])).abs() < 1e-9);
    assert!(prepared.students().unwrap().left_out().is_empty());
    // A family answer a parent gives, placed among the district's answers.
    let education = &prepared.students().unwrap().family()[0];
    assert_eq!((education.percentile_of(2.0), education.answered()), (60.0, 5));
}

#[test]
fn six_students_by_hand_leave_out_and_the_areas_cuts() {
    let (prepared, e) = evaluate(&formula("leave_out", "equal_students"));
    let s = e.students.as_deref().unwrap();
    let left = prepared.students().unwrap().left_out();
    assert_eq!((left.len(), left[0].row, left[0].id.as_str(), left[0].reason), (1, 4, "s3", StudentLeftOutReason::NoFamilyAnswer));
    // Five scored: 35, 48.3, 81.7, 100, 100; cuts at ⌈5/3⌉ = 2 and ⌈10/3⌉ = 4: 48.3 and 100.
    // The two at 100 sit on the second cut: tier 3 is empty.
    assert_eq!(s.tiers, [1, 1, 0, 2, 2, 2]);
    assert!(s.scores[2].is_nan());
    assert_eq!(e.schools[1].unscored_students, 1.0);
    assert_eq!(e.schools[1].students_by_tier, [0.0, 2.0, 0.0]);

    // The areas' cuts: two areas of equal population in three tiers are tiers 2 and 3, with
    // lowest scores 50 and 100; a student at or above a floor is in that tier.
    let (_, e) = evaluate(&formula("area_only", "area_cutoffs"));
    let s = e.students.as_deref().unwrap();
    assert_eq!(e.areas.tiers(), [2, 3]);
    assert_eq!(s.tiers, [1, 1, 2, 3, 2, 3]);
}

#[test]
fn bad_student_parts_and_answers_are_refused_with_their_place() {
    let rule = |json: &str| match Formula::from_json("f.json", json.as_bytes()) {
        Err(EngineError::InvalidFormula { problem: FormulaProblem::Rule(rule), .. }) => rule,
        other => panic!("{other:?}"),
    };
    let base = r#"{"version":2,"id_column":"area_id","normalization":"percentile",
        "indicators":[{"column":"income","direction":"advantage","weight":1}],"tiers":{"count":3,"method":"equal_count"},"#;
    assert_eq!(
        rule(&format!(r#"{base}"student":{{"area_share":1.5,"tiers":{{"count":3,"method":"equal_students"}}}}}}"#)),
        FormulaRule::AreaShare { area_share: 1.5 }
    );
    assert_eq!(
        rule(&format!(r#"{base}"student":{{"area_share":0.5,"tiers":{{"count":4,"method":"equal_students"}}}}}}"#)),
        FormulaRule::StudentTierCount { count: 4, area_tiers: 3 }
    );
    assert_eq!(
        rule(&format!(
            r#"{base}"student":{{"area_share":0.5,"family":[{{"column":"e","direction":"advantage","weight":1,"levels":["a","a"]}}],"tiers":{{"count":3,"method":"equal_students"}}}}}}"#
        )),
        FormulaRule::FamilyLevels { column: "e".into() }
    );
    let v1 = base.replace("\"version\":2", "\"version\":1");
    assert_eq!(
        rule(&format!(r#"{v1}"student":{{"area_share":0.5,"tiers":{{"count":3,"method":"equal_students"}}}}}}"#)),
        FormulaRule::NeedsVersion2 { field: "student".into() }
    );

    // An answer outside the levels names its row, column, value and the levels.
    let data = dataset(&STUDENTS.to_vec().replace_first(b"s5,A2,S2,High school", b"s5,A2,S2,Some college")).unwrap();
    let err = Prepared::new(&data, &formula("area_only", "equal_students")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "students.csv: row 6, column \"parent_education\": \"Some college\" is not one of the answers the formula lists: \"Less than high school\", \"High school\", \"College\""
    );
    // A family column the file does not have.
    let f = Formula::from_json(
        "f.json",
        formula("area_only", "equal_students").to_json().replace("household_income", "income_band").as_bytes(),
    )
    .unwrap();
    let err = Prepared::new(&dataset(STUDENTS).unwrap(), &f).unwrap_err();
    assert!(
        matches!(err, EngineError::MissingColumn { ref column, purpose: Purpose::FamilyItemOfFormula, .. } if column == "income_band"),
        "{err:?}"
    );
    // Counts per area and school hold no student: the student part cannot apply.
    let areas = Areas::parse("areas.csv", AREAS).unwrap();
    let err = Prepared::new(&Dataset::areas_only(areas), &formula("area_only", "equal_students")).unwrap_err();
    assert_eq!(err, EngineError::InvalidSettings(SettingsProblem::StudentPartNeedsStudents));
}

trait ReplaceFirst {
    fn replace_first(self, from: &[u8], to: &[u8]) -> Vec<u8>;
}

impl ReplaceFirst for Vec<u8> {
    fn replace_first(self, from: &[u8], to: &[u8]) -> Vec<u8> {
        let at = self.windows(from.len()).position(|w| w == from).expect("present");
        [&self[..at], to, &self[at + from.len()..]].concat()
    }
}

#[test]
fn a_weight_step_reuses_the_preparation_and_the_student_tiers_follow() {
    let f = formula("area_only", "equal_students");
    let data = dataset(STUDENTS).unwrap();
    let prepared = Prepared::new(&data, &f).unwrap();
    let mut moved = f.clone();
    moved.student.as_mut().unwrap().area_share = 1.0;
    assert!(prepared.serves(&moved), "the area share is a weight");
    let e = prepared.evaluate(&data, &moved, RankBy::Tier1Share, None).unwrap();
    let s = e.students.unwrap();
    assert_eq!(s.scores, [50.0, 50.0, 50.0, 100.0, 100.0, 100.0]);
    let mut other = f.clone();
    other.student.as_mut().unwrap().family[0].direction = crate::formula::Direction::Disadvantage;
    assert!(!prepared.serves(&other), "a direction changes the normalised answers");
}

/// With the area all there is, the areas' own profiles (native only: proptest does not build
/// for wasm32).
#[cfg(not(target_arch = "wasm32"))]
mod area_share_one {
    use super::*;
    use proptest::prelude::*;

    /// A random district with one row per student and random family answers.
    fn district(seed: u64, areas: usize, students: usize) -> (Dataset, Formula) {
        use rand::{Rng, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        let mut areas_csv = String::from("area_id,kids,income,owners\n");
        for a in 0..areas {
            let missing = a > 0 && rng.random_bool(0.1);
            let income = if missing { String::new() } else { format!("{:.4}", rng.random::<f64>() * 1e5) };
            areas_csv.push_str(&format!("A{a},{},{income},{:.5}\n", rng.random_range(1..500), rng.random::<f64>() * 100.0));
        }
        let schools_count = 1 + areas / 3;
        let mut schools_csv = String::from("school_id,name\n");
        for s in 0..schools_count {
            schools_csv.push_str(&format!("S{s},School {s}\n"));
        }
        let mut students_csv = String::from("student_id,area_id,school_id,edu,pay\n");
        for i in 0..students {
            let edu = ["", "low", "mid", "high"][rng.random_range(0..4)];
            let pay = if rng.random_bool(0.3) { String::new() } else { rng.random_range(0..200_000).to_string() };
            students_csv.push_str(&format!("st{i},A{},S{},{edu},{pay}\n", rng.random_range(0..areas), rng.random_range(0..schools_count)));
        }
        let areas = Areas::parse("areas.csv", areas_csv.as_bytes()).unwrap();
        let schools = Schools::parse("schools.csv", schools_csv.as_bytes(), &SchoolColumns::default()).unwrap();
        let ids = areas.table().id_column("area_id", Purpose::AreaId).unwrap();
        let table = Table::parse("students.csv", students_csv.as_bytes()).unwrap();
        let enrollment = Enrollment::from_students(&table, &EnrollmentColumns::default(), &ids, &schools).unwrap();
        let f = Formula::from_json(
            "f.json",
            br#"{"version":2,"id_column":"area_id","population_column":"kids","normalization":"weighted_percentile",
                "indicators":[{"column":"income","direction":"advantage","weight":2},{"column":"owners","direction":"advantage","weight":1}],
                "tiers":{"count":4,"method":"equal_population"},
                "student":{"area_share":1,"family":[{"column":"edu","direction":"advantage","weight":1,"levels":["low","mid","high"]},
                    {"column":"pay","direction":"advantage","weight":3}],"tiers":{"count":4,"method":"area_cutoffs"}}}"#,
        )
        .unwrap();
        (Dataset { areas, schools: Some((schools, enrollment)) }, f)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// With the area all there is (`area_share` 1) and the areas' cuts, every school's profile,
        /// rank and allocation is the one the areas give, to the last bit.
        #[test]
        fn area_share_one_reproduces_the_area_profiles_exactly(seed in any::<u64>(), areas in 2usize..60, students in 1usize..600) {
            let (data, with_students) = district(seed, areas, students);
            let without = Formula { student: None, ..with_students.clone() };
            let allocation = crate::allocation::AllocationSettings { pool: 1_000_000.0, ..Default::default() };
            let by_area = Prepared::new(&data, &without).unwrap().evaluate(&data, &without, RankBy::MeanScore, Some(&allocation)).unwrap();
            let by_student = Prepared::new(&data, &with_students).unwrap().evaluate(&data, &with_students, RankBy::MeanScore, Some(&allocation)).unwrap();
            prop_assert_eq!(&by_student.schools, &by_area.schools);
            prop_assert!(by_student.students.is_some());
        }
    }
}
