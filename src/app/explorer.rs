//! The page's state and every change to it, as plain Rust tested natively: the app's state
//! ([`AppState`], or why it could not start), a shared scenario waiting for data, the message
//! at the top, the language, the selected school or area, the areas marked on the map, and
//! which screen is shown (the explorer, presenter mode or the printable page). The page's
//! one reducer (`ui::state`) applies [`Explorer::after`].

use std::rc::Rc;

use crate::app::detail::Selected;
use crate::app::handover::Handover;
use crate::app::i18n::Lang;
use crate::app::notice::{LoadReport, Notice, ScenarioSource, SharedScenario};
use crate::app::scenario::Scenario;
use crate::app::state::{Action, AppState, LoadedData};
use crate::engine::EngineError;
use crate::engine::geometry::Boundaries;

/// What fills the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Screen {
    /// The weights and every section.
    #[default]
    Explorer,
    /// Presenter mode: large type for a room.
    Presenter,
    /// The printable ranking.
    Printable,
}

/// The reducer's state.
#[derive(Debug, Clone, PartialEq)]
pub struct Explorer {
    pub app: Result<AppState, EngineError>,
    /// A shared scenario waiting for data that has its columns.
    pub pending: Option<Scenario>,
    pub notice: Option<Notice>,
    /// The language every view is written in; changing it changes nothing else.
    pub lang: Lang,
    /// Counts the states: each new one has the next number, so telling two apart never needs
    /// comparing them.
    pub generation: u64,
    /// Areas marked on the map (the fit's mismatches), in increasing order, for the data they
    /// were found on.
    pub marked: Rc<Vec<usize>>,
    /// The school or area whose detail is shown, in the data it was chosen in.
    pub selected: Option<Selected>,
    pub screen: Screen,
}

/// Every change to the page's state beyond the formula's own ([`Action`]).
#[derive(Debug, Clone, PartialEq)]
pub enum UiAction {
    App(Action),
    /// New data, already checked by the import panel.
    Load(Box<AppState>),
    /// A scenario from a file, a share link or storage; `source` names it in messages.
    OpenScenario {
        scenario: Box<Scenario>,
        source: ScenarioSource,
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
    /// Mark these areas on the map (none: clear the marks).
    MarkAreas(Vec<usize>),
    SetLanguage(Lang),
    /// Show a school's or an area's detail (none: close it).
    Select(Option<Selected>),
    Show(Screen),
}

impl Explorer {
    /// Opens on the synthetic demo district.
    pub fn demo(lang: Lang) -> Explorer {
        // The page's first module has no map to draw the demo's boundaries on.
        #[cfg(feature = "whole-page")]
        let demo = LoadedData::demo();
        #[cfg(not(feature = "whole-page"))]
        let demo = LoadedData::demo_without_map();
        let app = demo.and_then(|d| AppState::new(d, None));
        Explorer { app, pending: None, notice: None, lang, generation: 0, marked: Rc::default(), selected: None, screen: Screen::Explorer }
    }

    /// The whole page's state when it takes over from the first module: the demo district
    /// with the scenario, messages and language handed over (`link`: the address's share
    /// link, which a message may be about).
    pub fn taking_over(handover: &Handover, link: &str) -> Explorer {
        let lang = handover.language();
        let fresh = Explorer::demo(lang);
        let Ok(app) = &fresh.app else { return fresh };
        match handover.restore(app) {
            Ok(restored) => {
                let notice = handover.notice(link, &restored);
                Explorer { app: Ok(restored), pending: handover.pending.clone(), notice, ..fresh }
            }
            Err(e) => Explorer { notice: Some(Notice::WholePageStartedAfresh(e)), ..fresh },
        }
    }

    /// The next state with this app, scenario waiting and notice. What was found on or chosen
    /// in the data (marks, the selection) goes with it when the data changes.
    fn with(&self, app: AppState, pending: Option<Scenario>, notice: Option<Notice>) -> Explorer {
        let same_data = self.app.as_ref().is_ok_and(|old| Rc::ptr_eq(&old.data, &app.data));
        Explorer {
            app: Ok(app),
            pending,
            notice,
            generation: self.generation + 1,
            marked: if same_data { Rc::clone(&self.marked) } else { Rc::default() },
            selected: if same_data { self.selected } else { None },
            // Named, not copied from `self`: a step must not clone the state it replaces.
            lang: self.lang,
            screen: self.screen,
        }
    }

