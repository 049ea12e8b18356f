use super::*;
use crate::error::FileProblem;

#[test]
fn strips_bom_trims_headers_and_reads_crlf_and_quotes() {
    let t = Table::parse("a.csv", b"\xEF\xBB\xBF ID ,Name\r\n1,\"Oak, North\"\r\n2,\"say \"\"hi\"\"\"\r\n").unwrap();
    assert_eq!(t.headers(), ["ID", "Name"]);
    assert_eq!(t.text_column("Name", Purpose::Indicator).unwrap(), ["Oak, North", "say \"hi\""]);
    assert_eq!(t.row_number(0), 2);
    assert_eq!(t.row_number(1), 3);
    assert!(t.source().is_plain());
}

#[test]
fn ragged_row_names_file_and_row() {
    let err = Table::parse("a.csv", b"id,x\n1,2\n3\n").unwrap_err();
    assert_eq!(err, EngineError::RaggedRow { file: "a.csv".into(), row: 3, expected: 2, found: 1 });
    assert!(err.to_string().starts_with("a.csv: row 3 has 1 fields but the header has 2"));
    let err = Table::parse("a.csv", b"id,x\n1,2\n3,4,5\n").unwrap_err();
    assert_eq!(err, EngineError::RaggedRow { file: "a.csv".into(), row: 3, expected: 2, found: 3 });
}

#[test]
fn trailing_empty_columns_are_ignored() {
    let t = Table::parse("a.csv", b"id,x,,\n1,2,,\n3,4,,\n").unwrap();
    assert_eq!(t.headers(), ["id", "x"]);
    assert_eq!(t.len(), 2);
}

#[test]
fn row_numbers_count_blank_lines_but_not_line_breaks_inside_quotes() {
    let t = Table::parse("a.csv", b"id,x\r\n1,2\r\n\r\n3,4\n\"x\ny\",5\n6,7\n8,bad").unwrap();
    let rows: Vec<usize> = (0..t.len()).map(|i| t.row_number(i)).collect();
    assert_eq!(rows, [2, 4, 5, 6, 7]);
    let err = t.numeric_column("x", Purpose::Indicator).unwrap_err();
    assert!(err.to_string().starts_with("a.csv: row 7, column \"x\": \"bad\""), "{err}");
}

#[test]
fn long_files_stream_past_the_header_lookahead() {
    let mut csv = String::from("id,x\n");
    for i in 0..100 {
        csv.push_str(&format!("{i},{}\n", i * 2));
    }
    let t = Table::parse("a.csv", csv.as_bytes()).unwrap();
    assert_eq!(t.len(), 100);
    assert_eq!(t.row_number(99), 101);
    assert_eq!(t.numeric_column("x", Purpose::Indicator).unwrap()[99], Some(198.0));
}

#[test]
fn blank_rows_are_skipped_but_keep_row_numbers() {
    let t = Table::parse("a.csv", b"id,x\n1,2\n,\n3,4\n").unwrap();
    assert_eq!(t.len(), 2);
    assert_eq!(t.row_number(1), 4);
}

