use super::*;

const CHICAGO: &str = r#"{
      "version": 1,
      "name": "Chicago 6-factor tract score",
      "id_column": "TRACT",
      "population_column": "Number of School Age Children",
      "normalization": "weighted_percentile",
      "indicators": [
        {"column": "Estimated Median Family Income", "direction": "advantage", "weight": 1},
        {"column": "% of Single Parent Households", "direction": "disadvantage", "weight": 1}
      ],
      "tiers": {"count": 4, "method": "equal_population"}
    }"#;

fn err(json: &str) -> String {
    Formula::from_json("f.json", json.as_bytes()).unwrap_err().to_string()
}

#[test]
fn reads_the_documented_example() {
    let f = Formula::from_json("f.json", CHICAGO.as_bytes()).unwrap();
    assert_eq!(f.indicators.len(), 2);
    assert_eq!(f.indicators[1].direction, Direction::Disadvantage);
    assert!(f.indicators[0].enabled);
    assert_eq!(f.tiers.method, TierMethod::EqualPopulation);
    assert_eq!(Formula::from_json("f.json", f.to_json().as_bytes()).unwrap(), f);
}

#[test]
fn rejects_unknown_fields_and_versions() {
    assert!(err(&CHICAGO.replace("\"name\"", "\"nmae\"")).contains("unknown field `nmae`"));
    assert!(err(&CHICAGO.replace("\"version\": 1", "\"version\": 3")).contains("version 3 is not supported"));
    assert!(err(&CHICAGO.replace("\"version\": 1,", "")).contains("no \"version\" field"));
    assert!(err("{not json").starts_with("f.json: not a valid formula file"));
}

#[test]
fn rejects_impossible_settings() {
    assert!(err(&CHICAGO.replace("\"weight\": 1}", "\"weight\": 0}")).contains("all weights are zero"));
    assert!(err(&CHICAGO.replacen("\"weight\": 1", "\"weight\": -1", 1)).contains("weights must be zero or more"));
    assert!(err(&CHICAGO.replace("\"count\": 4", "\"count\": 0")).contains("tier count 0"));
    let cut = CHICAGO.replace("\"equal_population\"", "\"score_cutoffs\", \"cutoffs\": [10, 5, 50]");
    assert!(err(&cut).contains("increasing order"));
    let cut = CHICAGO.replace("\"equal_population\"", "\"score_cutoffs\", \"cutoffs\": [10]");
    assert!(err(&cut).contains("4 tiers need 3 cutoffs"));
    assert!(
        err(&CHICAGO.replace("\"normalization\": \"weighted_percentile\"", "\"normalization\": \"rank\""))
            .contains("unknown variant `rank`")
    );
}

const GROUPED: &str = r#"{
      "version": 2,
      "name": "Neighbourhood opportunity",
      "id_column": "GEOID",
      "population_column": "children",
      "normalization": "minmax",
      "missing": {"policy": "reweight", "min_share": 0.5},
      "groups": [
        {"name": "Economic", "weight": 2, "indicators": [
          {"column": "median_income", "direction": "advantage", "weight": 1},
          {"column": "pct_poverty", "direction": "disadvantage", "weight": 1}]},
        {"name": "Family and home", "weight": 1, "groups": [
          {"name": "Home", "weight": 1, "indicators": [
            {"column": "pct_owner", "direction": "advantage", "weight": 1}]},
          {"name": "Family", "weight": 1, "indicators": [
            {"column": "pct_single_parent", "direction": "disadvantage", "weight": 1}]}]}
      ],
      "tiers": {"count": 3, "method": "equal_population"}
    }"#;

#[test]
fn reads_and_writes_the_documented_version_2_example() {
    let f = Formula::from_json("f.json", GROUPED.as_bytes()).unwrap();
    let columns: Vec<&str> = f.indicators.iter().map(|i| i.column.as_str()).collect();
    assert_eq!(columns, ["median_income", "pct_poverty", "pct_owner", "pct_single_parent"], "depth first");
    assert_eq!(f.groups[1].groups[1].indicators, [3]);
    assert_eq!(f.missing, MissingValues { policy: MissingPolicy::Reweight, min_share: 0.5, tier: None });
    // Economic ⅔ split evenly; Family and home ⅓ split evenly between Home and Family.
    let shares = f.weight_shares();
    for (got, want) in shares.iter().zip([1.0 / 3.0, 1.0 / 3.0, 1.0 / 6.0, 1.0 / 6.0]) {
        assert!((got - want).abs() < 1e-12, "{shares:?}");
    }
    assert_eq!(Formula::from_json("f.json", f.to_json().as_bytes()).unwrap(), f, "written as read");
    assert!(f.to_json().contains("\"groups\"") && !f.to_json().contains("\"indicators\": [\n    {"), "indicators stay in their groups");
    let names: Vec<&str> = f.all_groups().iter().map(|(_, g)| g.name.as_str()).collect();
    assert_eq!(names, ["Economic", "Family and home", "Home", "Family"]);
}

