use super::*;
use crate::app::presets::Preset;
use crate::engine::demo::{DEMO_FORMULA_NAME, DEMO_INDICATORS, DEMO_POPULATION};
use rand::{Rng, SeedableRng};

/// A long but ordinary address: a school district's site, in a sub-folder.
const BASE: &str = "https://www.district-schools.example.org/board/2026/ses-explorer/";

fn chicago() -> Formula {
    let mut f = Formula::from_json("chicago-6-factor.json", CHICAGO_FORMULA_JSON.as_bytes()).unwrap();
    for i in &mut f.indicators {
        i.weight = 10.0;
    }
    f
}

fn scenario(formula: Formula, baseline: Formula) -> Scenario {
    Scenario::new(
        formula,
        AllocationSettings::default(),
        RankBy::Tier1Share,
        Pinned { formula: baseline, allocation: AllocationSettings::default() },
    )
}

/// Anything a person can set on screen, at random: weights, indicators on and off, directions, normalisation, tiers, allocation, ranking,
/// stability, an edited name.
fn edited(base: &Formula, rng: &mut impl Rng) -> Formula {
    let mut f = base.clone();
    for i in &mut f.indicators {
        // As the sliders and number fields set them: whole numbers or hundredths.
        i.weight = match rng.random_range(0..2) {
            0 => f64::from(rng.random_range(0..=100u32)),
            _ => f64::from(rng.random_range(0..=10_000u32)) / 100.0,
        };
        i.enabled = rng.random_bool(0.8);
        if rng.random_bool(0.2) {
            i.direction = if i.direction == Direction::Advantage { Direction::Disadvantage } else { Direction::Advantage };
        }
    }
    f.indicators[0].enabled = true;
    f.indicators[0].weight += 1.0;
    f.normalization = NORMALIZATIONS[rng.random_range(0..4)];
    f.tiers.count = rng.random_range(2..=10);
    f.tiers.method = TIER_METHODS[rng.random_range(0..3)];
    f.tiers.cutoffs = if f.tiers.method == TierMethod::ScoreCutoffs {
        // Typed in number fields: at most two decimals.
        let mut c: Vec<f64> = (1..f.tiers.count)
            .map(|k| ((f64::from(k) * 100.0 / f64::from(f.tiers.count) + rng.random_range(-3.0..3.0)) * 100.0).round() / 100.0)
            .collect();
        c.sort_by(f64::total_cmp);
        c
    } else {
        Vec::new()
    };
    if rng.random_bool(0.3) {
        f.name = "Board proposal B (revised)".into();
    }
    f
}

fn random_allocation(rng: &mut impl Rng, tiers: u8) -> AllocationSettings {
    AllocationSettings {
        pool: f64::from(rng.random_range(1..=500_000_000u32)) / 4.0,
        method: ALLOCATION_METHODS[rng.random_range(0..3)],
        tier_weights: if rng.random_bool(0.5) { (0..tiers).map(|t| f64::from(tiers - t) / 2.0).collect() } else { Vec::new() },
        cutoff_percent: f64::from(rng.random_range(0..=1000u32)) / 10.0,
    }
}

#[test]
fn every_scenario_of_the_demo_and_of_chicago_fits_in_300_characters_and_reads_back_exactly() {
    let mut rng = rand::rngs::StdRng::seed_from_u64(16);
    let mut longest = String::new();
    for round in 0..2000 {
        let base = if round % 2 == 0 { demo_formula() } else { chicago() };
        let formula = edited(&base, &mut rng);
        let baseline = if rng.random_bool(0.5) { base.clone() } else { edited(&base, &mut rng) };
        let mut s = scenario(formula, baseline);
        if rng.random_bool(0.5) {
            s.allocation = random_allocation(&mut rng, s.formula.tiers.count);
        }
        if rng.random_bool(0.5) {
            s.baseline.allocation = random_allocation(&mut rng, s.baseline.formula.tiers.count);
        }
        if rng.random_bool(0.3) {
            s.rank_by = RankBy::MeanScore;
        }
        if rng.random_bool(0.3) {
            let spread = f64::from(rng.random_range(0..90u32)) / 100.0;
            s.stability = StabilitySettings { draws: rng.random_range(1..=100_000), spread, seed: rng.random_range(0..1_000_000) };
        }
        let fragment = encode_compact(&s);
        let link = format!("{BASE}{fragment}");
        assert!(link.len() <= 300, "{} characters: {link}", link.len());
        if link.len() > longest.len() {
            longest = link;
        }
        assert!(
            fragment[COMPACT_PREFIX.len()..].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "URL-safe: {fragment}"
        );
        assert_eq!(decode_compact(&fragment), Ok(Some(s.clone())), "round {round}");
        assert_eq!(Scenario::from_fragment(&fragment).unwrap(), Some(s), "and through the scenario's reader");
    }
    assert!(longest.len() > 200, "the worst cases were tried ({longest})");
    // The longest still makes a QR code of version 10 or lower (57 modules): a phone reads
    // it from the back of a room.
    let qr = qrcode::QrCode::with_error_correction_level(longest.as_bytes(), qrcode::EcLevel::L).unwrap();
    assert!(matches!(qr.version(), qrcode::Version::Normal(v) if v <= 10), "QR {:?} for {} characters", qr.version(), longest.len());
}

