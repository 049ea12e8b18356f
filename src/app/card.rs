//! The formula card: the current formula stated in plain language, as math and as a table of
//! parameters, with a fingerprint of the data it ran on (each file's name, row count and
//! SHA-256, or the demo's generator and seed), the app's version and the date. One standalone
//! HTML page (no external resource), written byte for byte the same by the app and by `ses
//! card`, so anyone with the same files can check the numbers.

use sha2::{Digest, Sha256};

use crate::app::i18n::Lang;
use crate::app::presets::indicator_label;
use crate::engine::allocation::{AllocationMethod, AllocationSettings};
use crate::engine::formula::{Direction, Formula, Normalization, TierMethod};
use crate::engine::model::RankBy;

/// One data file as loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub file: String,
    /// Data rows (the header not counted).
    pub rows: usize,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
}

impl Fingerprint {
    pub fn of(file: &str, bytes: &[u8], rows: usize) -> Fingerprint {
        let digest = Sha256::digest(bytes);
        Fingerprint { file: file.to_string(), rows, sha256: digest.iter().map(|b| format!("{b:02x}")).collect() }
    }
}

/// Where the data came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provenance {
    /// The synthetic demo district, generated with this seed.
    Demo {
        seed: u64,
    },
    Files(Vec<Fingerprint>),
    /// Not given (a card of the formula alone).
    None,
}

/// The app's version, as the card states it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

fn share_percent(formula: &Formula) -> Vec<String> {
    formula.weight_shares().iter().map(|s| format!("{:.0}%", 100.0 * s)).collect()
}

/// What a neighbourhood's normalised value is called, and what it means.
fn normalisation_words(n: Normalization) -> (&'static str, &'static str) {
    match n {
        Normalization::WeightedPercentile => (
            "population-weighted percentile",
            "A percentile is the share of all children who live in neighbourhoods with a value at or below this one (at or above, where more means less advantaged).",
        ),
        Normalization::Percentile => (
            "percentile",
            "A percentile is the share of neighbourhoods with a value at or below this one (at or above, where more means less advantaged).",
        ),
        Normalization::Zscore => {
            ("z-score", "A z-score is the distance from the average neighbourhood in standard deviations, positive for more advantaged.")
        }
        Normalization::Minmax => {
            ("0–100 position", "A 0–100 position puts the least advantaged neighbourhood at 0 and the most advantaged at 100.")
        }
    }
}

/// A label inside a sentence: its first letter in lower case ("median household income").
fn in_sentence(label: &str) -> String {
    let mut chars = label.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().collect::<String>() + chars.as_str())
}

