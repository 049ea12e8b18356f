//! The pipeline: [`Prepared`] holds everything that changes only with the data or the
//! normalisation (parsed indicator values, normalised values, exclusions, id order);
//! [`Prepared::evaluate`] does the cheap part a weight change needs, one step per module:
//! the weighted sum ([`super::score`]), tiers and ranks ([`super::tiers`]), school profiles and
//! their ranking ([`super::schools`]) and the allocation ([`super::allocation`]).

use std::rc::Rc;
use std::sync::Arc;

use super::allocation::{AllocationMethod, AllocationScratch, AllocationSettings, allocate};
use super::dataset::Dataset;
use super::error::{EngineError, Expected, Purpose, Result, SettingsProblem};
use super::formula::{Direction, Formula, MissingPolicy, Normalization};
use super::normalize::{normalize, normalize_present};
use super::parallel;
use super::schools::{NOT_SCORED, RankScratch, SchoolLinks};
pub use super::schools::{RankBy, SchoolOutcome, TierCounts};
use super::score::{reweighted_score, weighted_sum_into};
use super::sort::SortScratch;
use super::table::{MissingMarker, Numbers, TextColumn, merge_invalid};
use super::tiers::{assign_tiers_into, rank_order_into, tier_floors};

/// A row left out of scoring because an indicator value is missing.
#[derive(Debug, Clone, PartialEq)]
pub struct Exclusion {
    pub file: String,
    /// Spreadsheet row number.
    pub row: usize,
    pub id: String,
    /// The enabled indicator columns with no value on this row.
    pub columns: Vec<String>,
}

impl std::fmt::Display for Exclusion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: row {} (id {}) is not scored: no value in column {}",
            self.file,
            self.row,
            self.id,
            self.columns.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ")
        )
    }
}

/// Something about how a file's values were read that a person should know: estimates read as
/// their bound, and texts read as missing.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadNote {
    /// Values written as "this or more" (`250,000+`), read as the bound.
    TopCoded { file: String, column: String, count: usize },
    /// Values written as "this or less" (`2,500-`), read as the bound.
    BottomCoded { file: String, column: String, count: usize },
    /// Texts read as missing: the Census Bureau's markers and others every file is read with,
    /// and those the person declared.
    ReadAsMissing { file: String, column: String, markers: Vec<MissingMarker> },
}

impl std::fmt::Display for ReadNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadNote::TopCoded { file, column, count } => {
                write!(f, "{file}: column \"{column}\": {count} values are top-coded (such as 250,000+) and read as their bound")
            }
            ReadNote::BottomCoded { file, column, count } => {
                write!(f, "{file}: column \"{column}\": {count} values are bottom-coded (such as 2,500-) and read as their bound")
            }
            ReadNote::ReadAsMissing { file, column, markers } => {
                let listed: Vec<String> = markers
                    .iter()
                    .map(|m| {
                        let cells = if m.count == 1 { "1 cell".to_owned() } else { format!("{} cells", m.count) };
                        let how = if m.declared { ", declared missing" } else { "" };
                        format!("\"{}\" ({cells}{how})", m.text)
                    })
                    .collect();
                write!(f, "{file}: column \"{column}\": read as missing: {}", listed.join(", "))
            }
        }
    }
}

/// The parts of a formula that decide what [`Prepared`] holds; a change to anything else
/// (weights, tiers) needs no new preparation.
#[derive(Debug, Clone, PartialEq)]
struct PreparationKey {
    id_column: String,
    population_column: Option<String>,
    normalization: Normalization,
    indicators: Vec<(String, Direction, bool)>,
    /// Which rows take part and over which values each indicator is normalised.
    missing: MissingPolicy,
}

impl PreparationKey {
    fn of(formula: &Formula) -> PreparationKey {
        PreparationKey {
            id_column: formula.id_column.trim().into(),
            population_column: formula.population_column.as_ref().map(|c| c.trim().to_owned()),
            normalization: formula.normalization,
            indicators: formula.indicators.iter().map(|i| (i.column.trim().to_owned(), i.direction, i.enabled)).collect(),
            missing: formula.missing.policy,
        }
    }
}

/// Data-dependent precomputation for one formula structure.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    key: PreparationKey,
    file: String,
    ids: TextColumn,
    /// Per area; 1 for every area when the formula names no population column, 0 where the
    /// population is missing.
    population: Vec<f64>,
    /// Area indices that are scored (population and every enabled indicator present).
    scored: Vec<u32>,
    /// Per area: its position in `scored`, or [`NOT_SCORED`].
    position: Vec<u32>,
    /// Per formula indicator: normalised values per scored position (empty when disabled).
    normalized: Vec<Vec<f64>>,
    /// Population per scored position.
    scored_population: Vec<f64>,
    exclusions: Vec<Exclusion>,
    /// Scored positions with an enabled indicator's value missing (none under `leave_out`),
    /// in order.
    gaps: Vec<Gap>,
    notes: Vec<ReadNote>,
    /// Enrollment as a sparse school × area matrix, when the data has schools.
    links: Option<SchoolLinks>,
}

