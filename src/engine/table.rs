//! A CSV file read into memory as text cells, with the positions a person needs to find a
//! problem: the file name and the spreadsheet row of every record.
//!
//! Handles what real exports contain: a UTF-8 byte-order mark, CRLF line ends, quoted fields,
//! whitespace around header names, and trailing rows that are entirely empty.

use super::error::{EngineError, Result};
use super::number::{Cell, EXPECTED_NUMBER, parse_cell};

/// A parsed CSV file: trimmed header names and rows of text cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    file: String,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    /// Spreadsheet row number (header = 1) of each entry in `rows`.
    row_numbers: Vec<usize>,
}

impl Table {
    /// Parses CSV bytes. `file` is the name used in error messages.
    ///
    /// # Errors
    /// Invalid UTF-8 or CSV, an empty file, duplicate header names, or a row whose field count
    /// differs from the header's.
    ///
    /// ```
    /// use ses_explorer::engine::table::Table;
    /// let t = Table::parse("a.csv", b"\xEF\xBB\xBF id , income\r\n1,\"$50,733\"\r\n").unwrap();
    /// assert_eq!(t.headers(), ["id", "income"]);
    /// assert_eq!(t.numeric_column("income", "an indicator").unwrap()[0], Some(50733.0));
    /// ```
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Table> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
        let mut headers: Option<Vec<String>> = None;
        let mut rows = Vec::new();
        let mut row_numbers = Vec::new();
        let mut record = csv::ByteRecord::new();
        let mut rows_counter = RowCounter::new(bytes);
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    let row = rows_counter.row_at(e.position().map_or(bytes.len(), |p| p.byte() as usize));
                    let message = match e.kind() {
                        csv::ErrorKind::Utf8 { .. } => {
                            "the file is not UTF-8 text; save it as UTF-8 (CSV UTF-8 in a spreadsheet)".to_owned()
                        }
                        _ => format!("not readable as CSV: {e}"),
                    };
                    return Err(EngineError::Csv { file: file.into(), row, message });
                }
            }
            let row = rows_counter.row_at(record.position().map_or(0, |p| p.byte() as usize));
            rows_counter.skip_embedded_newlines(record.iter().flatten().filter(|&&b| b == b'\n').count());
            let mut cells = Vec::with_capacity(record.len());
            for (i, field) in record.iter().enumerate() {
                let text = std::str::from_utf8(field).map_err(|_| EngineError::Csv {
                    file: file.into(),
                    row,
                    message: format!("field {} is not valid UTF-8 text; save the file as UTF-8", i + 1),
                })?;
                cells.push(text.to_owned());
            }
            match &headers {
                None => {
                    let names: Vec<String> = cells.iter().map(|c| c.trim().to_owned()).collect();
                    for (i, name) in names.iter().enumerate() {
                        if names[..i].contains(name) {
                            return Err(EngineError::DuplicateColumn { file: file.into(), column: name.clone() });
                        }
                    }
                    headers = Some(names);
                }
                Some(h) => {
                    if cells.iter().all(|c| c.trim().is_empty()) {
                        continue; // blank spreadsheet rows carry nothing
                    }
                    if cells.len() != h.len() {
                        return Err(EngineError::RaggedRow { file: file.into(), row, expected: h.len(), found: cells.len() });
                    }
                    rows.push(cells);
                    row_numbers.push(row);
                }
            }
        }
        let headers = headers.ok_or_else(|| EngineError::EmptyFile {
            file: file.into(),
            message: "the file is empty; expected a header row and at least one data row".into(),
        })?;
        if rows.is_empty() {
            return Err(EngineError::EmptyFile { file: file.into(), message: "the file has a header but no data rows".into() });
        }
        Ok(Table { file: file.into(), headers, rows, row_numbers })
    }

    /// The name used in error messages.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Header names, trimmed.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// Number of data rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when there are no data rows (never, for a successfully parsed table).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The spreadsheet row number of data row `index`.
    pub fn row_number(&self, index: usize) -> usize {
        self.row_numbers[index]
    }

    /// Whether the header has this column (after trimming `name`).
    pub fn has_column(&self, name: &str) -> bool {
        self.headers.iter().any(|h| h == name.trim())
    }

    /// Index of a column; `purpose` says in the error what the column was needed for.
    pub fn column_index(&self, name: &str, purpose: &str) -> Result<usize> {
        let name = name.trim();
        self.headers.iter().position(|h| h == name).ok_or_else(|| EngineError::MissingColumn {
            file: self.file.clone(),
            column: name.into(),
            purpose: purpose.into(),
            available: self.headers.clone(),
        })
    }

    /// The trimmed text of a column.
    pub fn text_column(&self, name: &str, purpose: &str) -> Result<Vec<String>> {
        let c = self.column_index(name, purpose)?;
        Ok(self.rows.iter().map(|r| r[c].trim().to_owned()).collect())
    }

    /// A column of ids: non-empty and unique.
    pub fn id_column(&self, name: &str, purpose: &str) -> Result<Vec<String>> {
        let ids = self.text_column(name, purpose)?;
        let mut first_seen = std::collections::HashMap::with_capacity(ids.len());
        for (i, id) in ids.iter().enumerate() {
            if id.is_empty() {
                return Err(self.invalid(i, name, id, "an id (this cell is empty)"));
            }
            if let Some(&first) = first_seen.get(id.as_str()) {
                return Err(EngineError::DuplicateId {
                    file: self.file.clone(),
                    row: self.row_number(i),
                    column: name.trim().into(),
                    id: id.clone(),
                    first_row: self.row_number(first),
                });
            }
            first_seen.insert(id.as_str(), i);
        }
        Ok(ids)
    }

    /// A numeric column: each row's value, or `None` where the cell says "missing".
    ///
    /// # Errors
    /// Text that is not a number names the row, column and text.
    pub fn numeric_column(&self, name: &str, purpose: &str) -> Result<Vec<Option<f64>>> {
        let c = self.column_index(name, purpose)?;
        self.rows
            .iter()
            .enumerate()
            .map(|(i, r)| match parse_cell(&r[c]) {
                Some(Cell::Number(v)) => Ok(Some(v)),
                Some(Cell::Missing) => Ok(None),
                None => Err(self.invalid(i, name, &r[c], EXPECTED_NUMBER)),
            })
            .collect()
    }

    /// A column of counts or populations: numbers that are not negative. Missing cells are an
    /// error here, since a count cannot be guessed.
    pub fn count_column(&self, name: &str, purpose: &str) -> Result<Vec<f64>> {
        let c = self.column_index(name, purpose)?;
        let expected = "a number of people that is zero or more, such as 1,202";
        self.rows
            .iter()
            .enumerate()
            .map(|(i, r)| match parse_cell(&r[c]) {
                Some(Cell::Number(v)) if v >= 0.0 => Ok(v),
                Some(Cell::Number(_)) => Err(self.invalid(i, name, &r[c], &format!("{expected} (negative counts are not allowed)"))),
                Some(Cell::Missing) => Err(self.invalid(i, name, &r[c], &format!("{expected} (this cell is missing)"))),
                None => Err(self.invalid(i, name, &r[c], expected)),
            })
            .collect()
    }

    /// Builds an [`EngineError::InvalidValue`] for data row `index`.
    pub fn invalid(&self, index: usize, column: &str, value: &str, expected: &str) -> EngineError {
        EngineError::InvalidValue {
            file: self.file.clone(),
            row: self.row_number(index),
            column: column.trim().into(),
            value: value.into(),
            expected: expected.into(),
        }
    }
}

