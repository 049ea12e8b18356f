use super::*;
use crate::app::state::{Action, AppState, LoadedData};
use rand::{Rng, SeedableRng};

fn demo() -> AppState {
    AppState::new(LoadedData::demo().unwrap(), None).unwrap()
}

#[test]
fn a_code_reads_back_as_its_weights_and_catches_typos_swaps_and_other_formulas() {
    let state = demo().apply(Action::SetWeight(0, 40.0)).apply(Action::SetWeight(3, 5.0));
    let formula = &state.current.formula;
    let code = weight_code(formula).unwrap();
    assert!(code.starts_with("W-40-20-20-5-20-"), "{code}");
    assert_eq!(code.rsplit('-').next().unwrap().len(), 3, "a shape mark and a check: {code}");
    assert_eq!(read_submission(&code, formula), Ok(vec![40.0, 20.0, 20.0, 5.0, 20.0]));
    assert_eq!(
        read_submission(&format!("  {} ", code.to_lowercase()), formula),
        Ok(vec![40.0, 20.0, 20.0, 5.0, 20.0]),
        "typed in lower case"
    );
    // Every single-character typo, and every swap of two different neighbours, is caught;
    // a look-alike (O for 0, I or L for 1, and back) is read as the character meant.
    let chars: Vec<char> = code.chars().collect();
    for i in 2..chars.len() {
        if chars[i] == '-' {
            continue;
        }
        for d in CHECK_SYMBOLS.iter().map(|b| *b as char) {
            let mut typo = chars.clone();
            typo[i] = d;
            let typo: String = typo.into_iter().collect();
            if look_alikes(chars[i]).contains(&d) {
                assert_eq!(read_submission(&typo, formula), Ok(vec![40.0, 20.0, 20.0, 5.0, 20.0]), "{typo} as meant");
            } else if d != chars[i] {
                assert!(read_submission(&typo, formula).is_err(), "{typo} passed");
            }
        }
        if i + 1 < chars.len() && chars[i + 1] != chars[i] && chars[i + 1] != '-' {
            let mut swapped = chars.clone();
            swapped.swap(i, i + 1);
            let swapped: String = swapped.into_iter().collect();
            assert!(read_submission(&swapped, formula).is_err(), "{swapped} passed");
        }
    }
    assert_eq!(read_submission("hello", formula), Err(SubmissionProblem::NotACode));
    assert_eq!(SubmissionProblem::NotACode.words(Lang::En), "not a workshop code (W-…) or a share link");
}

#[test]
fn a_code_for_a_formula_of_another_shape_is_refused_with_that_reason() {
    let state = demo().apply(Action::SetWeight(0, 40.0));
    let formula = state.current.formula.clone();
    let change = |what: &'static str, edit: &dyn Fn(&mut Formula)| {
        let mut f = formula.clone();
        edit(&mut f);
        (what, f)
    };
    let other_shapes = [
        change("columns", &|f| f.indicators[0].column = "Estimated Median Family Income".into()),
        change("direction", &|f| f.indicators[2].direction = Direction::Disadvantage),
        change("normalisation", &|f| f.normalization = crate::engine::formula::Normalization::Zscore),
        change("tier count", &|f| f.tiers.count = 4),
        change("tier method", &|f| f.tiers.method = crate::engine::formula::TierMethod::EqualCount),
    ];
    let code = weight_code(&formula).unwrap();
    for (what, other) in &other_shapes {
        assert_ne!(shape_mark(other), shape_mark(&formula), "{what} changes the shape mark");
        let theirs = weight_code(other).unwrap();
        assert_eq!(read_submission(&theirs, &formula), Err(SubmissionProblem::OtherShape), "{what}");
        assert!(read_submission(&code, other).is_err(), "{what}");
    }
    // Weights alone do not change the shape.
    let heavier = demo().apply(Action::SetWeight(4, 90.0));
    assert_eq!(shape_mark(&heavier.current.formula), shape_mark(&formula));
    // Spanish readers get the reason in Spanish.
    let theirs = weight_code(&other_shapes[1].1).unwrap();
    assert!(read_submission(&theirs, &formula).map_err(|e| e.words(Lang::Es)).unwrap_err().starts_with("es de una fórmula de otra forma"));
}

