use super::*;
use crate::demo::{DemoDistrict, demo_formula};
use crate::table::Table;

/// The demo district, tiered by a formula of secret unequal weights.
fn secret_district(weights: [f64; 5]) -> (Dataset, Prepared, Formula, Vec<Option<u8>>) {
    let data = DemoDistrict::default_district().dataset().unwrap();
    let mut secret = demo_formula();
    for (i, w) in weights.into_iter().enumerate() {
        secret.indicators[i].weight = w;
    }
    let prepared = Prepared::new(&data, &secret).unwrap();
    let published = prepared.evaluate(&data, &secret, RankBy::Tier1Share, None).unwrap().areas.iter().map(|a| a.tier).collect();
    (data, prepared, secret, published)
}

#[test]
fn secret_unequal_weights_are_found_within_their_ranges() {
    let weights = [40.0, 10.0, 25.0, 5.0, 20.0];
    let (data, prepared, _, published) = secret_district(weights);
    let fit = fit(&prepared, &data, &demo_formula(), &published).unwrap();
    assert_eq!(fit.total, 600);
    assert!(fit.matched as f64 >= 0.995 * 600.0, "{} of 600", fit.matched);
    for (w, secret) in fit.weights.iter().zip(weights) {
        let share = secret / 100.0;
        assert!(
            w.share_min - 1e-6 <= share && share <= w.share_max + 1e-6,
            "{}: {share} outside {}..{}",
            w.column,
            w.share_min,
            w.share_max
        );
        assert!(w.share_max - w.share_min < 0.2, "{}: a range that says something ({}..{})", w.column, w.share_min, w.share_max);
    }
    assert!(fit.separable);
    assert!(fit.sentence().contains("of 600 published tiers"), "{}", fit.sentence());
    // The fitted formula is a formula the engine and `ses score` read.
    assert_eq!(Formula::from_json("fit.json", fit.formula.to_json().as_bytes()).unwrap(), fit.formula);
}

#[test]
fn equal_weights_are_the_simplest_when_they_are_the_secret() {
    let (data, prepared, _, published) = secret_district([20.0; 5]);
    let fit = fit(&prepared, &data, &demo_formula(), &published).unwrap();
    assert_eq!(fit.simple.kind, Simplest::EqualWeights);
    assert_eq!(fit.simple.matched, 600);
    assert_eq!(fit.matched, 600);
    assert!(fit.mismatches.is_empty());
}

#[test]
fn flipped_tiers_are_named_as_mismatches() {
    let (data, prepared, _, mut published) = secret_district([40.0, 10.0, 25.0, 5.0, 20.0]);
    // Ten areas deep inside a tier, published in another.
    let flipped: Vec<usize> = (0..600).step_by(60).collect();
    for &a in &flipped {
        published[a] = Some(if published[a] == Some(1) { 3 } else { 1 });
    }
    let fit = fit(&prepared, &data, &demo_formula(), &published).unwrap();
    assert!(!fit.separable, "flipped tiers cannot be separated");
    let named = flipped.iter().filter(|&&a| fit.mismatches.contains(&prepared.ids()[a].to_owned())).count();
    assert!(named >= 9, "{named} of the 10 flipped areas named; mismatches {:?}", fit.mismatches);
    assert!(fit.matched >= 600 - 15, "{}", fit.matched);
}

#[test]
fn bad_input_is_refused_in_words() {
    let (data, prepared, _, published) = secret_district([20.0; 5]);
    let mut one = demo_formula();
    for i in &mut one.indicators[1..] {
        i.enabled = false;
    }
    let p1 = Prepared::new(&data, &one).unwrap();
    assert_eq!(fit(&p1, &data, &one, &published).unwrap_err(), SettingsProblem::FitNeedsIndicators.into());
    let same = vec![Some(2u8); published.len()];
    assert_eq!(fit(&prepared, &data, &demo_formula(), &same).unwrap_err(), SettingsProblem::FitOneTier.into());
    let table = Table::parse("t.csv", b"id,tier\na,1\nb,Tier 2\nc,\nd,2.0\n").unwrap();
    assert_eq!(published_tiers(&table, "tier", 3).unwrap().tiers, [Some(1), Some(2), None, Some(2)]);
    let e = published_tiers(&table, "tier", 1).unwrap_err().to_string();
    assert!(
        e.contains("2 values are not valid: column \"tier\": \"Tier 2\" in row 3 (expected a tier, a whole number from 1 to 1"),
        "every bad cell at once: {e}"
    );
    // A 0 or a blank is an area without a published tier: skipped, and counted.
    let unpublished = Table::parse("t.csv", b"id,tier\na,1\nb,0\nc,\nd,2\ne,0.0\n").unwrap();
    let p = published_tiers(&unpublished, "tier", 3).unwrap();
    assert_eq!((p.tiers.clone(), p.zero_rows.clone(), p.blank, p.skipped()), (vec![Some(1), None, None, Some(2), None], vec![3, 6], 1, 3));
    let note = p.note(&unpublished, "tier", false).unwrap().to_string();
    assert_eq!(
        note,
        "t.csv: column \"tier\": 3 areas have no published tier (0 or blank) and are not compared; every area of the file has data, so check the tier of 0 in rows 3, 6"
    );
    assert!(!p.note(&unpublished, "tier", true).unwrap().to_string().contains("check"), "zeros explained by areas without data");
    let half = Table::parse("t.csv", b"id,tier\na,1.5\n").unwrap();
    assert!(published_tiers(&half, "tier", 3).unwrap_err().to_string().contains("\"1.5\" is not valid"));
    assert!(matches!(published_tiers(&table, "Tier 2017", 3), Err(EngineError::MissingColumn { .. })));
}

#[test]
fn rounding_to_steps_keeps_the_total() {
    assert_eq!(rounded(&[0.333, 0.333, 0.334], 20), [0.35, 0.3, 0.35]);
    let r = rounded(&[0.123, 0.456, 0.421], 100);
    assert!((r.iter().sum::<f64>() - 1.0).abs() < 1e-12, "{r:?}");
}
