//! The formula file: which columns are indicators, which way each points, their weights, how
//! values are normalised, what happens to an area with a value missing, and how scores become
//! tiers. Parsed from JSON and validated once, so the rest of the engine can assume a formula
//! is sound.
//!
//! Version 1 is a flat list of weighted indicators. Version 2 may group them into named
//! domains, nested to any depth, with a weight at every level (as the OECD Better Life Index
//! weights topics and COINr builds an index as a tree), and says how missing values are
//! handled ([`MissingValues`]). A version 1 file is a version 2 file with one level.
//!
//! In memory a formula always keeps its indicators as one flat list, in the order the file
//! gives them (depth first), so everything that shows or changes an indicator's weight works
//! alike for both versions; [`Group`]s refer to their indicators by position in that list.

use serde::{Deserialize, Serialize};

mod student;

pub use student::{FamilyItem, MissingFamily, StudentPart, StudentTierMethod, StudentTiers};

use super::error::{Document, EngineError, FormulaProblem, FormulaRule, JsonCause, Result, SettingsProblem};

/// The formula file version of a flat formula; a formula of groups, or with a rule for
/// missing values, is version [`FORMULA_VERSION_GROUPS`].
pub const FORMULA_VERSION: u32 = 1;

/// The newest formula file version this engine reads and writes.
pub const FORMULA_VERSION_GROUPS: u32 = 2;

/// A complete SES formula.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "FormulaFile", into = "FormulaFile")]
pub struct Formula {
    /// 1 or 2 ([`FORMULA_VERSION`], [`FORMULA_VERSION_GROUPS`]).
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
    /// What happens to an area with an indicator value missing (version 2).
    pub missing: MissingValues,
    /// The indicators, in display order (depth first through the groups).
    pub indicators: Vec<Indicator>,
    /// The top-level groups (domains) of a formula of groups; empty for a flat list.
    pub groups: Vec<Group>,
    /// How scores become tiers.
    pub tiers: TierRule,
    /// How a student's family answers join their area's score (version 2); without it every
    /// student inherits their area's tier.
    pub student: Option<StudentPart>,
}

/// A named domain of a formula: its weight among its siblings, and either indicators or
/// groups of its own.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub name: String,
    /// Non-negative; only ratios between siblings' weights matter.
    pub weight: f64,
    /// A group switched off takes no part, as an indicator switched off.
    pub enabled: bool,
    /// Positions of its indicators in [`Formula::indicators`].
    pub indicators: Vec<usize>,
    pub groups: Vec<Group>,
}

impl Group {
    /// The positions of every indicator in the group and its groups, depth first.
    pub fn all_indicators(&self) -> Vec<usize> {
        let mut out = self.indicators.clone();
        for g in &self.groups {
            out.extend(g.all_indicators());
        }
        out
    }
}

/// What happens to an area that lacks a value of an enabled indicator.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MissingValues {
    pub policy: MissingPolicy,
    /// With [`MissingPolicy::Reweight`]: an area whose present indicators carry less than this
    /// share (0 to 1) of the total weight is left out.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub min_share: f64,
    /// With [`MissingPolicy::AssignTier`]: the tier such an area gets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<u8>,
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

impl MissingValues {
    fn is_default(&self) -> bool {
        *self == MissingValues::default()
    }
}

/// The ways index makers handle a missing value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingPolicy {
    /// The area is not scored and is listed (version 1's rule).
    #[default]
    LeaveOut,
    /// The missing indicator (or a group with nothing left) is dropped and its siblings'
    /// weights rescaled within their group (COINr's default aggregation).
    Reweight,
    /// The area gets a fixed tier and no score, and is listed (as Texas gives a block group
    /// with insufficient data a fixed tier).
    AssignTier,
}

/// The formula file as JSON has it: indicators inline in their groups.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FormulaFile {
    version: u32,
    #[serde(default)]
    name: String,
    id_column: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    population_column: Option<String>,
    normalization: Normalization,
    #[serde(default, skip_serializing_if = "MissingValues::is_default")]
    missing: MissingValues,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    indicators: Option<Vec<Indicator>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    groups: Option<Vec<GroupFile>>,
    tiers: TierRule,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    student: Option<StudentPart>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupFile {
    name: String,
    weight: f64,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    enabled: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    indicators: Option<Vec<Indicator>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    groups: Option<Vec<GroupFile>>,
}

