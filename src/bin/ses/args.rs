//! The command line's words: subcommands, flags and their help, as `clap` reads them. Raw
//! flags become engine types in [`crate::input`]; nothing here reads a file.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use ses_explorer::engine::demo::DEMO_SEED;
use ses_explorer::engine::explain::KNIFE_EDGE_FRACTION;
use ses_explorer::engine::privacy::DEFAULT_THRESHOLD;
use ses_explorer::engine::source::parse_delimiter;

const SCORE_EXAMPLE: &str = "Example:
  ses score --formula chicago.json --areas cps-tracts-fy2015.csv --out tiers.csv";

const SCHOOLS_EXAMPLE: &str = "Examples:
  ses schools --formula formula.json --areas areas.csv --schools schools.csv \\
      --enrollment enrollment.csv --pool 10000000 --method weighted-per-pupil --tier-weights 1,0.5,0
  ses schools --formula formula.json --areas areas.csv --schools schools.csv \\
      --students students.csv --method rank-and-serve --cutoff 40 --baseline old.json

Optional school columns (name, level, enrollment, per_pupil_funding) are read when the schools
file has a column of that name.";

const STUDENTS_EXAMPLE: &str = "Example:
  ses students --formula area-and-family.json --areas areas.csv --students students.csv --out students-ses.csv

The formula needs a student part (formula file version 2, \"student\"); its family items are
columns of the students file. Without --schools, the schools are the ids the students file names.";

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

const FIT_EXAMPLE: &str = "Example:
  ses fit --formula start.json --areas cps-tracts-fy2015.csv --published-tiers \"6-Factor Socioeconomic Tier\" --out fit.json

The starting formula names the id and population columns, the candidate indicators with their
directions, the normalisation and the tier count and method; its weights are ignored. One
sentence on stderr says how the simplest formula does; the JSON holds the rest.";

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
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Score and tier every area: writes id,score,tier,rank and each indicator's normalised value.
    #[command(after_help = SCORE_EXAMPLE)]
    Score {
        #[command(flatten)]
        common: Common,
        /// Write only these kinds of column (comma-separated, always in this order): id, score,
        /// groups (each group's score), tier, rank, normalised, baseline. Must include id.
        #[arg(long, value_name = "KIND,…", value_delimiter = ',', value_enum)]
        columns: Vec<AreaColumnKind>,
    },
    /// Profile, rank and fund schools: areas + enrollment + schools + allocation settings.
    #[command(after_help = SCHOOLS_EXAMPLE)]
    Schools(Box<SchoolsArgs>),
    /// Each student's SES under a formula with a student part: area score, family score,
    /// score and tier, one row per student (students left out are listed on stderr).
    #[command(after_help = STUDENTS_EXAMPLE)]
    Students(Box<StudentsArgs>),
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
    /// Find the weights behind published tiers: the fitted shares with the range each could
    /// have, how many published tiers they reproduce, and the simplest formula that does as well (JSON).
    #[command(after_help = FIT_EXAMPLE)]
    Fit(Box<FitArgs>),
    /// Write the synthetic demo district (the app's default data) as CSV files plus its formula.
    #[command(
        after_help = "Example:\n  ses demo --out-dir demo/ --students\n  ses schools --formula demo/formula.json --areas demo/areas.csv \\\n      --schools demo/schools.csv --enrollment demo/enrollment.csv"
    )]
    Demo {
        /// Folder to write areas.csv, schools.csv, enrollment.csv, formula.json and areas.geojson into.
        #[arg(long, value_name = "DIR")]
        out_dir: PathBuf,
        /// Also write students.csv, one row per student (about 180,000 rows, with two synthetic
        /// family answers), and formula-area-and-family.json, a formula with a student part.
        #[arg(long)]
        students: bool,
        /// Seed of the generator (the app uses the default).
        #[arg(long, default_value_t = DEMO_SEED)]
        seed: u64,
    },
}

