//! Argument parsing and the subcommands. Raw flags are validated into engine types once;
//! every input problem becomes one paragraph on stderr and exit code 2.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use ses_explorer::app::card::{Fingerprint, Provenance, card_html, date_from_unix_seconds};
use ses_explorer::app::i18n::Lang;
use ses_explorer::app::map::{AreaMap, FillInput, MapColour, fill as map_fill, svg as map_svg_of};
use ses_explorer::app::scenario::Scenario;
use ses_explorer::app::story::comparison_paragraph;
use ses_explorer::engine::allocation::{AllocationMethod, AllocationSettings};
use ses_explorer::engine::compare::compare;
use ses_explorer::engine::dataset::{Areas, Dataset, Enrollment, EnrollmentColumns, SchoolColumns, Schools};
use ses_explorer::engine::demo::{DEMO_SEED, DemoDistrict, DemoSize, demo_formula};
use ses_explorer::engine::explain::{
    KNIFE_EDGE_FRACTION, area_contributions, by_column, change_by_indicator, drivers, knife_edge, school_contributions,
};
use ses_explorer::engine::export::{schools_csv, write_areas_csv};
use ses_explorer::engine::fairness::{Fairness, Title1Options, dollars_moved, fairness};
use ses_explorer::engine::formula::Formula;
use ses_explorer::engine::geometry::Boundaries;
use ses_explorer::engine::model::{Evaluation, Prepared, RankBy};
use ses_explorer::engine::privacy::DEFAULT_THRESHOLD;
use ses_explorer::engine::source::{ReadOptions, parse_delimiter};
use ses_explorer::engine::stability::{StabilityRun, StabilitySettings, one_at_a_time};
use ses_explorer::engine::table::Table;

const SCORE_EXAMPLE: &str = "Example:
  ses score --formula chicago.json --areas cps-tracts-fy2015.csv --out tiers.csv";

const SCHOOLS_EXAMPLE: &str = "Examples:
  ses schools --formula formula.json --areas areas.csv --schools schools.csv \\
      --enrollment enrollment.csv --pool 10000000 --method weighted-per-pupil --tier-weights 1,0.5,0
  ses schools --formula formula.json --areas areas.csv --schools schools.csv \\
      --students students.csv --method rank-and-serve --cutoff 40 --baseline old.json

Optional school columns (name, level, enrollment, per_pupil_funding) are read when the schools
file has a column of that name.";

const EXPLAIN_EXAMPLE: &str = "Example:
  ses explain --formula formula.json --areas areas.csv --schools schools.csv \\
      --enrollment enrollment.csv --baseline old.json --draws 1000 --spread 0.25 --seed 7 --out explain.json

Fields that need what was not given (schools, a baseline, --draws) are left out of the JSON.";

const CARD_EXAMPLE: &str = "Examples:
  ses card --formula scenario.json --areas areas.csv --schools schools.csv --enrollment enrollment.csv \\
      --date 2026-11-23 --out card.html
  ses card --formula formula.json --demo --out card.html

With the scenario file the app saved, the same files (in the order the app loaded them) and
the same date, the card is byte for byte the one the app exports.";

const COMPARE_EXAMPLE: &str = "Example:
  ses compare --formula current.json --other proposal.json --areas areas.csv --schools schools.csv \\
      --enrollment enrollment.csv --method rank-and-serve --cutoff 40 --title1-fifty-percent-levels High --out compare.json

Either side may be a scenario file saved by the app. Keys whose inputs are missing (no
per_pupil_funding column, no rank-and-serve allocation) are left out.";

const MAP_EXAMPLE: &str = "Examples:
  ses map --formula chicago.json --areas cps-tracts-fy2015.csv --geometry chicago-tracts-2010.geojson \\
      --id-property TRACT --out tiers.svg
  ses map --formula proposal.json --baseline current.json --areas areas.csv --geometry areas.geojson \\
      --color change --out change.svg

--color is tier (default), score, change (needs a baseline) or the name of a column of the areas
file. Boundaries without data are hatched and listed on stderr.";

/// SES Explorer: compute socio-economic status (SES) scores, tiers, school profiles and
/// allocations from a formula file and CSV data.
#[derive(Parser, Debug)]
#[command(name = "ses", version, about, long_about = None,
    after_help = "Examples:
  ses score --formula chicago.json --areas cps-tracts-fy2015.csv --out tiers.csv
  ses schools --formula formula.json --areas areas.csv --schools schools.csv --enrollment enrollment.csv
  ses demo --out-dir demo/

