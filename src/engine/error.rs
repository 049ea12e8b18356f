//! The engine's error type: every problem with user input names the file, the row (1-based,
//! as a spreadsheet shows it, the header being row 1), the column and the offending text.

use thiserror::Error;

/// Shorthand for results whose error is an [`EngineError`].
pub type Result<T> = std::result::Result<T, EngineError>;

/// What went wrong, precisely enough for a person to fix the file.
///
/// Every field is typed: what a column is for ([`Purpose`]), what a cell should hold
/// ([`Expected`]), what is wrong with a whole file ([`FileProblem`]), which rule of a formula
/// or scenario ([`FormulaProblem`]) or of a boundaries file ([`GeometryProblem`]) was broken,
/// which setting cannot be computed with ([`SettingsProblem`]). The English here is the CLI's;
/// the app words every variant in each of its languages from the same fields, so no message
/// is ever read back as text.
///
/// `Clone + PartialEq` so a user interface can keep the error in its state and show it.
/// Exhaustive on purpose: the app's catalogue matches every variant, so a new one does not
/// compile until it is worded in every language.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum EngineError {
    /// The file is not readable CSV at this row; `reason` is the CSV reader's own.
    #[error("{file}: row {row}: not readable as CSV: {reason}")]
    Csv { file: String, row: usize, reason: String },

    /// A row has a different number of fields from the header.
    #[error(
        "{file}: row {row} has {found} fields but the header has {expected}; every row needs one value per column (leave a cell empty if it is missing)"
    )]
    RaggedRow { file: String, row: usize, expected: usize, found: usize },

    /// Something is wrong with the file as a whole (no row to name).
    #[error("{file}: {problem}")]
    File { file: String, problem: FileProblem },

    /// The header names the same column twice.
    #[error("{file}: the header names column \"{column}\" twice; column names must be unique")]
    DuplicateColumn { file: String, column: String },

    /// A column the formula or settings need is not in the header.
    #[error("{file}: there is no column \"{column}\" ({purpose}); the columns are: {}", available.join(", "))]
    MissingColumn { file: String, column: String, purpose: Purpose, available: Vec<String> },

    /// A column is in the header but was not kept when the file was read (a reader asked
    /// for fewer columns than a later step needs).
    #[error("{file}: column \"{column}\" was not read ({purpose})")]
    ColumnNotRead { file: String, column: String, purpose: Purpose },

    /// A cell holds text that is not what its column needs.
    #[error("{file}: row {row}, column \"{column}\": \"{}\" is not valid; expected {expected}", visible(.value))]
    InvalidValue { file: String, row: usize, column: String, value: String, expected: Expected },

    /// Several cells hold text that is not what their columns need: every one found, grouped
    /// by column and value, at most [`LISTED_ROWS_LIMIT`] rows listed in all.
    #[error("{file}: {total} values are not valid: {}", groups.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    InvalidValues { file: String, groups: Vec<InvalidGroup>, total: usize },

    /// The same id appears on two rows.
    #[error("{file}: row {row}, column \"{column}\": id \"{}\" already appears on row {first_row}; ids must be unique", visible(.id))]
    DuplicateId { file: String, row: usize, column: String, id: String, first_row: usize },

    /// An answer of an ordered family item that is not one of its levels.
    #[error("{file}: row {row}, column \"{column}\": \"{}\" is not one of the answers the formula lists: {}", visible(.value), levels.iter().map(|l| format!("\"{l}\"")).collect::<Vec<_>>().join(", "))]
    NotALevel { file: String, row: usize, column: String, value: String, levels: Vec<String> },

    /// An id refers to a row that another file does not have.
    #[error("{file}: row {row}, column \"{column}\": \"{}\" is not an id in {other_file}", visible(.id))]
    UnknownId { file: String, row: usize, column: String, id: String, other_file: String },

    /// A share link that was cut short or changed on its way.
    #[error("the share link: cannot be read: it was cut short or changed; ask for the link again")]
    LinkDamaged,

    /// A share link made by a newer version of the app, in a form this one does not know.
    #[error("the share link: made by a newer version of SES Explorer (link form {version}); open it there, or ask for the scenario file")]
    LinkTooNew { version: u32 },

    /// The formula (or scenario) file is not valid JSON of the expected shape, or breaks a rule.
    #[error("{file}: {problem}")]
    InvalidFormula { file: String, problem: FormulaProblem },

    /// Settings that cannot be computed with (for example a tier that is not there).
    #[error("{0}")]
    InvalidSettings(SettingsProblem),

    /// A boundaries (GeoJSON) file cannot be drawn; `feature` is its 1-based number when one
    /// feature is at fault.
    #[error("{file}: {}{problem}", feature.map(|f| format!("feature {f}: ")).unwrap_or_default())]
    InvalidGeometry { file: String, feature: Option<usize>, problem: GeometryProblem },

    /// Boundaries in projected coordinates (metres, feet) rather than longitude and latitude.
    #[error(
        "{file}: feature {feature}: {value} is not a longitude and latitude in degrees; the map reads WGS 84 (EPSG:4326), as census boundary files come: save the file in that coordinate system"
    )]
    NotLonLat { file: String, feature: usize, value: String },

    /// A boundaries file with more vertices than the map redraws within a frame.
    #[error(
        "{file}: has more than {max} vertices, too many to redraw within a frame; simplify it first (for example mapshaper's -simplify 10%)"
    )]
    TooManyVertices { file: String, max: usize },

    /// A boundaries file without a single polygon.
    #[error("{file}: has no Polygon or MultiPolygon feature to draw")]
    NothingToDraw { file: String },

    /// No property of the boundaries holds the data's area ids.
    #[error("{file}: no property of the features ({}) holds the data's area ids (such as \"{example}\"); choose the property that does", if properties.is_empty() { "there are none".to_string() } else { properties.join(", ") })]
    NoIdProperty { file: String, properties: Vec<String>, example: String },

    /// The property chosen to match the boundaries is not in them.
    #[error("{file}: the features have no property \"{property}\"; their properties are: {}", properties.join(", "))]
    NoSuchProperty { file: String, property: String, properties: Vec<String> },

    /// A pool below zero or above the largest the engine counts to the cent.
    #[error("the pool must be between $0 and ${max:.0}; it is {pool}")]
    PoolOutOfRange { pool: f64, max: f64 },

    /// A rank-and-serve cutoff outside 0–100.
    #[error("the rank-and-serve cutoff must be between 0 and 100 percent; it is {cutoff}")]
    ServeCutoffOutOfRange { cutoff: f64 },

    /// A negative (or not finite) weight of a tier's students.
    #[error("tier weights must be zero or more")]
    NegativeTierWeight,

    /// No row could be scored (every row misses an indicator, or the file has none).
    #[error("{file}: no row can be scored: every row is missing at least one indicator value")]
    NothingToScore { file: String },
}

