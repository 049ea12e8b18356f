//! Turning rows of cells into a table: the header found (title rows above it skipped), then
//! each data row added to its columns, with the spreadsheet row number of every record.

use super::*;
use crate::error::{EngineError, FileProblem, Result};
use crate::source::{ReadOptions, SourceInfo, file_error};

/// Collects data rows into columns.
pub(super) struct TableBuilder {
    pub(super) file: String,
    pub(super) headers: Vec<String>,
    /// Per header: the slot in `columns` it is kept in.
    pub(super) keep: Vec<Option<usize>>,
    pub(super) columns: Vec<TextColumn>,
    pub(super) row_numbers: Vec<u32>,
    pub(super) header_row: usize,
}

impl TableBuilder {
    pub(super) fn push<'a>(
        &mut self,
        row: usize,
        fields: impl DoubleEndedIterator<Item = &'a str> + ExactSizeIterator + Clone,
    ) -> Result<()> {
        if fields.clone().all(|f| f.trim().is_empty()) {
            return Ok(()); // blank spreadsheet rows carry nothing
        }
        let width = self.headers.len();
        let found = fields.len();
        // Extra cells are allowed when empty (a spreadsheet's phantom columns); missing ones
        // mean the row is out of step with the header.
        if found < width || fields.clone().skip(width).any(|f| !f.trim().is_empty()) {
            let found = fields.clone().rposition(|f| !f.trim().is_empty()).map_or(0, |p| p + 1).max(found.min(width));
            return Err(EngineError::RaggedRow { file: self.file.clone(), row, expected: width, found });
        }
        for (field, keep) in fields.zip(&self.keep) {
            if let Some(slot) = keep {
                self.columns[*slot].push(field);
            }
        }
        self.row_numbers.push(row as u32);
        Ok(())
    }

    /// The same table with no rows yet, to fill with a piece of the file.
    pub(super) fn empty_like(&self) -> TableBuilder {
        TableBuilder {
            file: self.file.clone(),
            headers: self.headers.clone(),
            keep: self.keep.clone(),
            columns: self.columns.iter().map(|_| TextColumn::default()).collect(),
            row_numbers: Vec::new(),
            header_row: self.header_row,
        }
    }

    /// Reads the remaining records one by one.
    pub(super) fn read_rest<R: std::io::Read>(
        &mut self,
        reader: &mut csv::Reader<R>,
        record: &mut csv::ByteRecord,
        counter: &mut RowCounter,
    ) -> Result<()> {
        while self.read_records(reader, record, counter, usize::MAX)? {}
        Ok(())
    }

    /// Reads up to `limit` more records; false once the file has no more.
    pub(super) fn read_records<R: std::io::Read>(
        &mut self,
        reader: &mut csv::Reader<R>,
        record: &mut csv::ByteRecord,
        counter: &mut RowCounter,
        limit: usize,
    ) -> Result<bool> {
        for _ in 0..limit {
            let Some(row) = next_record(&self.file, reader, record, counter)? else { return Ok(false) };
            // Fields of decoded text split at ASCII delimiters are valid UTF-8.
            self.push(row, record.iter().map(|f| std::str::from_utf8(f).unwrap_or("")))?;
        }
        Ok(true)
    }

    pub(super) fn finish(self, mut source: SourceInfo) -> Result<Table> {
        if self.row_numbers.is_empty() {
            return Err(file_error(&self.file, FileProblem::NoDataRows));
        }
        let mut slots = self.columns.into_iter();
        let columns = self.keep.iter().map(|k| k.map(|_| slots.next().expect("one slot per kept column"))).collect();
        source.header_row = self.header_row;
        Ok(Table { file: self.file, headers: self.headers, columns, row_numbers: self.row_numbers, source, declared_missing: Vec::new() })
    }
}

