//! What kind of file a table came from, and how to read it: the text encoding (UTF-8,
//! UTF-16 with a byte-order mark, or Windows-1252), the delimiter (comma, semicolon or tab),
//! or a workbook and its sheet. Found from the bytes, or forced by [`ReadOptions`].

use std::borrow::Cow;

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
    if let Some(body) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        if let Ok(text) = std::str::from_utf8(body) {
            return (Cow::Borrowed(text), "UTF-8");
        }
    } else if let Some(body) = bytes.strip_prefix(b"\xFF\xFE") {
        return (Cow::Owned(decode_utf16(body, u16::from_le_bytes)), "UTF-16LE");
    } else if let Some(body) = bytes.strip_prefix(b"\xFE\xFF") {
        return (Cow::Owned(decode_utf16(body, u16::from_be_bytes)), "UTF-16BE");
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), "UTF-8"),
        Err(_) => (Cow::Owned(decode_windows_1252(bytes)), "windows-1252"),
    }
}

/// How much of a file is looked at to tell text from other bytes.
const TEXT_SAMPLE_CHARS: usize = 64 * 1024;

/// Whether decoded `text` is text at all: no zero character, and (in its first 64 K
/// characters) at most one in twenty a control character other than tab and line ends, or the
/// replacement character of an undecodable byte. A picture, an archive or random bytes read as
/// Windows-1252 fail both.
pub fn looks_like_text(text: &str) -> bool {
    let (mut chars, mut odd) = (0usize, 0usize);
    for c in text.chars().take(TEXT_SAMPLE_CHARS) {
        chars += 1;
        match c {
            '\0' => return false,
            '\t' | '\n' | '\r' => {}
            c if c.is_control() || c == char::REPLACEMENT_CHARACTER => odd += 1,
            _ => {}
        }
    }
    odd * 20 <= chars
}

// The two legacy decoders are written out rather than taken from encoding_rs: its decoder
// dispatches over every encoding it knows, so using it linked the Chinese, Japanese and Korean
// tables (about 120 KB that gzip cannot shrink) into the page. Both follow the WHATWG Encoding
// Standard, as encoding_rs does; the tests compare them with it byte for byte.

/// UTF-16 code units to text; an unpaired surrogate or a last odd byte becomes U+FFFD (one
/// U+FFFD for a file that ends in half a pair followed by an odd byte).
fn decode_utf16(body: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let pairs = body.chunks_exact(2);
    let odd_byte = !pairs.remainder().is_empty();
    let ends_in_half_a_pair = pairs.clone().last().is_some_and(|pair| (0xD800..0xDC00).contains(&unit([pair[0], pair[1]])));
    let mut text: String = char::decode_utf16(pairs.map(|pair| unit([pair[0], pair[1]])))
        .map(|decoded| decoded.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if odd_byte && !ends_in_half_a_pair {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    text
}

/// Windows-1252 to text: every byte is a character. Bytes 0x80–0x9F are the typographic marks
/// Windows puts there (the five it leaves unassigned stay C1 controls, as browsers read them);
/// the rest are Latin-1.
fn decode_windows_1252(bytes: &[u8]) -> String {
    const FROM_0X80: [char; 32] = [
        '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}', //
        '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}', //
        '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}', //
        '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}', //
    ];
    bytes
        .iter()
        .map(|&byte| match byte {
            0x80..=0x9F => FROM_0X80[usize::from(byte - 0x80)],
            _ => char::from(byte),
        })
        .collect()
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
    fn windows_1252_reads_every_byte_as_encoding_rs_does() {
        let every_byte: Vec<u8> = (0..=255).collect();
        let (expected, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&every_byte);
        assert_eq!(decode_windows_1252(&every_byte), expected);
        assert_eq!(decode(b"Pe\x91\x80\xF1a\x9F"), (Cow::Owned("Pe\u{2018}€ñaŸ".into()), "windows-1252"));
    }

    #[test]
    fn utf8_bom_before_bytes_that_are_not_utf8_is_read_as_windows_1252() {
        assert_eq!(decode(b"\xEF\xBB\xBFa\xE9"), (Cow::Owned("ï»¿aé".into()), "windows-1252"));
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        // Mostly surrogates, so unpaired and swapped halves are common, and odd lengths.
        #[test]
        fn utf16_reads_as_encoding_rs_does(
            units in proptest::collection::vec(proptest::prop_oneof![0xD7F0u16..0xE010, proptest::num::u16::ANY], 0..40),
            odd_byte in proptest::option::of(proptest::num::u8::ANY),
        ) {
            for (bom, big_endian) in [([0xFFu8, 0xFE], false), ([0xFE, 0xFF], true)] {
                let mut bytes = bom.to_vec();
                bytes.extend(units.iter().flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() }));
                bytes.extend(odd_byte);
                let (expected, encoding, _) = encoding_rs::UTF_8.decode(&bytes);
                let (text, name) = decode(&bytes);
                proptest::prop_assert_eq!(text.as_ref(), expected.as_ref());
                proptest::prop_assert_eq!(name, encoding.name());
            }
        }
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
