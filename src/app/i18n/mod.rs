//! The languages of the app: every sentence a person reads comes from one catalogue
//! ([`catalogue`]), in English and Spanish, and numbers are written the way each language's
//! readers in a US school district expect.
//!
//! A message is a [`Msg`]: the same text in each language, written side by side so a
//! translator sees both at once and a missing translation does not compile. Messages with
//! values name them in braces (`{n} schools`); [`Lang::fill`] puts the values in. Choosing the
//! language is the app's business (the browser remembers it); the text is plain Rust, so the
//! CLI and the tests can use it too.

pub mod catalogue;
mod errors;

use std::fmt::Display;

use serde::{Deserialize, Serialize};

use crate::engine::allocation::AllocationMethod;
use crate::engine::explain::Warning;
use crate::engine::fairness::{Title1Rule, Violation};
use crate::engine::formula::Normalization;
use catalogue as m;

/// A language the app is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Es,
}

/// One message in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Msg {
    pub en: &'static str,
    pub es: &'static str,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The BCP 47 code, for `<html lang>` and for storage.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The language's name in itself, as a language picker shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The first of the browser's preferred languages (`navigator.languages`, best first) that
    /// the app speaks; English when none is.
    pub fn preferred<'a>(codes: impl IntoIterator<Item = &'a str>) -> Lang {
        codes.into_iter().find_map(Lang::from_code).unwrap_or_default()
    }

    /// The message in this language.
    pub fn t(self, msg: Msg) -> &'static str {
        match self {
            Lang::En => msg.en,
            Lang::Es => msg.es,
        }
    }

    /// The message in this language with its `{name}`s replaced by the values given.
    pub fn fill(self, msg: Msg, values: &[(&str, &dyn Display)]) -> String {
        fill(self.t(msg), values)
    }

    /// `one` when `n` is 1, else `other` (English and Spanish agree on that rule), filled
    /// with `n` (with thousands separators: a state's counts run to six digits) and the other
    /// values.
    pub fn plural(self, n: usize, one: Msg, other: Msg, values: &[(&str, &dyn Display)]) -> String {
        let shown = crate::app::format::count(n);
        let mut all: Vec<(&str, &dyn Display)> = vec![("n", &shown)];
        all.extend_from_slice(values);
        self.fill(if n == 1 { one } else { other }, &all)
    }

    /// Dollars in a short form for sentences: "$12.3K" / "$12.3 mil", "$1.2M" / "$1.2 millones".
    ///
    /// Both languages write digits as US readers do ($1,234.56): a district's Spanish notices
    /// follow US usage, and a figure read aloud in a meeting must be the same figure on every
    /// screen. Only the words for thousands and millions differ.
    pub fn short_dollars(self, cents: i64) -> String {
        let dollars = cents as f64 / 100.0;
        let a = dollars.abs();
        let sign = if dollars < 0.0 { "−" } else { "" };
        match self {
            Lang::En if a >= 1e6 => format!("{sign}${:.1}M", a / 1e6),
            Lang::En if a >= 1e4 => format!("{sign}${:.1}K", a / 1e3),
            Lang::Es if a >= 1e6 => format!("{sign}${:.1} millones", a / 1e6),
            Lang::Es if a >= 1e4 => format!("{sign}${:.1} mil", a / 1e3),
            _ => format!("{sign}${a:.0}"),
        }
    }
}

/// The unit one view writes every amount in (its largest amount decides), so a table never
/// mixes "$441.5K" with "(+$1230)": whole dollars up to a million ("$441,512 (+$1,230)"),
/// millions above ("$12.3M (+$0.2M)").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyScale {
    Dollars,
    Millions,
}

impl MoneyScale {
    /// The scale of the largest of these amounts (in cents).
    pub fn for_amounts(cents: impl IntoIterator<Item = i64>) -> MoneyScale {
        let largest = cents.into_iter().map(i64::unsigned_abs).max().unwrap_or(0) as f64 / 100.0;
        if largest >= 1e6 { MoneyScale::Millions } else { MoneyScale::Dollars }
    }
}

