//! The pipeline: [`Prepared`] holds everything that changes only with the data or the
//! normalisation (parsed indicator values, normalised values, exclusions, id order);
//! [`Prepared::evaluate`] does the cheap part a weight change needs, one step per module:
//! the weighted sum ([`super::score`]), tiers and ranks ([`super::tiers`]), school profiles and
//! their ranking ([`super::schools`]) and the allocation ([`super::allocation`]).
//!
//! In parts: what a preparation holds and how it is made ([`prepare`]), the evaluation a
//! weight change runs, whole or in two parts (the areas now, the schools after a pause)
//! ([`evaluate`]), and what it produces ([`outcomes`]).

mod evaluate;
mod outcomes;
mod prepare;
mod students;

pub use crate::schools::{RankBy, SchoolOutcome, TierCounts};
pub use outcomes::{AreaOutcome, AreaOutcomeIter, AreaOutcomes, Evaluation, Gap, GapHandling, GapOutcome};
pub use prepare::Prepared;
pub use students::{
    FamilyAnswers, PreparedStudents, StudentLeftOut, StudentLeftOutReason, StudentOutcomes, family_score_of, student_score,
};

use crate::table::MissingMarker;

/// A row left out of scoring because an indicator value is missing.
#[derive(Debug, Clone, PartialEq)]
pub struct Exclusion {
    pub file: String,
    /// Spreadsheet row number.
    pub row: usize,
    pub id: String,
    /// The enabled indicator columns with no value on this row.
    pub columns: Vec<String>,
}

impl std::fmt::Display for Exclusion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: row {} (id {}) is not scored: no value in column {}",
            self.file,
            self.row,
            self.id,
            self.columns.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ")
        )
    }
}

/// Something about how a file's values were read that a person should know: estimates read as
/// their bound, and texts read as missing.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadNote {
    /// Values written as "this or more" (`250,000+`), read as the bound.
    TopCoded { file: String, column: String, count: usize },
    /// Values written as "this or less" (`2,500-`), read as the bound.
    BottomCoded { file: String, column: String, count: usize },
    /// Texts read as missing: the Census Bureau's markers and others every file is read with,
    /// and those the person declared.
    ReadAsMissing { file: String, column: String, markers: Vec<MissingMarker> },
}

impl std::fmt::Display for ReadNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadNote::TopCoded { file, column, count } => {
                write!(f, "{file}: column \"{column}\": {count} values are top-coded (such as 250,000+) and read as their bound")
            }
            ReadNote::BottomCoded { file, column, count } => {
                write!(f, "{file}: column \"{column}\": {count} values are bottom-coded (such as 2,500-) and read as their bound")
            }
            ReadNote::ReadAsMissing { file, column, markers } => {
                let listed: Vec<String> = markers
                    .iter()
                    .map(|m| {
                        let cells = if m.count == 1 { "1 cell".to_owned() } else { format!("{} cells", m.count) };
                        let how = if m.declared { ", declared missing" } else { "" };
                        format!("\"{}\" ({cells}{how})", m.text)
                    })
                    .collect();
                write!(f, "{file}: column \"{column}\": read as missing: {}", listed.join(", "))
            }
        }
    }
}

#[cfg(test)]
mod tests;
