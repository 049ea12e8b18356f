//! School profiles and their ranking, the step after tiers: each school's students by the
//! tier of the area they live in, its mean score and need (one pass over the enrollment kept
//! as compressed sparse rows), then the schools ranked by need.

use super::dataset::{Enrollment, Schools};
use super::formula::MAX_TIERS;
use super::sort::{SortScratch, order_key, sort_indices_by_key};
use serde::{Deserialize, Serialize};

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

/// Marks an area that is not scored in a position table.
pub(crate) const NOT_SCORED: u32 = u32::MAX;

/// Enrollment in compressed sparse rows: school s's students come from the scored positions
/// `position[start[s]..start[s + 1]]` (or [`NOT_SCORED`] areas), `students[..]` of them each.
/// A school profile is then one pass over contiguous memory.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SchoolLinks {
    start: Vec<u32>,
    position: Vec<u32>,
    students: Vec<f64>,
    /// Per school: rank of its id in sorted order (the last tie-break).
    pub(crate) id_rank: Vec<u32>,
    /// The schools in id order (the inverse of `id_rank`).
    by_id: Vec<u32>,
    /// Per school: its students from scored positions, added in link order (the knife edge's
    /// denominator, which no weight changes).
    scored_students: Vec<f64>,
    /// The links again, by scored position, also in compressed sparse rows: position p sends
    /// to the schools `attending_school[attending_from[p]..attending_from[p + 1]]` the
    /// students at the same places of `attending_students`. A step that needs only the
    /// schools of a few areas (those near a cut) reads just their stretches.
    attending_from: Vec<u32>,
    attending_school: Vec<u32>,
    attending_students: Vec<f64>,
    /// Per link, when consecutive links with the same key, score and tier are added as one
    /// (count × score): links of one student each, keyed by area ([`SchoolLinks::adding_runs`]).
    run_keys: Option<Vec<u32>>,
}

impl SchoolLinks {
    pub(crate) fn new(schools: &Schools, enrollment: &Enrollment, position: &[u32]) -> SchoolLinks {
        let n = schools.len();
        let mut start = vec![0u32; n + 1];
        for e in &enrollment.entries {
            start[e.school as usize + 1] += 1;
        }
        for s in 0..n {
            start[s + 1] += start[s];
        }
        let mut fill = start.clone();
        let mut linked_position = vec![NOT_SCORED; enrollment.entries.len()];
        let mut students = vec![0.0; enrollment.entries.len()];
        for e in &enrollment.entries {
            let slot = &mut fill[e.school as usize];
            linked_position[*slot as usize] = position[e.area as usize];
            students[*slot as usize] = e.students;
            *slot += 1;
        }
        let mut by_id: Vec<u32> = (0..n as u32).collect();
        by_id.sort_unstable_by(|&a, &b| schools.ids[a as usize].cmp(&schools.ids[b as usize]));
        let mut id_rank = vec![0u32; n];
        for (rank, &s) in by_id.iter().enumerate() {
            id_rank[s as usize] = rank as u32;
        }
        let scored_students = (0..n)
            .map(|s| {
                let links = start[s] as usize..start[s + 1] as usize;
                linked_position[links.clone()]
                    .iter()
                    .zip(&students[links])
                    .filter(|(p, _)| **p != NOT_SCORED)
                    .map(|(_, &count)| count)
                    .sum()
            })
            .collect();
        let positions = position.iter().filter(|&&p| p != NOT_SCORED).count();
        let mut attending_from = vec![0u32; positions + 1];
        for &p in linked_position.iter().filter(|&&p| p != NOT_SCORED) {
            attending_from[p as usize + 1] += 1;
        }
        for p in 0..positions {
            attending_from[p + 1] += attending_from[p];
        }
        let mut fill = attending_from.clone();
        let mut attending_school = vec![0; attending_from[positions] as usize];
        let mut attending_students = vec![0.0; attending_school.len()];
        for school in 0..n {
            for k in start[school] as usize..start[school + 1] as usize {
                if let Some(slot) = fill.get_mut(linked_position[k] as usize) {
                    attending_school[*slot as usize] = school as u32;
                    attending_students[*slot as usize] = students[k];
                    *slot += 1;
                }
            }
        }
        SchoolLinks {
            start,
            position: linked_position,
            students,
            id_rank,
            by_id,
            scored_students,
            attending_from,
            attending_school,
            attending_students,
            run_keys: None,
        }
    }

