//! "Save, share, export": results as CSV, a printable ranking, the scenario as a JSON file, a
//! share link (the scenario in the URL fragment, which no server sees), and scenarios saved by
//! name in this browser. Only formulas and settings are ever saved or shared, never data.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::browser::{download, now_iso, read_file, set_fragment, slug, storage, storage_entries, today};
use super::perf;
use super::state::{Notice, Screen, Store, UiAction, use_lang, use_part, use_store, use_ui_dispatch};
use crate::app::i18n::catalogue as m;
use crate::app::file_refusal::FileRefusal;
use crate::app::notice::ScenarioSource;
use crate::app::scenario::{STORAGE_PREFIX, SavedScenario, Scenario};
use crate::app::state::AppState;
use crate::engine::compare::compare;
use crate::engine::export::{areas_csv, schools_csv};

#[component]
pub fn ScenarioPanel() -> Html {
    // It shows no result: a slider step does not redraw it; its buttons read the state when
    // pressed.
    let has_schools = use_part(|e| e.app.as_ref().ok().map(|a| a.data.schools().is_some()));
    let lang = use_lang();
    perf::rendered("ScenarioPanel");
    let Some(has_schools) = has_schools else { return html! {} };
    html! {
        <section class="panel" aria-labelledby="scenario-heading" data-testid="scenario-panel">
            <h2 id="scenario-heading">{ lang.t(m::SAVE_SHARE_EXPORT) }</h2>
            <ResultsExport {has_schools} />
            <ScenarioFile />
            <ShareLink />
            <SavedScenarios />
        </section>
    }
}

/// The state when a button is pressed, and the start of the file names it writes.
fn at_press(store: &Store) -> Option<(AppState, String, String)> {
    store.latest_whole_app().map(|app| {
        let stem = slug(&app.current.formula.name);
        (app, stem, today())
    })
}

#[derive(Properties, PartialEq)]
struct ResultsExportProps {
    has_schools: bool,
}

/// The results as CSV files, and the printable ranking.
#[component]
fn ResultsExport(props: &ResultsExportProps) -> Html {
    let (lang, store, ui) = (use_lang(), use_store(), use_ui_dispatch());
    let export_csv = |schools: bool| {
        let (store, ui) = (store.clone(), ui.clone());
        Callback::from(move |_| {
            let Some((app, stem, date)) = at_press(&store) else { return };
            let comparison = compare(&app.baseline.evaluation, &app.current.evaluation).ok();
            let baseline = comparison.as_ref().map(|c| (&*app.baseline.evaluation, c));
            let (text, what) = match (schools, app.data.schools()) {
                (true, Some(s)) => (schools_csv(s, &app.current.evaluation, baseline, app.suppression()), "schools"),
                _ => (areas_csv(&app.current.prepared, &app.current.formula, &app.current.evaluation, baseline), "areas"),
            };
            if download(&format!("{stem}-{what}-{date}.csv"), "text/csv", text.as_bytes()).is_err() {
                ui.emit(UiAction::Notify(Notice::DownloadFailed));
            }
        })
    };
    html! {
        <>
            <h3>{ lang.t(m::RESULTS) }</h3>
            <div class="buttons">
                if props.has_schools {
                    <button type="button" data-testid="export-schools-csv" onclick={export_csv(true)}>{ lang.t(m::SCHOOLS_CSV) }</button>
                }
                <button type="button" data-testid="export-areas-csv" onclick={export_csv(false)}>{ lang.t(m::AREAS_CSV) }</button>
                <button type="button" data-testid="printable" onclick={ui.reform(|_| UiAction::Show(Screen::Printable))}>{ lang.t(m::PRINTABLE_RANKING) }</button>
            </div>
        </>
    }
}

/// The scenario as a file: downloaded, or opened (with why a file was not, beside its picker).
#[component]
fn ScenarioFile() -> Html {
    let (lang, store, ui) = (use_lang(), use_store(), use_ui_dispatch());
    // The scenario file opened last, named beside its picker (the picker itself is cleared).
    let opened = use_state(|| None::<String>);
    let export_scenario = {
        let (store, ui) = (store.clone(), ui.clone());
        Callback::from(move |_| {
            let Some((app, stem, date)) = at_press(&store) else { return };
            if download(&format!("{stem}-scenario-{date}.json"), "application/json", app.to_scenario().to_json().as_bytes()).is_err() {
                ui.emit(UiAction::Notify(Notice::DownloadFailed));
            }
        })
    };
    // Why the scenario file chosen last was not opened: shown beside its picker, worded when
    // drawn.
    let refused = use_state_eq(|| None::<FileRefusal>);
    let open_scenario = {
        let (ui, opened, refused) = (ui.clone(), opened.clone(), refused.clone());
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let Some(file) = input.files().and_then(|l| l.get(0)) else { return };
            input.set_value("");
            refused.set(None);
            let (ui, opened, refused) = (ui.clone(), opened.clone(), refused.clone());
            let file_name = file.name();
            read_file(
                file,
                |_, _| {},
                move |bytes| {
                    let read = bytes.and_then(|b| Scenario::from_json(&file_name, &b).map_err(FileRefusal::File));
                    match read {
                        Ok(scenario) => {
                            opened.set(Some(file_name.clone()));
                            ui.emit(UiAction::OpenScenario { scenario: Box::new(scenario), source: ScenarioSource::File(file_name.clone()) });
                        }
                        Err(why) => refused.set(Some(why)),
                    }
                },
            );
        })
    };
    let refused_ref = use_node_ref();
    super::controls::use_shown_when_set(&refused_ref, refused.is_some());
    html! {
        <>
            <h3>{ lang.t(m::SCENARIO_FILE) }</h3>
            <p class="hint">{ lang.t(m::SCENARIO_FILE_HINT) }</p>
            <div class="buttons">
                <button type="button" data-testid="export-scenario" onclick={export_scenario}>{ lang.t(m::DOWNLOAD_SCENARIO) }</button>
                <input id="scenario-file" class="visually-hidden" type="file" accept=".json,application/json" data-testid="scenario-file" onchange={open_scenario} aria-describedby="scenario-file-held" />
                <label class="button-like" for="scenario-file">{ lang.t(m::OPEN_SCENARIO_FILE) }</label>
            </div>
            <p class="file-held" id="scenario-file-held" data-testid="scenario-file-held">
                { match &*opened {
                    Some(name) => lang.fill(m::FILES_IN_USE, &[("names", name)]),
                    None => lang.t(m::NO_FILE_CHOSEN).to_string(),
                } }
            </p>
            if let Some(why) = &*refused {
                <p class="error" role="alert" data-testid="scenario-problem" ref={refused_ref}>{ lang.fill(m::SCENARIO_NOT_OPENED, &[("problem", &why.words(lang))]) }</p>
            }
        </>
    }
}

