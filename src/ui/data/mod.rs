//! "Your data": load CSV files (picker or drag and drop), confirm what each file is and what
//! its columns mean, and use them. Files are read in the browser and kept in memory only; the
//! confirmed column mapping (names, never values) is remembered for files with the same header.
//!
//! The panel is in parts: reading and building ([`reading`]), one file's mapping
//! ([`mapping`]), the examples ([`examples`]), and here the panel, the import step's dialog,
//! the files not used and the notes on the data in use. The import step's state is plain Rust
//! ([`crate::app::import::step`]); it is the panel's own, as no other view shows it.

mod examples;
mod mapping;
mod reading;

use std::cell::RefCell;
use std::ops::Deref;
use std::rc::Rc;

use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;

use super::controls::{ModalDialog, NumberField};
use super::perf;
use super::state::{UiAction, use_dispatch, use_lang, use_part, use_ui_dispatch};
use crate::app::i18n::catalogue as m;
use crate::app::import::declare_missing;
use crate::app::import::missing_value_candidates;
use crate::app::import::step::{ImportAction, ImportStep, MappingEdit};
use crate::app::parts::Shared;
use crate::app::state::Action;
use crate::engine::model::Prepared;
use examples::ExamplePicker;
use mapping::FileMappingForm;
use reading::{Wanted, read_files, start_build};

/// The import step as a Yew reducer.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Import(ImportStep);

impl Reducible for Import {
    type Action = ImportAction;

    fn reduce(self: Rc<Self>, action: ImportAction) -> Rc<Self> {
        Rc::new(Import(self.0.apply(action)))
    }
}

impl Deref for Import {
    type Target = ImportStep;

    fn deref(&self) -> &ImportStep {
        &self.0
    }
}

/// Which reads and which build are still wanted: a cancel (or a newer build) makes one that
/// is running stop unused.
#[derive(Clone)]
struct Runs {
    reads: Rc<RefCell<u32>>,
    build: Rc<RefCell<u32>>,
}

