//! Scenario files: a formula (file v1), allocation settings, ranking measure and baseline, plus
//! the columns they expect, so a colleague can reproduce the screen. Never any data.
//!
//! The same scenario travels three ways: a downloaded `.json` file, the URL fragment of a share
//! link (which no server ever sees; a compact binary form since links had to fit a QR code,
//! [`crate::app::share_link`], with the first links' percent-encoded JSON still read), and
//! named entries in the browser's local storage.

use serde::{Deserialize, Serialize};

use crate::engine::allocation::AllocationSettings;
use crate::engine::error::{Document, FormulaProblem, JsonCause};
use crate::engine::formula::{Formula, check_version};
use crate::engine::model::RankBy;
use crate::engine::stability::StabilitySettings;
use crate::engine::table::Table;
use crate::engine::{EngineError, Result};

/// The scenario file version this build reads and writes.
pub const SCENARIO_VERSION: u32 = 1;

/// The largest scenario accepted (bytes of JSON), from a file, a link or storage.
pub const MAX_SCENARIO_BYTES: usize = 64 * 1024;

/// A formula with its allocation, as pinned for the baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pinned {
    pub formula: Formula,
    pub allocation: AllocationSettings,
}

/// Everything needed to restore the screen, given the same data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Always [`SCENARIO_VERSION`].
    pub scenario_version: u32,
    /// The current formula (formula file v1).
    pub formula: Formula,
    pub allocation: AllocationSettings,
    #[serde(default)]
    pub rank_by: RankBy,
    pub baseline: Pinned,
    /// The rank-stability settings (draws, spread, seed): the same scenario gives the same
    /// draws in the app and the CLI. Older scenario files without them get the defaults.
    #[serde(default)]
    pub stability: StabilitySettings,
    /// The area columns the formulas read (id, population, indicators), for a clear message
    /// when the loaded data lacks some.
    pub expects_columns: Vec<String>,
}

impl Scenario {
    /// Builds a scenario, listing the columns both formulas read.
    pub fn new(formula: Formula, allocation: AllocationSettings, rank_by: RankBy, baseline: Pinned) -> Scenario {
        let mut columns = Vec::new();
        for f in [&formula, &baseline.formula] {
            for c in f.columns() {
                let c = c.trim().to_owned();
                if !columns.contains(&c) {
                    columns.push(c);
                }
            }
        }
        Scenario {
            scenario_version: SCENARIO_VERSION,
            formula,
            allocation,
            rank_by,
            baseline,
            stability: StabilitySettings::default(),
            expects_columns: columns,
        }
    }

    /// Pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a scenario always serialises")
    }

    /// Parses and validates a scenario. `source` names it in messages ("scenario.json",
    /// "the share link", "saved scenario \"X\"").
    ///
    /// # Errors
    /// Too large, not JSON, another version, unknown fields, or invalid formulas.
    pub fn from_json(source: &str, bytes: &[u8]) -> Result<Scenario> {
        let invalid = |problem: FormulaProblem| EngineError::InvalidFormula { file: source.into(), problem };
        if bytes.len() > MAX_SCENARIO_BYTES {
            return Err(invalid(FormulaProblem::TooLarge { kb: bytes.len() / 1024, max_kb: MAX_SCENARIO_BYTES / 1024 }));
        }
        check_version(bytes, Document::Scenario, SCENARIO_VERSION..=SCENARIO_VERSION).map_err(invalid)?;
        let scenario: Scenario = serde_json::from_slice(bytes)
            .map_err(|e| invalid(FormulaProblem::NotValid { document: Document::Scenario, cause: JsonCause::of(&e) }))?;
        scenario.checked(source)
    }

    /// The scenario if both its formulas and both its allocations can be computed with.
    pub(crate) fn checked(self, source: &str) -> Result<Scenario> {
        let invalid = |e: EngineError| EngineError::InvalidFormula { file: source.into(), problem: FormulaProblem::Inner(Box::new(e)) };
        for f in [&self.formula, &self.baseline.formula] {
            f.validate().map_err(invalid)?;
        }
        for a in [&self.allocation, &self.baseline.allocation] {
            a.pool_cents().map_err(invalid)?;
        }
        Ok(self)
    }

    /// The expected columns that `areas` does not have.
    pub fn missing_columns(&self, areas: &Table) -> Vec<String> {
        self.expects_columns.iter().filter(|c| !areas.has_column(c)).cloned().collect()
    }
}

