//! Every file kind a district has, made the way the tools that write them make them, scored by
//! the `ses` command line and read by the app's import path: the same numbers from each.
//!
//! - Excel "Unicode text": UTF-16LE with a byte-order mark, tab-separated, CRLF;
//! - Excel "CSV" in a European locale: semicolons, decimal commas, Windows-1252;
//! - tab-separated text; a CSV whose names were saved in Windows-1252;
//! - an `.xlsx` workbook (written by `rust_xlsxwriter`, which writes the files Excel writes):
//!   title rows, ids stored as text and as zero-padded numbers, percentages, several sheets;
//! - a data.census.gov download: every field quoted, a second header row of labels, and the
//!   bureau's annotations (`250,000+`, `2,500-`, `-`, `(X)`, `N`, `**`, `***`, `*****`);
//! - Chicago's tract file as other years publish it: tracts whose every value is blank.

#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use ses_explorer::app::import::PendingFile;
use ses_explorer::engine::error::Purpose;
use ses_explorer::engine::source::ReadOptions;
use ses_explorer::engine::table::Table;

/// The reference data: four areas, one missing an income. Each test writes it in a file kind.
const HEADER: [&str; 5] = ["tract", "name", "kids", "income", "single_parent_pct"];
const ROWS: [[&str; 5]; 4] = [
    ["01001", "Peñalosa Park", "10", "50733.5", "65.78"],
    ["01002", "Oak, North", "20", "61250", "40.1"],
    ["01003", "Elm", "30", "72000.25", "30"],
    ["01004", "Ash", "40", "", "20.5"],
];

const FORMULA: &str = r#"{"version":1,"id_column":"tract","population_column":"kids","normalization":"weighted_percentile",
  "indicators":[{"column":"income","direction":"advantage","weight":1},
                {"column":"single_parent_pct","direction":"disadvantage","weight":1}],
  "tiers":{"count":2,"method":"equal_population"}}"#;

/// A fresh folder for one call: tests run in parallel and several write the reference data,
/// so each call gets its own (a shared one was emptied under another test's feet).
fn temp_dir(name: &str) -> PathBuf {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("ses-readers-{}-{name}-{call}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn ses(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ses")).args(args).output().expect("ses runs")
}

/// Scores `areas` with `formula` (plus extra flags); returns stdout and stderr.
fn score(dir: &Path, formula: &str, areas: &Path, extra: &[&str]) -> (String, String) {
    let formula_path = dir.join("formula.json");
    std::fs::write(&formula_path, formula).unwrap();
    let mut args = vec!["score", "--formula", formula_path.to_str().unwrap(), "--areas", areas.to_str().unwrap()];
    args.extend(extra);
    let out = ses(&args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "ses failed on {}: {stderr}", areas.display());
    (String::from_utf8(out.stdout).unwrap(), stderr)
}

