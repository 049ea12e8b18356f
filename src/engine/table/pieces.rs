//! Reading the rows of a text file after its header a piece at a time, with everything that
//! makes the pieces' rows the file's rows: numbered from the line breaks before each piece,
//! the first bad row in file order reported.
//!
//! A file whose rest has no quote splits at line ends (a quote could hide a line break, and
//! only a reader from the start can tell), into pieces read on every core natively
//! ([`TableReader::read_all`]) or one per call of [`TableReader::step`] in the browser, where
//! the page stays responsive and shows its progress between pieces. A file with a quote after
//! its header is read in order by the CSV reader: in one go natively, some thousands of records
//! per step in the browser.

use std::borrow::Cow;

use super::builder::{RowCounter, TableBuilder, csv_reader, next_record, start_table};
use super::{HEADER_LOOKAHEAD, Table};
use crate::error::{FileProblem, Result};
use crate::number::NumberStyle;
use crate::source::{ReadOptions, SourceInfo, decode, file_error, looks_like_text, sniff_delimiter};

/// A text file being read: its header found, its rows read by [`TableReader::step`] or
/// [`TableReader::read_all`], the table given by [`TableReader::finish`].
pub struct TableReader<'a> {
    text: Cow<'a, str>,
    source: SourceInfo,
    builder: TableBuilder,
    delimiter: u8,
    /// Line breaks inside quoted cells before the rest (in the header's lookahead).
    embedded: usize,
    plan: Plan,
    /// Bytes of the text read so far.
    read_to: usize,
    /// Records read per step when the file is read in order.
    records_per_step: usize,
}

/// How the rest of the file is read.
enum Plan {
    /// Pieces of whole lines (start, end), the next one to read and the file's line breaks
    /// before it (each piece's are counted once it is read).
    Pieces { pieces: Vec<(usize, usize)>, next: usize, line_breaks: usize },
    /// By the CSV reader from `start` (after `line_breaks` line breaks), some records per
    /// step; `reading` holds the reader between steps once it has started.
    InOrder { start: usize, line_breaks: usize, reading: Option<Box<InOrder>>, done: bool },
}

/// A CSV reader kept between steps, over its own copy of the rest of the file, with where its
/// row count stands.
struct InOrder {
    reader: csv::Reader<std::io::Cursor<std::rc::Rc<[u8]>>>,
    rest: std::rc::Rc<[u8]>,
    /// `RowCounter`'s state between steps.
    scanned: usize,
    line_breaks: usize,
    embedded: usize,
}

impl<'a> TableReader<'a> {
    /// Finds the header of a text file (CSV and its cousins) and plans how to read the rest.
    ///
    /// # Errors
    /// An unreadable record or header among the first rows, an empty file.
    pub fn new(file: &str, bytes: &'a [u8], options: &ReadOptions) -> Result<TableReader<'a>> {
        let (text, encoding) = decode(bytes);
        TableReader::with_chunking(file, text, encoding, options, &Chunking::default())
    }

    pub(super) fn with_chunking(
        file: &str,
        text: Cow<'a, str>,
        encoding: &'static str,
        options: &ReadOptions,
        chunking: &Chunking,
    ) -> Result<TableReader<'a>> {
        if !looks_like_text(&text) {
            return Err(file_error(file, FileProblem::NotText));
        }
        let delimiter = options.delimiter.unwrap_or_else(|| sniff_delimiter(&text));
        let mut source = SourceInfo {
            encoding,
            delimiter: Some(delimiter),
            numbers: NumberStyle { decimal_comma: delimiter == b';', census: false },
            ..SourceInfo::default()
        };
        let bytes = text.as_bytes();
        let mut reader = csv_reader(delimiter, bytes);
        let mut record = csv::ByteRecord::new();
        let mut counter = RowCounter::new(bytes);
        // The first records are kept whole to find the header; the rest go into columns.
        let mut first: Vec<(usize, Vec<String>)> = Vec::with_capacity(HEADER_LOOKAHEAD);
        let wants_more = |first: &Vec<(usize, Vec<String>)>| {
            first.len() < HEADER_LOOKAHEAD || options.header_row.is_some_and(|h| first.last().is_none_or(|(r, _)| *r < h))
        };
        while wants_more(&first) {
            match next_record(file, &mut reader, &mut record, &mut counter)? {
                Some(row) => first.push((row, record.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect())),
                None => break,
            }
        }
        let builder = start_table(file, options, &mut source, first)?;
        let rest = past_line_breaks(bytes, reader.position().byte() as usize);
        let plan = match quote_free_chunks(bytes, rest, chunking) {
            Some((pieces, line_breaks)) => Plan::Pieces { pieces, next: 0, line_breaks },
            None => Plan::InOrder { start: rest, line_breaks: count_line_breaks(&bytes[..rest]), reading: None, done: false },
        };
        let embedded = counter.embedded;
        Ok(TableReader { text, source, builder, delimiter, embedded, plan, read_to: rest, records_per_step: chunking.records })
    }