/// The formula in plain language, one paragraph per step.
pub fn plain_language(formula: &Formula, allocation: &AllocationSettings, rank_by: RankBy) -> Vec<String> {
    let shares = share_percent(formula);
    let measures: Vec<String> = formula
        .indicators
        .iter()
        .zip(&shares)
        .filter(|(i, _)| i.enabled)
        .map(|(i, s)| {
            let way = match i.direction {
                Direction::Advantage => "more means more advantaged",
                Direction::Disadvantage => "more means less advantaged",
            };
            format!("{} (weight {s}; {way})", in_sentence(&indicator_label(i.column.trim(), Lang::En)))
        })
        .collect();
    let count = measures.len();
    let (name, meaning) = normalisation_words(formula.normalization);
    let mut out = vec![format!(
        "Each neighbourhood's score is the weighted average of its {name} on {count} census {}: {}. {meaning}",
        if count == 1 { "measure" } else { "measures" },
        measures.join("; ")
    )];
    let k = formula.tiers.count;
    out.push(match formula.tiers.method {
        TierMethod::EqualPopulation => format!(
            "Neighbourhoods are sorted by score and cut into {k} tiers holding equal numbers of children; tier 1 has the lowest scores (the lowest socio-economic status)."
        ),
        TierMethod::EqualCount => format!("Neighbourhoods are sorted by score and cut into {k} tiers with equal numbers of neighbourhoods; tier 1 has the lowest scores."),
        TierMethod::ScoreCutoffs => format!(
            "Neighbourhoods are put into {k} tiers by fixed score cut-offs ({}); tier 1 has the lowest scores.",
            formula.tiers.cutoffs.iter().map(|c| format!("{c}")).collect::<Vec<_>>().join(", ")
        ),
    });
    out.push(format!(
        "Each student counts in the tier of the neighbourhood they live in. A school's profile is its share of students in each tier; schools are ranked {}.",
        match rank_by {
            RankBy::Tier1Share => "by their share of tier-1 students, highest first",
            RankBy::MeanScore => "by the average score of their students' neighbourhoods, lowest first",
        }
    ));
    let pool = format!("${:.2}", allocation.pool);
    out.push(match allocation.method {
        AllocationMethod::WeightedPerPupil => {
            let weights = allocation.tier_weights_for(k).unwrap_or_default();
            format!(
                "A pool of {pool} is split in proportion to each school's students, each weighted by their tier ({}).",
                weights.iter().enumerate().map(|(t, w)| format!("tier {} × {w}", t + 1)).collect::<Vec<_>>().join(", ")
            )
        }
        AllocationMethod::ProportionalToNeed => {
            format!("A pool of {pool} is split in proportion to each school's need: the sum over its students of 100 minus their neighbourhood's score.")
        }
        AllocationMethod::RankAndServe => format!(
            "A pool of {pool} goes to the schools with at least {}% of their students in tier 1, the same amount for each tier-1 student.",
            allocation.cutoff_percent
        ),
    });
    out.push("Amounts are rounded down to the cent and the cents left over go one each to the schools that lost the largest fractions, so they add up to the pool exactly.".to_string());
    out
}