impl Lang {
    /// An amount in the view's unit: "$441,512", "$12.3M" (Spanish "$12.3 millones").
    pub fn dollars_at(self, cents: i64, scale: MoneyScale) -> String {
        let a = cents.unsigned_abs() as f64 / 100.0;
        let sign = if cents < 0 { "−" } else { "" };
        match scale {
            MoneyScale::Dollars => format!("{sign}${}", crate::app::format::thousands(a)),
            MoneyScale::Millions => format!("{sign}${:.1}{}", a / 1e6, self.millions_word()),
        }
    }

    /// A change in the view's unit, always signed: "+$1,230", "−$12", "+$0.2M"; a change too
    /// small to show in millions says so ("+<$0.1M") rather than "+$0.0M".
    pub fn dollar_change_at(self, cents: i64, scale: MoneyScale) -> String {
        let sign = if cents < 0 { "−" } else { "+" };
        let a = cents.unsigned_abs() as f64 / 100.0;
        match scale {
            MoneyScale::Dollars => format!("{sign}${}", crate::app::format::thousands(a)),
            MoneyScale::Millions if cents != 0 && a < 0.05e6 => format!("{sign}<$0.1{}", self.millions_word()),
            MoneyScale::Millions => format!("{sign}${:.1}{}", a / 1e6, self.millions_word()),
        }
    }

    fn millions_word(self) -> &'static str {
        match self {
            Lang::En => "M",
            Lang::Es => " millones",
        }
    }
}

impl Lang {
    pub fn normalization(self, n: Normalization) -> &'static str {
        self.t(match n {
            Normalization::WeightedPercentile => m::NORM_WEIGHTED_PERCENTILE,
            Normalization::Percentile => m::NORM_PERCENTILE,
            Normalization::Zscore => m::NORM_ZSCORE,
            Normalization::Minmax => m::NORM_MINMAX,
        })
    }

    pub fn allocation_method(self, method: AllocationMethod) -> &'static str {
        self.t(match method {
            AllocationMethod::WeightedPerPupil => m::METHOD_WEIGHTED_PER_PUPIL,
            AllocationMethod::ProportionalToNeed => m::METHOD_PROPORTIONAL,
            AllocationMethod::RankAndServe => m::METHOD_RANK_AND_SERVE,
        })
    }

    /// A warning about the weights, in words.
    pub fn warning(self, warning: &Warning) -> String {
        let percent = |x: f64| format!("{:.0}%", 100.0 * x);
        match warning {
            Warning::ConstantScore => self.t(m::WARN_CONSTANT).to_owned(),
            Warning::Dominates { column, effective, nominal } => {
                self.fill(m::WARN_DOMINATES, &[("column", column), ("effective", &percent(*effective)), ("nominal", &percent(*nominal))])
            }
            Warning::PullsAgainst { column, effective, nominal } => self
                .fill(m::WARN_PULLS_AGAINST, &[("column", column), ("effective", &percent(*effective)), ("nominal", &percent(*nominal))]),
            Warning::CountsTwice { a, b, r } => self.fill(m::WARN_COUNTS_TWICE, &[("a", a), ("b", b), ("r", &format!("{r:.2}"))]),
        }
    }

    /// Up to `keep` items, then how many more: "a, b, c and 4 more".
    pub fn listed(self, items: &[String], keep: usize) -> String {
        let shown = items.iter().take(keep).cloned().collect::<Vec<_>>().join(", ");
        if items.len() > keep { self.fill(m::AND_MORE, &[("shown", &shown), ("n", &(items.len() - keep))]) } else { shown }
    }

    /// A broken Title I rule in words, naming up to five of its schools.
    pub fn violation(self, violation: &Violation, names: &[String]) -> String {
        let n = violation.schools.len();
        let listed = self.listed(&violation.schools.iter().map(|&s| names.get(s).cloned().unwrap_or_default()).collect::<Vec<_>>(), 5);
        let figure = violation.figure.unwrap_or(0.0);
        let (one, other) = match violation.rule {
            Title1Rule::Served75 => (m::VIOLATION_SERVED75_ONE, m::VIOLATION_SERVED75_OTHER),
            Title1Rule::RankOrder => (m::VIOLATION_RANK_ORDER_ONE, m::VIOLATION_RANK_ORDER_OTHER),
            Title1Rule::Minimum125 => (m::VIOLATION_MIN125_ONE, m::VIOLATION_MIN125_OTHER),
            Title1Rule::PerChildOrder => (m::VIOLATION_PER_CHILD_ONE, m::VIOLATION_PER_CHILD_OTHER),
        };
        self.plural(
            n,
            one,
            other,
            &[("names", &listed), ("share", &format!("{:.0}%", 100.0 * figure)), ("amount", &format!("{figure:.2}"))],
        )
    }

    /// "Tier 1 (lowest SES)", "Tier 2", "Tier 3 (highest SES)".
    pub fn tier_name(self, tier: u8, count: u8) -> String {
        match tier {
            1 if count > 1 => self.t(m::TIER_LOWEST).to_owned(),
            t if t == count && count > 1 => self.fill(m::TIER_HIGHEST, &[("n", &t)]),
            t => self.fill(m::TIER_N, &[("n", &t)]),
        }
    }
}

