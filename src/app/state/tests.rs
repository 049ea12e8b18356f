use super::*;
use crate::engine::error::FormulaRule;

#[test]
fn counts_in_the_summary_have_thousands_separators() {
    assert_eq!(
        Lang::En.plural(88_856, m::NEIGHBOURHOOD_CHANGES_TIER, m::NEIGHBOURHOODS_CHANGE_TIER, &[]),
        "88,856 neighbourhoods change tier"
    );
    assert_eq!(Lang::Es.plural(1, m::NEIGHBOURHOOD_CHANGES_TIER, m::NEIGHBOURHOODS_CHANGE_TIER, &[]), "1 vecindario cambia de nivel");
}

fn demo() -> AppState {
    AppState::new(LoadedData::demo().unwrap(), None).unwrap()
}

#[test]
fn opens_on_the_demo_with_the_five_factor_preset_as_baseline() {
    let s = demo();
    assert_eq!(s.preset, Some(Preset::FiveFactor));
    assert_eq!(s.current, s.baseline);
    assert!(s.data.synthetic);
    assert_eq!(s.current.evaluation.schools.len(), 170);
    assert_eq!(s.summary(Lang::En), "0 schools change rank by 5 or more; $0 moves; 0 neighbourhoods change tier");
    assert_eq!(s.summary(Lang::Es), "0 escuelas cambian de puesto 5 o más; se mueven $0; 0 vecindarios cambian de nivel");
}

#[test]
fn a_weight_change_reuses_the_preparation_and_compares_with_the_baseline() {
    let s = demo();
    let t = s.apply(Action::SetWeight(0, 100.0));
    assert!(Rc::ptr_eq(&s.current.prepared, &t.current.prepared), "weights only: no new preparation");
    assert_eq!(t.preset, None, "an edited formula is custom");
    assert!(t.comparison.schools_moving(1) > 0);
    assert!(t.summary(Lang::En).contains("moves"));
    assert_eq!(t.baseline, s.baseline);
}

#[test]
fn the_top_of_the_ranking_follows_the_weights_and_says_how_far_each_moved() {
    let s = demo();
    let top = s.top_of_ranking(3);
    assert_eq!(top.iter().map(|t| t.rank).collect::<Vec<_>>(), [1, 2, 3]);
    assert!(top.iter().all(|t| t.change == 0));
    let t = s.apply(Action::SetWeight(0, 100.0)).apply(Action::SetWeight(2, 0.0));
    let moved = t.top_of_ranking(3);
    let schools = t.data.schools().unwrap();
    for entry in &moved {
        let i = schools.names.iter().position(|n| *n == entry.name).unwrap();
        assert_eq!(t.current.evaluation.schools[i].rank, entry.rank);
        assert_eq!(t.comparison.school_rank_change[i], entry.change);
    }
    assert_ne!(moved, top, "a large weight change reorders the top three");
}

#[test]
fn a_rejected_change_keeps_everything_and_says_why() {
    let mut s = demo();
    for i in 0..5 {
        s = s.apply(Action::SetWeight(i, 0.0));
    }
    // The last zero was refused: one weight is still there.
    assert!(s.current.formula.total_weight() > 0.0);
    assert_eq!(s.error, Some(EngineError::InvalidSettings(SettingsProblem::Formula(FormulaRule::NoWeight))));
    assert!(matches!(s.error, Some(EngineError::InvalidSettings(SettingsProblem::Formula(FormulaRule::NoWeight)))));
    let s = s.apply(Action::DismissError);
    assert_eq!(s.error, None);
}

#[test]
fn set_baseline_pins_the_current_formula_and_revert_restores_it() {
    let s = demo().apply(Action::SetWeight(1, 80.0)).apply(Action::SetBaseline);
    assert_eq!(s.baseline.formula, s.current.formula);
    assert_eq!(s.comparison.schools_moving(1), 0);
    let t = s.apply(Action::SetWeight(1, 5.0)).apply(Action::RevertToBaseline);
    assert_eq!(t.current.formula, s.baseline.formula);
}

#[test]
fn tier_count_and_method_changes_keep_settings_consistent() {
    let s = demo().apply(Action::SetTierWeight(1, 0.8));
    assert_eq!(s.current.allocation.tier_weights, vec![1.0, 0.8, 0.0]);
    let s = s.apply(Action::SetTierCount(4));
    assert!(s.error.is_none());
    assert!(s.current.allocation.tier_weights.is_empty(), "weights reset to the default for 4 tiers");
    let s = s.apply(Action::SetTierMethod(TierMethod::ScoreCutoffs));
    assert_eq!(s.current.formula.tiers.cutoffs, vec![25.0, 50.0, 75.0]);
    let s = s.apply(Action::SetCutoff(0, 30.0));
    assert_eq!(s.current.formula.tiers.cutoffs[0], 30.0);
    assert!(matches!(
        s.apply(Action::SetCutoff(0, 60.0)).error,
        Some(EngineError::InvalidSettings(SettingsProblem::Formula(FormulaRule::CutoffsOutOfOrder)))
    ));
}