Exit status: 0 on success, 2 when an input is invalid (the message names file, row, column and value).")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Score and tier every area: writes id,score,tier,rank and each indicator's normalised value.
    #[command(after_help = SCORE_EXAMPLE)]
    Score {
        #[command(flatten)]
        common: Common,
    },
    /// Profile, rank and fund schools: areas + enrollment + schools + allocation settings.
    #[command(after_help = SCHOOLS_EXAMPLE)]
    Schools(Box<SchoolsArgs>),
    /// Explain a result: contributions by indicator, effective weights, correlations, warnings,
    /// knife-edge areas, rank stability under uncertain weights, one-at-a-time sensitivity (JSON).
    #[command(after_help = EXPLAIN_EXAMPLE)]
    Explain(Box<ExplainArgs>),
    /// Compare two proposals A and B: fairness measures of each, dollars moved, the paragraph
    /// that leads with the story, and every school's rank, tier-1 share and allocation (JSON).
    #[command(after_help = COMPARE_EXAMPLE)]
    Compare(Box<CompareArgs>),
    /// Write the formula card: the formula in plain language, as math and as parameters, with
    /// the data's fingerprint (one standalone HTML page, the same bytes as the app's).
    #[command(after_help = CARD_EXAMPLE)]
    Card(Box<CardArgs>),
    /// Draw the map of the areas as SVG: one `<path data-id data-tier>` per boundary, filled by
    /// tier, score, change of tier or a column, with the legend (the same drawing as the app's).
    #[command(after_help = MAP_EXAMPLE)]
    Map(Box<MapArgs>),
    /// Write the synthetic demo district (the app's default data) as CSV files plus its formula.
    #[command(
        after_help = "Example:\n  ses demo --out-dir demo/ --students\n  ses schools --formula demo/formula.json --areas demo/areas.csv \\\n      --schools demo/schools.csv --enrollment demo/enrollment.csv"
    )]
    Demo {
        /// Folder to write areas.csv, schools.csv, enrollment.csv, formula.json and areas.geojson into.
        #[arg(long, value_name = "DIR")]
        out_dir: PathBuf,
        /// Also write students.csv, one row per student (about 180,000 rows).
        #[arg(long)]
        students: bool,
        /// Seed of the generator (the app uses the default).
        #[arg(long, default_value_t = DEMO_SEED)]
        seed: u64,
    },
}

#[derive(Args, Debug)]
struct Common {
    /// Formula file (JSON, formula file v1), or a scenario file saved by the app (its formula,
    /// baseline, allocation and ranking are used; flags given here override them).
    #[arg(long, value_name = "FILE")]
    formula: PathBuf,
    /// Areas file: one row per area with the formula's id, population and indicator columns
    /// (CSV, semicolon- or tab-separated text, .xlsx/.xls/.ods, or a Census Bureau table).
    #[arg(long, value_name = "FILE")]
    areas: PathBuf,
    /// Field delimiter of the areas file: , ; tab or | [default: found from the header line].
    #[arg(long, value_name = "CHAR", value_parser = delimiter_arg)]
    delimiter: Option<u8>,
    /// Sheet of an areas workbook [default: the first].
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// Row of the areas file that holds the header, counted as a spreadsheet does [default:
    /// the first row as wide as the table, so title rows are skipped].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    header_row: Option<u32>,
    /// A second formula to compare against: adds baseline rank, tier and changes.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Write the CSV here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct SchoolsArgs {
    #[command(flatten)]
    common: Common,
    /// Schools CSV (id, and optionally name, level, enrollment, per_pupil_funding). Without it,
    /// `ses schools` makes each area its own school (its population as students) and `ses
    /// explain` explains the areas only.
    #[arg(long, value_name = "FILE")]
    schools: Option<PathBuf>,
    /// Enrollment as area×school counts (area id, school id, students).
    #[arg(long, value_name = "FILE", conflicts_with = "students", requires = "schools")]
    enrollment: Option<PathBuf>,
    /// Enrollment as one row per student (student id, area id, school id).
    #[arg(long, value_name = "FILE", requires = "schools")]
    students: Option<PathBuf>,
    /// Allocation settings file (JSON: pool, method, tier_weights, cutoff_percent). Flags below
    /// override its values.
    #[arg(long, value_name = "FILE")]
    allocation: Option<PathBuf>,
    /// Budget pool in dollars [default: 10000000].
    #[arg(long, value_name = "DOLLARS")]
    pool: Option<f64>,
    /// Allocation method [default: weighted-per-pupil].
    #[arg(long, value_enum)]
    method: Option<Method>,
    /// Weight of a student in tier 1, 2, … (weighted-per-pupil) [default: 1 falling evenly to 0].
    #[arg(long, value_name = "W1,W2,…", value_delimiter = ',')]
    tier_weights: Option<Vec<f64>>,
    /// Lowest percent of tier-1 students that is served (rank-and-serve) [default: 35].
    #[arg(long, value_name = "PERCENT")]
    cutoff: Option<f64>,
    /// How schools are ranked [default: tier1-share, or the scenario's].
    #[arg(long, value_enum)]
    rank_by: Option<RankMeasure>,
    /// School id column in the schools and enrollment files.
    #[arg(long, default_value = "school_id")]
    school_id_column: String,
    /// School name column (used when present).
    #[arg(long, default_value = "name")]
    school_name_column: String,
    /// School level column (used when present).
    #[arg(long, default_value = "level")]
    school_level_column: String,
    /// Area id column in the enrollment or student file.
    #[arg(long, default_value = "area_id")]
    area_column: String,
    /// Student count column in the enrollment file.
    #[arg(long, default_value = "students")]
    count_column: String,
    /// Student id column in the student file.
    #[arg(long, default_value = "student_id")]
    student_id_column: String,
    /// With --students: write counts of students below N as "<N" and leave blank the shares
    /// that would give them back, as the app's exports do (0: write every count).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_THRESHOLD)]
    suppress_below: u32,
}

