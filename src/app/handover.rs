//! What the page's first module hands to the whole page when it takes over.
//!
//! The page loads in two parts: a first module with the weights, the ranking and the money
//! (what a person needs before anything else), and the whole page (every panel), loaded when
//! the person first goes past them. The whole page then takes over with the same screen: the
//! language, the scenario (both formulas, the allocation, the ranking order and the
//! stability settings), the privacy threshold, a shared scenario still waiting for data, the
//! message on the screen, and where the person was going. The data needs no handing over:
//! the first module only ever shows the demo district, which both build the same way (loading
//! other data is one of the whole page's panels).

use serde::{Deserialize, Serialize};

use crate::app::i18n::Lang;
use crate::app::notice::{Notice, ScenarioSource};
use crate::app::scenario::Scenario;
use crate::app::state::AppState;
use crate::engine::Result;

/// Where the person was going when the whole page was asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Destination {
    /// Nowhere in particular (a panel scrolled near the screen): the view stays where it is.
    Stay,
    /// A section of the page, by its element's id (the bar of sections was used).
    Section(String),
    /// Presenter mode (its button is in the page's header).
    Presenter,
}

impl Destination {
    /// Whether `next` should replace this destination: a place asked for by name is not
    /// forgotten because a panel then scrolled into view on the way to it.
    pub fn yields_to(&self, next: &Destination) -> bool {
        *self == Destination::Stay || *next != Destination::Stay
    }
}

/// Everything the whole page needs to show what the first module showed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Handover {
    /// The language's code (`en`, `es`).
    pub lang: String,
    pub scenario: Scenario,
    pub suppress_below: u32,
    /// A shared scenario waiting for data that has its columns.
    pub pending: Option<Scenario>,
    pub notice: Option<HandedNotice>,
    pub destination: Destination,
}

/// The message on the screen, as handed over: which of the first module's messages it is. A
/// message with an error says which it was, and the whole page works the error out again from
/// what it was about (the share link in the address, the scenario waiting): errors stay typed
/// without the first module carrying a writer for every kind of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum HandedNotice {
    /// A scenario was opened.
    OpenedScenario { source: ScenarioSource },
    /// The share link in the address could not be read.
    LinkUnreadable,
    /// The scenario waiting ([`Handover::pending`]) does not fit the data.
    ScenarioWaits { source: ScenarioSource },
}

impl HandedNotice {
    /// How `notice` is handed over; `None` for the whole page's own messages (the first module
    /// never shows them: they come from the panels only the whole page has).
    fn of(notice: Notice) -> Option<HandedNotice> {
        match notice {
            Notice::OpenedScenario { source } => Some(HandedNotice::OpenedScenario { source }),
            Notice::LinkUnreadable(_) => Some(HandedNotice::LinkUnreadable),
            Notice::ScenarioWaits { source, .. } => Some(HandedNotice::ScenarioWaits { source }),
            _ => None,
        }
    }
}

impl Handover {
    /// The handover of this screen.
    pub fn of(app: &AppState, lang: Lang, pending: Option<Scenario>, notice: Option<Notice>, destination: Destination) -> Handover {
        Handover {
            lang: lang.code().to_owned(),
            scenario: app.to_scenario(),
            suppress_below: app.suppress_below,
            pending,
            notice: notice.and_then(HandedNotice::of),
            destination,
        }
    }

