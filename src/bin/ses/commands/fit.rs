//! `ses fit`: the weights behind published tiers, as one JSON document (see
//! `ses_explorer::engine::fit` for the method).

use serde::Serialize;
use ses_explorer::engine::dataset::Dataset;
use ses_explorer::engine::fit::{SimplestFit, fit, published_tiers};
use ses_explorer::engine::formula::Formula;
use ses_explorer::engine::model::Prepared;

use crate::args::FitArgs;
use crate::input::{Failure, formula_columns, read_formula_or_scenario};
use crate::output::{phase, pretty_json, report, write_output};

#[derive(Serialize)]
struct Document<'a> {
    formula: &'a Formula,
    matched: usize,
    mismatches: &'a [String],
    simple: SimpleJson<'a>,
    total: usize,
    weights: Vec<WeightJson<'a>>,
}

#[derive(Serialize)]
struct SimpleJson<'a> {
    matched: usize,
    weights: Vec<ShareJson<'a>>,
}

#[derive(Serialize)]
struct ShareJson<'a> {
    column: &'a str,
    share: f64,
}

#[derive(Serialize)]
struct WeightJson<'a> {
    column: &'a str,
    share: f64,
    share_max: f64,
    share_min: f64,
}

pub fn run(args: &FitArgs) -> Result<(), Failure> {
    let common = &args.common;
    let input = read_formula_or_scenario(&common.formula)?;
    let mut columns = formula_columns(&input, None);
    columns.push(args.published_tiers.clone());
    let data = Dataset::areas_only(common.read_areas(Some(columns))?);
    phase("read");
    let formula = input.formula;
    let prepared = Prepared::new(&data, &formula)?;
    report(&data, &prepared);
    let published = published_tiers(data.areas.table(), &args.published_tiers, formula.tiers.count)?;
    if let Some(note) = published.note(data.areas.table(), &args.published_tiers, !prepared.exclusions().is_empty()) {
        eprintln!("note: {note}");
    }
    let fitted = fit(&prepared, &data, &formula, &published.tiers)?;
    phase("fit");
    eprintln!("{}", fitted.sentence());
    let SimplestFit { shares: simple_shares, matched: simple_matched, .. } = &fitted.simple;
    let document = Document {
        formula: &fitted.formula,
        matched: fitted.matched,
        mismatches: &fitted.mismatches,
        simple: SimpleJson {
            matched: *simple_matched,
            weights: simple_shares.iter().map(|(column, share)| ShareJson { column, share: *share }).collect(),
        },
        total: fitted.total,
        weights: fitted
            .weights
            .iter()
            .map(|w| WeightJson { column: &w.column, share: w.share, share_max: w.share_max, share_min: w.share_min })
            .collect(),
    };
    write_output(common.out.as_deref(), &pretty_json(&document)?)
}
