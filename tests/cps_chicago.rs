//! Acceptance: the Chicago six-factor formula reproduces Chicago Public Schools' published
//! tiers and percentiles for every tract, through the engine API and through the `ses` CLI.
//! Reads the repository's copy of the published files (`examples/chicago/`); a missing file is a
//! failure, never a skip.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;

use ses_explorer::engine::dataset::{Areas, Dataset};
use ses_explorer::engine::error::Purpose;
use ses_explorer::engine::formula::Formula;
use ses_explorer::engine::model::{Prepared, RankBy};
use ses_explorer::engine::table::Table;

const FORMULA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/formulas/chicago-6-factor.json");

fn example(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/chicago").join(name)
}

fn cps_files() -> Vec<PathBuf> {
    let dir = example("");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no CPS tract files in {}", dir.display());
    files
}

fn percent(text: &str) -> f64 {
    text.trim().trim_end_matches('%').parse().expect("published percentages are numbers")
}

#[test]
fn engine_reproduces_published_tiers_and_percentiles() {
    let formula = Formula::from_json(FORMULA, &std::fs::read(FORMULA).unwrap()).unwrap();
    for path in cps_files() {
        let bytes = std::fs::read(&path).unwrap();
        let data = Dataset::areas_only(Areas::parse(&path.display().to_string(), &bytes).unwrap());
        let prepared = Prepared::new(&data, &formula).unwrap();
        let eval = prepared.evaluate(&data, &formula, RankBy::default(), None).unwrap();
        let published = Table::parse("published", &bytes).unwrap();
        let tiers = published.text_column("6-Factor Socioeconomic Tier", Purpose::Indicator).unwrap();
        let scores = published.text_column("6-Factor Socioeconomic Score", Purpose::Indicator).unwrap();
        assert!(prepared.exclusions().is_empty());
        for (i, area) in eval.areas.iter().enumerate() {
            assert_eq!(area.tier.unwrap().to_string(), tiers[i], "{}: tract {} tier", path.display(), &prepared.ids()[i]);
            let published_score = 100.0 * scores[i].parse::<f64>().unwrap();
            assert!((area.score.unwrap() - published_score).abs() < 0.1, "tract {} score", &prepared.ids()[i]);
        }
        for (k, ind) in formula.indicators.iter().enumerate() {
            let column = published.text_column(&format!("{} Cumulative Percentage", ind.column), Purpose::Indicator).unwrap();
            let diffs: Vec<f64> =
                (0..column.len()).map(|i| (prepared.normalized_value(k, i).unwrap() - percent(&column[i])).abs()).collect();
            let close = diffs.iter().filter(|d| **d <= 0.01).count();
            let worst = diffs.iter().copied().fold(0.0, f64::max);
            // The published inputs are rounded (2 decimals), which turns near-ties into ties:
            // nearly every tract matches to the printed precision, none is off by half a point.
            assert!(worst < 0.5, "{}: worst percentile difference {worst}", ind.column);
            assert!(close * 10 >= column.len() * 9, "{}: only {close} of {} within 0.01", ind.column, column.len());
        }
    }
}

#[test]
fn cli_score_writes_the_published_tier_of_every_tract() {
    for path in cps_files() {
        let out = Command::new(env!("CARGO_BIN_EXE_ses")).args(["score", "--formula", FORMULA, "--areas"]).arg(&path).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let ours = Table::parse("stdout", &out.stdout).unwrap();
        assert_eq!(&ours.headers()[..4], ["id", "score", "tier", "rank"]);
        let published = Table::parse("published", &std::fs::read(&path).unwrap()).unwrap();
        let expected: HashMap<String, String> = published
            .text_column("TRACT", Purpose::Indicator)
            .unwrap()
            .into_iter()
            .zip(published.text_column("6-Factor Socioeconomic Tier", Purpose::Indicator).unwrap())
            .collect();
        let ids = ours.text_column("id", Purpose::Indicator).unwrap();
        let tiers = ours.text_column("tier", Purpose::Indicator).unwrap();
        assert_eq!(ids.len(), expected.len());
        for (id, tier) in ids.iter().zip(&tiers) {
            assert_eq!(&expected[id], tier, "tract {id}");
        }
        let mut ranks: Vec<u32> = ours.text_column("rank", Purpose::Indicator).unwrap().iter().map(|r| r.parse().unwrap()).collect();
        ranks.sort();
        assert_eq!(ranks, (1..=ids.len() as u32).collect::<Vec<_>>(), "ranks are 1..n without gaps");
    }
}

