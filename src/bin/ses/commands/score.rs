//! `ses score`: every area's score, tier, rank and normalised values as CSV.

use ses_explorer::engine::dataset::Dataset;
use ses_explorer::engine::export::write_areas_csv;
use ses_explorer::engine::model::RankBy;

use crate::args::Common;
use crate::evaluate::Run;
use crate::input::{Failure, formula_columns, read_formula_or_scenario};
use crate::output::{phase, write_with};

pub fn run(common: &Common) -> Result<(), Failure> {
    let input = read_formula_or_scenario(&common.formula)?;
    let baseline_file = common.baseline_file()?;
    let columns = formula_columns(&input, baseline_file.as_ref());
    let data = Dataset::areas_only(common.read_areas(Some(columns))?);
    phase("read");
    let run = Run::new(&data, baseline_file, input, RankBy::Tier1Share, None)?;
    let against = run.against_baseline()?;
    let current = &run.current;
    write_with(common.out.as_deref(), |out| {
        write_areas_csv(out, &current.prepared, &current.formula, &current.evaluation, against.as_ref().map(|(b, c)| (*b, c)))?;
        phase("write");
        Ok(())
    })
}
