//! Every [`EngineError`] in words, in each language, built from the error's typed fields.
//!
//! English is the engine's own wording (what `ses` prints), so [`Lang::error`] in English is
//! the error's `Display`; the catalogue's English is the same sentence (tested variant by
//! variant), and the other languages fill their templates from the same fields. Nothing here
//! reads an error's text back: a reworded engine message cannot silently lose its translation.
//!
//! The reasons a library gives (the CSV, workbook and JSON readers') are English; English
//! keeps them as written, the other languages say what kind of problem it is.

use std::fmt::Display;

use super::{Lang, Msg, catalogue as m};
use crate::app::scenario::{SHARE_LINK_SOURCE, saved_name};
use crate::engine::EngineError;
use crate::engine::error::{
    Document, Expected, FileProblem, FormulaProblem, FormulaRule, GeometryProblem, InvalidGroup, JsonCause, JsonProblem, Purpose,
    SettingsProblem, visible,
};
use crate::engine::fit::PublishedNote;
use crate::engine::geometry::LeftOutReason;
use crate::engine::model::{Exclusion, ReadNote};

impl Lang {
    /// What is wrong, naming file, row, column and value as the engine does.
    pub fn error(self, error: &EngineError) -> String {
        match self {
            Lang::En => error.to_string(),
            _ => self.error_words(error),
        }
    }

    /// The error from the catalogue (in English too, for the test that the catalogue's
    /// English is the engine's).
    pub(super) fn error_words(self, error: &EngineError) -> String {
        let list = |items: &[String]| items.join(", ");
        match error {
            EngineError::Csv { file, row, reason } => {
                let reason = self.library_reason(reason, m::REASON_CSV);
                self.fill(m::ERR_UNREADABLE_ROW, &[("file", file), ("row", row), ("reason", &reason)])
            }
            EngineError::RaggedRow { file, row, expected, found } => {
                self.fill(m::ERR_RAGGED, &[("file", file), ("row", row), ("expected", expected), ("found", found)])
            }
            EngineError::File { file, problem } => self.fill(m::ERR_IN_FILE, &[("file", file), ("problem", &self.file_problem(problem))]),
            EngineError::DuplicateColumn { file, column } => self.fill(m::ERR_DUPLICATE_COLUMN, &[("file", file), ("column", column)]),
            EngineError::MissingColumn { file, column, purpose, available } => self.fill(
                m::ERR_MISSING_COLUMN,
                &[("file", file), ("column", column), ("purpose", &self.purpose(*purpose)), ("available", &list(available))],
            ),
            EngineError::ColumnNotRead { file, column, purpose } => {
                self.fill(m::ERR_COLUMN_NOT_READ, &[("file", file), ("column", column), ("purpose", &self.purpose(*purpose))])
            }
            EngineError::InvalidValue { file, row, column, value, expected } => self.fill(
                m::ERR_INVALID_VALUE,
                &[("file", file), ("row", row), ("column", column), ("value", &visible(value)), ("expected", &self.expected(*expected))],
            ),
            EngineError::InvalidValues { file, groups, total } => {
                let groups: Vec<String> = groups.iter().map(|g| self.invalid_group(g)).collect();
                self.fill(m::ERR_INVALID_VALUES, &[("file", file), ("total", total), ("groups", &groups.join("; "))])
            }
            EngineError::DuplicateId { file, row, column, id, first_row } => self.fill(
                m::ERR_DUPLICATE_ID,
                &[("file", file), ("row", row), ("column", column), ("id", &visible(id)), ("first_row", first_row)],
            ),
            EngineError::UnknownId { file, row, column, id, other_file } => self.fill(
                m::ERR_UNKNOWN_ID,
                &[("file", file), ("row", row), ("column", column), ("id", &visible(id)), ("other_file", other_file)],
            ),
            EngineError::LinkDamaged => self.t(m::ERR_LINK_DAMAGED).to_owned(),
            EngineError::LinkTooNew { version } => self.fill(m::ERR_LINK_TOO_NEW, &[("version", version)]),
            EngineError::InvalidFormula { file, problem } => {
                self.fill(m::ERR_IN_FILE, &[("file", &self.document_name(file)), ("problem", &self.formula_problem(problem))])
            }
            EngineError::InvalidSettings(problem) => self.settings_problem(problem),
            EngineError::InvalidGeometry { file, feature: None, problem } => {
                self.fill(m::ERR_IN_FILE, &[("file", file), ("problem", &self.geometry_problem(problem))])
            }
            EngineError::InvalidGeometry { file, feature: Some(feature), problem } => {
                self.fill(m::ERR_IN_FEATURE, &[("file", file), ("feature", feature), ("problem", &self.geometry_problem(problem))])
            }
            EngineError::NotLonLat { file, feature, value } => {
                self.fill(m::ERR_NOT_LON_LAT, &[("file", file), ("feature", feature), ("value", value)])
            }
            EngineError::TooManyVertices { file, max } => self.fill(m::ERR_TOO_MANY_VERTICES, &[("file", file), ("max", max)]),
            EngineError::NothingToDraw { file } => self.fill(m::ERR_NOTHING_TO_DRAW, &[("file", file)]),
            EngineError::NoIdProperty { file, properties, example } => {
                let properties = if properties.is_empty() { self.t(m::THERE_ARE_NONE).to_owned() } else { list(properties) };
                self.fill(m::ERR_NO_ID_PROPERTY, &[("file", file), ("properties", &properties), ("example", example)])
            }
            EngineError::NoSuchProperty { file, property, properties } => {
                self.fill(m::ERR_NO_SUCH_PROPERTY, &[("file", file), ("property", property), ("properties", &list(properties))])
            }
            EngineError::PoolOutOfRange { pool, max } => self.fill(m::ERR_POOL_RANGE, &[("pool", pool), ("max", &format!("{max:.0}"))]),
            EngineError::ServeCutoffOutOfRange { cutoff } => self.fill(m::ERR_SERVE_CUTOFF_RANGE, &[("cutoff", cutoff)]),
            EngineError::NegativeTierWeight => self.t(m::ERR_NEGATIVE_TIER_WEIGHT).to_owned(),
            EngineError::NothingToScore { file } => self.fill(m::ERR_NOTHING_TO_SCORE, &[("file", file)]),
        }
    }