#[derive(Args, Debug)]
struct ExplainArgs {
    #[command(flatten)]
    schools: SchoolsArgs,
    /// Rank-stability draws (each multiplies every enabled non-zero weight by a uniform factor
    /// in [1 − spread, 1 + spread]); without it, no stability figures.
    #[arg(long, value_name = "N")]
    draws: Option<u32>,
    /// How unsure the weights are, as a fraction (0.25 = ±25%) [default: the scenario's, or 0.25].
    #[arg(long, value_name = "X")]
    spread: Option<f64>,
    /// Seed of the draws; the same seed gives the same numbers everywhere [default: the
    /// scenario's, or 1].
    #[arg(long)]
    seed: Option<u64>,
    /// Knife-edge margin: areas within this percent of the score range of a tier cut.
    #[arg(long, value_name = "PERCENT", default_value_t = KNIFE_EDGE_FRACTION * 100.0)]
    knife_edge: f64,
}

#[derive(Args, Debug)]
struct MapArgs {
    #[command(flatten)]
    common: Common,
    /// Boundaries of the areas: a GeoJSON FeatureCollection of Polygon/MultiPolygon features in
    /// WGS 84 longitude/latitude (as census boundary files come).
    #[arg(long, value_name = "FILE")]
    geometry: PathBuf,
    /// The feature property that holds the area id [default: the one whose values match the
    /// most ids].
    #[arg(long, value_name = "NAME")]
    id_property: Option<String>,
    /// What fills each area: tier, score, change (against --baseline) or a column of the areas file.
    #[arg(long, visible_alias = "colour", value_name = "tier|score|change|COLUMN", default_value = "tier")]
    color: String,
}

#[derive(Args, Debug)]
struct CardArgs {
    /// Formula file, or a scenario file (its allocation and ranking are then stated too).
    #[arg(long, value_name = "FILE")]
    formula: PathBuf,
    /// Data files to fingerprint, in the order they were loaded.
    #[arg(long, value_name = "FILE")]
    areas: Option<PathBuf>,
    #[arg(long, value_name = "FILE")]
    schools: Option<PathBuf>,
    #[arg(long, value_name = "FILE")]
    enrollment: Option<PathBuf>,
    #[arg(long, value_name = "FILE")]
    students: Option<PathBuf>,
    /// The data is the synthetic demo district (seed: --seed).
    #[arg(long, conflicts_with_all = ["areas", "schools", "enrollment", "students"])]
    demo: bool,
    /// Seed of the demo district.
    #[arg(long, default_value_t = DEMO_SEED, requires = "demo")]
    seed: u64,
    /// The language of the card: en or es (the app's download in that language is the same
    /// bytes).
    #[arg(long, default_value = "en", value_name = "CODE")]
    lang: String,
    /// The date on the card [default: today, UTC].
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// Write the card here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct CompareArgs {
    #[command(flatten)]
    schools: SchoolsArgs,
    /// Proposal B: a formula or scenario file (`--formula` is A).
    #[arg(long, value_name = "FILE")]
    other: PathBuf,
    /// School levels that use 50% instead of 75% in Title I rule 1 (comma-separated, e.g. High).
    #[arg(long, value_name = "LEVEL,…", value_delimiter = ',')]
    title1_fifty_percent_levels: Vec<String>,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum Method {
    WeightedPerPupil,
    ProportionalToNeed,
    RankAndServe,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum RankMeasure {
    /// Highest share of tier-1 students first.
    Tier1Share,
    /// Lowest mean score first.
    MeanScore,
}

/// A failure: exit code and the paragraph to print.
struct Failure {
    code: u8,
    message: String,
}

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure { code: 2, message: e.to_string() }
    }
}

pub fn main() -> ExitCode {
    phase("start");
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Score { common } => score(&common),
        Command::Schools(args) => schools(&args),
        Command::Explain(args) => explain(&args),
        Command::Compare(args) => compare_proposals(&args),
        Command::Card(args) => card(&args),
        Command::Map(args) => map(&args),
        Command::Demo { out_dir, students, seed } => demo(&out_dir, students, seed),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("error: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

/// With `SES_TIMINGS` set, prints how long each phase took (for BENCHMARKS.md).
fn phase(name: &str) {
    use std::sync::Mutex;
    use std::time::Instant;
    static LAST: Mutex<Option<Instant>> = Mutex::new(None);
    if std::env::var_os("SES_TIMINGS").is_none() {
        return;
    }
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    let now = Instant::now();
    if let Some(then) = *last {
        eprintln!("timing: {name} {:.1} ms", (now - then).as_secs_f64() * 1000.0);
    }
    *last = Some(now);
}

fn delimiter_arg(text: &str) -> Result<u8, String> {
    parse_delimiter(text).ok_or_else(|| format!("\"{text}\" is not a delimiter; use , ; tab or |"))
}

impl Common {
    /// Reads the areas file, keeping only `columns` (what the formulas need).
    fn read_areas(&self, columns: Option<Vec<String>>) -> Result<Areas, Failure> {
        let options =
            ReadOptions { delimiter: self.delimiter, sheet: self.sheet.clone(), header_row: self.header_row.map(|r| r as usize), columns };
        Ok(Areas::new(Table::read(&display_name(&self.areas), &read(&self.areas)?, &options)?))
    }
}

/// The columns a formula reads from the areas file.
fn formula_columns(formula: &Formula) -> impl Iterator<Item = String> + '_ {
    std::iter::once(formula.id_column.clone())
        .chain(formula.population_column.clone())
        .chain(formula.indicators.iter().map(|i| i.column.clone()))
}

/// One line on stderr: rows read, scored, left out, and how the file was read.
fn summary(table: &Table, prepared: &Prepared) -> String {
    let how = table.source();
    let how = if how.is_plain() { String::new() } else { format!(" ({})", how.describe()) };
    format!(
        "{}: {} rows read, {} scored, {} left out{how}",
        table.file(),
        table.len(),
        prepared.scored_count(),
        prepared.exclusions().len()
    )
}

fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| Failure { code: 2, message: format!("{}: cannot read the file: {e}", path.display()) })
}