impl From<FormulaFile> for Formula {
    fn from(file: FormulaFile) -> Formula {
        // Names are trimmed here, once, as they are read: a column is then matched, listed and
        // written by its name as the file's header has it (headers are trimmed as they are read).
        fn trimmed(name: String) -> String {
            if name.trim().len() == name.len() { name } else { name.trim().to_owned() }
        }
        fn group(g: GroupFile, all: &mut Vec<Indicator>) -> Group {
            let indicators = g.indicators.unwrap_or_default().into_iter().map(|i| push(all, i)).collect();
            let groups = g.groups.unwrap_or_default().into_iter().map(|child| group(child, all)).collect();
            Group { name: trimmed(g.name), weight: g.weight, enabled: g.enabled, indicators, groups }
        }
        fn push(all: &mut Vec<Indicator>, indicator: Indicator) -> usize {
            all.push(Indicator { column: trimmed(indicator.column), ..indicator });
            all.len() - 1
        }
        let mut indicators: Vec<Indicator> =
            file.indicators.unwrap_or_default().into_iter().map(|i| Indicator { column: trimmed(i.column), ..i }).collect();
        let groups = file.groups.unwrap_or_default().into_iter().map(|g| group(g, &mut indicators)).collect();
        Formula {
            version: file.version,
            name: file.name,
            id_column: trimmed(file.id_column),
            population_column: file.population_column.map(trimmed),
            normalization: file.normalization,
            missing: file.missing,
            indicators,
            groups,
            tiers: file.tiers,
            student: file.student.map(|s| StudentPart {
                family: s.family.into_iter().map(|f| FamilyItem { column: trimmed(f.column), ..f }).collect(),
                ..s
            }),
        }
    }
}

impl From<Formula> for FormulaFile {
    fn from(formula: Formula) -> FormulaFile {
        fn group(g: &Group, all: &[Indicator]) -> GroupFile {
            GroupFile {
                name: g.name.clone(),
                weight: g.weight,
                enabled: g.enabled,
                // A member the formula does not have is left out (validation reports it).
                indicators: (!g.indicators.is_empty()).then(|| g.indicators.iter().filter_map(|&i| all.get(i).cloned()).collect()),
                groups: (!g.groups.is_empty()).then(|| g.groups.iter().map(|child| group(child, all)).collect()),
            }
        }
        let grouped = !formula.groups.is_empty();
        FormulaFile {
            version: formula.version,
            groups: grouped.then(|| formula.groups.iter().map(|g| group(g, &formula.indicators)).collect()),
            indicators: (!grouped).then_some(formula.indicators),
            name: formula.name,
            id_column: formula.id_column,
            population_column: formula.population_column,
            normalization: formula.normalization,
            missing: formula.missing,
            tiers: formula.tiers,
            student: formula.student,
        }
    }
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

pub(crate) fn yes() -> bool {
    true
}
pub(crate) fn is_true(b: &bool) -> bool {
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
/// unknown fields. `document` names the kind of file in the message.
///
/// # Errors
/// The problem, for the caller to wrap with the file name.
pub fn check_version(bytes: &[u8], document: Document, versions: std::ops::RangeInclusive<u32>) -> std::result::Result<(), FormulaProblem> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| FormulaProblem::NotValid { document, cause: JsonCause::of(&e) })?;
    let (oldest, expected) = (*versions.start(), *versions.end());
    match value.get(document.version_field()) {
        Some(v) if v.as_u64().is_some_and(|v| versions.contains(&(v as u32)) && v <= u64::from(u32::MAX)) => Ok(()),
        Some(v) => Err(FormulaProblem::UnsupportedVersion { document, found: v.to_string(), oldest, expected }),
        None => Err(FormulaProblem::NoVersion { document, expected }),
    }
}

/// The largest number of tiers the engine accepts.
pub const MAX_TIERS: u8 = 10;