#[test]
fn non_number_names_row_column_and_text() {
    let t = Table::parse("areas.csv", b"id,income\n1,100\n2,lots\n").unwrap();
    let err = t.numeric_column("income", Purpose::Indicator).unwrap_err();
    match &err {
        EngineError::InvalidValue { file, row, column, value, .. } => {
            assert_eq!((file.as_str(), *row, column.as_str(), value.as_str()), ("areas.csv", 3, "income", "lots"));
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("row 3, column \"income\": \"lots\" is not valid; expected a number"));
}

#[test]
fn a_huge_bad_value_is_quoted_only_in_part() {
    let big = "x".repeat(5_000_000);
    let t = Table::parse("a.csv", format!("id,income\n1,{big}\n").as_bytes()).unwrap();
    let err = t.numeric_column("income", Purpose::Indicator).unwrap_err().to_string();
    assert!(err.len() < 300, "{} characters", err.len());
    assert!(err.contains(&format!("\"{}…\"", "x".repeat(QUOTED_VALUE_LIMIT))), "{err}");
}

#[test]
fn missing_column_lists_the_columns_there_are() {
    let t = Table::parse("a.csv", b"id,x\n1,2\n").unwrap();
    let err = t.column_index("income", Purpose::Indicator).unwrap_err();
    assert_eq!(err.to_string(), "a.csv: there is no column \"income\" (an indicator); the columns are: id, x");
}

#[test]
fn duplicate_ids_and_columns_are_errors() {
    let t = Table::parse("a.csv", b"id,x\n7,1\n8,2\n9,2\n8,5\n7,3\n").unwrap();
    let err = t.id_column("id", Purpose::AreaId).unwrap_err();
    assert_eq!(err, EngineError::DuplicateId { file: "a.csv".into(), row: 5, column: "id".into(), id: "8".into(), first_row: 3 });
    assert!(matches!(Table::parse("a.csv", b"id, id\n1,2\n"), Err(EngineError::DuplicateColumn { .. })));
}

#[test]
fn negative_or_missing_counts_are_errors() {
    let t = Table::parse("a.csv", b"id,kids\n1,5\n2,-3\n").unwrap();
    let err = t.count_column("kids", Purpose::Population).unwrap_err();
    assert!(err.to_string().contains("row 3, column \"kids\": \"-3\" is not valid"), "{err}");
    let t = Table::parse("a.csv", b"id,kids\n1,\n").unwrap();
    assert!(t.count_column("kids", Purpose::Population).is_err());
}

#[test]
fn empty_files_are_errors() {
    assert!(matches!(Table::parse("a.csv", b""), Err(EngineError::File { problem: FileProblem::Empty, .. })));
    assert!(matches!(Table::parse("a.csv", b"id,x\n"), Err(EngineError::File { problem: FileProblem::NoDataRows, .. })));
}

#[test]
fn bytes_that_are_not_utf8_are_read_as_windows_1252() {
    let t = Table::parse("a.csv", b"id,name\n1,Pe\xF1alosa\n").unwrap();
    assert_eq!(t.text_column("name", Purpose::Indicator).unwrap(), ["Peñalosa"]);
    assert_eq!(t.source().encoding, "windows-1252");
}

#[test]
fn semicolon_files_use_decimal_commas() {
    let t = Table::parse("eu.csv", b"id;income;pct\nA;50.733;65,78\nB;1.202,5;12\n").unwrap();
    assert_eq!(t.source().delimiter, Some(b';'));
    assert_eq!(t.numeric_column("income", Purpose::Indicator).unwrap(), [Some(50733.0), Some(1202.5)]);
    assert_eq!(t.numeric_column("pct", Purpose::Indicator).unwrap(), [Some(65.78), Some(12.0)]);
}

#[test]
fn title_rows_above_the_header_are_skipped() {
    let t = Table::parse("t.csv", b"Median income by tract\nSource: ACS 2022\nid,income\n1,5\n2,6\n").unwrap();
    assert_eq!(t.headers(), ["id", "income"]);
    assert_eq!(t.source().header_row, 3);
    assert_eq!(t.row_number(0), 4);
    let forced = Table::read("t.csv", b"a,b\nid,income\n1,5\n", &ReadOptions { header_row: Some(2), ..ReadOptions::default() }).unwrap();
    assert_eq!(forced.headers(), ["id", "income"]);
    assert!(Table::read("t.csv", b"a,b\n1,2\n", &ReadOptions { header_row: Some(9), ..ReadOptions::default() }).is_err());
}

#[test]
fn a_column_selection_keeps_only_those_columns() {
    let options = ReadOptions { columns: Some(vec!["x".into()]), ..ReadOptions::default() };
    let t = Table::read("a.csv", b"id,x,y\n1,2,3\n", &options).unwrap();
    assert_eq!(t.headers(), ["id", "x", "y"]);
    assert_eq!(t.numeric_column("x", Purpose::Indicator).unwrap(), [Some(2.0)]);
    assert!(t.numeric_column("y", Purpose::Indicator).is_err());
}

/// A column as an agency publishes it: suppressed cells written in words, in many rows.
fn suppressed(rows: usize, every: usize) -> Vec<u8> {
    let mut text = String::from("id,% of Owner Occupied Homes,income\n");
    for i in 0..rows {
        let owners = if i % every == 3 { "n/a (suppressed)".to_owned() } else { format!("{}.5", 40 + i % 50) };
        let income = if i == 7 { "lots".to_owned() } else { (30_000 + i).to_string() };
        text.push_str(&format!("A{i},{owners},{income}\n"));
    }
    text.into_bytes()
}

#[test]
fn every_bad_cell_of_a_column_is_listed_at_once_grouped_by_value() {
    let t = Table::parse("owners.csv", &suppressed(45, 9)).unwrap();
    let err = t.numbers("% of Owner Occupied Homes", Purpose::Indicator).unwrap_err();
    assert_eq!(
        err.to_string(),
        "owners.csv: 5 values are not valid: column \"% of Owner Occupied Homes\": \"n/a (suppressed)\" in 5 rows: 5, 14, 23, 32, 41 (expected a number such as 50733, $50,733, 1,202 or 65.78% (or blank, NA, N/A or - when missing))"
    );
    // Two columns' errors become one, every column's cells in it.
    let both = merge_invalid(vec![err, t.numbers("income", Purpose::Indicator).unwrap_err()]).unwrap();
    match &both {
        EngineError::InvalidValues { total, groups, .. } => {
            assert_eq!(*total, 6);
            assert_eq!(
                groups.iter().map(|g| (g.column.as_str(), g.value.as_str(), g.count)).collect::<Vec<_>>(),
                [("% of Owner Occupied Homes", "n/a (suppressed)", 5), ("income", "lots", 1)]
            );
        }
        other => panic!("{other:?}"),
    }
    // A single bad cell is still the one-cell error.
    assert!(matches!(t.numbers("income", Purpose::Indicator), Err(EngineError::InvalidValue { row: 9, .. })));
}

#[test]
fn at_most_fifty_rows_are_listed_and_the_rest_counted() {
    let t = Table::parse("owners.csv", &suppressed(400, 4)).unwrap();
    let err = t.numbers("% of Owner Occupied Homes", Purpose::Indicator).unwrap_err();
    let EngineError::InvalidValues { groups, total, .. } = &err else { panic!("{err:?}") };
    assert_eq!((*total, groups[0].count, groups[0].rows.len()), (100, 100, 50));
    assert!(err.to_string().contains("in 100 rows: 5, 9, 13,") && err.to_string().contains(", 201 and 50 more (expected"), "{err}");
}

#[test]
fn texts_declared_missing_are_read_as_missing_and_counted_with_the_census_markers() {
    let mut t = Table::parse("owners.csv", &suppressed(45, 9)).unwrap();
    t.declare_missing(&[" n/a (suppressed) ", "(X)"]);
    let n = t.numbers("% of Owner Occupied Homes", Purpose::Indicator).unwrap();
    assert_eq!(n.values.iter().filter(|v| v.is_nan()).count(), 5);
    assert_eq!(n.markers, [MissingMarker { text: "n/a (suppressed)".into(), count: 5, declared: true }]);
    // The Census Bureau's own markers need no declaring, and are listed too.
    let census = Table::parse("acs.csv", b"id,income\n1,(X)\n2,-666666666\n3,-666666666\n4,50000\n5,\n6,*\n").unwrap();
    let n = census.numbers("income", Purpose::Indicator).unwrap();
    assert_eq!(n.values.iter().filter(|v| v.is_nan()).count(), 5);
    assert_eq!(
        n.markers,
        [
            MissingMarker { text: "(X)".into(), count: 1, declared: false },
            MissingMarker { text: "-666666666".into(), count: 2, declared: false },
            MissingMarker { text: "*".into(), count: 1, declared: false },
        ]
    );
}

#[test]
fn bytes_that_are_not_text_are_refused_as_such() {
    // Random bytes named areas.csv (a picture, an archive, a damaged download).
    let mut x: u32 = 0x1234_5678;
    let random: Vec<u8> = (0..200_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    let err = Table::parse("areas.csv", &random).unwrap_err();
    assert_eq!(err, EngineError::File { file: "areas.csv".into(), problem: FileProblem::NotText });
    assert!(matches!(&err, EngineError::File { problem: FileProblem::NotText, .. }), "{err}");
    // A PNG's header and a zero byte in otherwise plain text.
    assert!(
        Table::parse("a.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
            .is_err_and(|e| matches!(e, EngineError::File { problem: FileProblem::NotText, .. }))
    );
    assert!(Table::parse("a.csv", b"id,x\n1,2\0\n").is_err_and(|e| matches!(e, EngineError::File { problem: FileProblem::NotText, .. })));
    // Windows-1252 accents and UTF-16 stay text.
    assert!(Table::parse("a.csv", b"id,name\n1,Jos\xe9\n").is_ok());
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("id\tx\r\n1\t2\r\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    assert!(Table::parse("a.txt", &utf16).is_ok());
}