#[test]
fn codes_are_read_as_people_type_or_hear_them() {
    let state = demo().apply(Action::SetWeight(0, 40.0)).apply(Action::SetWeight(1, 5.0));
    let formula = &state.current.formula;
    let code = weight_code(formula).unwrap();
    let weights = Ok(vec![40.0, 5.0, 20.0, 20.0, 20.0]);
    let tail = code.rsplit('-').next().unwrap().to_owned();
    let (mark, check) = tail.split_at(2);
    let spelt: Vec<String> = tail.chars().map(String::from).collect();
    let spelt = spelt.join(" ");
    for typed in [
        format!("W 40 5 20 20 20 {tail}"),
        format!("w 40 5 20 20 20 {}", tail.to_lowercase()),
        format!("W–40–5–20–20–20–{tail}"),
        format!("W — 40 — 5 — 20 — 20 — 20 — {tail} "),
        format!("W40-5-20-20-20-{tail}"),
        format!("W-40-5-20-20-20-{mark}-{check}"),
        format!("W 40 5 20 20 20 {mark} {check}"),
        format!("W 40 5 20 20 20 {spelt}"),
        format!("W\u{2212}40\u{2212}5\u{2212}20\u{2212}20\u{2212}20\u{2212}{tail}"),
    ] {
        assert_eq!(read_submission(&typed, formula), weights, "{typed:?}");
    }
}

#[test]
fn decimal_weights_are_carried_exactly_or_refused_in_words() {
    let state = demo().apply(Action::SetWeight(0, 12.5)).apply(Action::SetWeight(1, 33.33));
    let code = weight_code(&state.current.formula).unwrap();
    assert!(code.starts_with("W-12.5-33.33-20-"), "{code}");
    assert_eq!(read_submission(&code, &state.current.formula), Ok(vec![12.5, 33.33, 20.0, 20.0, 20.0]));
    let finer = demo().apply(Action::SetWeight(2, 1.0 / 3.0));
    let problem = weight_code(&finer.current.formula).unwrap_err();
    assert_eq!(problem, CodeProblem::TooManyDecimals { index: 2 });
    let words = problem.words(&finer.current.formula, Lang::En);
    let label = crate::app::presets::indicator_label(&finer.current.formula.indicators[2].column, Lang::En);
    assert!(words.contains("more than two decimals") && words.contains(&label), "{words}");
    let huge = demo().apply(Action::SetWeight(1, 1500.0));
    assert_eq!(weight_code(&huge.current.formula), Err(CodeProblem::TooLarge { index: 1 }));
    // A typed weight with three decimals, or a part that is not a number, is refused in words.
    let formula = &demo().current.formula;
    for bad in ["W-12.555-20-20-20-20", "W-1.-20-20-20-20", "W-1000-20-20-20-20"] {
        let before = format!("{bad}-{}", shape_mark(formula));
        let code = format!("{before}{}", check_symbol(&before));
        assert_eq!(read_submission(&code, formula), Err(SubmissionProblem::WeightForm), "{code}");
    }
}

