//! The import step's state: files being read, files read and waiting for the person to
//! confirm what they hold, boundaries chosen with them, and why anything was not used, kept
//! typed and worded when drawn. Every change is an [`ImportAction`]; the page's data panel
//! dispatches them and draws the state.

use crate::app::file_refusal::FileRefusal;
use crate::app::import::{FileMapping, PendingFile};
use crate::engine::EngineError;
use crate::engine::geometry::Boundaries;

/// A file still being read.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub name: String,
    /// Bytes (or steps) done, and in all.
    pub done: f64,
    pub total: f64,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportStep {
    pub reading: Vec<Reading>,
    /// Files read, in the order the person chose them.
    pub files: Vec<PendingFile>,
    /// Files that could not be read.
    pub refused: Vec<FileRefusal>,
    /// Why the confirmed files could not be used (it may offer to declare a text missing
    /// where a number belongs).
    pub build_error: Option<EngineError>,
    /// While the confirmed files become a district: steps done and in all.
    pub building: Option<(u32, u32)>,
    /// Boundaries for the map, chosen with the data files.
    pub boundaries: Option<Boundaries>,
    /// File names in the order chosen: files finish reading in any order, but are listed in
    /// this one.
    order: Vec<String>,
}

/// A change to one file's mapping.
pub type MappingEdit = Box<dyn FnOnce(&mut FileMapping)>;

pub enum ImportAction {
    /// A file started to be read.
    Started(String),
    Progress {
        name: String,
        done: f64,
        total: f64,
    },
    // Boxed: a file read is much larger than the other messages.
    Read(String, Box<Result<PendingFile, FileRefusal>>),
    ReadBoundaries(String, Result<Boundaries, FileRefusal>),
    Edit(usize, MappingEdit),
    /// The person cancelled the files still being read; those already read stay.
    CancelReading,
    /// The confirmed files could not be used.
    Failed(EngineError),
    /// The files with a text declared missing (before they are used again).
    Declared(Vec<PendingFile>),
    Building(Option<(u32, u32)>),
    /// Used or cancelled: the step closes.
    Clear,
}

impl ImportStep {
    /// The import step after `action`.
    pub fn apply(&self, action: ImportAction) -> ImportStep {
        let mut next = self.clone();
        match action {
            ImportAction::Started(name) => {
                next.order.retain(|n| *n != name);
                next.order.push(name.clone());
                next.reading.push(Reading { name, done: 0.0, total: 0.0 });
                next.refused.clear();
            }
            ImportAction::Progress { name, done, total } => {
                if let Some(r) = next.reading.iter_mut().find(|r| r.name == name) {
                    (r.done, r.total) = (done, total);
                }
            }
            ImportAction::Read(name, result) => {
                next.reading.retain(|r| r.name != name);
                match *result {
                    Ok(file) => {
                        next.files.retain(|f| f.name() != file.name());
                        next.files.push(file);
                        let order = &next.order;
                        next.files.sort_by_key(|f| order.iter().position(|n| n == f.name()).unwrap_or(usize::MAX));
                    }
                    Err(e) => next.refused.push(e),
                }
            }
            ImportAction::ReadBoundaries(name, result) => {
                next.reading.retain(|r| r.name != name);
                match result {
                    Ok(b) => next.boundaries = Some(b),
                    Err(e) => next.refused.push(e),
                }
            }
            ImportAction::Edit(i, edit) => {
                if let Some(f) = next.files.get_mut(i) {
                    edit(&mut f.mapping);
                }
            }
            ImportAction::CancelReading => next.reading.clear(),
            ImportAction::Failed(e) => {
                next.refused.clear();
                next.build_error = Some(e);
                next.building = None;
            }
            ImportAction::Declared(files) => {
                next.files = files;
                next.build_error = None;
            }
            ImportAction::Building(progress) => {
                if progress.is_some() {
                    next.build_error = None;
                }
                next.building = progress;
            }
            ImportAction::Clear => next = ImportStep::default(),
        }
        next
    }

    /// Whether the step asking the person to confirm the files is open.
    pub fn is_open(&self) -> bool {
        !self.files.is_empty() || self.boundaries.is_some()
    }

    /// Whether there is anything to say about files not used.
    pub fn has_problems(&self) -> bool {
        !self.refused.is_empty() || self.build_error.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::i18n::Lang;
    use crate::app::import::FileRole;
    use crate::engine::table::Table;

    fn file(name: &str) -> PendingFile {
        let table = Table::parse(name, b"id,income\nA1,10\nA2,20\n").unwrap();
        PendingFile::from_table(name, b"", table, None)
    }

    fn read(step: &ImportStep, name: &str) -> ImportStep {
        step.apply(ImportAction::Read(name.into(), Box::new(Ok(file(name)))))
    }

    #[test]
    fn files_are_listed_in_the_order_chosen_whichever_finishes_first() {
        let step = ImportStep::default().apply(ImportAction::Started("a.csv".into())).apply(ImportAction::Started("b.csv".into()));
        assert_eq!(step.reading.len(), 2);
        let step = read(&read(&step, "b.csv"), "a.csv");
        let names: Vec<&str> = step.files.iter().map(PendingFile::name).collect();
        assert_eq!(names, ["a.csv", "b.csv"]);
        assert!(step.reading.is_empty());
        assert!(step.is_open());
    }

    #[test]
    fn a_refusal_stays_typed_until_the_next_file_is_chosen() {
        let step = ImportStep::default()
            .apply(ImportAction::Started("x.csv".into()))
            .apply(ImportAction::Read("x.csv".into(), Box::new(Err(FileRefusal::Unreadable { name: "x.csv".into() }))));
        assert!(step.has_problems());
        assert!(step.refused[0].words(Lang::Es).contains("el navegador no pudo leer"));
        let again = step.apply(ImportAction::Started("y.csv".into()));
        assert!(again.refused.is_empty(), "choosing files again starts afresh");
    }

    #[test]
    fn a_failed_build_is_kept_until_the_files_are_used_again() {
        let step = read(&ImportStep::default().apply(ImportAction::Started("a.csv".into())), "a.csv")
            .apply(ImportAction::Building(Some((0, 1))))
            .apply(ImportAction::Failed(EngineError::NothingToScore { file: "a.csv".into() }));
        assert_eq!(step.building, None);
        assert!(step.has_problems());
        let edited = step.apply(ImportAction::Edit(0, Box::new(|m: &mut FileMapping| m.role = FileRole::Ignore)));
        assert_eq!(edited.files[0].mapping.role, FileRole::Ignore);
        assert!(edited.build_error.is_some(), "an edit does not hide why the files were not used");
        let retried = edited.apply(ImportAction::Building(Some((0, 3))));
        assert_eq!(retried.build_error, None);
        assert_eq!(retried.apply(ImportAction::Clear), ImportStep::default());
    }

    #[test]
    fn cancelling_a_read_keeps_the_files_already_read() {
        let step = read(&ImportStep::default().apply(ImportAction::Started("a.csv".into())), "a.csv")
            .apply(ImportAction::Started("big.csv".into()))
            .apply(ImportAction::Progress { name: "big.csv".into(), done: 5.0, total: 100.0 });
        assert_eq!(step.reading[0].done, 5.0);
        let cancelled = step.apply(ImportAction::CancelReading);
        assert!(cancelled.reading.is_empty());
        assert_eq!(cancelled.files.len(), 1);
    }
}