    /// A library's reason: as written in English, what kind of problem it is otherwise.
    fn library_reason(self, reason: &str, kind: Msg) -> String {
        match self {
            Lang::En => reason.to_owned(),
            _ => self.t(kind).to_owned(),
        }
    }

    /// What a column was needed for.
    pub fn purpose(self, purpose: Purpose) -> &'static str {
        self.t(match purpose {
            Purpose::AreaIdOfFormula => m::PURPOSE_AREA_ID_NAMED,
            Purpose::AreaId => m::PURPOSE_AREA_ID,
            Purpose::PopulationOfFormula => m::PURPOSE_POPULATION_NAMED,
            Purpose::Population => m::PURPOSE_POPULATION,
            Purpose::IndicatorOfFormula => m::PURPOSE_INDICATOR_OF_FORMULA,
            Purpose::Indicator => m::PURPOSE_INDICATOR,
            Purpose::SchoolId => m::PURPOSE_SCHOOL_ID,
            Purpose::SchoolName => m::PURPOSE_SCHOOL_NAME,
            Purpose::SchoolLevel => m::PURPOSE_SCHOOL_LEVEL,
            Purpose::SchoolEnrollment => m::PURPOSE_ENROLLMENT,
            Purpose::PerPupilFunding => m::PURPOSE_FUNDING,
            Purpose::SchoolLatitude => m::PURPOSE_LATITUDE,
            Purpose::SchoolLongitude => m::PURPOSE_LONGITUDE,
            Purpose::AreaOfCount => m::PURPOSE_AREA_OF_COUNT,
            Purpose::SchoolOfCount => m::PURPOSE_SCHOOL_OF_COUNT,
            Purpose::StudentCount => m::PURPOSE_STUDENTS,
            Purpose::StudentId => m::PURPOSE_STUDENT_ID,
            Purpose::AreaOfStudent => m::PURPOSE_AREA_OF_STUDENT,
            Purpose::SchoolOfStudent => m::PURPOSE_SCHOOL_OF_STUDENT,
            Purpose::MapColumn => m::PURPOSE_MAP_COLUMN,
            Purpose::PublishedTiers => m::PURPOSE_PUBLISHED_TIERS,
        })
    }

    /// What a cell should have held.
    pub fn expected(self, expected: Expected) -> String {
        let count = self.t(m::EXPECTED_COUNT);
        match expected {
            Expected::Number => self.t(m::EXPECTED_NUMBER).to_owned(),
            Expected::Count => count.to_owned(),
            Expected::CountNotNegative => self.fill(m::EXPECTED_NOT_NEGATIVE, &[("count", &count)]),
            Expected::CountMissing => self.fill(m::EXPECTED_MISSING, &[("count", &count)]),
            Expected::Id => self.t(m::EXPECTED_ID).to_owned(),
            Expected::Degrees { limit } => self.fill(m::EXPECTED_DEGREES, &[("limit", &limit)]),
            Expected::Tier { count } => self.fill(m::EXPECTED_TIER, &[("count", &count)]),
        }
    }

    /// One column's cells holding one bad value, and where.
    fn invalid_group(self, group: &InvalidGroup) -> String {
        let rows = group.rows.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
        let more = group.count - group.rows.len();
        let msg = match (group.count, more) {
            (1, _) => m::INVALID_IN_ROW,
            (_, 0) => m::INVALID_IN_ROWS,
            _ if group.rows.is_empty() => m::INVALID_IN_ROWS_UNLISTED,
            _ => m::INVALID_IN_ROWS_MORE,
        };
        self.fill(
            msg,
            &[
                ("column", &group.column),
                ("value", &visible(&group.value)),
                ("n", &group.count),
                ("rows", &rows),
                ("more", &more),
                ("expected", &self.expected(group.expected)),
            ],
        )
    }

    /// A formula's or scenario's source as the person knows it: a file by its name, the share
    /// link and a saved scenario in the page's language.
    fn document_name(self, source: &str) -> String {
        if source == SHARE_LINK_SOURCE {
            return self.t(m::FROM_SHARE_LINK).to_owned();
        }
        match saved_name(source) {
            Some(name) => self.fill(m::SAVED_SCENARIO_SOURCE, &[("name", &name)]),
            None => source.to_owned(),
        }
    }

    /// A note on how a file's values were read.
    pub fn read_note(self, note: &ReadNote) -> String {
        match note {
            ReadNote::TopCoded { file, column, count } => self.fill(m::NOTE_TOP_CODED, &[("file", file), ("column", column), ("n", count)]),
            ReadNote::BottomCoded { file, column, count } => {
                self.fill(m::NOTE_BOTTOM_CODED, &[("file", file), ("column", column), ("n", count)])
            }
            ReadNote::ReadAsMissing { file, column, markers } => {
                let listed: Vec<String> = markers
                    .iter()
                    .map(|marker| {
                        let msg = match (marker.count, marker.declared) {
                            (1, false) => m::MARKER_ONE_CELL,
                            (_, false) => m::MARKER_CELLS,
                            (1, true) => m::MARKER_ONE_CELL_DECLARED,
                            (_, true) => m::MARKER_CELLS_DECLARED,
                        };
                        self.fill(msg, &[("text", &marker.text), ("n", &marker.count)])
                    })
                    .collect();
                self.fill(m::NOTE_READ_AS_MISSING, &[("file", file), ("column", column), ("markers", &listed.join(", "))])
            }
        }
    }

    /// A row left out of scoring, and the columns it has no value in.
    pub fn exclusion(self, row: &Exclusion) -> String {
        let columns = row.columns.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
        self.fill(m::ROW_NOT_SCORED, &[("file", &row.file), ("row", &row.row), ("id", &row.id), ("columns", &columns)])
    }

    /// Why a boundary is not drawn.
    pub fn left_out_reason(self, reason: &LeftOutReason) -> String {
        match reason {
            LeftOutReason::NoGeometry => self.t(m::LEFT_OUT_NO_GEOMETRY).to_owned(),
            LeftOutReason::NotAnArea { kind } => self.fill(m::LEFT_OUT_NOT_AN_AREA, &[("kind", kind)]),
            LeftOutReason::Degenerate => self.t(m::LEFT_OUT_DEGENERATE).to_owned(),
        }
    }

    /// Areas a published-tier column gives no tier, and the zeros to check.
    pub fn published_note(self, note: &PublishedNote) -> String {
        let msg = if note.skipped == 1 { m::PUBLISHED_SKIPPED_ONE } else { m::PUBLISHED_SKIPPED };
        let mut text = self.fill(msg, &[("file", &note.file), ("column", &note.column), ("n", &note.skipped)]);
        if !note.zero_rows_to_check.is_empty() {
            let rows = note.zero_rows_to_check.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
            text.push_str(&self.fill(m::PUBLISHED_CHECK_ZEROS, &[("rows", &rows)]));
        }
        text
    }

    fn file_problem(self, problem: &FileProblem) -> String {
        match problem {
            FileProblem::NotText => self.t(m::FILE_NOT_TEXT).to_owned(),
            FileProblem::Empty => self.t(m::FILE_EMPTY).to_owned(),
            FileProblem::NoDataRows => self.t(m::FILE_NO_ROWS).to_owned(),
            FileProblem::NoHeaderRow { row } => self.fill(m::FILE_NO_HEADER_ROW, &[("row", row)]),
            FileProblem::NotAWorkbook { reason } => {
                self.fill(m::FILE_NOT_A_WORKBOOK, &[("reason", &self.library_reason(reason, m::REASON_WORKBOOK_FORMAT))])
            }
            FileProblem::NoSheets => self.t(m::FILE_NO_SHEETS).to_owned(),
            FileProblem::WorkbookReaderElsewhere => self.t(m::FILE_READER_ELSEWHERE).to_owned(),
            FileProblem::NoSuchSheet { wanted, sheets } => {
                self.fill(m::FILE_NO_SUCH_SHEET, &[("wanted", wanted), ("sheets", &sheets.join(", "))])
            }
            FileProblem::SheetUnreadable { sheet, reason } => {
                self.fill(m::FILE_SHEET_UNREADABLE, &[("sheet", sheet), ("reason", &self.library_reason(reason, m::REASON_SHEET))])
            }
        }
    }

    fn document(self, document: Document) -> &'static str {
        self.t(match document {
            Document::FormulaFile => m::DOC_FORMULA_FILE,
            Document::Scenario => m::DOC_SCENARIO,
        })
    }

    /// Why the JSON reader refused a document: its own words in English; otherwise the kind
    /// of problem and where it is.
    fn json_cause(self, cause: &JsonCause) -> String {
        let reader_words = !matches!(cause.kind, JsonProblem::EndOfInput | JsonProblem::Syntax);
        if self == Lang::En && reader_words {
            return cause.reason.clone();
        }
        let at: [(&str, &dyn Display); 2] = [("line", &cause.line), ("column", &cause.column)];
        let named = |msg: Msg, name: &String| self.fill(msg, &[("name", name), at[0], at[1]]);
        match &cause.kind {
            JsonProblem::EndOfInput => self.fill(m::JSON_END, &at),
            JsonProblem::Syntax => self.fill(m::JSON_SYNTAX, &at),
            JsonProblem::UnknownField { name } => named(m::JSON_UNKNOWN_FIELD, name),
            JsonProblem::UnknownVariant { name } => named(m::JSON_UNKNOWN_VARIANT, name),
            JsonProblem::MissingField { name } => named(m::JSON_MISSING_FIELD, name),
            JsonProblem::WrongShape => self.fill(m::JSON_WRONG_SHAPE, &at),
        }
    }

    fn formula_problem(self, problem: &FormulaProblem) -> String {
        match problem {
            FormulaProblem::TooLarge { kb, max_kb } => self.fill(m::FORMULA_TOO_LARGE, &[("kb", kb), ("max_kb", max_kb)]),
            FormulaProblem::NotValid { document, cause } => {
                self.fill(m::FORMULA_NOT_VALID, &[("document", &self.document(*document)), ("cause", &self.json_cause(cause))])
            }
            FormulaProblem::NoVersion { document, expected } => self.fill(
                m::FORMULA_NO_VERSION,
                &[("document", &self.document(*document)), ("field", &document.version_field()), ("expected", expected)],
            ),
            FormulaProblem::UnsupportedVersion { document, found, oldest, expected } => {
                let versions = if oldest == expected {
                    self.fill(m::VERSION_ONE, &[("n", expected)])
                } else {
                    self.fill(m::VERSION_RANGE, &[("oldest", oldest), ("newest", expected)])
                };
                self.fill(
                    m::FORMULA_UNSUPPORTED_VERSION,
                    &[("document", &self.document(*document)), ("found", found), ("versions", &versions)],
                )
            }
            FormulaProblem::Rule(rule) => self.formula_rule(rule),
            FormulaProblem::Inner(inner) => self.error_words(inner),
            FormulaProblem::SavedTooLarge { kb, max_kb } => self.fill(m::SAVED_TOO_LARGE, &[("kb", kb), ("max_kb", max_kb)]),
            FormulaProblem::SavedDamaged => self.t(m::SAVED_DAMAGED).to_owned(),
            FormulaProblem::SavedNotScenario => self.t(m::SAVED_NOT_SCENARIO).to_owned(),
            FormulaProblem::SavedUnreadable(cause) => self.fill(m::SAVED_UNREADABLE, &[("cause", &self.json_cause(cause))]),
        }
    }

    fn formula_rule(self, rule: &FormulaRule) -> String {
        match rule {
            FormulaRule::Version { found, expected } => self.fill(m::RULE_VERSION, &[("found", found), ("expected", expected)]),
            FormulaRule::EmptyIdColumn => self.t(m::RULE_EMPTY_ID_COLUMN).to_owned(),
            FormulaRule::NoIndicators => self.t(m::RULE_NO_INDICATORS).to_owned(),
            FormulaRule::EmptyIndicatorColumn { number } => self.fill(m::RULE_EMPTY_INDICATOR_COLUMN, &[("number", number)]),
            FormulaRule::IndicatorTwice { column } => self.fill(m::RULE_INDICATOR_TWICE, &[("column", column)]),
            FormulaRule::NegativeWeight { column, weight } => self.fill(m::RULE_NEGATIVE_WEIGHT, &[("column", column), ("weight", weight)]),
            FormulaRule::TierCount { count, max } => self.fill(m::RULE_TIER_COUNT, &[("count", count), ("max", max)]),
            FormulaRule::CutoffCount { tiers, needed, given } => {
                self.fill(m::RULE_CUTOFF_COUNT, &[("tiers", tiers), ("needed", needed), ("given", given)])
            }
            FormulaRule::CutoffsNeedMethod => self.t(m::RULE_CUTOFFS_NEED_METHOD).to_owned(),
            FormulaRule::CutoffsOutOfOrder => self.t(m::ERR_CUTOFFS_ORDER).to_owned(),
            FormulaRule::NoWeight => self.t(m::ERR_NO_WEIGHT).to_owned(),
            FormulaRule::NeedsVersion2 { field } => self.fill(m::RULE_NEEDS_VERSION_2, &[("field", field)]),
            FormulaRule::EmptyGroupName => self.t(m::RULE_EMPTY_GROUP_NAME).to_owned(),
            FormulaRule::GroupTwice { name } => self.fill(m::RULE_GROUP_TWICE, &[("name", name)]),
            FormulaRule::GroupNegativeWeight { name, weight } => {
                self.fill(m::RULE_GROUP_NEGATIVE_WEIGHT, &[("name", name), ("weight", weight)])
            }
            FormulaRule::EmptyGroup { name } => self.fill(m::RULE_EMPTY_GROUP, &[("name", name)]),
            FormulaRule::GroupOfBoth { name } => self.fill(m::RULE_GROUP_OF_BOTH, &[("name", name)]),
            FormulaRule::IndicatorOutsideGroups { column } => self.fill(m::RULE_INDICATOR_OUTSIDE_GROUPS, &[("column", column)]),
            FormulaRule::MinShare { min_share } => self.fill(m::RULE_MIN_SHARE, &[("min_share", min_share)]),
            FormulaRule::AssignedTier { tier, count } => {
                let it_is = tier.map(|t| self.fill(m::RULE_IT_IS, &[("n", &t)])).unwrap_or_default();
                self.fill(m::RULE_ASSIGNED_TIER, &[("count", count), ("it_is", &it_is)])
            }
            FormulaRule::TierWithoutAssignTier => self.t(m::RULE_TIER_WITHOUT_ASSIGN_TIER).to_owned(),
        }
    }

    fn settings_problem(self, problem: &SettingsProblem) -> String {
        match problem {
            SettingsProblem::Formula(rule) => self.formula_rule(rule),
            SettingsProblem::NoPresetFits => self.t(m::SET_NO_PRESET_FITS).to_owned(),
            SettingsProblem::PresetNeedsColumns { preset } => {
                // The preset by its name in this language (the error holds its id).
                let name = crate::app::presets::Preset::from_id(preset).map_or_else(|| preset.clone(), |p| p.label(self).to_owned());
                self.fill(m::SET_PRESET_NEEDS_COLUMNS, &[("preset", &name)])
            }
            SettingsProblem::NoIndicator { number } => self.fill(m::SET_NO_INDICATOR, &[("number", number)]),
            SettingsProblem::NoCutoff { number } => self.fill(m::SET_NO_CUTOFF, &[("number", number)]),
            SettingsProblem::NoTier { number } => self.fill(m::SET_NO_TIER, &[("number", number)]),
            SettingsProblem::NoGroup { number } => self.fill(m::SET_NO_GROUP, &[("number", number)]),
            SettingsProblem::ScenarioColumnsMissing { data, columns } => {
                let columns = columns.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
                self.fill(m::SET_SCENARIO_COLUMNS_MISSING, &[("data", data), ("columns", &columns)])
            }
            SettingsProblem::NoCodes => self.t(m::ROUND_UP_NOTHING).to_owned(),
            SettingsProblem::NoCodeUsable { rejected } => self.fill(m::ROUND_UP_NONE_USABLE, &[("n", rejected)]),
            SettingsProblem::ExampleColumnsMissing { file } => self.fill(m::SET_EXAMPLE_COLUMNS_MISSING, &[("file", file)]),
            SettingsProblem::NoAreasFile => self.t(m::SET_NO_AREAS_FILE).to_owned(),
            SettingsProblem::SeveralAreasFiles => self.t(m::SET_SEVERAL_AREAS_FILES).to_owned(),
            SettingsProblem::NoIndicatorChosen { file } => self.fill(m::SET_NO_INDICATOR_CHOSEN, &[("file", file)]),
            SettingsProblem::SchoolsNeedEnrollment { file } => self.fill(m::SET_SCHOOLS_NEED_ENROLLMENT, &[("file", file)]),
            SettingsProblem::EnrollmentNeedsSchools { file } => self.fill(m::SET_ENROLLMENT_NEEDS_SCHOOLS, &[("file", file)]),
            SettingsProblem::PreparedForAnotherFormula => self.t(m::SET_PREPARED_FOR_ANOTHER).to_owned(),
            SettingsProblem::BaselineOnOtherData => self.t(m::SET_BASELINE_OTHER_DATA).to_owned(),
            SettingsProblem::TierWeightCount { given, tiers } => self.fill(m::SET_TIER_WEIGHT_COUNT, &[("given", given), ("tiers", tiers)]),
            SettingsProblem::FitNeedsIndicators => self.t(m::SET_FIT_NEEDS_INDICATORS).to_owned(),
            SettingsProblem::FitOneTier => self.t(m::SET_FIT_ONE_TIER).to_owned(),
            SettingsProblem::FitUnsolved => self.t(m::SET_FIT_UNSOLVED).to_owned(),
            SettingsProblem::Draws { draws, max } => self.fill(m::SET_DRAWS, &[("draws", draws), ("max", max)]),
            SettingsProblem::Spread { spread } => self.fill(m::SET_SPREAD, &[("spread", &(spread * 100.0))]),
        }
    }

    fn geometry_problem(self, problem: &GeometryProblem) -> String {
        match problem {
            GeometryProblem::NotJson { cause } => self.fill(m::GEO_NOT_JSON, &[("cause", &self.json_cause(cause))]),
            GeometryProblem::NotFeatureCollection => self.t(m::GEO_NOT_FEATURE_COLLECTION).to_owned(),
            GeometryProblem::NoFeatures => self.t(m::GEO_NO_FEATURES).to_owned(),
            GeometryProblem::NotAPosition { value } => self.fill(m::GEO_NOT_A_POSITION, &[("value", value)]),
            GeometryProblem::NotARing { value } => self.fill(m::GEO_NOT_A_RING, &[("value", value)]),
            GeometryProblem::NotAPolygon { value } => self.fill(m::GEO_NOT_A_POLYGON, &[("value", value)]),
            GeometryProblem::NotPolygons { value } => self.fill(m::GEO_NOT_POLYGONS, &[("value", value)]),
            GeometryProblem::NoCoordinates { kind } => self.fill(m::GEO_NO_COORDINATES, &[("kind", kind)]),
            GeometryProblem::UnknownType { kind } => self.fill(m::GEO_UNKNOWN_TYPE, &[("kind", kind)]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::formula::Formula;

    /// A real refusal of the JSON reader, for each kind a person meets.
    fn json_causes() -> Vec<JsonCause> {
        let demo = crate::engine::demo::demo_formula().to_json();
        let refusal = |text: &str| JsonCause::of(&serde_json::from_str::<Formula>(text).unwrap_err());
        vec![
            refusal(&demo[..demo.len() / 2]),
            refusal("{\"version\": 1,, }"),
            refusal(&demo.replace("\"name\"", "\"nmae\"")),
            refusal(&demo.replace("weighted_percentile", "rank")),
            refusal(&demo.replace("\"id_column\": \"area_id\",", "")),
            refusal(&demo.replace("\"version\": 1", "\"version\": \"one\"")),
        ]
    }

    /// One error of every kind, every typed field's every value included. The names from
    /// the data (files, columns, values, ids) are not English words, so the Spanish test can
    /// tell them from untranslated text.
    fn samples() -> Vec<EngineError> {
        let file = || "datos.csv".to_string();
        let mut all = vec![
            EngineError::Csv { file: file(), row: 7, reason: "found record with 3 fields, but the previous record has 2 fields".into() },
            EngineError::RaggedRow { file: file(), row: 3, expected: 4, found: 2 },
            EngineError::DuplicateColumn { file: file(), column: "c1".into() },
            EngineError::DuplicateId { file: file(), row: 4, column: "c1".into(), id: "a\u{0}1".into(), first_row: 2 },
            EngineError::UnknownId { file: file(), row: 4, column: "c1".into(), id: "a1".into(), other_file: "escuelas.csv".into() },
            EngineError::LinkDamaged,
            EngineError::LinkTooNew { version: 9 },
            EngineError::NotLonLat { file: "mapa.geojson".into(), feature: 3, value: "[350000,4600000]".into() },
            EngineError::TooManyVertices { file: "mapa.geojson".into(), max: 1_000_000 },
            EngineError::NothingToDraw { file: "mapa.geojson".into() },
            EngineError::NoIdProperty { file: "mapa.geojson".into(), properties: vec![], example: "a1".into() },
            EngineError::NoIdProperty { file: "mapa.geojson".into(), properties: vec!["p1".into(), "p2".into()], example: "a1".into() },
            EngineError::NoSuchProperty { file: "mapa.geojson".into(), property: "p3".into(), properties: vec!["p1".into()] },
            EngineError::PoolOutOfRange { pool: -5.0, max: 1e12 },
            EngineError::ServeCutoffOutOfRange { cutoff: 120.0 },
            EngineError::NegativeTierWeight,
            EngineError::NothingToScore { file: file() },
        ];
        for problem in [
            FileProblem::Empty,
            FileProblem::NoDataRows,
            FileProblem::NoHeaderRow { row: 9 },
            FileProblem::NotAWorkbook { reason: "Cannot detect file format".into() },
            FileProblem::NoSheets,
            FileProblem::NoSuchSheet { wanted: "h2".into(), sheets: vec!["h1".into()] },
            FileProblem::SheetUnreadable { sheet: "h1".into(), reason: "Invalid shared string at index 3".into() },
            FileProblem::WorkbookReaderElsewhere,
            FileProblem::NotText,
        ] {
            all.push(EngineError::File { file: file(), problem });
        }
        for purpose in Purpose::ALL {
            all.push(EngineError::MissingColumn { file: file(), column: "c1".into(), purpose, available: vec!["c2".into(), "c3".into()] });
            all.push(EngineError::ColumnNotRead { file: file(), column: "c1".into(), purpose });
        }
        for expected in [
            Expected::Number,
            Expected::Count,
            Expected::CountNotNegative,
            Expected::CountMissing,
            Expected::Id,
            Expected::Degrees { limit: 90.0 },
            Expected::Tier { count: 4 },
        ] {
            all.push(EngineError::InvalidValue { file: file(), row: 3, column: "c1".into(), value: "v\t1".into(), expected });
        }
        let group = |count: usize, rows: Vec<usize>| InvalidGroup {
            column: "c1".into(),
            value: "n/a (v1)".into(),
            expected: Expected::Number,
            rows,
            count,
        };
        all.push(EngineError::InvalidValues {
            file: file(),
            groups: vec![group(1, vec![4]), group(3, vec![5, 9, 12]), group(60, vec![2, 3]), group(7, vec![])],
            total: 71,
        });
        let rules = [
            FormulaRule::Version { found: 3, expected: 1 },
            FormulaRule::EmptyIdColumn,
            FormulaRule::NoIndicators,
            FormulaRule::EmptyIndicatorColumn { number: 2 },
            FormulaRule::IndicatorTwice { column: "c1".into() },
            FormulaRule::NegativeWeight { column: "c1".into(), weight: -1.5 },
            FormulaRule::TierCount { count: 12, max: 10 },
            FormulaRule::CutoffCount { tiers: 4, needed: 3, given: 1 },
            FormulaRule::CutoffsNeedMethod,
            FormulaRule::CutoffsOutOfOrder,
            FormulaRule::NoWeight,
            FormulaRule::NeedsVersion2 { field: "groups".into() },
            FormulaRule::EmptyGroupName,
            FormulaRule::GroupTwice { name: "g1".into() },
            FormulaRule::GroupNegativeWeight { name: "g1".into(), weight: -2.0 },
            FormulaRule::EmptyGroup { name: "g1".into() },
            FormulaRule::GroupOfBoth { name: "g1".into() },
            FormulaRule::IndicatorOutsideGroups { column: "c1".into() },
            FormulaRule::MinShare { min_share: 1.5 },
            FormulaRule::AssignedTier { tier: None, count: 3 },
            FormulaRule::AssignedTier { tier: Some(5), count: 3 },
            FormulaRule::TierWithoutAssignTier,
        ];
        let mut problems = vec![FormulaProblem::TooLarge { kb: 80, max_kb: 64 }];
        for document in [Document::FormulaFile, Document::Scenario] {
            problems.extend(json_causes().into_iter().map(|cause| FormulaProblem::NotValid { document, cause }));
            problems.push(FormulaProblem::NoVersion { document, expected: 1 });
            problems.push(FormulaProblem::UnsupportedVersion { document, found: "7".into(), oldest: 1, expected: 1 });
            problems.push(FormulaProblem::UnsupportedVersion { document, found: "7".into(), oldest: 1, expected: 2 });
        }
        problems.extend(rules.iter().cloned().map(FormulaProblem::Rule));
        problems.push(FormulaProblem::Inner(Box::new(EngineError::PoolOutOfRange { pool: -1.0, max: 1e12 })));
        problems.push(FormulaProblem::SavedTooLarge { kb: 80, max_kb: 64 });
        problems.push(FormulaProblem::SavedDamaged);
        problems.push(FormulaProblem::SavedNotScenario);
        problems.extend(json_causes().into_iter().map(FormulaProblem::SavedUnreadable));
        all.extend(problems.into_iter().map(|problem| EngineError::InvalidFormula { file: "f1.json".into(), problem }));
        let settings = rules.into_iter().map(SettingsProblem::Formula).chain([
            SettingsProblem::NoPresetFits,
            SettingsProblem::PresetNeedsColumns { preset: "chicago".into() },
            SettingsProblem::NoIndicator { number: 7 },
            SettingsProblem::NoCutoff { number: 7 },
            SettingsProblem::NoTier { number: 7 },
            SettingsProblem::NoGroup { number: 7 },
            SettingsProblem::ScenarioColumnsMissing { data: file(), columns: vec!["c1".into(), "c2".into()] },
            SettingsProblem::NoCodes,
            SettingsProblem::NoCodeUsable { rejected: 3 },
            SettingsProblem::ExampleColumnsMissing { file: file() },
            SettingsProblem::NoAreasFile,
            SettingsProblem::SeveralAreasFiles,
            SettingsProblem::NoIndicatorChosen { file: file() },
            SettingsProblem::SchoolsNeedEnrollment { file: file() },
            SettingsProblem::EnrollmentNeedsSchools { file: file() },
            SettingsProblem::PreparedForAnotherFormula,
            SettingsProblem::BaselineOnOtherData,
            SettingsProblem::TierWeightCount { given: 2, tiers: 3 },
            SettingsProblem::FitNeedsIndicators,
            SettingsProblem::FitOneTier,
            SettingsProblem::FitUnsolved,
            SettingsProblem::Draws { draws: 0, max: 100_000 },
            SettingsProblem::Spread { spread: 1.5 },
        ]);
        all.extend(settings.map(EngineError::InvalidSettings));
        let geometry = json_causes().into_iter().take(2).map(|cause| GeometryProblem::NotJson { cause }).chain([
            GeometryProblem::NotFeatureCollection,
            GeometryProblem::NoFeatures,
            GeometryProblem::NotAPosition { value: "[1]".into() },
            GeometryProblem::NotARing { value: "7".into() },
            GeometryProblem::NotAPolygon { value: "7".into() },
            GeometryProblem::NotPolygons { value: "7".into() },
            GeometryProblem::NoCoordinates { kind: "Polygon".into() },
            GeometryProblem::UnknownType { kind: "Point".into() },
        ]);
        for (i, problem) in geometry.enumerate() {
            all.push(EngineError::InvalidGeometry { file: "mapa.geojson".into(), feature: (i % 2 == 1).then_some(i), problem });
        }
        all
    }

    /// The variant's name; a new variant does not compile until it is named here, and then
    /// the coverage test asks for a sample of it.
    fn variant(error: &EngineError) -> &'static str {
        match error {
            EngineError::Csv { .. } => "Csv",
            EngineError::RaggedRow { .. } => "RaggedRow",
            EngineError::File { .. } => "File",
            EngineError::DuplicateColumn { .. } => "DuplicateColumn",
            EngineError::MissingColumn { .. } => "MissingColumn",
            EngineError::ColumnNotRead { .. } => "ColumnNotRead",
            EngineError::InvalidValue { .. } => "InvalidValue",
            EngineError::InvalidValues { .. } => "InvalidValues",
            EngineError::DuplicateId { .. } => "DuplicateId",
            EngineError::UnknownId { .. } => "UnknownId",
            EngineError::LinkDamaged => "LinkDamaged",
            EngineError::LinkTooNew { .. } => "LinkTooNew",
            EngineError::InvalidFormula { .. } => "InvalidFormula",
            EngineError::InvalidSettings(_) => "InvalidSettings",
            EngineError::InvalidGeometry { .. } => "InvalidGeometry",
            EngineError::NotLonLat { .. } => "NotLonLat",
            EngineError::TooManyVertices { .. } => "TooManyVertices",
            EngineError::NothingToDraw { .. } => "NothingToDraw",
            EngineError::NoIdProperty { .. } => "NoIdProperty",
            EngineError::NoSuchProperty { .. } => "NoSuchProperty",
            EngineError::PoolOutOfRange { .. } => "PoolOutOfRange",
            EngineError::ServeCutoffOutOfRange { .. } => "ServeCutoffOutOfRange",
            EngineError::NegativeTierWeight => "NegativeTierWeight",
            EngineError::NothingToScore { .. } => "NothingToScore",
        }
    }

    #[test]
    fn the_samples_cover_every_kind_of_error() {
        let names: std::collections::BTreeSet<&str> = samples().iter().map(variant).collect();
        assert_eq!(names.len(), 24, "a sample of each EngineError variant: {names:?}");
        let kinds: std::collections::BTreeSet<String> =
            json_causes().iter().map(|c| format!("{:?}", c.kind).chars().take_while(char::is_ascii_alphabetic).collect()).collect();
        assert_eq!(kinds.len(), 6, "each kind of JSON refusal, from the real reader: {kinds:?}");
    }

    #[test]
    fn the_catalogues_english_is_the_engines_english() {
        for error in samples() {
            if matches!(error, EngineError::InvalidSettings(SettingsProblem::PresetNeedsColumns { .. })) {
                // The engine knows a preset by its id; the app names it by its label.
                assert_eq!(
                    Lang::En.error_words(&error),
                    "the preset \"Chicago: six factors, 4 tiers\" needs columns this data does not have"
                );
                continue;
            }
            assert_eq!(Lang::En.error_words(&error), error.to_string(), "{error:?}");
            assert_eq!(Lang::En.error(&error), error.to_string());
        }
    }

    #[test]
    fn notes_on_reading_say_in_the_app_what_the_cli_says() {
        use crate::engine::table::MissingMarker;
        let marker = |text: &str, count, declared| MissingMarker { text: text.into(), count, declared };
        let notes = [
            ReadNote::TopCoded { file: "a.csv".into(), column: "income".into(), count: 3 },
            ReadNote::BottomCoded { file: "a.csv".into(), column: "income".into(), count: 1 },
            ReadNote::ReadAsMissing {
                file: "a.csv".into(),
                column: "income".into(),
                markers: vec![
                    marker("(X)", 1, false),
                    marker("-666666666", 4, false),
                    marker("n/a (suppressed)", 1, true),
                    marker("zz", 2, true),
                ],
            },
        ];
        for note in &notes {
            assert_eq!(Lang::En.read_note(note), note.to_string());
            assert_ne!(Lang::Es.read_note(note), note.to_string(), "worded in Spanish too");
        }
        for (skipped, rows) in [(1, vec![]), (3, vec![4, 9])] {
            let note = PublishedNote { file: "a.csv".into(), column: "Tier".into(), skipped, zero_rows_to_check: rows };
            assert_eq!(Lang::En.published_note(&note), note.to_string());
        }
        let row = Exclusion { file: "a.csv".into(), row: 6, id: "A005".into(), columns: vec!["median_income".into(), "owner".into()] };
        assert_eq!(Lang::En.exclusion(&row), row.to_string());
        assert_eq!(
            Lang::Es.exclusion(&row),
            "a.csv: la fila 6 (id A005) no se puntúa: no hay valor en la columna \"median_income\", \"owner\""
        );
        for reason in [LeftOutReason::NoGeometry, LeftOutReason::NotAnArea { kind: "Point".into() }, LeftOutReason::Degenerate] {
            assert_eq!(Lang::En.left_out_reason(&reason), reason.to_string());
            assert_ne!(Lang::Es.left_out_reason(&reason), reason.to_string(), "worded in Spanish too");
        }
    }

    #[test]
    fn the_share_link_and_a_saved_scenario_are_named_in_the_pages_language() {
        let link = crate::app::scenario::Scenario::from_fragment("#scenario=%7B%7D").unwrap_err();
        assert!(Lang::Es.error(&link).starts_with("el enlace compartido: "), "{}", Lang::Es.error(&link));
        assert_eq!(Lang::En.error(&link), link.to_string());
        let saved = crate::app::scenario::SavedScenario::from_storage("ses-explorer:scenario:Plan B", "{").unwrap_err();
        assert!(Lang::Es.error(&saved).starts_with("el escenario guardado \"Plan B\": "), "{}", Lang::Es.error(&saved));
        assert_eq!(Lang::En.error(&saved), saved.to_string());
    }

    /// Words of English that a Spanish sentence never has. Names in quotes (columns, fields,
    /// JSON keys), command-line flags and the samples' data names are left out first.
    #[test]
    fn every_error_reads_in_spanish_without_english_in_it() {
        const ENGLISH: &[&str] = &[
            "the",
            "is",
            "not",
            "are",
            "of",
            "and",
            "with",
            "has",
            "have",
            "must",
            "expected",
            "cannot",
            "there",
            "this",
            "that",
            "from",
            "which",
            "file",
            "row",
            "rows",
            "column",
            "columns",
            "value",
            "number",
            "weight",
            "weights",
            "tier",
            "tiers",
            "sheet",
            "sheets",
            "workbook",
            "feature",
            "features",
            "skipped",
            "too",
            "large",
            "needs",
            "need",
            "choose",
            "only",
            "one",
            "give",
            "field",
            "unknown",
            "missing",
            "line",
            "version",
            "supported",
            "reads",
            "valid",
            "empty",
            "header",
            "data",
            "read",
            "be",
            "or",
            "at",
            "least",
            "by",
            "to",
            "in",
            "it",
            "its",
            "an",
            "all",
            "any",
            "zero",
            "more",
            "first",
            "again",
            "set",
            "students",
            "student",
            "school",
            "schools",
            "id",
            "ids",
            "count",
            "counts",
            "cell",
            "list",
            "position",
            "ring",
            "between",
            "degrees",
            "allowed",
            "draws",
            "spread",
            "baseline",
            "preset",
            "cutoff",
            "cutoffs",
            "indicator",
            "indicators",
            "formula",
            "scenario",
            "saved",
            "damaged",
            "enrollment",
            "found",
            "record",
            "previous",
            "detect",
            "format",
            "invalid",
            "shared",
            "string",
            "index",
            "eof",
            "while",
            "parsing",
            "object",
            "expected",
            "variant",
            "type",
            "integer",
            "key",
            "must",
            "ends",
            "early",
            "wrong",
            "kind",
            "reader",
        ];
        let quoted = regex_lite_quoted;
        for error in samples() {
            let es = Lang::Es.error(&error);
            assert_ne!(es, error.to_string(), "{error:?} has a Spanish sentence");
            let text = quoted(&es);
            let words: Vec<String> = text
                .split(|c: char| !(c.is_alphanumeric() || c == '\''))
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .filter(|w| !["datos", "csv", "escuelas", "mapa", "geojson", "json", "f1"].contains(&w.as_str()))
                .collect();
            let english: Vec<&String> = words.iter().filter(|w| ENGLISH.contains(&w.as_str())).collect();
            assert!(english.is_empty(), "English {english:?} in the Spanish of {error:?}:\n{es}");
        }
    }

    /// The text without what is in double quotes, backticks or brackets, and without flags
    /// (`--header-row`, `-simplify`): those are names, not words of a language.
    fn regex_lite_quoted(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut closing: Option<char> = None;
        let mut previous = ' ';
        let mut flag = false;
        for c in text.chars() {
            match closing {
                Some(end) if c == end => closing = None,
                Some(_) => {}
                None if c == '"' => closing = Some('"'),
                None if c == '`' => closing = Some('`'),
                None if c == '[' => closing = Some(']'),
                None if c == '{' => closing = Some('}'),
                None if c == '-' && (previous.is_whitespace() || previous == '(') => flag = true,
                None if flag && c.is_whitespace() => {
                    flag = false;
                    out.push(c);
                }
                None if flag => {}
                None => out.push(c),
            }
            previous = c;
        }
        out
    }

    #[test]
    fn values_show_their_control_characters_in_every_language() {
        let error = EngineError::InvalidValue {
            file: "datos.csv".into(),
            row: 3,
            column: "c1".into(),
            value: "\u{0}56.6".into(),
            expected: Expected::Number,
        };
        for lang in Lang::ALL {
            assert!(lang.error(&error).contains("\"\\056.6\""), "{}", lang.error(&error));
        }
    }
}
