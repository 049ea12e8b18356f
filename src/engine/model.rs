//! The pipeline: [`Prepared`] holds everything that changes only with the data or the
//! normalisation (parsed indicator values, normalised values, exclusions, id order);
//! [`Prepared::evaluate`] does the cheap part a weight change needs: weighted sums, tiers,
//! ranks, school profiles and the allocation.

use serde::{Deserialize, Serialize};

use super::allocation::{AllocationSettings, SchoolBasis, allocate};
use super::dataset::Dataset;
use super::error::{EngineError, Result};
use super::formula::{Direction, Formula, Normalization};
use super::normalize::normalize;
use super::tiers::{assign_tiers, rank_order, tier_floors};

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

/// The parts of a formula that decide what [`Prepared`] holds; a change to anything else
/// (weights, tiers) needs no new preparation.
#[derive(Debug, Clone, PartialEq)]
struct PreparationKey {
    id_column: String,
    population_column: Option<String>,
    normalization: Normalization,
    indicators: Vec<(String, Direction, bool)>,
}

impl PreparationKey {
    fn of(formula: &Formula) -> PreparationKey {
        PreparationKey {
            id_column: formula.id_column.trim().into(),
            population_column: formula.population_column.as_ref().map(|c| c.trim().to_owned()),
            normalization: formula.normalization,
            indicators: formula.indicators.iter().map(|i| (i.column.trim().to_owned(), i.direction, i.enabled)).collect(),
        }
    }
}

/// How schools are ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RankBy {
    /// Highest share of tier-1 students first (ties: lower mean score, then id).
    #[default]
    Tier1Share,
    /// Lowest student-weighted mean score first (ties: higher tier-1 share, then id).
    MeanScore,
}

/// Data-dependent precomputation for one formula structure.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    key: PreparationKey,
    file: String,
    ids: Vec<String>,
    /// Per area; 1 for every area when the formula names no population column.
    population: Vec<f64>,
    /// Area indices that are scored (every enabled indicator present).
    scored: Vec<u32>,
    /// Per area: its position in `scored`, if scored.
    position: Vec<Option<u32>>,
    /// Per formula indicator: normalised values per scored position (empty when disabled).
    normalized: Vec<Vec<f64>>,
    /// Per scored position: rank of its id in sorted id order (the tie-break).
    id_rank: Vec<u32>,
    /// Population per scored position.
    scored_population: Vec<f64>,
    exclusions: Vec<Exclusion>,
}

impl Prepared {
    /// Reads the formula's columns from the areas and normalises every enabled indicator.
    ///
    /// # Errors
    /// An invalid formula, missing columns, duplicate or empty ids, text in numeric columns,
    /// negative populations, or no scorable row.
    pub fn new(data: &Dataset, formula: &Formula) -> Result<Prepared> {
        formula.validate()?;
        let table = data.areas.table();
        let ids = table.id_column(&formula.id_column, "the area id named by \"id_column\"")?;
        let population = match &formula.population_column {
            Some(c) => table.count_column(c, "the population named by \"population_column\"")?,
            None => vec![1.0; ids.len()],
        };
        // Per indicator: its values per area, or None when the indicator is switched off.
        let mut raw: Vec<Option<Vec<Option<f64>>>> = Vec::with_capacity(formula.indicators.len());
        for ind in &formula.indicators {
            raw.push(if ind.enabled { Some(table.numeric_column(&ind.column, "an indicator of the formula")?) } else { None });
        }
        let mut scored = Vec::with_capacity(ids.len());
        let mut position = vec![None; ids.len()];
        let mut exclusions = Vec::new();
        for area in 0..ids.len() {
            let missing: Vec<String> = formula
                .indicators
                .iter()
                .zip(&raw)
                .filter(|(_, col)| col.as_ref().is_some_and(|c| c[area].is_none()))
                .map(|(ind, _)| ind.column.trim().to_owned())
                .collect();
            if missing.is_empty() {
                position[area] = Some(scored.len() as u32);
                scored.push(area as u32);
            } else {
                exclusions.push(Exclusion {
                    file: table.file().into(),
                    row: table.row_number(area),
                    id: ids[area].clone(),
                    columns: missing,
                });
            }
        }
        if scored.is_empty() {
            return Err(EngineError::NothingToScore { file: table.file().into() });
        }
        let scored_population: Vec<f64> = scored.iter().map(|&a| population[a as usize]).collect();
        let normalized = formula
            .indicators
            .iter()
            .zip(&raw)
            .map(|(ind, col)| match col {
                Some(col) => {
                    let values: Vec<f64> = scored.iter().map(|&a| col[a as usize].unwrap_or(0.0)).collect();
                    normalize(&values, &scored_population, formula.normalization, ind.direction)
                }
                None => Vec::new(),
            })
            .collect();
        let mut by_id: Vec<u32> = (0..scored.len() as u32).collect();
        by_id.sort_unstable_by(|&a, &b| ids[scored[a as usize] as usize].cmp(&ids[scored[b as usize] as usize]));
        let mut id_rank = vec![0u32; scored.len()];
        for (rank, &p) in by_id.iter().enumerate() {
            id_rank[p as usize] = rank as u32;
        }
        Ok(Prepared {
            key: PreparationKey::of(formula),
            file: table.file().into(),
            ids,
            population,
            scored,
            position,
            normalized,
            id_rank,
            scored_population,
            exclusions,
        })
    }