#[test]
fn pasted_text_splits_into_submissions_without_breaking_a_spoken_code() {
    let state = demo();
    let formula = &state.current.formula;
    let a = weight_code(formula).unwrap();
    let b = weight_code(&demo().apply(Action::SetWeight(0, 40.0)).current.formula).unwrap();
    let spoken = b.replace('-', " ");
    let text = format!("{a} {b}\n{spoken}\n  \n{a},{b}; nonsense\nW-1-2-3");
    let items = split_submissions(&text);
    assert_eq!(items, vec![a.as_str(), b.as_str(), spoken.as_str(), a.as_str(), b.as_str(), "nonsense", "W-1-2-3"]);
    let r = RoundUp::new(&text, formula, &state.data.dataset, &state.current.prepared, state.rank_by).unwrap();
    assert_eq!((r.pasted, r.submissions.len(), r.rejected.len()), (7, 5, 2));
    assert_eq!(Lang::En.fill(m::ROUND_UP_COUNT, &[("pasted", &r.pasted), ("used", &r.submissions.len())]), "7 pasted: 5 used");
}

#[test]
fn a_share_link_is_a_submission_too() {
    let state = demo().apply(Action::SetWeight(2, 70.0));
    let link = format!("https://example.org/ses/{}", state.to_scenario().to_fragment());
    assert_eq!(read_submission(&link, &demo().current.formula), Ok(vec![20.0, 20.0, 70.0, 20.0, 20.0]));
}

#[test]
fn a_formula_of_groups_carries_its_group_weights_and_refuses_another_grouping() {
    let mut f = crate::engine::demo::demo_domains_formula();
    f.groups[2].weight = 75.0;
    let code = weight_code(&f).unwrap();
    assert!(code.starts_with("W-50-50-50-50-50-50-50-75-"), "five indicators, then three groups: {code}");
    let read = read_submission(&code, &f).unwrap();
    assert_eq!(read.len(), 8);
    assert_eq!(with_coded_weights(&f, &read), f);
    // The flat formula of the same five columns in another order, or other groups: refused.
    let mut regrouped = f.clone();
    regrouped.groups[1].name = "Schooling".into();
    assert_eq!(read_submission(&code, &regrouped), Err(SubmissionProblem::OtherShape));
    // Weights past the indicators are named by their group.
    f.groups[0].weight = 1.234;
    let problem = weight_code(&f).unwrap_err();
    assert_eq!(problem, CodeProblem::TooManyDecimals { index: 5 });
    assert!(problem.words(&f, Lang::En).contains("Economic"), "{}", problem.words(&f, Lang::En));
}

#[test]
fn thirty_submissions_round_up_to_spreads_a_median_ranking_and_agreement() {
    let state = demo();
    let formula = &state.current.formula;
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let mut codes: Vec<String> = (0..30)
        .map(|_| {
            let mut f = formula.clone();
            for ind in &mut f.indicators {
                ind.weight = f64::from(rng.random_range(5..=60u32));
            }
            weight_code(&f).unwrap()
        })
        .collect();
    codes.push("W-1-2-3".into());
    codes.push("nonsense".into());
    let text = codes.join("\n");
    let r = RoundUp::new(&text, formula, &state.data.dataset, &state.current.prepared, state.rank_by).unwrap();
    assert_eq!(r.submissions.len(), 30);
    assert_eq!(r.rejected.len(), 2);
    assert_eq!(r.spreads.len(), 5);
    for s in &r.spreads {
        assert!(s.min <= s.lower_quartile && s.lower_quartile <= s.median && s.median <= s.upper_quartile && s.upper_quartile <= s.max);
        assert!((5.0..=60.0).contains(&s.min) && (5.0..=60.0).contains(&s.max));
    }
    assert_eq!(r.median_ranking.len(), 170);
    assert_eq!(r.median_ranking[0].1, 1);
    assert!(r.consensus.iter().all(|a| a.top_ten_share >= 0.8 && a.best_rank <= 10));
    assert!(!r.consensus.is_empty(), "the neediest schools are in every top ten");
    assert!(r.disagreements.iter().all(|a| a.top_ten_share < 0.8 && a.worst_rank >= a.best_rank));
    // The median ranking is the engine's ranking of the median formula.
    let eval = state.current.prepared.evaluate(&state.data.dataset, &r.median_formula, state.rank_by, None).unwrap();
    let first = eval.schools.iter().position(|s| s.rank == 1).unwrap();
    assert_eq!(r.median_ranking[0].0, first);
    assert!(RoundUp::new("  ", formula, &state.data.dataset, &state.current.prepared, state.rank_by).is_err());
}

