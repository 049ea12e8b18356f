//! The cheap part a weight change redoes: the weighted sum, the tiers and ranks, the
//! schools' profiles, ranking and allocation. A step at a state's size may take it in two
//! parts: the areas now ([`Prepared::evaluate_areas_into`]), the schools after a pause
//! ([`Prepared::school_outcomes`]).

use std::sync::Arc;

use super::outcomes::{Evaluation, GapHandling, GapOutcome, SchoolScratch};
use super::prepare::Prepared;
use crate::allocation::{AllocationMethod, AllocationSettings, allocate};
use crate::dataset::Dataset;
use crate::error::{Result, SettingsProblem};
use crate::formula::{Formula, MissingPolicy, TierMethod};
use crate::schools::SchoolLinks;
use crate::schools::{RankBy, SchoolOutcome};
use crate::score::{reweighted_score, weighted_sum_into};
use crate::tiers::{assign_tiers_into, rank_order_into, tier_floors};

impl Prepared {
    /// Scores, tiers, ranks, school profiles and (with settings) the allocation.
    ///
    /// # Errors
    /// A formula this preparation does not serve, invalid weights or tiers, invalid
    /// allocation settings.
    pub fn evaluate(
        &self,
        data: &Dataset,
        formula: &Formula,
        rank_by: RankBy,
        allocation: Option<&AllocationSettings>,
    ) -> Result<Evaluation> {
        let mut out = Evaluation::default();
        self.evaluate_into(data, formula, rank_by, allocation, &mut out)?;
        Ok(out)
    }

    /// [`Prepared::evaluate`] into an earlier evaluation, reusing its memory: what a slider
    /// step calls, so a weight change allocates nothing once the buffers have grown.
    ///
    /// # Errors
    /// As [`Prepared::evaluate`]; `out` is then unspecified (but safe to reuse).
    pub fn evaluate_into(
        &self,
        data: &Dataset,
        formula: &Formula,
        rank_by: RankBy,
        allocation: Option<&AllocationSettings>,
        out: &mut Evaluation,
    ) -> Result<()> {
        self.score_areas_into(data, formula, allocation, out)?;
        if let (Some(students), Some(outcomes)) = (&self.students, &out.students) {
            let schools = Arc::make_mut(&mut out.schools);
            let by_student = (outcomes.scores.as_slice(), outcomes.tiers.as_slice());
            profile_and_allocate(&students.links, formula, rank_by, allocation, by_student, schools, &mut out.scratch.schools)?;
        } else if let Some(links) = &self.links {
            // The schools read the scores and tiers by position, still in the scratch.
            let scratch = &mut out.scratch;
            let schools = Arc::make_mut(&mut out.schools);
            profile_and_allocate(links, formula, rank_by, allocation, (&scratch.scores, &scratch.tiers), schools, &mut scratch.schools)?;
        } else {
            out.schools = Arc::default();
        }
        out.areas.fill_from(&self.scored, self.ids.len(), &mut out.scratch);
        Ok(())
    }

    /// The areas' part of [`Prepared::evaluate`]: scores, tiers, ranks and cut points, with
    /// every check of the formula and the allocation settings. The schools are left as they
    /// were in `out` (an earlier step's, or none), for [`Prepared::school_outcomes`] to bring
    /// up to date: at state scale the app shows a step's areas first and its schools a moment
    /// later, once the person pauses.
    ///
    /// # Errors
    /// As [`Prepared::evaluate`].
    pub fn evaluate_areas_into(
        &self,
        data: &Dataset,
        formula: &Formula,
        allocation: Option<&AllocationSettings>,
        out: &mut Evaluation,
    ) -> Result<()> {
        self.score_areas_into(data, formula, allocation, out)?;
        out.areas.fill_from(&self.scored, self.ids.len(), &mut out.scratch);
        Ok(())
    }

    /// The schools' part of [`Prepared::evaluate`] for an evaluation whose areas are done
    /// ([`Prepared::evaluate_areas_into`] with the same formula and allocation): each school's
    /// profile, rank and allocation, the same to the last bit as a whole evaluation's.
    /// Empty without schools.
    ///
    /// # Errors
    /// As [`Prepared::evaluate`], for settings the areas' part did not check (none today).
    pub fn school_outcomes(
        &self,
        formula: &Formula,
        rank_by: RankBy,
        allocation: Option<&AllocationSettings>,
        evaluation: &Evaluation,
    ) -> Result<Vec<SchoolOutcome>> {
        let Some(links) = &self.links else { return Ok(Vec::new()) };
        let mut schools = Vec::new();
        if let (Some(students), Some(outcomes)) = (&self.students, &evaluation.students) {
            let by_student = (outcomes.scores.as_slice(), outcomes.tiers.as_slice());
            profile_and_allocate(&students.links, formula, rank_by, allocation, by_student, &mut schools, &mut SchoolScratch::default())?;
            return Ok(schools);
        }
        let areas = &evaluation.areas;
        // By scored position: the file's order itself when every area is scored.
        let gathered;
        let by_position = if self.scored.len() == areas.len() {
            (areas.scores(), areas.tiers())
        } else {
            gathered = (
                self.scored.iter().map(|&a| areas.scores()[a as usize]).collect::<Vec<f64>>(),
                self.scored.iter().map(|&a| areas.tiers()[a as usize]).collect::<Vec<u8>>(),
            );
            (gathered.0.as_slice(), gathered.1.as_slice())
        };
        profile_and_allocate(links, formula, rank_by, allocation, by_position, &mut schools, &mut SchoolScratch::default())?;
        Ok(schools)
    }

