//! A preparation: what changes only with the data or the parts of the formula that decide
//! which rows are scored and how each indicator is normalised, made once and reused by every
//! weight change.

use std::rc::Rc;

use super::outcomes::{Evaluation, Gap, GapHandling};
use super::students::{PreparedStudents, StudentKey};
use super::{Exclusion, ReadNote};
use crate::dataset::{Dataset, Enrollment};
use crate::error::{EngineError, Expected, Purpose, Result, SettingsProblem};
use crate::formula::{Direction, Formula, MissingPolicy, Normalization};
use crate::normalize::{normalize, normalize_present};
use crate::parallel;
use crate::schools::{NOT_SCORED, SchoolLinks};
use crate::table::{Numbers, Table, TextColumn, merge_invalid};

/// The parts of a formula that decide what [`Prepared`] holds; a change to anything else
/// (weights, tiers) needs no new preparation.
#[derive(Debug, Clone, PartialEq)]
struct PreparationKey {
    id_column: String,
    population_column: Option<String>,
    normalization: Normalization,
    indicators: Vec<(String, Direction, bool)>,
    /// Which rows take part and over which values each indicator is normalised.
    missing: MissingPolicy,
    /// The student part's family items and who takes part.
    student: Option<StudentKey>,
}

impl PreparationKey {
    fn of(formula: &Formula) -> PreparationKey {
        PreparationKey {
            id_column: formula.id_column.clone(),
            population_column: formula.population_column.clone(),
            normalization: formula.normalization,
            indicators: formula.indicators.iter().map(|i| (i.column.clone(), i.direction, i.enabled)).collect(),
            missing: formula.missing.policy,
            student: StudentKey::of(formula.student.as_ref()),
        }
    }
}

/// Data-dependent precomputation for one formula structure.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    key: PreparationKey,
    pub(super) file: String,
    pub(super) ids: TextColumn,
    /// Per area; 1 for every area when the formula names no population column, 0 where the
    /// population is missing.
    pub(super) population: Vec<f64>,
    /// Area indices that are scored (population and every enabled indicator present).
    pub(super) scored: Vec<u32>,
    /// Per area: its position in `scored`, or [`NOT_SCORED`].
    pub(super) position: Vec<u32>,
    /// Per formula indicator: normalised values per scored position (empty when disabled).
    pub(super) normalized: Vec<Vec<f64>>,
    /// Population per scored position.
    pub(super) scored_population: Vec<f64>,
    pub(super) exclusions: Vec<Exclusion>,
    /// Scored positions with an enabled indicator's value missing (none under `leave_out`),
    /// in order.
    pub(super) gaps: Vec<Gap>,
    pub(super) notes: Vec<ReadNote>,
    /// Enrollment as a sparse school × area matrix, when the data has schools.
    pub(super) links: Option<SchoolLinks>,
    /// The students, for a formula with a student part.
    pub(super) students: Option<PreparedStudents>,
}
impl Prepared {
    /// Reads the formula's columns from the areas and normalises every enabled indicator.
    ///
    /// A row whose population is missing is left out and listed in [`Prepared::exclusions`];
    /// so is a row missing an enabled indicator's value under the `leave_out` policy, or every
    /// value under `reweight`. Top- or bottom-coded values are noted in [`Prepared::notes`].
    ///
    /// Each indicator is normalised over the scored rows that have it: all of them under
    /// `leave_out`, the rows with a value under `reweight`, the rows with every value under
    /// `assign_tier` (whose other rows get a tier but no score).
    ///
    /// # Errors
    /// An invalid formula, missing columns, duplicate or empty ids, text in numeric columns,
    /// negative populations, or no scorable row.
    pub fn new(data: &Dataset, formula: &Formula) -> Result<Prepared> {
        formula.validate()?;
        let table = data.areas.table();
        let ReadColumns { ids, population, raw, notes } = read_columns(table, formula)?;
        let rows = sort_rows(table, formula, &ids, &population, &raw);
        if rows.scored.is_empty() {
            return Err(EngineError::NothingToScore { file: table.file().into() });
        }
        let population: Vec<f64> = population.into_iter().map(|p| if p.is_nan() { 0.0 } else { p }).collect();
        let scored_population: Vec<f64> = rows.scored.iter().map(|&a| population[a as usize]).collect();
        let normalized = normalise_columns(raw, formula, &rows, &scored_population);
        let links = data.schools.as_ref().map(|(schools, enrollment)| SchoolLinks::new(schools, enrollment, &rows.position));
        let students = match (&formula.student, &data.schools) {
            (None, _) => None,
            (Some(part), Some((schools, Enrollment { students: Some(students), .. }))) => {
                Some(PreparedStudents::new(part, students, schools, &rows.position)?)
            }
            (Some(_), _) => return Err(SettingsProblem::StudentPartNeedsStudents.into()),
        };
        Ok(Prepared {
            key: PreparationKey::of(formula),
            file: table.file().into(),
            ids,
            population,
            scored: rows.scored,
            position: rows.position,
            normalized,
            scored_population,
            exclusions: rows.exclusions,
            gaps: rows.gaps,
            notes,
            links,
            students,
        })
    }