    /// The same reader owning its text, to be kept between the browser's slices.
    pub fn into_owned(self) -> TableReader<'static> {
        TableReader { text: Cow::Owned(self.text.into_owned()), ..self }
    }

    /// Reads the next piece (or, for a file with quotes, the next records).
    ///
    /// # Errors
    /// The first row in the piece that does not fit the header, or that the CSV reader cannot read.
    pub fn step(&mut self) -> Result<()> {
        let bytes = self.text.as_bytes();
        match &mut self.plan {
            Plan::Pieces { pieces, next, line_breaks } => {
                if let Some(&(start, end)) = pieces.get(*next) {
                    let read = self.builder.read_piece(bytes, (start, end, *line_breaks), self.delimiter, self.embedded)?;
                    self.builder.append(std::slice::from_ref(&read));
                    *line_breaks += count_line_breaks(&bytes[start..end]);
                    *next += 1;
                    self.read_to = end;
                }
            }
            Plan::InOrder { start, line_breaks, reading, done } => {
                if !*done {
                    let state = reading.get_or_insert_with(|| {
                        let rest: std::rc::Rc<[u8]> = std::rc::Rc::from(&bytes[*start..]);
                        let reader = csv::ReaderBuilder::new()
                            .has_headers(false)
                            .flexible(true)
                            .delimiter(self.delimiter)
                            .from_reader(std::io::Cursor::new(std::rc::Rc::clone(&rest)));
                        Box::new(InOrder { reader, rest, scanned: 0, line_breaks: *line_breaks, embedded: self.embedded })
                    });
                    let InOrder { reader, rest, scanned, line_breaks, embedded } = &mut **state;
                    let mut counter = RowCounter { bytes: rest, scanned: *scanned, line_breaks: *line_breaks, embedded: *embedded };
                    let more = self.builder.read_records(reader, &mut csv::ByteRecord::new(), &mut counter, self.records_per_step)?;
                    (*scanned, *line_breaks, *embedded) = (counter.scanned, counter.line_breaks, counter.embedded);
                    self.read_to = *start + reader.position().byte() as usize;
                    if !more {
                        *done = true;
                        *reading = None;
                        self.read_to = bytes.len();
                    }
                }
            }
        }
        Ok(())
    }

    /// Whether every row has been read.
    pub fn finished(&self) -> bool {
        match &self.plan {
            Plan::Pieces { pieces, next, .. } => *next >= pieces.len(),
            Plan::InOrder { done, .. } => *done,
        }
    }

    /// Bytes read so far, and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.read_to, self.text.len())
    }

    /// Reads every row left: the pieces on every core where available.
    ///
    /// # Errors
    /// As [`TableReader::step`].
    pub fn read_all(mut self) -> Result<Table> {
        if let Plan::Pieces { pieces, next, line_breaks } = &self.plan {
            let bytes = self.text.as_bytes();
            let left = &pieces[*next..];
            // Each piece's first row needs the line breaks before it: counted on every core.
            let counts = crate::parallel::map(left, |&(start, end)| count_line_breaks(&bytes[start..end]));
            let mut before = *line_breaks;
            let numbered: Vec<(usize, usize, usize)> = left
                .iter()
                .zip(counts)
                .map(|(&(start, end), n)| {
                    before += n;
                    (start, end, before - n)
                })
                .collect();
            let read: Vec<Result<TableBuilder>> =
                crate::parallel::map(&numbered, |&piece| self.builder.read_piece(bytes, piece, self.delimiter, self.embedded));
            let read: Vec<TableBuilder> = read.into_iter().collect::<Result<_>>()?;
            self.builder.append(&read);
            self.plan = Plan::Pieces { pieces: Vec::new(), next: 0, line_breaks: before };
        }
        if let Plan::InOrder { start, line_breaks, reading: None, done: false } = self.plan {
            // All at once, over the text itself (no copy).
            let rest = &self.text.as_bytes()[start..];
            let mut reader = csv_reader(self.delimiter, rest);
            let mut counter = RowCounter { bytes: rest, scanned: 0, line_breaks, embedded: self.embedded };
            self.builder.read_rest(&mut reader, &mut csv::ByteRecord::new(), &mut counter)?;
            self.plan = Plan::InOrder { start, line_breaks, reading: None, done: true };
        }
        while !self.finished() {
            self.step()?;
        }
        self.finish()
    }

    /// The table read.
    ///
    /// # Errors
    /// A file with no data rows.
    pub fn finish(self) -> Result<Table> {
        self.builder.finish(self.source)
    }
}