/// The most rows an error listing several bad cells names (the rest are counted).
pub const LISTED_ROWS_LIMIT: usize = 50;

/// The cells of one column holding one bad value.
#[derive(Debug, Clone, PartialEq)]
pub struct InvalidGroup {
    pub column: String,
    pub value: String,
    pub expected: Expected,
    /// The rows listed (spreadsheet numbers), in order; fewer than `count` once the error's
    /// list is full.
    pub rows: Vec<usize>,
    /// Every row of the column with this value.
    pub count: usize,
}

impl std::fmt::Display for InvalidGroup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "column \"{}\": \"{}\" ", self.column, visible(&self.value))?;
        let rows = self.rows.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
        match (self.count, self.count - self.rows.len()) {
            (1, _) => write!(f, "in row {rows}")?,
            (n, 0) => write!(f, "in {n} rows: {rows}")?,
            (n, _) if self.rows.is_empty() => write!(f, "in {n} rows")?,
            (n, more) => write!(f, "in {n} rows: {rows} and {more} more")?,
        }
        write!(f, " (expected {})", self.expected)
    }
}

impl From<SettingsProblem> for EngineError {
    fn from(problem: SettingsProblem) -> Self {
        EngineError::InvalidSettings(problem)
    }
}

/// What a column was needed for, as an error about a missing column says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// The area id, named by the formula's `id_column`.
    AreaIdOfFormula,
    AreaId,
    /// The population, named by the formula's `population_column`.
    PopulationOfFormula,
    Population,
    /// One of the formula's indicators.
    IndicatorOfFormula,
    Indicator,
    SchoolId,
    SchoolName,
    SchoolLevel,
    SchoolEnrollment,
    PerPupilFunding,
    SchoolLatitude,
    SchoolLongitude,
    /// In an enrollment file of area×school counts.
    AreaOfCount,
    SchoolOfCount,
    StudentCount,
    /// In a file of one row per student.
    StudentId,
    AreaOfStudent,
    SchoolOfStudent,
    /// The column a map is coloured by.
    MapColumn,
    /// A column of tiers a district published, to compare with.
    PublishedTiers,
    /// One of the formula's family items, in the student-level file.
    FamilyItemOfFormula,
}

