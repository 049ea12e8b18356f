//! Importing a district's own files: which file is which, which column means what (guessed from
//! the header, then confirmed by the person), and turning the confirmed mapping into data and a
//! starting formula. Plain Rust: the app's import panel is a thin view over this.

pub mod step;

use std::borrow::Cow;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::app::card::{Fingerprint, Provenance};
use crate::app::i18n::{Lang, catalogue as m};
use crate::app::presets::{EQUAL_WEIGHTS_ON, Preset};
use crate::app::published::PublishedTiers;
use crate::app::state::LoadedData;
use crate::engine::EngineError;
use crate::engine::Result;
use crate::engine::dataset::{Areas, Dataset, Enrollment, EnrollmentColumns, EnrollmentReader, SchoolColumns, Schools};
use crate::engine::error::{Expected, Purpose, SettingsProblem};
use crate::engine::formula::{Direction, FORMULA_VERSION_GROUPS, Formula, Group, Indicator, Normalization, TierMethod, TierRule};
use crate::engine::model::Prepared;
use crate::engine::number::{Cell, parse_cell_with};
use crate::engine::table::Table;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileRole {
    /// Neighbourhoods (or schools) with indicator columns: what the formula scores.
    Areas,
    /// Schools: id, name, level, enrollment, funding.
    Schools,
    /// Area×school student counts.
    Enrollment,
    /// One row per student: student, area, school.
    Students,
    /// Not used.
    Ignore,
}

impl FileRole {
    pub const ALL: [FileRole; 5] = [FileRole::Areas, FileRole::Schools, FileRole::Enrollment, FileRole::Students, FileRole::Ignore];

    pub fn id(self) -> &'static str {
        match self {
            FileRole::Areas => "areas",
            FileRole::Schools => "schools",
            FileRole::Enrollment => "enrollment",
            FileRole::Students => "students",
            FileRole::Ignore => "ignore",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        lang.t(match self {
            FileRole::Areas => m::ROLE_AREAS,
            FileRole::Schools => m::ROLE_SCHOOLS,
            FileRole::Enrollment => m::ROLE_ENROLLMENT,
            FileRole::Students => m::ROLE_STUDENTS,
            FileRole::Ignore => m::ROLE_IGNORE,
        })
    }

    pub fn from_id(id: &str) -> FileRole {
        FileRole::ALL.into_iter().find(|r| r.id() == id).unwrap_or(FileRole::Ignore)
    }
}

/// One indicator choice in the areas mapping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorChoice {
    pub column: String,
    pub direction: Direction,
    pub included: bool,
    /// The group (domain) it goes in, when the person names one: ticked indicators with a
    /// group make a formula of groups (version 2).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub group: String,
}

/// How an areas file's columns are used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaMapping {
    pub id: String,
    pub population: Option<String>,
    /// Every numeric column other than the id and population, in file order.
    pub indicators: Vec<IndicatorChoice>,
    /// The known formula whose indicators were picked in one click (its id): when the ticks
    /// match more than one known formula, the import starts from this one.
    #[serde(default)]
    pub known_formula: Option<String>,
    /// Texts the person declared to mean "missing" in this file's numeric columns (an agency's
    /// "n/a (suppressed)"), remembered with the mapping.
    #[serde(default)]
    pub missing_values: Vec<String>,
}

/// A file's role and column mapping, as confirmed by the person; remembered per header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileMapping {
    pub role: FileRole,
    pub areas: AreaMapping,
    pub schools: SchoolColumns,
    pub enrollment: EnrollmentColumns,
}

/// A file read and parsed, waiting for its mapping to be confirmed.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingFile {
    pub table: Table,
    pub mapping: FileMapping,
    /// Name, rows and SHA-256 of the bytes read, for the formula card.
    pub fingerprint: Fingerprint,
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// The first header containing a keyword, trying keywords in order of preference.
fn find<'a>(headers: &'a [String], keywords: &[&str]) -> Option<&'a String> {
    keywords.iter().find_map(|k| headers.iter().find(|h| lower(h).contains(k)))
}