#[component]
pub fn DataPanel() -> Html {
    // What it shows changes with new data or a new suppression threshold, not with weights.
    let shown = use_part(|e| e.app.as_ref().ok().map(|a| (Shared(a.data.clone()), Shared(a.current.prepared.clone()), a.suppress_below)));
    let lang = use_lang();
    perf::rendered("DataPanel");
    let dispatch = use_dispatch();
    let ui = use_ui_dispatch();
    let import = use_reducer(Import::default);
    let runs = Runs { reads: use_mut_ref(|| 0u32), build: use_mut_ref(|| 0u32) };
    let Some((data, prepared, suppress_below)) = shown else { return html! {} };

    let on_pick = {
        let (import, reads) = (import.clone(), runs.reads.clone());
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if let Some(list) = input.files() {
                read_files(list, import.clone(), Wanted::current(&reads));
            }
            input.set_value("");
        })
    };
    let on_drop = {
        let (import, reads) = (import.clone(), runs.reads.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(list) = e.data_transfer().and_then(|d| d.files()) {
                read_files(list, import.clone(), Wanted::current(&reads));
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let on_cancel_reading = {
        let (import, reads) = (import.clone(), runs.reads.clone());
        Callback::from(move |_: MouseEvent| {
            *reads.borrow_mut() += 1;
            import.dispatch(ImportAction::CancelReading);
        })
    };

    html! {
        <section class="panel" aria-labelledby="data-heading" data-testid="data-panel">
            <h2 id="data-heading">{ lang.t(m::YOUR_DATA) }</h2>
            <p class="privacy-note" data-testid="privacy-note">
                { lang.t(m::DATA_PRIVACY) }
            </p>
            <ExamplePicker synthetic={data.synthetic} />
            <div class="dropzone" ondragover={on_drag_over} ondrop={on_drop} data-testid="dropzone">
                <input id="file-input" class="visually-hidden" type="file" multiple=true accept=".csv,.tsv,.txt,.xlsx,.xlsm,.xls,.ods,.geojson,.json,text/csv,text/tab-separated-values,application/geo+json" data-testid="file-input" onchange={on_pick} aria-describedby="files-in-use" />
                <label for="file-input">{ lang.t(m::CHOOSE_FILES) }</label>
                <span class="hint">{ lang.t(m::DROP_HINT) }</span>
                // The native picker's own "No file chosen" is hidden: say which files are in use.
                <span class="file-held" id="files-in-use" data-testid="files-in-use">
                    if data.synthetic { { lang.t(m::DEMO_IN_USE) } } else { { lang.fill(m::FILES_IN_USE, &[("names", &data.label)]) } }
                </span>
            </div>
            { for import.reading.iter().map(|r| html! {
                <div class="progress" data-testid="read-progress">
                    <label>{ lang.fill(m::READING, &[("name", &r.name)]) }
                        <progress max={r.total.max(1.0).to_string()} value={r.done.to_string()}></progress>
                    </label>
                </div>
            }) }
            // Cancel from the first byte: what the app shows stays as it was.
            if !import.reading.is_empty() {
                <button type="button" data-testid="cancel-reading" onclick={on_cancel_reading}>{ lang.t(m::CANCEL) }</button>
            }
            if import.is_open() {
                <ImportDialog import={import.clone()} runs={runs.clone()} />
            } else {
                <FilesNotUsed import={import.clone()} runs={runs.clone()} />
            }
            <DataNotes prepared={prepared.clone()} />
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
struct ImportProps {
    import: UseReducerHandle<Import>,
    runs: Runs,
}

impl PartialEq for ImportProps {
    fn eq(&self, other: &Self) -> bool {
        self.import == other.import
    }
}

/// The import step over the whole page: a file such as Chicago's has two dozen long column
/// names, which a side column cannot show.
#[component]
fn ImportDialog(props: &ImportProps) -> Html {
    let lang = use_lang();
    let ui = use_ui_dispatch();
    let import = &props.import;
    let on_use = {
        let (import, ui, build) = (import.clone(), ui.clone(), props.runs.build.clone());
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
            start_build(files, &build, import.clone(), ui.clone());
        })
    };
    let edit = |i: usize| {
        let import = import.clone();
        Callback::from(move |f: MappingEdit| import.dispatch(ImportAction::Edit(i, f)))
    };
    let on_cancel = {
        let (import, build) = (import.clone(), props.runs.build.clone());
        Callback::from(move |()| {
            *build.borrow_mut() += 1;
            import.dispatch(ImportAction::Clear);
        })
    };
    html! {
        <ModalDialog labelled_by="import-step-heading" testid="import-step" class="import-step" on_cancel={on_cancel.clone()}>
            <h2 id="import-step-heading">{ lang.t(m::CHECK_FILES) }</h2>
            <p class="hint">{ lang.t(m::CHECK_FILES_HINT) }</p>
            <FilesNotUsed import={import.clone()} runs={props.runs.clone()} />
            { for import.files.iter().enumerate().map(|(i, file)| html! { <FileMappingForm file={file.clone()} index={i} on_edit={edit(i)} /> }) }
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
}

/// Files that could not be read, or why the confirmed files could not be used, with a button
/// to read a text as missing where a number belongs (remembered with the file's mapping) and
/// use the files again.
#[component]
fn FilesNotUsed(props: &ImportProps) -> Html {
    let lang = use_lang();
    let ui = use_ui_dispatch();
    let import = &props.import;
    if !import.has_problems() {
        return html! {};
    }
    let declare = |file: String, value: String| {
        let (import, ui, build) = (import.clone(), ui.clone(), props.runs.build.clone());
        Callback::from(move |_: MouseEvent| {
            let mut files = import.files.clone();
            if !declare_missing(&mut files, &file, &value) {
                return;
            }
            import.dispatch(ImportAction::Declared(files.clone()));
            start_build(files, &build, import.clone(), ui.clone());
        })
    };
    let candidates = import.build_error.as_ref().map(missing_value_candidates).unwrap_or_default();
    html! {
        <div class="error" role="alert" data-testid="import-errors">
            <div>
                <p>{ lang.t(m::FILES_NOT_USED) }</p>
                <ul>
                    { for import.refused.iter().map(|e| html! { <li>{ e.words(lang) }</li> }) }
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
}

#[derive(Properties, PartialEq)]
struct DataNotesProps {
    prepared: Shared<Prepared>,
}

/// What a person should know about the data in use: the rows left out of scoring and how
/// values were read (estimates read as their bound, texts read as missing).
#[component]
fn DataNotes(props: &DataNotesProps) -> Html {
    let lang = use_lang();
    let (exclusions, notes) = (props.prepared.0.exclusions(), props.prepared.0.notes());
    html! {
        <>
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
        </>
    }
}