    /// Whether this preparation serves `formula` (only weights and tiers differ). When it does
    /// not, prepare again.
    pub fn serves(&self, formula: &Formula) -> bool {
        self.key == PreparationKey::of(formula)
    }

    /// Area ids in file order.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    /// Area populations in file order (1 each without a population column).
    pub fn population(&self) -> &[f64] {
        &self.population
    }

    /// Rows left out for missing values.
    pub fn exclusions(&self) -> &[Exclusion] {
        &self.exclusions
    }

    /// An indicator's normalised value for an area (`None` if the area is not scored or the
    /// indicator is switched off).
    pub fn normalized_value(&self, indicator: usize, area: usize) -> Option<f64> {
        let p = self.position[area]? as usize;
        self.normalized.get(indicator)?.get(p).copied()
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
        if !self.serves(formula) {
            return Err(EngineError::settings("the formula's columns, directions or normalisation changed; prepare the data again"));
        }
        formula.validate()?;
        let total_weight = formula.total_weight();
        let mut scores = vec![0.0; self.scored.len()];
        for (ind, values) in formula.indicators.iter().zip(&self.normalized) {
            if ind.enabled && ind.weight > 0.0 {
                let w = ind.weight / total_weight;
                for (s, v) in scores.iter_mut().zip(values) {
                    *s += w * v;
                }
            }
        }
        let order = rank_order(&scores, &self.id_rank);
        let tiers = assign_tiers(&scores, &self.scored_population, &order, &formula.tiers);
        let mut areas = vec![AreaOutcome::default(); self.ids.len()];
        for (rank, &p) in order.iter().enumerate() {
            let p = p as usize;
            areas[self.scored[p] as usize] = AreaOutcome { score: Some(scores[p]), tier: Some(tiers[p]), rank: Some(rank as u32 + 1) };
        }
        let floors = tier_floors(&scores, &tiers, formula.tiers.count);
        let schools = match &data.schools {
            Some((schools, enrollment)) => {
                let mut out: Vec<SchoolOutcome> = (0..schools.len()).map(|_| SchoolOutcome::empty(formula.tiers.count)).collect();
                let mut score_sum = vec![0.0; schools.len()];
                for e in &enrollment.entries {
                    let school = &mut out[e.school as usize];
                    match self.position[e.area as usize] {
                        Some(p) => {
                            let p = p as usize;
                            school.students_by_tier[usize::from(tiers[p]) - 1] += e.students;
                            score_sum[e.school as usize] += e.students * scores[p];
                            school.need += e.students * (100.0 - scores[p]).max(0.0);
                        }
                        None => school.unscored_students += e.students,
                    }
                }
                for (school, sum) in out.iter_mut().zip(score_sum) {
                    let scored = school.scored_students();
                    school.mean_score = (scored > 0.0).then(|| sum / scored);
                }
                rank_schools(&mut out, &schools.ids, rank_by);
                if let Some(settings) = allocation {
                    let basis: Vec<SchoolBasis> = out
                        .iter()
                        .map(|s| SchoolBasis { students_by_tier: &s.students_by_tier, need: s.need, tier1_share: s.tier_share(1) })
                        .collect();
                    let (cents, served) = allocate(settings, formula.tiers.count, &basis)?;
                    for ((s, c), v) in out.iter_mut().zip(cents).zip(served) {
                        s.allocation_cents = Some(c);
                        s.served = v;
                    }
                }
                out
            }
            None => Vec::new(),
        };
        let pool_cents = match (allocation, schools.is_empty()) {
            (Some(s), false) => Some(s.pool_cents()?),
            _ => None,
        };
        Ok(Evaluation { tier_count: formula.tiers.count, areas, tier_floors: floors, schools, pool_cents })
    }
}