impl Purpose {
    pub const ALL: [Purpose; 22] = [
        Purpose::AreaIdOfFormula,
        Purpose::AreaId,
        Purpose::PopulationOfFormula,
        Purpose::Population,
        Purpose::IndicatorOfFormula,
        Purpose::Indicator,
        Purpose::SchoolId,
        Purpose::SchoolName,
        Purpose::SchoolLevel,
        Purpose::SchoolEnrollment,
        Purpose::PerPupilFunding,
        Purpose::SchoolLatitude,
        Purpose::SchoolLongitude,
        Purpose::AreaOfCount,
        Purpose::SchoolOfCount,
        Purpose::StudentCount,
        Purpose::StudentId,
        Purpose::AreaOfStudent,
        Purpose::SchoolOfStudent,
        Purpose::MapColumn,
        Purpose::PublishedTiers,
        Purpose::FamilyItemOfFormula,
    ];

    /// The English words.
    pub fn english(self) -> &'static str {
        match self {
            Purpose::AreaIdOfFormula => "the area id named by \"id_column\"",
            Purpose::AreaId => "the area id",
            Purpose::PopulationOfFormula => "the population named by \"population_column\"",
            Purpose::Population => "population",
            Purpose::IndicatorOfFormula => "an indicator of the formula",
            Purpose::Indicator => "an indicator",
            Purpose::SchoolId => "the school id",
            Purpose::SchoolName => "the school name",
            Purpose::SchoolLevel => "the school level",
            Purpose::SchoolEnrollment => "the school enrollment",
            Purpose::PerPupilFunding => "current per-pupil funding",
            Purpose::SchoolLatitude => "the school's latitude",
            Purpose::SchoolLongitude => "the school's longitude",
            Purpose::AreaOfCount => "the area id of each count",
            Purpose::SchoolOfCount => "the school id of each count",
            Purpose::StudentCount => "the number of students",
            Purpose::StudentId => "the student id",
            Purpose::AreaOfStudent => "the area each student lives in",
            Purpose::SchoolOfStudent => "the school each student attends",
            Purpose::MapColumn => "the column the map is coloured by",
            Purpose::PublishedTiers => "the published tiers",
            Purpose::FamilyItemOfFormula => "a family item of the formula",
        }
    }
}

impl std::fmt::Display for Purpose {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.english())
    }
}

/// What a cell should have held.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Expected {
    /// Any number, as people and spreadsheets write them.
    Number,
    /// A count of people: zero or more.
    Count,
    /// A count, and this one is negative.
    CountNotNegative,
    /// A count, and this cell is empty.
    CountMissing,
    /// An id, and this cell is empty.
    Id,
    /// Degrees of latitude or longitude, within ±`limit`.
    Degrees { limit: f64 },
    /// A published tier: a whole number from 1 to `count`.
    Tier { count: u8 },
}