    /// Whether this preparation serves `formula` (only weights and tiers differ). When it does
    /// not, prepare again.
    pub fn serves(&self, formula: &Formula) -> bool {
        self.key == PreparationKey::of(formula)
    }

    /// The preparation for `formula`: `previous` when it serves it (a weight change redoes
    /// only the cheap part), else a new one.
    ///
    /// # Errors
    /// As [`Prepared::new`].
    pub fn reusing(previous: Option<&Rc<Prepared>>, data: &Dataset, formula: &Formula) -> Result<Rc<Prepared>> {
        match previous {
            Some(p) if p.serves(formula) => Ok(Rc::clone(p)),
            _ => Ok(Rc::new(Prepared::new(data, formula)?)),
        }
    }

    /// The students, when the formula has a student part.
    pub fn students(&self) -> Option<&PreparedStudents> {
        self.students.as_ref()
    }

    /// Area ids in file order.
    pub fn ids(&self) -> &TextColumn {
        &self.ids
    }

    /// Area populations in file order (1 each without a population column; 0 where missing).
    pub fn population(&self) -> &[f64] {
        &self.population
    }

    /// Rows left out for missing values.
    pub fn exclusions(&self) -> &[Exclusion] {
        &self.exclusions
    }

    /// What was read in a way worth telling: top- and bottom-coded estimates.
    pub fn notes(&self) -> &[ReadNote] {
        &self.notes
    }

    /// Scored positions with an enabled indicator's value missing (none under the
    /// `leave_out` policy), in order.
    pub fn gaps(&self) -> &[Gap] {
        &self.gaps
    }

    /// What the formula did with each area with a gap, one line each (as `ses` writes them
    /// on stderr): scored on part of the weight, left out, or given a tier.
    pub fn gap_lines(&self, evaluation: &Evaluation) -> Vec<String> {
        let percent = |x: f64| format!("{:.0}%", 100.0 * x);
        self.gaps
            .iter()
            .zip(&evaluation.gaps)
            .map(|(gap, outcome)| {
                let area = self.scored[gap.position as usize] as usize;
                let missing = gap.columns.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
                let row = format!("{}: row {} (id {}) has no value in column {missing}", self.file, gap.row, &self.ids[area]);
                match outcome.handling {
                    GapHandling::Reweighted => format!("scored with gaps: {row}; scored on {} of the weight", percent(outcome.share)),
                    GapHandling::LeftOut => format!("left out: {row}; what it has carries {} of the weight", percent(outcome.share)),
                    GapHandling::AssignedTier => {
                        format!("given tier {}: {row}", evaluation.areas.of(area).tier.map_or(String::new(), |t| t.to_string()))
                    }
                }
            })
            .collect()
    }

    /// Number of areas scored.
    pub fn scored_count(&self) -> usize {
        self.scored.len()
    }

    /// Indices of the scored areas, in file order; a "scored position" indexes this list.
    pub fn scored_areas(&self) -> &[u32] {
        &self.scored
    }

    /// Population per scored position.
    pub fn scored_population(&self) -> &[f64] {
        &self.scored_population
    }

    /// An area's scored position, or `None` when it is left out.
    pub fn position_of(&self, area: usize) -> Option<usize> {
        self.position.get(area).filter(|&&p| p != NOT_SCORED).map(|&p| p as usize)
    }

    /// Formula indicator `indicator`'s normalised values per scored position (empty when the
    /// indicator is switched off).
    pub fn normalized_column(&self, indicator: usize) -> &[f64] {
        self.normalized.get(indicator).map_or(&[], Vec::as_slice)
    }

