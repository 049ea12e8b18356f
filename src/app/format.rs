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
    }
}
