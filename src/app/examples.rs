//! Real examples that come with the app: their files are served beside it (Trunk copies
//! `examples/` into the build) and fetched from the page's own origin only when a person opens
//! one, so the first load does not grow. Opening an example is importing its files with the
//! formula they were published with.

use crate::app::i18n::{Msg, catalogue as m};
use crate::app::import::{PendingFile, build, known_formulas};
use crate::app::presets::Preset;
use crate::app::state::AppState;
use crate::engine::Result;
use crate::engine::error::SettingsProblem;
use crate::engine::geometry::Boundaries;

/// An example: a folder beside the app with an areas file and its boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    pub id: &'static str,
    pub name: Msg,
    /// The folder, relative to the page (so a copy in any sub-folder finds it).
    pub folder: &'static str,
    pub areas: &'static str,
    pub boundaries: &'static str,
    /// The property of the boundaries that holds the areas' ids.
    pub id_property: &'static str,
    /// The formula it was published with.
    pub preset: Preset,
}

/// Chicago Public Schools' 2014-15 tract data and the 2010 tract boundaries
/// (`examples/chicago/SOURCE.md`).
pub const CHICAGO: Example = Example {
    id: "chicago",
    name: m::EXAMPLE_CHICAGO,
    folder: "examples/chicago",
    areas: "cps-tracts-fy2015.csv",
    boundaries: "chicago-tracts-2010.geojson",
    id_property: "TRACT",
    preset: Preset::Chicago,
};

/// Every example, in the order the app offers them.
pub const EXAMPLES: [Example; 1] = [CHICAGO];

impl Example {
    /// Where a file of the example is, relative to the page.
    pub fn url(&self, file: &str) -> String {
        format!("{}/{file}", self.folder)
    }

    /// The example opened from its files' bytes: the areas imported with the formula it was
    /// published with, tiers and all, and the boundaries matched to them.
    ///
    /// # Errors
    /// A file that does not read (a damaged copy), or data that lacks the formula's columns.
    pub fn open(&self, areas: &[u8], boundaries: &[u8]) -> Result<AppState> {
        let mut file = PendingFile::read(self.areas, areas, None)?;
        let (preset, formula) = known_formulas(&file.table)
            .into_iter()
            .find(|(p, _)| *p == self.preset)
            .ok_or_else(|| SettingsProblem::ExampleColumnsMissing { file: self.areas.to_owned() })?;
        file.mapping.areas.pick_known(preset, &formula);
        let imported = build(std::slice::from_ref(&file))?;
        let state = AppState::prepared(imported.data, imported.formula, imported.prepared)?;
        let state = AppState { preset: imported.preset, ..state };
        let boundaries = Boundaries::parse(self.boundaries, boundaries)?;
        state.with_boundaries(boundaries, Some(self.id_property))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AREAS: &[u8] = include_bytes!("../../examples/chicago/cps-tracts-fy2015.csv");
    const BOUNDARIES: &[u8] = include_bytes!("../../examples/chicago/chicago-tracts-2010.geojson");

    #[test]
    fn chicago_opens_with_its_published_formula_tiers_and_map() {
        let state = CHICAGO.open(AREAS, BOUNDARIES).unwrap();
        assert_eq!(state.preset, Some(Preset::Chicago));
        assert_eq!(state.current.formula.tiers.count, 4);
        assert_eq!(state.current.formula.indicators.len(), 6);
        assert_eq!(state.data.dataset.areas.len(), 796);
        let map = state.data.map.as_ref().unwrap();
        assert_eq!(map.boundaries.features.len(), 799);
        assert_eq!(map.links.area_of.iter().filter(|a| a.is_none()).count(), 3, "three tracts without data");
        let published = state.data.published.as_ref().unwrap();
        assert_eq!(published.column, "6-Factor Socioeconomic Tier");
        let agreement = published.agreement(&state.current.evaluation);
        assert_eq!((agreement.matched, agreement.total), (796, 796), "every tract gets the tier CPS published");
        assert_eq!(CHICAGO.url(CHICAGO.areas), "examples/chicago/cps-tracts-fy2015.csv");
    }

    #[test]
    fn a_damaged_copy_is_an_error_in_words_not_a_panic() {
        assert!(CHICAGO.open(b"TRACT,x\n1,2\n", BOUNDARIES).is_err());
        assert!(CHICAGO.open(AREAS, b"{\"type\": \"Topology\"}").is_err());
        assert!(CHICAGO.open(&AREAS[..AREAS.len() / 2], &BOUNDARIES[..1000]).is_err());
    }
}
