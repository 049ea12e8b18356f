//! Formula file v1: which columns are indicators, which way each points, their weights, how
//! values are normalised and how scores become tiers. Parsed from JSON and validated once, so
//! the rest of the engine can assume a formula is sound.

use serde::{Deserialize, Serialize};

use super::error::{Document, EngineError, FormulaProblem, FormulaRule, JsonCause, Result, SettingsProblem};

/// The formula file version this engine reads and writes.
pub const FORMULA_VERSION: u32 = 1;

/// A complete SES formula (formula file v1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Formula {
    /// Always [`FORMULA_VERSION`].
    pub version: u32,
    /// A human name shown in the app and used in export file names.
    #[serde(default)]
    pub name: String,
    /// Column holding each area's id.
    pub id_column: String,
    /// Column holding each area's weight (school-age children or students). Without it every
    /// area weighs 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population_column: Option<String>,
    /// How raw indicator values become comparable numbers.
    pub normalization: Normalization,
    /// The indicators, in display order.
    pub indicators: Vec<Indicator>,
    /// How scores become tiers.
    pub tiers: TierRule,
}

/// One indicator of a formula.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Column name (matched after trimming whitespace).
    pub column: String,
    /// Whether more of it means more or less advantaged.
    pub direction: Direction,
    /// Non-negative weight; only ratios between weights matter.
    pub weight: f64,
    /// An indicator that is switched off takes no part: its weight counts as zero and rows
    /// missing its value are not excluded.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub enabled: bool,
}

fn yes() -> bool {
    true
}
fn is_true(b: &bool) -> bool {
    *b
}

/// Which way an indicator points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// More means higher SES (income, education, home ownership).
    Advantage,
    /// More means lower SES (single-parent households, poverty).
    Disadvantage,
}

/// How raw values are normalised. Every method makes higher = more advantaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Normalization {
    /// 0–100: share of the population living in areas with a value at or below this one
    /// (at or above, for a disadvantage), ties inclusive. The Chicago rule.
    WeightedPercentile,
    /// 0–100: share of areas with a value at or below this one, ties inclusive.
    Percentile,
    /// Standard score: (value − mean) / standard deviation, over areas, unweighted.
    Zscore,
    /// 0–100: (value − min) / (max − min).
    Minmax,
}

impl Normalization {
    /// All methods, in the order a picker shows them.
    pub const ALL: [Normalization; 4] =
        [Normalization::WeightedPercentile, Normalization::Percentile, Normalization::Zscore, Normalization::Minmax];

    /// Whether scores come out on the 0–100 scale.
    pub fn is_zero_to_hundred(self) -> bool {
        !matches!(self, Normalization::Zscore)
    }

    /// A short label for people.
    pub fn label(self) -> &'static str {
        match self {
            Normalization::WeightedPercentile => "Percentile weighted by population",
            Normalization::Percentile => "Percentile (each area counts once)",
            Normalization::Zscore => "Z-score",
            Normalization::Minmax => "Min–max (0–100)",
        }
    }
}

/// How scores are cut into tiers 1..=count (tier 1 = lowest SES).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierRule {
    /// Number of tiers.
    pub count: u8,
    /// The cutting method.
    pub method: TierMethod,
    /// Score thresholds for [`TierMethod::ScoreCutoffs`]: `count − 1` increasing numbers; a
    /// score at or above cutoff *i* is in tier *i + 2* or higher.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cutoffs: Vec<f64>,
}

/// Tier-cutting methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TierMethod {
    /// Tiers of equal population: tier = ceil(count × cumulative population including this
    /// area / total), areas sorted by score then id. The Chicago rule.
    EqualPopulation,
    /// Tiers with equal numbers of areas.
    EqualCount,
    /// Explicit score thresholds.
    ScoreCutoffs,
}

