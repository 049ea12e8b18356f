//! The one place the app's state lives: [`Explorer`] wraps [`AppState`] as a Yew reducer,
//! provided to every component by context. Components dispatch actions; nothing else changes
//! state.

use std::rc::Rc;

use yew::prelude::*;

use super::perf;
use crate::app::i18n::{Lang, catalogue as m};
use crate::app::scenario::Scenario;
use crate::app::state::{Action, AppState, LoadedData};
use crate::engine::geometry::Boundaries;

/// A message for the person, shown until dismissed.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// True for a problem (shown as an alert), false for information.
    pub problem: bool,
    pub text: String,
}

/// The reducer's state: the app (or why it could not start), a shared scenario waiting for
/// data that has its columns, and a notice.
#[derive(Debug, PartialEq)]
pub struct Explorer {
    pub app: Result<AppState, String>,
    pub pending: Option<Scenario>,
    pub notice: Option<Notice>,
    /// The language every view is written in; changing it changes nothing else.
    pub lang: Lang,
}

/// Changes beyond the formula: loading data, opening scenarios, forgetting data.
#[derive(Debug, Clone, PartialEq)]
pub enum UiAction {
    App(Action),
    /// New data, already checked by the import panel.
    Load(Box<AppState>),
    /// A scenario from a file, a share link or storage; `source` names it in messages.
    OpenScenario {
        scenario: Box<Scenario>,
        source: String,
    },
    /// Boundaries for the map, matched to the data by a property (guessed when `None`).
    SetBoundaries {
        boundaries: Box<Boundaries>,
        id_property: Option<String>,
    },
    /// Drop imported data from memory and go back to the demo district.
    ForgetData,
    /// Give up on a shared scenario the data cannot take.
    DropPending,
    /// Show a message.
    Notify(Notice),
    DismissNotice,
    SetLanguage(Lang),
}

fn info(text: String) -> Option<Notice> {
    Some(Notice { problem: false, text })
}

fn problem(text: String) -> Option<Notice> {
    Some(Notice { problem: true, text })
}

impl Explorer {
    /// Opens on the synthetic demo district.
    pub fn demo(lang: Lang) -> Explorer {
        let app = LoadedData::demo().and_then(|d| AppState::new(d, None)).map_err(|e| e.to_string());
        Explorer { app, pending: None, notice: None, lang }
    }

    fn with(self: &Rc<Self>, app: AppState, pending: Option<Scenario>, notice: Option<Notice>) -> Rc<Self> {
        Rc::new(Explorer { app: Ok(app), pending, notice, lang: self.lang })
    }
}

impl Reducible for Explorer {
    type Action = UiAction;

    fn reduce(self: Rc<Self>, action: UiAction) -> Rc<Self> {
        if let UiAction::SetLanguage(lang) = action {
            return Rc::new(Explorer { app: self.app.clone(), pending: self.pending.clone(), notice: self.notice.clone(), lang });
        }
        let Ok(app) = &self.app else { return self };
        match action {
            UiAction::App(action) => {
                perf::mark("ses:recompute-start");
                let next = app.apply(action);
                perf::measure("ses:recompute", "ses:recompute-start");
                perf::clear_mark("ses:recompute-start");
                self.with(next, self.pending.clone(), self.notice.clone())
            }
            UiAction::Load(loaded) => {
                let lang = self.lang;
                let mut text = lang.fill(m::LOADED, &[("label", &loaded.data.label), ("areas", &loaded.data.dataset.areas.len())]);
                if let Some(s) = loaded.data.schools() {
                    text.push_str(&lang.fill(m::LOADED_SCHOOLS, &[("n", &s.len())]));
                }
                let excluded = loaded.current.prepared.exclusions().len();
                if excluded > 0 {
                    text.push_str(&lang.fill(m::LOADED_EXCLUDED, &[("n", &excluded)]));
                }
                text.push('.');
                if let Some(map) = loaded.data.map.as_ref().filter(|_| !loaded.data.synthetic) {
                    text.push(' ');
                    text.push_str(&map.summary(loaded.current.prepared.ids(), lang));
                }
                // A shared scenario that waited for this data is applied now if it fits.
                match self.pending.as_ref().map(|s| loaded.with_scenario(s)) {
                    Some(Ok(restored)) => self.with(restored, None, info(lang.fill(m::SHARED_APPLIED, &[("text", &text)]))),
                    Some(Err(e)) => self.with(
                        *loaded,
                        self.pending.clone(),
                        problem(lang.fill(m::SHARED_STILL_UNFIT, &[("text", &text), ("problem", &lang.error(&e))])),
                    ),
                    None => self.with(*loaded, None, info(text)),
                }
            }
            UiAction::OpenScenario { scenario, source } => match app.with_scenario(&scenario) {
                Ok(restored) => self.with(restored, None, info(self.lang.fill(m::OPENED_SCENARIO, &[("source", &source)]))),
                Err(e) => self.with(
                    app.clone(),
                    Some(*scenario),
                    problem(self.lang.fill(m::SCENARIO_WAITS, &[("source", &source), ("problem", &self.lang.error(&e))])),
                ),
            },
            UiAction::SetBoundaries { boundaries, id_property } => {
                match perf::timed("ses:boundaries-match", || app.with_boundaries(*boundaries, id_property.as_deref())) {
                    Ok(next) => {
                        let text = next.data.map.as_ref().map(|m| m.summary(next.current.prepared.ids(), self.lang)).unwrap_or_default();
                        self.with(next, self.pending.clone(), info(text))
                    }
                    Err(e) => self.with(
                        app.clone(),
                        self.pending.clone(),
                        problem(self.lang.fill(m::MAP_UNCHANGED, &[("problem", &self.lang.error(&e))])),
                    ),
                }
            }
            UiAction::ForgetData => {
                let fresh = Explorer::demo(self.lang);
                Rc::new(Explorer { notice: info(self.lang.t(m::DATA_FORGOTTEN).into()), ..fresh })
            }
            UiAction::DropPending => self.with(app.clone(), None, None),
            UiAction::Notify(notice) => self.with(app.clone(), self.pending.clone(), Some(notice)),
            UiAction::DismissNotice => self.with(app.clone(), self.pending.clone(), None),
            UiAction::SetLanguage(_) => self,
        }
    }
}

/// What components take from context.
pub type ExplorerHandle = UseReducerHandle<Explorer>;

/// The app state and a dispatcher of formula actions, for components below the provider.
#[hook]
pub fn use_explorer() -> (ExplorerHandle, Callback<Action>) {
    let handle = use_context::<ExplorerHandle>().expect("components are rendered inside the ExplorerHandle provider");
    let dispatch = {
        let handle = handle.clone();
        Callback::from(move |a: Action| {
            perf::input_started();
            handle.dispatch(UiAction::App(a))
        })
    };
    (handle, dispatch)
}

/// The language of every view.
#[hook]
pub fn use_lang() -> Lang {
    use_context::<ExplorerHandle>().expect("components are rendered inside the ExplorerHandle provider").lang
}

/// A dispatcher of [`UiAction`]s.
#[hook]
pub fn use_ui_dispatch() -> Callback<UiAction> {
    let handle = use_context::<ExplorerHandle>().expect("components are rendered inside the ExplorerHandle provider");
    Callback::from(move |a: UiAction| handle.dispatch(a))
}
