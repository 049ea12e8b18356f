//! Reading numbers as real data files write them: `$50,733`, `1,202`, `65.78%`, `-3.5`, the
//! European `1.202,5` (in semicolon-separated files), the Census Bureau's annotations
//! (`250,000+`, `2,500-`, `(X)`, `**`), and the many ways of saying "missing".

use std::borrow::Cow;

/// What a numeric cell turned out to hold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    /// A finite number. A percent sign is dropped and the value kept on the 0–100 scale.
    Number(f64),
    /// A top-coded estimate such as the Census Bureau's `250,000+` ("250,000 or more"): read
    /// as the bound, and reported.
    TopCoded(f64),
    /// A bottom-coded estimate such as `2,500-` ("2,500 or less"): read as the bound, and
    /// reported.
    BottomCoded(f64),
    /// Blank, `NA`, `N/A`, `-`, or an annotation meaning "no estimate": the value is not
    /// known. Never read as zero.
    Missing,
}

impl Cell {
    /// The number to compute with, `None` when missing.
    pub fn value(self) -> Option<f64> {
        match self {
            Cell::Number(v) | Cell::TopCoded(v) | Cell::BottomCoded(v) => Some(v),
            Cell::Missing => None,
        }
    }
}

/// How a file writes its numbers, found when it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NumberStyle {
    /// `1.202,5` means 1202.5 (European spreadsheets, which separate fields with semicolons).
    pub decimal_comma: bool,
    /// A Census Bureau table: a lone `N` ("not available") is also missing.
    pub census: bool,
}

/// Markers the Census Bureau uses for "no estimate" (besides `-` and `N`) in its tables'
/// annotation values: `(X)` not applicable, `*` and `**` no estimate or too few sample cases,
/// `***` an open-ended median, `*****` no margin of error; and `#N/A`, which spreadsheets
/// write for "not available".
const ANNOTATED_MISSING: [&str; 6] = ["(X)", "*", "**", "***", "*****", "#N/A"];

/// The American Community Survey's numeric stand-ins for "no estimate" in its API and
/// summary files, where a number must be: -666666666 (cannot be computed), -999999999 (too few
/// sample cases), -888888888 (not applicable), -555555555 (controlled), -333333333 (median in
/// an open-ended interval), -222222222 (no margin of error). Never a real value of a rate,
/// an income or a count.
pub const ACS_SENTINELS: [f64; 6] = [-666_666_666.0, -999_999_999.0, -888_888_888.0, -555_555_555.0, -333_333_333.0, -222_222_222.0];

/// `10^k` for the exact fast path: every power up to 10^22 is an `f64` exactly.
const EXACT_POWERS_OF_TEN: [f64; 23] =
    [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/// The value of the most common cell, plain digits with at most one point and at most 15
/// digits in all (`138100`, `57.59`), or `None` for anything else. Exact: the digits make an
/// integer below 2^53 and 10^k is exact, so one division, which IEEE rounds correctly, gives
/// the same `f64` as the standard parser (Clinger's fast path), in a few nanoseconds.
#[inline]
fn short_plain_decimal(bytes: &[u8], style: NumberStyle) -> Option<f64> {
    if bytes.is_empty() || bytes.len() > 16 {
        return None;
    }
    let mut mantissa: u64 = 0;
    let mut digits = 0;
    let mut point: Option<usize> = None;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                digits += 1;
            }
            // A point in a decimal-comma file is a thousands separator: the full parser decides.
            b'.' if point.is_none() && !style.decimal_comma => point = Some(i),
            _ => return None,
        }
    }
    if digits == 0 || digits > 15 {
        return None;
    }
    let decimals = point.map_or(0, |p| bytes.len() - p - 1);
    Some(mantissa as f64 / EXACT_POWERS_OF_TEN[decimals])
}

/// Parses one numeric cell written with a comma for thousands and a point for decimals.
/// Returns `None` when the text is not a number.
///
/// Accepted: optional sign, optional leading `$`, digits with an optional decimal point,
/// commas only as thousands separators (`1,202`, not `1,2`), an optional exponent, an
/// optional trailing `%`, and a trailing `+` or `-` marking a top- or bottom-coded estimate.
/// `inf` and `NaN` are not numbers here.
///
/// ```
/// use ses_engine::number::{parse_cell, Cell};
/// assert_eq!(parse_cell("$50,733"), Some(Cell::Number(50733.0)));
/// assert_eq!(parse_cell(" 65.78% "), Some(Cell::Number(65.78)));
/// assert_eq!(parse_cell("250,000+"), Some(Cell::TopCoded(250000.0)));
/// assert_eq!(parse_cell("N/A"), Some(Cell::Missing));
/// assert_eq!(parse_cell("12abc"), None);
/// ```
pub fn parse_cell(text: &str) -> Option<Cell> {
    parse_cell_with(text, NumberStyle::default())
}