    /// The same links, profiled with consecutive links of equal key, score and tier added
    /// as one; `keys` has one per link in the enrollment's order (which, sorted by school, is
    /// the links' order). For links of one student each keyed by area, an area's students
    /// adjacent, the sums then run as those of the area × school counts, bit for bit.
    pub(crate) fn adding_runs(self, keys: Vec<u32>) -> SchoolLinks {
        SchoolLinks { run_keys: Some(keys), ..self }
    }

    /// Each school's profile from the areas' scores and tiers (per scored position): students
    /// by tier, students of areas not scored, the mean score and the need. Written into `out`
    /// (its memory reused), in file order, not yet ranked.
    pub(crate) fn profile_into(&self, scores: &[f64], tiers: &[u8], tier_count: u8, out: &mut Vec<SchoolOutcome>) {
        out.clear();
        out.reserve(self.id_rank.len());
        for s in 0..self.id_rank.len() {
            let mut school = SchoolOutcome::empty(tier_count);
            let (mut score_sum, mut with_score, mut without_score) = (0.0, 0.0, false);
            let (from, to) = (self.start[s] as usize, self.start[s + 1] as usize);
            let mut add = |p: u32, students: f64| {
                // Tier 0: an area without a tier this time (its values too few to score).
                if p == NOT_SCORED || tiers[p as usize] == 0 {
                    school.unscored_students += students;
                    return;
                }
                let p = p as usize;
                school.students_by_tier[usize::from(tiers[p]) - 1] += students;
                // An area given a fixed tier has no score: it counts in the tiers only.
                if scores[p].is_nan() {
                    without_score = true;
                } else {
                    score_sum += students * scores[p];
                    with_score += students;
                    school.need += students * (100.0 - scores[p]).max(0.0);
                }
            };
            if let Some(keys) = &self.run_keys {
                let same = |a: u32, b: u32| {
                    a == b
                        || (a != NOT_SCORED
                            && b != NOT_SCORED
                            && tiers[a as usize] == tiers[b as usize]
                            && scores[a as usize].to_bits() == scores[b as usize].to_bits())
                };
                let mut k = from;
                while k < to {
                    let (first, mut count) = (self.position[k], self.students[k]);
                    let key = keys[k];
                    k += 1;
                    while k < to && keys[k] == key && same(first, self.position[k]) {
                        count += self.students[k];
                        k += 1;
                    }
                    add(first, count);
                }
            } else {
                for (&p, &students) in self.position[from..to].iter().zip(&self.students[from..to]) {
                    add(p, students);
                }
            }
            // Divided by the tiers' total when every student has a score (the sum rounds as
            // it always has), else by the students with one.
            let scored = if without_score { with_score } else { school.scored_students() };
            school.mean_score = (scored > 0.0).then(|| score_sum / scored);
            out.push(school);
        }
    }

