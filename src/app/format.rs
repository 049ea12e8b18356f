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

/// Shares (adding to 1) as whole percents adding to exactly 100, by the largest remainder: each
/// share rounded down, then a point each to the largest fractions left (ties to the first), so
/// a list never reads 101%. Shares that do not add to 1 are scaled to.
pub fn whole_percents(shares: &[f64]) -> Vec<u32> {
    let total: f64 = shares.iter().map(|s| s.max(0.0)).sum();
    if total <= 0.0 {
        return vec![0; shares.len()];
    }
    let exact: Vec<f64> = shares.iter().map(|s| 100.0 * s.max(0.0) / total).collect();
    let mut whole: Vec<u32> = exact.iter().map(|e| e.floor() as u32).collect();
    let short = 100 - whole.iter().sum::<u32>().min(100);
    let mut by_remainder: Vec<usize> = (0..exact.len()).collect();
    by_remainder.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())).then(a.cmp(&b)));
    for &k in by_remainder.iter().take(short as usize) {
        whole[k] += 1;
    }
    whole
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

    #[test]
    fn whole_percents_add_to_a_hundred() {
        // Rounded one by one these read 34% + 33% + 34% = 101%.
        assert_eq!(whole_percents(&[0.335, 0.33, 0.335]), vec![34, 33, 33]);
        assert_eq!(whole_percents(&[1.0 / 3.0; 3]), vec![34, 33, 33]);
        assert_eq!(whole_percents(&[0.125, 0.125, 0.75]), vec![13, 12, 75]);
        assert_eq!(whole_percents(&[0.5, 0.5]), vec![50, 50]);
        assert_eq!(whole_percents(&[0.0, 0.0]), vec![0, 0]);
        assert_eq!(whole_percents(&[2.0, 2.0]), vec![50, 50], "scaled to a whole");
        for shares in [[0.2149, 0.2049, 0.1949, 0.1949, 0.1904], [0.999, 0.0005, 0.0005, 0.0, 0.0]] {
            assert_eq!(whole_percents(&shares).iter().sum::<u32>(), 100, "{shares:?}");
        }
    }
}
