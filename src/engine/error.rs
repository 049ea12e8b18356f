//! The engine's error type: every problem with user input names the file, the row (1-based,
//! as a spreadsheet shows it, the header being row 1), the column and the offending text.

use thiserror::Error;

/// Shorthand for results whose error is an [`EngineError`].
pub type Result<T> = std::result::Result<T, EngineError>;

/// What went wrong, precisely enough for a person to fix the file.
///
/// `Clone + PartialEq` so a user interface can keep the error in its state and show it.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum EngineError {
    /// The file is not readable CSV at this row (for example bad quoting or invalid UTF-8).
    #[error("{file}: row {row}: {message}")]
    Csv { file: String, row: usize, message: String },

    /// A row has a different number of fields from the header.
    #[error(
        "{file}: row {row} has {found} fields but the header has {expected}; every row needs one value per column (leave a cell empty if it is missing)"
    )]
    RaggedRow { file: String, row: usize, expected: usize, found: usize },

    /// The file has no header row or no data rows.
    #[error("{file}: {message}")]
    EmptyFile { file: String, message: String },

    /// The header names the same column twice.
    #[error("{file}: the header names column \"{column}\" twice; column names must be unique")]
    DuplicateColumn { file: String, column: String },

    /// A column the formula or settings need is not in the header.
    #[error("{file}: there is no column \"{column}\" ({purpose}); the columns are: {}", available.join(", "))]
    MissingColumn { file: String, column: String, purpose: String, available: Vec<String> },

    /// A cell holds text that is not what its column needs.
    #[error("{file}: row {row}, column \"{column}\": \"{}\" is not valid; expected {expected}", visible(.value))]
    InvalidValue { file: String, row: usize, column: String, value: String, expected: String },

    /// The same id appears on two rows.
    #[error("{file}: row {row}, column \"{column}\": id \"{}\" already appears on row {first_row}; ids must be unique", visible(.id))]
    DuplicateId { file: String, row: usize, column: String, id: String, first_row: usize },

    /// An id refers to a row that another file does not have.
    #[error("{file}: row {row}, column \"{column}\": \"{}\" is not an id in {other_file}", visible(.id))]
    UnknownId { file: String, row: usize, column: String, id: String, other_file: String },

    /// A share link that was cut short or changed on its way.
    #[error("the share link: cannot be read: it was cut short or changed; ask for the link again")]
    LinkDamaged,

    /// A share link made by a newer version of the app, in a form this one does not know.
    #[error("the share link: made by a newer version of SES Explorer (link form {version}); open it there, or ask for the scenario file")]
    LinkTooNew { version: u32 },

    /// The formula (or scenario) file is not valid JSON of the expected shape.
    #[error("{file}: {message}")]
    InvalidFormula { file: String, message: String },

    /// Settings that cannot be computed with (for example all weights zero).
    #[error("{0}")]
    InvalidSettings(String),

    /// A boundaries (GeoJSON) file cannot be drawn; `message` names the feature when it is one.
    #[error("{file}: {message}")]
    InvalidGeometry { file: String, message: String },

    /// Boundaries in projected coordinates (metres, feet) rather than longitude and latitude.
    #[error(
        "{file}: feature {feature}: {value} is not a longitude and latitude in degrees; the map reads WGS 84 (EPSG:4326), as census boundary files come: save the file in that coordinate system"
    )]
    NotLonLat { file: String, feature: usize, value: String },

    /// A boundaries file with more vertices than the map redraws within a frame.
    #[error(
        "{file}: has more than {max} vertices, too many to redraw within a frame; simplify it first (for example mapshaper's -simplify 10%)"
    )]
    TooManyVertices { file: String, max: usize },

    /// A boundaries file without a single polygon.
    #[error("{file}: has no Polygon or MultiPolygon feature to draw")]
    NothingToDraw { file: String },

    /// No property of the boundaries holds the data's area ids.
    #[error("{file}: no property of the features ({}) holds the data's area ids (such as \"{example}\"); choose the property that does", if properties.is_empty() { "there are none".to_string() } else { properties.join(", ") })]
    NoIdProperty { file: String, properties: Vec<String>, example: String },

    /// The property chosen to match the boundaries is not in them.
    #[error("{file}: the features have no property \"{property}\"; their properties are: {}", properties.join(", "))]
    NoSuchProperty { file: String, property: String, properties: Vec<String> },

    /// Score cutoffs that are not numbers in increasing order.
    #[error("cutoffs must be numbers in increasing order")]
    CutoffsOutOfOrder,

    /// A pool below zero or above the largest the engine counts to the cent.
    #[error("the pool must be between $0 and ${max:.0}; it is {pool}")]
    PoolOutOfRange { pool: f64, max: f64 },

    /// A rank-and-serve cutoff outside 0–100.
    #[error("the rank-and-serve cutoff must be between 0 and 100 percent; it is {cutoff}")]
    ServeCutoffOutOfRange { cutoff: f64 },

    /// A negative (or not finite) weight of a tier's students.
    #[error("tier weights must be zero or more")]
    NegativeTierWeight,

    /// Every weight is zero, or every indicator is switched off: there is no score.
    #[error("all weights are zero (or every indicator is switched off); give at least one indicator a weight above zero")]
    NoWeight,

    /// No row could be scored (every row misses an indicator, or the file has none).
    #[error("{file}: no row can be scored: every row is missing at least one indicator value")]
    NothingToScore { file: String },
}

impl EngineError {
    /// Convenience constructor for [`EngineError::InvalidSettings`].
    pub fn settings(message: impl Into<String>) -> Self {
        EngineError::InvalidSettings(message.into())
    }
}

/// A value from a file as a message shows it: control characters written out (`\0`, `\t`,
/// `\u{1b}`), so a cell holding an invisible character does not read as a blank or a space.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\0' => out.push_str("\\0"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod visible_tests {
    use super::*;

    #[test]
    fn control_characters_in_a_value_are_written_out() {
        assert_eq!(visible("\x0056.6"), "\\056.6");
        assert_eq!(visible("a\tb\u{1b}c"), "a\\tb\\u{1b}c");
        assert_eq!(visible("Peña 56.6"), "Peña 56.6", "other text unchanged");
        let e = EngineError::InvalidValue {
            file: "a.csv".into(),
            row: 3,
            column: "income".into(),
            value: "\x0056.6".into(),
            expected: "a number".into(),
        };
        assert_eq!(e.to_string(), "a.csv: row 3, column \"income\": \"\\056.6\" is not valid; expected a number");
    }
}