impl std::fmt::Display for Expected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const EXPECTED_NUMBER: &str = "a number such as 50733, $50,733, 1,202 or 65.78% (or blank, NA, N/A or - when missing)";
        const EXPECTED_COUNT: &str = "a number of people that is zero or more, such as 1,202";
        match self {
            Expected::Number => f.write_str(EXPECTED_NUMBER),
            Expected::Count => f.write_str(EXPECTED_COUNT),
            Expected::CountNotNegative => write!(f, "{EXPECTED_COUNT} (negative counts are not allowed)"),
            Expected::CountMissing => write!(f, "{EXPECTED_COUNT} (this cell is missing)"),
            Expected::Id => f.write_str("an id (this cell is empty)"),
            Expected::Degrees { limit } => write!(f, "degrees between -{limit} and {limit} (WGS 84)"),
            Expected::Tier { count } => write!(f, "a tier, a whole number from 1 to {count} (the formula's tier count)"),
        }
    }
}

/// What is wrong with a data file as a whole. Serialisable: the app's workbook worker sends it
/// back to the page.
#[derive(Debug, Clone, PartialEq, Eq, Error, serde::Serialize, serde::Deserialize)]
pub enum FileProblem {
    #[error("the file is empty; expected a header row and at least one data row")]
    Empty,
    #[error("the file has a header but no data rows")]
    NoDataRows,
    /// `--header-row` (or the import step) named a row that has no values.
    #[error("there is no row {row} with values to use as the header (--header-row counts rows as a spreadsheet does)")]
    NoHeaderRow { row: usize },
    /// No workbook reader recognised the bytes; `reason` is the workbook reader's.
    #[error("not a workbook this app can read ({reason}); save it as .xlsx or CSV")]
    NotAWorkbook { reason: String },
    #[error("the workbook has no sheets")]
    NoSheets,
    #[error("there is no sheet \"{wanted}\"; the sheets are: {}", sheets.join(", "))]
    NoSuchSheet { wanted: String, sheets: Vec<String> },
    /// The workbook reader could not read the sheet; `reason` is its own.
    #[error("sheet \"{sheet}\" cannot be read: {reason}")]
    SheetUnreadable { sheet: String, reason: String },
    /// A workbook met where this build has no workbook reader (the browser app's page, whose
    /// worker reads workbooks).
    #[error("is a workbook, read by the workbook reader, which is not part of this build")]
    WorkbookReaderElsewhere,
    /// Bytes that are not text in any encoding the reader knows (zero bytes, or mostly control
    /// characters): a picture, an archive, a damaged download.
    #[error("is not a text table (CSV or tab-separated text) or a workbook: its bytes are not text; choose the data file itself")]
    NotText,
}

/// A kind of JSON document the app and the CLI read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    FormulaFile,
    Scenario,
}

impl Document {
    /// The field that holds the document's version.
    pub fn version_field(self) -> &'static str {
        match self {
            Document::FormulaFile => "version",
            Document::Scenario => "scenario_version",
        }
    }
}

impl std::fmt::Display for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Document::FormulaFile => "formula file",
            Document::Scenario => "scenario",
        })
    }
}

/// Why a JSON reader refused a document: the kind, where, and the reader's own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonCause {
    pub kind: JsonProblem,
    pub line: usize,
    pub column: usize,
    /// The JSON reader's message, as the English says it (it names fields and values).
    pub reason: String,
}

/// The kinds of JSON refusal a person can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonProblem {
    /// The text stops before the document ends (a file cut short).
    EndOfInput,
    /// Not JSON at this point (a missing comma, a stray character).
    Syntax,
    /// A field the document does not have.
    UnknownField { name: String },
    /// A value that is not one of the allowed words.
    UnknownVariant { name: String },
    /// A field the document needs.
    MissingField { name: String },
    /// JSON of another shape (for example text where a number belongs).
    WrongShape,
}

