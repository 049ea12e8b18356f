//! "Your data": load CSV files (picker or drag and drop), confirm what each file is and what
//! its columns mean, and use them. Files are read in the browser and kept in memory only; the
//! confirmed column mapping (names, never values) is remembered for files with the same header.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use web_sys::{DragEvent, FileList, HtmlInputElement};
use yew::prelude::*;

use super::browser::{fetch_bytes, read_file, storage};
use super::controls::{ModalDialog, NumberField, Select, checked};
use super::formula_panel::direction_options;
use super::perf;
use super::slices::{Report, Steps, run_in_slices};
use super::state::{Notice, UiAction, use_dispatch, use_lang, use_part, use_ui_dispatch};
use crate::app::card::Hashing;
use crate::app::examples::{EXAMPLES, Example};
use crate::app::i18n::{Lang, catalogue as m};
use crate::app::network::LoadFault;
use crate::app::import::{declare_missing, missing_value_candidates, FileMapping, FileRole, ImportRun, Imported, PendingFile, header_key, known_formulas, sample_values};
use crate::app::parts::Shared;
use crate::app::state::{Action, AppState};
use crate::engine::EngineError;
use crate::engine::formula::Direction;
use crate::engine::geometry::Boundaries;
use crate::engine::source::ReadOptions;
use crate::engine::source::is_workbook;
use crate::engine::table::{Table, TableReader};
use gloo::timers::callback::Timeout;

/// The panel's own state: files being read, files waiting for confirmation, problems.
#[derive(Debug, Clone, PartialEq, Default)]
struct ImportState {
    /// (file name, bytes read, total bytes) of files still being read.
    reading: Vec<(String, f64, f64)>,
    files: Vec<PendingFile>,
    errors: Vec<String>,
    /// Why the confirmed files could not be used: kept typed, worded when drawn, and offering
    /// to declare a text missing where a number belongs.
    build_error: Option<EngineError>,
    /// While the confirmed files become a district: steps done and in all.
    building: Option<(u32, u32)>,
    /// Boundaries for the map, chosen with the data files.
    boundaries: Option<Boundaries>,
    /// File names in the order chosen: files finish reading in any order, but are listed in
    /// this one.
    order: Vec<String>,
}

/// A change to one file's mapping.
type MappingEdit = Box<dyn FnOnce(&mut FileMapping)>;

/// Sets a field of a mapping from a select's value.
type FieldSetter = Box<dyn Fn(&mut FileMapping, String)>;

enum ImportAction {
    Started(String),
    Progress(String, f64, f64),
    // Boxed: a file read is much larger than the other messages.
    Read(String, Box<Result<PendingFile, String>>),
    ReadBoundaries(String, Result<Boundaries, String>),
    Edit(usize, MappingEdit),
    /// The person cancelled the files still being read; those already read stay.
    CancelReading,
    Failed(EngineError),
    /// The files with a text declared missing (before they are used again).
    Declared(Vec<PendingFile>),
    Building(Option<(u32, u32)>),
    Clear,
}

impl Reducible for ImportState {
    type Action = ImportAction;

    fn reduce(self: Rc<Self>, action: ImportAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            ImportAction::Started(name) => {
                next.order.retain(|n| *n != name);
                next.order.push(name.clone());
                next.reading.push((name, 0.0, 0.0));
                next.errors.clear();
            }
            ImportAction::Progress(name, loaded, total) => {
                if let Some(r) = next.reading.iter_mut().find(|r| r.0 == name) {
                    (r.1, r.2) = (loaded, total);
                }
            }
            ImportAction::Read(name, result) => {
                next.reading.retain(|r| r.0 != name);
                match *result {
                    Ok(file) => {
                        next.files.retain(|f| f.name() != file.name());
                        next.files.push(file);
                        let order = &next.order;
                        next.files.sort_by_key(|f| order.iter().position(|n| n == f.name()).unwrap_or(usize::MAX));
                    }
                    Err(e) => next.errors.push(e),
                }
            }
            ImportAction::ReadBoundaries(name, result) => {
                next.reading.retain(|r| r.0 != name);
                match result {
                    Ok(b) => next.boundaries = Some(b),
                    Err(e) => next.errors.push(e),
                }
            }
            ImportAction::Edit(i, edit) => {
                if let Some(f) = next.files.get_mut(i) {
                    edit(&mut f.mapping);
                }
            }
            ImportAction::CancelReading => next.reading.clear(),
            ImportAction::Failed(e) => {
                next.errors.clear();
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
            ImportAction::Clear => next = ImportState::default(),
        }
        Rc::new(next)
    }
}

