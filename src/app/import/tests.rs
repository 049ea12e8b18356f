use super::*;
use crate::app::state::AppState;
use crate::engine::demo::{DemoDistrict, DemoSize};

fn demo_files(students: bool) -> Vec<PendingFile> {
    let d = DemoDistrict::generate(5, DemoSize { areas: 60, schools: 12, students: 6000 });
    let mut files = vec![
        PendingFile::read("areas.csv", d.areas_csv.as_bytes(), None).unwrap(),
        PendingFile::read("schools.csv", d.schools_csv.as_bytes(), None).unwrap(),
    ];
    if students {
        files.push(PendingFile::read("students.csv", d.students_csv().as_bytes(), None).unwrap());
    } else {
        files.push(PendingFile::read("enrollment.csv", d.enrollment_csv.as_bytes(), None).unwrap());
    }
    files
}

#[test]
fn an_import_run_a_step_at_a_time_gives_what_build_gives() {
    let d = DemoDistrict::generate(8, DemoSize { areas: 60, schools: 12, students: 250_000 });
    let files = vec![
        PendingFile::read("areas.csv", d.areas_csv.as_bytes(), None).unwrap(),
        PendingFile::read("schools.csv", d.schools_csv.as_bytes(), None).unwrap(),
        PendingFile::read("students.csv", d.students_csv().as_bytes(), None).unwrap(),
    ];
    let mut run = ImportRun::new(Cow::Borrowed(&files));
    let mut seen = vec![run.progress()];
    while !run.finished() {
        run.step().unwrap();
        seen.push(run.progress());
    }
    // Areas, schools, the students a hundred thousand rows at a time, then the preparation.
    assert_eq!(seen.len(), 1 + 2 + 3 + 1, "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 == w[1].1), "progress only grows: {seen:?}");
    assert_eq!(seen.last().map(|p| p.0 == p.1), Some(true));
    let stepped = run.finish().unwrap();
    assert_eq!(stepped, build(&files).unwrap());
    let (_, enrollment) = stepped.data.dataset.schools.as_ref().unwrap();
    assert_eq!(enrollment.total_students(), files[2].table.len() as f64, "one per student");
    assert!(enrollment.student_level);
}

#[test]
fn named_groups_make_a_formula_of_groups_and_an_unnamed_indicator_a_group_of_its_own() {
    let choice = |column: &str, group: &str| IndicatorChoice {
        column: column.into(),
        direction: Direction::Advantage,
        included: true,
        group: group.into(),
    };
    let ticked = [choice("income", "Economic"), choice("owners", "Home"), choice("poverty", " Economic "), choice("language", "")];
    let refs: Vec<&IndicatorChoice> = ticked.iter().collect();
    let (indicators, groups) = grouped(&refs);
    let columns: Vec<&str> = indicators.iter().map(|i| i.column.as_str()).collect();
    assert_eq!(columns, ["income", "poverty", "owners", "language"], "group by group, in the order first named");
    let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["Economic", "Home", "language"]);
    assert_eq!(groups[0].indicators, [0, 1]);
    let f = Formula { version: FORMULA_VERSION_GROUPS, indicators, groups, ..crate::engine::demo::demo_formula() };
    assert!(f.validate().is_ok(), "{:?}", f.validate());
    assert_eq!(f.weight_shares(), [1.0 / 6.0, 1.0 / 6.0, 1.0 / 3.0, 1.0 / 3.0]);
    // Without names, the flat formula of version 1.
    let plain = [choice("income", ""), choice("owners", "")];
    let (flat, none) = grouped(&plain.iter().collect::<Vec<_>>());
    assert_eq!((flat.len(), none.len()), (2, 0));
}

