//! A district's published tiers as its file gives them: a tier per area, or none where the
//! area has none (a blank cell, or a tier of 0 that some years' files give areas without
//! data), and the note that says so.

use crate::error::{Expected, LISTED_ROWS_LIMIT, Purpose, Result};
use crate::table::Table;

/// A district's published tiers, as its file gives them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PublishedColumn {
    /// Per area: its published tier, or `None` where the area has none (a blank cell or a 0).
    pub tiers: Vec<Option<u8>>,
    /// Rows (spreadsheet numbers) whose tier is 0: some years' tables mark areas without data
    /// so.
    pub zero_rows: Vec<usize>,
    /// Areas whose cell is blank.
    pub blank: usize,
}

impl PublishedColumn {
    /// Areas without a published tier, which nothing compares.
    pub fn skipped(&self) -> usize {
        self.zero_rows.len() + self.blank
    }

    /// What a person should know of the areas skipped, if any: how many, and, where every area
    /// of the file is scored (so none was marked 0 for want of data), the rows of 0 to check.
    pub fn note(&self, table: &Table, column: &str, any_left_out: bool) -> Option<PublishedNote> {
        (self.skipped() > 0).then(|| PublishedNote {
            file: table.file().to_owned(),
            column: column.trim().to_owned(),
            skipped: self.skipped(),
            zero_rows_to_check: if any_left_out { Vec::new() } else { self.zero_rows.iter().copied().take(LISTED_ROWS_LIMIT).collect() },
        })
    }
}

/// Areas a published-tier column gives no tier, skipped by the fit and by the count of areas
/// in their published tier.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedNote {
    pub file: String,
    pub column: String,
    pub skipped: usize,
    /// Rows whose 0 is not explained by an area without data (at most fifty).
    pub zero_rows_to_check: Vec<usize>,
}

impl std::fmt::Display for PublishedNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let areas = if self.skipped == 1 { "1 area has".to_owned() } else { format!("{} areas have", self.skipped) };
        write!(
            f,
            "{}: column \"{}\": {areas} no published tier (0 or blank) and {} not compared",
            self.file,
            self.column,
            if self.skipped == 1 { "is" } else { "are" }
        )?;
        if !self.zero_rows_to_check.is_empty() {
            let rows = self.zero_rows_to_check.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
            write!(f, "; every area of the file has data, so check the tier of 0 in rows {rows}")?;
        }
        Ok(())
    }
}

/// The published tiers of every area, from `column`: whole numbers from 1 to `count`; a blank
/// cell or a 0 is an area without a published tier.
///
/// # Errors
/// The column is not there; a cell is not a whole tier number from 0 to `count`.
pub fn published_tiers(table: &Table, column: &str, count: u8) -> Result<PublishedColumn> {
    let cells = table.cells(column, Purpose::PublishedTiers)?;
    let mut published = PublishedColumn { tiers: Vec::with_capacity(table.len()), ..PublishedColumn::default() };
    let mut bad = Vec::new();
    for i in 0..table.len() {
        let text = cells.get(i).trim();
        if text.is_empty() {
            published.blank += 1;
            published.tiers.push(None);
            continue;
        }
        // "2", "2.0" and "Tier 2" as published tables write them.
        let digits = text.strip_prefix("Tier").or_else(|| text.strip_prefix("tier")).unwrap_or(text).trim();
        match digits.parse::<f64>() {
            Ok(0.0) => {
                published.zero_rows.push(table.row_number(i));
                published.tiers.push(None);
            }
            Ok(t) if t.fract() == 0.0 && t >= 1.0 && t <= f64::from(count) => published.tiers.push(Some(t as u8)),
            _ => {
                bad.push(i);
                published.tiers.push(None);
            }
        }
    }
    if !bad.is_empty() {
        return Err(table.invalid_cells(column, &bad, Expected::Tier { count }));
    }
    Ok(published)
}