impl Prepared {
    /// Reads the formula's columns from the areas and normalises every enabled indicator.
    ///
    /// A row whose population is missing is left out and listed in [`Prepared::exclusions`];
    /// so is a row missing an enabled indicator's value under the `leave_out` policy, or every
    /// value under `reweight`. Top- or bottom-coded values are noted in [`Prepared::notes`].
    ///
    /// Each indicator is normalised over the scored rows that have it: all of them under
    /// `leave_out`, the rows with a value under `reweight`, the rows with every value under
    /// `assign_tier` (whose other rows get a tier but no score).
    ///
    /// # Errors
    /// An invalid formula, missing columns, duplicate or empty ids, text in numeric columns,
    /// negative populations, or no scorable row.
    pub fn new(data: &Dataset, formula: &Formula) -> Result<Prepared> {
        formula.validate()?;
        let table = data.areas.table();
        // Population first, then each enabled indicator: parsed column by column, while the
        // ids are checked (an id problem is still the one reported first).
        let mut wanted: Vec<(&str, Purpose)> = Vec::with_capacity(formula.indicators.len() + 1);
        if let Some(c) = &formula.population_column {
            wanted.push((c, Purpose::PopulationOfFormula));
        }
        wanted.extend(formula.indicators.iter().filter(|i| i.enabled).map(|i| (i.column.as_str(), Purpose::IndicatorOfFormula)));
        let (ids, parsed) = parallel::join(
            || table.id_column(&formula.id_column, Purpose::AreaIdOfFormula),
            || parallel::map(&wanted, |(column, purpose)| table.numbers(column, *purpose)),
        );
        let ids = ids?;
        // Every bad cell of every column at once, so a person fixes the file in one go.
        if let Some(error) = merge_invalid(parsed.iter().filter_map(|p| p.as_ref().err().cloned()).collect()) {
            return Err(error);
        }
        let mut parsed = parsed.into_iter();
        let mut notes = Vec::new();
        let mut note_coded = |column: &str, n: &Numbers| {
            let (file, column) = (table.file().to_owned(), column.trim().to_owned());
            if n.top_coded > 0 {
                notes.push(ReadNote::TopCoded { file: file.clone(), column: column.clone(), count: n.top_coded });
            }
            if n.bottom_coded > 0 {
                notes.push(ReadNote::BottomCoded { file: file.clone(), column: column.clone(), count: n.bottom_coded });
            }
            if !n.markers.is_empty() {
                notes.push(ReadNote::ReadAsMissing { file, column, markers: n.markers.clone() });
            }
        };
        let population = match &formula.population_column {
            Some(c) => {
                let p = parsed.next().expect("parsed above")?;
                note_coded(c, &p);
                if let Some(i) = p.values.iter().position(|v| *v < 0.0) {
                    return Err(table.invalid(i, c, &table.cells(c, Purpose::PopulationOfFormula)?[i], Expected::CountNotNegative));
                }
                p.values
            }
            None => vec![1.0; ids.len()],
        };
        // Per indicator: its values per area (NaN = missing), or None when switched off.
        let mut raw: Vec<Option<Vec<f64>>> = Vec::with_capacity(formula.indicators.len());
        for ind in &formula.indicators {
            raw.push(if ind.enabled {
                let n = parsed.next().expect("parsed above")?;
                note_coded(&ind.column, &n);
                Some(n.values)
            } else {
                None
            });
        }
        let mut scored = Vec::with_capacity(ids.len());
        let mut position = vec![NOT_SCORED; ids.len()];
        let mut exclusions = Vec::new();
        let mut gaps = Vec::new();
        let policy = formula.missing.policy;
        for area in 0..ids.len() {
            let complete = !population[area].is_nan() && raw.iter().flatten().all(|col| !col[area].is_nan());
            if complete {
                position[area] = scored.len() as u32;
                scored.push(area as u32);
                continue;
            }
            let mut missing: Vec<String> = Vec::new();
            if population[area].is_nan() {
                missing.extend(formula.population_column.iter().map(|c| c.trim().to_owned()));
            }
            missing.extend(
                formula
                    .indicators
                    .iter()
                    .zip(&raw)
                    .filter(|(_, col)| col.as_ref().is_some_and(|c| c[area].is_nan()))
                    .map(|(ind, _)| ind.column.trim().to_owned()),
            );
            let any_value = raw.iter().flatten().any(|col| !col[area].is_nan());
            let takes_part = !population[area].is_nan()
                && match policy {
                    MissingPolicy::LeaveOut => false,
                    MissingPolicy::Reweight => any_value,
                    MissingPolicy::AssignTier => true,
                };
            if takes_part {
                position[area] = scored.len() as u32;
                gaps.push(Gap { position: scored.len() as u32, row: table.row_number(area), columns: missing });
                scored.push(area as u32);
                continue;
            }
            exclusions.push(Exclusion {
                file: table.file().into(),
                row: table.row_number(area),
                id: ids[area].to_owned(),
                columns: missing,
            });
        }
        if scored.is_empty() {
            return Err(EngineError::NothingToScore { file: table.file().into() });
        }
        let population: Vec<f64> = population.into_iter().map(|p| if p.is_nan() { 0.0 } else { p }).collect();
        let scored_population: Vec<f64> = scored.iter().map(|&a| population[a as usize]).collect();
        // Each raw column is dropped as soon as it is normalised, to keep the peak memory low.
        // One raw column with its direction, taken out by whichever thread normalises it.
        type RawSlot = std::sync::Mutex<Option<(Vec<f64>, Direction)>>;
        let columns: Vec<RawSlot> =
            raw.into_iter().zip(&formula.indicators).map(|(col, ind)| std::sync::Mutex::new(col.map(|c| (c, ind.direction)))).collect();
        // Under `assign_tier` the rows with gaps get no score and shape no one's.
        let mut normalised_over: Vec<bool> = vec![true; scored.len()];
        if policy == MissingPolicy::AssignTier {
            for gap in &gaps {
                normalised_over[gap.position as usize] = false;
            }
        }
        let normalized = parallel::map(&columns, |slot| {
            let taken = slot.lock().map(|mut s| s.take()).unwrap_or(None);
            match taken {
                Some((col, direction)) => {
                    let values: Vec<f64> = scored.iter().map(|&a| col[a as usize]).collect();
                    drop(col);
                    if gaps.is_empty() {
                        normalize(&values, &scored_population, formula.normalization, direction)
                    } else {
                        normalize_present(&values, &scored_population, &normalised_over, formula.normalization, direction)
                    }
                }
                None => Vec::new(),
            }
        });
        let links = data.schools.as_ref().map(|(schools, enrollment)| SchoolLinks::new(schools, enrollment, &position));
        Ok(Prepared {
            key: PreparationKey::of(formula),
            file: table.file().into(),
            ids,
            population,
            scored,
            position,
            normalized,
            scored_population,
            exclusions,
            gaps,
            notes,
            links,
        })
    }

