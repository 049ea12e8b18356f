//! Reading the chosen files and making the confirmed ones a district, a slice at a time
//! between frames, each step told to the import step as an [`ImportAction`]; a cancel makes
//! what is still running stop unused.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use web_sys::FileList;
use yew::prelude::*;

use super::Import;
use crate::app::card::Hashing;
use crate::app::file_refusal::FileRefusal;
use crate::app::import::step::ImportAction;
use crate::app::import::{FileMapping, ImportRun, Imported, PendingFile, header_key};
use crate::app::state::AppState;
use crate::engine::EngineError;
use crate::engine::geometry::Boundaries;
use crate::engine::source::{ReadOptions, is_workbook};
use crate::engine::table::{Table, TableReader};
use crate::ui::browser::{read_file, storage};
use crate::ui::perf;
use crate::ui::slices::{Report, Steps, run_in_slices};
use crate::ui::state::{Notice, UiAction};

pub(super) fn remembered_mapping(key: &str) -> Option<FileMapping> {
    serde_json::from_str(&storage()?.get_item(key).ok()??).ok()
}

/// Reads the chosen files, each to the import step; `wanted` goes stale when the person
/// cancels, and then nothing more of these reads is shown.
pub(super) fn read_files(list: FileList, import: UseReducerHandle<Import>, wanted: Wanted) {
    for i in 0..list.length() {
        let Some(file) = list.get(i) else { continue };
        let name = file.name();
        import.dispatch(ImportAction::Started(name.clone()));
        let (progress, done) = (Dispatch::new(&import, &wanted), Dispatch::new(&import, &wanted));
        let (progress_name, done_name) = (name.clone(), name);
        let lower = done_name.to_lowercase();
        if lower.ends_with(".geojson") || lower.ends_with(".json") {
            read_file(
                file,
                move |done, total| progress.dispatch(ImportAction::Progress { name: progress_name.clone(), done, total }),
                move |bytes| {
                    let result =
                        bytes.and_then(|b| perf::timed("ses:boundaries-read", || Boundaries::parse(&done_name, &b)).map_err(FileRefusal::File));
                    done.dispatch(ImportAction::ReadBoundaries(done_name.clone(), result));
                },
            );
            continue;
        }
        read_file(
            file,
            move |done, total| progress.dispatch(ImportAction::Progress { name: progress_name.clone(), done, total }),
            move |bytes| {
                // A workbook goes to the workbook worker when this build has no reader of its own.
                if let Ok(bytes) = bytes.as_ref()
                    && cfg!(not(feature = "workbook"))
                    && is_workbook(bytes)
                {
                    let bytes = bytes.clone();
                    crate::ui::workbook::read_workbook(done_name.clone(), &bytes.clone(), move |table| {
                        let result = table.map(|table| with_remembered(&done_name, &bytes, table));
                        done.dispatch(ImportAction::Read(done_name.clone(), Box::new(result)));
                    });
                    return;
                }
                let started = bytes.and_then(|bytes| {
                    let reader = TableReader::new(&done_name, &bytes, &ReadOptions::default())?;
                    Ok((reader.into_owned(), bytes))
                });
                match started {
                    Ok((reader, bytes)) => read_rows_in_slices(done_name, reader, bytes, done),
                    Err(e) => done.dispatch(ImportAction::Read(done_name.clone(), Box::new(Err(e)))),
                }
            },
        );
    }
}

/// A text file's rows, read a piece at a time between frames (a million rows never block the
/// page for long), and its fingerprint hashed a part at a time; the progress shown as the
/// file's.
struct RowsJob {
    reader: TableReader<'static>,
    bytes: Vec<u8>,
    hashing: Hashing,
    hashed: usize,
    /// Stale once the person cancels: the job then stops at its next slice.
    wanted: Wanted,
}

/// Bytes hashed per step: a few milliseconds in the browser.
const HASH_PART: usize = 1 << 20;

impl Steps for RowsJob {
    fn generation(&self) -> u32 {
        0
    }
    fn finished(&self) -> bool {
        (self.hashed >= self.bytes.len() && self.reader.finished()) || !self.wanted.still()
    }
    fn step(&mut self) -> Result<(), EngineError> {
        if self.hashed < self.bytes.len() {
            let end = (self.hashed + HASH_PART).min(self.bytes.len());
            self.hashing.update(&self.bytes[self.hashed..end]);
            self.hashed = end;
            return Ok(());
        }
        self.reader.step()
    }
    fn progress(&self) -> (u32, u32) {
        // Hashing and reading each count for half.
        let (read, total) = self.reader.progress();
        let done = (self.hashed as f64 / self.bytes.len().max(1) as f64 + read as f64 / total.max(1) as f64) / 2.0;
        ((done * 1000.0) as u32, 1000)
    }
}

fn read_rows_in_slices(name: String, reader: TableReader<'static>, bytes: Vec<u8>, import: Dispatch) {
    let progress = {
        let (import, name) = (import.clone(), name.clone());
        Box::new(move |(done, all): (u32, u32)| {
            import.dispatch(ImportAction::Progress { name: name.clone(), done: f64::from(done), total: f64::from(all) })
        })
    };
    let wanted = import.wanted.clone();
    let end = Box::new(move |ended: Result<RowsJob, EngineError>| {
        if !import.wanted.still() {
            return;
        }
        let result = ended
            .and_then(|job| {
                let table = job.reader.finish()?;
                let fingerprint = job.hashing.finish(&name, table.len());
                let remembered = remembered_mapping(&header_key(&table));
                Ok(PendingFile::fingerprinted(table, fingerprint, remembered))
            })
            .map_err(FileRefusal::File);
        import.dispatch(ImportAction::Read(name.clone(), Box::new(result)));
    });
    let job = RowsJob { reader, bytes, hashing: Hashing::default(), hashed: 0, wanted };
    run_in_slices(Rc::new(RefCell::new(Some(job))), 0, Report { progress, end });
}