    /// Ranks the schools profiled by [`SchoolLinks::profile_into`] (see [`rank_schools`]).
    /// Where school `school`'s students live: (scored position, or `None` for an area not
    /// scored; students). Empty for a school that is not there.
    pub(crate) fn sources(&self, school: usize) -> impl Iterator<Item = (Option<usize>, f64)> + '_ {
        let range = if school + 1 < self.start.len() { self.start[school] as usize..self.start[school + 1] as usize } else { 0..0 };
        range.map(move |k| {
            let p = self.position[k];
            ((p != NOT_SCORED).then_some(p as usize), self.students[k])
        })
    }

    /// Per school: the share of its students from scored positions who come from the scored
    /// positions `near` (each listed once; `None` for a school without such students).
    ///
    /// Only the links of those positions are visited, through the index by position: at
    /// 100,000 schools and a million students a pass over every link took most of the knife
    /// edge's time in a step. A school's students near a cut are added in the order of
    /// `near`, not of its links, so a share may differ from such a pass in its last bit (the
    /// app and the CLI both add them this way).
    pub(crate) fn shares_near(&self, near: &[u32]) -> Vec<Option<f64>> {
        let mut on_edge = vec![0.0; self.scored_students.len()];
        for &p in near {
            let Some(range) = self.attending_from.get(p as usize..p as usize + 2) else { continue };
            let stretch = range[0] as usize..range[1] as usize;
            for (&school, &students) in self.attending_school[stretch.clone()].iter().zip(&self.attending_students[stretch]) {
                on_edge[school as usize] += students;
            }
        }
        on_edge.iter().zip(&self.scored_students).map(|(&on_edge, &all)| (all > 0.0).then(|| on_edge / all)).collect()
    }

    pub(crate) fn rank(&self, schools: &mut [SchoolOutcome], rank_by: RankBy, scratch: &mut RankScratch) {
        rank_schools(schools, &self.by_id, rank_by, scratch);
    }
}

/// Buffers reused by [`SchoolLinks::rank`] from one evaluation to the next.
#[derive(Debug, Clone, Default)]
pub(crate) struct RankScratch {
    /// Per school in file order, then in id order: the first and second sort keys.
    keys: Vec<(f64, f64)>,
    first: Vec<f64>,
    order: Vec<u32>,
    sort: SortScratch,
    run_keys: Vec<f64>,
    run_order: Vec<u32>,
    run_ids: Vec<u32>,
    run_sort: SortScratch,
}

/// Ranks schools in place (sets `rank`, 1 = highest need). Schools with no scored students
/// come last, in id order.
///
/// The order is (first key, second key, id). Taken in id order, the schools are sorted by the
/// first key with the radix sort, which keeps equal keys in id order; then each run of an
/// equal first key (schools with the same tier-1 share: often thousands with none) is sorted
/// by the second key the same way. A comparison sort of every school's key tuple took most of
/// a step at 100,000 schools.
fn rank_schools(schools: &mut [SchoolOutcome], by_id: &[u32], rank_by: RankBy, scratch: &mut RankScratch) {
    let RankScratch { keys, first, order, sort, run_keys, run_order, run_ids, run_sort } = scratch;
    keys.clear();
    keys.extend(schools.iter().map(|s| {
        let share = s.tier_share(1).unwrap_or(0.0);
        match (s.mean_score, rank_by) {
            // Last, in id order: NaN's key is above every number's.
            (None, _) => (f64::NAN, 0.0),
            // Higher share first: order by the negated share.
            (Some(mean), RankBy::Tier1Share) => (-share, mean),
            (Some(mean), RankBy::MeanScore) => (mean, -share),
        }
    }));
    first.clear();
    first.extend(by_id.iter().map(|&s| keys[s as usize].0));
    sort_indices_by_key(first, order, sort);
    let sorted = sort.sorted();
    let mut start = 0;
    while start < order.len() {
        let key = order_key(sorted[start]);
        let end = start + sorted[start..].iter().take_while(|&&v| order_key(v) == key).count();
        if end - start > 1 {
            run_ids.clear();
            run_ids.extend_from_slice(&order[start..end]);
            run_keys.clear();
            run_keys.extend(run_ids.iter().map(|&j| keys[by_id[j as usize] as usize].1));
            // Stable: within the run the schools stay in id order.
            sort_indices_by_key(run_keys, run_order, run_sort);
            for (slot, &k) in order[start..end].iter_mut().zip(run_order.iter()) {
                *slot = run_ids[k as usize];
            }
        }
        start = end;
    }
    for (rank, &j) in order.iter().enumerate() {
        schools[by_id[j as usize] as usize].rank = rank as u32 + 1;
    }
}