#[test]
fn every_allocation_method_adds_up_to_the_pool() {
    let mut s = demo().apply(Action::SetPool(2_500_000.55));
    for m in AllocationMethod::ALL {
        s = s.apply(Action::SetAllocationMethod(m));
        assert!(s.error.is_none(), "{m:?}: {:?}", s.error);
        assert_eq!(s.current.evaluation.allocated_cents(), 250_000_055, "{m:?}");
    }
}

#[test]
fn presets_the_data_lacks_are_refused() {
    let s = demo().apply(Action::ApplyPreset(Preset::Chicago));
    assert!(matches!(s.error, Some(EngineError::InvalidSettings(SettingsProblem::PresetNeedsColumns { .. }))));
    let s = demo().apply(Action::ApplyPreset(Preset::IncomeOnly));
    assert_eq!(s.current.formula.indicators.len(), 1);
    assert_eq!(s.preset, Some(Preset::IncomeOnly));
}

#[test]
fn a_scenario_restores_formulas_settings_and_baseline_exactly() {
    let s = demo()
        .apply(Action::SetWeight(2, 70.0))
        .apply(Action::SetBaseline)
        .apply(Action::SetWeight(0, 5.0))
        .apply(Action::SetAllocationMethod(AllocationMethod::RankAndServe))
        .apply(Action::SetRankBy(RankBy::MeanScore))
        .apply(Action::SetStability(StabilitySettings { draws: 250, spread: 0.4, seed: 99 }));
    let restored = demo().with_scenario(&s.to_scenario()).unwrap();
    assert_eq!(restored.stability, StabilitySettings { draws: 250, spread: 0.4, seed: 99 });
    assert_eq!(restored.current.formula, s.current.formula);
    assert_eq!(restored.current.allocation, s.current.allocation);
    assert_eq!(restored.baseline.formula, s.baseline.formula);
    assert_eq!(restored.rank_by, RankBy::MeanScore);
    assert_eq!(restored.current.evaluation, s.current.evaluation);
    assert_eq!(restored.comparison, s.comparison);
    assert_eq!(restored.summary(Lang::En), s.summary(Lang::En));
    let preset = demo().with_scenario(&demo().to_scenario()).unwrap();
    assert_eq!(preset.preset, Some(Preset::FiveFactor), "an unedited preset is recognised");
}

#[test]
fn a_scenario_for_other_columns_says_which_are_missing() {
    let mut scenario = demo().to_scenario();
    scenario.formula.indicators[0].column = "Estimated Median Family Income".into();
    scenario.expects_columns.push("Estimated Median Family Income".into());
    let err = demo().with_scenario(&scenario).unwrap_err().to_string();
    assert_eq!(err, "this scenario uses columns that Synthetic demo district does not have: \"Estimated Median Family Income\"");
}

/// The demo with its schools following on a pause, as a state's data would have them.
fn demo_schools_on_pause() -> AppState {
    AppState { schools_follow: SchoolsFollow::OnPause, ..demo() }
}

/// What the screen shows of two states: the same results, comparison and words.
fn assert_same_screen(a: &AppState, b: &AppState) {
    assert_eq!(a.current.evaluation, b.current.evaluation);
    assert_eq!(a.baseline.evaluation, b.baseline.evaluation);
    assert_eq!(a.comparison, b.comparison);
    assert_eq!(a.knife_edge_summary(Lang::En), b.knife_edge_summary(Lang::En));
    assert_eq!(a.summary(Lang::En), b.summary(Lang::En));
    assert!(!a.schools_behind && !b.schools_behind);
}

#[test]
fn a_district_s_schools_follow_every_step() {
    let s = demo();
    assert_eq!(s.schools_follow, SchoolsFollow::EveryStep);
    assert!(!s.apply(Action::SetWeight(0, 100.0)).schools_behind);
}

#[test]
fn on_pause_a_step_moves_the_areas_and_the_schools_catch_up_to_what_every_step_shows() {
    let (paused, every) = (demo_schools_on_pause(), demo());
    let steps = [Action::SetWeight(0, 100.0), Action::SetWeight(1, 0.0), Action::SetPool(2_000_000.0)];
    let (mut p, mut e) = (paused.clone(), every);
    for step in steps {
        let before = p.clone();
        p = p.apply(step.clone());
        e = e.apply(step);
        assert!(p.schools_behind && p.error.is_none());
        assert_eq!(p.current.evaluation.areas, e.current.evaluation.areas, "the areas are this step's");
        assert!(std::sync::Arc::ptr_eq(&p.current.evaluation.schools, &before.current.evaluation.schools), "the schools wait");
        assert_eq!(p.comparison.school_rank_change, before.comparison.school_rank_change);
        assert_eq!(p.comparison.areas_changing_tier(), e.comparison.areas_changing_tier());
    }
    assert_ne!(p.current.evaluation.schools, e.current.evaluation.schools, "three steps move the schools");
    let caught_up = p.apply(Action::CatchUpSchools);
    assert_same_screen(&caught_up, &e);
    assert_eq!(caught_up.apply(Action::CatchUpSchools), caught_up, "caught up, it does nothing");
}