/// Whether most non-missing cells of a column are numbers (a few stray words are errors to
/// report, not a reason to drop the column).
pub fn is_numeric(table: &Table, column: &str) -> bool {
    let Ok(values) = table.text_column(column, Purpose::Indicator) else { return false };
    let (mut numbers, mut text) = (0usize, 0usize);
    for v in values.iter().take(2000) {
        match parse_cell_with(v, table.number_style()) {
            Some(Cell::Number(_) | Cell::TopCoded(_) | Cell::BottomCoded(_)) => numbers += 1,
            Some(Cell::Missing) => {}
            None => text += 1,
        }
    }
    numbers > 0 && text <= numbers
}

const DISADVANTAGE_WORDS: [&str; 14] = [
    "single",
    "poverty",
    "poor",
    "other than english",
    "other_language",
    "other language",
    "unemploy",
    "renter",
    "less than high",
    "no vehicle",
    "low income",
    "low_income",
    "free",
    "crowd",
];

/// Guesses a direction from the column name: words such as "poverty" or "single parent"
/// mean more is less advantaged.
pub fn guess_direction(column: &str) -> Direction {
    let c = lower(column);
    if DISADVANTAGE_WORDS.iter().any(|w| c.contains(w)) { Direction::Disadvantage } else { Direction::Advantage }
}

/// Words that mark a column as published output rather than an input indicator.
const NOT_INDICATOR_WORDS: [&str; 6] = ["cumulative", "tier", "rank", "socioeconomic score", "x_km", "y_km"];

/// Words that say a column is a rate, a level or a score rather than a head count.
const RATE_WORDS: [&str; 16] = [
    "%",
    "pct",
    "percent",
    "rate",
    "share",
    "ratio",
    "median",
    "mean",
    "average",
    "avg",
    "score",
    "index",
    "per ",
    "income",
    "value",
    "proportion",
];

/// Whether a column holds raw head counts (whole numbers, some above one, and a name without
/// rate words), such as a Census table's "Graduate School" (adults with a graduate degree): a
/// count measures the area's size as much as its status, so it is not offered as an indicator
/// by default when the file has a population column (a score built from such counts usually
/// sits beside them).
fn looks_like_count(table: &Table, column: &str) -> bool {
    let name = lower(column);
    if RATE_WORDS.iter().any(|w| name.contains(w)) {
        return false;
    }
    let Ok(values) = table.text_column(column, Purpose::Indicator) else { return false };
    let mut above_one = false;
    for v in values.iter().take(2000) {
        match parse_cell_with(v, table.number_style()) {
            Some(Cell::Number(x)) if x >= 0.0 && x.fract() == 0.0 => above_one |= x > 1.0,
            Some(Cell::Missing) => {}
            _ => return false,
        }
    }
    above_one
}

fn guess_area_mapping(table: &Table) -> AreaMapping {
    let headers = table.headers();
    let id = find(headers, &["geoid", "tract", "block", "area", "_id", " id"])
        .or_else(|| headers.iter().find(|h| lower(h) == "id"))
        .unwrap_or(&headers[0])
        .clone();
    let population = find(headers, &["school age", "school_age", "children", "population", "students", "kids"])
        .filter(|p| **p != id && is_numeric(table, p))
        .cloned();
    let indicators = headers
        .iter()
        .filter(|h| **h != id && Some(*h) != population.as_ref() && is_numeric(table, h))
        .map(|h| IndicatorChoice {
            column: h.clone(),
            direction: guess_direction(h),
            included: !NOT_INDICATOR_WORDS.iter().any(|w| lower(h).contains(w)) && (population.is_none() || !looks_like_count(table, h)),
            group: String::new(),
        })
        .collect();
    AreaMapping { id, population, indicators, known_formula: None, missing_values: Vec::new() }
}

