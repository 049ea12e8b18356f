//! School profiles and their ranking, the step after tiers: each school's students by the
//! tier of the area they live in, its mean score and need (one pass over the enrollment kept
//! as compressed sparse rows), then the schools ranked by need.

use super::dataset::{Enrollment, Schools};
use super::formula::MAX_TIERS;
use super::sort::order_key;
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
        SchoolLinks { start, position: linked_position, students, id_rank }
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
            for (&p, &students) in self.position[from..to].iter().zip(&self.students[from..to]) {
                // Tier 0: an area without a tier this time (its values too few to score).
                if p == NOT_SCORED || tiers[p as usize] == 0 {
                    school.unscored_students += students;
                    continue;
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
            }
            // Divided by the tiers' total when every student has a score (the sum rounds as
            // it always has), else by the students with one.
            let scored = if without_score { with_score } else { school.scored_students() };
            school.mean_score = (scored > 0.0).then(|| score_sum / scored);
            out.push(school);
        }
    }

    /// Where school `school`'s students live: (scored position, or `None` for an area not
    /// scored; students). Empty for a school that is not there.
    pub(crate) fn sources(&self, school: usize) -> impl Iterator<Item = (Option<usize>, f64)> + '_ {
        let range = if school + 1 < self.start.len() { self.start[school] as usize..self.start[school + 1] as usize } else { 0..0 };
        range.map(move |k| {
            let p = self.position[k];
            ((p != NOT_SCORED).then_some(p as usize), self.students[k])
        })
    }

    /// Ranks the schools profiled by [`SchoolLinks::profile_into`] (see [`rank_schools`]).
    pub(crate) fn rank(&self, schools: &mut [SchoolOutcome], rank_by: RankBy, keys: &mut Vec<(u64, u64, u32, u32)>) {
        rank_schools(schools, &self.id_rank, rank_by, keys);
    }
}

/// Ranks schools in place (sets `rank`, 1 = highest need). Schools with no scored students
/// come last, in id order. Each school's sort key is built once, so the sort compares
/// integers, not schools.
fn rank_schools(schools: &mut [SchoolOutcome], id_rank: &[u32], rank_by: RankBy, keys: &mut Vec<(u64, u64, u32, u32)>) {
    keys.clear();
    keys.extend(schools.iter().enumerate().map(|(i, s)| {
        let share = s.tier_share(1).unwrap_or(0.0);
        let (first, second) = match (s.mean_score, rank_by) {
            (None, _) => (u64::MAX, 0),
            // Higher share first: order by the negated share.
            (Some(mean), RankBy::Tier1Share) => (order_key(-share), order_key(mean)),
            (Some(mean), RankBy::MeanScore) => (order_key(mean), order_key(-share)),
        };
        (first, second, id_rank[i], i as u32)
    }));
    keys.sort_unstable();
    for (rank, &(_, _, _, i)) in keys.iter().enumerate() {
        schools[i as usize].rank = rank as u32 + 1;
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