/// One school's profile, rank and allocation.
#[derive(Debug, Clone, PartialEq)]
pub struct SchoolOutcome {
    /// Students living in scored areas, by tier (index 0 = tier 1).
    pub students_by_tier: TierCounts,
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
    pub(crate) fn empty(tiers: u8) -> SchoolOutcome {
        SchoolOutcome {
            students_by_tier: TierCounts::zeros(tiers),
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

/// Students per tier (index 0 = tier 1), kept inline: a school profile takes no heap memory.
#[derive(Clone, Copy, PartialEq)]
pub struct TierCounts {
    counts: [f64; MAX_TIERS as usize],
    len: u8,
}

impl TierCounts {
    /// `tiers` zeros.
    pub fn zeros(tiers: u8) -> TierCounts {
        TierCounts { counts: [0.0; MAX_TIERS as usize], len: tiers.min(MAX_TIERS) }
    }

    /// Counts from a slice (at most [`MAX_TIERS`] of them).
    pub fn from_slice(counts: &[f64]) -> TierCounts {
        let mut out = TierCounts::zeros(counts.len() as u8);
        let len = usize::from(out.len);
        out.copy_from_slice(&counts[..len]);
        out
    }
}

impl std::ops::Deref for TierCounts {
    type Target = [f64];
    fn deref(&self) -> &[f64] {
        &self.counts[..usize::from(self.len)]
    }
}

impl std::ops::DerefMut for TierCounts {
    fn deref_mut(&mut self) -> &mut [f64] {
        &mut self.counts[..usize::from(self.len)]
    }
}

impl std::fmt::Debug for TierCounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<const N: usize> PartialEq<[f64; N]> for TierCounts {
    fn eq(&self, other: &[f64; N]) -> bool {
        **self == other[..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    /// The ranking as first written: one comparison sort of (first key, second key, id rank).
    fn ranked_by_comparison(schools: &[SchoolOutcome], id_rank: &[u32], rank_by: RankBy) -> Vec<u32> {
        let mut keys: Vec<(u64, u64, u32, usize)> = schools
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let share = s.tier_share(1).unwrap_or(0.0);
                let (first, second) = match (s.mean_score, rank_by) {
                    (None, _) => (u64::MAX, 0),
                    (Some(mean), RankBy::Tier1Share) => (order_key(-share), order_key(mean)),
                    (Some(mean), RankBy::MeanScore) => (order_key(mean), order_key(-share)),
                };
                (first, second, id_rank[i], i)
            })
            .collect();
        keys.sort_unstable();
        let mut ranks = vec![0; schools.len()];
        for (rank, k) in keys.iter().enumerate() {
            ranks[k.3] = rank as u32 + 1;
        }
        ranks
    }

    #[test]
    fn the_radix_ranking_of_schools_equals_a_comparison_sort_of_their_keys() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(100_000);
        // Small schools and coarse scores, so that shares and mean scores tie often; enough
        // schools for runs above the radix sort's threshold; some schools without students.
        for n in [1, 7, 300, 9_000] {
            let schools: Vec<SchoolOutcome> = (0..n)
                .map(|_| {
                    let mut s = SchoolOutcome::empty(3);
                    if rng.random_bool(0.9) {
                        for t in 0..3 {
                            s.students_by_tier[t] = f64::from(rng.random_range(0..4u8));
                        }
                        s.mean_score = Some(f64::from(rng.random_range(0..40u8)) / 4.0).filter(|_| s.scored_students() > 0.0);
                    }
                    s
                })
                .collect();
            let mut by_id: Vec<u32> = (0..n as u32).collect();
            by_id.sort_by_key(|&s| (s * 7919) % n as u32);
            let mut id_rank = vec![0; n];
            for (rank, &s) in by_id.iter().enumerate() {
                id_rank[s as usize] = rank as u32;
            }
            for rank_by in [RankBy::Tier1Share, RankBy::MeanScore] {
                let mut ranked = schools.clone();
                rank_schools(&mut ranked, &by_id, rank_by, &mut RankScratch::default());
                let ranks: Vec<u32> = ranked.iter().map(|s| s.rank).collect();
                assert_eq!(ranks, ranked_by_comparison(&schools, &id_rank, rank_by), "{n} schools, {rank_by:?}");
            }
        }
    }
}