#[test]
fn guesses_roles_and_columns_of_the_demo_files() {
    let files = demo_files(false);
    let roles: Vec<FileRole> = files.iter().map(|f| f.mapping.role).collect();
    assert_eq!(roles, [FileRole::Areas, FileRole::Schools, FileRole::Enrollment]);
    let a = &files[0].mapping.areas;
    assert_eq!(a.id, "area_id");
    assert_eq!(a.population.as_deref(), Some("school_age_children"));
    let included: Vec<(&str, Direction)> = a.indicators.iter().filter(|i| i.included).map(|i| (i.column.as_str(), i.direction)).collect();
    assert_eq!(
        included,
        [
            ("median_household_income", Direction::Advantage),
            ("pct_bachelors_or_higher", Direction::Advantage),
            ("pct_owner_occupied", Direction::Advantage),
            ("pct_single_parent", Direction::Disadvantage),
            ("pct_other_language", Direction::Disadvantage),
        ]
    );
    assert_eq!(files[1].mapping.schools.id, "school_id");
    assert_eq!(files[2].mapping.enrollment.students, "students");
    assert_eq!(guess_role(&demo_files(true)[2].table), FileRole::Students);
}

#[test]
fn ticks_that_are_exactly_a_known_formula_start_from_it_however_they_were_made() {
    let mut files = demo_files(false);
    // The guessed ticks are the demo formula's five: it starts from that formula.
    let imported = build(&files).unwrap();
    assert_eq!(imported.preset, Some(Preset::FiveFactor));
    assert_eq!(imported.formula, crate::engine::demo::demo_formula());
    // Ticked by hand down to the income alone: the "Income only" formula.
    for choice in &mut files[0].mapping.areas.indicators {
        choice.included = choice.column == "median_household_income";
    }
    let imported = build(&files).unwrap();
    assert_eq!(imported.preset, Some(Preset::IncomeOnly));
    // A direction turned around: a formula of the person's own.
    for choice in &mut files[0].mapping.areas.indicators {
        choice.included = true;
    }
    files[0].mapping.areas.indicators[0].direction = Direction::Disadvantage;
    let own = build(&files).unwrap();
    assert_eq!(own.preset, None);
    assert!(own.formula.name.starts_with("Equal weights on"));
}

#[test]
fn student_level_files_give_the_same_profiles_as_counts() {
    let by_counts = AppState::new(build(&demo_files(false)).unwrap().data, None).unwrap();
    let by_students = AppState::new(build(&demo_files(true)).unwrap().data, None).unwrap();
    assert_eq!(by_counts.current.evaluation, by_students.current.evaluation);
}

#[test]
fn the_cps_header_is_mapped_sensibly() {
    let t = b"TRACT,Estimated Median Family Income,% of Single Parent Households,Number of School Age Children,Estimated Median Family Income Cumulative Percentage,6-Factor Socioeconomic Tier\n101,\"$50,733\",65.78%,740,56.45%,2\n";
    let f = PendingFile::read("cps.csv", t, None).unwrap();
    assert_eq!(f.mapping.role, FileRole::Areas);
    assert_eq!(f.mapping.areas.id, "TRACT");
    assert_eq!(f.mapping.areas.population.as_deref(), Some("Number of School Age Children"));
    let choices: Vec<(&str, Direction, bool)> =
        f.mapping.areas.indicators.iter().map(|i| (i.column.as_str(), i.direction, i.included)).collect();
    assert_eq!(
        choices,
        [
            ("Estimated Median Family Income", Direction::Advantage, true),
            ("% of Single Parent Households", Direction::Disadvantage, true),
            ("Estimated Median Family Income Cumulative Percentage", Direction::Advantage, false),
            ("6-Factor Socioeconomic Tier", Direction::Advantage, false),
        ]
    );
}

#[test]
fn raw_count_columns_are_not_preselected_next_to_the_score_built_from_them() {
    let bytes = include_bytes!("../../../examples/chicago/cps-tracts-fy2015.csv");
    let f = PendingFile::read("cps-tracts-fy2015.csv", bytes, None).unwrap();
    let included: Vec<&str> = f.mapping.areas.indicators.iter().filter(|i| i.included).map(|i| i.column.as_str()).collect();
    // Exactly Chicago's six factors: the five education counts behind the attainment score,
    // the published percentiles and the published score and tier are left out.
    assert_eq!(
        included,
        [
            "Estimated Median Family Income",
            "Educational Attainment Score",
            "% of Single Parent Households",
            "% of Owner Occupied Homes",
            "% of Population Speaking a Language Other than English",
            "Weighted Average ISAT Performance at Attendance Area Schools",
        ]
    );
    for count in ["Less Than High School", "High School", "Some College", "College Graduate", "Graduate School"] {
        assert!(f.mapping.areas.indicators.iter().any(|i| i.column == count && !i.included), "{count} is offered, unticked");
    }
}

