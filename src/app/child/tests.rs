use super::*;
use crate::app::presets::Preset;
use crate::app::state::{Action, LoadedData};

fn family_demo() -> AppState {
    let demo = AppState::new(LoadedData::demo_without_map().unwrap(), None).unwrap();
    demo.apply(Action::ApplyPreset(Preset::AreaAndFamily))
}

#[test]
fn a_child_without_family_answers_has_their_areas_score_and_a_tier_from_the_students_cuts() {
    let app = family_demo();
    let child = child_ses(&app, 10, &[None, None], Lang::En).unwrap();
    let area = app.current.evaluation.areas.of(10).score.unwrap();
    assert_eq!((child.area_id.as_str(), child.score, child.family_score), ("BG00011", Some(area), None));
    let students = app.current.evaluation.students.as_ref().unwrap();
    assert_eq!(child.tier, Some(students.tier_of(area)));
    assert_eq!(child.area_drivers.len(), 2);
    assert!(child.area_drivers[0].1 >= child.area_drivers[1].1);
    assert!(child.has_family_part && (child.area_share - 0.5).abs() < 1e-12);
    // Against today's formula (the baseline), the child's tier is their area's.
    assert_eq!(child.baseline_tier, app.baseline.evaluation.areas.of(10).tier);
}

#[test]
fn answers_move_the_child_as_the_formula_says_and_a_weight_moves_it_again() {
    let app = family_demo();
    let high = [Some("Graduate degree".to_owned()), Some("$250,000".to_owned())];
    let low = [Some("Less than high school".to_owned()), Some("9000".to_owned())];
    let (rich, poor) = (child_ses(&app, 10, &high, Lang::En).unwrap(), child_ses(&app, 10, &low, Lang::En).unwrap());
    assert!(rich.score.unwrap() > poor.score.unwrap());
    assert!(rich.tier.unwrap() >= poor.tier.unwrap());
    // Score = ½ area + ½ family, the family part the mean of the two answers' places.
    let family = rich.family.iter().map(|a| a.share * a.percentile).sum::<f64>();
    assert!((rich.family_score.unwrap() - family).abs() < 1e-9);
    assert!((rich.score.unwrap() - (0.5 * rich.area_score.unwrap() + 0.5 * family)).abs() < 1e-9);
    assert_eq!(rich.family[0].percentile, 100.0, "the top answer is at or above every answer");
    // The distances to the cuts are what separates the score from them.
    let students = app.current.evaluation.students.as_ref().unwrap();
    if let (Some(up), Some(t)) = (poor.to_next_tier, poor.tier) {
        assert!((poor.score.unwrap() + up - students.cuts[usize::from(t) - 1].unwrap()).abs() < 1e-9);
    }
    // A weight step moves the child.
    let moved = app.apply(Action::SetAreaShare(0.9));
    let again = child_ses(&moved, 10, &high, Lang::En).unwrap();
    assert_ne!(again.score, rich.score);
    // An answer that is not one of the item's counts as unanswered.
    let typo = child_ses(&app, 10, &[Some("PhD".to_owned()), None], Lang::En).unwrap();
    assert_eq!(typo.family_score, None);
}

#[test]
fn without_a_student_part_a_child_has_their_areas_tier_and_no_questions() {
    let app = AppState::new(LoadedData::demo_without_map().unwrap(), None).unwrap();
    assert!(family_questions(&app, Lang::En).is_empty());
    let child = child_ses(&app, 3, &[], Lang::Es).unwrap();
    assert_eq!((child.tier, child.has_family_part), (app.current.evaluation.areas.of(3).tier, false));
    assert!(child_ses(&app, 100_000, &[], Lang::En).is_none());
}

#[test]
fn questions_and_answers_are_worded_in_the_readers_language() {
    let app = family_demo();
    let es = family_questions(&app, Lang::Es);
    assert!(es[0].question.starts_with("¿Cuál es el nivel de estudios"));
    assert_eq!(es[0].levels.as_ref().unwrap()[4], ("Graduate degree".to_owned(), "Posgrado".to_owned()));
    assert!(es[1].levels.is_none());
}

#[test]
fn a_home_area_is_found_by_its_id_or_a_schools_name() {
    let app = family_demo();
    assert_eq!(areas_matching(&app, "bg00011", 5), [10]);
    assert_eq!(areas_matching(&app, "BG0001", 3).len(), 3);
    let schools = app.data.schools().unwrap();
    let name = &schools.names[0];
    let found = schools_matching(&app, &name[..name.len().min(12)], 5, 4);
    let (school, _, areas) = found.iter().find(|(s, _, _)| *s == 0).unwrap();
    assert_eq!(*school, 0);
    assert!(!areas.is_empty() && areas.len() <= 4);
    assert!(schools_matching(&app, "x", 5, 4).is_empty(), "one letter is too little to search by");
}
