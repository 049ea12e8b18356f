//! The `ses` command line, run as a user would: outputs, exit codes and error messages.

#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use ses_explorer::engine::error::Purpose;
use ses_explorer::engine::table::Table;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name).display().to_string()
}

fn ses(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ses")).args(args).output().expect("ses runs")
}

fn stdout_table(out: &Output) -> Table {
    assert!(out.status.success(), "ses failed: {}", String::from_utf8_lossy(&out.stderr));
    Table::parse("stdout", &out.stdout).expect("ses writes CSV")
}

/// `ses schools` on the small fixtures, with this formula file.
fn fixture_schools_args(formula: &str) -> Vec<String> {
    [
        "schools",
        "--formula",
        &fixture(formula),
        "--areas",
        &fixture("areas.csv"),
        "--schools",
        &fixture("schools.csv"),
        "--enrollment",
        &fixture("enrollment.csv"),
    ]
    .map(String::from)
    .into()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ses-cli-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn help_is_complete_and_shows_examples() {
    let out = ses(&["--help"]);
    let text = String::from_utf8_lossy(&out.stdout);
    for word in ["score", "schools", "students", "explain", "compare", "card", "map", "demo", "Examples:", "Exit status"] {
        assert!(text.contains(word), "--help lacks {word}: {text}");
    }
    for sub in ["score", "schools", "students", "explain", "compare", "card", "map", "demo"] {
        let out = ses(&[sub, "--help"]);
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("Example"), "{sub} --help has no example");
    }
}

#[test]
fn score_writes_scored_areas_and_lists_exclusions() {
    let out = ses(&["score", "--formula", &fixture("formula.json"), "--areas", &fixture("areas.csv")]);
    let t = stdout_table(&out);
    assert_eq!(&t.headers()[..4], ["id", "score", "tier", "rank"]);
    assert_eq!(t.text_column("id", Purpose::Indicator).unwrap(), ["a", "b", "c"], "d is missing income");
    assert_eq!(t.text_column("score", Purpose::Indicator).unwrap(), ["16.666667", "50.000000", "100.000000"]);
    assert_eq!(t.text_column("tier", Purpose::Indicator).unwrap(), ["1", "1", "2"]);
    assert_eq!(t.text_column("rank", Purpose::Indicator).unwrap(), ["1", "2", "3"]);
    assert!(stderr(&out).contains("row 5 (id d) is not scored: no value in column \"income\""), "{}", stderr(&out));
}

#[test]
fn score_with_a_baseline_adds_the_changes() {
    let out = ses(&[
        "score",
        "--formula",
        &fixture("income-down.json"),
        "--areas",
        &fixture("areas.csv"),
        "--baseline",
        &fixture("formula.json"),
    ]);
    let t = stdout_table(&out);
    assert_eq!(t.text_column("baseline_rank", Purpose::Indicator).unwrap(), ["1", "2", "3"]);
    assert_eq!(t.text_column("rank_change", Purpose::Indicator).unwrap(), ["-2", "0", "2"]);
}

