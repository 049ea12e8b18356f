//! Reading numbers as real data files write them: `$50,733`, `1,202`, `65.78%`, `-3.5`,
//! and the many ways of saying "missing".

/// What a numeric cell turned out to hold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    /// A finite number. A percent sign is dropped and the value kept on the 0–100 scale.
    Number(f64),
    /// Blank, `NA`, `N/A` or `-`: the value is not known. Never read as zero.
    Missing,
}

/// What the error message says a numeric column expects.
pub const EXPECTED_NUMBER: &str = "a number such as 50733, $50,733, 1,202 or 65.78% (or blank, NA, N/A or - when missing)";

/// Parses one numeric cell. Returns `None` when the text is not a number.
///
/// Accepted: optional sign, optional leading `$`, digits with an optional decimal point,
/// commas only as thousands separators (`1,202`, not `1,2`), an optional exponent, and an
/// optional trailing `%`. `inf` and `NaN` are not numbers here.
///
/// ```
/// use ses_explorer::engine::number::{parse_cell, Cell};
/// assert_eq!(parse_cell("$50,733"), Some(Cell::Number(50733.0)));
/// assert_eq!(parse_cell(" 65.78% "), Some(Cell::Number(65.78)));
/// assert_eq!(parse_cell("N/A"), Some(Cell::Missing));
/// assert_eq!(parse_cell("12abc"), None);
/// ```
pub fn parse_cell(text: &str) -> Option<Cell> {
    let t = text.trim();
    if t.is_empty() || t == "-" || t.eq_ignore_ascii_case("na") || t.eq_ignore_ascii_case("n/a") {
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
    let rest = rest.strip_suffix('%').unwrap_or(rest).trim_end();
    let plain = strip_thousands_separators(rest)?;
    if !looks_like_decimal(&plain) {
        return None;
    }
    let value: f64 = plain.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    Some(Cell::Number(if negative { -value } else { value }))
}

/// Removes commas that separate groups of three digits in the integer part; `None` if a comma
/// is anywhere else.
fn strip_thousands_separators(s: &str) -> Option<String> {
    if !s.contains(',') {
        return Some(s.to_owned());
    }
    let (int_part, frac_part) = match s.find('.') {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    if frac_part.contains(',') {
        return None;
    }
    let groups: Vec<&str> = int_part.split(',').collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    let digits_ok = groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    (first_ok && rest_ok && digits_ok).then(|| format!("{}{}", groups.concat(), frac_part))
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
    }

    #[test]
    fn recognises_missing_markers() {
        for s in ["", "  ", "NA", "na", "N/A", "n/a", "-", " - "] {
            assert_eq!(parse_cell(s), Some(Cell::Missing), "{s:?}");
        }
    }

    #[test]
    fn rejects_text_and_misplaced_commas() {
        for s in ["abc", "12abc", "1,2", "12,34", "1,234,5", "1.2.3", "inf", "NaN", "$", "%", "--5", "1e", ".", "1,234.5,6"] {
            assert_eq!(parse_cell(s), None, "{s:?}");
        }
    }
}