/// What the plain UTF-8 CSV of the reference data scores to.
fn reference_output() -> String {
    let dir = temp_dir("reference");
    let mut csv = HEADER.join(",") + "\n";
    for row in ROWS {
        let cells: Vec<String> = row.iter().map(|c| if c.contains(',') { format!("\"{c}\"") } else { c.to_string() }).collect();
        csv += &(cells.join(",") + "\n");
    }
    let path = dir.join("areas.csv");
    std::fs::write(&path, csv).unwrap();
    let (out, stderr) = score(&dir, FORMULA, &path, &[]);
    assert!(stderr.contains("4 rows read, 3 scored, 1 left out"), "{stderr}");
    assert!(stderr.contains("row 5 (id 01004) is not scored: no value in column \"income\""), "{stderr}");
    out
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

#[test]
fn excel_unicode_text_utf16_tab_separated_scores_the_same() {
    let dir = temp_dir("utf16");
    let mut text = HEADER.join("\t") + "\r\n";
    for row in ROWS {
        text += &(row.join("\t") + "\r\n");
    }
    let path = dir.join("areas.txt");
    std::fs::write(&path, utf16le_with_bom(&text)).unwrap();
    let (out, stderr) = score(&dir, FORMULA, &path, &[]);
    assert_eq!(out, reference_output());
    assert!(stderr.contains("(UTF-16LE text, tab-separated)"), "{stderr}");
    // The app's import path reads the same file the same way.
    let pending = PendingFile::read("areas.txt", &std::fs::read(&path).unwrap(), None).unwrap();
    assert_eq!(pending.table.text_column("name", Purpose::Indicator).unwrap()[0], "Peñalosa Park");
    assert_eq!(pending.mapping.areas.id, "tract");
}

#[test]
fn european_excel_csv_semicolons_decimal_commas_windows_1252() {
    let dir = temp_dir("european");
    let mut text = HEADER.join(";") + "\r\n";
    for row in ROWS {
        // Excel in a European locale writes 50733,5 and thousands without separators.
        let cells: Vec<String> = row.iter().enumerate().map(|(i, c)| if i >= 2 { c.replace('.', ",") } else { c.to_string() }).collect();
        text += &(cells.join(";") + "\r\n");
    }
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    let path = dir.join("areas.csv");
    std::fs::write(&path, &bytes).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture must not be UTF-8");
    let (out, stderr) = score(&dir, FORMULA, &path, &[]);
    assert_eq!(out, reference_output());
    assert!(stderr.contains("windows-1252 text, semicolon-separated, decimal commas"), "{stderr}");
}

#[test]
fn tab_separated_and_windows_1252_names_and_a_forced_delimiter() {
    let dir = temp_dir("tsv");
    let mut text = HEADER.join("\t") + "\n";
    for row in ROWS {
        text += &(row.join("\t") + "\n");
    }
    let path = dir.join("areas.tsv");
    std::fs::write(&path, &text).unwrap();
    assert_eq!(score(&dir, FORMULA, &path, &[]).0, reference_output());
    assert_eq!(score(&dir, FORMULA, &path, &["--delimiter", "tab"]).0, reference_output());
    // Forcing the wrong delimiter is an error naming the columns found, not a panic.
    let formula_path = dir.join("formula.json");
    let out = ses(&["score", "--formula", formula_path.to_str().unwrap(), "--areas", path.to_str().unwrap(), "--delimiter", ";"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("there is no column \"tract\""));

    let (latin1, _, _) =
        encoding_rs::WINDOWS_1252.encode("tract,name,kids,income,single_parent_pct\n01001,Peñalosa Park,10,50733.5,65.78\n");
    let table = Table::parse("names.csv", &latin1).unwrap();
    assert_eq!(table.text_column("name", Purpose::Indicator).unwrap(), ["Peñalosa Park"]);
    assert_eq!(table.source().encoding, "windows-1252");
}

/// An .xlsx workbook the way a district analyst's looks: a title row and a note above the
/// header, ids stored as text in one sheet and as numbers formatted "00000" in another,
/// incomes as numbers, percentages as fractions formatted "0.00%".
fn workbook(path: &Path) {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let percent = Format::new().set_num_format("0.00%");
    let padded = Format::new().set_num_format("00000");
    for (sheet_name, ids_as_numbers) in [("Tracts", false), ("Numeric ids", true)] {
        let sheet = book.add_worksheet().set_name(sheet_name).unwrap();
        sheet.write_string(0, 0, "Neighbourhood indicators, 2024").unwrap();
        sheet.write_string(1, 0, "Source: district office").unwrap();
        for (c, h) in HEADER.iter().enumerate() {
            sheet.write_string(3, c as u16, *h).unwrap();
        }
        for (r, row) in ROWS.iter().enumerate() {
            let r = 4 + r as u32;
            if ids_as_numbers {
                sheet.write_number_with_format(r, 0, row[0].parse::<f64>().unwrap(), &padded).unwrap();
            } else {
                sheet.write_string(r, 0, row[0]).unwrap();
            }
            sheet.write_string(r, 1, row[1]).unwrap();
            sheet.write_number(r, 2, row[2].parse::<f64>().unwrap()).unwrap();
            if !row[3].is_empty() {
                sheet.write_number(r, 3, row[3].parse::<f64>().unwrap()).unwrap();
            }
            let pct: f64 = row[4].parse().unwrap();
            sheet.write_number_with_format(r, 4, pct / 100.0, &percent).unwrap();
        }
    }
    book.save(path).unwrap();
}

#[test]
fn xlsx_workbooks_score_the_same_from_any_sheet() {
    let dir = temp_dir("xlsx");
    let path = dir.join("areas.xlsx");
    workbook(&path);
    let (out, stderr) = score(&dir, FORMULA, &path, &[]);
    assert_eq!(out, reference_output(), "first sheet; ids stored as text");
    assert!(stderr.contains("sheet \"Tracts\", header on row 4"), "{stderr}");
    let (out, stderr) = score(&dir, FORMULA, &path, &["--sheet", "Numeric ids"]);
    assert_eq!(out, reference_output(), "ids stored as numbers keep the zeros their format shows");
    assert!(stderr.contains("sheet \"Numeric ids\""), "{stderr}");
    assert_eq!(score(&dir, FORMULA, &path, &["--header-row", "4"]).0, reference_output());

    let formula_path = dir.join("formula.json");
    let out = ses(&["score", "--formula", formula_path.to_str().unwrap(), "--areas", path.to_str().unwrap(), "--sheet", "Nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("there is no sheet \"Nope\"; the sheets are: Tracts, Numeric ids"));

    // The app's import path: the same table, the sheet named.
    let pending = PendingFile::read("areas.xlsx", &std::fs::read(&path).unwrap(), None).unwrap();
    assert_eq!(pending.table.source().sheet.as_deref(), Some("Tracts"));
    assert_eq!(pending.table.text_column("tract", Purpose::Indicator).unwrap(), ["01001", "01002", "01003", "01004"]);
    assert_eq!(pending.table.numeric_column("single_parent_pct", Purpose::Indicator).unwrap()[0], Some(65.78));
    assert_eq!(pending.table.row_number(0), 5);
}

/// A data.census.gov download (ACS 5-year, median household income by tract) as the site
/// writes it: every field quoted, a label row under the header, annotated values.
const CENSUS_TABLE: &str = "\"GEO_ID\",\"NAME\",\"B19013_001E\",\"B19013_001M\",\"B09001_001E\",\"B23008_008E\",\n\
\"Geography\",\"Geographic Area Name\",\"Estimate!!Median household income in the past 12 months (in 2022 inflation-adjusted dollars)\",\"Margin of Error!!Median household income in the past 12 months (in 2022 inflation-adjusted dollars)\",\"Estimate!!Total:\",\"Estimate!!Total:!!Living with one parent\",\n\
\"1400000US17031010100\",\"Census Tract 101; Cook County; Illinois\",\"250,000+\",\"***\",\"1,202\",\"40\",\n\
\"1400000US17031010201\",\"Census Tract 102.01; Cook County; Illinois\",\"41,250\",\"9,120\",\"850\",\"310\",\n\
\"1400000US17031010202\",\"Census Tract 102.02; Cook County; Illinois\",\"2,500-\",\"**\",\"600\",\"402\",\n\
\"1400000US17031010300\",\"Census Tract 103; Cook County; Illinois\",\"-\",\"(X)\",\"0\",\"N\",\n\
\"1400000US17031010400\",\"Census Tract 104; Cook County; Illinois\",\"63,011\",\"*****\",\"930\",\"125\",\n";

#[test]
fn census_bureau_tables_skip_the_label_row_and_read_annotations() {
    let dir = temp_dir("census");
    let path = dir.join("ACSDT5Y2022.B19013-Data.csv");
    std::fs::write(&path, CENSUS_TABLE).unwrap();
    let formula = r#"{"version":1,"id_column":"GEO_ID","population_column":"B09001_001E","normalization":"weighted_percentile",
      "indicators":[{"column":"B19013_001E","direction":"advantage","weight":1},
                    {"column":"B23008_008E","direction":"disadvantage","weight":1}],
      "tiers":{"count":2,"method":"equal_population"}}"#;
    let (out, stderr) = score(&dir, formula, &path, &[]);
    assert!(stderr.contains("5 rows read, 4 scored, 1 left out"), "{stderr}");
    assert!(stderr.contains("Census Bureau table (label row skipped)"), "{stderr}");
    assert!(
        stderr.contains("row 6 (id 1400000US17031010300) is not scored: no value in column \"B19013_001E\", \"B23008_008E\""),
        "{stderr}"
    );
    assert!(stderr.contains("1 values are top-coded"), "{stderr}");
    assert!(stderr.contains("1 values are bottom-coded"), "{stderr}");
    let table = Table::parse("out", out.as_bytes()).unwrap();
    assert_eq!(table.len(), 4);
    // 250,000+ is the highest income, 2,500- the lowest.
    let scores = table.numeric_column("B19013_001E (normalised)", Purpose::Indicator).unwrap();
    assert_eq!(scores[0], Some(100.0));
    assert!(scores[2].unwrap() < scores[1].unwrap());
    // Margins of error are ordinary columns: annotations there are missing values, not errors.
    let census = Table::read("c.csv", CENSUS_TABLE.as_bytes(), &ReadOptions::default()).unwrap();
    assert_eq!(census.numeric_column("B19013_001M", Purpose::Indicator).unwrap(), [None, Some(9120.0), None, None, None]);
    assert_eq!(census.row_number(0), 3);
}

#[test]
fn rows_with_a_blank_population_or_all_values_blank_are_left_out_and_listed() {
    let dir = temp_dir("blank");
    let path = dir.join("areas.csv");
    std::fs::write(
        &path,
        "tract,name,kids,income,single_parent_pct\n01001,A,10,50733,65\n01002,B,,61250,40\n01003,C,30,72000,30\n01004,,,,\n01005,E,NA,1,2\n",
    )
    .unwrap();
    let (out, stderr) = score(&dir, FORMULA, &path, &[]);
    assert!(stderr.contains("5 rows read, 2 scored, 3 left out"), "{stderr}");
    assert!(stderr.contains("row 3 (id 01002) is not scored: no value in column \"kids\""), "{stderr}");
    assert!(stderr.contains("row 5 (id 01004) is not scored: no value in column \"kids\", \"income\", \"single_parent_pct\""), "{stderr}");
    assert!(stderr.contains("row 6 (id 01005)"), "{stderr}");
    assert_eq!(Table::parse("out", out.as_bytes()).unwrap().text_column("id", Purpose::Indicator).unwrap(), ["01001", "01003"]);
    // A present, wrong population stays an error.
    std::fs::write(&path, "tract,name,kids,income,single_parent_pct\n01001,A,-4,50733,65\n").unwrap();
    let formula_path = dir.join("formula.json");
    let out = ses(&["score", "--formula", formula_path.to_str().unwrap(), "--areas", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("row 2, column \"kids\": \"-4\" is not valid"));
}

/// Chicago's tract file as the years after FY2015 publish it: some tracts have no school-age
/// data and every value blank. Made from the real FY2015 file by blanking three tracts.
#[test]
fn chicago_file_with_blank_tracts_scores_every_other_tract() {
    let cps = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/chicago/cps-tracts-fy2015.csv");
    let bytes = std::fs::read(&cps).unwrap_or_else(|e| panic!("{}: {e}", cps.display()));
    let text = String::from_utf8(bytes).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let width = Table::parse("cps", text.as_bytes()).unwrap().headers().len();
    for line in [410usize, 500, 700] {
        let id = lines[line].split(',').next().unwrap().to_owned();
        lines[line] = format!("{id}{}", ",".repeat(width - 1));
    }
    let dir = temp_dir("cps-blank");
    let path = dir.join("cps-tracts-blank.csv");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let formula = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/formulas/chicago-6-factor.json")).unwrap();
    let (out, stderr) = score(&dir, &formula, &path, &[]);
    assert!(stderr.contains("796 rows read, 793 scored, 3 left out"), "{stderr}");
    assert!(stderr.contains("row 411 ("), "{stderr}");
    assert!(stderr.contains("no value in column \"Number of School Age Children\""), "{stderr}");
    assert_eq!(Table::parse("out", out.as_bytes()).unwrap().len(), 793);
}