#[test]
fn cli_map_draws_every_tract_with_its_published_tier_and_hatches_the_three_without_data() {
    let geometry = example("chicago-tracts-2010.geojson");
    let areas = example("cps-tracts-fy2015.csv");
    let out = Command::new(env!("CARGO_BIN_EXE_ses"))
        .args(["map", "--formula", FORMULA, "--areas"])
        .arg(&areas)
        .arg("--geometry")
        .arg(&geometry)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("note: 3 boundaries have no data: shown hatched (3817, 8357, 9801)"), "{stderr}");
    let svg = String::from_utf8(out.stdout).unwrap();
    let paths: Vec<(String, String)> = svg
        .lines()
        .filter(|l| l.starts_with("<path "))
        .map(|l| {
            let attr = |name: &str| {
                let start = l.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
                l[start..start + l[start..].find('"').unwrap()].to_string()
            };
            (attr("data-id"), attr("data-tier"))
        })
        .collect();
    assert_eq!(paths.len(), 799, "one path per feature");
    let published = Table::parse("published", &std::fs::read(&areas).unwrap()).unwrap();
    let expected: HashMap<String, String> = published
        .text_column("TRACT", Purpose::Indicator)
        .unwrap()
        .into_iter()
        .zip(published.text_column("6-Factor Socioeconomic Tier", Purpose::Indicator).unwrap())
        .collect();
    let mut without_data = Vec::new();
    for (id, tier) in &paths {
        match expected.get(id) {
            Some(t) => assert_eq!(t, tier, "tract {id}"),
            None => {
                assert_eq!(tier, "", "tract {id} has no data and no tier");
                without_data.push(id.as_str());
            }
        }
    }
    assert_eq!(without_data, ["3817", "8357", "9801"]);
    assert!(svg.contains(">No data (3)</text>"), "the legend counts the hatched tracts");
}

#[test]
fn every_chicago_tract_on_the_map_is_reachable_by_arrow_keys() {
    use ses_explorer::app::map::AreaMap;
    use ses_explorer::engine::geometry::Boundaries;
    let geometry = example("chicago-tracts-2010.geojson");
    let areas = example("cps-tracts-fy2015.csv");
    let bytes = std::fs::read(&geometry).unwrap_or_else(|e| panic!("{}: {e}", geometry.display()));
    let boundaries = Boundaries::parse("chicago-tracts-2010.geojson", &bytes).unwrap();
    assert_eq!((boundaries.features.len(), boundaries.vertex_count), (799, 95_956));
    let table = Table::parse("cps", &std::fs::read(&areas).unwrap()).unwrap();
    let ids = table.id_column("TRACT", Purpose::Indicator).unwrap();
    let map = AreaMap::new(boundaries, None, &ids, None).unwrap();
    assert_eq!(map.links.property, "TRACT", "the id property is found from the data's ids");
    assert_eq!(map.links.features_without_data.len(), 3);
    assert!(map.links.areas_without_boundary.is_empty());
    let seen = map.reachable_by_arrows(0);
    assert_eq!(seen.iter().filter(|s| !**s).count(), 0, "tracts that arrows never reach");
}

#[test]
fn importing_a_published_file_offers_chicagos_indicators_in_one_click_and_starts_from_its_formula() {
    use ses_explorer::app::import::{FileRole, PendingFile, build, known_formulas, sample_values};
    use ses_explorer::app::presets::Preset;
    for path in cps_files() {
        let name = path.display().to_string();
        let bytes = std::fs::read(&path).unwrap();
        let mut file = PendingFile::read(&name, &bytes, None).unwrap();
        assert_eq!(file.mapping.role, FileRole::Areas);
        // Sample values are the file's own first cells.
        let table = Table::parse(&name, &bytes).unwrap();
        let first_income = table.text_column("Estimated Median Family Income", Purpose::Indicator).unwrap()[0].clone();
        assert_eq!(sample_values(&file.table, "Estimated Median Family Income", 3)[0], first_income.trim());
        assert_eq!(sample_values(&file.table, "Estimated Median Family Income", 3).len(), 3);

        let known = known_formulas(&file.table);
        let (preset, formula) = known.iter().find(|(p, _)| *p == Preset::Chicago).expect("Chicago's columns are in its own file");
        file.mapping.areas.pick_known(*preset, formula);
        let ticked: Vec<&str> = file.mapping.areas.indicators.iter().filter(|i| i.included).map(|i| i.column.as_str()).collect();
        let chicago = Formula::from_json(FORMULA, &std::fs::read(FORMULA).unwrap()).unwrap();
        assert_eq!(ticked.len(), 6, "{name}: {ticked:?}");
        assert!(chicago.indicators.iter().all(|i| ticked.contains(&i.column.as_str())));
        let imported = build(std::slice::from_ref(&file)).unwrap();
        assert_eq!(imported.preset, Some(Preset::Chicago));
        assert_eq!(imported.formula.tiers.count, 4, "{name}: the import starts from Chicago's four tiers");

        // The same six ticked by hand, each with its direction, start from Chicago's formula too.
        let mut by_hand = PendingFile::read(&name, &bytes, None).unwrap();
        by_hand.mapping.areas.id = chicago.id_column.clone();
        by_hand.mapping.areas.population = chicago.population_column.clone();
        for choice in &mut by_hand.mapping.areas.indicators {
            let known = chicago.indicators.iter().find(|i| i.column == choice.column);
            choice.included = known.is_some();
            if let Some(k) = known {
                choice.direction = k.direction;
            }
        }
        assert_eq!(by_hand.mapping.areas.known_formula, None, "nothing was clicked");
        let imported = build(std::slice::from_ref(&by_hand)).unwrap();
        assert_eq!((imported.preset, imported.formula.tiers.count), (Some(Preset::Chicago), 4), "{name}: ticked by hand");

        // Unticking one of them makes it a formula of the person's own, with equal weights.
        let k = file.mapping.areas.indicators.iter().position(|i| i.included).unwrap();
        file.mapping.areas.indicators[k].included = false;
        let own = build(std::slice::from_ref(&file)).unwrap();
        assert_eq!(own.preset, None);
        assert_eq!(own.formula.indicators.len(), 5);
    }
}