/// A share link of the scenario, made on request.
#[component]
fn ShareLink() -> Html {
    let (lang, store) = (use_lang(), use_store());
    let link = use_state(String::new);
    let make_link = {
        let (store, link) = (store.clone(), link.clone());
        Callback::from(move |_| {
            if let Some((app, _, _)) = at_press(&store) {
                link.set(set_fragment(&app.to_scenario().to_fragment()));
            }
        })
    };
    html! {
        <>
            <h3>{ lang.t(m::SHARE_LINK) }</h3>
            <p class="hint">{ lang.t(m::SHARE_LINK_HINT) }</p>
            <div class="buttons">
                <button type="button" data-testid="make-link" onclick={make_link}>{ lang.t(m::MAKE_SHARE_LINK) }</button>
            </div>
            if !link.is_empty() {
                <div class="field">
                    <label for="share-link">{ lang.t(m::COPY_THIS_LINK) }</label>
                    <input id="share-link" type="text" readonly=true value={(*link).clone()} data-testid="share-link" />
                </div>
            }
        </>
    }
}

/// Scenarios saved by name in this browser: saved, restored, deleted.
#[component]
fn SavedScenarios() -> Html {
    let (lang, store, ui) = (use_lang(), use_store(), use_ui_dispatch());
    let name = use_state(String::new);
    // Bumped after a save or delete, so the list is read again from storage.
    let refresh = use_state(|| 0u32);
    let saved = use_memo(*refresh, |_| {
        storage_entries(STORAGE_PREFIX).into_iter().map(|(k, v)| SavedScenario::from_storage(&k, &v)).collect::<Vec<_>>()
    });
    let save = {
        let (store, ui, name, refresh) = (store.clone(), ui.clone(), name.clone(), refresh.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some((app, _, _)) = at_press(&store) else { return };
            let title = name.trim().to_string();
            if title.is_empty() {
                return ui.emit(UiAction::Notify(Notice::NameToSave));
            }
            let entry = SavedScenario { name: title.clone(), saved_at: now_iso(), scenario: app.to_scenario() };
            match storage().map(|s| s.set_item(&SavedScenario::storage_key(&title), &entry.to_json())) {
                Some(Ok(())) => {
                    name.set(String::new());
                    refresh.set(*refresh + 1);
                    ui.emit(UiAction::Notify(Notice::Saved { name: title.clone() }));
                }
                _ => ui.emit(UiAction::Notify(Notice::SaveRefused)),
            }
        })
    };
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| name.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    html! {
        <>
            <h3>{ lang.t(m::SAVED_IN_BROWSER) }</h3>
            <form class="save-form" onsubmit={save}>
                <div class="field">
                    <label for="save-name">{ lang.t(m::NAME) }</label>
                    <input id="save-name" type="text" value={(*name).clone()} oninput={on_name} data-testid="save-name" maxlength="80" />
                </div>
                <button type="submit" data-testid="save-scenario">{ lang.t(m::SAVE_SCENARIO) }</button>
            </form>
            <ul class="saved" data-testid="saved-list">
                { for saved.iter().map(|entry| match entry {
                    Ok(s) => {
                        let restore = {
                            let (ui, scenario, title) = (ui.clone(), s.scenario.clone(), s.name.clone());
                            Callback::from(move |_| ui.emit(UiAction::OpenScenario { scenario: Box::new(scenario.clone()), source: ScenarioSource::Saved(title.clone()) }))
                        };
                        let delete = {
                            let (key, refresh) = (SavedScenario::storage_key(&s.name), refresh.clone());
                            Callback::from(move |_| {
                                if let Some(st) = storage() {
                                    let _ = st.remove_item(&key);
                                }
                                refresh.set(*refresh + 1);
                            })
                        };
                        html! {
                            <li data-testid="saved-entry" data-name={s.name.clone()}>
                                <span class="saved-name" translate="no">{ s.name.clone() }</span>
                                <span class="hint">{ lang.fill(m::SAVED_AT, &[("when", &s.saved_at.get(..16).unwrap_or(&s.saved_at).replace('T', " "))]) }</span>
                                <button type="button" onclick={restore} aria-label={lang.fill(m::RESTORE_NAMED, &[("name", &s.name)])} data-testid="restore">{ lang.t(m::RESTORE) }</button>
                                <button type="button" onclick={delete} aria-label={lang.fill(m::DELETE_NAMED, &[("name", &s.name)])}>{ lang.t(m::DELETE) }</button>
                            </li>
                        }
                    }
                    Err(problem) => html! { <li class="problem" data-testid="saved-problem">{ lang.error(problem) }</li> },
                }) }
            </ul>
        </>
    }
}
