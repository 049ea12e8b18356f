//! `ses explain`: why the result is what it is, as one JSON document: each area's and
//! school's contributions by indicator, effective weights, correlations, warnings, the
//! knife-edge areas, rank stability under uncertain weights and one-at-a-time sensitivity.
//!
//! The documents are structs with their fields in alphabetical order: that is the order of
//! the keys scripts have read since the first version (a JSON object's keys, sorted).
//! Fields that need what was not given (schools, a baseline, `--draws`) are left out.

use std::collections::BTreeMap;

use serde::Serialize;
use ses_explorer::engine::dataset::Dataset;
use ses_explorer::engine::explain::{area_contributions, by_column, change_by_indicator, drivers, knife_edge, school_contributions};
use ses_explorer::engine::formula::Formula;
use ses_explorer::engine::stability::{StabilityRun, StabilitySettings, one_at_a_time};

use crate::args::ExplainArgs;
use crate::evaluate::Run;
use crate::input::{Failure, allocation_settings, rank_by, read_formula_or_scenario, read_schools};
use crate::output::{phase, pretty_json, write_output};

#[derive(Serialize)]
struct Document<'a> {
    areas: Vec<AreaJson<'a>>,
    correlations: Vec<CorrelationJson<'a>>,
    effective_weights: Vec<WeightJson<'a>>,
    /// A formula of groups: each group's shares (the sums of its indicators').
    #[serde(skip_serializing_if = "Option::is_none")]
    groups: Option<Vec<GroupJson<'a>>>,
    knife_edge: KnifeEdgeJson<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    schools: Option<Vec<SchoolJson<'a>>>,
    sensitivity: Vec<SensitivityJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stability: Option<StabilityJson>,
    warnings: Vec<String>,
}

/// Contributions keyed by column.
type Contributions = BTreeMap<String, f64>;

#[derive(Serialize)]
struct AreaJson<'a> {
    contributions: Contributions,
    #[serde(skip_serializing_if = "Option::is_none")]
    group_contributions: Option<Contributions>,
    id: &'a str,
    knife_edge: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    p_tier_change: Option<f64>,
    score: f64,
    tier: u8,
}

#[derive(Serialize)]
struct SchoolJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    allocation_p5: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    allocation_p95: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_rank: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    change_by_indicator: Option<Contributions>,
    #[serde(skip_serializing_if = "Option::is_none")]
    contributions: Option<Contributions>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group_contributions: Option<Contributions>,
    id: &'a str,
    knife_edge: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    mean_score: Option<f64>,
    rank: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    rank_median: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rank_p5: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rank_p95: Option<u32>,
}

#[derive(Serialize)]
struct CorrelationJson<'a> {
    a: &'a str,
    b: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    r: Option<f64>,
}

#[derive(Serialize)]
struct WeightJson<'a> {
    column: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    effective_share: Option<f64>,
    nominal_share: f64,
}

#[derive(Serialize)]
struct GroupJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    effective_share: Option<f64>,
    name: &'a str,
    nominal_share: f64,
}

#[derive(Serialize)]
struct KnifeEdgeJson<'a> {
    areas: usize,
    cuts: &'a [f64],
    delta: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    schools: Option<usize>,
}

#[derive(Serialize)]
struct SensitivityJson {
    areas_tier_change: usize,
    column: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    dollars_moved: Option<f64>,
    factor: f64,
    schools_rank_change_5: usize,
}

#[derive(Serialize)]
struct StabilityJson {
    draws: u32,
    seed: u64,
    spread: f64,
}

/// Each group's contribution (its indicators' together), keyed by name; `None` for a flat
/// formula.
fn group_contributions(formula: &Formula, contributions: &[f64]) -> Option<Contributions> {
    formula.is_grouped().then(|| {
        formula
            .all_groups()
            .into_iter()
            .map(|(_, g)| (g.name.clone(), g.all_indicators().iter().map(|&i| contributions[i]).sum()))
            .collect()
    })
}

/// Contributions of the formula's enabled indicators, keyed by column.
fn contributions(formula: &Formula, contributions: &[f64]) -> Contributions {
    by_column(formula, contributions)
        .into_iter()
        .filter(|(column, _)| formula.indicators.iter().any(|i| i.enabled && &i.column == column))
        .map(|(column, c)| (column.to_string(), c))
        .collect()
}