/// The ticked indicators as a formula's indicators and, when any has a group, its groups: one
/// per name in the order first named, equal weights, an indicator without a name a group of its
/// own (named by its column). Indicators are listed group by group, as a formula file keeps
/// them.
fn grouped(ticked: &[&IndicatorChoice]) -> (Vec<Indicator>, Vec<Group>) {
    let indicator = |i: &IndicatorChoice| Indicator { column: i.column.clone(), direction: i.direction, weight: 20.0, enabled: true };
    if ticked.iter().all(|i| i.group.trim().is_empty()) {
        return (ticked.iter().map(|i| indicator(i)).collect(), Vec::new());
    }
    let name_of = |i: &IndicatorChoice| if i.group.trim().is_empty() { i.column.trim().to_owned() } else { i.group.trim().to_owned() };
    let mut names: Vec<String> = Vec::new();
    for i in ticked {
        let name = name_of(i);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let mut indicators = Vec::new();
    let mut groups = Vec::new();
    for name in names {
        let members: Vec<usize> = ticked
            .iter()
            .filter(|i| name_of(i) == name)
            .map(|i| {
                indicators.push(indicator(i));
                indicators.len() - 1
            })
            .collect();
        groups.push(Group { name, weight: 50.0, enabled: true, indicators: members, groups: Vec::new() });
    }
    (indicators, groups)
}

/// A few values of a column as the file has them (the first `n` non-blank ones), so a person
/// can tell "Graduate School" (a head count) from a percentage before ticking it.
pub fn sample_values(table: &Table, column: &str, n: usize) -> Vec<String> {
    let Ok(cells) = table.cells(column, Purpose::Indicator) else { return Vec::new() };
    cells.iter().map(str::trim).filter(|v| !v.is_empty()).take(n).map(str::to_owned).collect()
}

/// The bundled formulas whose columns this file has, each as the formula it would start from.
pub fn known_formulas(table: &Table) -> Vec<(Preset, Formula)> {
    Preset::ALL.into_iter().filter_map(|p| p.formula_for(table).map(|f| (p, f))).collect()
}

impl AreaMapping {
    /// Ticks exactly the indicators of a known formula, with its directions, id and
    /// population columns, and remembers which formula it was.
    pub fn pick_known(&mut self, preset: Preset, formula: &Formula) {
        self.id.clone_from(&formula.id_column);
        self.population.clone_from(&formula.population_column);
        for choice in &mut self.indicators {
            let known = formula.indicators.iter().find(|i| i.column == choice.column);
            choice.included = known.is_some();
            if let Some(k) = known {
                choice.direction = k.direction;
            }
        }
        self.known_formula = Some(preset.id().to_owned());
    }

    /// The known formula whose indicators, directions, id and population columns are exactly
    /// the ones ticked, however they were ticked (one click or by hand); the one picked in
    /// one click first when several match.
    pub fn known(&self, table: &Table) -> Option<(Preset, Formula)> {
        // Groups named by the person make their own formula.
        if self.indicators.iter().any(|i| i.included && !i.group.trim().is_empty()) {
            return None;
        }
        let ticked: Vec<(&str, Direction)> =
            self.indicators.iter().filter(|i| i.included).map(|i| (i.column.as_str(), i.direction)).collect();
        let same = |f: &Formula| {
            ticked.len() == f.indicators.len()
                && f.indicators.iter().all(|k| ticked.contains(&(k.column.as_str(), k.direction)))
                && self.id == f.id_column
                && self.population == f.population_column
        };
        let mut candidates: Vec<(Preset, Formula)> = known_formulas(table).into_iter().filter(|(_, f)| same(f)).collect();
        candidates.sort_by_key(|(p, _)| Some(p.id()) != self.known_formula.as_deref());
        candidates.into_iter().next()
    }
}

fn guess_school_columns(table: &Table) -> SchoolColumns {
    let h = table.headers();
    let defaults = SchoolColumns::default();
    let id = find(h, &["school_id", "school id", "schoolid"]).or_else(|| find(h, &["id"])).unwrap_or(&h[0]).clone();
    let pick = |words: &[&str], default: &str| find(h, words).filter(|c| **c != id).cloned().unwrap_or_else(|| default.to_owned());
    SchoolColumns {
        name: pick(&["name"], &defaults.name),
        level: pick(&["level", "grade", "type"], &defaults.level),
        enrollment: pick(&["enrollment", "enrolment", "students"], &defaults.enrollment),
        per_pupil_funding: pick(&["per_pupil", "per pupil", "funding"], &defaults.per_pupil_funding),
        id,
    }
}

fn guess_enrollment_columns(table: &Table) -> EnrollmentColumns {
    let h = table.headers();
    let defaults = EnrollmentColumns::default();
    let pick = |words: &[&str], default: &str| find(h, words).cloned().unwrap_or_else(|| default.to_owned());
    EnrollmentColumns {
        area: pick(&["area", "tract", "block", "geoid", "neighbo"], &defaults.area),
        school: pick(&["school"], &defaults.school),
        student: pick(&["student_id", "student id", "studentid", "student"], &defaults.student),
        students: h
            .iter()
            .find(|c| {
                let c = lower(c);
                (c.contains("students") || c.contains("count") || c == "n") && !c.contains("id")
            })
            .cloned()
            .unwrap_or(defaults.students),
    }
}

/// Guesses what a file holds from its header.
pub fn guess_role(table: &Table) -> FileRole {
    let h = table.headers();
    let has = |words: &[&str]| find(h, words).is_some();
    let area = has(&["area", "tract", "block", "geoid", "neighbo"]);
    let school = has(&["school"]);
    if has(&["student_id", "student id", "studentid"]) && area && school {
        FileRole::Students
    } else if area && school && (has(&["students", "count"]) || h.iter().any(|c| lower(c) == "n")) && h.len() <= 4 {
        FileRole::Enrollment
    } else if school && !area && (has(&["name", "level"]) || h.len() <= 6) {
        FileRole::Schools
    } else {
        FileRole::Areas
    }
}

/// A stable key for "files with this header", to remember a confirmed mapping.
pub fn header_key(table: &Table) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in table.headers().join("\u{1f}").bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("ses-explorer:mapping:v1:{hash:016x}")
}