#[test]
fn incomplete_sets_of_files_are_refused_in_words() {
    let refused = |files: &[PendingFile]| match build(files) {
        Err(EngineError::InvalidSettings(problem)) => problem,
        other => panic!("refused as a setting: {other:?}"),
    };
    let mut files = demo_files(false);
    files.pop();
    assert!(matches!(refused(&files), SettingsProblem::SchoolsNeedEnrollment { .. }));
    files[0].mapping.role = FileRole::Schools;
    assert_eq!(refused(&files), SettingsProblem::NoAreasFile);
    let mut files = demo_files(false);
    for i in &mut files[0].mapping.areas.indicators {
        i.included = false;
    }
    assert!(matches!(refused(&files), SettingsProblem::NoIndicatorChosen { .. }));
}

#[test]
fn engine_errors_name_file_row_and_column() {
    let mut files = demo_files(false);
    let bad = "area_id,school_id,students\nBG00001,S0001,3\nBG99999,S0001,2\n";
    files[2] = PendingFile::read("enrollment.csv", bad.as_bytes(), None).unwrap();
    let err = build(&files).unwrap_err().to_string();
    assert_eq!(err, "enrollment.csv: row 3, column \"area_id\": \"BG99999\" is not an id in the areas file");
}

#[test]
fn a_remembered_mapping_is_used_when_it_fits_the_header() {
    let files = demo_files(false);
    let mut remembered = files[0].mapping.clone();
    remembered.areas.indicators[0].included = false;
    let d = DemoDistrict::generate(5, DemoSize { areas: 60, schools: 12, students: 6000 });
    let again = PendingFile::read("areas.csv", d.areas_csv.as_bytes(), Some(remembered.clone())).unwrap();
    assert_eq!(again.mapping, remembered);
    assert_eq!(header_key(&again.table), header_key(&files[0].table));
    assert_ne!(header_key(&again.table), header_key(&files[1].table));
}

#[test]
fn a_text_an_agency_writes_for_missing_is_declared_missing_in_one_step_and_remembered() {
    let mut text = String::from("tract,population,income,owners\n");
    for i in 0..30 {
        let owners = if i % 7 == 2 { "n/a (suppressed)".to_owned() } else { format!("{}%", 20 + i) };
        text.push_str(&format!("T{i},{},{},{owners}\n", 100 + i, 40_000 + 100 * i));
    }
    let mut files = vec![PendingFile::read("owners.csv", text.as_bytes(), None).unwrap()];
    let err = build(&files).unwrap_err();
    assert!(err.to_string().contains("\"n/a (suppressed)\" in 4 rows: 4, 11, 18, 25 "), "every row at once: {err}");
    let offered = missing_value_candidates(&err);
    assert_eq!(offered, [("owners.csv".to_owned(), "n/a (suppressed)".to_owned())]);
    assert!(declare_missing(&mut files, "owners.csv", "n/a (suppressed)"));
    let built = build(&files).unwrap();
    let state = AppState::prepared(built.data, built.formula, built.prepared).unwrap();
    assert_eq!(state.current.prepared.exclusions().len(), 4, "the suppressed rows are left out and listed");
    assert!(state.current.prepared.notes().iter().any(|n| n.to_string().contains("\"n/a (suppressed)\" (4 cells, declared missing)")));
    // Remembered with the mapping: the same header next time reads them as missing.
    let remembered = files[0].mapping.clone();
    let again = PendingFile::read("owners-2016.csv", text.as_bytes(), Some(remembered)).unwrap();
    assert_eq!(again.mapping.areas.missing_values, ["n/a (suppressed)"]);
    assert!(build(&[again]).is_ok());
}