#[test]
fn a_baseline_pinned_or_a_ranking_changed_while_the_schools_wait_takes_the_step_whole() {
    let (p, e) = (demo_schools_on_pause().apply(Action::SetWeight(0, 100.0)), demo().apply(Action::SetWeight(0, 100.0)));
    assert!(p.schools_behind);
    assert_same_screen(&p.apply(Action::SetBaseline), &e.apply(Action::SetBaseline));
    assert_same_screen(&p.apply(Action::SetRankBy(RankBy::MeanScore)), &e.apply(Action::SetRankBy(RankBy::MeanScore)));
    // Back to the baseline while behind: the schools catch up to it in turn.
    let back = p.apply(Action::RevertToBaseline);
    assert!(back.schools_behind);
    assert_same_screen(&back.apply(Action::CatchUpSchools), &e.apply(Action::RevertToBaseline));
}

#[test]
fn a_step_the_engine_refuses_keeps_the_schools_waiting_as_they_were() {
    let p = demo_schools_on_pause().apply(Action::SetWeight(0, 100.0));
    let refused = p.apply(Action::SetTierWeight(0, -1.0));
    assert!(refused.error.is_some() && refused.schools_behind);
    assert_eq!(refused.current, p.current);
}

#[test]
fn the_family_preset_reads_the_demo_students_and_every_student_control_takes_effect() {
    let s = demo();
    assert!(s.students_changing_tier.is_none(), "no student part: no student count");
    let t = s.apply(Action::ApplyPreset(Preset::AreaAndFamily));
    assert_eq!(t.error, None);
    assert_eq!(t.preset, Some(Preset::AreaAndFamily));
    let students = t.current.evaluation.students.as_deref().expect("student tiers");
    assert!(students.scores.len() > 170_000);
    // Against today's formula (each student in their area's tier), many children move.
    let moved = t.students_changing_tier.unwrap();
    assert!(moved > 10_000, "{moved}");
    assert!(t.summary(Lang::En).ends_with(&format!("; {} students change tier", count(moved))), "{}", t.summary(Lang::En));
    assert!(t.summary(Lang::Es).ends_with(&format!("; {} estudiantes cambian de nivel", count(moved))));
    // The schools are profiled by student tier: their counts change, their total does not.
    let total = |a: &AppState| a.current.evaluation.schools.iter().map(|s| s.students_by_tier.iter().sum::<f64>()).sum::<f64>();
    assert_eq!(total(&t), total(&s));
    assert_ne!(t.current.evaluation.schools, s.current.evaluation.schools);
    // All area: the student tiers are cut afresh among students, so most keep their area's.
    let area_only = t.apply(Action::SetAreaShare(1.0));
    assert!(Rc::ptr_eq(&area_only.current.prepared, &t.current.prepared), "a share is a weight: no new preparation");
    assert!(area_only.students_changing_tier.unwrap() < moved);
    let weights = t.apply(Action::SetFamilyWeight(1, 0.0));
    assert_ne!(weights.current.evaluation.students, t.current.evaluation.students);
    let leave_out = t.apply(Action::SetMissingFamily(MissingFamily::LeaveOut));
    assert!(leave_out.current.prepared.students().unwrap().left_out().len() > 1_000, "families that answered nothing");
    let cuts = t.apply(Action::SetStudentTierMethod(StudentTierMethod::AreaCutoffs));
    assert!(cuts.current.evaluation.students.as_ref().unwrap().cut_inclusive);
    let four = t.apply(Action::SetTierCount(4));
    assert_eq!((four.error, four.current.formula.student.as_ref().unwrap().tiers.count), (None, 4));
    let direction = t.apply(Action::SetFamilyDirection(0, Direction::Disadvantage));
    assert!(!Rc::ptr_eq(&direction.current.prepared, &t.current.prepared), "a direction normalises again");
    // Out of range: refused in words, everything kept.
    let refused = t.apply(Action::SetAreaShare(1.5));
    assert!(refused.current == t.current, "a refused change keeps the result");
    assert!(matches!(refused.error, Some(EngineError::InvalidSettings(SettingsProblem::Formula(FormulaRule::AreaShare { .. })))));
    // A formula without a student part has none to edit.
    let plain = s.apply(Action::SetAreaShare(0.5));
    assert_eq!(plain.error, Some(SettingsProblem::StudentPartNeedsStudents.into()));
}