fn display_name(path: &Path) -> String {
    path.display().to_string()
}

fn read_formula(path: &Path) -> Result<Formula, Failure> {
    Ok(Formula::from_json(&display_name(path), &read(path)?)?)
}

/// What `--formula` names: a formula file, or a scenario file with its baseline, allocation
/// and ranking.
struct FormulaInput {
    formula: Formula,
    /// The scenario's baseline formula and allocation.
    baseline: Option<(Formula, AllocationSettings)>,
    allocation: Option<AllocationSettings>,
    rank_by: Option<RankBy>,
    stability: Option<StabilitySettings>,
}

fn read_formula_or_scenario(path: &Path) -> Result<FormulaInput, Failure> {
    let bytes = read(path)?;
    let is_scenario = serde_json::from_slice::<serde_json::Value>(&bytes).is_ok_and(|v| v.get("scenario_version").is_some());
    if !is_scenario {
        let formula = Formula::from_json(&display_name(path), &bytes)?;
        return Ok(FormulaInput { formula, baseline: None, allocation: None, rank_by: None, stability: None });
    }
    let s = Scenario::from_json(&display_name(path), &bytes)?;
    Ok(FormulaInput {
        formula: s.formula,
        baseline: Some((s.baseline.formula, s.baseline.allocation)),
        allocation: Some(s.allocation),
        rank_by: Some(s.rank_by),
        stability: Some(s.stability),
    })
}

fn write_output(out: Option<&Path>, text: &str) -> Result<(), Failure> {
    match out {
        Some(path) => {
            std::fs::write(path, text).map_err(|e| Failure { code: 1, message: format!("{}: cannot write: {e}", path.display()) })
        }
        None => {
            use std::io::Write;
            std::io::stdout()
                .write_all(text.as_bytes())
                .map_err(|e| Failure { code: 1, message: format!("cannot write to standard output: {e}") })
        }
    }
}

/// Lists on stderr the rows left out, the notes on how values were read, and the summary line.
fn report(data: &Dataset, prepared: &Prepared) {
    for exclusion in prepared.exclusions() {
        eprintln!("left out: {exclusion}");
    }
    for note in prepared.notes() {
        eprintln!("note: {note}");
    }
    eprintln!("{}", summary(data.areas.table(), prepared));
}

/// A baseline's formula, preparation and result.
struct Baseline {
    prepared: Prepared,
    formula: Formula,
    evaluation: Evaluation,
}

/// Evaluates the formula and, when asked, the baseline on the same data. A `--baseline` file
/// (read by the caller, once) is evaluated with the current allocation; a scenario's baseline
/// with its own.
fn run(
    data: &Dataset,
    baseline_file: Option<Formula>,
    input: FormulaInput,
    rank_by: RankBy,
    allocation: Option<&AllocationSettings>,
) -> Result<(Prepared, Formula, Evaluation, Option<Baseline>), Failure> {
    let formula = input.formula;
    let prepared = Prepared::new(data, &formula)?;
    phase("prepare");
    report(data, &prepared);
    let evaluation = prepared.evaluate(data, &formula, rank_by, allocation)?;
    phase("evaluate");
    let baseline = match (baseline_file, input.baseline) {
        (Some(f), _) => Some((f, allocation.cloned())),
        (None, Some((f, a))) => Some((f, allocation.map(|_| a))),
        (None, None) => None,
    };
    let baseline = match baseline {
        Some((b, a)) => {
            let bp = if prepared.serves(&b) { prepared.clone() } else { Prepared::new(data, &b)? };
            let evaluation = bp.evaluate(data, &b, rank_by, a.as_ref())?;
            Some(Baseline { prepared: bp, formula: b, evaluation })
        }
        None => None,
    };
    Ok((prepared, formula, evaluation, baseline))
}

