//! The formula card: the current formula stated in plain language, as math and as a table of
//! parameters, with a fingerprint of the data it ran on (each file's name, row count and
//! SHA-256, or the demo's generator and seed), the app's version and the date. One standalone
//! HTML page (no external resource), written byte for byte the same by the app and by `ses
//! card`, so anyone with the same files can check the numbers.

use sha2::{Digest, Sha256};

use crate::app::i18n::{Lang, Msg, catalogue as m};
use crate::app::presets::{formula_title, group_label, indicator_label};
use crate::engine::allocation::{AllocationMethod, AllocationSettings};
use crate::engine::formula::{
    Direction, FORMULA_VERSION_GROUPS, Formula, MissingFamily, MissingPolicy, Normalization, StudentTierMethod, TierMethod,
};
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
        let mut hashing = Hashing::default();
        hashing.update(bytes);
        hashing.finish(file, rows)
    }
}

/// A file's fingerprint computed a part at a time (a large file's SHA-256 takes a quarter of
/// a second in the browser, too long for one task).
#[derive(Default)]
pub struct Hashing(Sha256);

impl Hashing {
    /// Adds the next bytes of the file.
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    pub fn finish(self, file: &str, rows: usize) -> Fingerprint {
        Fingerprint { file: file.to_string(), rows, sha256: self.0.finalize().iter().map(|b| format!("{b:02x}")).collect() }
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
fn normalisation_words(n: Normalization) -> (Msg, Msg) {
    match n {
        Normalization::WeightedPercentile => (m::NORM_WORDS_WEIGHTED_PERCENTILE, m::NORM_MEANING_WEIGHTED_PERCENTILE),
        Normalization::Percentile => (m::NORM_WORDS_PERCENTILE, m::NORM_MEANING_PERCENTILE),
        Normalization::Zscore => (m::NORM_WORDS_ZSCORE, m::NORM_MEANING_ZSCORE),
        Normalization::Minmax => (m::NORM_WORDS_MINMAX, m::NORM_MEANING_MINMAX),
    }
}

/// A label inside a sentence: its first letter in lower case ("median household income").
fn in_sentence(label: &str) -> String {
    let mut chars = label.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().collect::<String>() + chars.as_str())
}

/// The formula in plain language, one paragraph per step.
pub fn plain_language(formula: &Formula, allocation: &AllocationSettings, rank_by: RankBy, lang: Lang) -> Vec<String> {
    let shares = share_percent(formula);
    let measures: Vec<String> = formula
        .indicators
        .iter()
        .zip(&shares)
        .filter(|(i, _)| i.enabled)
        .map(|(i, s)| {
            let way = lang.t(match i.direction {
                Direction::Advantage => m::CARD_MORE_MORE,
                Direction::Disadvantage => m::CARD_MORE_LESS,
            });
            lang.fill(m::CARD_MEASURE, &[("label", &in_sentence(&indicator_label(&i.column, lang))), ("share", s), ("way", &way)])
        })
        .collect();
    let count = measures.len();
    let (name, meaning) = normalisation_words(formula.normalization);
    let mut out = vec![lang.plural(
        count,
        m::CARD_SCORE_ONE,
        m::CARD_SCORE_OTHER,
        &[("name", &lang.t(name)), ("measures", &measures.join("; ")), ("meaning", &lang.t(meaning))],
    )];
    if formula.is_grouped() {
        let all_shares = formula.weight_shares();
        let groups: Vec<String> = formula
            .all_groups()
            .into_iter()
            .filter(|(_, g)| formula.carries_weight(g))
            .map(|(_, g)| {
                let members: Vec<String> = g
                    .all_indicators()
                    .into_iter()
                    .filter(|&i| all_shares[i] > 0.0)
                    .map(|i| in_sentence(&indicator_label(&formula.indicators[i].column, lang)))
                    .collect();
                let share = format!("{:.0}%", 100.0 * formula.group_share(g, &all_shares));
                lang.fill(m::CARD_GROUP, &[("label", &group_label(&g.name, lang)), ("share", &share), ("members", &members.join(", "))])
            })
            .collect();
        out.push(lang.fill(m::CARD_GROUPS, &[("groups", &groups.join("; "))]));
    }
    if let Some(words) = missing_words(formula, lang) {
        out.push(words);
    }
    let k = formula.tiers.count;
    out.push(match formula.tiers.method {
        TierMethod::EqualPopulation => lang.fill(m::CARD_TIERS_POPULATION, &[("k", &k)]),
        TierMethod::EqualCount => lang.fill(m::CARD_TIERS_COUNT, &[("k", &k)]),
        TierMethod::ScoreCutoffs => lang.fill(
            m::CARD_TIERS_CUTOFFS,
            &[("k", &k), ("cutoffs", &formula.tiers.cutoffs.iter().map(|c| format!("{c}")).collect::<Vec<_>>().join(", "))],
        ),
    });
    if let Some(words) = student_words(formula, lang) {
        out.push(words);
    }
    let how = lang.t(match rank_by {
        RankBy::Tier1Share => m::CARD_RANK_TIER1,
        RankBy::MeanScore => m::CARD_RANK_MEAN,
    });
    out.push(lang.fill(if formula.student.is_some() { m::CARD_PROFILE_STUDENT } else { m::CARD_PROFILE }, &[("how", &how)]));
    let pool = format!("${:.2}", allocation.pool);
    out.push(match allocation.method {
        AllocationMethod::WeightedPerPupil => {
            let weights = allocation.tier_weights_for(k).unwrap_or_default();
            let weights = weights
                .iter()
                .enumerate()
                .map(|(t, w)| lang.fill(m::CARD_TIER_TIMES, &[("n", &(t + 1)), ("w", w)]))
                .collect::<Vec<_>>()
                .join(", ");
            lang.fill(m::CARD_POOL_WEIGHTED, &[("pool", &pool), ("weights", &weights)])
        }
        AllocationMethod::ProportionalToNeed => lang.fill(m::CARD_POOL_NEED, &[("pool", &pool)]),
        AllocationMethod::RankAndServe => lang.fill(m::CARD_POOL_SERVE, &[("pool", &pool), ("cutoff", &allocation.cutoff_percent)]),
    });
    out.push(lang.t(m::CARD_CENTS).to_string());
    out
}

/// The student part in words and as a sum: a child's score = a × the area's score + (1 − a)
/// × the family's, the family's a weighted mean of where each answer falls among the
/// district's; what happens without answers; how children's scores become tiers.
fn student_words(formula: &Formula, lang: Lang) -> Option<String> {
    let part = formula.student.as_ref()?;
    let total: f64 = part.family.iter().filter(|f| f.enabled).map(|f| f.weight).sum();
    let items: Vec<String> = part
        .family
        .iter()
        .filter(|f| f.enabled && f.weight > 0.0)
        .map(|f| {
            let way = lang.t(match f.direction {
                Direction::Advantage => m::CARD_MORE_MORE,
                Direction::Disadvantage => m::CARD_MORE_LESS,
            });
            let share = format!("{:.0}%", 100.0 * f.weight / total);
            lang.fill(
                m::CARD_MEASURE,
                &[("label", &in_sentence(&crate::app::presets::family_label(&f.column, lang))), ("share", &share), ("way", &way)],
            )
        })
        .collect();
    let area = format!("{:.0}%", 100.0 * part.area_share);
    let family = format!("{:.0}%", 100.0 * (1.0 - part.area_share));
    let missing = lang.t(match part.missing_family {
        MissingFamily::AreaOnly => m::CARD_STUDENT_MISSING_AREA,
        MissingFamily::LeaveOut => m::CARD_STUDENT_MISSING_LEAVE_OUT,
    });
    let tiers = lang.t(match part.tiers.method {
        StudentTierMethod::EqualStudents => m::CARD_STUDENT_TIERS_EQUAL,
        StudentTierMethod::AreaCutoffs => m::CARD_STUDENT_TIERS_AREA,
    });
    let sum = lang.fill(m::CARD_STUDENT_SUM, &[("a", &format!("{:.2}", part.area_share)), ("b", &format!("{:.2}", 1.0 - part.area_share))]);
    Some(lang.fill(
        m::CARD_STUDENT,
        &[("area", &area), ("family", &family), ("items", &items.join("; ")), ("missing", &missing), ("tiered", &tiers), ("sum", &sum)],
    ))
}

/// What happens to a neighbourhood with a value missing, said when the formula says it
/// (version 2); a version 1 formula leaves such a neighbourhood out, as the card's data
/// section counts.
fn missing_words(formula: &Formula, lang: Lang) -> Option<String> {
    if formula.version < FORMULA_VERSION_GROUPS {
        return None;
    }
    let missing = &formula.missing;
    Some(match missing.policy {
        MissingPolicy::LeaveOut => lang.t(m::CARD_MISSING_LEAVE_OUT).to_string(),
        MissingPolicy::Reweight if missing.min_share > 0.0 => {
            lang.fill(m::CARD_MISSING_REWEIGHT_MIN, &[("min", &format!("{:.0}%", 100.0 * missing.min_share))])
        }
        MissingPolicy::Reweight => lang.t(m::CARD_MISSING_REWEIGHT).to_string(),
        MissingPolicy::AssignTier => lang.fill(m::CARD_MISSING_ASSIGN, &[("tier", &missing.tier.unwrap_or(1))]),
    })
}

/// The parameters as (name, value) rows.
pub fn parameters(formula: &Formula, allocation: &AllocationSettings, rank_by: RankBy, lang: Lang) -> Vec<(String, String)> {
    let mut rows = vec![
        (lang.t(m::PARAM_FORMULA).to_string(), formula_title(&formula.name, lang)),
        (lang.t(m::PARAM_AREA_ID).to_string(), formula.id_column.clone()),
        (
            lang.t(m::PARAM_POPULATION).to_string(),
            formula.population_column.clone().unwrap_or_else(|| lang.t(m::PARAM_NO_POPULATION).into()),
        ),
        (lang.t(m::NORMALISATION).to_string(), lang.normalization(formula.normalization).to_string()),
    ];
    let all_shares = formula.weight_shares();
    for (_, g) in formula.all_groups() {
        let share = format!("{:.0}%", 100.0 * formula.group_share(g, &all_shares));
        rows.push((
            lang.fill(m::PARAM_GROUP, &[("name", &g.name)]),
            if g.enabled {
                lang.fill(m::PARAM_GROUP_WEIGHT, &[("weight", &g.weight), ("share", &share)])
            } else {
                lang.t(m::SWITCHED_OFF).to_string()
            },
        ));
    }
    if formula.version >= FORMULA_VERSION_GROUPS {
        let missing = &formula.missing;
        let policy = format!("{:?}", missing.policy);
        let detail = match missing.policy {
            MissingPolicy::Reweight => format!(" (min_share {})", missing.min_share),
            MissingPolicy::AssignTier => format!(" (tier {})", missing.tier.unwrap_or(1)),
            MissingPolicy::LeaveOut => String::new(),
        };
        rows.push((lang.t(m::PARAM_MISSING).to_string(), format!("{policy}{detail}")));
    }
    for (i, share) in formula.indicators.iter().zip(share_percent(formula)) {
        let direction = lang.t(if i.direction == Direction::Advantage { m::PARAM_ADVANTAGE } else { m::PARAM_DISADVANTAGE });
        rows.push((
            lang.fill(m::PARAM_INDICATOR, &[("column", &i.column)]),
            if i.enabled {
                lang.fill(m::PARAM_WEIGHT, &[("weight", &i.weight), ("share", &share), ("direction", &direction)])
            } else {
                lang.t(m::SWITCHED_OFF).to_string()
            },
        ));
    }
    if let Some(part) = &formula.student {
        rows.push((
            lang.t(m::STUDENT_PART).to_string(),
            format!("{} ({:?}, {:?})", part.area_share, part.missing_family, part.tiers.method),
        ));
        for f in &part.family {
            let direction = lang.t(if f.direction == Direction::Advantage { m::PARAM_ADVANTAGE } else { m::PARAM_DISADVANTAGE });
            let value = if f.enabled { format!("{} ({direction})", f.weight) } else { lang.t(m::SWITCHED_OFF).to_string() };
            rows.push((lang.fill(m::PARAM_FAMILY_ITEM, &[("column", &f.column)]), value));
        }
    }
    // The method and the ranking are named as the formula file writes them.
    rows.push((lang.t(m::TIERS).to_string(), format!("{} ({:?})", formula.tiers.count, formula.tiers.method)));
    rows.push((lang.t(m::PARAM_SCHOOLS_RANKED_BY).to_string(), format!("{rank_by:?}")));
    rows.push((
        lang.t(m::ALLOCATION).to_string(),
        lang.fill(
            m::PARAM_ALLOCATION,
            &[("method", &lang.allocation_method(allocation.method)), ("pool", &format!("${:.2}", allocation.pool))],
        ),
    ));
    if allocation.method == AllocationMethod::RankAndServe {
        rows.push((lang.t(m::PARAM_SERVED_FROM).to_string(), lang.fill(m::PARAM_SERVED_PERCENT, &[("n", &allocation.cutoff_percent)])));
    }
    rows
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The whole card as one HTML page (styles inline in the page, nothing fetched).
pub fn card_html(
    formula: &Formula,
    allocation: &AllocationSettings,
    rank_by: RankBy,
    provenance: &Provenance,
    date: &str,
    lang: Lang,
) -> String {
    let mut h = String::new();
    h.push_str(&format!("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n", lang.code()));
    let title = escape(&lang.fill(m::CARD_TITLE, &[("name", &formula_title(&formula.name, lang))]));
    h.push_str(&format!("<title>{title}</title>\n"));
    h.push_str("<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1d2330}table{border-collapse:collapse}th,td{text-align:left;padding:.25rem .6rem;border-bottom:1px solid #ccc;vertical-align:top}code{font-size:.9em;word-break:break-all}.math{font-family:serif;font-size:1.1rem}</style>\n");
    h.push_str("</head>\n<body>\n");
    h.push_str(&format!("<h1>{title}</h1>\n"));
    h.push_str(&format!("<h2>{}</h2>\n", lang.t(m::CARD_IN_PLAIN)));
    for p in plain_language(formula, allocation, rank_by, lang) {
        h.push_str(&format!("<p>{}</p>\n", escape(&p)));
    }
    h.push_str(&format!("<h2>{}</h2>\n", lang.t(m::CARD_AS_MATH)));
    h.push_str("<p class=\"math\">S(a) = Σ<sub>i</sub> w<sub>i</sub> · n<sub>i</sub>(a) / Σ<sub>i</sub> w<sub>i</sub></p>\n");
    h.push_str(&format!("<p>{}</p>\n", lang.t(m::CARD_WHERE)));
    if formula.is_grouped() {
        h.push_str("<p class=\"math\">S(a) = Σ<sub>g</sub> W<sub>g</sub> · S<sub>g</sub>(a) / Σ<sub>g</sub> W<sub>g</sub>, S<sub>g</sub>(a) = Σ<sub>i∈g</sub> w<sub>i</sub> · n<sub>i</sub>(a) / Σ<sub>i∈g</sub> w<sub>i</sub></p>\n");
        h.push_str(&format!("<p>{}</p>\n", lang.t(m::CARD_WHERE_GROUPS)));
    }
    h.push_str(&format!("<h2>{}</h2>\n<table>\n", lang.t(m::PARAMETERS)));
    for (name, value) in parameters(formula, allocation, rank_by, lang) {
        h.push_str(&format!("<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n", escape(&name), escape(&value)));
    }
    h.push_str(&format!("</table>\n<h2>{}</h2>\n", lang.t(m::CARD_DATA)));
    match provenance {
        Provenance::Demo { seed } => h.push_str(&format!("<p>{}</p>\n", lang.fill(m::CARD_DEMO_DATA, &[("seed", seed)]))),
        Provenance::Files(files) => {
            h.push_str(&format!(
                "<table>\n<tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">SHA-256</th></tr>\n",
                lang.t(m::CARD_FILE),
                lang.t(m::CARD_ROWS)
            ));
            for f in files {
                h.push_str(&format!("<tr><td>{}</td><td>{}</td><td><code>{}</code></td></tr>\n", escape(&f.file), f.rows, f.sha256));
            }
            h.push_str("</table>\n");
        }
        Provenance::None => h.push_str(&format!("<p>{}</p>\n", lang.t(m::CARD_NO_DATA))),
    }
    h.push_str(&format!("<p>{}</p>\n", lang.fill(m::CARD_VERSION, &[("version", &VERSION), ("date", &date)])));
    h.push_str(&format!("<h2>{}</h2>\n", lang.t(m::CARD_FORMULA_FILE)));
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
    fn a_fingerprint_hashed_in_parts_is_the_whole_files() {
        let bytes: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
        let whole = Fingerprint::of("a.csv", &bytes, 7);
        let mut hashing = Hashing::default();
        for part in bytes.chunks(1 << 20) {
            hashing.update(part);
        }
        assert_eq!(hashing.finish("a.csv", 7), whole);
        // Known value: SHA-256 of "abc".
        assert_eq!(Fingerprint::of("x", b"abc", 1).sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn a_formula_of_groups_is_stated_with_its_groups_and_its_rule_for_missing_values() {
        let mut f = crate::engine::demo::demo_domains_formula();
        f.groups[0].weight = 100.0;
        let words = plain_language(&f, &AllocationSettings::default(), RankBy::Tier1Share, Lang::En);
        let all = words.join("\n");
        assert!(all.contains("Economic (50% of the score: median household income)"), "{all}");
        assert!(
            all.contains(
                "Education and language (25% of the score: adults with a bachelor's degree (%), language other than English at home (%))"
            ),
            "{all}"
        );
        assert!(all.contains("scored on the values it has"), "{all}");
        let es = plain_language(&f, &AllocationSettings::default(), RankBy::Tier1Share, Lang::Es).join("\n");
        assert!(es.contains("Economía (50% de la puntuación") && es.contains("se puntúa con los valores que tiene"), "{es}");
        let params = parameters(&f, &AllocationSettings::default(), RankBy::Tier1Share, Lang::En);
        assert!(params.iter().any(|(k, v)| k == "Group \"Economic\"" && v == "weight 100 (50% of the score)"), "{params:?}");
        assert!(params.iter().any(|(_, v)| v == "Reweight (min_share 0)"), "{params:?}");
        let html = card_html(&f, &AllocationSettings::default(), RankBy::Tier1Share, &Provenance::None, "2026-11-29", Lang::En);
        assert!(html.contains("S<sub>g</sub>(a)"), "the math of groups");
        // A flat formula's card says nothing of groups or of missing values.
        let flat =
            card_html(&demo_formula(), &AllocationSettings::default(), RankBy::Tier1Share, &Provenance::None, "2026-11-29", Lang::En);
        assert!(!flat.contains("S<sub>g</sub>") && !flat.contains("value missing") && !flat.contains("Missing values"));
        let mut assigned = f.clone();
        assigned.missing = crate::engine::formula::MissingValues {
            policy: crate::engine::formula::MissingPolicy::AssignTier,
            min_share: 0.0,
            tier: Some(2),
        };
        assert!(
            plain_language(&assigned, &AllocationSettings::default(), RankBy::Tier1Share, Lang::En)
                .join(" ")
                .contains("gets tier 2 and no score")
        );
    }

    #[test]
    fn a_student_part_is_stated_in_words_and_as_a_sum() {
        let formula = crate::engine::demo::demo_family_formula();
        let words = plain_language(&formula, &AllocationSettings::default(), RankBy::Tier1Share, Lang::En).join(" ");
        assert!(
            words.contains("Each child's score is 50% their neighbourhood's score and 50% their family's (0.50 × area + 0.50 × family)"),
            "{words}"
        );
        assert!(words.contains("parent education (weight 50%") && words.contains("household income (weight 50%"), "{words}");
        assert!(words.contains("Each student counts in their own tier.") && !words.contains("tier of the neighbourhood they live in"));
        assert!(words.contains("gets the neighbourhood's score") && words.contains("equal numbers of children"), "{words}");
        let es = plain_language(&formula, &AllocationSettings::default(), RankBy::Tier1Share, Lang::Es).join(" ");
        assert!(es.contains("El puntaje de cada niño es un 50%") && es.contains("estudios de los padres"), "{es}");
        let rows = parameters(&formula, &AllocationSettings::default(), RankBy::Tier1Share, Lang::En);
        assert!(rows.iter().any(|(k, v)| k == "Family item parent_education" && v == "50 (advantage)"), "{rows:?}");
    }

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
        let words = plain_language(&f, &AllocationSettings::default(), RankBy::Tier1Share, Lang::En);
        assert!(words[0].starts_with("Each neighbourhood's score is the weighted average of its population-weighted percentile on 5 census measures: median household income (weight 20%; more means more advantaged); adults"), "{}", words[0]);
        assert!(words[1].contains("3 tiers holding equal numbers of children"), "{}", words[1]);
        let files = Provenance::Files(vec![Fingerprint::of("areas.csv", b"a,b\n1,2\n", 1)]);
        let html = card_html(&f, &AllocationSettings::default(), RankBy::Tier1Share, &files, "2026-11-23", Lang::En);
        assert!(html.contains("<td>areas.csv</td><td>1</td><td><code>"));
        assert!(html.contains(&format!("SES Explorer {VERSION}, 2026-11-23.")));
        assert!(!html.contains("http"), "no external resource");
        assert_eq!(html, card_html(&f, &AllocationSettings::default(), RankBy::Tier1Share, &files, "2026-11-23", Lang::En));
        let spanish =
            card_html(&f, &AllocationSettings::default(), RankBy::Tier1Share, &Provenance::Demo { seed: 7 }, "2026-11-23", Lang::Es);
        assert!(spanish.contains("<html lang=\"es\">") && spanish.contains("<h1>Ficha de la fórmula: "), "{spanish}");
        assert!(spanish.contains("La puntuación de cada vecindario es el promedio ponderado de su percentil ponderado por población en 5 medidas del censo: ingreso mediano del hogar (peso 20%; más significa más ventaja)"), "{spanish}");
        assert!(!spanish.contains("Each neighbourhood") && !spanish.contains("weight 20"), "{spanish}");
        let demo = card_html(&f, &AllocationSettings::default(), RankBy::Tier1Share, &Provenance::Demo { seed: 7 }, "2026-11-23", Lang::En);
        assert!(demo.contains("seed 7"));
    }
}