/// [`parse_cell`] for a file whose numbers are written in `style`.
///
/// ```
/// use ses_engine::number::{parse_cell_with, Cell, NumberStyle};
/// let european = NumberStyle { decimal_comma: true, census: false };
/// assert_eq!(parse_cell_with("1.202,5", european), Some(Cell::Number(1202.5)));
/// assert_eq!(parse_cell_with("65,78%", european), Some(Cell::Number(65.78)));
/// ```
pub fn parse_cell_with(text: &str, style: NumberStyle) -> Option<Cell> {
    if let Some(v) = short_plain_decimal(text.as_bytes(), style) {
        return Some(Cell::Number(v));
    }
    let t = text.trim();
    // The common case, plain digits with a point, goes straight to the standard parser.
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit() || b == b'.') && !(style.decimal_comma && t.contains('.')) {
        return t.parse::<f64>().ok().filter(|v| v.is_finite()).map(Cell::Number);
    }
    if t.is_empty()
        || t == "-"
        || t.eq_ignore_ascii_case("na")
        || t.eq_ignore_ascii_case("n/a")
        || ANNOTATED_MISSING.contains(&t)
        || t.eq_ignore_ascii_case("null")
        || (style.census && t == "N")
    {
        return Some(Cell::Missing);
    }
    let (negative, rest) = match t.as_bytes()[0] {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    let rest = rest.strip_prefix('$').unwrap_or(rest);
    // "$-5" is as common as "-$5" in spreadsheet exports.
    let (negative, rest) = match rest.strip_prefix('-') {
        Some(r) if !negative => (true, r),
        _ => (negative, rest),
    };
    // A trailing + or - on an unsigned number is the Census Bureau's top or bottom code.
    let (coded, rest) = match (negative, rest.strip_suffix('+'), rest.strip_suffix('-')) {
        (false, Some(r), _) => (Some(true), r),
        (false, None, Some(r)) => (Some(false), r),
        _ => (None, rest),
    };
    let rest = rest.strip_suffix('%').unwrap_or(rest).trim_end();
    let plain = if style.decimal_comma { decimal_comma_to_point(rest)? } else { strip_thousands_separators(rest, ',')? };
    if !looks_like_decimal(&plain) {
        return None;
    }
    let value: f64 = plain.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    let value = if negative { -value } else { value };
    if negative && coded.is_none() && ACS_SENTINELS.contains(&value) {
        return Some(Cell::Missing);
    }
    Some(match coded {
        Some(true) => Cell::TopCoded(value),
        Some(false) => Cell::BottomCoded(value),
        None => Cell::Number(value),
    })
}

/// Removes `separator`s that separate groups of three digits in the integer part (before any
/// `.`); `None` if one is anywhere else.
fn strip_thousands_separators(s: &str, separator: char) -> Option<Cow<'_, str>> {
    if !s.contains(separator) {
        return Some(Cow::Borrowed(s));
    }
    let (int_part, frac_part) = match s.find('.').filter(|_| separator != '.') {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    if frac_part.contains(separator) {
        return None;
    }
    let groups: Vec<&str> = int_part.split(separator).collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    let digits_ok = groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    (first_ok && rest_ok && digits_ok).then(|| Cow::Owned(format!("{}{}", groups.concat(), frac_part)))
}

/// `1.202,5` → `1202.5`. Without a comma, points that group thousands (`50.733`) are dropped
/// and any other point (`0.5`) is read as a decimal point, as such a spreadsheet would.
fn decimal_comma_to_point(s: &str) -> Option<Cow<'_, str>> {
    match s.split_once(',') {
        Some((int_part, frac_part)) => {
            if frac_part.contains([',', '.']) {
                return None;
            }
            let int_part = strip_thousands_separators(int_part, '.')?;
            Some(Cow::Owned(format!("{int_part}.{frac_part}")))
        }
        None => Some(strip_thousands_separators(s, '.').unwrap_or(Cow::Borrowed(s))),
    }
}