/// Turns byte offsets into spreadsheet row numbers: text lines, less the line breaks inside
/// quoted cells of earlier records (a spreadsheet shows such a cell in one row).
///
/// The csv reader reports a record's start at the line break that ends the previous record,
/// before any blank lines, so the start is found by skipping line breaks from there.
struct RowCounter<'a> {
    bytes: &'a [u8],
    scanned: usize,
    line_breaks: usize,
    embedded: usize,
}

impl<'a> RowCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        RowCounter { bytes, scanned: 0, line_breaks: 0, embedded: 0 }
    }

    fn row_at(&mut self, reported: usize) -> usize {
        let mut start = reported.min(self.bytes.len());
        if start > 0 {
            while start < self.bytes.len() && matches!(self.bytes[start], b'\r' | b'\n') {
                start += 1;
            }
        }
        if start > self.scanned {
            self.line_breaks += self.bytes[self.scanned..start].iter().filter(|&&b| b == b'\n').count();
            self.scanned = start;
        }
        1 + self.line_breaks - self.embedded
    }

    fn skip_embedded_newlines(&mut self, count: usize) {
        self.embedded += count;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_trims_headers_and_reads_crlf_and_quotes() {
        let t = Table::parse("a.csv", b"\xEF\xBB\xBF ID ,Name\r\n1,\"Oak, North\"\r\n2,\"say \"\"hi\"\"\"\r\n").unwrap();
        assert_eq!(t.headers(), ["ID", "Name"]);
        assert_eq!(t.text_column("Name", "x").unwrap(), ["Oak, North", "say \"hi\""]);
        assert_eq!(t.row_number(0), 2);
        assert_eq!(t.row_number(1), 3);
    }

    #[test]
    fn ragged_row_names_file_and_row() {
        let err = Table::parse("a.csv", b"id,x\n1,2\n3\n").unwrap_err();
        assert_eq!(err, EngineError::RaggedRow { file: "a.csv".into(), row: 3, expected: 2, found: 1 });
        assert!(err.to_string().starts_with("a.csv: row 3 has 1 fields but the header has 2"));
    }

    #[test]
    fn row_numbers_count_blank_lines_but_not_line_breaks_inside_quotes() {
        let t = Table::parse("a.csv", b"id,x\r\n1,2\r\n\r\n3,4\n\"x\ny\",5\n6,7\n8,bad").unwrap();
        let rows: Vec<usize> = (0..t.len()).map(|i| t.row_number(i)).collect();
        assert_eq!(rows, [2, 4, 5, 6, 7]);
        let err = t.numeric_column("x", "an indicator").unwrap_err();
        assert!(err.to_string().starts_with("a.csv: row 7, column \"x\": \"bad\""), "{err}");
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
        let err = t.numeric_column("income", "an indicator").unwrap_err();
        match &err {
            EngineError::InvalidValue { file, row, column, value, .. } => {
                assert_eq!((file.as_str(), *row, column.as_str(), value.as_str()), ("areas.csv", 3, "income", "lots"));
            }
            other => panic!("{other:?}"),
        }
        assert!(err.to_string().contains("row 3, column \"income\": \"lots\" is not valid; expected a number"));
    }

    #[test]
    fn missing_column_lists_the_columns_there_are() {
        let t = Table::parse("a.csv", b"id,x\n1,2\n").unwrap();
        let err = t.column_index("income", "an indicator").unwrap_err();
        assert_eq!(err.to_string(), "a.csv: there is no column \"income\" (an indicator); the columns are: id, x");
    }

    #[test]
    fn duplicate_ids_and_columns_are_errors() {
        let t = Table::parse("a.csv", b"id,x\n7,1\n8,2\n7,3\n").unwrap();
        let err = t.id_column("id", "the id").unwrap_err();
        assert_eq!(err, EngineError::DuplicateId { file: "a.csv".into(), row: 4, column: "id".into(), id: "7".into(), first_row: 2 });
        assert!(matches!(Table::parse("a.csv", b"id, id\n1,2\n"), Err(EngineError::DuplicateColumn { .. })));
    }

    #[test]
    fn negative_or_missing_counts_are_errors() {
        let t = Table::parse("a.csv", b"id,kids\n1,5\n2,-3\n").unwrap();
        let err = t.count_column("kids", "population").unwrap_err();
        assert!(err.to_string().contains("row 3, column \"kids\": \"-3\" is not valid"), "{err}");
        let t = Table::parse("a.csv", b"id,kids\n1,\n").unwrap();
        assert!(t.count_column("kids", "population").is_err());
    }

    #[test]
    fn empty_files_are_errors() {
        assert!(matches!(Table::parse("a.csv", b""), Err(EngineError::EmptyFile { .. })));
        assert!(matches!(Table::parse("a.csv", b"id,x\n"), Err(EngineError::EmptyFile { .. })));
    }

    #[test]
    fn invalid_utf8_is_an_error_with_row() {
        let err = Table::parse("a.csv", b"id,x\n1,\xFF\n").unwrap_err();
        assert!(matches!(err, EngineError::Csv { row: 2, .. }), "{err:?}");
    }
}