/// The parameters as (name, value) rows.
pub fn parameters(formula: &Formula, allocation: &AllocationSettings, rank_by: RankBy) -> Vec<(String, String)> {
    let mut rows = vec![
        ("Formula".to_string(), formula.name.clone()),
        ("Area id column".to_string(), formula.id_column.clone()),
        ("Population column".to_string(), formula.population_column.clone().unwrap_or_else(|| "none (each area counts once)".into())),
        ("Normalisation".to_string(), formula.normalization.label().to_string()),
    ];
    for (i, share) in formula.indicators.iter().zip(share_percent(formula)) {
        rows.push((
            format!("Indicator \"{}\"", i.column.trim()),
            if i.enabled {
                format!("weight {} ({share}), {}", i.weight, if i.direction == Direction::Advantage { "advantage" } else { "disadvantage" })
            } else {
                "switched off".to_string()
            },
        ));
    }
    rows.push(("Tiers".to_string(), format!("{} ({:?})", formula.tiers.count, formula.tiers.method)));
    rows.push(("Schools ranked by".to_string(), format!("{rank_by:?}")));
    rows.push(("Allocation".to_string(), format!("{} of ${:.2}", allocation.method.label(), allocation.pool)));
    if allocation.method == AllocationMethod::RankAndServe {
        rows.push(("Served from".to_string(), format!("{}% in tier 1", allocation.cutoff_percent)));
    }
    rows
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The whole card as one HTML page (styles inline in the page, nothing fetched).
pub fn card_html(formula: &Formula, allocation: &AllocationSettings, rank_by: RankBy, provenance: &Provenance, date: &str) -> String {
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str(&format!("<title>Formula card: {}</title>\n", escape(&formula.name)));
    h.push_str("<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1d2330}table{border-collapse:collapse}th,td{text-align:left;padding:.25rem .6rem;border-bottom:1px solid #ccc;vertical-align:top}code{font-size:.9em;word-break:break-all}.math{font-family:serif;font-size:1.1rem}</style>\n");
    h.push_str("</head>\n<body>\n");
    h.push_str(&format!("<h1>Formula card: {}</h1>\n", escape(&formula.name)));
    h.push_str("<h2>In plain language</h2>\n");
    for p in plain_language(formula, allocation, rank_by) {
        h.push_str(&format!("<p>{}</p>\n", escape(&p)));
    }
    h.push_str("<h2>As math</h2>\n");
    h.push_str("<p class=\"math\">S(a) = Σ<sub>i</sub> w<sub>i</sub> · n<sub>i</sub>(a) / Σ<sub>i</sub> w<sub>i</sub></p>\n");
    h.push_str("<p>where n<sub>i</sub>(a) is neighbourhood a's normalised value on indicator i (reversed for an indicator where more means less advantaged) and w<sub>i</sub> its weight.</p>\n");
    h.push_str("<h2>Parameters</h2>\n<table>\n");
    for (name, value) in parameters(formula, allocation, rank_by) {
        h.push_str(&format!("<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n", escape(&name), escape(&value)));
    }
    h.push_str("</table>\n<h2>Data</h2>\n");
    match provenance {
        Provenance::Demo { seed } => h.push_str(&format!(
            "<p>The synthetic demo district (not a real district), generated by SES Explorer's generator with seed {seed}: <code>ses demo --seed {seed}</code> writes the same files.</p>\n"
        )),
        Provenance::Files(files) => {
            h.push_str("<table>\n<tr><th scope=\"col\">File</th><th scope=\"col\">Rows</th><th scope=\"col\">SHA-256</th></tr>\n");
            for f in files {
                h.push_str(&format!("<tr><td>{}</td><td>{}</td><td><code>{}</code></td></tr>\n", escape(&f.file), f.rows, f.sha256));
            }
            h.push_str("</table>\n");
        }
        Provenance::None => h.push_str("<p>No data file was given.</p>\n"),
    }
    h.push_str(&format!(
        "<p>SES Explorer {VERSION}, {date}. The <code>ses</code> command line with these files and this formula gives the same numbers.</p>\n"
    ));
    h.push_str("<h2>Formula file</h2>\n");
    h.push_str(&format!("<pre>{}</pre>\n", escape(&formula.to_json())));
    h.push_str("</body>\n</html>\n");
    h
}

/// Today's date (UTC) as YYYY-MM-DD from seconds since 1970, without a calendar crate.
pub fn date_from_unix_seconds(seconds: i64) -> String {
    // Howard Hinnant's days-to-civil algorithm.
    let z = seconds.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::demo::demo_formula;

    #[test]
    fn sha256_of_known_bytes() {
        assert_eq!(Fingerprint::of("x", b"abc", 0).sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn dates_from_unix_time() {
        assert_eq!(date_from_unix_seconds(0), "1970-01-01");
        assert_eq!(date_from_unix_seconds(951_782_400), "2000-02-29");
        assert_eq!(date_from_unix_seconds(1_795_392_000), "2026-11-23");
    }

    #[test]
    fn the_card_states_the_formula_in_words_and_fingerprints_the_data() {
        let f = demo_formula();
        let words = plain_language(&f, &AllocationSettings::default(), RankBy::Tier1Share);
        assert!(words[0].starts_with("Each neighbourhood's score is the weighted average of its population-weighted percentile on 5 census measures: median household income (weight 20%; more means more advantaged); adults"), "{}", words[0]);
        assert!(words[1].contains("3 tiers holding equal numbers of children"), "{}", words[1]);
        let files = Provenance::Files(vec![Fingerprint::of("areas.csv", b"a,b\n1,2\n", 1)]);
        let html = card_html(&f, &AllocationSettings::default(), RankBy::Tier1Share, &files, "2026-11-23");
        assert!(html.contains("<td>areas.csv</td><td>1</td><td><code>"));
        assert!(html.contains(&format!("SES Explorer {VERSION}, 2026-11-23.")));
        assert!(!html.contains("http"), "no external resource");
        assert_eq!(html, card_html(&f, &AllocationSettings::default(), RankBy::Tier1Share, &files, "2026-11-23"));
        let demo = card_html(&f, &AllocationSettings::default(), RankBy::Tier1Share, &Provenance::Demo { seed: 7 }, "2026-11-23");
        assert!(demo.contains("seed 7"));
    }
}