    /// Whether this preparation serves `formula` (only weights and tiers differ). When it does
    /// not, prepare again.
    pub fn serves(&self, formula: &Formula) -> bool {
        self.key == PreparationKey::of(formula)
    }

    /// The preparation for `formula`: `previous` when it serves it (a weight change redoes
    /// only the cheap part), else a new one.
    ///
    /// # Errors
    /// As [`Prepared::new`].
    pub fn reusing(previous: Option<&Rc<Prepared>>, data: &Dataset, formula: &Formula) -> Result<Rc<Prepared>> {
        match previous {
            Some(p) if p.serves(formula) => Ok(Rc::clone(p)),
            _ => Ok(Rc::new(Prepared::new(data, formula)?)),
        }
    }

    /// Area ids in file order.
    pub fn ids(&self) -> &TextColumn {
        &self.ids
    }

    /// Area populations in file order (1 each without a population column; 0 where missing).
    pub fn population(&self) -> &[f64] {
        &self.population
    }

    /// Rows left out for missing values.
    pub fn exclusions(&self) -> &[Exclusion] {
        &self.exclusions
    }

    /// What was read in a way worth telling: top- and bottom-coded estimates.
    pub fn notes(&self) -> &[ReadNote] {
        &self.notes
    }

    /// Scored positions with an enabled indicator's value missing (none under the
    /// `leave_out` policy), in order.
    pub fn gaps(&self) -> &[Gap] {
        &self.gaps
    }

    /// What the formula did with each area with a gap, one line each (as `ses` writes them
    /// on stderr): scored on part of the weight, left out, or given a tier.
    pub fn gap_lines(&self, evaluation: &Evaluation) -> Vec<String> {
        let percent = |x: f64| format!("{:.0}%", 100.0 * x);
        self.gaps
            .iter()
            .zip(&evaluation.gaps)
            .map(|(gap, outcome)| {
                let area = self.scored[gap.position as usize] as usize;
                let missing = gap.columns.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
                let row = format!("{}: row {} (id {}) has no value in column {missing}", self.file, gap.row, &self.ids[area]);
                match outcome.handling {
                    GapHandling::Reweighted => format!("scored with gaps: {row}; scored on {} of the weight", percent(outcome.share)),
                    GapHandling::LeftOut => format!("left out: {row}; what it has carries {} of the weight", percent(outcome.share)),
                    GapHandling::AssignedTier => {
                        format!("given tier {}: {row}", evaluation.areas.of(area).tier.map_or(String::new(), |t| t.to_string()))
                    }
                }
            })
            .collect()
    }

    /// Number of areas scored.
    pub fn scored_count(&self) -> usize {
        self.scored.len()
    }

    /// Indices of the scored areas, in file order; a "scored position" indexes this list.
    pub fn scored_areas(&self) -> &[u32] {
        &self.scored
    }

    /// Population per scored position.
    pub fn scored_population(&self) -> &[f64] {
        &self.scored_population
    }

    /// An area's scored position, or `None` when it is left out.
    pub fn position_of(&self, area: usize) -> Option<usize> {
        self.position.get(area).filter(|&&p| p != NOT_SCORED).map(|&p| p as usize)
    }