pub fn run(args: &ExplainArgs) -> Result<(), Failure> {
    let school_args = &args.schools;
    let common = &school_args.common;
    let mut input = read_formula_or_scenario(&common.formula)?;
    let scenario_allocation = input.allocation.take();
    let stability_defaults = input.stability.unwrap_or_default();
    let areas = common.read_areas(None)?;
    let schools = read_schools(school_args, &input.formula, &areas, false)?;
    let allocation = schools.as_ref().map(|_| allocation_settings(school_args, scenario_allocation)).transpose()?;
    let data = Dataset { areas, schools };
    let rank_by = rank_by(school_args, &input);
    let run = Run::new(&data, common.baseline_file()?, input, rank_by, allocation.as_ref())?;
    let (prepared, formula, evaluation) = (&*run.current.prepared, &run.current.formula, &run.current.evaluation);
    let stability = match args.draws {
        Some(draws) => {
            let settings = StabilitySettings {
                draws,
                spread: args.spread.unwrap_or(stability_defaults.spread),
                seed: args.seed.unwrap_or(stability_defaults.seed),
            };
            Some(StabilityRun::new(formula, evaluation, settings)?.run(prepared, &data, rank_by, allocation.as_ref())?)
        }
        None => None,
    };
    phase("stability");
    let drivers = drivers(prepared, formula);
    let edge = knife_edge(prepared, evaluation, args.knife_edge / 100.0);
    let ids = prepared.ids();

    let areas = (0..ids.len())
        .filter_map(|a| {
            let outcome = &evaluation.areas.of(a);
            let by_indicator = area_contributions(prepared, formula, a)?;
            Some(AreaJson {
                contributions: contributions(formula, &by_indicator),
                group_contributions: group_contributions(formula, &by_indicator),
                id: &ids[a],
                knife_edge: edge.areas[a],
                p_tier_change: stability.as_ref().and_then(|s| s.area_tier_change[a]),
                score: outcome.score?,
                tier: outcome.tier?,
            })
        })
        .collect();

    let schools = data.schools.as_ref().map(|(schools, _)| {
        (0..schools.len())
            .map(|s| {
                let outcome = &evaluation.schools[s];
                let now = school_contributions(prepared, formula, s);
                let range = stability.as_ref().map(|st| &st.schools[s]);
                let allocation_range = range.and_then(|r| r.allocation_p5.zip(r.allocation_p95));
                let change = run.baseline.as_ref().and_then(|b| {
                    let before = school_contributions(&b.prepared, &b.formula, s)?;
                    let change = change_by_indicator(&by_column(formula, now.as_ref()?), &by_column(&b.formula, &before));
                    Some(change.into_iter().map(|(c, v)| (c.trim().to_string(), v)).collect())
                });
                SchoolJson {
                    allocation_p5: allocation_range.map(|(lo, _)| lo),
                    allocation_p95: allocation_range.map(|(_, hi)| hi),
                    baseline_rank: run.baseline.as_ref().map(|b| b.evaluation.schools[s].rank),
                    change_by_indicator: change,
                    contributions: now.as_ref().map(|c| contributions(formula, c)),
                    group_contributions: now.as_ref().and_then(|c| group_contributions(formula, c)),
                    id: &schools.ids[s],
                    knife_edge: edge.school_flagged(s),
                    mean_score: outcome.mean_score,
                    rank: outcome.rank,
                    rank_median: range.map(|r| r.rank_median),
                    rank_p5: range.map(|r| r.rank_p5),
                    rank_p95: range.map(|r| r.rank_p95),
                }
            })
            .collect()
    });

    let sensitivity = one_at_a_time(prepared, &data, formula, rank_by, allocation.as_ref(), evaluation)?
        .into_iter()
        .map(|s| SensitivityJson {
            areas_tier_change: s.areas_tier_change,
            column: s.column,
            dollars_moved: s.dollars_moved,
            factor: s.factor,
            schools_rank_change_5: s.schools_rank_change_5,
        })
        .collect();

    let document = Document {
        areas,
        correlations: drivers.correlations.iter().map(|c| CorrelationJson { a: &c.a, b: &c.b, r: c.r }).collect(),
        effective_weights: drivers
            .influences
            .iter()
            .map(|i| WeightJson { column: &i.column, effective_share: i.effective_share, nominal_share: i.nominal_share })
            .collect(),
        groups: formula.is_grouped().then(|| {
            let shares = formula.weight_shares();
            let effective = |column: &str| drivers.influences.iter().find(|i| i.column == column).and_then(|i| i.effective_share);
            formula
                .all_groups()
                .into_iter()
                .map(|(_, g)| {
                    let members = g.all_indicators();
                    let enabled: Vec<usize> = members.into_iter().filter(|&i| formula.indicators[i].enabled).collect();
                    GroupJson {
                        effective_share: enabled.iter().map(|&i| effective(&formula.indicators[i].column)).sum(),
                        name: &g.name,
                        nominal_share: formula.group_share(g, &shares),
                    }
                })
                .collect()
        }),
        knife_edge: KnifeEdgeJson {
            areas: edge.area_count(),
            cuts: &edge.cuts,
            delta: edge.delta,
            schools: data.schools.is_some().then(|| edge.school_count()),
        },
        schools,
        sensitivity,
        stability: stability.as_ref().map(|st| StabilityJson {
            draws: st.settings.draws,
            seed: st.settings.seed,
            spread: st.settings.spread,
        }),
        warnings: drivers.warnings.iter().map(ToString::to_string).collect(),
    };
    let text = pretty_json(&document)?;
    phase("explain");
    write_output(common.out.as_deref(), &text)
}