#[test]
fn a_version_1_file_is_written_exactly_as_before() {
    let f = Formula::from_json("f.json", CHICAGO.as_bytes()).unwrap();
    let json = f.to_json();
    assert!(!json.contains("missing") && !json.contains("groups"), "{json}");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 7);
}

#[test]
fn rejects_broken_groups_and_policies_naming_the_group_or_field() {
    let grouped_err = |from: &str, to: &str| {
        let json = GROUPED.replacen(from, to, 1);
        assert_ne!(json, GROUPED, "{from}");
        err(&json)
    };
    assert!(
        grouped_err("\"groups\": [\n          {\"name\": \"Home\"", "\"gruppen\": [\n          {\"name\": \"Home\"")
            .contains("unknown field")
    );
    let empty = grouped_err(
        "\"weight\": 1, \"indicators\": [\n            {\"column\": \"pct_owner\", \"direction\": \"advantage\", \"weight\": 1}]",
        "\"weight\": 1",
    );
    assert!(empty.contains("group \"Home\" has neither"), "{empty}");
    assert!(grouped_err("\"name\": \"Family\"", "\"name\": \"Home\"").contains("group \"Home\" is named twice"));
    assert!(grouped_err("\"column\": \"pct_owner\"", "\"column\": \"pct_poverty\"").contains("\"pct_poverty\" is listed twice"));
    assert!(
        grouped_err("\"name\": \"Economic\", \"weight\": 2", "\"name\": \"Economic\", \"weight\": -2")
            .contains("group \"Economic\" has weight -2")
    );
    assert!(grouped_err("\"policy\": \"reweight\"", "\"policy\": \"impute\"").contains("unknown variant `impute`"));
    assert!(
        grouped_err("\"policy\": \"reweight\", \"min_share\": 0.5", "\"policy\": \"assign_tier\"").contains("needs a \"tier\" from 1 to 3")
    );
    assert!(
        grouped_err("\"policy\": \"reweight\", \"min_share\": 0.5", "\"policy\": \"assign_tier\", \"tier\": 4")
            .contains("from 1 to 3; it is 4")
    );
    assert!(grouped_err("\"min_share\": 0.5", "\"min_share\": 1.5").contains("between 0 and 1"));
    assert!(grouped_err("\"version\": 2", "\"version\": 1").contains("\"groups\" needs \"version\": 2"));
    let both = GROUPED.replacen(
            r#"{"name": "Home", "weight": 1, "indicators": ["#,
            r#"{"name": "Home", "weight": 1, "groups": [{"name": "Deeper", "weight": 1, "indicators": [{"column": "q", "direction": "advantage", "weight": 1}]}], "indicators": ["#,
            1,
        );
    assert!(err(&both).contains("group \"Home\" has both"), "{}", err(&both));
    assert!(err(&CHICAGO.replace("\"version\": 1", "\"version\": 3")).contains("reads versions 1 to 2"));
}

#[test]
fn weight_shares_ignore_switched_off_indicators() {
    let mut f = Formula::from_json("f.json", CHICAGO.as_bytes()).unwrap();
    f.indicators[0].weight = 3.0;
    assert_eq!(f.weight_shares(), vec![0.75, 0.25]);
    f.indicators[1].enabled = false;
    assert_eq!(f.weight_shares(), vec![1.0, 0.0]);
}

#[test]
fn a_group_listing_an_indicator_the_formula_lacks_is_an_error_not_a_panic() {
    let mut f = Formula::from_json("g.json", GROUPED.as_bytes()).unwrap();
    f.groups[0].indicators.push(99);
    let e = f.validate().unwrap_err();
    assert!(
        matches!(&e, EngineError::InvalidSettings(SettingsProblem::Formula(FormulaRule::GroupMemberMissing { number: 100, .. }))),
        "{e:?}"
    );
    // And it is written without the member it does not have.
    assert!(!f.to_json().is_empty());
}

#[test]
fn names_are_trimmed_once_as_the_file_is_read() {
    let padded = r#"{"version": 2, "name": "p", "id_column": " GEOID ", "population_column": "children ",
        "normalization": "percentile",
        "groups": [{"name": " Economic ", "weight": 1, "indicators": [{"column": " median_income", "direction": "advantage", "weight": 1}]}],
        "tiers": {"count": 3, "method": "equal_population"}}"#;
    let f = Formula::from_json("p.json", padded.as_bytes()).unwrap();
    assert_eq!((f.id_column.as_str(), f.population_column.as_deref()), ("GEOID", Some("children")));
    assert_eq!(f.indicators[0].column, "median_income");
    assert_eq!(f.groups[0].name, "Economic");
    assert!(f.to_json().contains("\"id_column\": \"GEOID\""), "written as read");
}