    /// Formula indicator `indicator`'s normalised values per scored position (empty when the
    /// indicator is switched off).
    pub fn normalized_column(&self, indicator: usize) -> &[f64] {
        self.normalized.get(indicator).map_or(&[], Vec::as_slice)
    }

    /// Where school `school`'s students live: (scored position, or `None` for an area left
    /// out; students), in area order. Empty without schools.
    pub fn school_sources(&self, school: usize) -> impl Iterator<Item = (Option<usize>, f64)> + '_ {
        self.links.iter().flat_map(move |l| l.sources(school))
    }

    /// Per school: the share of its students from scored areas who live in the areas `near`
    /// (file order, each listed once); `None` for a school without students from scored
    /// areas. Empty without schools.
    pub fn school_shares_near(&self, near: &[u32]) -> Vec<Option<f64>> {
        let Some(links) = &self.links else { return Vec::new() };
        let positions: Vec<u32> =
            near.iter().filter_map(|&a| self.position.get(a as usize).copied().filter(|&p| p != NOT_SCORED)).collect();
        links.shares_near(&positions)
    }

    /// An indicator's normalised value for an area (`None` if the area is not scored, the
    /// indicator is switched off, or the area has no value of it).
    pub fn normalized_value(&self, indicator: usize, area: usize) -> Option<f64> {
        let p = self.position[area];
        if p == NOT_SCORED {
            return None;
        }
        self.normalized.get(indicator)?.get(p as usize).copied().filter(|v| !v.is_nan())
    }

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
        if let Some(links) = &self.links {
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
        let mut schools = Vec::new();
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
        Ok(())
    }
}

/// Buffers of the schools' part of an evaluation, reused from one step to the next.
#[derive(Default)]
struct SchoolScratch {
    ranks: RankScratch,
    allocation: AllocationScratch,
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

/// A scored area with an enabled indicator's value missing.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    /// Its scored position.
    pub position: u32,
    /// Its spreadsheet row number.
    pub row: usize,
    /// The enabled indicator columns it has no value in.
    pub columns: Vec<String>,
}

/// What was done to an area with an indicator value missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GapHandling {
    /// Scored on the indicators it has, reweighted within their groups.
    Reweighted,
    /// Not scored this time: what it has carries less than `min_share` of the weight (or
    /// nothing of it).
    LeftOut,
    /// Given the formula's fixed tier, and no score.
    AssignedTier,
}

/// An area with an indicator value missing, and what the formula did with it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GapOutcome {
    /// The area, in file order.
    pub area: u32,
    /// The share of the total weight its present indicators carry (0 to 1).
    pub share: f64,
    pub handling: GapHandling,
}

/// One area's result. All `None` when the area was excluded for missing values.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct AreaOutcome {
    /// Weighted score (0–100 for percentile and min–max normalisations).
    pub score: Option<f64>,
    /// Tier 1..=K, 1 = lowest SES.
    pub tier: Option<u8>,
    /// 1 = lowest score (highest need); ties broken by id.
    pub rank: Option<u32>,
}

/// Every area's result, in file order, a column each: a slider step at a quarter million
/// areas writes three flat arrays (mostly by handing over the buffers it computed them in)
/// instead of a record per area, and readers that need one column read only that one.
#[derive(Debug, Clone, Default)]
pub struct AreaOutcomes {
    /// NaN where the area has no score.
    scores: Vec<f64>,
    /// 0 where the area has no tier.
    tiers: Vec<u8>,
    /// 0 where the area has no rank.
    ranks: Vec<u32>,
    /// The ranked areas, rank 1 first.
    order: Vec<u32>,
}

impl AreaOutcomes {
    /// Number of areas (scored or not).
    pub fn len(&self) -> usize {
        self.ranks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ranks.is_empty()
    }

    /// One area's result.
    ///
    /// # Panics
    /// `area` is not below [`AreaOutcomes::len`], as for indexing a slice.
    pub fn of(&self, area: usize) -> AreaOutcome {
        let score = self.scores[area];
        AreaOutcome {
            score: (!score.is_nan()).then_some(score),
            tier: Some(self.tiers[area]).filter(|&t| t > 0),
            rank: Some(self.ranks[area]).filter(|&r| r > 0),
        }
    }

    /// One area's result, `None` past the last area.
    pub fn get(&self, area: usize) -> Option<AreaOutcome> {
        (area < self.len()).then(|| self.of(area))
    }