#[test]
fn score_writes_only_the_kinds_of_column_asked_for() {
    let full = stdout_table(&ses(&["score", "--formula", &fixture("formula.json"), "--areas", &fixture("areas.csv")]));
    let out = ses(&["score", "--formula", &fixture("formula.json"), "--areas", &fixture("areas.csv"), "--columns", "tier,id,score"]);
    let slim = stdout_table(&out);
    assert_eq!(slim.headers(), ["id", "score", "tier"], "always in the file's order");
    for column in ["id", "score", "tier"] {
        assert_eq!(slim.text_column(column, Purpose::Indicator).unwrap(), full.text_column(column, Purpose::Indicator).unwrap());
    }
    // With a baseline, its columns only when asked for.
    let (proposal, areas, baseline) = (fixture("income-down.json"), fixture("areas.csv"), fixture("formula.json"));
    let run = |columns: &str| ses(&["score", "--formula", &proposal, "--areas", &areas, "--baseline", &baseline, "--columns", columns]);
    assert_eq!(stdout_table(&run("id,rank")).headers(), ["id", "rank"]);
    assert_eq!(stdout_table(&run("id,baseline")).headers(), ["id", "baseline_tier", "baseline_rank", "tier_change", "rank_change"]);
    let refused = ses(&["score", "--formula", &fixture("formula.json"), "--areas", &fixture("areas.csv"), "--columns", "score,tier"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("--columns must include id"), "{}", stderr(&refused));
}

#[test]
fn bad_input_exits_2_naming_file_row_column_and_value() {
    let out = ses(&["score", "--formula", &fixture("formula.json"), "--areas", &fixture("areas-bad-number.csv")]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("areas-bad-number.csv: row 3, column \"income\": \"two hundred\" is not valid; expected a number"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_formula_with_an_unknown_field_exits_2() {
    let dir = temp_dir("formula");
    let path = dir.join("f.json");
    let text = std::fs::read_to_string(fixture("formula.json")).unwrap().replace("\"name\"", "\"title\"");
    std::fs::write(&path, text).unwrap();
    let out = ses(&["score", "--formula", path.to_str().unwrap(), "--areas", &fixture("areas.csv")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown field `title`"), "{}", stderr(&out));
}

#[test]
fn a_missing_file_exits_2() {
    let out = ses(&["score", "--formula", &fixture("formula.json"), "--areas", "no-such-file.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no-such-file.csv: cannot read the file"));
}

#[test]
fn schools_profile_rank_and_fund_to_the_cent() {
    let fixtures = fixture_schools_args("formula.json");
    let base: Vec<&str> = fixtures.iter().map(String::as_str).chain(["--pool", "300"]).collect();
    let t = stdout_table(&ses(&base));
    assert_eq!(t.text_column("school_id", Purpose::Indicator).unwrap(), ["S1", "S2"]);
    assert_eq!(t.text_column("tier_1_students", Purpose::Indicator).unwrap(), ["20", "10"]);
    assert_eq!(t.text_column("unscored_students", Purpose::Indicator).unwrap(), ["0", "5"]);
    assert_eq!(t.text_column("allocation", Purpose::Indicator).unwrap(), ["200.00", "100.00"]);
    let need = stdout_table(&ses(&[&base[..], &["--method", "proportional-to-need"]].concat()));
    assert_eq!(need.text_column("allocation", Purpose::Indicator).unwrap(), ["218.18", "81.82"]);
    let serve = stdout_table(&ses(&[&base[..], &["--method", "rank-and-serve", "--cutoff", "50"]].concat()));
    assert_eq!(serve.text_column("allocation", Purpose::Indicator).unwrap(), ["300.00", "0.00"]);
}

#[test]
fn wrong_tier_weights_exit_2() {
    let fixtures = fixture_schools_args("formula.json");
    let args: Vec<&str> = fixtures.iter().map(String::as_str).chain(["--tier-weights", "1,0.5,0"]).collect();
    let out = ses(&args);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("gives 3 tier weights but the formula has 2 tiers"), "{}", stderr(&out));
}

#[test]
fn demo_files_round_trip_and_student_file_matches_counts() {
    let dir = temp_dir("demo");
    let d = dir.to_str().unwrap();
    assert!(ses(&["demo", "--out-dir", d, "--students"]).status.success());
    let file = |n: &str| dir.join(n).display().to_string();
    let common = ["schools", "--formula", &file("formula.json"), "--areas", &file("areas.csv"), "--schools", &file("schools.csv")];
    let by_counts = ses(&[&common[..], &["--enrollment", &file("enrollment.csv")]].concat());
    let by_students = ses(&[&common[..], &["--students", &file("students.csv"), "--suppress-below", "0"]].concat());
    let t = stdout_table(&by_counts);
    assert_eq!(t.len(), 170);
    assert_eq!(by_counts.stdout, by_students.stdout, "student-level data gives the same profiles");
    // Counts from student-level data below the threshold are hidden (by default below 10; the
    // demo's schools are large, so a higher threshold shows the rule at work), and so is what
    // would give them back.
    let default = ses(&[&common[..], &["--students", &file("students.csv")]].concat());
    assert_eq!(default.stdout, by_students.stdout, "the demo has no count below 10");
    let hidden = stdout_table(&ses(&[&common[..], &["--students", &file("students.csv"), "--suppress-below", "150"]].concat()));
    let tiers = ["tier_1_students", "tier_2_students", "tier_3_students", "students", "unscored_students"];
    let mut suppressed = 0;
    for column in tiers {
        for v in hidden.text_column(column, Purpose::Indicator).unwrap() {
            if v == "<150" {
                suppressed += 1;
            } else {
                let n: f64 = v.parse().unwrap();
                assert!(n == 0.0 || n >= 150.0, "{column}: {n} is a small count");
            }
        }
    }
    assert!(suppressed > 0, "the demo has small counts to hide");
    let (shares, counts) = (
        hidden.text_column("tier_1_share", Purpose::Indicator).unwrap(),
        hidden.text_column("tier_1_students", Purpose::Indicator).unwrap(),
    );
    assert!(shares.iter().zip(&counts).all(|(s, c)| c != "<150" || s.is_empty()), "a hidden count's share is blank");
    let cents: i64 =
        t.text_column("allocation", Purpose::Indicator).unwrap().iter().map(|d| (d.parse::<f64>().unwrap() * 100.0).round() as i64).sum();
    assert_eq!(cents, 1_000_000_000, "the default $10M pool, to the cent");
}

#[test]
fn schools_without_a_schools_file_treat_each_area_as_a_school() {
    let out =
        ses(&["schools", "--formula", &fixture("schools-as-areas.json"), "--areas", &fixture("schools-as-areas.csv"), "--pool", "600"]);
    let t = stdout_table(&out);
    // Poorest first: S1 (80%) is tier 1, S3 tier 2, S2 tier 3; names and levels come along.
    assert_eq!(t.text_column("school_id", Purpose::Indicator).unwrap(), ["S1", "S3", "S2"]);
    assert_eq!(t.text_column("name", Purpose::Indicator).unwrap(), ["Oak", "Ash", "Elm"]);
    assert_eq!(t.text_column("students", Purpose::Indicator).unwrap(), ["100", "200", "300"]);
    assert_eq!(t.text_column("tier_1_share", Purpose::Indicator).unwrap(), ["1.000000", "0.000000", "0.000000"]);
    // Default tier weights 1, 0.5, 0: S1 100 and S3 100 weighted students share $600.
    assert_eq!(t.text_column("allocation", Purpose::Indicator).unwrap(), ["300.00", "300.00", "0.00"]);
}

#[test]
fn a_scenario_file_from_the_app_gives_the_same_output_as_the_equivalent_flags() {
    use ses_explorer::app::scenario::{Pinned, Scenario};
    use ses_explorer::engine::allocation::{AllocationMethod, AllocationSettings};
    use ses_explorer::engine::formula::Formula;
    use ses_explorer::engine::model::RankBy;
    let read = |name: &str| Formula::from_json(name, &std::fs::read(fixture(name)).unwrap()).unwrap();
    let allocation = AllocationSettings { pool: 300.0, method: AllocationMethod::ProportionalToNeed, ..Default::default() };
    let scenario = Scenario::new(
        read("income-down.json"),
        allocation.clone(),
        RankBy::MeanScore,
        Pinned { formula: read("formula.json"), allocation },
    );
    let dir = temp_dir("scenario");
    let path = dir.join("scenario.json");
    std::fs::write(&path, scenario.to_json()).unwrap();
    let data = ["--areas", &fixture("areas.csv"), "--schools", &fixture("schools.csv"), "--enrollment", &fixture("enrollment.csv")];
    let by_scenario = ses(&[&["schools", "--formula", path.to_str().unwrap()][..], &data].concat());
    let by_flags = ses(&[
        &["schools", "--formula", &fixture("income-down.json"), "--baseline", &fixture("formula.json")][..],
        &data,
        &["--pool", "300", "--method", "proportional-to-need", "--rank-by", "mean-score"],
    ]
    .concat());
    let t = stdout_table(&by_scenario);
    assert!(t.has_column("allocation_change"), "the scenario's baseline is compared");
    assert_eq!(by_scenario.stdout, by_flags.stdout);
    let areas = ses(&["score", "--formula", path.to_str().unwrap(), "--areas", &fixture("areas.csv")]);
    assert!(stdout_table(&areas).has_column("rank_change"));
}

/// `ses explain` on the demo district, as JSON.
fn explain(dir: &Path, extra: &[&str]) -> serde_json::Value {
    let file = |n: &str| dir.join(n).display().to_string();
    let mut args = vec![
        "explain".to_string(),
        "--formula".into(),
        file("formula.json"),
        "--areas".into(),
        file("areas.csv"),
        "--schools".into(),
        file("schools.csv"),
        "--enrollment".into(),
        file("enrollment.csv"),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let out = Command::new(env!("CARGO_BIN_EXE_ses")).args(&args).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("ses explain writes JSON")
}

fn sum_of(object: &serde_json::Value) -> f64 {
    object.as_object().unwrap().values().map(|v| v.as_f64().unwrap()).sum()
}

#[test]
fn explain_writes_contributions_that_add_up_and_effective_weights_that_sum_to_one() {
    let dir = temp_dir("explain");
    assert!(ses(&["demo", "--out-dir", dir.to_str().unwrap()]).status.success());
    let doc = explain(&dir, &[]);
    let weights = doc["effective_weights"].as_array().unwrap();
    assert_eq!(weights.len(), 5);
    let total: f64 = weights.iter().map(|w| w["effective_share"].as_f64().unwrap()).sum();
    assert!((total - 1.0).abs() < 1e-9, "{total}");
    assert_eq!(doc["correlations"].as_array().unwrap().len(), 10, "every pair of five indicators");
    for area in doc["areas"].as_array().unwrap() {
        assert!((sum_of(&area["contributions"]) - area["score"].as_f64().unwrap()).abs() < 1e-9);
        assert!(area.get("p_tier_change").is_none(), "no draws, no stability figures");
    }
    let schools = doc["schools"].as_array().unwrap();
    assert_eq!(schools.len(), 170);
    for school in schools {
        assert!((sum_of(&school["contributions"]) - school["mean_score"].as_f64().unwrap()).abs() < 1e-9);
        for absent in ["rank_p5", "baseline_rank", "change_by_indicator"] {
            assert!(school.get(absent).is_none(), "{absent} needs draws or a baseline");
        }
    }
    let sensitivity = doc["sensitivity"].as_array().unwrap();
    assert_eq!(sensitivity.len(), 10, "five indicators × 0.5 and 1.5");
    assert!(sensitivity.iter().all(|s| s["dollars_moved"].as_f64().unwrap() >= 0.0));
    assert!(doc["knife_edge"]["areas"].as_u64().unwrap() > 0);
}

#[test]
fn explain_stability_is_seeded_and_the_baseline_change_adds_up() {
    let dir = temp_dir("explain-stability");
    assert!(ses(&["demo", "--out-dir", dir.to_str().unwrap()]).status.success());
    // A baseline with income weighted double.
    let mut baseline: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("formula.json")).unwrap()).unwrap();
    baseline["indicators"][0]["weight"] = serde_json::json!(baseline["indicators"][0]["weight"].as_f64().unwrap() * 2.0);
    std::fs::write(dir.join("baseline.json"), baseline.to_string()).unwrap();
    let base = dir.join("baseline.json").display().to_string();
    let args = ["--draws", "300", "--spread", "0.3", "--seed", "11", "--baseline", &base];
    let doc = explain(&dir, &args);
    assert_eq!(doc, explain(&dir, &args), "the same seed gives the same numbers");
    assert_ne!(doc["schools"], explain(&dir, &["--draws", "300", "--spread", "0.3", "--seed", "12", "--baseline", &base])["schools"]);
    assert_eq!(doc["stability"]["draws"], 300);
    let baseline_doc = {
        let b = dir.join("baseline.json").display().to_string();
        let file = |n: &str| dir.join(n).display().to_string();
        let out = ses(&[
            "explain",
            "--formula",
            &b,
            "--areas",
            &file("areas.csv"),
            "--schools",
            &file("schools.csv"),
            "--enrollment",
            &file("enrollment.csv"),
        ]);
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    for (now, before) in doc["schools"].as_array().unwrap().iter().zip(baseline_doc["schools"].as_array().unwrap()) {
        let (p5, median, p95) = (now["rank_p5"].as_u64().unwrap(), now["rank_median"].as_u64().unwrap(), now["rank_p95"].as_u64().unwrap());
        assert!(p5 <= median && median <= p95);
        assert!(now["allocation_p5"].as_f64().unwrap() <= now["allocation_p95"].as_f64().unwrap());
        assert_eq!(now["baseline_rank"], before["rank"]);
        let change = sum_of(&now["change_by_indicator"]);
        let expected = now["mean_score"].as_f64().unwrap() - before["mean_score"].as_f64().unwrap();
        assert!((change - expected).abs() < 1e-9, "{change} vs {expected}");
    }
    assert!(doc["areas"].as_array().unwrap().iter().any(|a| a["p_tier_change"].as_f64().unwrap() > 0.0));
}

#[test]
fn explain_without_schools_explains_the_areas_only() {
    let out = ses(&["explain", "--formula", &fixture("formula.json"), "--areas", &fixture("areas.csv")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc.get("schools").is_none());
    assert!(doc["sensitivity"].as_array().unwrap().iter().all(|s| s.get("dollars_moved").is_none()));
    assert!(!doc["areas"].as_array().unwrap().is_empty());
    let bad =
        ses(&["explain", "--formula", &fixture("formula.json"), "--areas", &fixture("areas.csv"), "--draws", "10", "--spread", "1.5"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("spread"), "{}", stderr(&bad));
}

#[test]
fn explain_takes_the_seed_and_spread_of_a_scenario_from_the_app() {
    use ses_explorer::app::scenario::{Pinned, Scenario};
    use ses_explorer::engine::allocation::AllocationSettings;
    use ses_explorer::engine::demo::demo_formula;
    use ses_explorer::engine::model::RankBy;
    use ses_explorer::engine::stability::StabilitySettings;
    let dir = temp_dir("explain-scenario");
    assert!(ses(&["demo", "--out-dir", dir.to_str().unwrap()]).status.success());
    let pinned = Pinned { formula: demo_formula(), allocation: AllocationSettings::default() };
    let scenario = Scenario {
        stability: StabilitySettings { draws: 1000, spread: 0.2, seed: 7 },
        ..Scenario::new(demo_formula(), AllocationSettings::default(), RankBy::default(), pinned)
    };
    std::fs::write(dir.join("scenario.json"), scenario.to_json()).unwrap();
    let ranges = |doc: &serde_json::Value| -> Vec<(u64, u64, u64)> {
        doc["schools"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| (s["rank_p5"].as_u64().unwrap(), s["rank_median"].as_u64().unwrap(), s["rank_p95"].as_u64().unwrap()))
            .collect()
    };
    let scenario_path = dir.join("scenario.json").display().to_string();
    let formula_path = dir.join("formula.json").display().to_string();
    let from_scenario = explain_with(&dir, &scenario_path, &["--draws", "120"]);
    let from_flags = explain_with(&dir, &formula_path, &["--draws", "120", "--spread", "0.2", "--seed", "7"]);
    assert_eq!(ranges(&from_scenario), ranges(&from_flags));
    assert_eq!(from_scenario["stability"]["seed"], 7);
    assert_ne!(ranges(&from_scenario), ranges(&explain_with(&dir, &formula_path, &["--draws", "120"])), "the default seed differs");
}

fn explain_with(dir: &Path, formula: &str, extra: &[&str]) -> serde_json::Value {
    let file = |n: &str| dir.join(n).display().to_string();
    let mut args = vec![
        "explain".to_string(),
        "--formula".into(),
        formula.to_string(),
        "--areas".into(),
        file("areas.csv"),
        "--schools".into(),
        file("schools.csv"),
        "--enrollment".into(),
        file("enrollment.csv"),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let out = Command::new(env!("CARGO_BIN_EXE_ses")).args(&args).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn compare_writes_both_sides_fairness_the_money_moved_and_the_story() {
    let dir = temp_dir("compare");
    assert!(ses(&["demo", "--out-dir", dir.to_str().unwrap()]).status.success());
    let file = |n: &str| dir.join(n).display().to_string();
    let mut b: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("formula.json")).unwrap()).unwrap();
    b["indicators"][0]["weight"] = serde_json::json!(60);
    std::fs::write(dir.join("b.json"), b.to_string()).unwrap();
    let run = |other: &str, extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["compare", "--formula", &file("formula.json")].into_iter().map(String::from).collect::<Vec<_>>();
        for a in
            ["--other", other, "--areas", &file("areas.csv"), "--schools", &file("schools.csv"), "--enrollment", &file("enrollment.csv")]
        {
            args.push(a.to_string());
        }
        args.extend(extra.iter().map(|s| s.to_string()));
        let out = Command::new(env!("CARGO_BIN_EXE_ses")).args(&args).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let same = run(&file("formula.json"), &[]);
    assert_eq!(same["dollars_moved"], 0.0);
    assert!(same["summary"].as_str().unwrap().contains("moves no money"), "{}", same["summary"]);
    assert_eq!(same["a"], same["b"]);
    assert!(same["a"].get("title1_violations").is_none(), "only for rank-and-serve");
    assert!(same["a"]["progressivity_current"].as_f64().unwrap() > 0.0, "the demo has per-pupil funding");

    let doc = run(&file("b.json"), &["--method", "rank-and-serve", "--cutoff", "40"]);
    let moved = doc["dollars_moved"].as_f64().unwrap();
    let schools = doc["schools"].as_array().unwrap();
    assert_eq!(schools.len(), 170);
    let half_abs: f64 =
        schools.iter().map(|s| (s["allocation_b"].as_f64().unwrap() - s["allocation_a"].as_f64().unwrap()).abs()).sum::<f64>() / 2.0;
    assert!((moved - half_abs).abs() < 0.01, "{moved} vs {half_abs}");
    assert!(
        doc["summary"].as_str().unwrap().starts_with("Proposal B (Five census factors, equal weights, three tiers) moves $"),
        "{}",
        doc["summary"]
    );
    assert!(doc["a"]["title1_violations"].is_array());
    for side in ["a", "b"] {
        let d = doc[side]["dissimilarity"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&d));
    }
    // Without a per-pupil funding column there is no current-funding ratio.
    let out = ses(&[
        "compare",
        "--formula",
        &fixture("formula.json"),
        "--other",
        &fixture("income-down.json"),
        "--areas",
        &fixture("areas.csv"),
        "--schools",
        &fixture("schools.csv"),
        "--enrollment",
        &fixture("enrollment.csv"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let small: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(small["a"].get("progressivity_current").is_none());
}

#[test]
fn schools_prints_its_fairness_measures_on_stderr() {
    let out = ses(&fixture_schools_args("formula.json").iter().map(String::as_str).collect::<Vec<_>>());
    assert!(out.status.success());
    assert!(stderr(&out).contains("fairness: progressivity ratio"), "{}", stderr(&out));
}

#[test]
fn card_states_the_formula_and_fingerprints_the_files() {
    let out = ses(&["card", "--formula", &fixture("formula.json"), "--areas", &fixture("areas.csv"), "--date", "2026-11-23"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<td>areas.csv</td>"));
    assert!(html.contains(", 2026-11-23."));
    let again = ses(&["card", "--formula", &fixture("formula.json"), "--areas", &fixture("areas.csv"), "--date", "2026-11-23"]);
    assert_eq!(again.stdout, html.as_bytes(), "the same inputs give the same bytes");
    let demo = ses(&["card", "--formula", &fixture("formula.json"), "--demo", "--date", "2026-11-23"]);
    assert!(String::from_utf8_lossy(&demo.stdout).contains("synthetic demo district"));
    let bad = ses(&["card", "--formula", &fixture("formula.json"), "--date", "23/11/2026"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("YYYY-MM-DD"), "{}", stderr(&bad));
    let spanish = ses(&["card", "--formula", &fixture("formula.json"), "--demo", "--date", "2026-11-23", "--lang", "es"]);
    assert!(spanish.status.success(), "{}", stderr(&spanish));
    let spanish = String::from_utf8(spanish.stdout).unwrap();
    assert!(spanish.contains("<html lang=\"es\">") && spanish.contains("distrito de demostración sintético"), "{spanish}");
    let unknown = ses(&["card", "--formula", &fixture("formula.json"), "--demo", "--lang", "fr"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("--lang \"fr\"") && stderr(&unknown).contains("en, es"), "{}", stderr(&unknown));
}

/// `(data-id, data-tier)` of every area path of a map SVG, in drawing order.
fn svg_area_tiers(svg: &str) -> Vec<(String, String)> {
    svg.lines()
        .filter(|l| l.starts_with("<path "))
        .map(|l| {
            let attr = |name: &str| {
                let start = l.find(&format!(" {name}=\"")).unwrap_or_else(|| panic!("no {name} in {l}")) + name.len() + 3;
                l[start..start + l[start..].find('"').unwrap()].to_string()
            };
            (attr("data-id"), attr("data-tier"))
        })
        .collect()
}

#[test]
fn map_draws_every_demo_boundary_with_the_tier_ses_score_gives() {
    let dir = temp_dir("map");
    let d = dir.to_str().unwrap();
    assert!(ses(&["demo", "--out-dir", d]).status.success());
    let file = |n: &str| dir.join(n).display().to_string();
    let scored = stdout_table(&ses(&["score", "--formula", &file("formula.json"), "--areas", &file("areas.csv")]));
    let tiers: std::collections::HashMap<String, String> = scored
        .text_column("id", Purpose::Indicator)
        .unwrap()
        .into_iter()
        .zip(scored.text_column("tier", Purpose::Indicator).unwrap())
        .collect();
    let base = ["map", "--formula", &file("formula.json"), "--areas", &file("areas.csv"), "--geometry", &file("areas.geojson")];
    let out = ses(&base);
    assert!(out.status.success(), "{}", stderr(&out));
    let svg = String::from_utf8(out.stdout.clone()).unwrap();
    let paths = svg_area_tiers(&svg);
    assert_eq!(paths.len(), 600);
    for (id, tier) in &paths {
        assert_eq!(&tiers[id], tier, "area {id}");
    }
    assert!(stderr(&out).contains("Tier of each area. Tier 1 (lowest SES): "), "{}", stderr(&out));
    assert!(svg.contains("Tier 1 (lowest SES) ("), "the legend is in the picture");

    // Against a baseline that weighs income alone, some areas change tier: they are striped.
    let formula = std::fs::read_to_string(file("formula.json")).unwrap();
    let mut income_only: serde_json::Value = serde_json::from_str(&formula).unwrap();
    for (i, ind) in income_only["indicators"].as_array_mut().unwrap().iter_mut().enumerate() {
        ind["weight"] = serde_json::json!(if i == 0 { 100.0 } else { 0.0 });
    }
    std::fs::write(dir.join("income.json"), income_only.to_string()).unwrap();
    let out = ses(&[&base[..], &["--baseline", &file("income.json"), "--color", "change", "--out", &file("change.svg")]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let change = std::fs::read_to_string(dir.join("change.svg")).unwrap();
    assert!(change.contains(">Change of tier against the baseline</text>"));
    assert!(change.contains("<polyline") && change.contains(">Same tier ("));
    let column = ses(&[&base[..], &["--colour", "median_household_income"]].concat());
    assert!(String::from_utf8_lossy(&column.stdout).contains(">median_household_income of each area</text>"));

    // Wrong inputs are refused in words.
    let no_baseline = ses(&[&base[..], &["--color", "change"]].concat());
    assert_eq!(no_baseline.status.code(), Some(2));
    assert!(stderr(&no_baseline).contains("--color change needs a baseline"));
    let wrong_property = ses(&[&base[..], &["--id-property", "GEOID"]].concat());
    assert_eq!(wrong_property.status.code(), Some(2));
    assert!(
        stderr(&wrong_property).contains("the features have no property \"GEOID\"; their properties are: area_id"),
        "{}",
        stderr(&wrong_property)
    );
    std::fs::write(dir.join("utm.geojson"), r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"area_id":"BG00001"},"geometry":{"type":"Polygon","coordinates":[[[443000,4640000],[444000,4640000],[444000,4641000],[443000,4640000]]]}}]}"#).unwrap();
    let projected = ses(&["map", "--formula", &file("formula.json"), "--areas", &file("areas.csv"), "--geometry", &file("utm.geojson")]);
    assert_eq!(projected.status.code(), Some(2));
    assert!(
        stderr(&projected).contains("utm.geojson: feature 1: [443000,4640000] is not a longitude and latitude in degrees"),
        "{}",
        stderr(&projected)
    );
}

#[test]
fn fit_finds_that_equal_weights_reproduce_chicagos_published_tiers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let areas = root.join("examples/chicago/cps-tracts-fy2015.csv");
    let start = root.join("assets/formulas/chicago-6-factor.json");
    let dir = temp_dir("fit");
    let out_path = dir.join("fit.json");
    let out = ses(&[
        "fit",
        "--formula",
        start.to_str().unwrap(),
        "--areas",
        areas.to_str().unwrap(),
        "--published-tiers",
        "6-Factor Socioeconomic Tier",
        "--out",
        out_path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("equal weights reproduce 796 of 796 published tiers"), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&out_path).unwrap()).unwrap();
    assert_eq!((doc["matched"].as_u64(), doc["total"].as_u64()), (Some(796), Some(796)));
    assert_eq!(doc["mismatches"].as_array().map(Vec::len), Some(0));
    assert_eq!(doc["simple"]["matched"], 796);
    for w in doc["simple"]["weights"].as_array().unwrap() {
        assert!((w["share"].as_f64().unwrap() - 1.0 / 6.0).abs() < 1e-12, "{w}");
    }
    for w in doc["weights"].as_array().unwrap() {
        let (low, share, high) = (w["share_min"].as_f64().unwrap(), w["share"].as_f64().unwrap(), w["share_max"].as_f64().unwrap());
        assert!(low <= share && share <= high && low <= 1.0 / 6.0 + 1e-6 && 1.0 / 6.0 - 1e-6 <= high, "{w}");
    }
    // The fitted formula is a formula file `ses score` reads, and it gives the published tiers.
    let formula_path = dir.join("fitted.json");
    std::fs::write(&formula_path, serde_json::to_string_pretty(&doc["formula"]).unwrap()).unwrap();
    let scored = stdout_table(&ses(&["score", "--formula", formula_path.to_str().unwrap(), "--areas", areas.to_str().unwrap()]));
    let published = Table::parse("cps.csv", &std::fs::read(&areas).unwrap()).unwrap();
    let tiers = published.text_column("6-Factor Socioeconomic Tier", Purpose::PublishedTiers).unwrap();
    let ids = published.text_column("TRACT", Purpose::AreaId).unwrap();
    let by_id: std::collections::HashMap<&str, &str> = ids.iter().map(String::as_str).zip(tiers.iter().map(String::as_str)).collect();
    let scored_ids = scored.text_column("id", Purpose::AreaId).unwrap();
    let scored_tiers = scored.text_column("tier", Purpose::Indicator).unwrap();
    assert!(scored_ids.iter().zip(&scored_tiers).all(|(id, t)| by_id[id.as_str()] == t), "every fitted tier is the published one");
}

#[test]
fn fit_refuses_a_missing_tier_column_and_tiers_beyond_the_formula() {
    let fixture_formula = fixture("formula.json");
    let out = ses(&["fit", "--formula", &fixture_formula, "--areas", &fixture("areas.csv"), "--published-tiers", "Tier 2017-2018"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("there is no column \"Tier 2017-2018\" (the published tiers)"), "{}", stderr(&out));
    let dir = temp_dir("fit-bad");
    let areas = std::fs::read_to_string(fixture("areas.csv")).unwrap();
    let mut lines = areas.lines();
    let mut with_tiers = format!("{},published\n", lines.next().unwrap());
    for (n, line) in lines.enumerate() {
        with_tiers.push_str(&format!("{line},{}\n", if n == 1 { 9 } else { 1 + n % 2 }));
    }
    let path = dir.join("areas.csv");
    std::fs::write(&path, with_tiers).unwrap();
    let out = ses(&["fit", "--formula", &fixture_formula, "--areas", path.to_str().unwrap(), "--published-tiers", "published"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("column \"published\": \"9\" is not valid; expected a tier, a whole number from 1 to"),
        "{}",
        stderr(&out)
    );
}

/// Chicago's file with some published tiers written as later years' tables write areas without
/// data: a 0, or a blank cell.
fn chicago_with_unpublished_tiers(dir: &Path, left_out_row: bool) -> std::path::PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("examples/chicago/cps-tracts-fy2015.csv")).unwrap();
    let mut out = String::new();
    for (n, line) in text.lines().enumerate() {
        let mut line = line.to_owned();
        // Data rows 2, 5 and 9 (spreadsheet rows 3, 6, 10): tiers 0, 0 and blank.
        if [2, 5, 9].contains(&n) {
            let cut = line.rfind(',').unwrap();
            line = format!("{},{}", &line[..cut], if n == 9 { "" } else { "0" });
        }
        // Spreadsheet row 13: no income, so it is left out of scoring.
        if left_out_row && n == 12 {
            let start = line.find(",\"").unwrap() + 1;
            let end = line[start + 1..].find('"').unwrap() + start + 2;
            line.replace_range(start..end, "");
        }
        out.push_str(&line);
        out.push('\n');
    }
    let path = dir.join(if left_out_row { "cps-left-out.csv" } else { "cps-zeros.csv" });
    std::fs::write(&path, out).unwrap();
    path
}

#[test]
fn fit_skips_published_tiers_of_0_or_blank_and_says_how_many() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let start = root.join("assets/formulas/chicago-6-factor.json");
    let dir = temp_dir("fit-zeros");
    for left_out in [true, false] {
        let areas = chicago_with_unpublished_tiers(&dir, left_out);
        let out = ses(&[
            "fit",
            "--formula",
            start.to_str().unwrap(),
            "--areas",
            areas.to_str().unwrap(),
            "--published-tiers",
            "6-Factor Socioeconomic Tier",
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("column \"6-Factor Socioeconomic Tier\": 3 areas have no published tier (0 or blank) and are not compared"),
            "{err}"
        );
        // 793 areas have a published tier; the one left out of scoring cannot match its own.
        let matched = if left_out { 792 } else { 793 };
        assert!(err.contains(&format!("reproduce {matched} of 793 published tiers")), "{err}");
        // With every area scored, a 0 is not explained by missing data: its rows are named.
        assert_eq!(err.contains("check the tier of 0 in rows 3, 6"), !left_out, "{err}");
    }
}

#[test]
fn texts_an_agency_writes_for_missing_are_all_listed_and_can_be_declared_missing() {
    let dir = temp_dir("suppressed");
    let mut text = String::from("id,kids,income,single\n");
    for i in 0..40 {
        let income = if i % 8 == 3 { "n/a (suppressed)".to_owned() } else { format!("\"${},000\"", 30 + i) };
        // The ACS's own stand-in for "no estimate" and its annotation, read as missing unasked.
        let single = match i {
            5 => "-666666666".to_owned(),
            6 => "(X)".to_owned(),
            _ => format!("{}%", 10 + i),
        };
        text.push_str(&format!("a{i},{},{income},{single}\n", 10 + i));
    }
    let areas = dir.join("areas.csv");
    std::fs::write(&areas, text).unwrap();
    let formula = fixture("formula.json");
    let out = ses(&["score", "--formula", &formula, "--areas", areas.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "areas.csv: 5 values are not valid: column \"income\": \"n/a (suppressed)\" in 5 rows: 5, 13, 21, 29, 37 (expected a number"
        ),
        "every bad cell at once: {}",
        stderr(&out)
    );
    let out = ses(&["score", "--formula", &formula, "--areas", areas.to_str().unwrap(), "--missing-values", "n/a (suppressed),(X)"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("areas.csv: column \"income\": read as missing: \"n/a (suppressed)\" (5 cells, declared missing)"), "{err}");
    assert!(
        err.contains("areas.csv: column \"single\": read as missing: \"-666666666\" (1 cell), \"(X)\" (1 cell)"),
        "a Census marker needs no declaring: {err}"
    );
    assert!(err.contains("row 7 (id a5) is not scored: no value in column \"single\""), "{err}");
}

#[test]
fn a_file_of_random_bytes_is_refused_as_not_text() {
    let dir = temp_dir("not-text");
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..5_000_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    let areas = dir.join("areas.csv");
    std::fs::write(&areas, bytes).unwrap();
    let out = ses(&["score", "--formula", &fixture("formula.json"), "--areas", areas.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("areas.csv: is not a text table (CSV or tab-separated text) or a workbook: its bytes are not text"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn students_gives_each_child_their_ses_the_schools_follow_and_bad_answers_are_named() {
    let dir = temp_dir("students");
    let d = dir.to_str().unwrap();
    assert!(ses(&["demo", "--out-dir", d, "--students"]).status.success());
    let file = |n: &str| dir.join(n).display().to_string();
    let family_formula = file("formula-area-and-family.json");
    let args = ["students", "--formula", &family_formula, "--areas", &file("areas.csv"), "--students", &file("students.csv")];
    let out = ses(&args);
    let t = stdout_table(&out);
    assert_eq!(t.headers(), ["student", "area", "school", "area_score", "family_score", "score", "tier"]);
    assert!(t.len() > 170_000, "one row per student");
    let column = |name: &str| t.text_column(name, Purpose::Indicator).unwrap();
    let (area, family, score, tier) = (column("area_score"), column("family_score"), column("score"), column("tier"));
    let mut per_tier = [0usize; 3];
    for i in 0..t.len() {
        let a: f64 = area[i].parse().unwrap();
        let s: f64 = score[i].parse().unwrap();
        // Half area, half family; the area alone for a family that answered nothing.
        let want = if family[i].is_empty() { a } else { 0.5 * a + 0.5 * family[i].parse::<f64>().unwrap() };
        assert!((s - want).abs() < 1e-9, "row {i}: {s} vs {want}");
        per_tier[tier[i].parse::<usize>().unwrap() - 1] += 1;
    }
    let n = t.len() as f64;
    assert!(per_tier.iter().all(|&c| (c as f64 - n / 3.0).abs() < n * 0.01), "tiers of equal numbers of students: {per_tier:?}");
    assert!(family.iter().any(|f| f.is_empty()) && stderr(&out).is_empty(), "no one is left out under area_only");
    // With a schools file the same students; `ses schools` profiles the schools by student tier.
    let with_schools = ses(&[&args[..], &["--schools", &file("schools.csv")]].concat());
    assert_eq!(with_schools.stdout, out.stdout);
    let schools = |formula: &str| {
        let run = ses(&[
            "schools",
            "--formula",
            formula,
            "--areas",
            &file("areas.csv"),
            "--schools",
            &file("schools.csv"),
            "--students",
            &file("students.csv"),
        ]);
        stdout_table(&run).text_column("tier_1_students", Purpose::Indicator).unwrap().to_vec()
    };
    assert_ne!(schools(&family_formula), schools(&file("formula.json")), "the schools follow the student tiers");

    // An answer outside the formula's levels names file, row, column, value and the levels.
    let students = std::fs::read_to_string(file("students.csv")).unwrap().replacen("Some college", "Some colege", 1);
    std::fs::write(file("typo.csv"), students).unwrap();
    let refused = ses(&["students", "--formula", &family_formula, "--areas", &file("areas.csv"), "--students", &file("typo.csv")]);
    assert_eq!(refused.status.code(), Some(2));
    let message = stderr(&refused);
    assert!(message.starts_with("error: ") && message.contains("typo.csv: row 4, column ") && message.contains("column \"parent_education\": \"Some colege\" is not one of the answers the formula lists: \"Less than high school\", \"High school diploma\", \"Some college\""), "{message}");
    // A formula without a student part, and an area share outside 0–1.
    let plain = ses(&["students", "--formula", &file("formula.json"), "--areas", &file("areas.csv"), "--students", &file("students.csv")]);
    assert_eq!(
        (plain.status.code(), stderr(&plain).contains("needs a student-level file") || stderr(&plain).contains("student part")),
        (Some(2), true),
        "{}",
        stderr(&plain)
    );
    let formula = std::fs::read_to_string(&family_formula).unwrap().replace("\"area_share\": 0.5", "\"area_share\": 1.5");
    std::fs::write(file("share.json"), formula).unwrap();
    let share = ses(&["students", "--formula", &file("share.json"), "--areas", &file("areas.csv"), "--students", &file("students.csv")]);
    assert_eq!(share.status.code(), Some(2));
    assert!(
        stderr(&share).contains("share.json: the student part's \"area_share\" is 1.5; it must be between 0 and 1"),
        "{}",
        stderr(&share)
    );
}
