//! A data file read into memory column by column, with the positions a person needs to find
//! a problem: the file name and the spreadsheet row of every record.
//!
//! One reader for every file a district has ([`Table::read`]): CSV, semicolon- or
//! tab-separated text in UTF-8, UTF-16 or Windows-1252 ([`super::source`]), and workbooks
//! (`.xlsx`, `.xls`, `.ods`, [`super::workbook`]). It skips what real exports put around the
//! data: title rows above the header, a Census Bureau table's second header row of labels,
//! blank rows, trailing empty columns, CRLF line ends and a byte-order mark.
//!
//! Each column's text is kept in one buffer ([`TextColumn`]), not one string per cell, and a
//! reader that knows which columns it needs can keep only those ([`ReadOptions::columns`]).

mod builder;
mod pieces;

use builder::start_table;
use pieces::Chunking;
pub use pieces::TableReader;

use super::error::{EngineError, Expected, InvalidGroup, LISTED_ROWS_LIMIT, Purpose, Result};
use super::number::{Cell, NumberStyle, parse_cell_with};
use super::source::{ReadOptions, SourceInfo, decode, is_workbook};

/// A sheet's rows: each row's number in the sheet and its cells as text.
pub type Rows = Vec<(usize, Vec<String>)>;

/// The longest piece of a bad value an error message quotes.
pub const QUOTED_VALUE_LIMIT: usize = 60;

/// One column's cells: their text in one buffer, and where each cell ends.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TextColumn {
    text: String,
    ends: Vec<u32>,
}

impl TextColumn {
    /// An empty column with room for `rows` cells of about `bytes_per_cell` bytes.
    pub fn with_capacity(rows: usize, bytes_per_cell: usize) -> TextColumn {
        TextColumn { text: String::with_capacity(rows * bytes_per_cell), ends: Vec::with_capacity(rows) }
    }

    /// Appends a cell.
    pub fn push(&mut self, cell: &str) {
        self.text.push_str(cell);
        self.ends.push(self.text.len() as u32);
    }

    /// Number of cells.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True without cells.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The text of cell `i`.
    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// Every cell in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Appends every cell of `other`.
    fn append(&mut self, other: &TextColumn) {
        let base = self.text.len() as u32;
        self.text.push_str(&other.text);
        self.ends.extend(other.ends.iter().map(|end| end + base));
    }

    /// The cells as owned strings (for small tables and tests).
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }
}

impl std::ops::Index<usize> for TextColumn {
    type Output = str;
    fn index(&self, i: usize) -> &str {
        self.get(i)
    }
}

impl<'a> FromIterator<&'a str> for TextColumn {
    fn from_iter<I: IntoIterator<Item = &'a str>>(iter: I) -> Self {
        let mut column = TextColumn::default();
        for s in iter {
            column.push(s);
        }
        column
    }
}

impl FromIterator<String> for TextColumn {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        let mut column = TextColumn::default();
        for s in iter {
            column.push(&s);
        }
        column
    }
}

/// A parsed data file: trimmed header names and, per column, the text of every data row.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    file: String,
    headers: Vec<String>,
    /// Per header: its cells, or `None` when [`ReadOptions::columns`] left it out.
    columns: Vec<Option<TextColumn>>,
    /// Spreadsheet row number (header = its row) of each data row.
    row_numbers: Vec<u32>,
    source: SourceInfo,
    /// Texts the person declared to mean "missing" in this file's numeric columns (trimmed),
    /// besides the markers every file's are read with ([`super::number`]).
    declared_missing: Vec<String>,
}

/// How many leading records are looked at to find the header row.
const HEADER_LOOKAHEAD: usize = 30;

impl Table {
    /// Reads a data file of any accepted kind with everything found from the bytes. `file` is
    /// the name used in messages.
    ///
    /// # Errors
    /// An unreadable workbook or CSV, an empty file, duplicate header names, or a row with
    /// more or fewer values than the header.
    ///
    /// ```
    /// use ses_engine::{error::Purpose, table::Table};
    /// let t = Table::parse("a.csv", b"\xEF\xBB\xBF id , income\r\n1,\"$50,733\"\r\n").unwrap();
    /// assert_eq!(t.headers(), ["id", "income"]);
    /// assert_eq!(t.numeric_column("income", Purpose::Indicator).unwrap()[0], Some(50733.0));
    /// ```
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Table> {
        Table::read(file, bytes, &ReadOptions::default())
    }

    /// A table from a workbook sheet's rows (as `workbook::read_rows` gives them, here or in
    /// the app's workbook worker).
    ///
    /// # Errors
    /// An empty sheet, duplicate header names, a row wider than the header.
    pub fn from_sheet(file: &str, sheet: String, rows: Rows, options: &ReadOptions) -> Result<Table> {
        let mut source = SourceInfo { sheet: Some(sheet), ..SourceInfo::default() };
        let builder = start_table(file, options, &mut source, rows)?;
        builder.finish(source)
    }

