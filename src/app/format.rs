//! Numbers as people read them: thousands separators and dollars. One place, so the table,
//! the charts and the sentences agree.

/// Digits of a whole number with thousands separators: 1234567 → "1,234,567".
fn group(whole: u64) -> String {
    let digits = whole.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A count with thousands separators: 99,686.
pub fn count(n: usize) -> String {
    group(n as u64)
}

/// A whole number with thousands separators (rounded): 18,000; negative with a minus sign.
pub fn thousands(v: f64) -> String {
    let rounded = v.round();
    let sign = if rounded < 0.0 { "−" } else { "" };
    format!("{sign}{}", group(rounded.abs() as u64))
}

/// Dollars with thousands separators and cents: $1,234,567.89.
pub fn full_dollars(cents: i64) -> String {
    let sign = if cents < 0 { "−" } else { "" };
    let c = cents.unsigned_abs();
    format!("{sign}${}.{:02}", group(c / 100), c % 100)
}

/// A weight as typed: whole, or with the decimals it needs up to two (32.5, 33.33), never a
/// trailing zero; so a median between two whole weights reads as the half it is.
pub fn weight(w: f64) -> String {
    let text = format!("{:.2}", (w * 100.0).round() / 100.0);
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(thousands(18000.0), "18,000");
        assert_eq!(thousands(999.6), "1,000");
        assert_eq!(thousands(-1234.0), "−1,234");
        assert_eq!(full_dollars(123_456_789), "$1,234,567.89");
        assert_eq!(full_dollars(-5), "−$0.05");
        assert_eq!(weight(32.5), "32.5");
        assert_eq!(weight(40.0), "40");
        assert_eq!(weight(36.665), "36.67");
        assert_eq!(weight(0.0), "0");
        assert_eq!(weight(10.10), "10.1");
    }
}