/// What a formula file chosen by a person holds: a formula file, or a scenario file (which
/// the app saves; it carries a formula, an allocation, a ranking and a baseline).
#[derive(Debug, Clone, PartialEq)]
pub enum FormulaDocument {
    Formula(Box<Formula>),
    Scenario(Box<Scenario>),
}

impl FormulaDocument {
    /// Reads either kind: a document with a `scenario_version` is a scenario file.
    ///
    /// # Errors
    /// As [`Formula::from_json`] or [`Scenario::from_json`].
    pub fn from_json(source: &str, bytes: &[u8]) -> Result<FormulaDocument> {
        let is_scenario = serde_json::from_slice::<serde_json::Value>(bytes).is_ok_and(|v| v.get("scenario_version").is_some());
        Ok(if is_scenario {
            FormulaDocument::Scenario(Box::new(Scenario::from_json(source, bytes)?))
        } else {
            FormulaDocument::Formula(Box::new(Formula::from_json(source, bytes)?))
        })
    }
}

/// One saved scenario as kept in local storage (one storage entry each, so one damaged entry
/// never hides the others).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedScenario {
    pub name: String,
    /// When it was saved, as the browser's ISO 8601 time.
    pub saved_at: String,
    pub scenario: Scenario,
}

/// Local storage key prefix of saved scenarios (the version is part of the key's value).
pub const STORAGE_PREFIX: &str = "ses-explorer:scenario:";

impl SavedScenario {
    pub fn storage_key(name: &str) -> String {
        format!("{STORAGE_PREFIX}{name}")
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a saved scenario always serialises")
    }

    /// Reads one stored entry.
    ///
    /// # Errors
    /// An oversized, corrupt or old entry, in words naming it.
    pub fn from_storage(key: &str, value: &str) -> Result<SavedScenario> {
        let name = key.strip_prefix(STORAGE_PREFIX).unwrap_or(key);
        let source = saved_source(name);
        let invalid = |problem: FormulaProblem| EngineError::InvalidFormula { file: source.clone(), problem };
        if value.len() > MAX_SCENARIO_BYTES {
            return Err(invalid(FormulaProblem::SavedTooLarge { kb: value.len() / 1024, max_kb: MAX_SCENARIO_BYTES / 1024 }));
        }
        let raw: serde_json::Value = serde_json::from_str(value).map_err(|_| invalid(FormulaProblem::SavedDamaged))?;
        let scenario_json = raw.get("scenario").ok_or_else(|| invalid(FormulaProblem::SavedNotScenario))?;
        Scenario::from_json(&source, scenario_json.to_string().as_bytes())?;
        serde_json::from_value(raw).map_err(|e| invalid(FormulaProblem::SavedUnreadable(JsonCause::of(&e))))
    }
}

/// How the engine's messages name the share link, as the scenario's source: [`Lang::error`]
/// words it in the page's language.
///
/// [`Lang::error`]: crate::app::i18n::Lang::error
pub const SHARE_LINK_SOURCE: &str = "the share link";

/// How the engine's messages name a scenario saved in this browser (worded in the page's
/// language by [`crate::app::i18n::Lang::error`], which reads it back with [`saved_name`]).
pub fn saved_source(name: &str) -> String {
    format!("{SAVED_SOURCE_START}{name}\"")
}

const SAVED_SOURCE_START: &str = "saved scenario \"";

