//! What the subcommands read: files by path, with a failure that names the path; the formula
//! or scenario named by `--formula`; the areas, schools and enrollment; and the allocation
//! and ranking the flags (or a scenario) ask for.

use std::path::{Path, PathBuf};

use ses_explorer::app::scenario::FormulaDocument;
use ses_explorer::engine::allocation::{AllocationMethod, AllocationSettings};
use ses_explorer::engine::dataset::{Areas, Enrollment, EnrollmentColumns, SchoolColumns, Schools};
use ses_explorer::engine::error::Purpose;
use ses_explorer::engine::formula::Formula;
use ses_explorer::engine::model::RankBy;
use ses_explorer::engine::source::ReadOptions;
use ses_explorer::engine::stability::StabilitySettings;
use ses_explorer::engine::table::Table;

use crate::args::{Common, Method, RankMeasure, SchoolsArgs};

pub use crate::failure::Failure;

pub fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|source| Failure::CannotRead { path: path.to_owned(), source })
}

/// A path as messages and drawings name it.
pub fn display_name(path: &Path) -> String {
    path.display().to_string()
}

pub fn read_formula(path: &Path) -> Result<Formula, Failure> {
    Ok(Formula::from_json(&display_name(path), &read(path)?)?)
}

/// What `--formula` names: a formula file, or a scenario file with its baseline, allocation
/// and ranking.
pub struct FormulaInput {
    pub formula: Formula,
    /// The scenario's baseline formula and allocation.
    pub baseline: Option<(Formula, AllocationSettings)>,
    pub allocation: Option<AllocationSettings>,
    pub rank_by: Option<RankBy>,
    pub stability: Option<StabilitySettings>,
}

pub fn read_formula_or_scenario(path: &Path) -> Result<FormulaInput, Failure> {
    Ok(match FormulaDocument::from_json(&display_name(path), &read(path)?)? {
        FormulaDocument::Formula(formula) => {
            FormulaInput { formula: *formula, baseline: None, allocation: None, rank_by: None, stability: None }
        }
        FormulaDocument::Scenario(s) => FormulaInput {
            formula: s.formula,
            baseline: Some((s.baseline.formula, s.baseline.allocation)),
            allocation: Some(s.allocation),
            rank_by: Some(s.rank_by),
            stability: Some(s.stability),
        },
    })
}

/// The columns the formulas read: `--formula`'s, its scenario's baseline's and `--baseline`'s.
pub fn formula_columns(input: &FormulaInput, baseline_file: Option<&Formula>) -> Vec<String> {
    let scenario_baseline = input.baseline.as_ref().map(|(f, _)| f);
    std::iter::once(&input.formula).chain(scenario_baseline).chain(baseline_file).flat_map(Formula::columns).map(str::to_owned).collect()
}

impl Common {
    /// Reads the areas file, keeping only `columns` (what the formulas need).
    pub fn read_areas(&self, columns: Option<Vec<String>>) -> Result<Areas, Failure> {
        let options =
            ReadOptions { delimiter: self.delimiter, sheet: self.sheet.clone(), header_row: self.header_row.map(|r| r as usize), columns };
        let mut table = Table::read(&display_name(&self.areas), &read(&self.areas)?, &options)?;
        table.declare_missing(&self.missing_values);
        Ok(Areas::new(table))
    }

    /// `--baseline`, read.
    pub fn baseline_file(&self) -> Result<Option<Formula>, Failure> {
        self.baseline.as_deref().map(read_formula).transpose()
    }
}

/// The allocation: `--allocation`'s file or the scenario's, then each flag over it.
pub fn allocation_settings(args: &SchoolsArgs, from_scenario: Option<AllocationSettings>) -> Result<AllocationSettings, Failure> {
    let mut settings = match &args.allocation {
        Some(path) => serde_json::from_slice::<AllocationSettings>(&read(path)?)
            .map_err(|source| Failure::AllocationSettings { path: path.clone(), source })?,
        None => from_scenario.unwrap_or_default(),
    };
    if let Some(pool) = args.pool {
        settings.pool = pool;
    }
    if let Some(method) = args.method {
        settings.method = match method {
            Method::WeightedPerPupil => AllocationMethod::WeightedPerPupil,
            Method::ProportionalToNeed => AllocationMethod::ProportionalToNeed,
            Method::RankAndServe => AllocationMethod::RankAndServe,
        };
    }
    if let Some(w) = &args.tier_weights {
        settings.tier_weights = w.clone();
    }
    if let Some(c) = args.cutoff {
        settings.cutoff_percent = c;
    }
    settings.pool_cents()?;
    Ok(settings)
}

/// Reads the schools and their enrollment named by the flags. Without `--schools`, each area
/// is its own school when `areas_as_schools`, and there are no schools otherwise.
pub fn read_schools(
    args: &SchoolsArgs,
    formula: &Formula,
    areas: &Areas,
    areas_as_schools: bool,
) -> Result<Option<(Schools, Enrollment)>, Failure> {
    let school_columns = SchoolColumns {
        id: args.school_id_column.clone(),
        name: args.school_name_column.clone(),
        level: args.school_level_column.clone(),
        ..SchoolColumns::default()
    };
    let enrollment_columns = EnrollmentColumns {
        area: args.area_column.clone(),
        school: args.school_id_column.clone(),
        students: args.count_column.clone(),
        student: args.student_id_column.clone(),
    };
    Ok(match &args.schools {
        Some(path) => {
            let schools = Schools::parse(&display_name(path), &read(path)?, &school_columns)?;
            let area_ids = areas.table().id_column(&formula.id_column, Purpose::AreaIdOfFormula)?;
            let read_table = |p: &PathBuf| -> Result<Table, Failure> { Ok(Table::parse(&display_name(p), &read(p)?)?) };
            let enrollment = match (&args.enrollment, &args.students) {
                (Some(p), _) => Enrollment::from_counts(&read_table(p)?, &enrollment_columns, &area_ids, &schools)?,
                (None, Some(p)) => Enrollment::from_students(&read_table(p)?, &enrollment_columns, &area_ids, &schools)?,
                (None, None) => {
                    return Err(Failure::SchoolsNeedEnrollment);
                }
            };
            Some((schools, enrollment))
        }
        None if areas_as_schools => {
            // Indicators given per school: each area is its own school.
            let by_area = SchoolColumns { id: formula.id_column.clone(), ..school_columns };
            let schools = Schools::from_table(areas.table(), &by_area)?;
            // A blank population leaves the area out of scoring, and its school empty.
            let population = match &formula.population_column {
                Some(c) => areas.table().numeric_column(c, Purpose::PopulationOfFormula)?,
                None => vec![Some(1.0); areas.len()],
            };
            let population: Vec<f64> = population.into_iter().map(|p| p.unwrap_or(0.0)).collect();
            Some((schools, Enrollment::one_school_per_area(&population)))
        }
        None => None,
    })
}

/// The ranking measure: the flag, else the scenario's, else the default.
pub fn rank_by(args: &SchoolsArgs, input: &FormulaInput) -> RankBy {
    match args.rank_by {
        Some(RankMeasure::Tier1Share) => RankBy::Tier1Share,
        Some(RankMeasure::MeanScore) => RankBy::MeanScore,
        None => input.rank_by.unwrap_or_default(),
    }
}