impl PendingFile {
    /// Parses a file and guesses its mapping (or takes a remembered one for this header, if it
    /// still fits).
    ///
    /// # Errors
    /// The file is not readable CSV (the engine's error, naming row and column).
    pub fn read(name: &str, bytes: &[u8], remembered: Option<FileMapping>) -> Result<PendingFile> {
        Ok(PendingFile::from_table(name, bytes, Table::parse(name, bytes)?, remembered))
    }

    /// A file already read into `table` (a workbook, by the app's workbook worker).
    pub fn from_table(name: &str, bytes: &[u8], table: Table, remembered: Option<FileMapping>) -> PendingFile {
        let fingerprint = Fingerprint::of(name, bytes, table.len());
        PendingFile::fingerprinted(table, fingerprint, remembered)
    }

    /// [`PendingFile::from_table`] with the file's fingerprint already computed.
    pub fn fingerprinted(table: Table, fingerprint: Fingerprint, remembered: Option<FileMapping>) -> PendingFile {
        let guessed = FileMapping {
            role: guess_role(&table),
            areas: guess_area_mapping(&table),
            schools: guess_school_columns(&table),
            enrollment: guess_enrollment_columns(&table),
        };
        let fits = |m: &FileMapping| table.has_column(&m.areas.id) && m.areas.indicators.iter().all(|i| table.has_column(&i.column));
        let mapping = remembered.filter(fits).unwrap_or(guessed);
        PendingFile { table, mapping, fingerprint }
    }

    pub fn name(&self) -> &str {
        self.table.file()
    }
}

/// Everything an import produces: the data, and a starting formula from the areas mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub data: LoadedData,
    pub formula: Formula,
    /// The data prepared for the formula (normalised), when the import did it already.
    pub prepared: Option<Rc<Prepared>>,
    /// The known formula it starts from, when its indicators were picked in one click.
    pub preset: Option<Preset>,
}

/// Builds data and a starting formula from confirmed files.
///
/// # Errors
/// No or several areas files; schools without enrollment (or the reverse); no indicator
/// chosen; and every error the engine finds in the files (file, row, column, value).
pub fn build(files: &[PendingFile]) -> Result<Imported> {
    let mut run = ImportRun::new(Cow::Borrowed(files));
    while !run.finished() {
        run.step()?;
    }
    run.finish()
}

/// Rows of an enrollment or students file read per step: a few milliseconds in the browser.
const ROWS_PER_STEP: usize = 100_000;

/// [`build`] a step at a time, so that the browser can stay responsive and show progress
/// while a state's files (a million students) become a district.
pub struct ImportRun<'a> {
    /// Borrowed by [`build`]; owned by a run kept between the browser's slices.
    files: Cow<'a, [PendingFile]>,
    stage: Stage,
}

enum Stage {
    /// Nothing done yet.
    Start,
    /// The areas (and schools) read, the formula chosen; the enrollment next, if any.
    Areas(Box<Built>),
    /// Reading the enrollment or students file, a slice of rows per step.
    Enrollment(Box<ReadingEnrollment>),
    /// Every file read; the data is prepared for the formula next (normalised, schools linked).
    Prepare(Box<Imported>),
    Done(Box<Imported>),
}

/// The areas read, the schools read, the enrollment or students file (at `file`) being read.
struct ReadingEnrollment {
    built: Built,
    schools: Schools,
    file: usize,
    reader: EnrollmentReader,
}