/// Checks the version field of a versioned JSON document before the full parse, so that an
/// older or newer file is told "version N is not supported" rather than given a list of
/// unknown fields. `what` names the kind of file in the message.
///
/// # Errors
/// The problem, for the caller to wrap with the file name.
pub fn check_version(bytes: &[u8], document: Document, expected: u32) -> std::result::Result<(), FormulaProblem> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| FormulaProblem::NotValid { document, cause: JsonCause::of(&e) })?;
    match value.get(document.version_field()) {
        Some(v) if *v == serde_json::json!(expected) => Ok(()),
        Some(v) => Err(FormulaProblem::UnsupportedVersion { document, found: v.to_string(), expected }),
        None => Err(FormulaProblem::NoVersion { document, expected }),
    }
}

/// The largest number of tiers the engine accepts.
pub const MAX_TIERS: u8 = 10;

impl Formula {
    /// Parses and validates a formula file. `file` names it in error messages.
    ///
    /// # Errors
    /// Invalid JSON, unknown fields, a version other than 1, or settings that cannot be
    /// computed (see [`Formula::validate`]).
    pub fn from_json(file: &str, bytes: &[u8]) -> Result<Formula> {
        let invalid = |problem: FormulaProblem| EngineError::InvalidFormula { file: file.into(), problem };
        check_version(bytes, Document::FormulaFile, FORMULA_VERSION).map_err(invalid)?;
        let formula: Formula = serde_json::from_slice(bytes)
            .map_err(|e| invalid(FormulaProblem::NotValid { document: Document::FormulaFile, cause: JsonCause::of(&e) }))?;
        formula.validate().map_err(|e| match e {
            EngineError::InvalidSettings(SettingsProblem::Formula(rule)) => invalid(FormulaProblem::Rule(rule)),
            other => other,
        })?;
        Ok(formula)
    }