/// The median a teacher reckons by hand: sort, take the middle, or the mean of the two
/// middle values. Written out here, apart from the code under test.
fn hand_median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 }
}

#[test]
fn the_median_of_an_even_count_is_the_mean_of_the_two_middle_weights_and_is_what_use_the_median_takes() {
    let state = demo();
    let formula = &state.current.formula;
    let code = |w: [f64; 5]| {
        let mut f = formula.clone();
        for (ind, w) in f.indicators.iter_mut().zip(w) {
            ind.weight = w;
        }
        weight_code(&f).unwrap()
    };
    let round_up =
        |codes: &[String]| RoundUp::new(&codes.join("\n"), formula, &state.data.dataset, &state.current.prepared, state.rank_by).unwrap();
    // The teacher's example: 10, 25, 40, 50 → 32.5, not 25.
    let four = [[10.0, 20.0, 5.0, 1.0, 0.0], [25.0, 20.0, 5.0, 2.0, 7.0], [40.0, 20.0, 6.0, 3.0, 9.0], [50.0, 20.0, 6.0, 5.0, 10.0]];
    let r = round_up(&four.map(code));
    let medians: Vec<f64> = r.spreads.iter().map(|s| s.median).collect();
    assert_eq!(medians, vec![32.5, 20.0, 5.5, 2.5, 8.0]);
    let weights: Vec<f64> = r.median_formula.indicators.iter().map(|i| i.weight).collect();
    assert_eq!(weights, medians, "the median formula carries the true medians");
    // Two submissions: each weight halfway, not the smaller of the two.
    let two = [[10.0, 60.0, 20.0, 20.0, 20.0], [30.0, 20.0, 20.0, 20.0, 20.0]];
    let r = round_up(&two.map(code));
    let weights: Vec<f64> = r.median_formula.indicators.iter().map(|i| i.weight).collect();
    assert_eq!(weights, vec![20.0, 40.0, 20.0, 20.0, 20.0]);
    // Odd and even counts against the hand reckoning, on random weightings.
    let mut rng = rand::rngs::StdRng::seed_from_u64(11);
    for n in [1usize, 2, 3, 6, 9, 10] {
        let sets: Vec<[f64; 5]> = (0..n).map(|_| std::array::from_fn(|_| f64::from(rng.random_range(1..=99u32)))).collect();
        let codes: Vec<String> = sets.iter().map(|w| code(*w)).collect();
        let r = round_up(&codes);
        for k in 0..5 {
            let column: Vec<f64> = sets.iter().map(|w| w[k]).collect();
            assert_eq!(r.spreads[k].median, hand_median(&column), "{n} submissions, weight {k}");
            assert_eq!(r.median_formula.indicators[k].weight, hand_median(&column));
        }
    }
}