/// `digits[.digits][e[+-]digits]` or `.digits...`: what `f64::from_str` accepts minus the
/// words (`inf`, `nan`) and signs, which were handled before.
fn looks_like_decimal(s: &str) -> bool {
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let mut parts = mantissa.splitn(2, '.');
    let int_digits = parts.next().unwrap_or("");
    let frac_digits = parts.next().unwrap_or("");
    let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = all_digits(int_digits) && all_digits(frac_digits) && !(int_digits.is_empty() && frac_digits.is_empty());
    let exponent_ok = match exponent {
        None => true,
        Some(e) => {
            let e = e.strip_prefix(['+', '-']).unwrap_or(e);
            !e.is_empty() && all_digits(e)
        }
    };
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_path_gives_the_standard_parsers_value() {
        // Deterministic spread of plain decimals of every length the fast path takes, and some it
        // leaves to the full parser (too many digits, two points, a sign, spaces).
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let digits = (x % 17) as usize + 1;
            let mut text: String = (0..digits).map(|k| char::from(b'0' + ((x >> (k * 3)) % 10) as u8)).collect();
            let point = (x >> 55) as usize % (digits + 2);
            if point < digits {
                text.insert(point, '.');
            }
            let standard = text.parse::<f64>().ok();
            assert_eq!(parse_cell(&text).and_then(Cell::value).map(f64::to_bits), standard.map(f64::to_bits), "{text}");
        }
        for text in ["1.2.3", "-5", " 7", "1234567890123456", "0.1234567890123456"] {
            assert_eq!(short_plain_decimal(text.as_bytes(), NumberStyle::default()), None, "{text}");
        }
        assert_eq!(parse_cell(".5"), Some(Cell::Number(0.5)));
        assert_eq!(parse_cell("5."), Some(Cell::Number(5.0)));
    }

    fn num(s: &str) -> f64 {
        match parse_cell(s) {
            Some(Cell::Number(v)) => v,
            other => panic!("{s:?} gave {other:?}"),
        }
    }

    #[test]
    fn reads_currency_and_thousands() {
        assert_eq!(num("$50,733"), 50733.0);
        assert_eq!(num("1,202"), 1202.0);
        assert_eq!(num("1,234,567.5"), 1234567.5);
        assert_eq!(num("-$1,000"), -1000.0);
        assert_eq!(num("$-1,000"), -1000.0);
    }

    #[test]
    fn keeps_percent_on_the_hundred_scale() {
        assert_eq!(num("65.78%"), 65.78);
        assert_eq!(num("0%"), 0.0);
        assert_eq!(num("100 %"), 100.0);
    }

    #[test]
    fn reads_plain_and_exponent_forms() {
        assert_eq!(num("0.5797"), 0.5797);
        assert_eq!(num(".5"), 0.5);
        assert_eq!(num("5."), 5.0);
        assert_eq!(num("1e3"), 1000.0);
        assert_eq!(num("+7"), 7.0);
        assert_eq!(num("-0.25"), -0.25);
    }

    #[test]
    fn recognises_missing_markers() {
        for s in ["", "  ", "NA", "na", "N/A", "n/a", "-", " - ", "(X)", "*", "**", "***", "*****", "#N/A", "null", "NULL"] {
            assert_eq!(parse_cell(s), Some(Cell::Missing), "{s:?}");
        }
        // The ACS's stand-ins for no estimate, as its API and summary files write them.
        for s in ["-666666666", "-999999999", "-888888888", "-555555555", "-333333333", "-222222222", "-666666666.0", "-666,666,666"] {
            assert_eq!(parse_cell(s), Some(Cell::Missing), "{s:?}");
        }
        // Close to them, or positive, they are numbers.
        assert_eq!(parse_cell("-666666665"), Some(Cell::Number(-666_666_665.0)));
        assert_eq!(parse_cell("666666666"), Some(Cell::Number(666_666_666.0)));
    }

    #[test]
    fn census_top_and_bottom_codes_are_read_as_their_bound() {
        assert_eq!(parse_cell("250,000+"), Some(Cell::TopCoded(250_000.0)));
        assert_eq!(parse_cell("2,500-"), Some(Cell::BottomCoded(2_500.0)));
        assert_eq!(parse_cell("100.0-"), Some(Cell::BottomCoded(100.0)));
        assert_eq!(parse_cell("-2,500"), Some(Cell::Number(-2_500.0)));
        assert_eq!(parse_cell("-2,500-"), None);
    }

    #[test]
    fn a_lone_n_is_missing_only_in_census_tables() {
        assert_eq!(parse_cell("N"), None);
        assert_eq!(parse_cell_with("N", NumberStyle { census: true, ..NumberStyle::default() }), Some(Cell::Missing));
    }

    #[test]
    fn decimal_comma_style_reads_european_numbers() {
        let eu = NumberStyle { decimal_comma: true, census: false };
        let v = |s: &str| parse_cell_with(s, eu).and_then(Cell::value);
        assert_eq!(v("65,78"), Some(65.78));
        assert_eq!(v("1.234.567,5"), Some(1_234_567.5));
        assert_eq!(v("50.733"), Some(50_733.0));
        assert_eq!(v("0.5"), Some(0.5));
        assert_eq!(v("12"), Some(12.0));
        assert_eq!(v("1,2,3"), None);
        assert_eq!(v("1.23,4.5"), None);
    }

    #[test]
    fn rejects_text_and_misplaced_commas() {
        for s in
            ["abc", "12abc", "1,2", "12,34", "1,234,5", "1.2.3", "inf", "NaN", "$", "%", "--5", "1e", ".", "1,234.5,6", "N", "+", "5+-"]
        {
            assert_eq!(parse_cell(s), None, "{s:?}");
        }
    }
}