    /// Where school `school`'s students live: (scored position, or `None` for an area left
    /// out; students), in area order. Empty without schools.
    pub fn school_sources(&self, school: usize) -> impl Iterator<Item = (Option<usize>, f64)> + '_ {
        self.links.iter().flat_map(move |l| l.sources(school))
    }

    /// Per school: the share of its students from scored areas who live in the areas `near`
    /// (file order, each listed once); `None` for a school without students from scored
    /// areas. Empty without schools.
    pub fn school_shares_near(&self, near: &[u32]) -> Vec<Option<f64>> {
        let Some(links) = &self.links else { return Vec::new() };
        let positions: Vec<u32> =
            near.iter().filter_map(|&a| self.position.get(a as usize).copied().filter(|&p| p != NOT_SCORED)).collect();
        links.shares_near(&positions)
    }

    /// An indicator's normalised value for an area (`None` if the area is not scored, the
    /// indicator is switched off, or the area has no value of it).
    pub fn normalized_value(&self, indicator: usize, area: usize) -> Option<f64> {
        let p = self.position[area];
        if p == NOT_SCORED {
            return None;
        }
        self.normalized.get(indicator)?.get(p as usize).copied().filter(|v| !v.is_nan())
    }
}

/// The formula's columns as read from the areas file.
struct ReadColumns {
    ids: TextColumn,
    /// Per area (NaN where missing); 1 each without a population column.
    population: Vec<f64>,
    /// Per indicator: its values per area (NaN where missing), or `None` when switched off.
    raw: Vec<Option<Vec<f64>>>,
    notes: Vec<ReadNote>,
}

/// Reads the ids, the population and each enabled indicator, column by column while the ids
/// are checked (an id problem is still the one reported first), noting what was read in a way
/// worth telling.
///
/// # Errors
/// Missing columns, bad ids, every bad cell of every column at once (so a person fixes the
/// file in one go), or a negative population.
fn read_columns(table: &Table, formula: &Formula) -> Result<ReadColumns> {
    let mut wanted: Vec<(&str, Purpose)> = Vec::with_capacity(formula.indicators.len() + 1);
    if let Some(c) = &formula.population_column {
        wanted.push((c, Purpose::PopulationOfFormula));
    }
    wanted.extend(formula.indicators.iter().filter(|i| i.enabled).map(|i| (i.column.as_str(), Purpose::IndicatorOfFormula)));
    let (ids, parsed) = parallel::join(
        || table.id_column(&formula.id_column, Purpose::AreaIdOfFormula),
        || parallel::map(&wanted, |(column, purpose)| table.numbers(column, *purpose)),
    );
    let ids = ids?;
    if let Some(error) = merge_invalid(parsed.iter().filter_map(|p| p.as_ref().err().cloned()).collect()) {
        return Err(error);
    }
    // One column for each asked for, in that order.
    let mut parsed = parsed.into_iter().collect::<Result<Vec<Numbers>>>()?.into_iter();
    let mut notes = Vec::new();
    let population = match &formula.population_column {
        Some(c) => {
            let p = parsed.next().unwrap_or_default();
            notes.extend(notes_on(table.file(), c, &p));
            if let Some(i) = p.values.iter().position(|v| *v < 0.0) {
                return Err(table.invalid(i, c, &table.cells(c, Purpose::PopulationOfFormula)?[i], Expected::CountNotNegative));
            }
            p.values
        }
        None => vec![1.0; ids.len()],
    };
    let mut raw: Vec<Option<Vec<f64>>> = Vec::with_capacity(formula.indicators.len());
    for ind in &formula.indicators {
        raw.push(if ind.enabled {
            let n = parsed.next().unwrap_or_default();
            notes.extend(notes_on(table.file(), &ind.column, &n));
            Some(n.values)
        } else {
            None
        });
    }
    Ok(ReadColumns { ids, population, raw, notes })
}

/// What is worth telling about how a column's values were read: estimates read as their
/// bound, texts read as missing.
fn notes_on(file: &str, column: &str, numbers: &Numbers) -> Vec<ReadNote> {
    let (file, column) = (file.to_owned(), column.trim().to_owned());
    let mut notes = Vec::new();
    if numbers.top_coded > 0 {
        notes.push(ReadNote::TopCoded { file: file.clone(), column: column.clone(), count: numbers.top_coded });
    }
    if numbers.bottom_coded > 0 {
        notes.push(ReadNote::BottomCoded { file: file.clone(), column: column.clone(), count: numbers.bottom_coded });
    }
    if !numbers.markers.is_empty() {
        notes.push(ReadNote::ReadAsMissing { file, column, markers: numbers.markers.clone() });
    }
    notes
}