    /// Every area's result, in file order.
    pub fn iter(&self) -> AreaOutcomeIter<'_> {
        AreaOutcomeIter { areas: self, next: 0..self.len() }
    }

    /// Each area's tier, 0 for none.
    pub fn tiers(&self) -> &[u8] {
        &self.tiers
    }

    /// Each area's rank, 0 for none.
    pub fn ranks(&self) -> &[u32] {
        &self.ranks
    }

    /// Each area's score, NaN for none.
    pub fn scores(&self) -> &[f64] {
        &self.scores
    }

    /// The ranked areas in rank order (rank 1 first). Their tiers never decrease along it.
    pub fn in_rank_order(&self) -> &[u32] {
        &self.order
    }

    /// Takes an evaluation's columns, computed per scored position, into file order. When
    /// every area is scored the two orders are the same and the buffers change hands
    /// (the old ones become the next evaluation's scratch); otherwise the areas left out get
    /// no result.
    fn fill_from(&mut self, scored: &[u32], area_count: usize, scratch: &mut Scratch) {
        if scored.len() == area_count {
            std::mem::swap(&mut self.scores, &mut scratch.scores);
            std::mem::swap(&mut self.tiers, &mut scratch.tiers);
            std::mem::swap(&mut self.ranks, &mut scratch.ranks);
            std::mem::swap(&mut self.order, &mut scratch.order);
            return;
        }
        fn scatter<T: Copy>(column: &mut Vec<T>, none: T, n: usize, scored: &[u32], values: &[T]) {
            column.clear();
            column.resize(n, none);
            for (&area, &v) in scored.iter().zip(values) {
                column[area as usize] = v;
            }
        }
        scatter(&mut self.scores, f64::NAN, area_count, scored, &scratch.scores);
        scatter(&mut self.tiers, 0, area_count, scored, &scratch.tiers);
        scatter(&mut self.ranks, 0, area_count, scored, &scratch.ranks);
        self.order.clear();
        self.order.extend(scratch.order.iter().map(|&p| scored[p as usize]));
    }
}

/// The areas' results in file order, one [`AreaOutcome`] each.
#[derive(Clone)]
pub struct AreaOutcomeIter<'a> {
    areas: &'a AreaOutcomes,
    next: std::ops::Range<usize>,
}

impl Iterator for AreaOutcomeIter<'_> {
    type Item = AreaOutcome;

    fn next(&mut self) -> Option<AreaOutcome> {
        self.next.next().map(|a| self.areas.of(a))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.next.size_hint()
    }
}

impl ExactSizeIterator for AreaOutcomeIter<'_> {}

impl<'a> IntoIterator for &'a AreaOutcomes {
    type Item = AreaOutcome;
    type IntoIter = AreaOutcomeIter<'a>;

    fn into_iter(self) -> AreaOutcomeIter<'a> {
        self.iter()
    }
}

impl PartialEq for AreaOutcomes {
    /// Equal results; NaN (no score) equals NaN.
    fn eq(&self, other: &AreaOutcomes) -> bool {
        self.tiers == other.tiers
            && self.ranks == other.ranks
            && self.scores.len() == other.scores.len()
            && self.scores.iter().zip(&other.scores).all(|(a, b)| a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()))
    }
}

/// Everything a formula produces for a dataset.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Evaluation {
    pub tier_count: u8,
    /// Per area, in file order.
    pub areas: AreaOutcomes,
    /// The lowest score in tiers 2..=K: the cut points on the score axis.
    pub tier_floors: Vec<Option<f64>>,
    /// Per school, in file order (empty without schools). Shared, so that a step whose
    /// schools come later ([`Prepared::evaluate_areas_into`]) can show the last ones
    /// without copying them.
    pub schools: Arc<Vec<SchoolOutcome>>,
    /// The pool in cents, when an allocation was asked for.
    pub pool_cents: Option<i64>,
    /// The areas with a value missing that took part (none under `leave_out`), in file order.
    pub gaps: Vec<GapOutcome>,
    /// Buffers reused by the next [`Prepared::evaluate_into`]; not part of the result.
    scratch: Scratch,
}

/// The indices of the ranked items, in rank order. Ranks run 1..=n without gaps, so each item
/// is put in its place in one pass (a quarter million areas in about a millisecond in the
/// browser, where sorting them took twenty); anything else is sorted.
fn in_rank_order(ranks: impl ExactSizeIterator<Item = Option<u32>> + Clone) -> Vec<usize> {
    let ranked = ranks.clone().flatten().count();
    let mut order = vec![usize::MAX; ranked];
    for (i, rank) in ranks.clone().enumerate() {
        match rank.and_then(|r| order.get_mut((r as usize).wrapping_sub(1))) {
            Some(slot) if *slot == usize::MAX => *slot = i,
            Some(_) => return sorted_by_rank(ranks),
            None if rank.is_some() => return sorted_by_rank(ranks),
            None => {}
        }
    }
    order
}

fn sorted_by_rank(ranks: impl Iterator<Item = Option<u32>>) -> Vec<usize> {
    let mut ranked: Vec<(u32, usize)> = ranks.enumerate().filter_map(|(i, r)| r.map(|r| (r, i))).collect();
    ranked.sort_unstable();
    ranked.into_iter().map(|(_, i)| i).collect()
}

/// Working memory of an evaluation. Two evaluations are equal whatever their scratch holds,
/// and a copy of an evaluation starts with none (its buffers grow again when reused).
#[derive(Default)]
struct Scratch {
    /// Each indicator's effective share of the score.
    shares: Vec<f64>,
    scores: Vec<f64>,
    /// The scored population, less the positions without a score this time.
    population: Vec<f64>,
    order: Vec<u32>,
    tiers: Vec<u8>,
    sort: SortScratch,
    /// Per scored position: its rank (0: none this time).
    ranks: Vec<u32>,
    schools: SchoolScratch,
}