    /// Reads a data file with some choices forced (delimiter, sheet, header row) or some
    /// columns only.
    ///
    /// # Errors
    /// As [`Table::parse`], and a sheet or header row that the file does not have.
    pub fn read(file: &str, bytes: &[u8], options: &ReadOptions) -> Result<Table> {
        Table::read_in_pieces(file, bytes, options, &Chunking::default())
    }

    fn read_in_pieces(file: &str, bytes: &[u8], options: &ReadOptions, chunking: &Chunking) -> Result<Table> {
        if is_workbook(bytes) {
            #[cfg(feature = "workbook")]
            {
                let (sheet, rows) = super::workbook::read_rows(file, bytes, options.sheet.as_deref())?;
                return Table::from_sheet(file, sheet, rows, options);
            }
            // The browser app reads workbooks in its workbook worker, then calls `from_sheet`.
            #[cfg(not(feature = "workbook"))]
            return Err(super::source::file_error(file, super::error::FileProblem::WorkbookReaderElsewhere));
        }
        let (text, encoding) = decode(bytes);
        TableReader::with_chunking(file, text, encoding, options, chunking)?.read_all()
    }

    /// The name used in error messages.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// How the file was read (encoding, delimiter, sheet, skipped rows).
    pub fn source(&self) -> &SourceInfo {
        &self.source
    }

    /// Header names, trimmed.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// Number of data rows.
    pub fn len(&self) -> usize {
        self.row_numbers.len()
    }

    /// True when there are no data rows (never, for a successfully parsed table).
    pub fn is_empty(&self) -> bool {
        self.row_numbers.is_empty()
    }

    /// The spreadsheet row number of data row `index`.
    pub fn row_number(&self, index: usize) -> usize {
        self.row_numbers[index] as usize
    }

    /// Whether the header has this column (after trimming `name`).
    pub fn has_column(&self, name: &str) -> bool {
        self.headers.iter().any(|h| h == name.trim())
    }

    /// Index of a column; `purpose` says in the error what the column was needed for.
    pub fn column_index(&self, name: &str, purpose: Purpose) -> Result<usize> {
        let name = name.trim();
        self.headers.iter().position(|h| h == name).ok_or_else(|| EngineError::MissingColumn {
            file: self.file.clone(),
            column: name.into(),
            purpose,
            available: self.headers.clone(),
        })
    }

    /// A column's cells as read (untrimmed).
    pub fn cells(&self, name: &str, purpose: Purpose) -> Result<&TextColumn> {
        let c = self.column_index(name, purpose)?;
        self.columns[c].as_ref().ok_or_else(|| EngineError::ColumnNotRead {
            file: self.file.clone(),
            column: name.trim().to_owned(),
            purpose,
        })
    }

    /// The trimmed text of a column.
    pub fn text_column(&self, name: &str, purpose: Purpose) -> Result<Vec<String>> {
        Ok(self.cells(name, purpose)?.iter().map(|c| c.trim().to_owned()).collect())
    }

    /// A column of ids: non-empty and unique, trimmed.
    ///
    /// # Errors
    /// An empty id, or an id on two rows (naming both rows).
    pub fn id_column(&self, name: &str, purpose: Purpose) -> Result<TextColumn> {
        self.check_ids(name, purpose)?;
        Ok(self.cells(name, purpose)?.iter().map(str::trim).collect())
    }

    /// Checks a column of ids (non-empty and unique, trimmed) without keeping them: a
    /// million students' ids cost no copy.
    ///
    /// # Errors
    /// An empty id, or an id on two rows (naming both rows).
    pub fn check_ids(&self, name: &str, purpose: Purpose) -> Result<()> {
        let cells = self.cells(name, purpose)?;
        if let Some(i) = (0..cells.len()).find(|&i| cells.get(i).trim().is_empty()) {
            return Err(self.invalid(i, name, cells.get(i).trim(), Expected::Id));
        }
        if let Some((first, again)) = first_duplicate(cells.len(), |i| cells.get(i).trim()) {
            return Err(EngineError::DuplicateId {
                file: self.file.clone(),
                row: self.row_number(again),
                column: name.trim().into(),
                id: cells.get(again).trim().to_owned(),
                first_row: self.row_number(first),
            });
        }
        Ok(())
    }

    /// How this file writes its numbers.
    pub fn number_style(&self) -> NumberStyle {
        self.source.numbers
    }