/// Which rows are scored, which take part with a gap, and which are left out.
struct SortedRows {
    /// Area indices scored, in file order.
    scored: Vec<u32>,
    /// Per area: its position in `scored`, or [`NOT_SCORED`].
    position: Vec<u32>,
    exclusions: Vec<Exclusion>,
    gaps: Vec<Gap>,
}

/// Sorts the rows: a row with every value is scored; a row missing a value takes part with a
/// gap when the formula's policy lets it (`reweight` with some value, `assign_tier`), and is
/// left out and listed otherwise, as is a row without a population.
fn sort_rows(table: &Table, formula: &Formula, ids: &TextColumn, population: &[f64], raw: &[Option<Vec<f64>>]) -> SortedRows {
    let mut rows = SortedRows {
        scored: Vec::with_capacity(ids.len()),
        position: vec![NOT_SCORED; ids.len()],
        exclusions: Vec::new(),
        gaps: Vec::new(),
    };
    for area in 0..ids.len() {
        let complete = !population[area].is_nan() && raw.iter().flatten().all(|col| !col[area].is_nan());
        if complete {
            rows.position[area] = rows.scored.len() as u32;
            rows.scored.push(area as u32);
            continue;
        }
        let mut missing: Vec<String> = Vec::new();
        if population[area].is_nan() {
            missing.extend(formula.population_column.iter().cloned());
        }
        missing.extend(
            formula
                .indicators
                .iter()
                .zip(raw)
                .filter(|(_, col)| col.as_ref().is_some_and(|c| c[area].is_nan()))
                .map(|(ind, _)| ind.column.clone()),
        );
        let any_value = raw.iter().flatten().any(|col| !col[area].is_nan());
        let takes_part = !population[area].is_nan()
            && match formula.missing.policy {
                MissingPolicy::LeaveOut => false,
                MissingPolicy::Reweight => any_value,
                MissingPolicy::AssignTier => true,
            };
        if takes_part {
            rows.position[area] = rows.scored.len() as u32;
            rows.gaps.push(Gap { position: rows.scored.len() as u32, row: table.row_number(area), columns: missing });
            rows.scored.push(area as u32);
        } else {
            rows.exclusions.push(Exclusion {
                file: table.file().into(),
                row: table.row_number(area),
                id: ids[area].to_owned(),
                columns: missing,
            });
        }
    }
    rows
}

/// Each enabled indicator normalised over the scored rows that have it (empty when switched
/// off). Under `assign_tier` the rows with gaps get no score and shape no one's.
fn normalise_columns(raw: Vec<Option<Vec<f64>>>, formula: &Formula, rows: &SortedRows, scored_population: &[f64]) -> Vec<Vec<f64>> {
    // Each raw column is dropped as soon as it is normalised, to keep the peak memory low:
    // one raw column with its direction, taken out by whichever thread normalises it.
    type RawSlot = std::sync::Mutex<Option<(Vec<f64>, Direction)>>;
    let columns: Vec<RawSlot> =
        raw.into_iter().zip(&formula.indicators).map(|(col, ind)| std::sync::Mutex::new(col.map(|c| (c, ind.direction)))).collect();
    let mut normalised_over: Vec<bool> = vec![true; rows.scored.len()];
    if formula.missing.policy == MissingPolicy::AssignTier {
        for gap in &rows.gaps {
            normalised_over[gap.position as usize] = false;
        }
    }
    parallel::map(&columns, |slot| {
        let taken = slot.lock().map(|mut s| s.take()).unwrap_or(None);
        match taken {
            Some((col, direction)) => {
                let values: Vec<f64> = rows.scored.iter().map(|&a| col[a as usize]).collect();
                drop(col);
                if rows.gaps.is_empty() {
                    normalize(&values, scored_population, formula.normalization, direction)
                } else {
                    normalize_present(&values, scored_population, &normalised_over, formula.normalization, direction)
                }
            }
            None => Vec::new(),
        }
    })
}