/// The first byte at or after `at` that is not a line break: a piece starts at its first
/// record, so that the record's row is found from the line breaks before it.
fn past_line_breaks(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
        at += 1;
    }
    at
}

/// When the rest of a file is read in pieces, on every core natively.
pub(super) struct Chunking {
    /// The least rest worth splitting.
    min_rest: usize,
    /// About how long each piece is.
    piece: usize,
    /// Records per step when a file with quotes is read in order (a few milliseconds' worth).
    records: usize,
}

impl Default for Chunking {
    fn default() -> Self {
        Chunking { min_rest: 4 << 20, piece: 2 << 20, records: 20_000 }
    }
}

/// Where the rest of a file (from `start`) splits into pieces of whole lines, as `(start,
/// end)`, with the line breaks before the first; `None` when it is short or has a quote anywhere,
/// since a quoted cell may hold a line break and only a reader from the start can tell.
/// Without quotes every line break ends a record, so each piece reads alone and the pieces'
/// rows, one after the other, are the file's. A piece starts after any blank lines, so its
/// first record starts its first line.
fn quote_free_chunks(text: &[u8], start: usize, chunking: &Chunking) -> Option<(Vec<(usize, usize)>, usize)> {
    let rest = &text[start.min(text.len())..];
    if rest.len() < chunking.min_rest || rest.contains(&b'"') {
        return None;
    }
    let mut start = start;
    while start < text.len() && matches!(text[start], b'\r' | b'\n') {
        start += 1;
    }
    let mut bounds = vec![start];
    let mut at = start;
    loop {
        let from = (at + chunking.piece).min(text.len());
        let Some(offset) = text[from..].iter().position(|&b| b == b'\n') else { break };
        let mut next = from + offset + 1;
        while next < text.len() && matches!(text[next], b'\r' | b'\n') {
            next += 1;
        }
        if next >= text.len() {
            break;
        }
        bounds.push(next);
        at = next;
    }
    bounds.push(text.len());
    let pieces: Vec<(usize, usize)> = bounds.windows(2).map(|w| (w[0], w[1])).collect();
    Some((pieces, count_line_breaks(&text[..bounds[0]])))
}

/// Whether a CR stands anywhere but before an LF.
fn has_lone_carriage_return(bytes: &[u8]) -> bool {
    let mut from = 0;
    while let Some(at) = bytes[from..].iter().position(|&b| b == b'\r') {
        let at = from + at;
        if bytes.get(at + 1) != Some(&b'\n') {
            return true;
        }
        from = at + 2;
    }
    false
}

