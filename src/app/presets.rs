//! Formula presets offered in the app: each applies when the loaded data has its columns.

use crate::app::i18n::{Lang, catalogue as m};
use crate::engine::demo::{
    DEMO_DOMAINS_NAME, DEMO_EDUCATION_LEVELS, DEMO_FAMILY_NAME, DEMO_FORMULA_NAME, DEMO_INDICATORS, DEMO_POPULATION, demo_domains_formula,
    demo_family_formula, demo_formula,
};
use crate::engine::formula::{FamilyItem, Formula, Indicator};
use crate::engine::table::Table;

/// The published Chicago formula (six factors, equal weights, four equal-population tiers).
pub const CHICAGO_FORMULA_JSON: &str = include_str!("../../assets/formulas/chicago-6-factor.json");

/// The `name` written in [`CHICAGO_FORMULA_JSON`].
const CHICAGO_FORMULA_NAME: &str = "Chicago 6-factor tract score";

/// A named starting formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Preset {
    /// Five census factors, equal weights, three tiers (the shape of Charlotte-Mecklenburg's).
    FiveFactor,
    /// Chicago's six factors and four tiers.
    Chicago,
    /// Median income alone.
    IncomeOnly,
    /// The demo's five factors in three domains of equal weight (formula file v2).
    Domains,
    /// The demo's five factors for the area and two family answers, half each (a formula
    /// with a student part; it needs one row per student).
    AreaAndFamily,
}

impl Preset {
    pub const ALL: [Preset; 5] = [Preset::FiveFactor, Preset::Chicago, Preset::IncomeOnly, Preset::Domains, Preset::AreaAndFamily];

    /// Stable id, used in the picker and in tests.
    pub fn id(self) -> &'static str {
        match self {
            Preset::FiveFactor => "five-factor",
            Preset::Chicago => "chicago",
            Preset::IncomeOnly => "income-only",
            Preset::Domains => "domains",
            Preset::AreaAndFamily => "area-and-family",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        lang.t(match self {
            Preset::FiveFactor => m::PRESET_FIVE_FACTOR,
            Preset::Chicago => m::PRESET_CHICAGO,
            Preset::IncomeOnly => m::PRESET_INCOME_ONLY,
            Preset::Domains => m::PRESET_DOMAINS,
            Preset::AreaAndFamily => m::PRESET_AREA_AND_FAMILY,
        })
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
            Preset::Domains => demo_domains_formula(),
            Preset::AreaAndFamily => demo_family_formula(),
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

/// How the name of an imported file's starting formula begins (the file's name follows). The
/// name is written into formula files in this form; the page words it in its language
/// ([`formula_title`]).
pub const EQUAL_WEIGHTS_ON: &str = "Equal weights on ";

/// A formula's name as a title in `lang`: a bundled formula's own name is ours, so it is
/// written in the reader's language; any other name is the author's, shown as given.
pub fn formula_title(name: &str, lang: Lang) -> String {
    // Compared by name alone: this runs on every render of the baseline bar.
    let bundled = [
        (DEMO_FORMULA_NAME, Preset::FiveFactor),
        (CHICAGO_FORMULA_NAME, Preset::Chicago),
        (DEMO_DOMAINS_NAME, Preset::Domains),
        (DEMO_FAMILY_NAME, Preset::AreaAndFamily),
    ];
    if let Some(file) = name.strip_prefix(EQUAL_WEIGHTS_ON) {
        return lang.fill(m::EQUAL_WEIGHTS_ON_FILE, &[("file", &file)]);
    }
    bundled.iter().find(|(n, _)| *n == name).map_or_else(|| name.to_owned(), |(_, p)| p.label(lang).to_owned())
}

/// A readable label for an indicator column: the demo's columns have names in words; any
/// other column is shown as its file names it.
pub fn indicator_label(column: &str, lang: Lang) -> String {
    let demo = [m::DEMO_INCOME, m::DEMO_BACHELORS, m::DEMO_OWNERS, m::DEMO_SINGLE_PARENT, m::DEMO_OTHER_LANGUAGE];
    DEMO_INDICATORS
        .iter()
        .zip(demo)
        .find(|((c, _, _), _)| *c == column)
        .map_or_else(|| column.to_owned(), |(_, label)| lang.t(label).to_owned())
}

/// A group's name in `lang`: the demo's domains are ours, so written in the reader's
/// language; any other name is the author's, shown as given.
pub fn group_label(name: &str, lang: Lang) -> String {
    let known = [("Economic", m::DOMAIN_ECONOMIC), ("Education and language", m::DOMAIN_EDUCATION), ("Family and home", m::DOMAIN_FAMILY)];
    known.iter().find(|(n, _)| *n == name.trim()).map_or_else(|| name.trim().to_owned(), |(_, label)| lang.t(*label).to_owned())
}

/// The question of a family item: the demo's are ours, written in the reader's language; a
/// district's are shown as the formula words them (or by the column's name).
pub fn family_question(item: &FamilyItem, lang: Lang) -> String {
    match item.column.as_str() {
        "parent_education" => lang.t(m::CHILD_Q_EDUCATION).to_owned(),
        "household_income" => lang.t(m::CHILD_Q_INCOME).to_owned(),
        column => item.question.clone().unwrap_or_else(|| column.to_owned()),
    }
}

/// A family item's short name (for sliders): the demo's in the reader's language.
pub fn family_label(column: &str, lang: Lang) -> String {
    match column {
        "parent_education" => lang.t(m::FAMILY_EDUCATION).to_owned(),
        "household_income" => lang.t(m::FAMILY_INCOME).to_owned(),
        column => column.to_owned(),
    }
}

/// An answer of an ordered item: the demo's in the reader's language.
pub fn level_label(level: &str, lang: Lang) -> String {
    let words = [m::LEVEL_LESS_THAN_HIGH_SCHOOL, m::LEVEL_HIGH_SCHOOL, m::LEVEL_SOME_COLLEGE, m::LEVEL_BACHELORS, m::LEVEL_GRADUATE];
    DEMO_EDUCATION_LEVELS
        .iter()
        .zip(words)
        .find(|(l, _)| **l == level)
        .map_or_else(|| level.to_owned(), |(_, label)| lang.t(label).to_owned())
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
    fn the_demo_columns_read_as_words_in_each_language_and_others_as_named() {
        for (column, _, english) in DEMO_INDICATORS {
            assert_eq!(indicator_label(column, Lang::En), english, "the catalogue and the demo agree");
            assert_ne!(indicator_label(column, Lang::Es), english);
        }
        assert_eq!(indicator_label("Estimated Median Family Income", Lang::Es), "Estimated Median Family Income");
    }

    #[test]
    fn bundled_formulas_are_titled_in_the_readers_language_and_others_as_named() {
        assert_eq!(formula_title(&demo_formula().name, Lang::Es), "Cinco factores del censo, pesos iguales, 3 niveles");
        let chicago = Formula::from_json("c.json", CHICAGO_FORMULA_JSON.as_bytes()).unwrap();
        assert_eq!(formula_title(&chicago.name, Lang::Es), Preset::Chicago.label(Lang::Es));
        assert_eq!(formula_title("Board proposal B", Lang::Es), "Board proposal B");
    }

    #[test]
    fn the_bundled_chicago_formula_is_valid() {
        let f = Formula::from_json("c.json", CHICAGO_FORMULA_JSON.as_bytes()).unwrap();
        assert_eq!(f.indicators.len(), 6);
        assert_eq!(f.tiers.count, 4);
        assert_eq!(f.name, CHICAGO_FORMULA_NAME);
    }
}