#[test]
fn the_demo_and_chicago_as_they_open_take_under_a_hundred_characters() {
    let demo = scenario(demo_formula(), demo_formula());
    let chicago = scenario(chicago(), chicago());
    assert!(encode_compact(&demo).len() < 80, "{}", encode_compact(&demo));
    assert!(encode_compact(&chicago).len() < 100, "{}", encode_compact(&chicago));
    for preset in Preset::ALL {
        for areas in [demo_like_table(), chicago_like_table()] {
            if let Some(f) = preset.formula_for(&areas).filter(|f| !f.is_grouped() && f.student.is_none()) {
                let s = scenario(f.clone(), f);
                assert!(encode_compact(&s).len() < 100, "{preset:?}: {}", encode_compact(&s));
                assert_eq!(decode_compact(&encode_compact(&s)), Ok(Some(s)));
            }
        }
    }
}

#[test]
fn a_scenario_with_a_formula_of_groups_travels_whole_as_json() {
    let mut domains = crate::engine::demo::demo_domains_formula();
    domains.groups[1].weight = 80.0;
    domains.missing.min_share = 0.25;
    let s = scenario(domains, demo_formula());
    let fragment = s.to_fragment();
    assert!(fragment.starts_with(SHARE_PREFIX), "{fragment}");
    assert_eq!(Scenario::from_fragment(&fragment), Ok(Some(s.clone())));
    // A flat scenario keeps the compact form.
    let flat = scenario(demo_formula(), demo_formula());
    assert!(flat.to_fragment().starts_with(COMPACT_PREFIX));
}

fn demo_like_table() -> crate::engine::table::Table {
    header_only(&demo_formula())
}

fn chicago_like_table() -> crate::engine::table::Table {
    header_only(&chicago())
}

fn header_only(f: &Formula) -> crate::engine::table::Table {
    let header: Vec<&str> = std::iter::once(f.id_column.as_str())
        .chain(f.population_column.as_deref())
        .chain(f.indicators.iter().map(|i| i.column.as_str()))
        .collect();
    let csv =
        format!("{}\n{}\n", header.iter().map(|h| format!("\"{h}\"")).collect::<Vec<_>>().join(","), vec!["1"; header.len()].join(","));
    crate::engine::table::Table::parse("chicago.csv", csv.as_bytes()).unwrap()
}

#[test]
fn any_weight_reads_back_bit_for_bit() {
    let mut rng = rand::rngs::StdRng::seed_from_u64(3);
    for _ in 0..500 {
        let mut f = chicago();
        for i in &mut f.indicators {
            i.weight = rng.random_range(0.0..1e6);
        }
        f.indicators[1].weight = 1.0 / 3.0;
        let s = scenario(f, chicago());
        assert_eq!(decode_compact(&encode_compact(&s)), Ok(Some(s)));
    }
}

#[test]
fn a_formula_of_other_columns_carries_them() {
    let mut f = demo_formula();
    f.id_column = "GEOID".into();
    f.population_column = None;
    f.indicators[2].column = "Pct. owner-occupied (ACS 2019–2023)".into();
    let s = scenario(f.clone(), f);
    assert_eq!(decode_compact(&encode_compact(&s)), Ok(Some(s)));
}

#[test]
fn links_of_the_first_form_still_open() {
    let mut f = demo_formula();
    f.indicators[0].weight = 55.0;
    let s = scenario(f, demo_formula());
    let old = s.to_json_fragment();
    assert!(old.starts_with("#scenario=%7B") && old.len() > 1000);
    assert_eq!(Scenario::from_fragment(&old).unwrap(), Some(s));
}

