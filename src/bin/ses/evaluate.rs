//! The formula run on the data, and its baseline on the same data: what every subcommand
//! that scores does before it writes.

use std::rc::Rc;

use ses_explorer::engine::allocation::AllocationSettings;
use ses_explorer::engine::compare::{Comparison, compare};
use ses_explorer::engine::dataset::Dataset;
use ses_explorer::engine::formula::Formula;
use ses_explorer::engine::model::{Evaluation, Prepared, RankBy};

use crate::input::{Failure, FormulaInput};
use crate::output::{phase, report};

/// A formula, its preparation and its result.
pub struct Evaluated {
    pub prepared: Rc<Prepared>,
    pub formula: Formula,
    pub evaluation: Evaluation,
}

/// The formula's result and, when one was asked for, the baseline's.
pub struct Run {
    pub current: Evaluated,
    pub baseline: Option<Evaluated>,
}

impl Run {
    /// Evaluates the formula and, when asked, the baseline on the same data. A `--baseline`
    /// file (read by the caller, once) is evaluated with the current allocation; a scenario's
    /// baseline with its own.
    pub fn new(
        data: &Dataset,
        baseline_file: Option<Formula>,
        input: FormulaInput,
        rank_by: RankBy,
        allocation: Option<&AllocationSettings>,
    ) -> Result<Run, Failure> {
        let formula = input.formula;
        let prepared = Prepared::reusing(None, data, &formula)?;
        phase("prepare");
        report(data, &prepared);
        let evaluation = prepared.evaluate(data, &formula, rank_by, allocation)?;
        for line in prepared.gap_lines(&evaluation) {
            eprintln!("{line}");
        }
        phase("evaluate");
        let baseline = match (baseline_file, input.baseline) {
            (Some(f), _) => Some((f, allocation.cloned())),
            (None, Some((f, a))) => Some((f, allocation.map(|_| a))),
            (None, None) => None,
        };
        let baseline = match baseline {
            Some((formula, allocation)) => {
                let prepared = Prepared::reusing(Some(&prepared), data, &formula)?;
                let evaluation = prepared.evaluate(data, &formula, rank_by, allocation.as_ref())?;
                Some(Evaluated { prepared, formula, evaluation })
            }
            None => None,
        };
        Ok(Run { current: Evaluated { prepared, formula, evaluation }, baseline })
    }

    /// The baseline's result and how the current one differs from it.
    pub fn against_baseline(&self) -> Result<Option<(&Evaluation, Comparison)>, Failure> {
        Ok(match &self.baseline {
            Some(b) => Some((&b.evaluation, compare(&b.evaluation, &self.current.evaluation)?)),
            None => None,
        })
    }
}