/// The confirmed files made a district a step at a time between frames (a million students
/// never block the page for long), its progress shown in the import step.
struct BuildJob(ImportRun<'static>, Wanted);

/// Whether a build (or a read) is still the one wanted.
#[derive(Clone)]
pub(super) struct Wanted {
    now: Rc<RefCell<u32>>,
    mine: u32,
}

impl Wanted {
    /// Wanted until `now` moves on (a cancel).
    pub(super) fn current(now: &Rc<RefCell<u32>>) -> Wanted {
        Wanted { now: Rc::clone(now), mine: *now.borrow() }
    }

    fn still(&self) -> bool {
        *self.now.borrow() == self.mine
    }
}

/// The import's dispatcher for a read, which drops what a cancelled read still sends.
#[derive(Clone)]
struct Dispatch {
    import: UseReducerHandle<Import>,
    wanted: Wanted,
}

impl Dispatch {
    fn new(import: &UseReducerHandle<Import>, wanted: &Wanted) -> Dispatch {
        Dispatch { import: import.clone(), wanted: wanted.clone() }
    }

    fn dispatch(&self, action: ImportAction) {
        if self.wanted.still() {
            self.import.dispatch(action);
        }
    }
}

impl Steps for BuildJob {
    fn generation(&self) -> u32 {
        0
    }
    fn finished(&self) -> bool {
        self.0.finished() || !self.1.still()
    }
    fn step(&mut self) -> Result<(), EngineError> {
        self.0.step()
    }
    fn progress(&self) -> (u32, u32) {
        self.0.progress()
    }
}

/// Starts making `files` a district, the build wanted from now on (an earlier one stops unused).
pub(super) fn start_build(files: Vec<PendingFile>, now: &Rc<RefCell<u32>>, import: UseReducerHandle<Import>, ui: Callback<UiAction>) {
    import.dispatch(ImportAction::Building(Some((0, 1))));
    *now.borrow_mut() += 1;
    let wanted = Wanted::current(now);
    build_in_slices(files, wanted, import, ui);
}

fn build_in_slices(files: Vec<PendingFile>, wanted: Wanted, import: UseReducerHandle<Import>, ui: Callback<UiAction>) {
    let progress = {
        let (import, wanted) = (import.clone(), wanted.clone());
        Box::new(move |done: (u32, u32)| {
            if wanted.still() {
                import.dispatch(ImportAction::Building(Some(done)));
            }
        })
    };
    // What is remembered of the files once they are used: each header's confirmed mapping.
    let mappings: Vec<(String, FileMapping)> = files.iter().map(|f| (header_key(&f.table), f.mapping.clone())).collect();
    let job = BuildJob(ImportRun::new(Cow::Owned(files)), wanted.clone());
    let end = Box::new(move |ended: Result<BuildJob, EngineError>| match ended.and_then(|job| job.0.finish()) {
        // Cancelled: nothing is used.
        _ if !wanted.still() => {}
        // The formula's first evaluation in a task of its own, after the page has shown the
        // progress so far.
        Ok(imported) => {
            let wanted = wanted.clone();
            Timeout::new(0, move || {
                if wanted.still() {
                    put_in_use(imported, &mappings, &import, &ui);
                }
            })
            .forget();
        }
        Err(e) => import.dispatch(ImportAction::Failed(e)),
    });
    run_in_slices(Rc::new(RefCell::new(Some(job))), 0, Report { progress, end });
}

/// Makes the built district the one in use: evaluated, with the boundaries chosen with it,
/// the files' mappings remembered.
fn put_in_use(imported: Imported, mappings: &[(String, FileMapping)], import: &UseReducerHandle<Import>, ui: &Callback<UiAction>) {
    let preset = imported.preset;
    let result = AppState::prepared(imported.data, imported.formula, imported.prepared).map(|state| AppState { preset, ..state });
    // Boundaries that do not match the data do not stop the data from loading.
    let mut map_problem = None;
    let result = result.map(|state| match import.boundaries.clone() {
        Some(b) => perf::timed("ses:boundaries-match", || state.with_boundaries(b, None)).unwrap_or_else(|e| {
            map_problem = Some(e);
            state
        }),
        None => state,
    });
    match result {
        Ok(state) => {
            if let Some(s) = storage() {
                for (key, mapping) in mappings {
                    if let Ok(json) = serde_json::to_string(mapping) {
                        let _ = s.set_item(key, &json);
                    }
                }
            }
            import.dispatch(ImportAction::Clear);
            ui.emit(UiAction::Load(Box::new(state)));
            if let Some(problem) = map_problem {
                ui.emit(UiAction::Notify(Notice::MapDataProblem(problem)));
            }
        }
        Err(e) => import.dispatch(ImportAction::Failed(e)),
    }
}

/// A file read into `table`, with the mapping remembered for its header (the header decides
/// which remembered mapping applies) or the guessed one.
fn with_remembered(name: &str, bytes: &[u8], table: Table) -> PendingFile {
    let remembered = remembered_mapping(&header_key(&table));
    PendingFile::from_table(name, bytes, table, remembered)
}