/// Ranks schools in place (sets `rank`, 1 = highest need). Schools with no scored students
/// come last, in id order.
fn rank_schools(schools: &mut [SchoolOutcome], ids: &[String], rank_by: RankBy) {
    let mut order: Vec<usize> = (0..schools.len()).collect();
    order.sort_by(|&a, &b| {
        let (sa, sb) = (&schools[a], &schools[b]);
        let has = |s: &SchoolOutcome| s.mean_score.is_some();
        let share = |s: &SchoolOutcome| s.tier_share(1).unwrap_or(0.0);
        let mean = |s: &SchoolOutcome| s.mean_score.unwrap_or(0.0);
        has(sb)
            .cmp(&has(sa))
            .then_with(|| match rank_by {
                RankBy::Tier1Share => share(sb).total_cmp(&share(sa)).then(mean(sa).total_cmp(&mean(sb))),
                RankBy::MeanScore => mean(sa).total_cmp(&mean(sb)).then(share(sb).total_cmp(&share(sa))),
            })
            .then_with(|| ids[a].cmp(&ids[b]))
    });
    for (rank, i) in order.into_iter().enumerate() {
        schools[i].rank = rank as u32 + 1;
    }
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

/// One school's profile, rank and allocation.
#[derive(Debug, Clone, PartialEq)]
pub struct SchoolOutcome {
    /// Students living in scored areas, by tier (index 0 = tier 1).
    pub students_by_tier: Vec<f64>,
    /// Students living in areas excluded for missing values.
    pub unscored_students: f64,
    /// Student-weighted mean score of scored students.
    pub mean_score: Option<f64>,
    /// Σ students × (100 − score), the basis of the proportional-to-need method.
    pub need: f64,
    /// 1 = highest need.
    pub rank: u32,
    /// Cents allocated, when an allocation was asked for.
    pub allocation_cents: Option<i64>,
    /// False for a school rank-and-serve did not reach.
    pub served: bool,
}

impl SchoolOutcome {
    fn empty(tiers: u8) -> SchoolOutcome {
        SchoolOutcome {
            students_by_tier: vec![0.0; usize::from(tiers)],
            unscored_students: 0.0,
            mean_score: None,
            need: 0.0,
            rank: 0,
            allocation_cents: None,
            served: true,
        }
    }

    /// Students in scored areas.
    pub fn scored_students(&self) -> f64 {
        self.students_by_tier.iter().sum()
    }

    /// All students, scored or not.
    pub fn students(&self) -> f64 {
        self.scored_students() + self.unscored_students
    }

    /// Share (0–1) of scored students in `tier` (1-based); `None` with no scored students.
    pub fn tier_share(&self, tier: u8) -> Option<f64> {
        let scored = self.scored_students();
        let n = *self.students_by_tier.get(usize::from(tier).checked_sub(1)?)?;
        (scored > 0.0).then(|| n / scored)
    }

    /// Dollars per student allocated (over all students).
    pub fn allocation_per_pupil(&self) -> Option<f64> {
        let students = self.students();
        self.allocation_cents.filter(|_| students > 0.0).map(|c| c as f64 / 100.0 / students)
    }
}

/// Everything a formula produces for a dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub tier_count: u8,
    /// Per area, in file order.
    pub areas: Vec<AreaOutcome>,
    /// The lowest score in tiers 2..=K: the cut points on the score axis.
    pub tier_floors: Vec<Option<f64>>,
    /// Per school, in file order (empty without schools).
    pub schools: Vec<SchoolOutcome>,
    /// The pool in cents, when an allocation was asked for.
    pub pool_cents: Option<i64>,
}

