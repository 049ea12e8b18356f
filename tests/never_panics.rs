//! Property tests: no input, however malformed, makes the engine panic (a panic in the
//! browser would kill the page). Every outcome is a value or an error.

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;

use ses_explorer::engine::dataset::{Areas, Dataset};
use ses_explorer::engine::formula::Formula;
use ses_explorer::engine::model::{Prepared, RankBy};
use ses_explorer::engine::number::parse_cell;
use ses_explorer::engine::table::Table;

const FORMULA: &str = r#"{"version":1,"id_column":"id","population_column":"kids","normalization":"weighted_percentile",
  "indicators":[{"column":"income","direction":"advantage","weight":2},{"column":"single","direction":"disadvantage","weight":1}],
  "tiers":{"count":3,"method":"equal_population"}}"#;

/// CSV-ish text: the characters that matter to a CSV parser and a number parser.
fn csvish() -> impl Strategy<Value = String> {
    proptest::string::string_regex("(id,kids,income,single\r?\n)?([a-c0-9$%,.\"\\- \r\nNA/e+]{0,12}(,|\r?\n)){0,40}").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn table_parse_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = Table::parse("fuzz.csv", &bytes);
    }

    #[test]
    fn the_whole_pipeline_never_panics_on_csvish_text(text in csvish(), weights in proptest::collection::vec(0.0f64..5.0, 2)) {
        let mut formula = Formula::from_json("f.json", FORMULA.as_bytes()).unwrap();
        formula.indicators[0].weight = weights[0];
        formula.indicators[1].weight = weights[1];
        if let Ok(areas) = Areas::parse("fuzz.csv", text.as_bytes()) {
            let data = Dataset::areas_only(areas);
            if let Ok(p) = Prepared::new(&data, &formula) {
                let _ = p.evaluate(&data, &formula, RankBy::default(), None);
            }
        }
    }

    #[test]
    fn formula_parse_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = Formula::from_json("fuzz.json", &bytes);
    }

    #[test]
    fn formula_parse_never_panics_on_mutated_json(cut in 0usize..400, insert in "[\\[\\]{}\":,0-9a-z.-]{0,4}") {
        let mut text = FORMULA.to_string();
        let at = text.char_indices().map(|(i, _)| i).nth(cut % FORMULA.len()).unwrap_or(0);
        text.insert_str(at, &insert);
        let _ = Formula::from_json("fuzz.json", text.as_bytes());
    }

    #[test]
    fn number_parse_never_panics(s in "\\PC{0,20}") {
        let _ = parse_cell(&s);
    }
}
