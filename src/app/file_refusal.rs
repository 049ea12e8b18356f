//! Why a file a person chose was not used, kept typed and worded in the page's language when
//! drawn: the file's own problem (an engine error), the browser's, or a part of the app the
//! file needs that did not arrive.

use crate::app::i18n::{Lang, catalogue as m};
use crate::app::network::{LoadFault, Part};
use crate::engine::EngineError;

#[derive(Debug, Clone, PartialEq)]
pub enum FileRefusal {
    /// The file: not what the picker takes, or damaged.
    File(EngineError),
    /// This browser cannot read files from the computer.
    BrowserCannotRead,
    /// The browser could not read this file (moved, deleted or locked while it was read).
    Unreadable { name: String },
    /// The workbook reader, which reads spreadsheets apart from the page, did not arrive.
    ReaderNotLoaded(LoadFault),
}

impl FileRefusal {
    /// In the person's language.
    pub fn words(&self, lang: Lang) -> String {
        match self {
            FileRefusal::File(e) => lang.error(e),
            FileRefusal::BrowserCannotRead => lang.t(m::CANNOT_READ_FILES).to_owned(),
            FileRefusal::Unreadable { name } => lang.fill(m::COULD_NOT_READ_FILE, &[("name", name)]),
            FileRefusal::ReaderNotLoaded(fault) => fault.message(lang, Part::WorkbookReader),
        }
    }
}

impl From<EngineError> for FileRefusal {
    fn from(e: EngineError) -> FileRefusal {
        FileRefusal::File(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_is_worded_in_each_language() {
        let unreadable = FileRefusal::Unreadable { name: "areas.csv".into() };
        assert_ne!(unreadable.words(Lang::En), unreadable.words(Lang::Es));
        assert!(unreadable.words(Lang::Es).contains("areas.csv"));
        let offline = FileRefusal::ReaderNotLoaded(LoadFault::Offline);
        assert_eq!(offline.words(Lang::Es), LoadFault::Offline.message(Lang::Es, Part::WorkbookReader));
    }
}