    /// Everything of an evaluation before the schools, by scored position in the scratch
    /// (the areas' columns in file order come after the schools, from the same buffers).
    fn score_areas_into(
        &self,
        data: &Dataset,
        formula: &Formula,
        allocation: Option<&AllocationSettings>,
        out: &mut Evaluation,
    ) -> Result<()> {
        if !self.serves(formula) {
            return Err(SettingsProblem::PreparedForAnotherFormula.into());
        }
        formula.validate()?;
        let pool_cents = match (allocation, data.schools.is_some()) {
            (Some(s), true) => {
                // Checked here so that the schools' part, which may come later, cannot fail.
                if s.method == AllocationMethod::WeightedPerPupil {
                    s.tier_weights_for(formula.tiers.count)?;
                }
                Some(s.pool_cents()?)
            }
            _ => None,
        };
        let scratch = &mut out.scratch;
        let scores = &mut scratch.scores;
        formula.weight_shares_into(&mut scratch.shares);
        weighted_sum_into(&scratch.shares, &self.normalized, self.scored.len(), scores);
        self.score_gaps(formula, &scratch.shares, scores, &mut out.gaps);
        // Rows with gaps that have no score this time (below `min_share`, or a fixed tier)
        // take no part in the ranking or the tier cuts.
        let unscored = out.gaps.iter().any(|g| g.handling != GapHandling::Reweighted);
        rank_order_into(
            scores,
            |a, b| self.ids[self.scored[a as usize] as usize].cmp(&self.ids[self.scored[b as usize] as usize]),
            &mut scratch.order,
            &mut scratch.sort,
        );
        let population = if unscored {
            scratch.order.retain(|&p| !scores[p as usize].is_nan());
            scratch.population.clear();
            scratch.population.extend(self.scored_population.iter().zip(scores.iter()).map(|(&n, s)| if s.is_nan() { 0.0 } else { n }));
            &scratch.population
        } else {
            &self.scored_population
        };
        assign_tiers_into(scores, population, &scratch.order, &formula.tiers, &mut scratch.tiers);
        if unscored {
            let fixed = formula.missing.tier.filter(|_| formula.missing.policy == MissingPolicy::AssignTier).unwrap_or(0);
            for (t, s) in scratch.tiers.iter_mut().zip(scores.iter()) {
                if s.is_nan() {
                    *t = fixed;
                }
            }
        }
        let (scores, order, tiers) = (&scratch.scores, &scratch.order, &scratch.tiers);
        // Ranks go into a column indexed like the scores (0: not ranked this time).
        let ranks = &mut scratch.ranks;
        ranks.clear();
        ranks.resize(scores.len(), 0);
        for (rank, &p) in order.iter().enumerate() {
            ranks[p as usize] = rank as u32 + 1;
        }
        out.tier_floors = tier_floors(scores, tiers, order, formula.tiers.count);
        out.tier_count = formula.tiers.count;
        out.pool_cents = pool_cents;
        match (&self.students, &formula.student) {
            (Some(students), Some(part)) => {
                let cuts: Vec<Option<f64>> = match formula.tiers.method {
                    TierMethod::ScoreCutoffs => formula.tiers.cutoffs.iter().copied().map(Some).collect(),
                    _ => out.tier_floors.clone(),
                };
                let outcomes = Arc::make_mut(out.students.get_or_insert_with(Arc::default));
                students.score_into(part, &scratch.scores, &cuts, outcomes, &mut scratch.student_cuts);
            }
            _ => out.students = None,
        }
        Ok(())
    }
}

/// Profiles, ranks and (with settings) allocates the schools from the areas' scores and
/// tiers by scored position, into `schools` (its memory reused).
fn profile_and_allocate(
    links: &SchoolLinks,
    formula: &Formula,
    rank_by: RankBy,
    allocation: Option<&AllocationSettings>,
    (scores, tiers): (&[f64], &[u8]),
    schools: &mut Vec<SchoolOutcome>,
    scratch: &mut SchoolScratch,
) -> Result<()> {
    let k = formula.tiers.count;
    links.profile_into(scores, tiers, k, schools);
    links.rank(schools, rank_by, &mut scratch.ranks);
    if let Some(settings) = allocation {
        allocate(settings, k, schools, &mut scratch.allocation)?;
    }
    Ok(())
}

impl Prepared {
    /// Scores the positions with gaps as the formula's policy says (`scores` holds NaN for
    /// them after the plain weighted sum), and lists what was done to each in `gaps`.
    fn score_gaps(&self, formula: &Formula, shares: &[f64], scores: &mut [f64], gaps: &mut Vec<GapOutcome>) {
        gaps.clear();
        for gap in &self.gaps {
            let p = gap.position as usize;
            let value = |i: usize| self.normalized[i].get(p).copied().unwrap_or(f64::NAN);
            let share: f64 = shares.iter().enumerate().filter(|&(i, &w)| w > 0.0 && !value(i).is_nan()).map(|(_, w)| w).sum();
            let handling = match formula.missing.policy {
                MissingPolicy::Reweight if share > 0.0 && share >= formula.missing.min_share => {
                    scores[p] = reweighted_score(formula, &value);
                    GapHandling::Reweighted
                }
                MissingPolicy::Reweight | MissingPolicy::LeaveOut => GapHandling::LeftOut,
                MissingPolicy::AssignTier => GapHandling::AssignedTier,
            };
            if handling != GapHandling::Reweighted {
                scores[p] = f64::NAN;
            }
            gaps.push(GapOutcome { area: self.scored[p], share, handling });
        }
    }
}