    /// The message handed over, its error worked out again: `link` is the address's share
    /// link, `restored` the state the whole page starts with.
    pub fn notice(&self, link: &str, restored: &AppState) -> Option<Notice> {
        match self.notice.clone()? {
            HandedNotice::OpenedScenario { source } => Some(Notice::OpenedScenario { source }),
            HandedNotice::LinkUnreadable => Scenario::from_fragment(link).err().map(Notice::LinkUnreadable),
            HandedNotice::ScenarioWaits { source } => {
                let problem = restored.with_scenario(self.pending.as_ref()?).err()?;
                Some(Notice::ScenarioWaits { source, problem })
            }
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a handover; `None` for anything else (the whole page then starts afresh).
    pub fn from_json(text: &str) -> Option<Handover> {
        serde_json::from_str(text).ok()
    }

    /// The language handed over (English if the code is unknown).
    pub fn language(&self) -> Lang {
        Lang::from_code(&self.lang).unwrap_or_default()
    }

    /// `fresh` (the demo district as the whole page starts on it) with the handed-over
    /// scenario and threshold.
    ///
    /// # Errors
    /// The scenario does not fit the data; it always does when both modules run the same
    /// demo, so the caller says so and keeps `fresh`.
    pub fn restore(&self, fresh: &AppState) -> Result<AppState> {
        let restored = fresh.with_scenario(&self.scenario)?;
        Ok(AppState { suppress_below: self.suppress_below, ..restored })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::{Action, LoadedData};
    use crate::engine::EngineError;
    use crate::engine::formula::TierMethod;
    use crate::engine::model::RankBy;

    fn demo() -> AppState {
        AppState::new(LoadedData::demo().unwrap(), None).unwrap()
    }

    #[test]
    fn the_whole_page_shows_what_the_first_module_showed() {
        let first = demo()
            .apply(Action::SetWeight(0, 0.9))
            .apply(Action::SetBaseline)
            .apply(Action::SetWeight(2, 0.05))
            .apply(Action::SetTierCount(3))
            .apply(Action::SetTierMethod(TierMethod::EqualCount))
            .apply(Action::SetRankBy(RankBy::MeanScore))
            .apply(Action::SetPool(2_500_000.0))
            .apply(Action::SetSuppression(5));
        let notice = Some(Notice::OpenedScenario { source: ScenarioSource::ShareLink });
        let handover = Handover::of(&first, Lang::Es, None, notice, Destination::Section("map-section".into()));
        let read = Handover::from_json(&handover.to_json()).expect("a handover reads back");
        assert_eq!(read, handover);
        assert_eq!(read.language(), Lang::Es);

        let whole = read.restore(&demo()).unwrap();
        assert_eq!(whole.current.formula, first.current.formula);
        assert_eq!(whole.baseline.formula, first.baseline.formula);
        assert_eq!(whole.current.allocation, first.current.allocation);
        assert_eq!(whole.suppress_below, 5);
        assert_eq!(whole.current.evaluation, first.current.evaluation);
        assert_eq!(whole.baseline.evaluation, first.baseline.evaluation);
        assert_eq!(whole.comparison, first.comparison);
        assert_ne!(whole.current.evaluation, demo().current.evaluation, "the handed-over formula is not the starting one");
    }

    #[test]
    fn a_place_asked_for_is_not_replaced_by_a_panel_scrolled_past() {
        let map = Destination::Section("map-section".into());
        assert!(Destination::Stay.yields_to(&map));
        assert!(!map.yields_to(&Destination::Stay));
        assert!(map.yields_to(&Destination::Presenter));
    }

    #[test]
    fn a_message_with_an_error_is_handed_over_and_its_error_worked_out_again() {
        let first = demo();
        let damaged = "#scenario=%7B%ZZ";
        let unreadable = Notice::LinkUnreadable(Scenario::from_fragment(damaged).unwrap_err());
        let handover = Handover::of(&first, Lang::Es, None, Some(unreadable.clone()), Destination::Stay);
        let read = Handover::from_json(&handover.to_json()).unwrap();
        assert_eq!(read.notice, Some(HandedNotice::LinkUnreadable));
        assert_eq!(read.notice(damaged, &read.restore(&demo()).unwrap()), Some(unreadable));

        let mut formula = first.current.formula.clone();
        formula.indicators[0].column = "not_in_the_demo".into();
        let waiting = first.to_scenario();
        let waiting = Scenario { formula, ..waiting };
        let problem = first.with_scenario(&waiting).unwrap_err();
        let notice = Notice::ScenarioWaits { source: ScenarioSource::ShareLink, problem };
        let handover = Handover::of(&first, Lang::Es, Some(waiting), Some(notice.clone()), Destination::Stay);
        let read = Handover::from_json(&handover.to_json()).unwrap();
        assert_eq!(read.notice(damaged, &read.restore(&demo()).unwrap()), Some(notice));

        // The whole page's own messages are not handed over.
        let forgotten = Handover::of(&first, Lang::Es, None, Some(Notice::MapUnchanged(EngineError::LinkDamaged)), Destination::Stay);
        assert_eq!(forgotten.notice, None);
        let opened =
            Handover::of(&first, Lang::Es, None, Some(Notice::OpenedScenario { source: ScenarioSource::ShareLink }), Destination::Stay);
        let read = Handover::from_json(&opened.to_json()).unwrap();
        assert_eq!(read.notice(damaged, &first), Some(Notice::OpenedScenario { source: ScenarioSource::ShareLink }));
    }

    #[test]
    fn anything_but_a_handover_is_refused() {
        assert_eq!(Handover::from_json("{}"), None);
        assert_eq!(Handover::from_json("not json"), None);
    }
}