impl Formula {
    /// Parses and validates a formula file. `file` names it in error messages.
    ///
    /// # Errors
    /// Invalid JSON, unknown fields, a version this build does not read, or settings that
    /// cannot be computed (see [`Formula::validate`]), each with the file's name.
    pub fn from_json(file: &str, bytes: &[u8]) -> Result<Formula> {
        let invalid = |problem: FormulaProblem| EngineError::InvalidFormula { file: file.into(), problem };
        check_version(bytes, Document::FormulaFile, FORMULA_VERSION..=FORMULA_VERSION_GROUPS).map_err(invalid)?;
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
        if !(FORMULA_VERSION..=FORMULA_VERSION_GROUPS).contains(&self.version) {
            return bad(FormulaRule::Version { found: self.version, expected: FORMULA_VERSION_GROUPS });
        }
        if self.version < FORMULA_VERSION_GROUPS {
            if !self.groups.is_empty() {
                return bad(FormulaRule::NeedsVersion2 { field: "groups".into() });
            }
            if self.missing != MissingValues::default() {
                return bad(FormulaRule::NeedsVersion2 { field: "missing".into() });
            }
            if self.student.is_some() {
                return bad(FormulaRule::NeedsVersion2 { field: "student".into() });
            }
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
        if let Err(rule) = self.check_groups() {
            return bad(rule);
        }
        let k = self.tiers.count;
        if k == 0 || k > MAX_TIERS {
            return bad(FormulaRule::TierCount { count: k, max: MAX_TIERS });
        }
        let missing = &self.missing;
        if !(0.0..=1.0).contains(&missing.min_share) {
            return bad(FormulaRule::MinShare { min_share: missing.min_share });
        }
        match (missing.policy, missing.tier) {
            (MissingPolicy::AssignTier, Some(t)) if (1..=k).contains(&t) => {}
            (MissingPolicy::AssignTier, tier) => return bad(FormulaRule::AssignedTier { tier, count: k }),
            (_, Some(_)) => return bad(FormulaRule::TierWithoutAssignTier),
            _ => {}
        }
        // Some indicator has a share above zero (checked without building the shares: this
        // runs on every slider step).
        let weighs = if self.groups.is_empty() { self.total_weight() > 0.0 } else { self.groups.iter().any(|g| self.carries_weight(g)) };
        if !weighs {
            return bad(FormulaRule::NoWeight);
        }
        match self.tiers.method {
            TierMethod::ScoreCutoffs => {
                let c = &self.tiers.cutoffs;
                if c.len() != usize::from(k) - 1 {
                    return bad(FormulaRule::CutoffCount { tiers: k, needed: k - 1, given: c.len() });
                }
                if c.iter().any(|v| !v.is_finite()) || c.windows(2).any(|w| w[0] >= w[1]) {
                    return bad(FormulaRule::CutoffsOutOfOrder);
                }
            }
            _ if !self.tiers.cutoffs.is_empty() => {
                return bad(FormulaRule::CutoffsNeedMethod);
            }
            _ => {}
        }
        match &self.student {
            Some(student) => student.check(k).map_or(Ok(()), bad),
            None => Ok(()),
        }
    }

    /// The groups' rules: each holds indicators or groups (not both, not neither), names are
    /// unique, weights are zero or more, and every indicator is in exactly one group.
    fn check_groups(&self) -> std::result::Result<(), FormulaRule> {
        if self.groups.is_empty() {
            return Ok(());
        }
        let mut names: Vec<&str> = Vec::new();
        let mut placed = vec![0usize; self.indicators.len()];
        let mut stack: Vec<&Group> = self.groups.iter().collect();
        while let Some(g) = stack.pop() {
            let name = g.name.trim();
            if name.is_empty() {
                return Err(FormulaRule::EmptyGroupName);
            }
            if names.contains(&name) {
                return Err(FormulaRule::GroupTwice { name: name.to_owned() });
            }
            names.push(name);
            if !g.weight.is_finite() || g.weight < 0.0 {
                return Err(FormulaRule::GroupNegativeWeight { name: name.to_owned(), weight: g.weight });
            }
            match (g.indicators.is_empty(), g.groups.is_empty()) {
                (true, true) => return Err(FormulaRule::EmptyGroup { name: name.to_owned() }),
                (false, false) => return Err(FormulaRule::GroupOfBoth { name: name.to_owned() }),
                _ => {}
            }
            for &i in &g.indicators {
                let slot = placed.get_mut(i).ok_or_else(|| FormulaRule::GroupMemberMissing { name: name.to_owned(), number: i + 1 })?;
                *slot += 1;
            }
            stack.extend(&g.groups);
        }
        match placed.iter().position(|&n| n != 1) {
            Some(i) => Err(FormulaRule::IndicatorOutsideGroups { column: self.indicators[i].column.trim().to_owned() }),
            None => Ok(()),
        }
    }

    /// Group number `index` in [`Formula::all_groups`] order, to change it.
    pub fn group_mut(&mut self, index: usize) -> Option<&mut Group> {
        fn walk<'a>(groups: &'a mut [Group], index: &mut usize) -> Option<&'a mut Group> {
            for g in groups {
                if *index == 0 {
                    return Some(g);
                }
                *index -= 1;
                if let Some(found) = walk(&mut g.groups, index) {
                    return Some(found);
                }
            }
            None
        }
        walk(&mut self.groups, &mut { index })
    }

    /// Whether the formula groups its indicators (a tree of domains, version 2).
    pub fn is_grouped(&self) -> bool {
        !self.groups.is_empty()
    }

    /// Every group, depth first (a group before its own groups), with its depth (0 at the top).
    pub fn all_groups(&self) -> Vec<(usize, &Group)> {
        fn walk<'a>(groups: &'a [Group], depth: usize, out: &mut Vec<(usize, &'a Group)>) {
            for g in groups {
                out.push((depth, g));
                walk(&g.groups, depth + 1, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.groups, 0, &mut out);
        out
    }

    /// The columns the formula reads from an areas file: the id, the population (when it
    /// names one) and every indicator, as written.
    pub fn columns(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.id_column.as_str())
            .chain(self.population_column.as_deref())
            .chain(self.indicators.iter().map(|i| i.column.as_str()))
    }

    /// The sum of the weights of enabled indicators (of a flat formula; in a formula of
    /// groups only ratios within a group mean anything).
    pub fn total_weight(&self) -> f64 {
        self.indicators.iter().filter(|i| i.enabled).map(|i| i.weight).sum()
    }

    /// Each indicator's effective share of the score when every value is present (0 for
    /// switched-off ones): its weight over its enabled siblings' total, times its group's
    /// share among its siblings, and so on to the top. The shares add up to 1.
    pub fn weight_shares(&self) -> Vec<f64> {
        let mut shares = Vec::new();
        self.weight_shares_into(&mut shares);
        shares
    }

    /// [`Formula::weight_shares`] into a reused buffer (a slider step allocates nothing).
    pub fn weight_shares_into(&self, shares: &mut Vec<f64>) {
        self.shares_of_present(&|_| true, shares);
    }

    /// The effective shares when only the indicators `present` says have a value take part:
    /// a missing indicator is dropped and its siblings' weights rescaled within their group,
    /// a group with nothing left is dropped one level up (the `reweight` policy). All zero
    /// when nothing that carries weight is present.
    pub fn shares_of_present(&self, present: &dyn Fn(usize) -> bool, shares: &mut Vec<f64>) {
        shares.clear();
        shares.resize(self.indicators.len(), 0.0);
        if self.groups.is_empty() {
            let counts = |i: usize| self.indicators[i].enabled && present(i);
            let total: f64 = (0..self.indicators.len()).filter(|&i| counts(i)).map(|i| self.indicators[i].weight).sum();
            for (i, share) in shares.iter_mut().enumerate() {
                *share = if counts(i) && total > 0.0 { self.indicators[i].weight / total } else { 0.0 };
            }
        } else {
            self.share_groups(&self.groups, 1.0, present, shares);
        }
    }

    /// Gives `share` to `groups` in proportion to their weights (those that carry any).
    fn share_groups(&self, groups: &[Group], share: f64, present: &dyn Fn(usize) -> bool, shares: &mut [f64]) {
        let carries = |g: &Group| self.carries(g, present);
        let total: f64 = groups.iter().filter(|g| carries(g)).map(|g| g.weight).sum();
        for g in groups.iter().filter(|g| carries(g)) {
            let own = share * g.weight / total;
            if g.groups.is_empty() {
                let counts = |i: usize| self.indicators[i].enabled && present(i);
                let inner: f64 = g.indicators.iter().filter(|&&i| counts(i)).map(|&i| self.indicators[i].weight).sum();
                for &i in g.indicators.iter().filter(|&&i| counts(i)) {
                    shares[i] = own * self.indicators[i].weight / inner;
                }
            } else {
                self.share_groups(&g.groups, own, present, shares);
            }
        }
    }

    /// Whether a group takes part: switched on, a weight above zero, and something inside it
    /// that does too.
    pub fn carries_weight(&self, group: &Group) -> bool {
        self.carries(group, &|_| true)
    }

    fn carries(&self, group: &Group, present: &dyn Fn(usize) -> bool) -> bool {
        group.enabled
            && group.weight > 0.0
            && (group.indicators.iter().any(|&i| self.indicators[i].enabled && self.indicators[i].weight > 0.0 && present(i))
                || group.groups.iter().any(|g| self.carries(g, present)))
    }

    /// A group's effective share of the score: the sum of its indicators' shares.
    pub fn group_share(&self, group: &Group, shares: &[f64]) -> f64 {
        group.indicators.iter().map(|&i| shares[i]).sum::<f64>() + group.groups.iter().map(|g| self.group_share(g, shares)).sum::<f64>()
    }
}

#[cfg(test)]
mod tests;