/// What is known once the areas file is read.
struct Built {
    areas: Areas,
    /// The areas' id column, as the areas file's mapping names it.
    id_column: String,
    formula: Formula,
    preset: Option<Preset>,
    schools: Option<(Schools, Enrollment)>,
}

impl<'a> ImportRun<'a> {
    pub fn new(files: Cow<'a, [PendingFile]>) -> ImportRun<'a> {
        ImportRun { files, stage: Stage::Start }
    }

    pub fn finished(&self) -> bool {
        matches!(self.stage, Stage::Done(_))
    }

    /// Steps done and about how many in all.
    pub fn progress(&self) -> (u32, u32) {
        let rows = |i: usize| self.files.get(i).map_or(0, |f| f.table.len());
        let enrollment_steps = self
            .files
            .iter()
            .position(|f| matches!(f.mapping.role, FileRole::Enrollment | FileRole::Students))
            .map_or(0, |i| rows(i).div_ceil(ROWS_PER_STEP) + 1);
        let all = (enrollment_steps + 4) as u32;
        let done = match &self.stage {
            Stage::Start => 0,
            Stage::Areas(_) => 1,
            Stage::Enrollment(reading) => 2 + reading.reader.rows_read().div_ceil(ROWS_PER_STEP),
            Stage::Prepare(_) => enrollment_steps + 3,
            Stage::Done(_) => enrollment_steps + 4,
        } as u32;
        (done.min(all), all)
    }

    /// One step.
    ///
    /// # Errors
    /// As [`build`].
    pub fn step(&mut self) -> Result<()> {
        self.stage = match std::mem::replace(&mut self.stage, Stage::Start) {
            Stage::Start => self.read_areas()?,
            Stage::Areas(built) => self.start_enrollment(built)?,
            Stage::Enrollment(mut reading) => {
                let table = &self.files[reading.file].table;
                reading.reader.step(table, ROWS_PER_STEP)?;
                if reading.reader.rows_read() < table.len() {
                    Stage::Enrollment(reading)
                } else {
                    let ReadingEnrollment { built, schools, reader, .. } = *reading;
                    let built = Built { schools: Some((schools, reader.finish(table))), ..built };
                    Stage::Prepare(Box::new(self.imported(built)))
                }
            }
            Stage::Prepare(mut imported) => {
                imported.prepared = Some(Rc::new(Prepared::new(&imported.data.dataset, &imported.formula)?));
                Stage::Done(imported)
            }
            done @ Stage::Done(_) => done,
        };
        Ok(())
    }

    /// The data and starting formula, once [`ImportRun::finished`].
    ///
    /// # Errors
    /// When called before the run finished.
    pub fn finish(self) -> Result<Imported> {
        match self.stage {
            Stage::Done(imported) => Ok(*imported),
            _ => Err(SettingsProblem::NoAreasFile.into()),
        }
    }

    fn with_role(&self, role: FileRole) -> impl Iterator<Item = (usize, &PendingFile)> {
        self.files.iter().enumerate().filter(move |(_, f)| f.mapping.role == role)
    }

    /// The areas file and the formula it starts from.
    fn read_areas(&self) -> Result<Stage> {
        let areas_files: Vec<&PendingFile> = self.with_role(FileRole::Areas).map(|(_, f)| f).collect();
        let areas_file = match areas_files.as_slice() {
            [one] => *one,
            [] => return Err(SettingsProblem::NoAreasFile.into()),
            _ => return Err(SettingsProblem::SeveralAreasFiles.into()),
        };
        let mapping = &areas_file.mapping.areas;
        let ticked: Vec<&IndicatorChoice> = mapping.indicators.iter().filter(|i| i.included).collect();
        if ticked.is_empty() {
            return Err(SettingsProblem::NoIndicatorChosen { file: areas_file.name().to_owned() }.into());
        }
        let (indicators, groups) = grouped(&ticked);
        let grouped_by_person = !groups.is_empty();
        let known = mapping.known(&areas_file.table);
        let generic = Formula {
            version: if grouped_by_person { FORMULA_VERSION_GROUPS } else { 1 },
            name: format!("{EQUAL_WEIGHTS_ON}{}", areas_file.name()),
            id_column: mapping.id.clone(),
            population_column: mapping.population.clone(),
            normalization: if mapping.population.is_some() { Normalization::WeightedPercentile } else { Normalization::Percentile },
            indicators,
            missing: Default::default(),
            groups,
            tiers: TierRule { count: 3, method: TierMethod::EqualPopulation, cutoffs: vec![] },
            student: None,
        };
        let (preset, formula) = match known {
            Some((preset, formula)) => (Some(preset), formula),
            None => (None, generic),
        };
        let mut table = areas_file.table.clone();
        table.declare_missing(&mapping.missing_values);
        let areas = Areas::new(table);
        let built = Built { areas, id_column: mapping.id.clone(), formula, preset, schools: None };
        Ok(match (self.with_role(FileRole::Schools).next(), self.enrollment_file()) {
            (None, None) => Stage::Prepare(Box::new(self.imported(built))),
            (Some((_, s)), None) => return Err(SettingsProblem::SchoolsNeedEnrollment { file: s.name().to_owned() }.into()),
            (None, Some((_, e))) => return Err(SettingsProblem::EnrollmentNeedsSchools { file: e.name().to_owned() }.into()),
            (Some(_), Some(_)) => Stage::Areas(Box::new(built)),
        })
    }

    fn enrollment_file(&self) -> Option<(usize, &PendingFile)> {
        self.with_role(FileRole::Enrollment).next().or_else(|| self.with_role(FileRole::Students).next())
    }

    /// The schools, and the enrollment or students file checked and ready to read.
    fn start_enrollment(&self, built: Box<Built>) -> Result<Stage> {
        let (Some((_, s)), Some((file, e))) = (self.with_role(FileRole::Schools).next(), self.enrollment_file()) else {
            return Ok(Stage::Prepare(Box::new(self.imported(*built))));
        };
        let schools = Schools::from_table(&s.table, &s.mapping.schools)?;
        let area_ids = built.areas.table().id_column(&built.id_column, Purpose::AreaId)?;
        let columns = &e.mapping.enrollment;
        let reader = match e.mapping.role {
            FileRole::Students => EnrollmentReader::students(&e.table, columns, &area_ids, &schools)?,
            _ => EnrollmentReader::counts(&e.table, columns, &area_ids, &schools)?,
        };
        Ok(Stage::Enrollment(Box::new(ReadingEnrollment { built: *built, schools, file, reader })))
    }

    fn imported(&self, built: Built) -> Imported {
        let files = &self.files;
        let areas_table = built.areas.table();
        let label = files.iter().filter(|f| f.mapping.role != FileRole::Ignore).map(PendingFile::name).collect::<Vec<_>>().join(", ");
        let used: Vec<Fingerprint> = files.iter().filter(|f| f.mapping.role != FileRole::Ignore).map(|f| f.fingerprint.clone()).collect();
        let published = PublishedTiers::find(areas_table).map(std::rc::Rc::new);
        Imported {
            data: LoadedData {
                dataset: Dataset { areas: built.areas, schools: built.schools },
                label,
                synthetic: false,
                provenance: Provenance::Files(used),
                map: None,
                published,
            },
            formula: built.formula,
            prepared: None,
            preset: built.preset,
        }
    }
}

/// The texts a person may declare missing in one click, from the error that refused their
/// files: each distinct text found where a number belongs (at most five), with its file.
pub fn missing_value_candidates(error: &EngineError) -> Vec<(String, String)> {
    const MOST: usize = 5;
    let mut found: Vec<(String, String)> = Vec::new();
    let mut offer = |file: &str, value: &str, expected: Expected| {
        let value = value.trim();
        if expected == Expected::Number && !value.is_empty() && found.len() < MOST && !found.iter().any(|(_, v)| v == value) {
            found.push((file.to_owned(), value.to_owned()));
        }
    };
    match error {
        EngineError::InvalidValue { file, value, expected, .. } => offer(file, value, *expected),
        EngineError::InvalidValues { file, groups, .. } => {
            for g in groups {
                offer(file, &g.value, g.expected);
            }
        }
        _ => {}
    }
    found
}

/// Declares `value` missing in the areas file named `file`; whether there was such a file.
pub fn declare_missing(files: &mut [PendingFile], file: &str, value: &str) -> bool {
    let Some(f) = files.iter_mut().find(|f| f.name() == file && f.mapping.role == FileRole::Areas) else { return false };
    if !f.mapping.areas.missing_values.iter().any(|v| v == value) {
        f.mapping.areas.missing_values.push(value.to_owned());
    }
    true
}

#[cfg(test)]
mod tests;