fn remembered_mapping(key: &str) -> Option<FileMapping> {
    serde_json::from_str(&storage()?.get_item(key).ok()??).ok()
}

/// Reads the chosen files, each to the import step; `wanted` goes stale when the person
/// cancels, and then nothing more of these reads is shown.
fn read_files(list: FileList, import: UseReducerHandle<ImportState>, lang: Lang, wanted: Wanted) {
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
                lang,
                move |loaded, total| progress.dispatch(ImportAction::Progress(progress_name.clone(), loaded, total)),
                move |bytes| {
                    let result = bytes
                        .and_then(|b| perf::timed("ses:boundaries-read", || Boundaries::parse(&done_name, &b)).map_err(|e| lang.error(&e)));
                    done.dispatch(ImportAction::ReadBoundaries(done_name.clone(), result));
                },
            );
            continue;
        }
        read_file(
            file,
            lang,
            move |loaded, total| progress.dispatch(ImportAction::Progress(progress_name.clone(), loaded, total)),
            move |bytes| {
                // A workbook goes to the workbook worker when this build has no reader of its own.
                if let Ok(bytes) = bytes.as_ref()
                    && cfg!(not(feature = "workbook"))
                    && is_workbook(bytes)
                {
                    let bytes = bytes.clone();
                    super::workbook::read_workbook(done_name.clone(), &bytes.clone(), move |table| {
                        let result = table.map_err(|e| e.words(lang)).map(|table| with_remembered(&done_name, &bytes, table));
                        done.dispatch(ImportAction::Read(done_name.clone(), Box::new(result)));
                    });
                    return;
                }
                let started = bytes.and_then(|bytes| {
                    let reader = TableReader::new(&done_name, &bytes, &ReadOptions::default()).map_err(|e| lang.error(&e))?;
                    Ok((reader.into_owned(), bytes))
                });
                match started {
                    Ok((reader, bytes)) => read_rows_in_slices(done_name, reader, bytes, done, lang),
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

fn read_rows_in_slices(name: String, reader: TableReader<'static>, bytes: Vec<u8>, import: Dispatch, lang: Lang) {
    let progress = {
        let (import, name) = (import.clone(), name.clone());
        Box::new(move |(done, all): (u32, u32)| import.dispatch(ImportAction::Progress(name.clone(), f64::from(done), f64::from(all))))
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
            .map_err(|e| lang.error(&e));
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
struct Wanted {
    now: Rc<RefCell<u32>>,
    mine: u32,
}

impl Wanted {
    /// Wanted until `now` moves on (a cancel).
    fn current(now: &Rc<RefCell<u32>>) -> Wanted {
        Wanted { now: Rc::clone(now), mine: *now.borrow() }
    }

    fn still(&self) -> bool {
        *self.now.borrow() == self.mine
    }
}

/// The import's dispatcher for a read, which drops what a cancelled read still sends.
#[derive(Clone)]
struct Dispatch {
    import: UseReducerHandle<ImportState>,
    wanted: Wanted,
}

impl Dispatch {
    fn new(import: &UseReducerHandle<ImportState>, wanted: &Wanted) -> Dispatch {
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
fn start_build(files: Vec<PendingFile>, now: &Rc<RefCell<u32>>, import: UseReducerHandle<ImportState>, ui: Callback<UiAction>, lang: Lang) {
    import.dispatch(ImportAction::Building(Some((0, 1))));
    *now.borrow_mut() += 1;
    let wanted = Wanted::current(now);
    build_in_slices(files, wanted, import, ui, lang);
}

fn build_in_slices(files: Vec<PendingFile>, wanted: Wanted, import: UseReducerHandle<ImportState>, ui: Callback<UiAction>, lang: Lang) {
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
                    use_imported(imported, &mappings, &import, &ui, lang);
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
fn use_imported(
    imported: Imported,
    mappings: &[(String, FileMapping)],
    import: &UseReducerHandle<ImportState>,
    ui: &Callback<UiAction>,
    lang: Lang,
) {
    let preset = imported.preset;
    let result = AppState::prepared(imported.data, imported.formula, imported.prepared).map(|state| AppState { preset, ..state });
    // Boundaries that do not match the data do not stop the data from loading.
    let mut map_problem = None;
    let result = result.map(|state| match import.boundaries.clone() {
        Some(b) => perf::timed("ses:boundaries-match", || state.with_boundaries(b, None)).unwrap_or_else(|e| {
            map_problem = Some(lang.error(&e));
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
                ui.emit(UiAction::Notify(Notice { problem: true, text: lang.fill(m::MAP_DATA_PROBLEM, &[("problem", &problem)]) }));
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

fn column_options(file: &PendingFile, none: Option<&str>) -> Vec<(String, String, bool)> {
    let mut options: Vec<(String, String, bool)> = none.map(|n| vec![(String::new(), n.to_string(), true)]).unwrap_or_default();
    options.extend(file.table.headers().iter().map(|h| (h.clone(), h.clone(), true)));
    options
}

#[component]
pub fn DataPanel() -> Html {
    // What it shows changes with new data or a new suppression threshold, not with weights.
    let shown = use_part(|e| e.app.as_ref().ok().map(|a| (Shared(a.data.clone()), Shared(a.current.prepared.clone()), a.suppress_below)));
    let lang = use_lang();
    perf::rendered("DataPanel");
    let dispatch = use_dispatch();
    let ui = use_ui_dispatch();
    let import = use_reducer(ImportState::default);
    // Which build is wanted: a cancel (or a newer build) makes a running one stop unused.
    let build_wanted = use_mut_ref(|| 0u32);
    // Which reads are wanted: a cancel while files are read drops what they still send.
    let read_wanted = use_mut_ref(|| 0u32);
    let Some((data, prepared, suppress_below)) = shown else { return html! {} };

    let on_pick = {
        let (import, read_wanted) = (import.clone(), read_wanted.clone());
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if let Some(list) = input.files() {
                read_files(list, import.clone(), lang, Wanted::current(&read_wanted));
            }
            input.set_value("");
        })
    };
    let on_drop = {
        let (import, read_wanted) = (import.clone(), read_wanted.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(list) = e.data_transfer().and_then(|d| d.files()) {
                read_files(list, import.clone(), lang, Wanted::current(&read_wanted));
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let examples = html! { <ExamplePicker synthetic={data.synthetic} /> };
    let on_use = {
        let (import, ui, build_wanted) = (import.clone(), ui.clone(), build_wanted.clone());
        Callback::from(move |_| {
            let files = import.files.clone();
            if files.is_empty() {
                // Boundaries alone: they go with the data already shown.
                if let Some(b) = import.boundaries.clone() {
                    import.dispatch(ImportAction::Clear);
                    ui.emit(UiAction::SetBoundaries { boundaries: Box::new(b), id_property: None });
                }
                return;
            }
            start_build(files, &build_wanted, import.clone(), ui.clone(), lang);
        })
    };
    let edit = |i: usize| {
        let import = import.clone();
        move |f: MappingEdit| import.dispatch(ImportAction::Edit(i, f))
    };
    let on_cancel = {
        let (import, build_wanted) = (import.clone(), build_wanted.clone());
        Callback::from(move |()| {
            *build_wanted.borrow_mut() += 1;
            import.dispatch(ImportAction::Clear);
        })
    };
    let on_cancel_reading = {
        let (import, read_wanted) = (import.clone(), read_wanted.clone());
        Callback::from(move |_: MouseEvent| {
            *read_wanted.borrow_mut() += 1;
            import.dispatch(ImportAction::CancelReading);
        })
    };
    let step_open = !import.files.is_empty() || import.boundaries.is_some();
    // One click declares a text missing (remembered with the file's mapping) and uses the
    // files again.
    let declare = |file: String, value: String| {
        let (import, ui, build_wanted) = (import.clone(), ui.clone(), build_wanted.clone());
        Callback::from(move |_: MouseEvent| {
            let mut files = import.files.clone();
            if !declare_missing(&mut files, &file, &value) {
                return;
            }
            import.dispatch(ImportAction::Declared(files.clone()));
            start_build(files, &build_wanted, import.clone(), ui.clone(), lang);
        })
    };
    let candidates = import.build_error.as_ref().map(missing_value_candidates).unwrap_or_default();
    let errors = if import.errors.is_empty() && import.build_error.is_none() {
        html! {}
    } else {
        html! {
            <div class="error" role="alert" data-testid="import-errors">
                <div>
                    <p>{ lang.t(m::FILES_NOT_USED) }</p>
                    <ul>
                        { for import.errors.iter().map(|e| html! { <li>{ e.clone() }</li> }) }
                        if let Some(e) = &import.build_error {
                            <li>{ lang.error(e) }</li>
                        }
                    </ul>
                    if !candidates.is_empty() {
                        <div class="buttons">
                            { for candidates.into_iter().map(|(file, value)| html! {
                                <button type="button" data-testid="declare-missing" onclick={declare(file, value.clone())}>
                                    { lang.fill(m::TREAT_AS_MISSING, &[("value", &value)]) }
                                </button>
                            }) }
                        </div>
                    }
                </div>
            </div>
        }
    };
    let exclusions = prepared.exclusions();
    let notes = prepared.notes();

    html! {
        <section class="panel" aria-labelledby="data-heading" data-testid="data-panel">
            <h2 id="data-heading">{ lang.t(m::YOUR_DATA) }</h2>
            <p class="privacy-note" data-testid="privacy-note">
                { lang.t(m::DATA_PRIVACY) }
            </p>
            { examples }
            <div class="dropzone" ondragover={on_drag_over} ondrop={on_drop} data-testid="dropzone">
                <input id="file-input" class="visually-hidden" type="file" multiple=true accept=".csv,.tsv,.txt,.xlsx,.xlsm,.xls,.ods,.geojson,.json,text/csv,text/tab-separated-values,application/geo+json" data-testid="file-input" onchange={on_pick} aria-describedby="files-in-use" />
                <label for="file-input">{ lang.t(m::CHOOSE_FILES) }</label>
                <span class="hint">{ lang.t(m::DROP_HINT) }</span>
                // The native picker's own "No file chosen" is hidden: say which files are in use.
                <span class="file-held" id="files-in-use" data-testid="files-in-use">
                    if data.synthetic { { lang.t(m::DEMO_IN_USE) } } else { { lang.fill(m::FILES_IN_USE, &[("names", &data.label)]) } }
                </span>
            </div>
            { for import.reading.iter().map(|(name, loaded, total)| html! {
                <div class="progress" data-testid="read-progress">
                    <label>{ lang.fill(m::READING, &[("name", name)]) }
                        <progress max={total.max(1.0).to_string()} value={loaded.to_string()}></progress>
                    </label>
                </div>
            }) }
            // Cancel from the first byte: what the app shows stays as it was.
            if !import.reading.is_empty() {
                <button type="button" data-testid="cancel-reading" onclick={on_cancel_reading}>{ lang.t(m::CANCEL) }</button>
            }
            if !step_open {
                { errors.clone() }
            }
            if step_open {
                // The mapping is a step of its own over the whole page: a file such as
                // Chicago's has two dozen long column names, which a side column cannot show.
                <ModalDialog labelled_by="import-step-heading" testid="import-step" class="import-step" on_cancel={on_cancel.clone()}>
                    <h2 id="import-step-heading">{ lang.t(m::CHECK_FILES) }</h2>
                    <p class="hint">{ lang.t(m::CHECK_FILES_HINT) }</p>
                    { errors }
                    { for import.files.iter().enumerate().map(|(i, file)| html! { <FileMappingForm file={file.clone()} index={i} on_edit={Callback::from(edit(i))} /> }) }
                    if let Some(b) = &import.boundaries {
                        <p class="file-read" data-testid="boundaries-read">
                            { lang.fill(m::BOUNDARIES_READ, &[("file", &b.file), ("n", &b.features.len()), ("vertices", &b.vertex_count)]) }
                            if !b.left_out.is_empty() {
                                { lang.fill(m::BOUNDARIES_LEFT_OUT, &[("n", &b.left_out.len())]) }
                            }
                        </p>
                    }
                    <div class="buttons step-buttons">
                        <button type="button" data-testid="use-files" onclick={on_use} disabled={import.building.is_some()}>{ lang.t(m::USE_THESE_FILES) }</button>
                        <button type="button" data-testid="cancel-files" onclick={on_cancel.reform(|_| ())}>{ lang.t(m::CANCEL) }</button>
                        // Beside the buttons, which stay in view however long the files' list.
                        if let Some((done, all)) = import.building {
                            <div class="progress" data-testid="build-progress" role="status">
                                <label>{ lang.t(m::BUILDING) }
                                    <progress max={all.max(1).to_string()} value={done.to_string()}></progress>
                                </label>
                            </div>
                        }
                    </div>
                </ModalDialog>
            }
            if !exclusions.is_empty() {
                <details class="exclusions" data-testid="exclusions">
                    <summary>{ lang.plural(exclusions.len(), m::ROWS_NOT_SCORED_ONE, m::ROWS_NOT_SCORED_OTHER, &[]) }</summary>
                    <ul>{ for exclusions.iter().take(200).map(|x| html! { <li>{ lang.exclusion(x) }</li> }) }</ul>
                </details>
            }
            if !notes.is_empty() {
                <ul class="read-notes" data-testid="read-notes">
                    { for notes.iter().map(|n| html! { <li>{ lang.read_note(n) }</li> }) }
                </ul>
            }
            if data.dataset.schools.as_ref().is_some_and(|(_, e)| e.student_level) {
                <NumberField id="suppress-below" label={lang.t(m::HIDE_COUNTS_BELOW)} testid="suppress-below"
                    value={f64::from(suppress_below)} min={0.0} max={1000.0} step="1"
                    oninput={dispatch.reform(|v: f64| Action::SetSuppression(v.round().clamp(0.0, 1000.0) as u32))}
                    hint={AttrValue::from(lang.t(m::HIDE_COUNTS_HINT))} />
            }
            if !data.synthetic {
                <div class="buttons">
                    <button type="button" data-testid="forget-data" onclick={ui.reform(|_| UiAction::ForgetData)}>{ lang.t(m::FORGET_MY_DATA) }</button>
                </div>
            }
        </section>
    }
}

#[derive(Properties)]
struct MappingProps {
    file: PendingFile,
    index: usize,
    on_edit: Callback<MappingEdit>,
}

impl PartialEq for MappingProps {
    fn eq(&self, other: &Self) -> bool {
        self.file == other.file && self.index == other.index
    }
}

/// One file's role and columns, with the guesses filled in.
#[component]
fn FileMappingForm(props: &MappingProps) -> Html {
    let lang = use_lang();
    let (file, i) = (&props.file, props.index);
    let m = &file.mapping;
    // A select's new value, applied to the mapping by `f`.
    let edit = |f: FieldSetter| -> Callback<String> {
        let on_edit = props.on_edit.clone();
        let f = Rc::new(f);
        Callback::from(move |v: String| {
            let f = Rc::clone(&f);
            on_edit.emit(Box::new(move |m: &mut FileMapping| f(m, v)))
        })
    };
    let roles: Vec<(String, String, bool)> = FileRole::ALL.iter().map(|r| (r.id().to_string(), r.label(lang).to_string(), true)).collect();
    let id = |field: &str| format!("map-{i}-{field}");
    let columns = |none: Option<&str>| column_options(file, none);
    let known = if m.role == FileRole::Areas { known_formulas(&file.table) } else { Vec::new() };
    let starts_from = m.areas.known(&file.table).map(|(p, _)| p);
    html! {
        <fieldset class="mapping" data-testid={format!("mapping-{i}")}>
            <legend>{ lang.fill(m::FILE_ROWS, &[("file", &file.name()), ("n", &file.table.len())]) }</legend>
            if !file.table.source().is_plain() {
                <p class="hint" data-testid={format!("source-{i}")}>{ lang.fill(m::READ_AS, &[("how", &file.table.source().describe())]) }</p>
            }
            <Select id={id("role")} label={lang.t(m::THIS_FILE_HOLDS)} testid={format!("role-{i}")} options={roles} selected={m.role.id()}
                onchange={edit(Box::new(|m, v| m.role = FileRole::from_id(&v)))} />
            { match m.role {
                FileRole::Areas => html! {
                    <>
                        <div class="two">
                            <Select id={id("area-id")} label={lang.t(m::AREA_ID_COLUMN)} testid={format!("area-id-{i}")} options={columns(None)} selected={m.areas.id.clone()}
                                onchange={edit(Box::new(|m, v| m.areas.id = v))} />
                            <Select id={id("population")} label={lang.t(m::POPULATION_WEIGHTS)} testid={format!("population-{i}")}
                                options={columns(Some(lang.t(m::NO_POPULATION)))} selected={m.areas.population.clone().unwrap_or_default()}
                                onchange={edit(Box::new(|m, v| m.areas.population = (!v.is_empty()).then_some(v)))} />
                        </div>
                        if !known.is_empty() {
                            <div class="known-formulas">
                                <p class="hint">{ lang.t(m::KNOWN_FORMULA_HINT) }</p>
                                <div class="buttons">
                                    { for known.iter().map(|(preset, formula)| {
                                        let label = lang.plural(formula.indicators.len(), m::TICK_KNOWN_ONE, m::TICK_KNOWN, &[("formula", &preset.label(lang)), ("tiers", &formula.tiers.count)]);
                                        let (preset, formula) = (*preset, formula.clone());
                                        let on_edit = props.on_edit.clone();
                                        let onclick = Callback::from(move |_| {
                                            let formula = formula.clone();
                                            on_edit.emit(Box::new(move |m: &mut FileMapping| m.areas.pick_known(preset, &formula)))
                                        });
                                        html! {
                                            <button type="button" {onclick} data-testid={format!("known-{}-{i}", preset.id())}
                                                aria-pressed={(starts_from == Some(preset)).to_string()}>
                                                { label }
                                            </button>
                                        }
                                    }) }
                                </div>
                                <p class="hint" data-testid={format!("starts-from-{i}")}>
                                    { match &starts_from {
                                        Some(p) => lang.fill(m::STARTS_FROM_KNOWN, &[("formula", &p.label(lang))]),
                                        None => lang.t(m::STARTS_FROM_EQUAL).to_string(),
                                    } }
                                </p>
                            </div>
                        }
                        <table class="indicator-map">
                            <caption>{ lang.t(m::INDICATORS_TICK) }</caption>
                            <thead><tr><th scope="col">{ lang.t(m::USE) }</th><th scope="col">{ lang.t(m::COLUMN) }</th><th scope="col">{ lang.t(m::FIRST_VALUES) }</th><th scope="col">{ lang.t(m::MORE_OF_IT_MEANS) }</th><th scope="col">{ lang.t(m::GROUP_COLUMN) }</th></tr></thead>
                            <tbody>
                                { for m.areas.indicators.iter().enumerate().map(|(k, ind)| {
                                    let on_use = {
                                        let on_edit = props.on_edit.clone();
                                        Callback::from(move |e: Event| {
                                            let on = checked(&e);
                                            on_edit.emit(Box::new(move |m: &mut FileMapping| m.areas.indicators[k].included = on))
                                        })
                                    };
                                    let use_id = format!("map-{i}-use-{k}");
                                    html! {
                                        <tr>
                                            <td><input type="checkbox" id={use_id.clone()} checked={ind.included} onchange={on_use} data-testid={format!("use-{i}-{k}")} /></td>
                                            <td translate="no"><label for={use_id}>{ ind.column.clone() }</label></td>
                                            <td class="samples" translate="no" data-label={lang.t(m::FIRST_VALUES)} data-testid={format!("samples-{i}-{k}")}>{ sample_values(&file.table, &ind.column, 3).join(" · ") }</td>
                                            <td class="direction" data-label={lang.t(m::MORE_OF_IT_MEANS)}>
                                                <Select id={format!("map-{i}-dir-{k}")} label={lang.fill(m::MORE_OF_COLUMN_MEANS, &[("column", &ind.column)])} label_hidden=true testid={format!("dir-{i}-{k}")}
                                                    options={direction_options(lang)}
                                                    selected={if ind.direction == Direction::Advantage { "advantage" } else { "disadvantage" }}
                                                    onchange={edit(Box::new(move |m, v| m.areas.indicators[k].direction = if v == "disadvantage" { Direction::Disadvantage } else { Direction::Advantage }))} />
                                            </td>
                                            <td class="group" data-label={lang.t(m::GROUP_COLUMN)}>
                                                // A name groups the ticked indicators into domains (formula file v2).
                                                <label for={format!("map-{i}-group-{k}")} class="visually-hidden">{ lang.fill(m::GROUP_OF_COLUMN, &[("column", &ind.column)]) }</label>
                                                <input type="text" id={format!("map-{i}-group-{k}")} class="group-name" size="10" maxlength="60" value={ind.group.clone()}
                                                    data-testid={format!("group-{i}-{k}")} disabled={!ind.included}
                                                    onchange={let on_edit = props.on_edit.clone(); Callback::from(move |e: Event| {
                                                        let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
                                                        on_edit.emit(Box::new(move |m: &mut FileMapping| m.areas.indicators[k].group = v.trim().to_owned()))
                                                    })} />
                                            </td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    </>
                },
                FileRole::Schools => html! {
                    <div class="two">
                        <Select id={id("school-id")} label={lang.t(m::SCHOOL_ID)} testid={format!("school-id-{i}")} options={columns(None)} selected={m.schools.id.clone()} onchange={edit(Box::new(|m, v| m.schools.id = v))} />
                        <Select id={id("school-name")} label={lang.t(m::NAME)} testid={format!("school-name-{i}")} options={columns(Some(lang.t(m::NONE)))} selected={m.schools.name.clone()} onchange={edit(Box::new(|m, v| m.schools.name = v))} />
                        <Select id={id("school-level")} label={lang.t(m::LEVEL)} testid={format!("school-level-{i}")} options={columns(Some(lang.t(m::NONE)))} selected={m.schools.level.clone()} onchange={edit(Box::new(|m, v| m.schools.level = v))} />
                    </div>
                },
                FileRole::Enrollment | FileRole::Students => html! {
                    <div class="two">
                        <Select id={id("enr-area")} label={lang.t(m::AREA_ID)} testid={format!("enr-area-{i}")} options={columns(None)} selected={m.enrollment.area.clone()} onchange={edit(Box::new(|m, v| m.enrollment.area = v))} />
                        <Select id={id("enr-school")} label={lang.t(m::SCHOOL_ID)} testid={format!("enr-school-{i}")} options={columns(None)} selected={m.enrollment.school.clone()} onchange={edit(Box::new(|m, v| m.enrollment.school = v))} />
                        if m.role == FileRole::Enrollment {
                            <Select id={id("enr-count")} label={lang.t(m::STUDENTS)} testid={format!("enr-count-{i}")} options={columns(None)} selected={m.enrollment.students.clone()} onchange={edit(Box::new(|m, v| m.enrollment.students = v))} />
                        } else {
                            <Select id={id("enr-student")} label={lang.t(m::STUDENT_ID)} testid={format!("enr-student-{i}")} options={columns(None)} selected={m.enrollment.student.clone()} onchange={edit(Box::new(|m, v| m.enrollment.student = v))} />
                        }
                    </div>
                },
                FileRole::Ignore => html! {},
            } }
        </fieldset>
    }
}

/// Why an example did not open, worded when drawn.
#[derive(Debug, Clone, PartialEq)]
enum ExampleProblem {
    /// Its files did not arrive from the app's server.
    NotArrived(LoadFault),
    /// Its files did not read (a damaged copy).
    File(EngineError),
}

impl ExampleProblem {
    fn words(&self, lang: Lang) -> String {
        match self {
            ExampleProblem::NotArrived(fault) => fault.reason(lang),
            ExampleProblem::File(e) => lang.error(e),
        }
    }
}

#[derive(Properties, PartialEq)]
struct ExamplePickerProps {
    /// The demo is on screen (no button back to it).
    synthetic: bool,
}

/// "Open an example": the demo district, and real data served with the app, fetched from the
/// page's own origin only when chosen and opened as if the person had imported its files.
#[component]
fn ExamplePicker(props: &ExamplePickerProps) -> Html {
    let lang = use_lang();
    let ui = use_ui_dispatch();
    let opening = use_state(|| None::<Example>);
    // Why the last example tried did not open: shown here, beside its button.
    let failed = use_state_eq(|| None::<(Example, ExampleProblem)>);
    let open = |example: Example| {
        let (ui, opening, failed) = (ui.clone(), opening.clone(), failed.clone());
        Callback::from(move |_| {
            if opening.is_some() {
                return;
            }
            opening.set(Some(example));
            failed.set(None);
            let (ui, opening, failed) = (ui.clone(), opening.clone(), failed.clone());
            let name = lang.t(example.name);
            yew::platform::spawn_local(async move {
                let files = async {
                    let areas = fetch_bytes(&example.url(example.areas)).await?;
                    let boundaries = fetch_bytes(&example.url(example.boundaries)).await?;
                    Ok::<_, LoadFault>((areas, boundaries))
                };
                let opened = match files.await {
                    Ok((a, b)) => example.open(&a, &b).map_err(ExampleProblem::File),
                    Err(fault) => Err(ExampleProblem::NotArrived(fault)),
                };
                match opened {
                    Ok(state) => {
                        let agreement = state.data.published.as_ref().map(|p| {
                            let a = p.agreement(&state.current.evaluation);
                            let mut said = lang.fill(m::PUBLISHED_AGREEMENT, &[("matched", &a.matched), ("total", &a.total), ("column", &p.column)]);
                            if p.skipped > 0 {
                                said.push_str(&lang.fill(m::PUBLISHED_NOT_COUNTED, &[("n", &p.skipped)]));
                            }
                            said
                        });
                        let areas = state.data.dataset.areas.len();
                        ui.emit(UiAction::Load(Box::new(state)));
                        let text = lang
                            .fill(m::EXAMPLE_OPENED, &[("name", &name), ("areas", &areas), ("agreement", &agreement.unwrap_or_default())]);
                        ui.emit(UiAction::Notify(Notice { problem: false, text }));
                    }
                    Err(problem) => failed.set(Some((example, problem))),
                }
                opening.set(None);
            });
        })
    };
    html! {
        <div class="examples" data-testid="examples">
            <h3>{ lang.t(m::OPEN_AN_EXAMPLE) }</h3>
            <p class="hint">{ lang.t(m::EXAMPLE_HINT) }</p>
            <div class="buttons">
                if !props.synthetic {
                    <button type="button" data-testid="example-demo" onclick={ui.reform(|_| UiAction::ForgetData)}>{ lang.t(m::DEMO_LABEL) }</button>
                }
                { for EXAMPLES.iter().map(|example| html! {
                    <button type="button" data-testid={format!("example-{}", example.id)} onclick={open(*example)}
                        aria-busy={(*opening == Some(*example)).to_string()}>{ lang.t(example.name) }</button>
                }) }
            </div>
            if let Some(example) = *opening {
                <p class="hint" role="status" data-testid="example-opening">{ lang.fill(m::EXAMPLE_OPENING, &[("name", &lang.t(example.name))]) }</p>
            }
            if let Some((example, problem)) = &*failed {
                <p class="error" role="alert" data-testid="example-problem">
                    { lang.fill(m::EXAMPLE_FAILED, &[("name", &lang.t(example.name)), ("problem", &problem.words(lang))]) }
                </p>
            }
        </div>
    }
}