impl PartialEq for Scratch {
    fn eq(&self, _: &Scratch) -> bool {
        true
    }
}

impl Clone for Scratch {
    fn clone(&self) -> Scratch {
        Scratch::default()
    }
}

impl std::fmt::Debug for Scratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Scratch")
    }
}

impl Evaluation {
    /// An evaluation still to be made that shows `earlier`'s schools (shared, not copied)
    /// until its own: what [`Prepared::evaluate_areas_into`] fills.
    pub fn showing_schools_of(earlier: &Evaluation) -> Evaluation {
        Evaluation { schools: Arc::clone(&earlier.schools), ..Evaluation::default() }
    }

    /// The same evaluation with these schools ([`Prepared::school_outcomes`]).
    pub fn with_schools(&self, schools: Vec<SchoolOutcome>) -> Evaluation {
        Evaluation { schools: Arc::new(schools), ..self.clone() }
    }

    /// School indices in rank order.
    pub fn school_order(&self) -> Vec<usize> {
        in_rank_order(self.schools.iter().map(|s| Some(s.rank)))
    }

    /// Area indices of scored areas in rank order (rank 1 first).
    pub fn area_order(&self) -> Vec<usize> {
        self.areas.in_rank_order().iter().map(|&a| a as usize).collect()
    }

    /// Total cents allocated to schools.
    pub fn allocated_cents(&self) -> i64 {
        self.schools.iter().filter_map(|s| s.allocation_cents).sum()
    }