impl JsonCause {
    /// The cause of a `serde_json` error. Field and value names are taken from the reader's
    /// message (between its backticks), once, here.
    pub fn of(error: &serde_json::Error) -> JsonCause {
        use serde_json::error::Category;
        let reason = error.to_string();
        let quoted = || reason.split('`').nth(1).unwrap_or_default().to_owned();
        let kind = match error.classify() {
            Category::Eof => JsonProblem::EndOfInput,
            Category::Syntax | Category::Io => JsonProblem::Syntax,
            Category::Data if reason.starts_with("unknown field") => JsonProblem::UnknownField { name: quoted() },
            Category::Data if reason.starts_with("unknown variant") => JsonProblem::UnknownVariant { name: quoted() },
            Category::Data if reason.starts_with("missing field") => JsonProblem::MissingField { name: quoted() },
            Category::Data => JsonProblem::WrongShape,
        };
        JsonCause { kind, line: error.line(), column: error.column(), reason }
    }
}

impl std::fmt::Display for JsonCause {
    /// Where the text stops being JSON in a person's words; the reader's own words only where
    /// they name a field or a value.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (line, column) = (self.line, self.column);
        match self.kind {
            JsonProblem::EndOfInput => {
                write!(f, "the file ends early (line {line}, column {column}); it may have been cut off while it was downloaded or saved")
            }
            JsonProblem::Syntax => {
                write!(f, "the text is not JSON at line {line}, column {column} (a comma, quote or bracket missing or extra)")
            }
            _ => f.write_str(&self.reason),
        }
    }
}

/// What is wrong with a formula or scenario document.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum FormulaProblem {
    #[error("too large ({kb} KB); a scenario is at most {max_kb} KB")]
    TooLarge { kb: usize, max_kb: usize },
    /// Not JSON, or JSON of another shape.
    #[error("not a valid {document}: {cause}")]
    NotValid { document: Document, cause: JsonCause },
    /// No version field: probably another kind of file.
    #[error("not a {document} (it has no \"{field}\" field; expected \"{field}\": {expected})", field = document.version_field())]
    NoVersion { document: Document, expected: u32 },
    /// A version this build does not read; `found` is the value as written; it reads
    /// versions `oldest` to `expected`.
    #[error("{document} version {found} is not supported; this version of SES Explorer reads {}", versions(*oldest, *expected))]
    UnsupportedVersion { document: Document, found: String, oldest: u32, expected: u32 },
    /// A rule of the formula is broken.
    #[error("{0}")]
    Rule(FormulaRule),
    /// A formula or allocation inside a scenario cannot be computed with.
    #[error("{0}")]
    Inner(Box<EngineError>),
    /// A saved scenario in the browser's storage, skipped because it is too large.
    #[error("skipped: too large ({kb} KB; a scenario is at most {max_kb} KB)")]
    SavedTooLarge { kb: usize, max_kb: usize },
    #[error("skipped: damaged (not JSON)")]
    SavedDamaged,
    #[error("skipped: not a saved scenario")]
    SavedNotScenario,
    #[error("skipped: {0}")]
    SavedUnreadable(JsonCause),
}

/// "version 1" or "versions 1 to 2".
fn versions(oldest: u32, newest: u32) -> String {
    if oldest == newest { format!("version {newest}") } else { format!("versions {oldest} to {newest}") }
}

