//! Results as CSV text, the same in the app's downloads and the command line's output.
//!
//! Text cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a
//! tab or a carriage return) are written with a leading apostrophe, so opening an export
//! never runs anything. Numbers are written with fixed decimals so every machine writes the
//! same bytes.

use super::privacy::{hidden, school_cells};
use std::borrow::Cow;

use super::compare::Comparison;
use super::dataset::Schools;
use super::formula::Formula;
use super::model::{Evaluation, Prepared};

/// Makes a text cell safe to open in a spreadsheet.
///
/// ```
/// use ses_engine::export::spreadsheet_safe;
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

fn fixed(v: Option<f64>, decimals: usize) -> String {
    v.map_or(String::new(), |v| format!("{v:.decimals$}"))
}

fn dollars(cents: Option<i64>) -> String {
    cents.map_or(String::new(), |c| format!("{}{}.{:02}", if c < 0 { "-" } else { "" }, c.abs() / 100, c.abs() % 100))
}

/// One row per scored area, in file order: `id,score,tier,rank`, each enabled indicator's
/// normalised value, and with a baseline its tier, rank and the changes.
pub fn areas_csv(prepared: &Prepared, formula: &Formula, eval: &Evaluation, baseline: Option<(&Evaluation, &Comparison)>) -> String {
    let mut out = Vec::new();
    write_areas_csv(&mut out, prepared, formula, eval, baseline, AreaColumns::ALL).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("all cells are UTF-8")
}

/// Which kinds of column an areas file holds, always in the file's order: id, score, the
/// groups' scores, tier, rank, the normalised values, the baseline's columns. A slim file
/// (say id, score and tier) is smaller and quicker to write for a million areas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AreaColumns {
    pub id: bool,
    pub score: bool,
    /// One `<group> (score)` column per group of a formula of groups.
    pub groups: bool,
    pub tier: bool,
    pub rank: bool,
    /// One `<column> (normalised)` per enabled indicator.
    pub normalised: bool,
    /// `baseline_tier`, `baseline_rank`, `tier_change`, `rank_change`, when there is a baseline.
    pub baseline: bool,
}

impl AreaColumns {
    /// Every column (what the app downloads and `ses score` writes unless told otherwise).
    pub const ALL: AreaColumns =
        AreaColumns { id: true, score: true, groups: true, tier: true, rank: true, normalised: true, baseline: true };
}

/// Rows formatted per batch, each batch on its own thread where available.
const ROWS_PER_BATCH: usize = 32_768;

/// [`areas_csv`] streamed to `out`: rows are formatted in batches (in parallel natively) with
/// no allocation per cell, so a million areas take a fraction of a second.
///
/// # Errors
/// Only those of `out`.
pub fn write_areas_csv(
    mut out: impl std::io::Write,
    prepared: &Prepared,
    formula: &Formula,
    eval: &Evaluation,
    baseline: Option<(&Evaluation, &Comparison)>,
    columns: AreaColumns,
) -> std::io::Result<()> {
    let mut w = writer();
    // A formula of groups: each group's score after the area's.
    let groups = if columns.groups { formula.all_groups() } else { Vec::new() };
    let indicators: Vec<usize> =
        if columns.normalised { (0..formula.indicators.len()).filter(|&i| formula.indicators[i].enabled).collect() } else { Vec::new() };
    let baseline = baseline.filter(|_| columns.baseline);
    w.write_record(areas_header(formula, columns, &indicators, baseline.is_some())).expect("in memory");
    out.write_all(&w.into_inner().expect("in memory"))?;
    let batches: Vec<std::ops::Range<usize>> =
        (0..eval.areas.len()).step_by(ROWS_PER_BATCH).map(|s| s..(s + ROWS_PER_BATCH).min(eval.areas.len())).collect();
    // Two batches per core in flight: parallel formatting, bounded memory.
    for group in batches.chunks(4) {
        let formatted = super::parallel::map(group, |rows| {
            let mut w = writer();
            let mut cell = Vec::with_capacity(32);
            for i in rows.clone() {
                let area = &eval.areas.of(i);
                // Left out (no score, no tier); an area given a fixed tier is written with it.
                if area.score.is_none() && area.tier.is_none() {
                    continue;
                }
                if columns.id {
                    w.write_field(spreadsheet_safe(&prepared.ids()[i]).as_bytes()).expect("in memory");
                }
                let mut int = itoa::Buffer::new();
                if columns.score {
                    cell.clear();
                    push_fixed(&mut cell, area.score, 6);
                    w.write_field(&cell).expect("in memory");
                }
                if !groups.is_empty() {
                    let value = |k: usize| prepared.normalized_value(k, i).unwrap_or(f64::NAN);
                    for g in super::score::group_scores(formula, &value) {
                        cell.clear();
                        push_fixed(&mut cell, area.score.and((!g.is_nan()).then_some(g)), 6);
                        w.write_field(&cell).expect("in memory");
                    }
                }
                if columns.tier {
                    w.write_field(area.tier.map_or("", |t| int.format(t)).as_bytes()).expect("in memory");
                }
                if columns.rank {
                    w.write_field(area.rank.map_or("", |r| int.format(r)).as_bytes()).expect("in memory");
                }
                for &k in &indicators {
                    cell.clear();
                    push_fixed(&mut cell, prepared.normalized_value(k, i), 6);
                    w.write_field(&cell).expect("in memory");
                }
                if let Some((b, c)) = baseline {
                    w.write_field(b.areas.of(i).tier.map_or("", |t| int.format(t)).as_bytes()).expect("in memory");
                    w.write_field(b.areas.of(i).rank.map_or("", |r| int.format(r)).as_bytes()).expect("in memory");
                    w.write_field(c.area_tier_change(i).map_or("", |t| int.format(t)).as_bytes()).expect("in memory");
                    w.write_field(c.area_rank_change(i).map_or("", |r| int.format(r)).as_bytes()).expect("in memory");
                }
                w.write_record(None::<&[u8]>).expect("in memory");
            }
            w.into_inner().expect("in memory")
        });
        for bytes in formatted {
            out.write_all(&bytes)?;
        }
    }
    Ok(())
}