    /// Population per tier (index 0 = tier 1), given the areas' populations.
    pub fn population_by_tier(&self, population: &[f64]) -> Vec<f64> {
        let mut out = vec![0.0; usize::from(self.tier_count)];
        for (&t, p) in self.areas.tiers().iter().zip(population) {
            if t > 0 {
                out[usize::from(t) - 1] += p;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::allocation::AllocationMethod;
    use crate::compare::compare;
    use crate::dataset::{Areas, Enrollment, EnrollmentColumns, SchoolColumns, Schools};
    use crate::table::Table;

    const AREAS: &[u8] = b"id,kids,income,single\na,10,100,50\nb,20,200,40\nc,30,300,30\nd,40,NA,20\n";
    const SCHOOLS: &[u8] = b"school_id,name\nS1,First\nS2,Second\n";
    const ENROLLMENT: &[u8] = b"area_id,school_id,students\na,S1,10\nb,S1,10\nc,S2,20\nd,S2,5\nb,S2,10\n";

    fn formula() -> Formula {
        Formula::from_json(
            "f.json",
            br#"{"version":1,"id_column":"id","population_column":"kids","normalization":"weighted_percentile",
                "indicators":[{"column":"income","direction":"advantage","weight":1},
                              {"column":"single","direction":"disadvantage","weight":1}],
                "tiers":{"count":2,"method":"equal_population"}}"#,
        )
        .unwrap()
    }

    fn data() -> Dataset {
        data_of(AREAS)
    }

    fn data_of(areas: &[u8]) -> Dataset {
        let areas = Areas::parse("areas.csv", areas).unwrap();
        let schools = Schools::parse("schools.csv", SCHOOLS, &SchoolColumns::default()).unwrap();
        let ids = areas.table().id_column("id", Purpose::Indicator).unwrap();
        let enrollment =
            Enrollment::from_counts(&Table::parse("enrollment.csv", ENROLLMENT).unwrap(), &EnrollmentColumns::default(), &ids, &schools)
                .unwrap();
        Dataset { areas, schools: Some((schools, enrollment)) }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    fn evaluate(allocation: Option<&AllocationSettings>) -> Evaluation {
        let (data, f) = (data(), formula());
        Prepared::new(&data, &f).unwrap().evaluate(&data, &f, RankBy::Tier1Share, allocation).unwrap()
    }

    #[test]
    fn rows_missing_an_indicator_are_excluded_and_reported() {
        let p = Prepared::new(&data(), &formula()).unwrap();
        assert_eq!(p.exclusions().len(), 1);
        assert_eq!(p.exclusions()[0].to_string(), "areas.csv: row 5 (id d) is not scored: no value in column \"income\"");
        let e = evaluate(None);
        assert_eq!(e.areas.of(3), AreaOutcome::default());
    }

    #[test]
    fn scores_tiers_and_ranks_follow_the_hand_computation() {
        let e = evaluate(None);
        let scores: Vec<f64> = e.areas.iter().take(3).map(|a| a.score.unwrap()).collect();
        assert!(close(scores[0], 100.0 / 6.0) && close(scores[1], 50.0) && close(scores[2], 100.0), "{scores:?}");
        let tiers: Vec<u8> = e.areas.iter().take(3).map(|a| a.tier.unwrap()).collect();
        assert_eq!(tiers, [1, 1, 2]);
        let ranks: Vec<u32> = e.areas.iter().take(3).map(|a| a.rank.unwrap()).collect();
        assert_eq!(ranks, [1, 2, 3]);
        assert_eq!(e.tier_floors, vec![Some(100.0)]);
    }

    #[test]
    fn school_profiles_count_students_by_tier_and_mean_score() {
        let e = evaluate(None);
        let (s1, s2) = (&e.schools[0], &e.schools[1]);
        assert_eq!(s1.students_by_tier, [20.0, 0.0]);
        assert_eq!(s2.students_by_tier, [10.0, 20.0]);
        assert_eq!(s2.unscored_students, 5.0);
        assert!(close(s1.mean_score.unwrap(), (10.0 * 100.0 / 6.0 + 10.0 * 50.0) / 20.0));
        assert!(close(s2.mean_score.unwrap(), (10.0 * 50.0 + 20.0 * 100.0) / 30.0));
        assert!(close(s2.tier_share(1).unwrap(), 1.0 / 3.0));
        assert_eq!((s1.rank, s2.rank), (1, 2));
    }

    #[test]
    fn allocations_add_up_to_the_pool_for_every_method() {
        let mut s =
            AllocationSettings { pool: 300.0, method: AllocationMethod::WeightedPerPupil, tier_weights: vec![], cutoff_percent: 50.0 };
        let cents = |e: Evaluation| e.schools.iter().map(|s| s.allocation_cents.unwrap()).collect::<Vec<_>>();
        assert_eq!(cents(evaluate(Some(&s))), [20_000, 10_000]);
        s.method = AllocationMethod::ProportionalToNeed;
        assert_eq!(cents(evaluate(Some(&s))), [21_818, 8_182]);
        s.method = AllocationMethod::RankAndServe;
        let e = evaluate(Some(&s));
        assert!(!e.schools[1].served);
        assert_eq!(cents(e), [30_000, 0]);
    }

    #[test]
    fn ranking_by_mean_score_orders_lowest_first() {
        let (data, f) = (data(), formula());
        let e = Prepared::new(&data, &f).unwrap().evaluate(&data, &f, RankBy::MeanScore, None).unwrap();
        assert_eq!((e.schools[0].rank, e.schools[1].rank), (1, 2));
    }

    #[test]
    fn equal_scores_rank_by_id_whatever_the_file_order() {
        let areas = Areas::parse("a.csv", b"id,x\nz,1\nm,1\na,1\n").unwrap();
        let data = Dataset::areas_only(areas);
        let f = Formula::from_json(
            "f.json",
            br#"{"version":1,"id_column":"id","normalization":"percentile",
            "indicators":[{"column":"x","direction":"advantage","weight":1}],"tiers":{"count":3,"method":"equal_count"}}"#,
        )
        .unwrap();
        let e = Prepared::new(&data, &f).unwrap().evaluate(&data, &f, RankBy::default(), None).unwrap();
        let ranks: Vec<u32> = e.areas.iter().map(|a| a.rank.unwrap()).collect();
        assert_eq!(ranks, [3, 2, 1]);
        let tiers: Vec<u8> = e.areas.iter().map(|a| a.tier.unwrap()).collect();
        assert_eq!(tiers, [3, 2, 1]);
    }

    #[test]
    fn a_weight_change_reuses_the_preparation_but_a_direction_change_does_not() {
        let (data, mut f) = (data(), formula());
        let p = Prepared::new(&data, &f).unwrap();
        f.indicators[0].weight = 3.0;
        assert!(p.serves(&f));
        assert!(p.evaluate(&data, &f, RankBy::default(), None).is_ok());
        f.indicators[0].direction = Direction::Disadvantage;
        assert!(!p.serves(&f));
        assert!(p.evaluate(&data, &f, RankBy::default(), None).is_err());
    }

    #[test]
    fn rank_order_places_each_item_by_its_rank_or_sorts_when_ranks_have_gaps() {
        assert_eq!(in_rank_order([Some(2), None, Some(1), Some(3)].into_iter()), [2, 0, 3]);
        // Ranks that repeat or skip (not what an evaluation makes) are still put in order.
        assert_eq!(in_rank_order([Some(5), Some(2), Some(2)].into_iter()), [1, 2, 0]);
        assert_eq!(in_rank_order([Some(9), Some(1)].into_iter()), [1, 0]);
        let e = evaluate(None);
        let order = e.area_order();
        assert!(order.windows(2).all(|w| e.areas.of(w[0]).rank < e.areas.of(w[1]).rank));
        assert_eq!(order.len(), e.areas.iter().filter(|a| a.rank.is_some()).count());
    }

    #[test]
    fn all_zero_weights_are_an_error_not_nan() {
        let (data, mut f) = (data(), formula());
        let p = Prepared::new(&data, &f).unwrap();
        for i in &mut f.indicators {
            i.weight = 0.0;
        }
        let err = p.evaluate(&data, &f, RankBy::default(), None).unwrap_err();
        assert!(err.to_string().contains("all weights are zero"), "{err}");
    }

    #[test]
    fn nothing_to_score_is_an_error() {
        let data = Dataset::areas_only(Areas::parse("a.csv", b"id,kids,income,single\na,1,,5\n").unwrap());
        assert_eq!(Prepared::new(&data, &formula()).unwrap_err(), EngineError::NothingToScore { file: "a.csv".into() });
    }

    #[test]
    fn comparison_reports_rank_tier_and_money_changes() {
        let (data, f) = (data(), formula());
        let s = AllocationSettings { pool: 300.0, ..AllocationSettings::default() };
        let p = Prepared::new(&data, &f).unwrap();
        let base = p.evaluate(&data, &f, RankBy::default(), Some(&s)).unwrap();
        // Income only, in the other direction: the order of areas flips.
        let mut g = f.clone();
        g.indicators[1].enabled = false;
        g.indicators[0].direction = Direction::Disadvantage;
        let q = Prepared::new(&data, &g).unwrap();
        let scen = q.evaluate(&data, &g, RankBy::default(), Some(&s)).unwrap();
        let c = compare(&base, &scen).unwrap();
        assert_eq!((0..3).map(|a| c.area_rank_change(a)).collect::<Vec<_>>(), [Some(-2), Some(0), Some(2)]);
        assert_eq!(c.area_rank_change(3), None);
        // scenario scores a 100, b 83.3, c 50; cumulative kids 30, 50, 60 of 60 → tiers c 1, b 2, a 2
        assert_eq!((0..3).map(|a| c.area_tier_change(a)).collect::<Vec<_>>(), [Some(1), Some(1), Some(-1)]);
        assert_eq!(*c.school_rank_change, [-1, 1]);
        let moved = c.school_allocation_change_cents.iter().flatten().sum::<i64>();
        assert_eq!(moved, 0, "same pool: gains equal losses");
        assert_eq!(c.schools_moving(1), 2);
        assert_eq!(c.areas_changing_tier(), 3);
        let (gains, losses) = c.biggest_changes(5);
        assert_eq!((gains, losses), (vec![1], vec![0]));
    }

    /// The areas now and the schools later give what one evaluation gives, to the last bit;
    /// until then the evaluation keeps the schools it had.
    pub(crate) fn assert_split_matches_whole(data: &Dataset, f: &Formula, rank_by: RankBy, allocation: Option<&AllocationSettings>) {
        let prepared = Prepared::new(data, f).unwrap();
        let whole = prepared.evaluate(data, f, rank_by, allocation).unwrap();
        let earlier = Evaluation { schools: Arc::new(vec![SchoolOutcome::empty(2)]), ..Evaluation::default() };
        let mut split = Evaluation::showing_schools_of(&earlier);
        prepared.evaluate_areas_into(data, f, allocation, &mut split).unwrap();
        assert!(Arc::ptr_eq(&split.schools, &earlier.schools), "the areas' part leaves the schools as they were");
        assert_eq!(split.areas, whole.areas);
        assert_eq!(split.tier_floors, whole.tier_floors);
        assert_eq!(split.pool_cents, whole.pool_cents);
        let split = split.with_schools(prepared.school_outcomes(f, rank_by, allocation, &split).unwrap());
        assert_eq!(split, whole);
        for (a, b) in split.schools.iter().zip(whole.schools.iter()) {
            assert_eq!(a.mean_score.map(f64::to_bits), b.mean_score.map(f64::to_bits));
            assert_eq!(a.need.to_bits(), b.need.to_bits());
        }
    }

    #[test]
    fn the_schools_part_taken_later_matches_a_whole_evaluation() {
        // An area not scored (d) before the others, so positions and file order differ.
        let (data, f) = (data_of(b"id,kids,income,single\nd,40,NA,20\na,10,100,50\nb,20,200,40\nc,30,300,30\n"), formula());
        for rank_by in [RankBy::Tier1Share, RankBy::MeanScore] {
            assert_split_matches_whole(&data, &f, rank_by, None);
            for method in AllocationMethod::ALL {
                let settings = AllocationSettings { method, cutoff_percent: 30.0, ..AllocationSettings::default() };
                assert_split_matches_whole(&data, &f, rank_by, Some(&settings));
            }
        }
        // Every area scored, many schools, weights moved.
        let demo = crate::demo::DemoDistrict::generate(3, crate::demo::DemoSize { areas: 400, schools: 60, students: 20_000 });
        let (data, mut f) = (demo.dataset().unwrap(), crate::demo::demo_formula());
        for weight in [0.0, 0.3, 2.5] {
            f.indicators[0].weight = weight;
            assert_split_matches_whole(&data, &f, RankBy::Tier1Share, Some(&AllocationSettings::default()));
        }
    }

    #[test]
    fn settings_the_schools_would_reject_are_rejected_with_the_areas() {
        let (data, f) = (data(), formula());
        let prepared = Prepared::new(&data, &f).unwrap();
        let wrong = AllocationSettings { tier_weights: vec![1.0, 2.0, 3.0], ..AllocationSettings::default() };
        assert!(prepared.evaluate(&data, &f, RankBy::Tier1Share, Some(&wrong)).is_err());
        assert!(prepared.evaluate_areas_into(&data, &f, Some(&wrong), &mut Evaluation::default()).is_err());
    }
}