/// A rule of the formula file that serde cannot check.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum FormulaRule {
    #[error("formula version {found} is not supported; expected {expected}")]
    Version { found: u32, expected: u32 },
    #[error("\"id_column\" is empty; name the column that holds each area's id")]
    EmptyIdColumn,
    #[error("the formula has no indicators; add at least one")]
    NoIndicators,
    /// `number` is 1-based.
    #[error("indicator {number} has an empty column name")]
    EmptyIndicatorColumn { number: usize },
    #[error("indicator column \"{column}\" is listed twice")]
    IndicatorTwice { column: String },
    #[error("indicator \"{column}\" has weight {weight}; weights must be zero or more")]
    NegativeWeight { column: String, weight: f64 },
    #[error("tier count {count} is not allowed; choose 1 to {max}")]
    TierCount { count: u8, max: u8 },
    #[error("{tiers} tiers need {needed} cutoffs, but {given} are given")]
    CutoffCount { tiers: u8, needed: u8, given: usize },
    /// Score cutoffs that are not numbers in increasing order.
    #[error("cutoffs must be numbers in increasing order")]
    CutoffsOutOfOrder,
    #[error("\"cutoffs\" only applies to the \"score_cutoffs\" tier method")]
    CutoffsNeedMethod,
    /// Every weight is zero, or every indicator is switched off: there is no score.
    #[error("all weights are zero (or every indicator is switched off); give at least one indicator a weight above zero")]
    NoWeight,
    /// `field` ("groups" or "missing") is a version 2 field in a version 1 file.
    #[error("\"{field}\" needs \"version\": 2")]
    NeedsVersion2 { field: String },
    #[error("a group has an empty name; name every group")]
    EmptyGroupName,
    #[error("group \"{name}\" is named twice; group names must be unique")]
    GroupTwice { name: String },
    #[error("group \"{name}\" has weight {weight}; weights must be zero or more")]
    GroupNegativeWeight { name: String, weight: f64 },
    #[error("group \"{name}\" has neither \"indicators\" nor \"groups\"; give it one of them")]
    EmptyGroup { name: String },
    #[error("group \"{name}\" has both \"indicators\" and \"groups\"; a group holds one or the other")]
    GroupOfBoth { name: String },
    /// A group lists an indicator the formula does not have (`number` is 1-based): a formula
    /// made in code, not read from a file, whose groups refer to indicators by position.
    #[error("group \"{name}\" lists indicator {number}, which the formula does not have")]
    GroupMemberMissing { name: String, number: usize },
    /// A formula of groups with an indicator outside every group (listed at the top level).
    #[error("indicator \"{column}\" is outside the groups; in a formula of groups every indicator is in one group")]
    IndicatorOutsideGroups { column: String },
    #[error("\"min_share\" is {min_share}; it must be between 0 and 1")]
    MinShare { min_share: f64 },
    /// `assign_tier` without a tier, or with one the formula does not have.
    #[error("the \"assign_tier\" policy needs a \"tier\" from 1 to {count}{}", tier.map(|t| format!("; it is {t}")).unwrap_or_default())]
    AssignedTier { tier: Option<u8>, count: u8 },
    #[error("\"tier\" only applies to the \"assign_tier\" policy")]
    TierWithoutAssignTier,
    /// The student part's `area_share` outside 0 to 1.
    #[error("the student part's \"area_share\" is {area_share}; it must be between 0 and 1")]
    AreaShare { area_share: f64 },
    /// `number` is 1-based.
    #[error("family item {number} has an empty column name")]
    EmptyFamilyColumn { number: usize },
    #[error("family item column \"{column}\" is listed twice")]
    FamilyItemTwice { column: String },
    /// Fewer than two levels, an empty one, or one listed twice.
    #[error("family item \"{column}\" needs at least two different \"levels\", lowest first")]
    FamilyLevels { column: String },
    /// Student tiers counted differently from the areas'.
    #[error("the student part has {count} tiers but the formula has {area_tiers}; give both the same count")]
    StudentTierCount { count: u8, area_tiers: u8 },
}

/// What is wrong in a boundaries (GeoJSON) file. `value` is a short quote of the JSON at fault.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum GeometryProblem {
    /// Not JSON at all; `cause` is the JSON reader's.
    #[error("is not GeoJSON: {cause} (expected a FeatureCollection of Polygon and MultiPolygon features)")]
    NotJson { cause: JsonCause },
    #[error("is not GeoJSON: expected {{\"type\": \"FeatureCollection\", \"features\": [...]}}")]
    NotFeatureCollection,
    #[error("the FeatureCollection has no \"features\" list")]
    NoFeatures,
    #[error("{value} is not a position; expected [longitude, latitude]")]
    NotAPosition { value: String },
    #[error("{value} is not a ring; expected a list of positions")]
    NotARing { value: String },
    #[error("{value} is not a polygon; expected a list of rings")]
    NotAPolygon { value: String },
    #[error("{value} is not a list of polygons")]
    NotPolygons { value: String },
    /// `kind` is the GeoJSON type as written (Polygon or MultiPolygon).
    #[error("the {kind} has no \"coordinates\"")]
    NoCoordinates { kind: String },
    #[error("\"{kind}\" is not a GeoJSON geometry type; expected Polygon or MultiPolygon")]
    UnknownType { kind: String },
}

