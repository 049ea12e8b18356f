//! Formula presets offered in the app: each applies when the loaded data has its columns.

use crate::engine::demo::{DEMO_INDICATORS, DEMO_POPULATION, demo_formula};
use crate::engine::formula::{Formula, Indicator};
use crate::engine::table::Table;

/// The published Chicago formula (six factors, equal weights, four equal-population tiers).
pub const CHICAGO_FORMULA_JSON: &str = include_str!("../../assets/formulas/chicago-6-factor.json");

/// A named starting formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Preset {
    /// Five census factors, equal weights, three tiers (the shape of Charlotte-Mecklenburg's).
    FiveFactor,
    /// Chicago's six factors and four tiers.
    Chicago,
    /// Median income alone.
    IncomeOnly,
}

impl Preset {
    pub const ALL: [Preset; 3] = [Preset::FiveFactor, Preset::Chicago, Preset::IncomeOnly];

    /// Stable id, used in the picker and in tests.
    pub fn id(self) -> &'static str {
        match self {
            Preset::FiveFactor => "five-factor",
            Preset::Chicago => "chicago",
            Preset::IncomeOnly => "income-only",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Preset::FiveFactor => "Five census factors, equal weights, 3 tiers",
            Preset::Chicago => "Chicago: six factors, 4 tiers",
            Preset::IncomeOnly => "Income only",
        }
    }

    pub fn from_id(id: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.id() == id)
    }

    /// The preset's formula for data with these columns, or `None` if the data lacks them.
    ///
    /// Weights are scaled to the sliders' 0–100 range; only their ratios matter, and scaling
    /// all weights by one factor gives bit-identical scores (each share w/Σw is the same real
    /// number, rounded once).
    pub fn formula_for(self, areas: &Table) -> Option<Formula> {
        let has_all = |f: &Formula| {
            areas.has_column(&f.id_column)
                && f.population_column.as_ref().is_none_or(|p| areas.has_column(p))
                && f.indicators.iter().all(|i| areas.has_column(&i.column))
        };
        let formula = match self {
            Preset::FiveFactor => demo_formula(),
            Preset::Chicago => {
                let mut f =
                    Formula::from_json("chicago-6-factor.json", CHICAGO_FORMULA_JSON.as_bytes()).expect("the bundled formula is valid");
                for i in &mut f.indicators {
                    i.weight = 10.0;
                }
                f
            }
            Preset::IncomeOnly => {
                let (income_column, id, population) = if areas.has_column(DEMO_INDICATORS[0].0) {
                    (DEMO_INDICATORS[0].0, "area_id", Some(DEMO_POPULATION))
                } else {
                    ("Estimated Median Family Income", "TRACT", Some("Number of School Age Children"))
                };
                let base = if areas.has_column(DEMO_INDICATORS[0].0) { demo_formula() } else { Preset::Chicago.formula_for(areas)? };
                Formula {
                    name: "Income only".into(),
                    id_column: id.into(),
                    population_column: population.map(String::from),
                    indicators: vec![Indicator {
                        column: income_column.into(),
                        direction: crate::engine::formula::Direction::Advantage,
                        weight: 50.0,
                        enabled: true,
                    }],
                    ..base
                }
            }
        };
        has_all(&formula).then_some(formula)
    }
}

/// A readable label for an indicator column (the demo's have plain-English names).
pub fn indicator_label(column: &str) -> String {
    DEMO_INDICATORS.iter().find(|(c, _, _)| *c == column).map_or_else(|| column.to_owned(), |(_, _, label)| (*label).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::demo::DemoDistrict;

    #[test]
    fn presets_apply_only_to_data_with_their_columns() {
        let demo = DemoDistrict::generate(1, crate::engine::demo::DemoSize { areas: 20, schools: 6, students: 1000 });
        let t = Table::parse("areas.csv", demo.areas_csv.as_bytes()).unwrap();
        assert!(Preset::FiveFactor.formula_for(&t).is_some());
        assert!(Preset::IncomeOnly.formula_for(&t).is_some());
        assert!(Preset::Chicago.formula_for(&t).is_none());
    }

    #[test]
    fn the_bundled_chicago_formula_is_valid() {
        let f = Formula::from_json("c.json", CHICAGO_FORMULA_JSON.as_bytes()).unwrap();
        assert_eq!(f.indicators.len(), 6);
        assert_eq!(f.tiers.count, 4);
    }
}