#[test]
fn a_code_read_with_the_letter_o_for_zero_or_i_and_l_for_one_is_read_as_meant() {
    let state = demo().apply(Action::SetWeight(0, 40.0)).apply(Action::SetWeight(1, 10.0)).apply(Action::SetWeight(2, 1.0));
    let formula = &state.current.formula;
    let code = weight_code(formula).unwrap();
    assert!(code.starts_with("W-40-10-1-20-20-"), "{code}");
    let weights = Ok(vec![40.0, 10.0, 1.0, 20.0, 20.0]);
    let tail = code.rsplit('-').next().unwrap().to_owned();
    for typed in [format!("W-4O-1O-I-2O-20-{tail}"), format!("w 4o lo l 20 2o {}", tail.to_lowercase()), format!("W-40-10-L-20-20-{tail}")]
    {
        assert_eq!(read_submission(&typed, formula), weights, "{typed:?}");
    }
    // The tail's look-alikes read as meant when only one reading passes both checks.
    let swapped: String = tail
        .chars()
        .map(|c| match c {
            '0' => 'O',
            'O' => '0',
            '1' => 'I',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    if swapped != tail {
        assert_eq!(read_submission(&format!("W-40-10-1-20-20-{swapped}"), formula), weights, "{swapped}");
    }
    // A weight with another letter names the character it doubts.
    let bad = format!("W-4X-10-1-20-20-{tail}");
    let before = format!("W-4X-10-1-20-20-{}", &tail[..2]);
    let bad_checked = format!("{before}{}", check_symbol(&before));
    assert_eq!(read_submission(&bad_checked, formula).map_err(|e| e.words(Lang::En)).unwrap_err(), "“X” in the weight “4X” is not a digit");
    assert!(read_submission(&bad_checked, formula).map_err(|e| e.words(Lang::Es)).unwrap_err().starts_with("«X» en el peso «4X»"));
    assert!(read_submission(&bad, formula).is_err());
}

#[test]
fn a_check_that_fails_on_a_look_alike_names_the_character_it_doubts() {
    let formula = &demo().current.formula;
    // A tail with an O that no reading makes pass: the reason names the O.
    let body = "W-20-20-20-20-20";
    let mark = shape_mark(formula);
    let right = check_symbol(&format!("{body}-{mark}"));
    let wrong = ['O', '0', '1', 'I', 'L']
        .into_iter()
        .find(|c| look_alikes(*c).iter().all(|l| *l != right) && tail_meant(body, &format!("{mark}{c}"), &mark).is_none());
    let wrong = wrong.expect("a look-alike that is not the check");
    let code = format!("{body}-{mark}{wrong}");
    let tail = format!("{mark}{wrong}");
    let doubted = tail.chars().find(|c| !look_alikes(*c).is_empty()).unwrap();
    let reason = read_submission(&code, formula).map_err(|e| e.words(Lang::En)).unwrap_err();
    assert!(reason.contains(&format!("is the “{doubted}” in “{tail}” a letter or a digit")), "{reason}");
}

#[test]
fn a_code_carries_the_student_part_and_the_round_up_takes_its_median() {
    use crate::app::presets::Preset;
    let family = demo().apply(Action::ApplyPreset(Preset::AreaAndFamily));
    let a = family.apply(Action::SetAreaShare(0.3)).apply(Action::SetFamilyWeight(1, 10.0));
    let b = family.apply(Action::SetAreaShare(0.7));
    let c = family.apply(Action::SetAreaShare(0.6)).apply(Action::SetFamilyWeight(0, 0.0));
    let code = weight_code(&a.current.formula).unwrap();
    assert!(code.starts_with("W-20-20-20-20-20-30-50-10-"), "{code}");
    // The five-factor formula's codes are not this formula's: the shape marks differ.
    assert_ne!(shape_mark(&a.current.formula), shape_mark(&demo().current.formula));
    assert!(read_submission(&weight_code(&demo().current.formula).unwrap(), &a.current.formula).is_err());
    let text = [&a, &b, &c].iter().map(|s| weight_code(&s.current.formula).unwrap()).collect::<Vec<_>>().join("\n");
    let f = &family.current.formula;
    let r = RoundUp::new(&text, f, &family.data.dataset, &family.current.prepared, family.rank_by).unwrap();
    let student = r.median_formula.student.as_ref().unwrap();
    // Medians: area share 30, 70, 60 → 60; education 50, 50, 0 → 50; income 10, 50, 50 → 50.
    assert_eq!((student.area_share, student.family[0].weight, student.family[1].weight), (0.6, 50.0, 50.0));
    assert_eq!(r.spreads.len(), 8);
    assert_eq!(weight_label(&r.spreads[5].column, Lang::Es), "Parte del barrio en el puntaje de un niño");
    assert_eq!(weight_label(&r.spreads[6].column, Lang::Es), "Estudios de los padres");
}
