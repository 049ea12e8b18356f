//! `ses schools`: every school's tier profile, rank and allocation as CSV, and the fairness
//! measures in one line on stderr.

use ses_explorer::engine::dataset::Dataset;
use ses_explorer::engine::export::schools_csv;
use ses_explorer::engine::fairness::{Fairness, Title1Options, fairness};
use ses_explorer::engine::privacy::suppression;

use crate::args::SchoolsArgs;
use crate::evaluate::Run;
use crate::input::{Failure, allocation_settings, rank_by, read_formula_or_scenario, read_schools};
use crate::output::write_output;

pub fn run(args: &SchoolsArgs) -> Result<(), Failure> {
    let common = &args.common;
    let mut input = read_formula_or_scenario(&common.formula)?;
    let settings = allocation_settings(args, input.allocation.take())?;
    let areas = common.read_areas(None)?;
    let schools = read_schools(args, &input.formula, &areas, true)?;
    let data = Dataset { areas, schools };
    let rank_by = rank_by(args, &input);
    let run = Run::new(&data, common.baseline_file()?, input, rank_by, Some(&settings))?;
    let against = run.against_baseline()?;
    let evaluation = &run.current.evaluation;
    let (schools, _) = data.schools.as_ref().expect("schools or areas as schools, read above");
    eprintln!("{}", fairness_line(&fairness(evaluation, schools, Some(settings.method), &Title1Options::default())));
    let text = schools_csv(schools, evaluation, against.as_ref().map(|(b, c)| (*b, c)), suppression(&data, args.suppress_below));
    write_output(common.out.as_deref(), &text)
}

/// The fairness measures in one line, for stderr.
fn fairness_line(f: &Fairness) -> String {
    let r = |x: Option<f64>| x.map_or("–".to_string(), |x| format!("{x:.2}"));
    let mut line = format!("fairness: progressivity ratio {} (allocation)", r(f.progressivity_allocation));
    if f.progressivity_current.is_some() {
        line.push_str(&format!(", {} (current funding), {} (both)", r(f.progressivity_current), r(f.progressivity_combined)));
    }
    line.push_str(&format!(
        "; dissimilarity {}; {} schools with 90%+ in tier 1, {} with 90%+ in the top tier, {} with no tier-1 student",
        r(f.dissimilarity),
        f.schools_90pct_tier1,
        f.schools_90pct_top_tier,
        f.schools_without_tier1
    ));
    if let Some(v) = &f.title1_violations {
        line.push_str(&format!(
            "; Title I rules broken: {}",
            if v.is_empty() { "none".to_string() } else { v.iter().map(|x| x.rule.id()).collect::<Vec<_>>().join(", ") }
        ));
    }
    line
}
