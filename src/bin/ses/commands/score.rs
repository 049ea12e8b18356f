//! `ses score`: every area's score, tier, rank and normalised values as CSV (or the kinds of
//! column asked for with `--columns`).

use ses_explorer::engine::dataset::Dataset;
use ses_explorer::engine::export::{AreaColumns, write_areas_csv};
use ses_explorer::engine::model::RankBy;

use crate::args::{AreaColumnKind, Common};
use crate::evaluate::Run;
use crate::input::{Failure, formula_columns, read_formula_or_scenario};
use crate::output::{phase, write_with};

pub fn run(common: &Common, kinds: &[AreaColumnKind]) -> Result<(), Failure> {
    let columns = area_columns(kinds)?;
    let input = read_formula_or_scenario(&common.formula)?;
    let baseline_file = common.baseline_file()?;
    let wanted = formula_columns(&input, baseline_file.as_ref());
    let data = Dataset::areas_only(common.read_areas(Some(wanted))?);
    phase("read");
    let run = Run::new(&data, baseline_file, input, RankBy::Tier1Share, None)?;
    let against = run.against_baseline()?;
    let current = &run.current;
    write_with(common.out.as_deref(), |out| {
        write_areas_csv(out, &current.prepared, &current.formula, &current.evaluation, against.as_ref().map(|(b, c)| (*b, c)), columns)?;
        phase("write");
        Ok(())
    })
}

/// Every kind of column when none is named; otherwise the ones named, which must include the
/// id (a row of scores that names no area cannot be joined to anything).
fn area_columns(kinds: &[AreaColumnKind]) -> Result<AreaColumns, Failure> {
    if kinds.is_empty() {
        return Ok(AreaColumns::ALL);
    }
    if !kinds.contains(&AreaColumnKind::Id) {
        return Err(Failure::ColumnsNeedId);
    }
    let has = |kind| kinds.contains(&kind);
    Ok(AreaColumns {
        id: true,
        score: has(AreaColumnKind::Score),
        groups: has(AreaColumnKind::Groups),
        tier: has(AreaColumnKind::Tier),
        rank: has(AreaColumnKind::Rank),
        normalised: has(AreaColumnKind::Normalised),
        baseline: has(AreaColumnKind::Baseline),
    })
}
