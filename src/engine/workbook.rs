//! Workbooks (`.xlsx`, `.xls`, `.ods`) read with `calamine`, a pure-Rust reader that also
//! runs in the browser. Each cell becomes the text a spreadsheet would show, so a workbook
//! and its CSV export give the same numbers:
//! - numbers stored as numbers are written exactly (shortest round-trip form), integers
//!   without a decimal point;
//! - a number whose format pads with zeros (`00000`) keeps the zeros it shows (ids such as
//!   `01001`);
//! - a number formatted as a percentage is written on the 0–100 scale with `%` (`65.78%`),
//!   as CSV exports write it;
//! - `#N/A` is missing; other error cells stay as text and are reported where a number is
//!   needed.

use std::io::Cursor;

use calamine::{Data, Reader, StyleRange, open_workbook_auto_from_rs};

use super::error::{FileProblem, Result};
use super::source::file_error;

pub use super::table::Rows;

/// The rows of one sheet: (spreadsheet row number, cell texts), and the sheet's name.
///
/// # Errors
/// Bytes that no workbook reader accepts, a workbook without sheets, or a sheet name that
/// the workbook does not have (the message lists the sheets it has).
pub fn read_rows(file: &str, bytes: &[u8], sheet: Option<&str>) -> Result<(String, Rows)> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| file_error(file, FileProblem::NotAWorkbook { reason: e.to_string() }))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .cloned()
            .ok_or_else(|| file_error(file, FileProblem::NoSuchSheet { wanted: wanted.to_owned(), sheets: names.clone() }))?,
        None => names.first().cloned().ok_or_else(|| file_error(file, FileProblem::NoSheets))?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| file_error(file, FileProblem::SheetUnreadable { sheet: name.clone(), reason: e.to_string() }))?;
    // Number formats decide how a number is shown; only some readers have them.
    let styles = book.worksheet_style(&name).unwrap_or_else(|_| StyleRange::empty());
    let Some((top, left)) = range.start() else { return Ok((name, Vec::new())) };
    let rows = range
        .rows()
        .enumerate()
        .map(|(r, cells)| {
            let row = top + r as u32;
            let texts = cells
                .iter()
                .enumerate()
                .map(|(c, cell)| {
                    let format = styles.get((row, left + c as u32)).and_then(|s| s.number_format.as_ref()).map(|f| f.format_code.as_str());
                    cell_text(cell, format.unwrap_or("General"))
                })
                .collect();
            (row as usize + 1, texts)
        })
        .collect();
    Ok((name, rows))
}

/// The text a spreadsheet shows for a cell, as far as this app needs it (see the module docs).
///
/// ```
/// use calamine::Data;
/// use ses_engine::workbook::cell_text;
/// assert_eq!(cell_text(&Data::Float(17031010100.0), "General"), "17031010100");
/// assert_eq!(cell_text(&Data::Float(1001.0), "00000"), "01001");
/// assert_eq!(cell_text(&Data::Float(0.6578), "0.00%"), "65.78%");
/// assert_eq!(cell_text(&Data::Float(50733.25), "#,##0.00"), "50733.25");
/// ```
pub fn cell_text(cell: &Data, format: &str) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => number_text(*i as f64, format),
        Data::Float(f) => number_text(*f, format),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Data::DateTime(d) => plain(d.as_f64()),
        Data::Error(calamine::CellErrorType::NA) => String::new(),
        Data::Error(e) => e.to_string(),
    }
}

fn number_text(value: f64, format: &str) -> String {
    let code = format.split(';').next().unwrap_or("");
    if code.contains('%') {
        return format!("{}%", shift_decimal_point(&plain(value), 2));
    }
    // A format of zeros only ("00000") pads integers to its width.
    if !code.is_empty() && code.bytes().all(|b| b == b'0') && value.fract() == 0.0 && value >= 0.0 {
        return format!("{:0>width$}", plain(value), width = code.len());
    }
    plain(value)
}

/// The shortest text that reads back as exactly `value`, without an exponent; integers
/// without a decimal point.
fn plain(value: f64) -> String {
    format!("{value}")
}

/// Moves the decimal point of a plain decimal `places` to the right, in text (so 0.6578
/// becomes 65.78 exactly, not 65.78000000000001).
fn shift_decimal_point(text: &str, places: usize) -> String {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", text),
    };
    let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
    let frac_padded = format!("{frac_part:0<places$}");
    let (moved, rest) = frac_padded.split_at(places);
    let int_digits = format!("{int_part}{moved}");
    let int_digits = int_digits.trim_start_matches('0');
    let int_digits = if int_digits.is_empty() { "0" } else { int_digits };
    if rest.is_empty() { format!("{sign}{int_digits}") } else { format!("{sign}{int_digits}.{rest}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_move_the_point_in_text() {
        assert_eq!(shift_decimal_point("0.6578", 2), "65.78");
        assert_eq!(shift_decimal_point("1", 2), "100");
        assert_eq!(shift_decimal_point("0.5", 2), "50");
        assert_eq!(shift_decimal_point("-0.001", 2), "-0.1");
        assert_eq!(shift_decimal_point("12.34567", 2), "1234.567");
    }

    #[test]
    fn error_cells_other_than_na_stay_visible() {
        assert_eq!(cell_text(&Data::Error(calamine::CellErrorType::NA), "General"), "");
        assert_eq!(cell_text(&Data::Error(calamine::CellErrorType::Div0), "General"), "#DIV/0!");
    }

    #[test]
    fn bytes_that_are_no_workbook_are_an_error_not_a_panic() {
        let err = read_rows("x.xlsx", b"PK\x03\x04garbage", None).unwrap_err();
        assert!(err.to_string().starts_with("x.xlsx: not a workbook"), "{err}");
    }
}
