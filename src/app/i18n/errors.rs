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
            EngineError::NotALevel { file, row, column, value, levels } => {
                let levels: Vec<String> = levels.iter().map(|l| format!("\"{l}\"")).collect();
                self.fill(
                    m::ERR_NOT_A_LEVEL,
                    &[("file", file), ("row", row), ("column", column), ("value", &visible(value)), ("levels", &levels.join(", "))],
                )
            }
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
            Purpose::FamilyItemOfFormula => m::PURPOSE_FAMILY_ITEM,
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
            FormulaRule::GroupMemberMissing { name, number } => {
                self.fill(m::RULE_GROUP_MEMBER_MISSING, &[("name", name), ("number", number)])
            }
            FormulaRule::GroupOfBoth { name } => self.fill(m::RULE_GROUP_OF_BOTH, &[("name", name)]),
            FormulaRule::IndicatorOutsideGroups { column } => self.fill(m::RULE_INDICATOR_OUTSIDE_GROUPS, &[("column", column)]),
            FormulaRule::MinShare { min_share } => self.fill(m::RULE_MIN_SHARE, &[("min_share", min_share)]),
            FormulaRule::AssignedTier { tier, count } => {
                let it_is = tier.map(|t| self.fill(m::RULE_IT_IS, &[("n", &t)])).unwrap_or_default();
                self.fill(m::RULE_ASSIGNED_TIER, &[("count", count), ("it_is", &it_is)])
            }
            FormulaRule::TierWithoutAssignTier => self.t(m::RULE_TIER_WITHOUT_ASSIGN_TIER).to_owned(),
            FormulaRule::AreaShare { area_share } => self.fill(m::RULE_AREA_SHARE, &[("area_share", area_share)]),
            FormulaRule::EmptyFamilyColumn { number } => self.fill(m::RULE_EMPTY_FAMILY_COLUMN, &[("number", number)]),
            FormulaRule::FamilyItemTwice { column } => self.fill(m::RULE_FAMILY_ITEM_TWICE, &[("column", column)]),
            FormulaRule::FamilyLevels { column } => self.fill(m::RULE_FAMILY_LEVELS, &[("column", column)]),
            FormulaRule::StudentTierCount { count, area_tiers } => {
                self.fill(m::RULE_STUDENT_TIER_COUNT, &[("count", count), ("area_tiers", area_tiers)])
            }
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
            SettingsProblem::StudentPartNeedsStudents => self.t(m::SET_STUDENT_PART_NEEDS_STUDENTS).to_owned(),
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
mod tests;