fn score(common: &Common) -> Result<(), Failure> {
    let input = read_formula_or_scenario(&common.formula)?;
    let baseline_file = common.baseline.as_deref().map(read_formula).transpose()?;
    let mut columns: Vec<String> = formula_columns(&input.formula).collect();
    columns.extend(input.baseline.iter().flat_map(|(f, _)| formula_columns(f)));
    columns.extend(baseline_file.iter().flat_map(formula_columns));
    let data = Dataset::areas_only(common.read_areas(Some(columns))?);
    phase("read");
    let (prepared, formula, evaluation, baseline) = run(&data, baseline_file, input, RankBy::Tier1Share, None)?;
    let baseline = baseline.map(|b| b.evaluation);
    let comparison = baseline.as_ref().map(|b| compare(b, &evaluation)).transpose()?;
    let write = |out: &mut dyn std::io::Write| {
        write_areas_csv(&mut *out, &prepared, &formula, &evaluation, baseline.as_ref().zip(comparison.as_ref()))?;
        out.flush()?;
        phase("write");
        Ok(())
    };
    match common.out.as_deref() {
        Some(path) => std::fs::File::create(path)
            .and_then(|f| write(&mut std::io::BufWriter::with_capacity(1 << 20, f)))
            .map_err(|e| Failure { code: 1, message: format!("{}: cannot write: {e}", path.display()) }),
        None => write(&mut std::io::BufWriter::new(std::io::stdout().lock()))
            .map_err(|e| Failure { code: 1, message: format!("cannot write to standard output: {e}") }),
    }
}

fn allocation_settings(args: &SchoolsArgs, from_scenario: Option<AllocationSettings>) -> Result<AllocationSettings, Failure> {
    let mut settings = match &args.allocation {
        Some(path) => serde_json::from_slice::<AllocationSettings>(&read(path)?)
            .map_err(|e| Failure { code: 2, message: format!("{}: not valid allocation settings: {e}", path.display()) })?,
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
fn read_schools(
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
            let area_ids = areas.table().id_column(&formula.id_column, ses_explorer::engine::error::Purpose::AreaIdOfFormula)?;
            let read_table = |p: &PathBuf| -> Result<Table, Failure> { Ok(Table::parse(&display_name(p), &read(p)?)?) };
            let enrollment = match (&args.enrollment, &args.students) {
                (Some(p), _) => Enrollment::from_counts(&read_table(p)?, &enrollment_columns, &area_ids, &schools)?,
                (None, Some(p)) => Enrollment::from_students(&read_table(p)?, &enrollment_columns, &area_ids, &schools)?,
                (None, None) => {
                    return Err(Failure {
                        code: 2,
                        message: "--schools needs --enrollment (area×school counts) or --students (one row per student)".into(),
                    });
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
                Some(c) => areas.table().numeric_column(c, ses_explorer::engine::error::Purpose::PopulationOfFormula)?,
                None => vec![Some(1.0); areas.len()],
            };
            let population: Vec<f64> = population.into_iter().map(|p| p.unwrap_or(0.0)).collect();
            Some((schools, Enrollment::one_school_per_area(&population)))
        }
        None => None,
    })
}

fn rank_by(args: &SchoolsArgs, input: &FormulaInput) -> RankBy {
    match args.rank_by {
        Some(RankMeasure::Tier1Share) => RankBy::Tier1Share,
        Some(RankMeasure::MeanScore) => RankBy::MeanScore,
        None => input.rank_by.unwrap_or_default(),
    }
}

fn schools(args: &SchoolsArgs) -> Result<(), Failure> {
    let common = &args.common;
    let mut input = read_formula_or_scenario(&common.formula)?;
    let settings = allocation_settings(args, input.allocation.take())?;
    let areas = common.read_areas(None)?;
    let schools = read_schools(args, &input.formula, &areas, true)?;
    let data = Dataset { areas, schools };
    let rank_by = rank_by(args, &input);
    let baseline_file = common.baseline.as_deref().map(read_formula).transpose()?;
    let (_, _, evaluation, baseline) = run(&data, baseline_file, input, rank_by, Some(&settings))?;
    let baseline = baseline.map(|b| b.evaluation);
    let comparison = baseline.as_ref().map(|b| compare(b, &evaluation)).transpose()?;
    let (schools, _) = data.schools.as_ref().expect("set above");
    eprintln!("{}", fairness_line(&fairness(&evaluation, schools, Some(settings.method), &Title1Options::default())));
    let suppress = data.schools.as_ref().is_some_and(|(_, e)| e.student_level) && args.suppress_below > 0;
    let text = schools_csv(schools, &evaluation, baseline.as_ref().zip(comparison.as_ref()), suppress.then_some(args.suppress_below));
    write_output(common.out.as_deref(), &text)
}

