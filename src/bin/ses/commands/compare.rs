//! `ses compare`: two proposals side by side as one JSON document: each side's fairness, the
//! dollars moved, the paragraph that leads with the story, and every school.
//!
//! The documents are structs with their fields in alphabetical order: that is the order of
//! the keys scripts have read since the first version (a JSON object's keys, sorted).

use serde::Serialize;
use ses_explorer::app::i18n::Lang;
use ses_explorer::app::story::comparison_paragraph;
use ses_explorer::engine::dataset::{Dataset, Schools};
use ses_explorer::engine::fairness::{Fairness, Title1Options, dollars_moved, fairness};
use ses_explorer::engine::formula::Formula;
use ses_explorer::engine::model::Prepared;

use crate::args::CompareArgs;
use crate::input::{Failure, allocation_settings, rank_by, read_formula_or_scenario, read_schools};
use crate::output::{pretty_json, report, write_output};

#[derive(Serialize)]
struct Document<'a> {
    a: FairnessJson<'a>,
    b: FairnessJson<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dollars_moved: Option<f64>,
    schools: Vec<SchoolPair<'a>>,
    summary: String,
}

/// The fairness measures, leaving out what could not be computed.
#[derive(Serialize)]
pub struct FairnessJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    dissimilarity: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    progressivity_allocation: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    progressivity_combined: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    progressivity_current: Option<f64>,
    schools_90pct_tier1: usize,
    schools_90pct_top_tier: usize,
    schools_without_tier1: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    title1_violations: Option<Vec<ViolationJson<'a>>>,
}

#[derive(Serialize)]
struct ViolationJson<'a> {
    rule: &'static str,
    schools: Vec<&'a str>,
    text: &'a str,
}

impl<'a> FairnessJson<'a> {
    fn new(f: &'a Fairness, schools: &'a Schools) -> FairnessJson<'a> {
        FairnessJson {
            dissimilarity: f.dissimilarity,
            progressivity_allocation: f.progressivity_allocation,
            progressivity_combined: f.progressivity_combined,
            progressivity_current: f.progressivity_current,
            schools_90pct_tier1: f.schools_90pct_tier1,
            schools_90pct_top_tier: f.schools_90pct_top_tier,
            schools_without_tier1: f.schools_without_tier1,
            title1_violations: f.title1_violations.as_ref().map(|violations| {
                violations
                    .iter()
                    .map(|v| ViolationJson {
                        rule: v.rule.id(),
                        schools: v.schools.iter().map(|&s| schools.ids[s].as_str()).collect(),
                        text: &v.text,
                    })
                    .collect()
            }),
        }
    }
}

/// One school under A and under B.
#[derive(Serialize)]
struct SchoolPair<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    allocation_a: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    allocation_b: Option<f64>,
    id: &'a str,
    rank_a: u32,
    rank_b: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    tier1_share_a: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tier1_share_b: Option<f64>,
}

pub fn run(args: &CompareArgs) -> Result<(), Failure> {
    let school_args = &args.schools;
    let common = &school_args.common;
    let mut a = read_formula_or_scenario(&common.formula)?;
    let mut b = read_formula_or_scenario(&args.other)?;
    let settings_a = allocation_settings(school_args, a.allocation.take())?;
    let settings_b = allocation_settings(school_args, b.allocation.take())?;
    let areas = common.read_areas(None)?;
    let schools = read_schools(school_args, &a.formula, &areas, true)?;
    let data = Dataset { areas, schools };
    let (rank_a, rank_b) = (rank_by(school_args, &a), rank_by(school_args, &b));
    let prepared_a = Prepared::reusing(None, &data, &a.formula)?;
    report(&data, &prepared_a);
    let eval_a = prepared_a.evaluate(&data, &a.formula, rank_a, Some(&settings_a))?;
    for line in prepared_a.gap_lines(&eval_a) {
        eprintln!("{line}");
    }
    let prepared_b = Prepared::reusing(Some(&prepared_a), &data, &b.formula)?;
    let eval_b = prepared_b.evaluate(&data, &b.formula, rank_b, Some(&settings_b))?;
    let (schools, _) = data.schools.as_ref().expect("compare always has schools");
    let options = Title1Options { fifty_percent_levels: args.title1_fifty_percent_levels.clone() };
    let fa = fairness(&eval_a, schools, Some(settings_a.method), &options);
    let fb = fairness(&eval_b, schools, Some(settings_b.method), &options);
    let name = |f: &Formula, fallback: &str| {
        if f.name.trim().is_empty() { fallback.to_string() } else { format!("{fallback} ({})", f.name.trim()) }
    };
    let dollars = |c: Option<i64>| c.map(|c| c as f64 / 100.0);
    let document = Document {
        a: FairnessJson::new(&fa, schools),
        b: FairnessJson::new(&fb, schools),
        dollars_moved: dollars_moved(&eval_a, &eval_b),
        schools: (0..schools.len())
            .map(|s| {
                let (x, y) = (&eval_a.schools[s], &eval_b.schools[s]);
                SchoolPair {
                    allocation_a: dollars(x.allocation_cents),
                    allocation_b: dollars(y.allocation_cents),
                    id: &schools.ids[s],
                    rank_a: x.rank,
                    rank_b: y.rank,
                    tier1_share_a: x.tier_share(1),
                    tier1_share_b: y.tier_share(1),
                }
            })
            .collect(),
        summary: comparison_paragraph(&name(&b.formula, "Proposal B"), &eval_a, &eval_b, &fa, &fb, Lang::En),
    };
    write_output(common.out.as_deref(), &pretty_json(&document)?)
}