    /// The next state with only view settings changed.
    fn viewing(&self, change: impl FnOnce(&mut Explorer)) -> Explorer {
        let mut next = Explorer { generation: self.generation + 1, ..self.clone() };
        change(&mut next);
        next
    }

    /// The state after `action`; `None` when nothing changed (the views need not redraw).
    pub fn after(&self, action: UiAction) -> Option<Explorer> {
        match action {
            UiAction::SetLanguage(lang) => return Some(self.viewing(|e| e.lang = lang)),
            UiAction::Select(selected) if selected == self.selected => return None,
            UiAction::Select(selected) => return Some(self.viewing(|e| e.selected = selected)),
            UiAction::Show(screen) if screen == self.screen => return None,
            UiAction::Show(screen) => return Some(self.viewing(|e| e.screen = screen)),
            UiAction::MarkAreas(mut areas) => {
                // Kept in order: the map looks each of its areas up by binary search.
                areas.sort_unstable();
                areas.dedup();
                return Some(self.viewing(|e| e.marked = Rc::new(areas)));
            }
            _ => {}
        }
        let app = self.app.as_ref().ok()?;
        Some(match action {
            UiAction::App(Action::CatchUpSchools) if !app.schools_behind => return None,
            UiAction::App(action) => self.with(app.apply(action), self.pending.clone(), self.notice.clone()),
            UiAction::Load(loaded) => self.loaded(*loaded),
            UiAction::OpenScenario { scenario, source } => match app.with_scenario(&scenario) {
                Ok(restored) => self.with(restored, None, Some(Notice::OpenedScenario { source })),
                Err(problem) => self.with(app.clone(), Some(*scenario), Some(Notice::ScenarioWaits { source, problem })),
            },
            UiAction::SetBoundaries { boundaries, id_property } => match app.with_boundaries(*boundaries, id_property.as_deref()) {
                Ok(next) => {
                    let notice = next.data.map.as_ref().map(|m| Notice::MapMatched(Box::new(m.match_report(next.current.prepared.ids()))));
                    self.with(next, self.pending.clone(), notice)
                }
                Err(e) => self.with(app.clone(), self.pending.clone(), Some(Notice::MapUnchanged(e))),
            },
            UiAction::ForgetData => {
                let fresh = Explorer::demo(self.lang);
                Explorer { notice: Some(Notice::DataForgotten), generation: self.generation + 1, screen: self.screen, ..fresh }
            }
            UiAction::DropPending => self.with(app.clone(), None, None),
            UiAction::Notify(notice) => self.with(app.clone(), self.pending.clone(), Some(notice)),
            UiAction::DismissNotice => self.with(app.clone(), self.pending.clone(), None),
            UiAction::SetLanguage(_) | UiAction::Select(_) | UiAction::Show(_) | UiAction::MarkAreas(_) => return None,
        })
    }

