//! What kind of file a table came from, and how to read it: the text encoding (UTF-8,
//! UTF-16 with a byte-order mark, or Windows-1252), the delimiter (comma, semicolon or tab),
//! or a workbook and its sheet. Found from the bytes, or forced by [`ReadOptions`].

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::error::{EngineError, FileProblem};
use super::number::NumberStyle;

/// Choices a person can force when the guess is wrong; `None` means "find out".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Field delimiter of a text file (`,`, `;` or tab).
    pub delimiter: Option<u8>,
    /// Sheet of a workbook (default: the first).
    pub sheet: Option<String>,
    /// Spreadsheet row number (1-based) of the header; rows above it are skipped.
    pub header_row: Option<usize>,
    /// Keep only these columns (names as in the header, trimmed); `None` keeps all. The
    /// command line passes the columns its formula needs, so a wide file costs no more than a
    /// narrow one.
    pub columns: Option<Vec<String>>,
}

/// How a file was read, to tell the person when it was anything but plain UTF-8 CSV.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceInfo {
    /// Text encoding (`UTF-8`, `UTF-16LE`, `UTF-16BE`, `windows-1252`); empty for a workbook.
    pub encoding: &'static str,
    /// Field delimiter of a text file; `None` for a workbook.
    pub delimiter: Option<u8>,
    /// The workbook's kind and the sheet read, for a workbook.
    pub sheet: Option<String>,
    /// Spreadsheet row of the header (1 unless title rows were skipped).
    pub header_row: usize,
    /// A Census Bureau table: its second header row of labels was skipped.
    pub census_labels: bool,
    /// How numbers are written.
    pub numbers: NumberStyle,
}

impl SourceInfo {
    /// A short description, e.g. "UTF-16LE text, tab-separated" or "workbook sheet \"Tracts\"".
    ///
    /// ```
    /// use ses_engine::source::SourceInfo;
    /// let info = SourceInfo { encoding: "windows-1252", delimiter: Some(b';'), header_row: 1, ..SourceInfo::default() };
    /// assert_eq!(info.describe(), "windows-1252 text, semicolon-separated");
    /// ```
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        match (&self.sheet, self.delimiter) {
            (Some(sheet), _) => parts.push(format!("workbook sheet \"{sheet}\"")),
            (None, Some(d)) => parts.push(format!("{} text, {}", self.encoding, delimiter_name(d))),
            (None, None) => parts.push(format!("{} text", self.encoding)),
        }
        if self.numbers.decimal_comma {
            parts.push("decimal commas".into());
        }
        if self.header_row > 1 {
            parts.push(format!("header on row {}", self.header_row));
        }
        if self.census_labels {
            parts.push("Census Bureau table (label row skipped)".into());
        }
        parts.join(", ")
    }

    /// Whether anything about the file is worth telling (not plain UTF-8, comma-separated,
    /// header on row 1).
    pub fn is_plain(&self) -> bool {
        self.encoding == "UTF-8" && self.delimiter == Some(b',') && self.header_row == 1 && !self.census_labels && self.sheet.is_none()
    }
}

/// "comma-separated", "semicolon-separated", "tab-separated".
pub fn delimiter_name(delimiter: u8) -> String {
    match delimiter {
        b',' => "comma-separated".into(),
        b';' => "semicolon-separated".into(),
        b'\t' => "tab-separated".into(),
        b'|' => "pipe-separated".into(),
        other => format!("separated by '{}'", char::from(other)),
    }
}

/// Reads a delimiter given on the command line: `,` `;` `tab` (or `\t`) `|`.
pub fn parse_delimiter(text: &str) -> Option<u8> {
    match text {
        "," | "comma" => Some(b','),
        ";" | "semicolon" => Some(b';'),
        "\t" | "\\t" | "tab" => Some(b'\t'),
        "|" | "pipe" => Some(b'|'),
        _ => None,
    }
}

/// Whether the bytes are a workbook: a zip archive (`.xlsx`, `.ods`) or an OLE compound file
/// (`.xls`).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// Decodes text bytes: a byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE); otherwise valid
/// UTF-8 is UTF-8, and anything else is Windows-1252 (what Excel on Windows writes for
/// "CSV"), which every byte sequence is, so no file is refused for its encoding.
///
/// ```
/// use ses_engine::source::decode;
/// let (text, encoding) = decode(b"name\nPe\xF1alosa\n");
/// assert_eq!((text.as_ref(), encoding), ("name\nPeñalosa\n", "windows-1252"));
/// ```
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, &'static str) {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_length..];
        if encoding == UTF_8 {
            if let Ok(text) = std::str::from_utf8(body) {
                return (Cow::Borrowed(text), "UTF-8");
            }
        } else if encoding == UTF_16LE || encoding == UTF_16BE {
            let (text, _) = encoding.decode_without_bom_handling(body);
            return (text, encoding.name());
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), "UTF-8"),
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            (text, WINDOWS_1252.name())
        }
    }
}

/// Finds the delimiter from the first lines: the candidate (tab, semicolon, comma) that
/// appears most often, outside quotes, on the busiest of the first ten non-empty lines. Title
/// rows above a header have few delimiters, so the header decides. Ties go to tab, then
/// semicolon (a semicolon file's numbers often contain commas), then comma.
///
/// ```
/// use ses_engine::source::sniff_delimiter;
/// assert_eq!(sniff_delimiter("id;income\n1;\"50,5\"\n"), b';');
/// assert_eq!(sniff_delimiter("id\tname\n"), b'\t');
/// assert_eq!(sniff_delimiter("id\n1\n"), b',');
/// ```
pub fn sniff_delimiter(text: &str) -> u8 {
    const CANDIDATES: [u8; 3] = [b'\t', b';', b','];
    let mut best = [0usize; 3];
    for line in text.lines().filter(|l| !l.trim().is_empty()).take(10) {
        let mut counts = [0usize; 3];
        let mut quoted = false;
        for b in line.bytes() {
            if b == b'"' {
                quoted = !quoted;
            } else if !quoted && let Some(i) = CANDIDATES.iter().position(|&c| c == b) {
                counts[i] += 1;
            }
        }
        for i in 0..3 {
            best[i] = best[i].max(counts[i]);
        }
    }
    let (mut chosen, mut most) = (b',', 0);
    for (i, &c) in CANDIDATES.iter().enumerate() {
        if best[i] > most {
            (chosen, most) = (c, best[i]);
        }
    }
    chosen
}

/// An error about the file as a whole (no row).
pub(crate) fn file_error(file: &str, problem: FileProblem) -> EngineError {
    EngineError::File { file: file.into(), problem }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("id\tPeñalosa\n".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le), (Cow::Owned("id\tPeñalosa\n".into()), "UTF-16LE"));
        let mut be = vec![0xFE, 0xFF];
        be.extend("x".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).1, "UTF-16BE");
    }

    #[test]
    fn utf8_bom_is_dropped_and_plain_utf8_borrowed() {
        assert_eq!(decode(b"\xEF\xBB\xBFa,b"), (Cow::Borrowed("a,b"), "UTF-8"));
        assert!(matches!(decode("Peñalosa".as_bytes()), (Cow::Borrowed("Peñalosa"), "UTF-8")));
    }

    #[test]
    fn title_lines_do_not_decide_the_delimiter() {
        assert_eq!(sniff_delimiter("Table 1: income, by tract\nid;a;b;c\n1;2;3;4\n"), b';');
    }

    #[test]
    fn workbooks_are_recognised_by_their_first_bytes() {
        assert!(is_workbook(b"PK\x03\x04rest"));
        assert!(!is_workbook(b"id,x\n"));
    }
}