    /// Declares texts that mean "missing" in this file's numeric columns (such as an agency's
    /// "n/a (suppressed)"): read as missing, and counted in [`Numbers::markers`].
    pub fn declare_missing<S: AsRef<str>>(&mut self, values: &[S]) {
        self.declared_missing = values.iter().map(|v| v.as_ref().trim().to_owned()).filter(|v| !v.is_empty()).collect();
    }

    /// The texts declared missing ([`Table::declare_missing`]).
    pub fn declared_missing(&self) -> &[String] {
        &self.declared_missing
    }

    /// Reads one numeric cell of `column` (its trimmed text, parsed in the file's style).
    fn number_at(&self, cells: &TextColumn, i: usize) -> Option<Cell> {
        parse_cell_with(cells.get(i), self.source.numbers)
    }

    /// A numeric column: each row's value, or `None` where the cell says "missing".
    ///
    /// # Errors
    /// Text that is not a number names the row, column and text.
    pub fn numeric_column(&self, name: &str, purpose: Purpose) -> Result<Vec<Option<f64>>> {
        Ok(self.numbers(name, purpose)?.values.into_iter().map(|v| (!v.is_nan()).then_some(v)).collect())
    }

    /// A numeric column as one contiguous buffer: NaN where missing, with the rows whose
    /// value was a top- or bottom-coded estimate and the markers read as missing.
    ///
    /// # Errors
    /// Text that is not a number: every such cell of the column, grouped by value (one cell
    /// alone is an [`EngineError::InvalidValue`]).
    pub fn numbers(&self, name: &str, purpose: Purpose) -> Result<Numbers> {
        let cells = self.cells(name, purpose)?;
        let mut out = Numbers { values: Vec::with_capacity(cells.len()), ..Numbers::default() };
        let mut bad: Vec<usize> = Vec::new();
        let mut markers = MarkerCounts::default();
        for i in 0..cells.len() {
            let v = match self.number_at(cells, i) {
                Some(Cell::Number(v)) => v,
                Some(Cell::TopCoded(v)) => {
                    out.top_coded += 1;
                    v
                }
                Some(Cell::BottomCoded(v)) => {
                    out.bottom_coded += 1;
                    v
                }
                Some(Cell::Missing) => {
                    markers.count(cells.get(i).trim(), false);
                    f64::NAN
                }
                None if self.declared_missing.iter().any(|d| d == cells.get(i).trim()) => {
                    markers.count(cells.get(i).trim(), true);
                    f64::NAN
                }
                None => {
                    bad.push(i);
                    f64::NAN
                }
            };
            out.values.push(v);
        }
        if !bad.is_empty() {
            return Err(self.invalid_cells(name, &bad, Expected::Number));
        }
        out.markers = markers.0;
        Ok(out)
    }

    /// A column of counts or populations: numbers that are not negative. Missing cells are an
    /// error here, since a count cannot be guessed.
    pub fn count_column(&self, name: &str, purpose: Purpose) -> Result<Vec<f64>> {
        let cells = self.cells(name, purpose)?;
        (0..cells.len())
            .map(|i| match self.number_at(cells, i).map(Cell::value) {
                Some(Some(v)) if v >= 0.0 => Ok(v),
                Some(Some(_)) => Err(self.invalid(i, name, cells.get(i), Expected::CountNotNegative)),
                Some(None) => Err(self.invalid(i, name, cells.get(i), Expected::CountMissing)),
                None => Err(self.invalid(i, name, cells.get(i), Expected::Count)),
            })
            .collect()
    }

    /// The error for bad cells of `column` at data rows `indices` (in order): one cell is an
    /// [`EngineError::InvalidValue`]; several are grouped by value ([`EngineError::InvalidValues`]).
    pub fn invalid_cells(&self, column: &str, indices: &[usize], expected: Expected) -> EngineError {
        let cells = match self.cells(column, Purpose::Indicator) {
            Ok(cells) => cells,
            Err(e) => return e,
        };
        if let [one] = indices {
            return self.invalid(*one, column, cells.get(*one), expected);
        }
        let mut groups: Vec<InvalidGroup> = Vec::new();
        for &i in indices {
            let value = quoted_excerpt(cells.get(i));
            let row = self.row_number(i);
            match groups.iter_mut().find(|g| g.value == value) {
                Some(g) => {
                    g.count += 1;
                    g.rows.push(row);
                }
                None => groups.push(InvalidGroup { column: column.trim().into(), value, expected, rows: vec![row], count: 1 }),
            }
        }
        EngineError::InvalidValues { file: self.file.clone(), total: indices.len(), groups: limit_listed_rows(groups) }
    }