fn card(args: &CardArgs) -> Result<(), Failure> {
    let input = read_formula_or_scenario(&args.formula)?;
    let provenance = if args.demo {
        Provenance::Demo { seed: args.seed }
    } else {
        let mut files = Vec::new();
        for path in [&args.areas, &args.schools, &args.enrollment, &args.students].into_iter().flatten() {
            let bytes = read(path)?;
            let name = path.file_name().map_or_else(|| display_name(path), |n| n.to_string_lossy().into_owned());
            let rows = Table::parse(&display_name(path), &bytes)?.len();
            files.push(Fingerprint::of(&name, &bytes, rows));
        }
        if files.is_empty() { Provenance::None } else { Provenance::Files(files) }
    };
    let date = match &args.date {
        Some(d)
            if d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-' && d.bytes().filter(u8::is_ascii_digit).count() == 8 =>
        {
            d.clone()
        }
        Some(d) => return Err(Failure { code: 2, message: format!("--date {d:?} is not a date written as YYYY-MM-DD") }),
        None => {
            let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
            date_from_unix_seconds(seconds)
        }
    };
    let lang = match Lang::ALL.into_iter().find(|l| l.code() == args.lang) {
        Some(lang) => lang,
        None => {
            let known = Lang::ALL.iter().map(|l| l.code()).collect::<Vec<_>>().join(", ");
            return Err(Failure {
                code: 2,
                message: format!("--lang {:?} is not a language of the card; expected one of {known}", args.lang),
            });
        }
    };
    let html =
        card_html(&input.formula, &input.allocation.unwrap_or_default(), input.rank_by.unwrap_or_default(), &provenance, &date, lang);
    write_output(args.out.as_deref(), &html)
}

/// The fairness measures in one line, for stderr.
fn fairness_line(f: &Fairness) -> String {
    let r = |x: Option<f64>| x.map_or("–".to_string(), |x| format!("{x:.2}"));
    let mut line = format!("fairness: progressivity ratio {} (allocation)", r(f.progressivity_allocation));
    if f.progressivity_current.is_some() {
        line.push_str(&format!(", {} (current funding), {} (both)", r(f.progressivity_current), r(f.progressivity_combined)));
    }
    line.push_str(&format!(
        "; dissimilarity {}; {} schools with 90%+ in tier 1, {} with 90%+ in the top tier, {} with no tier-1 student",
        r(f.dissimilarity),
        f.schools_90pct_tier1,
        f.schools_90pct_top_tier,
        f.schools_without_tier1
    ));
    if let Some(v) = &f.title1_violations {
        line.push_str(&format!(
            "; Title I rules broken: {}",
            if v.is_empty() { "none".to_string() } else { v.iter().map(|x| x.rule.id()).collect::<Vec<_>>().join(", ") }
        ));
    }
    line
}

/// The fairness measures as JSON, leaving out what could not be computed.
fn fairness_json(f: &Fairness, schools: &Schools) -> serde_json::Value {
    use serde_json::json;
    let mut v = json!({
        "schools_90pct_tier1": f.schools_90pct_tier1,
        "schools_90pct_top_tier": f.schools_90pct_top_tier,
        "schools_without_tier1": f.schools_without_tier1,
    });
    for (key, value) in [
        ("progressivity_allocation", f.progressivity_allocation),
        ("progressivity_current", f.progressivity_current),
        ("progressivity_combined", f.progressivity_combined),
        ("dissimilarity", f.dissimilarity),
    ] {
        if let Some(x) = value {
            v[key] = json!(x);
        }
    }
    if let Some(violations) = &f.title1_violations {
        v["title1_violations"] = violations
            .iter()
            .map(|x| json!({ "rule": x.rule.id(), "schools": x.schools.iter().map(|&s| schools.ids[s].clone()).collect::<Vec<_>>(), "text": x.text }))
            .collect();
    }
    v
}

fn compare_proposals(args: &CompareArgs) -> Result<(), Failure> {
    use serde_json::json;
    let school_args = &args.schools;
    let common = &school_args.common;
    let mut a = read_formula_or_scenario(&common.formula)?;
    let mut b = read_formula_or_scenario(&args.other)?;
    let settings_a = allocation_settings(school_args, a.allocation.take())?;
    let settings_b = allocation_settings(school_args, b.allocation.take())?;
    let areas = common.read_areas(None)?;
    let schools = read_schools(school_args, &a.formula, &areas, true)?;
    let data = Dataset { areas, schools };
    let (rank_a, rank_b) = (rank_by(school_args, &a), rank_by(school_args, &b));
    let prepared_a = Prepared::new(&data, &a.formula)?;
    report(&data, &prepared_a);
    let eval_a = prepared_a.evaluate(&data, &a.formula, rank_a, Some(&settings_a))?;
    let prepared_b = if prepared_a.serves(&b.formula) { prepared_a.clone() } else { Prepared::new(&data, &b.formula)? };
    let eval_b = prepared_b.evaluate(&data, &b.formula, rank_b, Some(&settings_b))?;
    let (schools, _) = data.schools.as_ref().expect("compare always has schools");
    let options = Title1Options { fifty_percent_levels: args.title1_fifty_percent_levels.clone() };
    let fa = fairness(&eval_a, schools, Some(settings_a.method), &options);
    let fb = fairness(&eval_b, schools, Some(settings_b.method), &options);
    let name = |f: &Formula, fallback: &str| {
        if f.name.trim().is_empty() { fallback.to_string() } else { format!("{fallback} ({})", f.name.trim()) }
    };
    let paragraph = comparison_paragraph(&name(&b.formula, "Proposal B"), &eval_a, &eval_b, &fa, &fb, Lang::En);
    let dollars = |c: Option<i64>| c.map(|c| c as f64 / 100.0);
    let rows: Vec<serde_json::Value> = (0..schools.len())
        .map(|s| {
            let (x, y) = (&eval_a.schools[s], &eval_b.schools[s]);
            let mut row = json!({ "id": schools.ids[s], "rank_a": x.rank, "rank_b": y.rank });
            for (key, value) in [
                ("tier1_share_a", x.tier_share(1)),
                ("tier1_share_b", y.tier_share(1)),
                ("allocation_a", dollars(x.allocation_cents)),
                ("allocation_b", dollars(y.allocation_cents)),
            ] {
                if let Some(v) = value {
                    row[key] = json!(v);
                }
            }
            row
        })
        .collect();
    let mut doc = json!({
        "a": fairness_json(&fa, schools),
        "b": fairness_json(&fb, schools),
        "summary": paragraph,
        "schools": rows,
    });
    if let Some(d) = dollars_moved(&eval_a, &eval_b) {
        doc["dollars_moved"] = json!(d);
    }
    let text = serde_json::to_string_pretty(&doc).map_err(|e| Failure { code: 1, message: e.to_string() })? + "\n";
    write_output(common.out.as_deref(), &text)
}