/// `template` with each `{name}` replaced by its value; unknown names are left as written.
pub fn fill(template: &str, values: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match values.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => out.push_str(&v.to_string()),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}`s a template uses, sorted, each once.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names: Vec<&str> = template.split('{').skip(1).filter_map(|part| part.split_once('}').map(|(name, _)| name)).collect();
    names.sort_unstable();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::catalogue::ALL;
    use super::*;
    use crate::engine::EngineError;
    use crate::engine::error::{Expected, Purpose};
    use crate::engine::error::{FormulaRule, SettingsProblem};

    #[test]
    fn one_view_writes_every_amount_and_change_in_one_unit() {
        let scale = MoneyScale::for_amounts([44_150_000, -123_000, 9_000]);
        assert_eq!(scale, MoneyScale::Dollars);
        assert_eq!(Lang::En.dollars_at(44_150_000, scale), "$441,500");
        assert_eq!(Lang::En.dollar_change_at(123_000, scale), "+$1,230");
        assert_eq!(Lang::En.dollar_change_at(-1_200, scale), "−$12");
        assert_eq!(Lang::Es.dollars_at(44_150_000, scale), "$441,500");
        let big = MoneyScale::for_amounts([1_250_000_000, 900_000]);
        assert_eq!(big, MoneyScale::Millions);
        assert_eq!(Lang::En.dollars_at(1_250_000_000, big), "$12.5M");
        assert_eq!(Lang::En.dollars_at(900_000, big), "$0.0M");
        assert_eq!(Lang::En.dollar_change_at(20_000_000, big), "+$0.2M");
        assert_eq!(Lang::Es.dollar_change_at(-1_000_000, big), "−<$0.1 millones");
        assert_eq!(MoneyScale::for_amounts([]), MoneyScale::Dollars);
    }

    #[test]
    fn the_browser_language_picks_the_first_one_the_app_speaks() {
        assert_eq!(Lang::preferred(["es-MX", "en-US"]), Lang::Es);
        assert_eq!(Lang::preferred(["fr-FR", "ES"]), Lang::Es);
        assert_eq!(Lang::preferred(["fr-FR", "de"]), Lang::En);
        assert_eq!(Lang::preferred([]), Lang::En);
        assert_eq!(Lang::from_code("es_US"), Some(Lang::Es));
    }

    /// Spanish words for statistics, checked against the English of the same message: a median
    /// is "mediana/mediano" (never "media/medio", which is a mean), a mean or average is
    /// "media/promedio", a percentile "percentil", a tier "nivel", a weight "peso".
    #[test]
    fn statistical_words_keep_their_meaning_in_spanish() {
        let words = |text: &str| -> Vec<String> {
            text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
        };
        let mut checked = 0;
        for (name, msg) in ALL {
            let (en, es) = (words(msg.en), words(msg.es));
            let has = |list: &[String], stem: &str| list.iter().any(|w| w.starts_with(stem));
            let mean_words = ["media", "medio", "medias", "medios"];
            if has(&en, "median") {
                checked += 1;
                assert!(has(&es, "median"), "{name}: a median is \"mediana/mediano\" in Spanish: {:?}", msg.es);
                assert!(!es.iter().any(|w| mean_words.contains(&w.as_str())), "{name}: \"media/medio\" is a mean: {:?}", msg.es);
            }
            if es.iter().any(|w| mean_words.contains(&w.as_str())) {
                assert!(has(&en, "mean") || has(&en, "average"), "{name}: \"media/medio\" only for a mean: {:?}", msg.es);
            }
            if has(&en, "percentile") {
                assert!(has(&es, "percentil"), "{name}: {:?}", msg.es);
            }
            if en.iter().any(|w| w == "tier" || w == "tiers") {
                assert!(has(&es, "nivel"), "{name}: a tier is \"nivel\": {:?}", msg.es);
            }
        }
        assert!(checked >= 5, "the messages with a median were found ({checked})");
        assert_eq!(Lang::Es.t(catalogue::DEMO_INCOME), "Ingreso mediano del hogar");
    }

    #[test]
    fn values_fill_their_places_and_plurals_agree_with_the_count() {
        let one = Msg { en: "{n} school moves", es: "{n} escuela cambia" };
        let other = Msg { en: "{n} schools move to {where}", es: "{n} escuelas pasan a {where}" };
        assert_eq!(Lang::Es.plural(1, one, other, &[]), "1 escuela cambia");
        assert_eq!(Lang::En.plural(3, one, other, &[("where", &"tier 1")]), "3 schools move to tier 1");
        assert_eq!(fill("{a} and {b} and {a}", &[("a", &1)]), "1 and {b} and 1");
        assert_eq!(fill("open { brace", &[]), "open { brace");
    }

    #[test]
    fn the_engines_names_read_the_same_in_english_as_the_engine_writes_them() {
        for n in Normalization::ALL {
            assert_eq!(Lang::En.normalization(n), n.label());
        }
        for a in AllocationMethod::ALL {
            assert_eq!(Lang::En.allocation_method(a), a.label());
        }
        assert_eq!(Lang::Es.tier_name(1, 3), "Nivel 1 (NSE más bajo)");
        assert_eq!(Lang::En.tier_name(4, 4), "Tier 4 (highest SES)");
    }

    #[test]
    fn warnings_in_english_are_the_sentences_ses_explain_writes() {
        let all = [
            Warning::ConstantScore,
            Warning::Dominates { column: "Income".into(), effective: 0.71, nominal: 0.2 },
            Warning::PullsAgainst { column: "Owners".into(), effective: -0.04, nominal: 0.1 },
            Warning::CountsTwice { a: "A".into(), b: "B".into(), r: 0.934 },
        ];
        for w in &all {
            assert_eq!(Lang::En.warning(w), w.to_string());
            assert_ne!(Lang::Es.warning(w), w.to_string());
        }
        assert_eq!(Lang::Es.warning(&all[3]), "A y B cuentan dos veces lo mismo: su correlación es 0.93.");
    }

    #[test]
    fn errors_name_file_row_column_and_value_in_each_language() {
        let broken = crate::engine::table::Table::parse("areas.csv", b"area_id,kids,income\na,10,100\nb,20,two hundred\n").unwrap();
        let e = broken.numeric_column("income", Purpose::Indicator).unwrap_err();
        assert_eq!(Lang::En.error(&e), e.to_string());
        if let EngineError::InvalidValue { file, row, column, value, expected } = &e {
            let english = Lang::En.fill(
                m::ERR_INVALID_VALUE,
                &[("file", file), ("row", row), ("column", column), ("value", value), ("expected", &Lang::En.expected(*expected))],
            );
            assert_eq!(english, e.to_string(), "the catalogue's English is the engine's wording");
        }
        let es = Lang::Es.error(&e);
        assert!(
            es.starts_with("areas.csv: fila 3, columna \"income\": \"two hundred\" no es válido; se esperaba un número como 50733"),
            "{es}"
        );
        let ragged = crate::engine::table::Table::parse("r.csv", b"a,b\n1\n").unwrap_err();
        assert!(Lang::Es.error(&ragged).starts_with("r.csv: la fila 2 tiene 1 campos"), "{}", Lang::Es.error(&ragged));
        let count = EngineError::InvalidValue {
            file: "e.csv".into(),
            row: 4,
            column: "n".into(),
            value: "-3".into(),
            expected: Expected::CountNotNegative,
        };
        assert_eq!(Lang::En.t(m::ERR_NO_WEIGHT), FormulaRule::NoWeight.to_string());
        // The boundaries' refusals: the catalogue's English is the engine's sentence.
        let english = |e: &EngineError, msg: Msg, values: &[(&str, &dyn Display)]| assert_eq!(Lang::En.fill(msg, values), e.to_string());
        let lon_lat = EngineError::NotLonLat { file: "b.geojson".into(), feature: 3, value: "[350000,4600000]".into() };
        english(&lon_lat, m::ERR_NOT_LON_LAT, &[("file", &"b.geojson"), ("feature", &3), ("value", &"[350000,4600000]")]);
        assert!(Lang::Es.error(&lon_lat).contains("no es una longitud y latitud en grados"));
        let many = EngineError::TooManyVertices { file: "b.geojson".into(), max: 1_000_000 };
        english(&many, m::ERR_TOO_MANY_VERTICES, &[("file", &"b.geojson"), ("max", &1_000_000)]);
        english(&EngineError::NothingToDraw { file: "b.geojson".into() }, m::ERR_NOTHING_TO_DRAW, &[("file", &"b.geojson")]);
        let no_id = EngineError::NoIdProperty { file: "b.geojson".into(), properties: vec![], example: "a1".into() };
        english(&no_id, m::ERR_NO_ID_PROPERTY, &[("file", &"b.geojson"), ("properties", &"there are none"), ("example", &"a1")]);
        assert!(Lang::Es.error(&no_id).contains("(no hay ninguna)"), "{}", Lang::Es.error(&no_id));
        let no_such = EngineError::NoSuchProperty {
            file: "b.geojson".into(),
            property: "GEOID".into(),
            properties: vec!["id".into(), "name".into()],
        };
        english(&no_such, m::ERR_NO_SUCH_PROPERTY, &[("file", &"b.geojson"), ("property", &"GEOID"), ("properties", &"id, name")]);
        let unreadable = EngineError::Csv { file: "c.csv".into(), row: 7, reason: "bad quote".into() };
        assert_eq!(
            Lang::En.fill(m::ERR_UNREADABLE_ROW, &[("file", &"c.csv"), ("row", &7), ("reason", &"bad quote")]),
            unreadable.to_string()
        );
        // The CSV reader's English reason is not shown to a Spanish reader; what kind of problem it is, is.
        assert_eq!(Lang::Es.error(&unreadable), "c.csv: fila 7: no se puede leer como CSV: el lector de CSV se detuvo aquí");
        let empty = crate::engine::table::Table::parse("e.csv", b"").unwrap_err();
        assert_eq!(Lang::Es.error(&empty), "e.csv: el archivo está vacío; se esperaba una fila de encabezado y al menos una fila de datos");
        let headers = crate::engine::table::Table::parse("h.csv", b"id,x\n").unwrap_err();
        assert_eq!(Lang::Es.error(&headers), "h.csv: el archivo tiene encabezado pero ninguna fila de datos");
        let missing =
            crate::engine::table::Table::parse("a.csv", b"id,x\n1,2\n").unwrap().numeric_column("income", Purpose::Indicator).unwrap_err();
        assert_eq!(Lang::En.error(&missing), missing.to_string());
        assert!(
            Lang::Es.error(&missing).starts_with("a.csv: no hay ninguna columna \"income\" (un indicador); las columnas son: id, x"),
            "{}",
            Lang::Es.error(&missing)
        );
        assert_eq!(Lang::En.t(m::ERR_CUTOFFS_ORDER), FormulaRule::CutoffsOutOfOrder.to_string());
        assert_eq!(Lang::En.t(m::ERR_NEGATIVE_TIER_WEIGHT), EngineError::NegativeTierWeight.to_string());
        let pool = EngineError::PoolOutOfRange { pool: -5.0, max: 1e12 };
        assert_eq!(Lang::En.fill(m::ERR_POOL_RANGE, &[("pool", &-5.0), ("max", &"1000000000000")]), pool.to_string());
        let cutoff = EngineError::ServeCutoffOutOfRange { cutoff: 120.0 };
        assert_eq!(Lang::En.fill(m::ERR_SERVE_CUTOFF_RANGE, &[("cutoff", &120.0)]), cutoff.to_string());
        assert_eq!(Lang::Es.error(&cutoff), "el corte de ordenar y atender debe estar entre 0 y 100 por ciento; es 120");
        assert!(
            Lang::Es
                .error(&EngineError::InvalidSettings(SettingsProblem::Formula(FormulaRule::NoWeight)))
                .starts_with("todos los pesos son cero")
        );
        assert!(
            Lang::Es
                .error(&count)
                .ends_with("se esperaba un número de personas igual a cero o mayor, como 1,202 (no se admiten recuentos negativos)")
        );
    }

    #[test]
    fn title1_rules_in_english_are_the_engines_sentences() {
        use crate::app::state::{Action, AppState, LoadedData};
        use crate::engine::fairness::{Title1Options, title1_violations};
        let mut found = 0;
        for cutoff in [10.0, 30.0, 60.0] {
            let app = AppState::new(LoadedData::demo().unwrap(), None)
                .unwrap()
                .apply(Action::SetAllocationMethod(AllocationMethod::RankAndServe))
                .apply(Action::SetServeCutoff(cutoff));
            let schools = app.data.schools().unwrap();
            for v in title1_violations(&app.current.evaluation, schools, &Title1Options { fifty_percent_levels: vec!["High".into()] }) {
                assert_eq!(Lang::En.violation(&v, &schools.names), v.text);
                assert!(Lang::Es.violation(&v, &schools.names).contains("escuela"), "{}", Lang::Es.violation(&v, &schools.names));
                found += 1;
            }
        }
        assert!(found > 0, "the demo breaks a Title I rule at one of these cutoffs");
    }

    #[test]
    fn short_dollars_use_each_languages_words() {
        assert_eq!(Lang::En.short_dollars(123_456_789), "$1.2M");
        assert_eq!(Lang::Es.short_dollars(123_456_789), "$1.2 millones");
        assert_eq!(Lang::En.short_dollars(1_234_500), "$12.3K");
        assert_eq!(Lang::Es.short_dollars(1_234_500), "$12.3 mil");
        assert_eq!(Lang::Es.short_dollars(-95_000), "−$950");
    }

    #[test]
    fn every_message_has_both_languages_with_the_same_values() {
        let mut names = std::collections::HashSet::new();
        for (name, msg) in ALL {
            assert!(names.insert(*name), "{name} is in the catalogue twice");
            assert!(!msg.en.trim().is_empty() && !msg.es.trim().is_empty(), "{name} is empty in a language");
            assert_eq!(placeholders(msg.en), placeholders(msg.es), "{name}: the languages name different values");
        }
    }

    /// A Spanish text equal to the English one is a translation forgotten, unless the words
    /// are the same in both (names, symbols, numbers).
    #[test]
    fn no_spanish_message_is_the_english_one_left_untranslated() {
        const SAME_IN_BOTH: [&str; 0] = [];
        let letters = |text: &str| {
            fill(text, &placeholders(text).iter().map(|p| (*p, &"" as &dyn Display)).collect::<Vec<_>>())
                .chars()
                .filter(char::is_ascii_alphabetic)
                .count()
        };
        let forgotten: Vec<&str> = ALL
            .iter()
            .filter(|(name, msg)| msg.en == msg.es && letters(msg.en) > 3 && !SAME_IN_BOTH.contains(name))
            .map(|(name, _)| *name)
            .collect();
        assert!(forgotten.is_empty(), "untranslated: {forgotten:?}");
    }
}
