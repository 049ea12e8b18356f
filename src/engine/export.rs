//! Results as CSV text, the same in the app's downloads and the command line's output.
//!
//! Text cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a
//! tab or a carriage return) are written with a leading apostrophe, so opening an export
//! never runs anything. Numbers are written with fixed decimals so every machine writes the
//! same bytes.

use std::borrow::Cow;

use super::compare::Comparison;
use super::dataset::Schools;
use super::formula::Formula;
use super::model::{Evaluation, Prepared};

/// Makes a text cell safe to open in a spreadsheet.
///
/// ```
/// use ses_explorer::engine::export::spreadsheet_safe;
/// assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(spreadsheet_safe("Oak Elementary"), "Oak Elementary");
/// ```
pub fn spreadsheet_safe(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { Cow::Owned(format!("'{text}")) } else { Cow::Borrowed(text) }
}

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new())
}

fn finish(w: csv::Writer<Vec<u8>>) -> String {
    let bytes = w.into_inner().expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("all cells are UTF-8")
}

fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or(String::new(), |v| v.to_string())
}

fn fixed(v: Option<f64>, decimals: usize) -> String {
    v.map_or(String::new(), |v| format!("{v:.decimals$}"))
}

fn dollars(cents: Option<i64>) -> String {
    cents.map_or(String::new(), |c| format!("{}{}.{:02}", if c < 0 { "-" } else { "" }, c.abs() / 100, c.abs() % 100))
}

/// One row per scored area, in file order: `id,score,tier,rank`, each enabled indicator's
/// normalised value, and with a baseline its tier, rank and the changes.
pub fn areas_csv(prepared: &Prepared, formula: &Formula, eval: &Evaluation, baseline: Option<(&Evaluation, &Comparison)>) -> String {
    let mut w = writer();
    let mut header: Vec<String> = ["id", "score", "tier", "rank"].map(String::from).into();
    let indicators: Vec<usize> = (0..formula.indicators.len()).filter(|&i| formula.indicators[i].enabled).collect();
    header.extend(indicators.iter().map(|&i| format!("{} (normalised)", formula.indicators[i].column.trim())));
    if baseline.is_some() {
        header.extend(["baseline_tier", "baseline_rank", "tier_change", "rank_change"].map(String::from));
    }
    w.write_record(&header).expect("in memory");
    for (i, area) in eval.areas.iter().enumerate() {
        if area.score.is_none() {
            continue;
        }
        let mut row = vec![spreadsheet_safe(&prepared.ids()[i]).into_owned(), fixed(area.score, 6), opt(area.tier), opt(area.rank)];
        row.extend(indicators.iter().map(|&k| fixed(prepared.normalized_value(k, i), 6)));
        if let Some((b, c)) = baseline {
            row.extend([opt(b.areas[i].tier), opt(b.areas[i].rank), opt(c.area_tier_change[i]), opt(c.area_rank_change[i])]);
        }
        w.write_record(&row).expect("in memory");
    }
    finish(w)
}

/// One row per school, in rank order: rank, ids, students by tier, shares, mean score, and the
/// allocation (with a baseline: its rank, allocation and the changes).
pub fn schools_csv(schools: &Schools, eval: &Evaluation, baseline: Option<(&Evaluation, &Comparison)>) -> String {
    let mut w = writer();
    let k = eval.tier_count;
    let mut header: Vec<String> = ["rank", "school_id", "name", "level", "students", "unscored_students"].map(String::from).into();
    header.extend((1..=k).map(|t| format!("tier_{t}_students")));
    header.extend((1..=k).map(|t| format!("tier_{t}_share")));
    header.extend(["mean_score", "allocation", "allocation_per_pupil", "current_per_pupil_funding"].map(String::from));
    if baseline.is_some() {
        header.extend(["baseline_rank", "rank_change", "baseline_allocation", "allocation_change"].map(String::from));
    }
    w.write_record(&header).expect("in memory");
    for i in eval.school_order() {
        let s = &eval.schools[i];
        let mut row = vec![
            s.rank.to_string(),
            spreadsheet_safe(&schools.ids[i]).into_owned(),
            spreadsheet_safe(&schools.names[i]).into_owned(),
            spreadsheet_safe(&schools.levels[i]).into_owned(),
            s.students().to_string(),
            s.unscored_students.to_string(),
        ];
        row.extend(s.students_by_tier.iter().map(|n| n.to_string()));
        row.extend((1..=k).map(|t| fixed(s.tier_share(t), 6)));
        row.push(fixed(s.mean_score, 6));
        row.push(dollars(s.allocation_cents));
        row.push(fixed(s.allocation_per_pupil(), 2));
        row.push(fixed(schools.per_pupil_funding.as_ref().and_then(|f| f[i]), 2));
        if let Some((b, c)) = baseline {
            row.extend([
                b.schools[i].rank.to_string(),
                c.school_rank_change[i].to_string(),
                dollars(b.schools[i].allocation_cents),
                dollars(c.school_allocation_change_cents[i]),
            ]);
        }
        w.write_record(&row).expect("in memory");
    }
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_text_is_neutralised() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(spreadsheet_safe(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(spreadsheet_safe("101.02"), "101.02");
    }

    #[test]
    fn dollars_are_written_to_the_cent() {
        assert_eq!(dollars(Some(123_456)), "1234.56");
        assert_eq!(dollars(Some(-5)), "-0.05");
        assert_eq!(dollars(None), "");
    }
}