/// The areas file's header: the columns asked for, each group's score after the area's, each
/// enabled indicator's normalised value.
fn areas_header(formula: &Formula, columns: AreaColumns, indicators: &[usize], with_baseline: bool) -> Vec<String> {
    let some = |on: bool, names: &[&str]| if on { names.iter().map(|n| (*n).to_owned()).collect() } else { Vec::new() };
    let mut header: Vec<String> = Vec::new();
    header.extend(some(columns.id, &["id"]));
    header.extend(some(columns.score, &["score"]));
    if columns.groups {
        header.extend(formula.all_groups().iter().map(|(_, g)| format!("{} (score)", g.name)));
    }
    header.extend(some(columns.tier, &["tier"]));
    header.extend(some(columns.rank, &["rank"]));
    header.extend(indicators.iter().map(|&i| format!("{} (normalised)", formula.indicators[i].column)));
    header.extend(some(with_baseline, &["baseline_tier", "baseline_rank", "tier_change", "rank_change"]));
    header
}

/// Appends `value` with `decimals` fixed decimals, byte for byte as `format!("{v:.6}")`
/// writes it (which rounds the exact binary value, half to even), but from an integer: the
/// scaled value is rounded, and only when it lies too close to a half for the scaling to be
/// trusted does the standard formatter decide. Nothing is written for `None`.
pub fn push_fixed(out: &mut Vec<u8>, value: Option<f64>, decimals: u32) {
    let Some(v) = value else { return };
    let scale = 10f64.powi(decimals as i32);
    let scaled = v.abs() * scale;
    // Integer conversions, not `round`/`trunc` (library calls on baseline x86-64).
    let whole = scaled as u64;
    let fraction = (scaled - whole as f64 - 0.5).abs();
    // Below 1e9 the scaling errs by less than 1e-6, so a fraction that far from a half rounds
    // the same way as the exact value would.
    if !(scaled < 1e9 && fraction > 1e-6) {
        out.extend_from_slice(format!("{v:.prec$}", prec = decimals as usize).as_bytes());
        return;
    }
    let rounded = (scaled + 0.5) as u64;
    if v.is_sign_negative() {
        out.push(b'-');
    }
    let units = rounded;
    let divisor = 10u64.pow(decimals);
    let mut int = itoa::Buffer::new();
    out.extend_from_slice(int.format(units / divisor).as_bytes());
    if decimals > 0 {
        out.push(b'.');
        let frac = int.format(units % divisor);
        out.extend(std::iter::repeat_n(b'0', decimals as usize - frac.len()));
        out.extend_from_slice(frac.as_bytes());
    }
}