fn count_line_breaks(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

impl TableBuilder {
    /// Reads one piece of [`quote_free_chunks`] into a table of its own.
    fn read_piece(
        &self,
        text: &[u8],
        (start, end, line_breaks): (usize, usize, usize),
        delimiter: u8,
        embedded: usize,
    ) -> Result<TableBuilder> {
        let bytes = &text[start..end];
        let mut piece = self.empty_like();
        match std::str::from_utf8(bytes) {
            Ok(plain) if !has_lone_carriage_return(bytes) => piece.read_plain_lines(plain, delimiter, line_breaks, embedded)?,
            // A lone CR ends a record for the CSV reader too; let it decide.
            _ => {
                let mut reader = csv_reader(delimiter, bytes);
                let mut counter = RowCounter { bytes, scanned: 0, line_breaks, embedded };
                piece.read_rest(&mut reader, &mut csv::ByteRecord::new(), &mut counter)?;
            }
        }
        Ok(piece)
    }

    /// Appends pieces read, in order.
    fn append(&mut self, pieces: &[TableBuilder]) {
        // Room for everything first, so appending copies each byte once.
        for (slot, column) in self.columns.iter_mut().enumerate() {
            column.text.reserve(pieces.iter().map(|p| p.columns[slot].text.len()).sum());
            column.ends.reserve(pieces.iter().map(|p| p.columns[slot].ends.len()).sum());
        }
        self.row_numbers.reserve(pieces.iter().map(|p| p.row_numbers.len()).sum());
        for piece in pieces {
            for (column, more) in self.columns.iter_mut().zip(&piece.columns) {
                column.append(more);
            }
            self.row_numbers.extend_from_slice(&piece.row_numbers);
        }
    }

    /// Reads lines with no quote and no lone CR, where a line is a record and a delimiter ends
    /// a field: what the CSV reader would find, found by splitting. `line_breaks` counts the
    /// file's line breaks before `text`.
    fn read_plain_lines(&mut self, text: &str, delimiter: u8, mut line_breaks: usize, embedded: usize) -> Result<()> {
        let mut fields: Vec<&str> = Vec::with_capacity(self.headers.len() + 1);
        let delimiter = char::from(delimiter);
        for line in text.split('\n') {
            let row = 1 + line_breaks - embedded;
            line_breaks += 1;
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.is_empty() {
                continue; // a blank line, skipped as the CSV reader skips it
            }
            fields.clear();
            fields.extend(line.split(delimiter));
            self.push(row, fields.iter().copied())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{EngineError, Purpose};

    /// A file of many shapes (CRLF and LF, blank and space-only lines, empty cells), read one
    /// record after another and in small pieces.
    fn read_both_ways(text: &str) -> (Result<Table>, Result<Table>) {
        let whole = Chunking { min_rest: usize::MAX, piece: 0, records: usize::MAX };
        let pieces = Chunking { min_rest: 0, piece: 97, records: 37 };
        assert!(quote_free_chunks(text.as_bytes(), 40, &pieces).is_some_and(|(c, _)| c.len() > 10), "the test reads many pieces");
        let options = ReadOptions::default();
        (
            Table::read_in_pieces("p.csv", text.as_bytes(), &options, &whole),
            Table::read_in_pieces("p.csv", text.as_bytes(), &options, &pieces),
        )
    }

    fn shapes_file(rows: usize) -> String {
        shapes_file_from(rows, 0)
    }

    /// `shift` moves the cycle of line kinds, so the header lookahead ends on another kind.
    fn shapes_file_from(rows: usize, shift: usize) -> String {
        let mut text = String::from("Title row\n\nid,x,y\r\n");
        for i in 0..rows {
            text.push_str(&match (i + shift) % 7 {
                0 => format!("a{i},{i}.5,\r\n"),
                1 => "\n\n".to_owned(),
                2 => format!("a{i}, {i} ,{}\n\r\n", i * 2),
                3 => "   \n".to_owned(),
                _ => format!("a{i},{i},{}\n", i % 13),
            });
        }
        text
    }

    #[test]
    fn reading_in_pieces_gives_the_same_table_and_row_numbers() {
        // Each shift ends the header lookahead on another kind of line.
        for shift in 0..7 {
            let text = shapes_file_from(690, shift);
            let (whole, pieces) = read_both_ways(&text);
            assert_eq!(whole.unwrap(), pieces.unwrap(), "shift {shift}");
        }
        let text = shapes_file(700);
        let (whole, pieces) = read_both_ways(&text);
        let (whole, pieces) = (whole.unwrap(), pieces.unwrap());
        assert_eq!(whole, pieces);
        assert_eq!(whole.len(), 500);
        // "a700" does not exist; "a699" is on the last line.
        let last = whole.len() - 1;
        assert_eq!(whole.text_column("id", Purpose::Indicator).unwrap()[last], "a699");
        assert_eq!(whole.row_number(last), text.lines().count());
    }

    #[test]
    fn reading_in_pieces_reports_the_first_bad_row_as_reading_in_order_does() {
        let mut text = shapes_file(700);
        let at = text.find("a600,").unwrap();
        text.insert_str(at, "oops,1,2,3\n");
        let more = text.find("a650,").unwrap();
        text.insert_str(more, "worse\n");
        let (whole, pieces) = read_both_ways(&text);
        let (whole, pieces) = (whole.unwrap_err(), pieces.unwrap_err());
        assert_eq!(whole, pieces);
        assert!(matches!(whole, EngineError::RaggedRow { expected: 3, found: 4, .. }), "{whole:?}");
    }

    #[test]
    fn a_lone_carriage_return_ends_a_record_in_pieces_too() {
        let mut text = shapes_file(700);
        let at = text.find("a601,").unwrap();
        text.insert_str(at, "old,1,2\rmac,3,4\n");
        let (whole, pieces) = read_both_ways(&text);
        let (whole, pieces) = (whole.unwrap(), pieces.unwrap());
        assert_eq!(whole, pieces);
        assert!(whole.text_column("id", Purpose::Indicator).unwrap().contains(&"mac".to_owned()));
        assert!(has_lone_carriage_return(b"a\rb") && !has_lone_carriage_return(b"a\r\nb\r\n") && has_lone_carriage_return(b"a\r"));
    }

    #[test]
    fn a_quote_anywhere_keeps_reading_in_order() {
        let mut text = shapes_file(700);
        text.push_str("\"b\nc\",1,2\n");
        assert!(quote_free_chunks(text.as_bytes(), 40, &Chunking { min_rest: 0, piece: 97, records: 37 }).is_none());
    }

    #[test]
    fn reading_a_piece_per_step_gives_the_same_table_and_reports_progress() {
        let pieces = Chunking { min_rest: 0, piece: 97, records: 37 };
        for quoted in [false, true] {
            let mut text = shapes_file(700);
            if quoted {
                text.push_str("\"b\nc\",1,2\n");
            }
            let whole = Table::read_in_pieces(
                "p.csv",
                text.as_bytes(),
                &ReadOptions::default(),
                &Chunking { min_rest: usize::MAX, piece: 0, records: usize::MAX },
            );
            let reader = TableReader::with_chunking("p.csv", Cow::Borrowed(&text), "UTF-8", &ReadOptions::default(), &pieces);
            let mut reader = reader.unwrap().into_owned();
            let mut read = vec![reader.progress().0];
            while !reader.finished() {
                reader.step().unwrap();
                read.push(reader.progress().0);
            }
            assert!(read.windows(2).all(|w| w[0] < w[1]), "progress only grows: {read:?}");
            assert_eq!(reader.progress(), (text.len(), text.len()));
            // Pieces of 97 bytes, or (with a quote after the header) 37 records a step.
            assert!(read.len() > 10, "{} steps", read.len() - 1);
            assert_eq!(reader.finish().unwrap(), whole.unwrap());
        }
    }

    #[test]
    fn a_file_with_quoted_line_breaks_read_some_records_per_step_numbers_rows_as_in_one_go() {
        let mut text = String::from("id,note,x\r\n");
        for i in 0..400 {
            text.push_str(&match i % 9 {
                0 => format!("q{i},\"two\nlines\",{i}\r\n"),
                4 => format!("q{i},\"say \"\"hi\"\"\",{i}\n\n"),
                _ => format!("q{i},plain,{i}\n"),
            });
        }
        let read_stepwise = |text: &str| -> Result<Table> {
            let chunking = Chunking { min_rest: 0, piece: 97, records: 37 };
            let mut reader =
                TableReader::with_chunking("q.csv", Cow::Borrowed(text), "UTF-8", &ReadOptions::default(), &chunking)?.into_owned();
            let mut steps = 0;
            while !reader.finished() {
                reader.step()?;
                steps += 1;
            }
            assert!(steps > 5, "{steps} steps");
            reader.finish()
        };
        let whole = |text: &str| Table::read_in_pieces("q.csv", text.as_bytes(), &ReadOptions::default(), &Chunking::default());
        let stepped = read_stepwise(&text).unwrap();
        assert_eq!(stepped, whole(&text).unwrap());
        // Row numbers count the lines a spreadsheet shows: the last record is on the last line,
        // less the line breaks inside quoted cells.
        let last = stepped.len() - 1;
        let start = text.rfind("q399,").unwrap();
        let (breaks, inside_quotes) = (text[..start].matches('\n').count(), text[..start].matches("two\nlines").count());
        assert_eq!(stepped.row_number(last), 1 + breaks - inside_quotes);
        // A bad row late in the file: the same error either way.
        let at = text.find("q351,").unwrap();
        text.insert_str(at, "q351x,too,many,cells\n");
        assert_eq!(read_stepwise(&text).unwrap_err(), whole(&text).unwrap_err());
    }
}