    /// Builds an [`EngineError::InvalidValue`] for data row `index`, quoting at most
    /// [`QUOTED_VALUE_LIMIT`] characters of the value.
    pub fn invalid(&self, index: usize, column: &str, value: &str, expected: Expected) -> EngineError {
        EngineError::InvalidValue {
            file: self.file.clone(),
            row: self.row_number(index),
            column: column.trim().into(),
            value: quoted_excerpt(value),
            expected,
        }
    }
}

/// A numeric column: NaN where the cell was missing.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Numbers {
    pub values: Vec<f64>,
    /// Cells written as "this or more" (`250,000+`).
    pub top_coded: usize,
    /// Cells written as "this or less" (`2,500-`).
    pub bottom_coded: usize,
    /// The texts read as missing (not blank cells), in the order first met.
    pub markers: Vec<MissingMarker>,
}

/// A text read as "missing" in a numeric column, and how often.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingMarker {
    pub text: String,
    pub count: usize,
    /// Declared by the person ([`Table::declare_missing`]); otherwise one of the markers every
    /// file is read with (the Census Bureau's, `NA`, `-`).
    pub declared: bool,
}

#[derive(Default)]
struct MarkerCounts(Vec<MissingMarker>);

impl MarkerCounts {
    fn count(&mut self, text: &str, declared: bool) {
        if text.is_empty() {
            return;
        }
        match self.0.iter_mut().find(|m| m.text == text) {
            Some(m) => m.count += 1,
            None => self.0.push(MissingMarker { text: text.to_owned(), count: 1, declared }),
        }
    }
}

/// Keeps at most [`LISTED_ROWS_LIMIT`] rows listed over all groups, in group order (each group
/// keeps its count).
pub fn limit_listed_rows(mut groups: Vec<InvalidGroup>) -> Vec<InvalidGroup> {
    let mut room = LISTED_ROWS_LIMIT;
    for g in &mut groups {
        g.rows.truncate(room);
        room -= g.rows.len();
    }
    groups
}

/// One error for the bad cells of several columns of one file (each column's own error, in
/// column order); an error of another kind (a column missing) comes first, alone.
pub fn merge_invalid(errors: Vec<EngineError>) -> Option<EngineError> {
    let is_cells = |e: &EngineError| matches!(e, EngineError::InvalidValue { .. } | EngineError::InvalidValues { .. });
    if let Some(other) = errors.iter().find(|e| !is_cells(e)) {
        return Some(other.clone());
    }
    let mut merged: Option<(String, Vec<InvalidGroup>, usize)> = None;
    for error in errors {
        let (file, groups, total) = match error {
            EngineError::InvalidValue { file, row, column, value, expected } => {
                (file, vec![InvalidGroup { column, value, expected, rows: vec![row], count: 1 }], 1)
            }
            EngineError::InvalidValues { file, groups, total } => (file, groups, total),
            _ => continue,
        };
        match &mut merged {
            None => merged = Some((file, groups, total)),
            Some((_, all, n)) => {
                all.extend(groups);
                *n += total;
            }
        }
    }
    let (file, groups, total) = merged?;
    Some(match (total, groups.as_slice()) {
        (1, [g]) => {
            EngineError::InvalidValue { file, row: g.rows[0], column: g.column.clone(), value: g.value.clone(), expected: g.expected }
        }
        _ => EngineError::InvalidValues { file, groups: limit_listed_rows(groups), total },
    })
}

/// At most [`QUOTED_VALUE_LIMIT`] characters of a value, with "…" when cut.
pub fn quoted_excerpt(value: &str) -> String {
    match value.char_indices().nth(QUOTED_VALUE_LIMIT) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_owned(),
    }
}

/// The first id (in file order) that repeats an earlier one: (first row, repeating row). A
/// sort of hashes instead of a hash map, so a million ids cost milliseconds.
fn first_duplicate<'a>(count: usize, id: impl Fn(usize) -> &'a str) -> Option<(usize, usize)> {
    let hash = |s: &str| {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in s.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        h
    };
    let mut keyed: Vec<(u64, u32)> = (0..count).map(|i| (hash(id(i)), i as u32)).collect();
    keyed.sort_unstable();
    let mut best: Option<(usize, usize)> = None;
    let mut start = 0;
    while start < keyed.len() {
        let mut end = start + 1;
        while end < keyed.len() && keyed[end].0 == keyed[start].0 {
            end += 1;
        }
        // Rows with the same hash, in file order: the first that equals an earlier one.
        for j in start + 1..end {
            let later = keyed[j].1 as usize;
            if let Some(k) = (start..j).find(|&k| id(keyed[k].1 as usize) == id(later)) {
                let first = keyed[k].1 as usize;
                if best.is_none_or(|(_, b)| later < b) {
                    best = Some((first, later));
                }
                break;
            }
        }
        start = end;
    }
    best
}

#[cfg(test)]
mod tests;