#[test]
fn a_damaged_or_newer_link_says_so_and_a_changed_character_is_never_read_as_another_scenario() {
    let mut f = chicago();
    f.indicators[3].weight = 35.0;
    let fragment = encode_compact(&scenario(f, chicago()));
    let payload_at = COMPACT_PREFIX.len();
    for cut in payload_at..fragment.len() {
        assert_eq!(decode_compact(&fragment[..cut]), Err(LinkProblem::Damaged), "cut at {cut}");
    }
    const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for at in payload_at..fragment.len() {
        for c in ALPHABET.chars().filter(|c| *c != fragment.as_bytes()[at] as char) {
            let mut changed = fragment.clone();
            changed.replace_range(at..=at, &c.to_string());
            assert_eq!(decode_compact(&changed), Err(LinkProblem::Damaged), "{changed}");
        }
    }
    assert_eq!(decode_compact("#s3=AAAA"), Err(LinkProblem::TooNew { version: 3 }));
    assert_eq!(Scenario::from_fragment("#s3=AAAA").unwrap_err(), crate::engine::EngineError::LinkTooNew { version: 3 });
    assert_eq!(Scenario::from_fragment(&fragment[..fragment.len() - 3]).unwrap_err(), crate::engine::EngineError::LinkDamaged);
    assert_eq!(decode_compact("#section-2"), Ok(None));
    assert_eq!(decode_compact("#s2"), Ok(None));
}

#[test]
fn round_trips_through_json_and_a_share_link() {
    let mut f = demo_formula();
    f.indicators[0].weight = 55.0;
    let mut s = scenario(f, demo_formula());
    s.allocation.pool = 123.45;
    s.rank_by = RankBy::MeanScore;
    assert_eq!(Scenario::from_json("s.json", s.to_json().as_bytes()).unwrap(), s);
    assert!(s.to_fragment().starts_with("#s2="), "links are made in the compact form");
    let fragment = s.to_json_fragment();
    assert!(fragment.starts_with("#scenario=%7B"));
    assert!(fragment[SHARE_PREFIX.len()..].bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)));
    assert_eq!(Scenario::from_fragment(&fragment).unwrap(), Some(s));
    assert_eq!(Scenario::from_fragment("#section-2").unwrap(), None);
}

#[test]
fn percent_coding_round_trips_any_text() {
    for text in ["", "a b", "{\"é\":\"100%\"}", "#&=?/+"] {
        assert_eq!(percent_decode(&percent_encode(text)).as_deref(), Some(text));
    }
    assert_eq!(percent_decode("%4"), None);
}

#[test]
fn a_damaged_link_of_the_first_form_is_an_error_in_words() {
    assert_eq!(Scenario::from_fragment("#scenario=%7B%ZZ").unwrap_err(), crate::engine::EngineError::LinkDamaged);
}

#[test]
fn the_bundled_shapes_are_frozen() {
    let columns: Vec<Vec<String>> = bundled_shapes().iter().map(|f| f.indicators.iter().map(|i| i.column.clone()).collect()).collect();
    assert_eq!(columns[0], DEMO_INDICATORS.iter().map(|(c, _, _)| c.to_string()).collect::<Vec<_>>());
    assert_eq!(
        columns[0],
        ["median_household_income", "pct_bachelors_or_higher", "pct_owner_occupied", "pct_single_parent", "pct_other_language"]
    );
    assert_eq!(bundled_shapes()[0].population_column.as_deref(), Some(DEMO_POPULATION));
    assert_eq!(bundled_shapes()[0].name, DEMO_FORMULA_NAME);
    assert_eq!(columns[1].len(), 6);
    assert_eq!(columns[1][0], "Estimated Median Family Income");
    assert_eq!(columns[1][5], "Weighted Average ISAT Performance at Attendance Area Schools");
    assert_eq!(columns[2], ["median_household_income"]);
    assert_eq!(columns[3], ["Estimated Median Family Income"]);
}

#[test]
fn each_settings_code_is_its_place_in_the_list_the_reader_decodes_with() {
    for (i, n) in NORMALIZATIONS.iter().enumerate() {
        assert_eq!(usize::from(normalization_code(*n)), i);
    }
    for (i, m) in TIER_METHODS.iter().enumerate() {
        assert_eq!(usize::from(tier_method_code(*m)), i);
    }
    for (i, m) in ALLOCATION_METHODS.iter().enumerate() {
        assert_eq!(usize::from(allocation_method_code(*m)), i);
    }
}