    /// Pretty JSON in the documented format.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a formula always serialises")
    }

    /// Checks what serde cannot: weights, tiers and cutoffs make sense.
    ///
    /// # Errors
    /// [`EngineError::InvalidSettings`] saying what is wrong.
    pub fn validate(&self) -> Result<()> {
        let bad = |rule: FormulaRule| Err(EngineError::InvalidSettings(SettingsProblem::Formula(rule)));
        if self.version != FORMULA_VERSION {
            return bad(FormulaRule::Version { found: self.version, expected: FORMULA_VERSION });
        }
        if self.id_column.trim().is_empty() {
            return bad(FormulaRule::EmptyIdColumn);
        }
        if self.indicators.is_empty() {
            return bad(FormulaRule::NoIndicators);
        }
        for (i, ind) in self.indicators.iter().enumerate() {
            if ind.column.trim().is_empty() {
                return bad(FormulaRule::EmptyIndicatorColumn { number: i + 1 });
            }
            if self.indicators[..i].iter().any(|o| o.column.trim() == ind.column.trim()) {
                return bad(FormulaRule::IndicatorTwice { column: ind.column.trim().to_owned() });
            }
            if !ind.weight.is_finite() || ind.weight < 0.0 {
                return bad(FormulaRule::NegativeWeight { column: ind.column.trim().to_owned(), weight: ind.weight });
            }
        }
        if self.total_weight() <= 0.0 {
            return Err(EngineError::NoWeight);
        }
        let k = self.tiers.count;
        if k == 0 || k > MAX_TIERS {
            return bad(FormulaRule::TierCount { count: k, max: MAX_TIERS });
        }
        match self.tiers.method {
            TierMethod::ScoreCutoffs => {
                let c = &self.tiers.cutoffs;
                if c.len() != usize::from(k) - 1 {
                    return bad(FormulaRule::CutoffCount { tiers: k, needed: k - 1, given: c.len() });
                }
                if c.iter().any(|v| !v.is_finite()) || c.windows(2).any(|w| w[0] >= w[1]) {
                    return Err(EngineError::CutoffsOutOfOrder);
                }
            }
            _ if !self.tiers.cutoffs.is_empty() => {
                return bad(FormulaRule::CutoffsNeedMethod);
            }
            _ => {}
        }
        Ok(())
    }

    /// The columns the formula reads from an areas file: the id, the population (when it
    /// names one) and every indicator, as written.
    pub fn columns(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.id_column.as_str())
            .chain(self.population_column.as_deref())
            .chain(self.indicators.iter().map(|i| i.column.as_str()))
    }

    /// The sum of the weights of enabled indicators.
    pub fn total_weight(&self) -> f64 {
        self.indicators.iter().filter(|i| i.enabled).map(|i| i.weight).sum()
    }

    /// Each indicator's effective share of the total weight (0 for switched-off ones).
    pub fn weight_shares(&self) -> Vec<f64> {
        let total = self.total_weight();
        self.indicators.iter().map(|i| if i.enabled && total > 0.0 { i.weight / total } else { 0.0 }).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHICAGO: &str = r#"{
      "version": 1,
      "name": "Chicago 6-factor tract score",
      "id_column": "TRACT",
      "population_column": "Number of School Age Children",
      "normalization": "weighted_percentile",
      "indicators": [
        {"column": "Estimated Median Family Income", "direction": "advantage", "weight": 1},
        {"column": "% of Single Parent Households", "direction": "disadvantage", "weight": 1}
      ],
      "tiers": {"count": 4, "method": "equal_population"}
    }"#;

    fn err(json: &str) -> String {
        Formula::from_json("f.json", json.as_bytes()).unwrap_err().to_string()
    }

    #[test]
    fn reads_the_documented_example() {
        let f = Formula::from_json("f.json", CHICAGO.as_bytes()).unwrap();
        assert_eq!(f.indicators.len(), 2);
        assert_eq!(f.indicators[1].direction, Direction::Disadvantage);
        assert!(f.indicators[0].enabled);
        assert_eq!(f.tiers.method, TierMethod::EqualPopulation);
        assert_eq!(Formula::from_json("f.json", f.to_json().as_bytes()).unwrap(), f);
    }

    #[test]
    fn rejects_unknown_fields_and_versions() {
        assert!(err(&CHICAGO.replace("\"name\"", "\"nmae\"")).contains("unknown field `nmae`"));
        assert!(err(&CHICAGO.replace("\"version\": 1", "\"version\": 2")).contains("version 2 is not supported"));
        assert!(err(&CHICAGO.replace("\"version\": 1,", "")).contains("no \"version\" field"));
        assert!(err("{not json").starts_with("f.json: not a valid formula file"));
    }

    #[test]
    fn rejects_impossible_settings() {
        assert!(err(&CHICAGO.replace("\"weight\": 1}", "\"weight\": 0}")).contains("all weights are zero"));
        assert!(err(&CHICAGO.replacen("\"weight\": 1", "\"weight\": -1", 1)).contains("weights must be zero or more"));
        assert!(err(&CHICAGO.replace("\"count\": 4", "\"count\": 0")).contains("tier count 0"));
        let cut = CHICAGO.replace("\"equal_population\"", "\"score_cutoffs\", \"cutoffs\": [10, 5, 50]");
        assert!(err(&cut).contains("increasing order"));
        let cut = CHICAGO.replace("\"equal_population\"", "\"score_cutoffs\", \"cutoffs\": [10]");
        assert!(err(&cut).contains("4 tiers need 3 cutoffs"));
        assert!(
            err(&CHICAGO.replace("\"normalization\": \"weighted_percentile\"", "\"normalization\": \"rank\""))
                .contains("unknown variant `rank`")
        );
    }

    #[test]
    fn weight_shares_ignore_switched_off_indicators() {
        let mut f = Formula::from_json("f.json", CHICAGO.as_bytes()).unwrap();
        f.indicators[0].weight = 3.0;
        assert_eq!(f.weight_shares(), vec![0.75, 0.25]);
        f.indicators[1].enabled = false;
        assert_eq!(f.weight_shares(), vec![1.0, 0.0]);
    }
}