/// The saved scenario's name a source of [`saved_source`] holds.
pub fn saved_name(source: &str) -> Option<&str> {
    source.strip_prefix(SAVED_SOURCE_START)?.strip_suffix('"')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::demo::demo_formula;

    fn scenario() -> Scenario {
        let mut f = demo_formula();
        f.indicators[0].weight = 55.0;
        let baseline = Pinned { formula: demo_formula(), allocation: AllocationSettings::default() };
        Scenario::new(f, AllocationSettings { pool: 123.45, ..Default::default() }, RankBy::MeanScore, baseline)
    }

    #[test]
    fn a_chosen_file_is_read_as_the_kind_it_is() {
        let s = scenario();
        assert_eq!(FormulaDocument::from_json("s.json", s.to_json().as_bytes()).unwrap(), FormulaDocument::Scenario(Box::new(s.clone())));
        let f = s.formula.to_json();
        assert_eq!(FormulaDocument::from_json("f.json", f.as_bytes()).unwrap(), FormulaDocument::Formula(Box::new(s.formula.clone())));
        // A scenario with a problem is refused as a scenario, not as a formula with unknown fields.
        let bad = s.to_json().replace("\"scenario_version\": 1", "\"scenario_version\": 9");
        let e = FormulaDocument::from_json("s.json", bad.as_bytes()).unwrap_err();
        assert!(
            matches!(&e, EngineError::InvalidFormula { problem: FormulaProblem::UnsupportedVersion { found, .. }, .. } if found == "9"),
            "{e}"
        );
    }

    #[test]
    fn lists_expected_columns_once() {
        let s = scenario();
        assert_eq!(s.expects_columns[0], "area_id");
        assert_eq!(s.expects_columns.len(), 7, "{:?}", s.expects_columns);
        let t = Table::parse("a.csv", b"area_id,median_household_income\nx,1\n").unwrap();
        assert_eq!(s.missing_columns(&t).len(), 5);
    }

    #[test]
    fn damaged_links_old_versions_and_oversized_input_are_errors_in_words() {
        let old = scenario().to_json().replace("\"scenario_version\": 1", "\"scenario_version\": 0");
        let problem = |e: EngineError| match e {
            EngineError::InvalidFormula { problem, .. } => problem,
            other => panic!("a scenario's problem: {other:?}"),
        };
        assert!(matches!(problem(Scenario::from_json("s.json", old.as_bytes()).unwrap_err()), FormulaProblem::UnsupportedVersion { .. }));
        let big = vec![b' '; MAX_SCENARIO_BYTES + 1];
        assert_eq!(problem(Scenario::from_json("s.json", &big).unwrap_err()), FormulaProblem::TooLarge { kb: 64, max_kb: 64 });
        let zero = scenario().to_json().replace("\"weight\": 55.0", "\"weight\": -1.0");
        assert!(Scenario::from_json("s.json", zero.as_bytes()).is_err());
    }

    #[test]
    fn stored_entries_are_read_or_reported() {
        let saved = SavedScenario { name: "Plan B".into(), saved_at: "2026-11-22T10:00:00Z".into(), scenario: scenario() };
        let key = SavedScenario::storage_key("Plan B");
        assert_eq!(SavedScenario::from_storage(&key, &saved.to_json()).unwrap(), saved);
        let corrupt = SavedScenario::from_storage(&key, "{not json").unwrap_err().to_string();
        assert_eq!(corrupt, "saved scenario \"Plan B\": skipped: damaged (not JSON)");
        let old = saved.to_json().replace("\"scenario_version\":1", "\"scenario_version\":0");
        let problem = |e: EngineError| match e {
            EngineError::InvalidFormula { problem, .. } => problem,
            other => panic!("a saved scenario's problem: {other:?}"),
        };
        assert!(matches!(problem(SavedScenario::from_storage(&key, &old).unwrap_err()), FormulaProblem::UnsupportedVersion { .. }));
        let huge = format!("{{\"pad\":\"{}\"}}", "x".repeat(MAX_SCENARIO_BYTES));
        assert!(matches!(problem(SavedScenario::from_storage(&key, &huge).unwrap_err()), FormulaProblem::SavedTooLarge { .. }));
    }
}