impl Evaluation {
    /// School indices in rank order.
    pub fn school_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.schools.len()).collect();
        order.sort_by_key(|&i| self.schools[i].rank);
        order
    }

    /// Area indices of scored areas in rank order (rank 1 first).
    pub fn area_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.areas.len()).filter(|&i| self.areas[i].rank.is_some()).collect();
        order.sort_by_key(|&i| self.areas[i].rank);
        order
    }

    /// Total cents allocated to schools.
    pub fn allocated_cents(&self) -> i64 {
        self.schools.iter().filter_map(|s| s.allocation_cents).sum()
    }

    /// Population per tier (index 0 = tier 1), given the areas' populations.
    pub fn population_by_tier(&self, population: &[f64]) -> Vec<f64> {
        let mut out = vec![0.0; usize::from(self.tier_count)];
        for (a, p) in self.areas.iter().zip(population) {
            if let Some(t) = a.tier {
                out[usize::from(t) - 1] += p;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::allocation::AllocationMethod;
    use crate::engine::compare::compare;
    use crate::engine::dataset::{Areas, Enrollment, EnrollmentColumns, SchoolColumns, Schools};
    use crate::engine::table::Table;

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
        let areas = Areas::parse("areas.csv", AREAS).unwrap();
        let schools = Schools::parse("schools.csv", SCHOOLS, &SchoolColumns::default()).unwrap();
        let ids = areas.table().id_column("id", "").unwrap();
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
        assert_eq!(e.areas[3], AreaOutcome::default());
    }

    #[test]
    fn scores_tiers_and_ranks_follow_the_hand_computation() {
        let e = evaluate(None);
        let scores: Vec<f64> = e.areas[..3].iter().map(|a| a.score.unwrap()).collect();
        assert!(close(scores[0], 100.0 / 6.0) && close(scores[1], 50.0) && close(scores[2], 100.0), "{scores:?}");
        let tiers: Vec<u8> = e.areas[..3].iter().map(|a| a.tier.unwrap()).collect();
        assert_eq!(tiers, [1, 1, 2]);
        let ranks: Vec<u32> = e.areas[..3].iter().map(|a| a.rank.unwrap()).collect();
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
        assert_eq!(c.area_rank_change[..3], [Some(-2), Some(0), Some(2)]);
        assert_eq!(c.area_rank_change[3], None);
        // scenario scores a 100, b 83.3, c 50; cumulative kids 30, 50, 60 of 60 → tiers c 1, b 2, a 2
        assert_eq!(c.area_tier_change[..3], [Some(1), Some(1), Some(-1)]);
        assert_eq!(c.school_rank_change, [-1, 1]);
        let moved = c.school_allocation_change_cents.iter().flatten().sum::<i64>();
        assert_eq!(moved, 0, "same pool: gains equal losses");
        assert_eq!(c.schools_moving(1), 2);
        assert_eq!(c.areas_changing_tier(), 3);
        let (gains, losses) = c.biggest_changes(5);
        assert_eq!((gains, losses), (vec![1], vec![0]));
    }
}
