//! Two proposals side by side: which ones can be picked (the baseline, the current formula,
//! saved scenarios), each one's result on the loaded data, and the table of schools under A
//! and B, largest changes first, with its CSV export.

use crate::app::i18n::{Lang, catalogue as m};
use crate::engine::privacy::school_cells;
use std::rc::Rc;

use crate::app::scenario::Scenario;
use crate::app::state::AppState;
use crate::engine::EngineError;
use crate::engine::allocation::AllocationMethod;
use crate::engine::export::spreadsheet_safe;
use crate::engine::model::Evaluation;

/// One side of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub enum Pick {
    Baseline,
    Current,
    /// A saved scenario, by name.
    Saved(String),
}

/// A proposal's result on the loaded data.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub name: String,
    pub evaluation: Rc<Evaluation>,
    pub method: AllocationMethod,
}

/// The result of `pick` on `app`'s data; saved scenarios are looked up in `saved`.
///
/// # Errors
/// A saved scenario that is missing or does not fit the data, in words.
/// Why a saved scenario cannot be one side of the comparison, worded when drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum ProposalProblem {
    /// No scenario is saved under this name (any more).
    NoSaved { name: String },
    /// The saved scenario does not fit the data shown.
    DoesNotFit { name: String, problem: Box<EngineError> },
}

impl ProposalProblem {
    pub fn words(&self, lang: Lang) -> String {
        match self {
            ProposalProblem::NoSaved { name } => lang.fill(m::NO_SAVED_SCENARIO, &[("name", name)]),
            ProposalProblem::DoesNotFit { name, problem } => {
                lang.fill(m::SAVED_DOES_NOT_FIT, &[("name", name), ("problem", &lang.error(problem))])
            }
        }
    }
}

pub fn proposal(app: &AppState, pick: &Pick, saved: &[(String, Scenario)], lang: Lang) -> Result<Proposal, ProposalProblem> {
    match pick {
        Pick::Baseline => Ok(Proposal {
            name: lang.t(m::THE_BASELINE).into(),
            evaluation: Rc::clone(&app.baseline.evaluation),
            method: app.baseline.allocation.method,
        }),
        Pick::Current => Ok(Proposal {
            name: lang.t(m::THE_CURRENT_FORMULA).into(),
            evaluation: Rc::clone(&app.current.evaluation),
            method: app.current.allocation.method,
        }),
        Pick::Saved(name) => {
            let (_, scenario) = saved.iter().find(|(n, _)| n == name).ok_or_else(|| ProposalProblem::NoSaved { name: name.clone() })?;
            let state = app
                .with_scenario(scenario)
                .map_err(|problem| ProposalProblem::DoesNotFit { name: name.clone(), problem: Box::new(problem) })?;
            Ok(Proposal {
                name: format!("\"{name}\""),
                evaluation: Rc::clone(&state.current.evaluation),
                method: state.current.allocation.method,
            })
        }
    }
}

/// One school under A and B.
#[derive(Debug, Clone, PartialEq)]
pub struct SchoolPair {
    pub school: usize,
    pub rank_a: u32,
    pub rank_b: u32,
    pub tier1_a: Option<f64>,
    pub tier1_b: Option<f64>,
    pub cents_a: i64,
    pub cents_b: i64,
}

impl SchoolPair {
    pub fn change_cents(&self) -> i64 {
        self.cents_b - self.cents_a
    }
}

/// Every school under A and B, the largest change of allocation first (ties: rank under B).
pub fn school_pairs(a: &Evaluation, b: &Evaluation) -> Vec<SchoolPair> {
    let mut rows: Vec<SchoolPair> = a
        .schools
        .iter()
        .zip(b.schools.iter())
        .enumerate()
        .map(|(s, (x, y))| SchoolPair {
            school: s,
            rank_a: x.rank,
            rank_b: y.rank,
            tier1_a: x.tier_share(1),
            tier1_b: y.tier_share(1),
            cents_a: x.allocation_cents.unwrap_or(0),
            cents_b: y.allocation_cents.unwrap_or(0),
        })
        .collect();
    rows.sort_by_key(|r| (std::cmp::Reverse(r.change_cents().abs()), r.rank_b));
    rows
}

/// The table as CSV (one row per school, in the order given); text that a spreadsheet would
/// run as a formula is neutralised, as in every export.
/// Blanks each tier-1 share that would reveal a count of students below `threshold`
/// ([`crate::engine::privacy`]), for data counted from one row per student.
pub fn suppress_small_shares(rows: &mut [SchoolPair], a: &Evaluation, b: &Evaluation, threshold: u32) {
    for r in rows {
        if school_cells(&a.schools[r.school], threshold).shares.first().copied().flatten().is_none() {
            r.tier1_a = None;
        }
        if school_cells(&b.schools[r.school], threshold).shares.first().copied().flatten().is_none() {
            r.tier1_b = None;
        }
    }
}

pub fn pairs_csv(rows: &[SchoolPair], ids: &[String], names: &[String]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let share = |x: Option<f64>| x.map_or(String::new(), |v| format!("{v:.6}"));
    let dollars = |c: i64| format!("{}{}.{:02}", if c < 0 { "-" } else { "" }, c.unsigned_abs() / 100, c.unsigned_abs() % 100);
    let _ = w.write_record([
        "school_id",
        "name",
        "rank_a",
        "rank_b",
        "tier1_share_a",
        "tier1_share_b",
        "allocation_a",
        "allocation_b",
        "allocation_change",
    ]);
    for r in rows {
        let _ = w.write_record([
            spreadsheet_safe(&ids[r.school]).into_owned(),
            spreadsheet_safe(&names[r.school]).into_owned(),
            r.rank_a.to_string(),
            r.rank_b.to_string(),
            share(r.tier1_a),
            share(r.tier1_b),
            dollars(r.cents_a),
            dollars(r.cents_b),
            dollars(r.change_cents()),
        ]);
    }
    w.into_inner().map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::{Action, LoadedData};

    #[test]
    fn pairs_put_the_largest_changes_first_and_export_as_csv() {
        let a = AppState::new(LoadedData::demo().unwrap(), None).unwrap();
        let b = a.apply(Action::SetWeight(0, 200.0));
        let pa = proposal(&b, &Pick::Baseline, &[], Lang::En).unwrap();
        let pb = proposal(&b, &Pick::Current, &[], Lang::En).unwrap();
        let rows = school_pairs(&pa.evaluation, &pb.evaluation);
        assert_eq!(rows.len(), 170);
        assert!(rows.windows(2).all(|w| w[0].change_cents().abs() >= w[1].change_cents().abs()));
        assert_ne!(rows[0].change_cents(), 0);
        let schools = b.data.schools().unwrap();
        let csv = pairs_csv(&rows, &schools.ids, &schools.names);
        assert_eq!(csv.lines().count(), 171);
        assert!(csv.starts_with("school_id,name,rank_a,rank_b"));
        let saved = vec![("Plan B".to_string(), b.to_scenario())];
        let from_saved = proposal(&a, &Pick::Saved("Plan B".into()), &saved, Lang::En).unwrap();
        assert_eq!(from_saved.evaluation, pb.evaluation, "a saved scenario gives the same result as when it was current");
        assert_eq!(proposal(&a, &Pick::Saved("nope".into()), &saved, Lang::En), Err(ProposalProblem::NoSaved { name: "nope".into() }));
    }
}
