//! The message at the top of the page: what happened, kept as typed values (counts, names
//! from the data, engine errors) and worded in the page's language each time it is drawn, so
//! a language switch rewords a message already on screen.

use crate::app::i18n::{Lang, Msg, catalogue as m};
use crate::app::map::MapReport;
use crate::app::published::Agreement;
use crate::engine::EngineError;

/// A message for the person, shown until dismissed (handed over with the screen when the
/// whole page takes over: [`crate::app::handover`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Data became the data in use.
    Loaded(Box<LoadReport>),
    /// An example served with the app was opened with its published formula.
    ExampleOpened {
        /// The example's name ([`crate::app::examples::Example::name`]).
        example: Msg,
        areas: usize,
        /// How many areas the formula puts in their published tier, when the example has one.
        agreement: Option<PublishedAgreement>,
    },
    /// Boundaries were matched to the data.
    MapMatched(Box<MapReport>),
    /// Boundaries could not be matched: the map and data stay as they were.
    MapUnchanged(EngineError),
    /// Boundaries chosen with the data do not match it; the data was loaded without them.
    MapDataProblem(EngineError),
    /// A scenario was opened.
    OpenedScenario { source: ScenarioSource },
    /// A scenario cannot be shown on this data; it waits for data that has its columns.
    ScenarioWaits { source: ScenarioSource, problem: EngineError },
    /// The share link in the address could not be read.
    LinkUnreadable(EngineError),
    /// The whole page could not take over the first module's scenario and starts afresh.
    WholePageStartedAfresh(EngineError),
    /// The imported data was dropped from memory.
    DataForgotten,
    /// A scenario was saved in the browser under this name.
    Saved { name: String },
    /// A scenario needs a name to be saved.
    NameToSave,
    /// The browser refused to store a scenario.
    SaveRefused,
    /// The browser did not start a download.
    DownloadFailed,
    /// A chart could not be made into a picture.
    ChartNotSaved,
    /// The map could not be made into a picture.
    MapSaveFailed,
    /// The map has nothing to save (no boundaries drawn).
    MapNothingToSave,
}

/// Where a scenario came from, for the message that it was opened.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ScenarioSource {
    ShareLink,
    /// A scenario file, by its name.
    File(String),
    /// A scenario saved in this browser, by its name.
    Saved(String),
}

/// What a load brought in, for the message after it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadReport {
    /// The files' names ([`crate::app::state::LoadedData::label`]).
    pub label: String,
    pub areas: usize,
    pub schools: Option<usize>,
    /// Rows left out of scoring for missing values.
    pub excluded: usize,
    /// How boundaries loaded with the data matched it.
    pub map: Option<MapReport>,
    /// What became of a shared scenario that waited for data.
    pub shared: SharedScenario,
}

/// A shared scenario that waited for data, once data is loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum SharedScenario {
    /// None was waiting.
    NoneWaiting,
    Applied,
    /// It still does not fit, and why.
    StillUnfit(EngineError),
}

/// How many areas of an example the formula puts in their published tier.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedAgreement {
    pub agreement: Agreement,
    /// The published column's name.
    pub column: String,
    /// Areas without a published tier, not counted.
    pub skipped: usize,
}

impl Notice {
    /// A problem is shown as an alert; anything else as a status.
    pub fn is_problem(&self) -> bool {
        match self {
            Notice::Loaded(report) => matches!(report.shared, SharedScenario::StillUnfit(_)),
            Notice::MapUnchanged(_)
            | Notice::MapDataProblem(_)
            | Notice::ScenarioWaits { .. }
            | Notice::LinkUnreadable(_)
            | Notice::WholePageStartedAfresh(_)
            | Notice::NameToSave
            | Notice::SaveRefused
            | Notice::DownloadFailed
            | Notice::ChartNotSaved
            | Notice::MapSaveFailed
            | Notice::MapNothingToSave => true,
            Notice::ExampleOpened { .. }
            | Notice::MapMatched(_)
            | Notice::OpenedScenario { .. }
            | Notice::DataForgotten
            | Notice::Saved { .. } => false,
        }
    }

    /// The message in `lang`.
    pub fn words(&self, lang: Lang) -> String {
        match self {
            Notice::Loaded(report) => lang.load_report(report),
            Notice::ExampleOpened { example, areas, agreement } => {
                let name = lang.t(*example);
                let agreement = agreement.as_ref().map(|a| lang.published_agreement(a)).unwrap_or_default();
                lang.fill(m::EXAMPLE_OPENED, &[("name", &name), ("areas", areas), ("agreement", &agreement)])
            }
            Notice::MapMatched(report) => lang.map_summary(report),
            Notice::MapUnchanged(e) => lang.fill(m::MAP_UNCHANGED, &[("problem", &lang.error(e))]),
            Notice::MapDataProblem(e) => lang.fill(m::MAP_DATA_PROBLEM, &[("problem", &lang.error(e))]),
            Notice::OpenedScenario { source } => lang.fill(m::OPENED_SCENARIO, &[("source", &lang.scenario_source(source))]),
            Notice::ScenarioWaits { source, problem } => {
                lang.fill(m::SCENARIO_WAITS, &[("source", &lang.scenario_source(source)), ("problem", &lang.error(problem))])
            }
            Notice::LinkUnreadable(e) => lang.fill(m::LINK_UNREADABLE, &[("problem", &lang.error(e))]),
            Notice::WholePageStartedAfresh(e) => lang.fill(m::WHOLE_PAGE_STARTED_AFRESH, &[("problem", &lang.error(e))]),
            Notice::DataForgotten => lang.t(m::DATA_FORGOTTEN).to_owned(),
            Notice::Saved { name } => lang.fill(m::SAVED_NOTICE, &[("name", name)]),
            Notice::NameToSave => lang.t(m::NAME_TO_SAVE).to_owned(),
            Notice::SaveRefused => lang.t(m::SAVE_REFUSED).to_owned(),
            Notice::DownloadFailed => lang.t(m::BROWSER_DOWNLOAD_FAILED).to_owned(),
            Notice::ChartNotSaved => lang.t(m::CHART_NOT_SAVED).to_owned(),
            Notice::MapSaveFailed => lang.t(m::MAP_SAVE_FAILED).to_owned(),
            Notice::MapNothingToSave => lang.t(m::MAP_NOTHING_TO_SAVE).to_owned(),
        }
    }
}

