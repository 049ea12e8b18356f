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
        EngineError::NotALevel { file: file(), row: 4, column: "c1".into(), value: "v1".into(), levels: vec!["v2".into(), "v3".into()] },
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
        FormulaRule::GroupMemberMissing { name: "g1".into(), number: 9 },
        FormulaRule::IndicatorOutsideGroups { column: "c1".into() },
        FormulaRule::MinShare { min_share: 1.5 },
        FormulaRule::AssignedTier { tier: None, count: 3 },
        FormulaRule::AssignedTier { tier: Some(5), count: 3 },
        FormulaRule::TierWithoutAssignTier,
        FormulaRule::AreaShare { area_share: 1.5 },
        FormulaRule::EmptyFamilyColumn { number: 2 },
        FormulaRule::FamilyItemTwice { column: "c1".into() },
        FormulaRule::FamilyLevels { column: "c1".into() },
        FormulaRule::StudentTierCount { count: 4, area_tiers: 3 },
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
        SettingsProblem::StudentPartNeedsStudents,
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
        EngineError::NotALevel { .. } => "NotALevel",
    }
}

#[test]
fn the_samples_cover_every_kind_of_error() {
    let names: std::collections::BTreeSet<&str> = samples().iter().map(variant).collect();
    assert_eq!(names.len(), 25, "a sample of each EngineError variant: {names:?}");
    let kinds: std::collections::BTreeSet<String> =
        json_causes().iter().map(|c| format!("{:?}", c.kind).chars().take_while(char::is_ascii_alphabetic).collect()).collect();
    assert_eq!(kinds.len(), 6, "each kind of JSON refusal, from the real reader: {kinds:?}");
}

#[test]
fn the_catalogues_english_is_the_engines_english() {
    for error in samples() {
        if matches!(error, EngineError::InvalidSettings(SettingsProblem::PresetNeedsColumns { .. })) {
            // The engine knows a preset by its id; the app names it by its label.
            assert_eq!(Lang::En.error_words(&error), "the preset \"Chicago: six factors, 4 tiers\" needs columns this data does not have");
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