/// One row per school, in rank order: rank, ids, students by tier, shares, mean score, and the
/// allocation (with a baseline: its rank, allocation and the changes).
///
/// With `suppress_below`, counts of students below it are written as `<N` and shares that
/// would give them back are left blank ([`crate::privacy`]).
pub fn schools_csv(
    schools: &Schools,
    eval: &Evaluation,
    baseline: Option<(&Evaluation, &Comparison)>,
    suppress_below: Option<u32>,
) -> String {
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
        ];
        match suppress_below {
            Some(threshold) => {
                let cells = school_cells(s, threshold);
                let count = |c: Option<f64>| c.map_or_else(|| hidden(threshold), |v| v.to_string());
                row.push(count(cells.students));
                row.push(count(cells.unscored));
                row.extend(cells.tiers.iter().map(|c| count(*c)));
                row.extend(cells.shares.iter().map(|sh| fixed(*sh, 6)));
                row.push(fixed(s.mean_score, 6));
                row.push(dollars(s.allocation_cents));
                row.push(fixed(s.allocation_per_pupil().filter(|_| cells.per_pupil), 2));
            }
            None => {
                row.push(s.students().to_string());
                row.push(s.unscored_students.to_string());
                row.extend(s.students_by_tier.iter().map(|n| n.to_string()));
                row.extend((1..=k).map(|t| fixed(s.tier_share(t), 6)));
                row.push(fixed(s.mean_score, 6));
                row.push(dollars(s.allocation_cents));
                row.push(fixed(s.allocation_per_pupil(), 2));
            }
        }
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

/// One row per student of a formula with a student part, in the file's order: `student,
/// area, school, area_score, family_score, score, tier`. Scores are written in full (the
/// shortest text that reads back as the same number), so the app's download and `ses
/// students` agree to the bit. A student left out has no score and no tier; one who answered
/// nothing has no family score. `None` without a student part.
pub fn students_csv(prepared: &Prepared, formula: &Formula, schools: &Schools, eval: &Evaluation) -> Option<String> {
    let areas = prepared.ids();
    let (students, outcomes) = (prepared.students()?, eval.students.as_deref()?);
    let part = formula.student.as_ref()?;
    let rows = students.rows();
    let ids = rows.table.cells(&rows.id_column, super::error::Purpose::StudentId).ok()?;
    let full = |v: f64| if v.is_nan() { String::new() } else { format!("{v}") };
    let mut w = writer();
    w.write_record(["student", "area", "school", "area_score", "family_score", "score", "tier"]).expect("writing to memory cannot fail");
    for s in 0..rows.len() {
        let tier = outcomes.tiers[s];
        w.write_record([
            spreadsheet_safe(ids.get(s).trim()).as_ref(),
            spreadsheet_safe(&areas[rows.area[s] as usize]).as_ref(),
            spreadsheet_safe(&schools.ids[rows.school[s] as usize]).as_ref(),
            &full(students.area_score(s, eval)),
            &full(if students.takes_part(s) { students.family_score(part, s) } else { f64::NAN }),
            &full(outcomes.scores[s]),
            &if tier > 0 { tier.to_string() } else { String::new() },
        ])
        .expect("writing to memory cannot fail");
    }
    Some(finish(w))
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
    fn fixed_decimals_match_the_standard_formatter() {
        let mut values =
            vec![0.0, -0.0, 1.0, -1e-9, 0.5e-6, 1.5e-6, 2.5e-6, 99.9999995, 100.0, 12.3456785, -7.25, 1e14, 123_456_789.123_456_79];
        // A deterministic spread of scores, percentiles and z-scores.
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push((x % 100_000_000) as f64 / 1_000_000.0 * if x.is_multiple_of(3) { -1.0 } else { 1.0 });
            values.push(f64::from_bits(0x3FF0_0000_0000_0000 | (x >> 12)) * 37.0);
        }
        for v in values {
            let mut ours = Vec::new();
            push_fixed(&mut ours, Some(v), 6);
            assert_eq!(String::from_utf8(ours).unwrap(), format!("{v:.6}"), "{v:e}");
        }
    }

    #[test]
    fn dollars_are_written_to_the_cent() {
        assert_eq!(dollars(Some(123_456)), "1234.56");
        assert_eq!(dollars(Some(-5)), "-0.05");
        assert_eq!(dollars(None), "");
    }
}