/// Finds the header among the first records: the first row as wide as the table (as most
/// rows are, counting filled cells), so that title rows, which are narrower, are skipped;
/// unless [`ReadOptions::header_row`] says which. Then
/// starts a table with the rows after it (and after a Census Bureau label row).
pub(super) fn start_table(
    file: &str,
    options: &ReadOptions,
    source: &mut SourceInfo,
    first: Vec<(usize, Vec<String>)>,
) -> Result<TableBuilder> {
    let filled = |cells: &[String]| cells.iter().rposition(|c| !c.trim().is_empty()).map_or(0, |p| p + 1);
    let header_at = match options.header_row {
        Some(h) => first.iter().position(|(r, _)| *r == h).ok_or_else(|| file_error(file, FileProblem::NoHeaderRow { row: h }))?,
        None => {
            // The table's width: the most common number of filled cells (ties: the wider).
            let mut widths: Vec<usize> = first.iter().map(|(_, c)| filled(c)).filter(|&w| w > 0).collect();
            widths.sort_unstable();
            let width = widths.chunk_by(|a, b| a == b).max_by_key(|run| (run.len(), run[0])).map_or(0, |run| run[0]);
            first.iter().position(|(_, c)| width > 0 && filled(c) >= width).ok_or_else(|| file_error(file, FileProblem::Empty))?
        }
    };
    let (header_row, header_cells) = &first[header_at];
    let width = filled(header_cells);
    let mut headers: Vec<String> = Vec::with_capacity(width);
    for (i, cell) in header_cells[..width].iter().enumerate() {
        let name = cell.trim();
        let name = if name.is_empty() { format!("column {}", i + 1) } else { name.to_owned() };
        if headers.contains(&name) {
            return Err(EngineError::DuplicateColumn { file: file.into(), column: name });
        }
        headers.push(name);
    }
    // A Census Bureau download repeats the header as labels ("Geography", "Geographic Area
    // Name", "Estimate!!Total").
    let mut data_at = header_at + 1;
    if let Some((_, labels)) = first.get(data_at)
        && (labels.first().is_some_and(|c| c.trim() == "Geography") || labels.iter().any(|c| c.contains("!!")))
    {
        data_at += 1;
        source.census_labels = true;
    }
    source.numbers.census = source.census_labels || headers.iter().any(|h| h.eq_ignore_ascii_case("GEO_ID"));
    let mut keep = Vec::with_capacity(width);
    let mut kept = 0;
    for h in &headers {
        let wanted = options.columns.as_ref().is_none_or(|cols| cols.iter().any(|c| c.trim() == h));
        keep.push(wanted.then(|| {
            kept += 1;
            kept - 1
        }));
    }
    let mut builder = TableBuilder {
        file: file.into(),
        headers,
        keep,
        columns: (0..kept).map(|_| TextColumn::default()).collect(),
        row_numbers: Vec::new(),
        header_row: *header_row,
    };
    for (row, cells) in &first[data_at.min(first.len())..] {
        builder.push(*row, cells.iter().map(String::as_str))?;
    }
    Ok(builder)
}

/// The CSV reader every text file is read with: no header (it is found), rows of any width
/// (checked against the header).
pub(super) fn csv_reader(delimiter: u8, bytes: &[u8]) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(bytes)
}

/// Reads the next record; returns its spreadsheet row number.
pub(super) fn next_record<R: std::io::Read>(
    file: &str,
    reader: &mut csv::Reader<R>,
    record: &mut csv::ByteRecord,
    counter: &mut RowCounter,
) -> Result<Option<usize>> {
    match reader.read_byte_record(record) {
        Ok(false) => Ok(None),
        Ok(true) => {
            let row = counter.row_at(record.position().map_or(0, |p| p.byte() as usize));
            counter.skip_embedded_newlines(record.as_slice().iter().filter(|&&b| b == b'\n').count());
            Ok(Some(row))
        }
        Err(e) => {
            let row = counter.row_at(e.position().map_or(counter.bytes.len(), |p| p.byte() as usize));
            Err(EngineError::Csv { file: file.into(), row, reason: e.to_string() })
        }
    }
}

/// Turns byte offsets into spreadsheet row numbers: text lines, less the line breaks inside
/// quoted cells of earlier records (a spreadsheet shows such a cell in one row).
///
/// The csv reader reports a record's start at the line break that ends the previous record,
/// before any blank lines, so the start is found by skipping line breaks from there.
pub(super) struct RowCounter<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) scanned: usize,
    pub(super) line_breaks: usize,
    pub(super) embedded: usize,
}

impl<'a> RowCounter<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        RowCounter { bytes, scanned: 0, line_breaks: 0, embedded: 0 }
    }

    pub(super) fn row_at(&mut self, reported: usize) -> usize {
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

    pub(super) fn skip_embedded_newlines(&mut self, count: usize) {
        self.embedded += count;
    }
}