/// A JSON object of contributions keyed by column.
fn contributions_json(formula: &Formula, contributions: &[f64]) -> serde_json::Value {
    by_column(formula, contributions)
        .into_iter()
        .filter(|(column, _)| formula.indicators.iter().any(|i| i.enabled && &i.column == column))
        .map(|(column, c)| (column.trim().to_string(), serde_json::json!(c)))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

fn explain(args: &ExplainArgs) -> Result<(), Failure> {
    use serde_json::{Value, json};
    let school_args = &args.schools;
    let common = &school_args.common;
    let mut input = read_formula_or_scenario(&common.formula)?;
    let scenario_allocation = input.allocation.take();
    let stability_defaults = input.stability.unwrap_or_default();
    let areas = common.read_areas(None)?;
    let schools = read_schools(school_args, &input.formula, &areas, false)?;
    let allocation = schools.as_ref().map(|_| allocation_settings(school_args, scenario_allocation)).transpose()?;
    let data = Dataset { areas, schools };
    let rank_by = rank_by(school_args, &input);
    let baseline_file = common.baseline.as_deref().map(read_formula).transpose()?;
    let (prepared, formula, evaluation, baseline) = run(&data, baseline_file, input, rank_by, allocation.as_ref())?;
    let stability = match args.draws {
        Some(draws) => {
            let settings = StabilitySettings {
                draws,
                spread: args.spread.unwrap_or(stability_defaults.spread),
                seed: args.seed.unwrap_or(stability_defaults.seed),
            };
            Some(StabilityRun::new(&formula, &evaluation, settings)?.run(&prepared, &data, rank_by, allocation.as_ref())?)
        }
        None => None,
    };
    phase("stability");
    let drivers = drivers(&prepared, &formula);
    let edge = knife_edge(&prepared, &evaluation, args.knife_edge / 100.0);
    let ids = prepared.ids();

    let areas: Vec<Value> = (0..ids.len())
        .filter_map(|a| {
            let outcome = &evaluation.areas[a];
            let contributions = area_contributions(&prepared, &formula, a)?;
            let mut area = json!({
                "id": ids[a],
                "score": outcome.score?,
                "tier": outcome.tier?,
                "contributions": contributions_json(&formula, &contributions),
                "knife_edge": edge.areas[a],
            });
            if let Some(p) = stability.as_ref().and_then(|s| s.area_tier_change[a]) {
                area["p_tier_change"] = json!(p);
            }
            Some(area)
        })
        .collect();

    let schools: Vec<Value> = match &data.schools {
        None => Vec::new(),
        Some((schools, _)) => (0..schools.len())
            .map(|s| {
                let outcome = &evaluation.schools[s];
                let mut school = json!({ "id": schools.ids[s], "rank": outcome.rank, "knife_edge": edge.school_flagged(s) });
                if let Some(mean) = outcome.mean_score {
                    school["mean_score"] = json!(mean);
                }
                let contributions = school_contributions(&prepared, &formula, s);
                if let Some(c) = &contributions {
                    school["contributions"] = contributions_json(&formula, c);
                }
                if let Some(r) = stability.as_ref().map(|st| &st.schools[s]) {
                    school["rank_median"] = json!(r.rank_median);
                    school["rank_p5"] = json!(r.rank_p5);
                    school["rank_p95"] = json!(r.rank_p95);
                    if let (Some(lo), Some(hi)) = (r.allocation_p5, r.allocation_p95) {
                        school["allocation_p5"] = json!(lo);
                        school["allocation_p95"] = json!(hi);
                    }
                }
                if let Some(b) = &baseline {
                    school["baseline_rank"] = json!(b.evaluation.schools[s].rank);
                    if let (Some(now), Some(before)) = (&contributions, school_contributions(&b.prepared, &b.formula, s)) {
                        let change = change_by_indicator(&by_column(&formula, now), &by_column(&b.formula, &before));
                        school["change_by_indicator"] =
                            change.into_iter().map(|(c, v)| (c.trim().to_string(), json!(v))).collect::<serde_json::Map<_, _>>().into();
                    }
                }
                school
            })
            .collect(),
    };

    let sensitivity: Vec<Value> = one_at_a_time(&prepared, &data, &formula, rank_by, allocation.as_ref(), &evaluation)?
        .into_iter()
        .map(|s| {
            let mut row = json!({
                "column": s.column,
                "factor": s.factor,
                "schools_rank_change_5": s.schools_rank_change_5,
                "areas_tier_change": s.areas_tier_change,
            });
            if let Some(d) = s.dollars_moved {
                row["dollars_moved"] = json!(d);
            }
            row
        })
        .collect();

    let mut doc = json!({
        "effective_weights": drivers.influences.iter().map(|i| {
            let mut w = json!({ "column": i.column, "nominal_share": i.nominal_share });
            if let Some(e) = i.effective_share {
                w["effective_share"] = json!(e);
            }
            w
        }).collect::<Vec<_>>(),
        "correlations": drivers.correlations.iter().map(|c| {
            let mut r = json!({ "a": c.a, "b": c.b });
            if let Some(v) = c.r {
                r["r"] = json!(v);
            }
            r
        }).collect::<Vec<_>>(),
        "warnings": drivers.warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "knife_edge": { "cuts": edge.cuts, "delta": edge.delta, "areas": edge.area_count() },
        "areas": areas,
        "sensitivity": sensitivity,
    });
    if data.schools.is_some() {
        doc["schools"] = json!(schools);
        doc["knife_edge"]["schools"] = json!(edge.school_count());
    }
    if let Some(st) = &stability {
        doc["stability"] = json!({ "draws": st.settings.draws, "spread": st.settings.spread, "seed": st.settings.seed });
    }
    let text = serde_json::to_string_pretty(&doc).map_err(|e| Failure { code: 1, message: e.to_string() })? + "\n";
    phase("explain");
    write_output(common.out.as_deref(), &text)
}

fn map(args: &MapArgs) -> Result<(), Failure> {
    let common = &args.common;
    let colour = MapColour::parse(&args.color);
    let input = read_formula_or_scenario(&common.formula)?;
    let baseline_file = common.baseline.as_deref().map(read_formula).transpose()?;
    if colour == MapColour::Change && baseline_file.is_none() && input.baseline.is_none() {
        return Err(Failure {
            code: 2,
            message: "--color change needs a baseline: give --baseline FILE, or a scenario file as --formula".into(),
        });
    }
    let mut columns: Vec<String> = formula_columns(&input.formula).collect();
    columns.extend(input.baseline.iter().flat_map(|(f, _)| formula_columns(f)));
    columns.extend(baseline_file.iter().flat_map(formula_columns));
    if let MapColour::Column(c) = &colour {
        columns.push(c.clone());
    }
    let data = Dataset::areas_only(common.read_areas(Some(columns))?);
    phase("read");
    let (prepared, _, evaluation, baseline) = run(&data, baseline_file, input, RankBy::Tier1Share, None)?;
    let baseline = baseline.map(|b| b.evaluation);
    let comparison = compare(baseline.as_ref().unwrap_or(&evaluation), &evaluation)?;
    let boundaries = Boundaries::parse(&display_name(&args.geometry), &read(&args.geometry)?)?;
    phase("read boundaries");
    let area_map = AreaMap::new(boundaries, args.id_property.as_deref(), prepared.ids(), None)?;
    phase("match and project");
    for line in area_map.report(Lang::En) {
        eprintln!("note: {line}");
    }
    if let Some(line) = area_map.missing_boundaries(prepared.ids(), Lang::En) {
        eprintln!("note: {line}");
    }
    let input = FillInput { evaluation: &evaluation, comparison: &comparison, table: data.areas.table(), lang: Lang::En };
    let fill = map_fill(&area_map, &colour, &input)?;
    phase("fill");
    eprintln!("{}", fill.legend_text());
    let subtitle = format!("{} · {}", display_name(&common.areas), display_name(&args.geometry));
    let svg = map_svg_of(&area_map, &fill, &subtitle)?;
    phase("draw");
    write_output(common.out.as_deref(), &svg)
}

fn demo(dir: &Path, students: bool, seed: u64) -> Result<(), Failure> {
    std::fs::create_dir_all(dir).map_err(|e| Failure { code: 1, message: format!("{}: cannot create the folder: {e}", dir.display()) })?;
    let district = DemoDistrict::generate(seed, DemoSize::DISTRICT);
    let mut files = vec![
        ("areas.csv", district.areas_csv.clone()),
        ("schools.csv", district.schools_csv.clone()),
        ("enrollment.csv", district.enrollment_csv.clone()),
        ("formula.json", demo_formula().to_json() + "\n"),
        ("areas.geojson", district.areas_geojson()),
    ];
    if students {
        files.push(("students.csv", district.students_csv()));
    }
    for (name, text) in files {
        write_output(Some(&dir.join(name)), &text)?;
    }
    eprintln!("wrote the synthetic demo district (seed {seed}) to {}", dir.display());
    Ok(())
}