/// A setting that cannot be computed with, or a step that cannot be taken on this data.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SettingsProblem {
    /// A rule of the formula, outside a formula file (the app's edits).
    #[error("{0}")]
    Formula(FormulaRule),
    #[error("no preset fits this data; map its columns to indicators first")]
    NoPresetFits,
    /// `preset` is the preset's id (as share links name it).
    #[error("the preset \"{preset}\" needs columns this data does not have")]
    PresetNeedsColumns { preset: String },
    /// Numbers are 1-based.
    #[error("there is no indicator {number}")]
    NoIndicator { number: usize },
    #[error("there is no cutoff {number}")]
    NoCutoff { number: usize },
    #[error("there is no tier {number}")]
    NoTier { number: usize },
    #[error("there is no group {number}")]
    NoGroup { number: usize },
    #[error("this scenario uses columns that {data} does not have: {}", columns.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", "))]
    ScenarioColumnsMissing { data: String, columns: Vec<String> },
    /// Workshop codes: none pasted.
    #[error("paste the participants' codes or share links first")]
    NoCodes,
    /// Workshop codes: none of the `rejected` could be used.
    #[error("none of the {rejected} submissions can be used")]
    NoCodeUsable { rejected: usize },
    #[error("{file}: the columns of the published formula are not there")]
    ExampleColumnsMissing { file: String },
    #[error("choose one file as the areas file (the one with neighbourhood indicators)")]
    NoAreasFile,
    #[error("only one file can be the areas file; mark the others as something else")]
    SeveralAreasFiles,
    #[error("{file}: choose at least one indicator column")]
    NoIndicatorChosen { file: String },
    #[error("{file}: schools need an enrollment file (students per area and school) or a student file")]
    SchoolsNeedEnrollment { file: String },
    #[error("{file}: enrollment needs a schools file too")]
    EnrollmentNeedsSchools { file: String },
    /// A formula with a student part, and data without one row per student.
    #[error("the formula has a student part; it needs a student-level file (one row per student, with the family columns)")]
    StudentPartNeedsStudents,
    #[error("the formula's columns, directions or normalisation changed; prepare the data again")]
    PreparedForAnotherFormula,
    #[error("the baseline was computed on different data; set the baseline again")]
    BaselineOnOtherData,
    #[error("the allocation gives {given} tier weights but the formula has {tiers} tiers; give one weight per tier")]
    TierWeightCount { given: usize, tiers: u8 },
    #[error("the number of draws must be between 1 and {max}; it is {draws}")]
    Draws { draws: u32, max: u32 },
    #[error("finding weights needs at least two indicators switched on")]
    FitNeedsIndicators,
    #[error("every published tier is the same; there is nothing to tell the weights apart")]
    FitOneTier,
    #[error("the linear programme behind the fit found no answer; try fewer indicators")]
    FitUnsolved,
    /// `spread` is a fraction (0.25 = 25%).
    #[error("the spread of the weights must be at least 0% and under 100%; it is {}%", spread * 100.0)]
    Spread { spread: f64 },
}

/// A value from a file as a message shows it: control characters written out (`\0`, `\t`,
/// `\u{1b}`), so a cell holding an invisible character does not read as a blank or a space.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\0' => out.push_str("\\0"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod visible_tests {
    use super::*;

    #[test]
    fn control_characters_in_a_value_are_written_out() {
        assert_eq!(visible("\x0056.6"), "\\056.6");
        assert_eq!(visible("a\tb\u{1b}c"), "a\\tb\\u{1b}c");
        assert_eq!(visible("Peña 56.6"), "Peña 56.6", "other text unchanged");
        let e = EngineError::InvalidValue {
            file: "a.csv".into(),
            row: 3,
            column: "income".into(),
            value: "\x0056.6".into(),
            expected: Expected::Number,
        };
        assert!(e.to_string().starts_with("a.csv: row 3, column \"income\": \"\\056.6\" is not valid; expected a number"));
    }
}