impl Lang {
    /// Where a scenario came from: "the share link", a file's name, "saved scenario "A"".
    pub fn scenario_source(self, source: &ScenarioSource) -> String {
        match source {
            ScenarioSource::ShareLink => self.t(m::FROM_SHARE_LINK).to_owned(),
            ScenarioSource::File(name) => name.clone(),
            ScenarioSource::Saved(name) => self.fill(m::SAVED_SCENARIO_SOURCE, &[("name", name)]),
        }
    }

    /// "Loaded a.csv: 800 areas, 40 schools; …", and what became of a waiting shared scenario.
    pub fn load_report(self, report: &LoadReport) -> String {
        let mut text = self.fill(m::LOADED, &[("label", &report.label), ("areas", &report.areas)]);
        if let Some(n) = report.schools {
            text.push_str(&self.fill(m::LOADED_SCHOOLS, &[("n", &n)]));
        }
        if report.excluded > 0 {
            text.push_str(&self.fill(m::LOADED_EXCLUDED, &[("n", &report.excluded)]));
        }
        text.push('.');
        if let Some(map) = &report.map {
            text.push(' ');
            text.push_str(&self.map_summary(map));
        }
        match &report.shared {
            SharedScenario::NoneWaiting => text,
            SharedScenario::Applied => self.fill(m::SHARED_APPLIED, &[("text", &text)]),
            SharedScenario::StillUnfit(e) => self.fill(m::SHARED_STILL_UNFIT, &[("text", &text), ("problem", &self.error(e))]),
        }
    }

    /// "712 of 801 areas get the published tier (column "Tier")", and the areas not counted.
    pub fn published_agreement(self, published: &PublishedAgreement) -> String {
        let a = &published.agreement;
        let mut said = self.fill(m::PUBLISHED_AGREEMENT, &[("matched", &a.matched), ("total", &a.total), ("column", &published.column)]);
        if published.skipped > 0 {
            said.push_str(&self.fill(m::PUBLISHED_NOT_COUNTED, &[("n", &published.skipped)]));
        }
        said
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::map::Listed;
    use crate::engine::error::{FormulaRule, SettingsProblem};

    fn no_weight() -> EngineError {
        EngineError::InvalidSettings(SettingsProblem::Formula(FormulaRule::NoWeight))
    }

    #[test]
    fn a_notice_is_worded_in_the_language_it_is_drawn_in() {
        let notice = Notice::ScenarioWaits { source: ScenarioSource::Saved("Plan B".into()), problem: no_weight() };
        let en = notice.words(Lang::En);
        let es = notice.words(Lang::Es);
        assert!(en.starts_with("The scenario from saved scenario \"Plan B\" cannot be shown yet: all weights are zero"), "{en}");
        assert!(
            es.starts_with("El escenario de el escenario guardado \"Plan B\" aún no se puede mostrar: todos los pesos son cero"),
            "{es}"
        );
        assert!(notice.is_problem());
    }

    #[test]
    fn a_load_says_what_came_in_and_what_became_of_a_waiting_scenario() {
        let map = MapReport {
            file: "tracts.geojson".into(),
            features: 3,
            matched: 2,
            property: "GEOID".into(),
            without_data: Listed { first: vec!["17031".into()], total: 1 },
            left_out: Vec::new(),
            without_boundary: Listed::default(),
        };
        let report = LoadReport {
            label: "areas.csv".into(),
            areas: 2,
            schools: Some(4),
            excluded: 1,
            map: Some(map),
            shared: SharedScenario::StillUnfit(no_weight()),
        };
        let notice = Notice::Loaded(Box::new(report));
        assert_eq!(
            notice.words(Lang::En),
            "Loaded areas.csv: 2 areas, 4 schools; 1 rows are not scored for missing values (listed under Your data). Map: 3 \
             boundaries from tracts.geojson (2 matched to the data's areas by \"GEOID\"). 1 boundary has no data: shown hatched \
             (17031). The shared scenario still does not fit: all weights are zero (or every indicator is switched off); give \
             at least one indicator a weight above zero."
        );
        assert!(notice.words(Lang::Es).starts_with("Se cargó areas.csv: 2 áreas, 4 escuelas; 1 filas no se puntúan"));
        assert!(notice.is_problem(), "a scenario that still does not fit is a problem");
    }
}