    /// New data in use, with what it brought in said; a shared scenario that waited for it is
    /// applied now if it fits.
    fn loaded(&self, loaded: AppState) -> Explorer {
        let map = loaded.data.map.as_ref().filter(|_| !loaded.data.synthetic).map(|m| m.match_report(loaded.current.prepared.ids()));
        let report = LoadReport {
            label: loaded.data.label.clone(),
            areas: loaded.data.dataset.areas.len(),
            schools: loaded.data.schools().map(|s| s.len()),
            excluded: loaded.current.prepared.exclusions().len(),
            map,
            shared: SharedScenario::NoneWaiting,
        };
        let (state, pending, shared) = match self.pending.as_ref().map(|s| loaded.with_scenario(s)) {
            Some(Ok(restored)) => (restored, None, SharedScenario::Applied),
            Some(Err(e)) => (loaded, self.pending.clone(), SharedScenario::StillUnfit(e)),
            None => (loaded, None, SharedScenario::NoneWaiting),
        };
        self.with(state, pending, Some(Notice::Loaded(Box::new(LoadReport { shared, ..report }))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::scenario::Pinned;
    use crate::engine::allocation::AllocationSettings;
    use crate::engine::model::RankBy;

    fn demo() -> Explorer {
        Explorer::demo(Lang::En)
    }

    fn after(e: &Explorer, action: UiAction) -> Explorer {
        e.after(action).expect("the action changes the state")
    }

    #[test]
    fn a_selection_and_a_screen_are_the_pages_state_and_unchanged_ones_redraw_nothing() {
        let e = demo();
        let selected = after(&e, UiAction::Select(Some(Selected::School(3))));
        assert_eq!(selected.selected, Some(Selected::School(3)));
        assert_eq!(selected.generation, e.generation + 1);
        assert_eq!(selected.after(UiAction::Select(Some(Selected::School(3)))), None, "the same selection again redraws nothing");
        let presenting = after(&selected, UiAction::Show(Screen::Presenter));
        assert_eq!(presenting.screen, Screen::Presenter);
        assert_eq!(presenting.selected, Some(Selected::School(3)), "the selection stays behind presenter mode");
        assert_eq!(presenting.after(UiAction::Show(Screen::Presenter)), None);
        let back = after(&presenting, UiAction::Show(Screen::Explorer));
        assert_eq!(back.screen, Screen::Explorer);
    }

    #[test]
    fn the_selection_and_the_marks_belong_to_the_data_they_were_made_in() {
        let e = after(&after(&demo(), UiAction::Select(Some(Selected::Area(5)))), UiAction::MarkAreas(vec![9, 2, 9]));
        assert_eq!(*e.marked, [2, 9], "in order, once each");
        let stepped = after(&e, UiAction::App(Action::SetWeight(0, 0.9)));
        assert_eq!(stepped.selected, Some(Selected::Area(5)), "a weight changes nothing chosen");
        assert_eq!(*stepped.marked, [2, 9]);
        let forgotten = after(&stepped, UiAction::ForgetData);
        assert_eq!(forgotten.selected, None);
        assert!(forgotten.marked.is_empty());
        assert_eq!(forgotten.notice, Some(Notice::DataForgotten));
    }

    #[test]
    fn a_scenario_that_does_not_fit_waits_for_data_and_says_why() {
        let e = demo();
        let app = e.app.as_ref().unwrap();
        let mut formula = app.current.formula.clone();
        formula.indicators[0].column = "not_in_the_demo".into();
        let pinned = Pinned { formula: formula.clone(), allocation: AllocationSettings::default() };
        let scenario = Scenario::new(formula, AllocationSettings::default(), RankBy::default(), pinned);
        let waiting =
            after(&e, UiAction::OpenScenario { scenario: Box::new(scenario.clone()), source: ScenarioSource::File("plan.json".into()) });
        assert_eq!(waiting.pending, Some(scenario));
        assert!(matches!(&waiting.notice, Some(Notice::ScenarioWaits { source: ScenarioSource::File(f), .. }) if f == "plan.json"));
        assert_eq!(waiting.app, e.app, "the data and formula shown stay");
        let dropped = after(&waiting, UiAction::DropPending);
        assert_eq!((dropped.pending, dropped.notice), (None, None));
    }

    #[test]
    fn a_language_switch_changes_the_language_alone() {
        let e = after(&demo(), UiAction::Notify(Notice::Saved { name: "Plan B".into() }));
        let es = after(&e, UiAction::SetLanguage(Lang::Es));
        assert_eq!(es.lang, Lang::Es);
        assert_eq!((&es.app, &es.notice), (&e.app, &e.notice), "the notice is kept typed, to be worded in Spanish");
        assert_eq!(es.notice.as_ref().unwrap().words(Lang::Es), "Se guardó \"Plan B\" en este navegador (solo fórmulas y ajustes).");
    }

    #[test]
    fn schools_already_caught_up_redraw_nothing() {
        assert_eq!(demo().after(UiAction::App(Action::CatchUpSchools)), None);
    }
}
