//! Why a command failed: one paragraph on stderr, and the exit code a script can test (2 for
//! input the command cannot use, 1 for output it cannot write).

use std::path::PathBuf;

use ses_explorer::engine::EngineError;

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// A file, a formula or a setting the engine cannot use.
    #[error("{0}")]
    Engine(#[from] EngineError),
    #[error("{}: cannot read the file: {source}", path.display())]
    CannotRead { path: PathBuf, source: std::io::Error },
    #[error("{}: not valid allocation settings: {source}", path.display())]
    AllocationSettings { path: PathBuf, source: serde_json::Error },
    #[error("--schools needs --enrollment (area×school counts) or --students (one row per student)")]
    SchoolsNeedEnrollment,
    #[error("--columns must include id: each row is matched to its area by it")]
    ColumnsNeedId,
    #[error("--color change needs a baseline: give --baseline FILE, or a scenario file as --formula")]
    ChangeNeedsBaseline,
    #[error("--date {0:?} is not a date written as YYYY-MM-DD")]
    NotADate(String),
    /// `known` lists the languages' codes.
    #[error("--lang {given:?} is not a language of the card; expected one of {known}")]
    UnknownLanguage { given: String, known: String },
    #[error("{}: cannot write: {source}", path.display())]
    CannotWrite { path: PathBuf, source: std::io::Error },
    #[error("cannot write to standard output: {0}")]
    CannotWriteOut(std::io::Error),
    #[error("{}: cannot create the folder: {source}", path.display())]
    CannotCreateFolder { path: PathBuf, source: std::io::Error },
    /// The drawing library could not draw the map; `reason` is its own.
    #[error("the map could not be drawn: {0}")]
    Drawing(String),
    /// A document the command writes could not be made JSON.
    #[error("{0}")]
    Json(serde_json::Error),
}

impl Failure {
    /// The process's exit code.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::CannotWrite { .. }
            | Failure::CannotWriteOut(_)
            | Failure::CannotCreateFolder { .. }
            | Failure::Drawing(_)
            | Failure::Json(_) => 1,
            _ => 2,
        }
    }
}