#[derive(Args, Debug)]
pub struct Common {
    /// Formula file (JSON, formula file v1), or a scenario file saved by the app (its formula,
    /// baseline, allocation and ranking are used; flags given here override them).
    #[arg(long, value_name = "FILE")]
    pub formula: PathBuf,
    /// Areas file: one row per area with the formula's id, population and indicator columns
    /// (CSV, semicolon- or tab-separated text, .xlsx/.xls/.ods, or a Census Bureau table).
    #[arg(long, value_name = "FILE")]
    pub areas: PathBuf,
    /// Field delimiter of the areas file: , ; tab or | [default: found from the header line].
    #[arg(long, value_name = "CHAR", value_parser = delimiter_arg)]
    pub delimiter: Option<u8>,
    /// Sheet of an areas workbook [default: the first].
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Row of the areas file that holds the header, counted as a spreadsheet does [default:
    /// the first row as wide as the table, so title rows are skipped].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub header_row: Option<u32>,
    /// Texts that mean "missing" in the areas file's numeric columns, separated by commas (such
    /// as an agency's "n/a (suppressed),(X)"); read as missing and listed in the notes. Blank
    /// cells, NA, N/A, -, and the Census Bureau's markers are always read as missing.
    #[arg(long, value_name = "TEXTS", value_delimiter = ',')]
    pub missing_values: Vec<String>,
    /// A second formula to compare against: adds baseline rank, tier and changes.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write the CSV here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct SchoolsArgs {
    #[command(flatten)]
    pub common: Common,
    /// Schools CSV (id, and optionally name, level, enrollment, per_pupil_funding). Without it,
    /// `ses schools` makes each area its own school (its population as students) and `ses
    /// explain` explains the areas only.
    #[arg(long, value_name = "FILE")]
    pub schools: Option<PathBuf>,
    /// Enrollment as area×school counts (area id, school id, students).
    #[arg(long, value_name = "FILE", conflicts_with = "students", requires = "schools")]
    pub enrollment: Option<PathBuf>,
    /// Enrollment as one row per student (student id, area id, school id).
    #[arg(long, value_name = "FILE", requires = "schools")]
    pub students: Option<PathBuf>,
    /// Allocation settings file (JSON: pool, method, tier_weights, cutoff_percent). Flags below
    /// override its values.
    #[arg(long, value_name = "FILE")]
    pub allocation: Option<PathBuf>,
    /// Budget pool in dollars [default: 10000000].
    #[arg(long, value_name = "DOLLARS")]
    pub pool: Option<f64>,
    /// Allocation method [default: weighted-per-pupil].
    #[arg(long, value_enum)]
    pub method: Option<Method>,
    /// Weight of a student in tier 1, 2, … (weighted-per-pupil) [default: 1 falling evenly to 0].
    #[arg(long, value_name = "W1,W2,…", value_delimiter = ',')]
    pub tier_weights: Option<Vec<f64>>,
    /// Lowest percent of tier-1 students that is served (rank-and-serve) [default: 35].
    #[arg(long, value_name = "PERCENT")]
    pub cutoff: Option<f64>,
    /// How schools are ranked [default: tier1-share, or the scenario's].
    #[arg(long, value_enum)]
    pub rank_by: Option<RankMeasure>,
    /// School id column in the schools and enrollment files.
    #[arg(long, default_value = "school_id")]
    pub school_id_column: String,
    /// School name column (used when present).
    #[arg(long, default_value = "name")]
    pub school_name_column: String,
    /// School level column (used when present).
    #[arg(long, default_value = "level")]
    pub school_level_column: String,
    /// Area id column in the enrollment or student file.
    #[arg(long, default_value = "area_id")]
    pub area_column: String,
    /// Student count column in the enrollment file.
    #[arg(long, default_value = "students")]
    pub count_column: String,
    /// Student id column in the student file.
    #[arg(long, default_value = "student_id")]
    pub student_id_column: String,
    /// With --students: write counts of students below N as "<N" and leave blank the shares
    /// that would give them back, as the app's exports do (0: write every count).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_THRESHOLD)]
    pub suppress_below: u32,
}

#[derive(Args, Debug)]
pub struct StudentsArgs {
    #[command(flatten)]
    pub common: Common,
    /// One row per student: student id, area id, school id and the formula's family columns.
    #[arg(long, value_name = "FILE")]
    pub students: PathBuf,
    /// Schools CSV; without it the schools are the ids the students file names.
    #[arg(long, value_name = "FILE")]
    pub schools: Option<PathBuf>,
    /// Student id column in the students file.
    #[arg(long, default_value = "student_id")]
    pub student_id_column: String,
    /// Area id column in the students file.
    #[arg(long, default_value = "area_id")]
    pub area_column: String,
    /// School id column in the students (and schools) file.
    #[arg(long, default_value = "school_id")]
    pub school_id_column: String,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    #[command(flatten)]
    pub schools: SchoolsArgs,
    /// Rank-stability draws (each multiplies every enabled non-zero weight by a uniform factor
    /// in [1 − spread, 1 + spread]); without it, no stability figures.
    #[arg(long, value_name = "N")]
    pub draws: Option<u32>,
    /// How unsure the weights are, as a fraction (0.25 = ±25%) [default: the scenario's, or 0.25].
    #[arg(long, value_name = "X")]
    pub spread: Option<f64>,
    /// Seed of the draws; the same seed gives the same numbers everywhere [default: the
    /// scenario's, or 1].
    #[arg(long)]
    pub seed: Option<u64>,
    /// Knife-edge margin: areas within this percent of the score range of a tier cut.
    #[arg(long, value_name = "PERCENT", default_value_t = KNIFE_EDGE_FRACTION * 100.0)]
    pub knife_edge: f64,
}

#[derive(Args, Debug)]
pub struct MapArgs {
    #[command(flatten)]
    pub common: Common,
    /// Boundaries of the areas: a GeoJSON FeatureCollection of Polygon/MultiPolygon features in
    /// WGS 84 longitude/latitude (as census boundary files come).
    #[arg(long, value_name = "FILE")]
    pub geometry: PathBuf,
    /// The feature property that holds the area id [default: the one whose values match the
    /// most ids].
    #[arg(long, value_name = "NAME")]
    pub id_property: Option<String>,
    /// What fills each area: tier, score, change (against --baseline) or a column of the areas file.
    #[arg(long, visible_alias = "colour", value_name = "tier|score|change|COLUMN", default_value = "tier")]
    pub color: String,
}

#[derive(Args, Debug)]
pub struct CardArgs {
    /// Formula file, or a scenario file (its allocation and ranking are then stated too).
    #[arg(long, value_name = "FILE")]
    pub formula: PathBuf,
    /// Data files to fingerprint, in the order they were loaded.
    #[arg(long, value_name = "FILE")]
    pub areas: Option<PathBuf>,
    #[arg(long, value_name = "FILE")]
    pub schools: Option<PathBuf>,
    #[arg(long, value_name = "FILE")]
    pub enrollment: Option<PathBuf>,
    #[arg(long, value_name = "FILE")]
    pub students: Option<PathBuf>,
    /// The data is the synthetic demo district (seed: --seed).
    #[arg(long, conflicts_with_all = ["areas", "schools", "enrollment", "students"])]
    pub demo: bool,
    /// Seed of the demo district.
    #[arg(long, default_value_t = DEMO_SEED, requires = "demo")]
    pub seed: u64,
    /// The language of the card: en or es (the app's download in that language is the same
    /// bytes).
    #[arg(long, default_value = "en", value_name = "CODE")]
    pub lang: String,
    /// The date on the card [default: today, UTC].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Write the card here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct FitArgs {
    #[command(flatten)]
    pub common: Common,
    /// The column of the areas file with the published tier of each area (1 = lowest SES;
    /// blank: no published tier).
    #[arg(long, value_name = "COLUMN")]
    pub published_tiers: String,
}

#[derive(Args, Debug)]
pub struct CompareArgs {
    #[command(flatten)]
    pub schools: SchoolsArgs,
    /// Proposal B: a formula or scenario file (`--formula` is A).
    #[arg(long, value_name = "FILE")]
    pub other: PathBuf,
    /// School levels that use 50% instead of 75% in Title I rule 1 (comma-separated, e.g. High).
    #[arg(long, value_name = "LEVEL,…", value_delimiter = ',')]
    pub title1_fifty_percent_levels: Vec<String>,
}

/// A kind of column of `ses score`'s file.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum AreaColumnKind {
    Id,
    Score,
    Groups,
    Tier,
    Rank,
    Normalised,
    Baseline,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum Method {
    WeightedPerPupil,
    ProportionalToNeed,
    RankAndServe,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum RankMeasure {
    /// Highest share of tier-1 students first.
    Tier1Share,
    /// Lowest mean score first.
    MeanScore,
}

fn delimiter_arg(text: &str) -> Result<u8, String> {
    parse_delimiter(text).ok_or_else(|| format!("\"{text}\" is not a delimiter; use , ; tab or |"))
}
