//! The engine against a plain reference implementation on random districts.
//!
//! The engine is built for speed: columnar parsing, radix sorts on packed keys, a sparse
//! school × area matrix, reused buffers. The reference below is written for reading instead:
//! the CSV crate's string records, comparison sorts, one `Vec` per school, every formula
//! taken straight from the docs. Both run on the same random files (ties, blanks, zero
//! populations, ids in shuffled order, areas above and below the radix-sort threshold) and
//! must agree on every score (to 1e-9), tier, rank, school profile, school rank and cent.
//! Speed never changes an answer.
//!
//! Half the districts use formula file v2: indicators in a random tree of groups, and a
//! random policy for the (more frequent) missing values. The reference evaluates the tree
//! as it is defined, a weighted mean of weighted means, with missing children dropped and
//! their siblings reweighted; the engine multiplies the weights along each path instead.

#![cfg(not(target_arch = "wasm32"))]

use std::cmp::Ordering;
use std::collections::HashMap;

use proptest::prelude::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use ses_explorer::engine::allocation::{AllocationMethod, AllocationSettings, split_cents};
use ses_explorer::engine::dataset::{Areas, Dataset, Enrollment, EnrollmentColumns, SchoolColumns, Schools};
use ses_explorer::engine::demo::{DemoDistrict, demo_formula};
use ses_explorer::engine::error::EngineError;
use ses_explorer::engine::error::Purpose;
use ses_explorer::engine::formula::{
    Direction, FamilyItem, Formula, Group, Indicator, MissingFamily, MissingPolicy, MissingValues, Normalization, StudentPart,
    StudentTierMethod, StudentTiers, TierMethod, TierRule,
};
use ses_explorer::engine::model::{Prepared, RankBy};
use ses_explorer::engine::table::Table;

/// One random district: its three files as text, a formula, a ranking rule and an allocation.
struct District {
    areas_csv: String,
    schools_csv: String,
    enrollment_csv: String,
    formula: Formula,
    rank_by: RankBy,
    allocation: AllocationSettings,
}

fn random_district(seed: u64, areas: usize, schools: usize) -> District {
    let mut rng = StdRng::seed_from_u64(seed);
    let indicators = rng.random_range(1..=5usize);
    let version_2 = rng.random_bool(0.5);
    let blank = if version_2 { 0.1 } else { 0.02 };
    // Some columns take few distinct values (many ties), some many.
    let distinct: Vec<u32> = (0..indicators).map(|_| if rng.random_bool(0.4) { rng.random_range(2..8) } else { 100_000 }).collect();
    // Ids in shuffled order, so that the tie-break by id differs from file order.
    let mut ids: Vec<u32> = (0..areas as u32).collect();
    for i in (1..ids.len()).rev() {
        ids.swap(i, rng.random_range(0..=i));
    }
    let mut areas_csv = String::from("area_id,children");
    for k in 0..indicators {
        areas_csv.push_str(&format!(",ind{k}"));
    }
    areas_csv.push('\n');
    for &id in &ids {
        let population = match rng.random_range(0..100) {
            0..3 => String::new(),
            3..6 => "0".into(),
            _ => rng.random_range(1..400u32).to_string(),
        };
        areas_csv.push_str(&format!("A{id:05},{population}"));
        for &d in &distinct {
            let cell = if rng.random_bool(blank) {
                String::new()
            } else if d < 100 {
                (rng.random_range(0..d) * 10).to_string()
            } else {
                format!("{:.2}", rng.random_range(0.0..1000.0))
            };
            areas_csv.push(',');
            areas_csv.push_str(&cell);
        }
        areas_csv.push('\n');
    }

    let mut schools_csv = String::from("school_id,name\n");
    for s in 0..schools {
        schools_csv.push_str(&format!("S{:04},School {s}\n", (s * 7919) % 10_000));
    }
    let mut enrollment_csv = String::from("area_id,school_id,students\n");
    for s in 0..schools {
        // At least one row per school, so the file always has data rows.
        for _ in 0..rng.random_range(1..12) {
            let area = ids[rng.random_range(0..areas)];
            // Repeated pairs are added up by the reader.
            enrollment_csv.push_str(&format!("A{area:05},S{:04},{}\n", (s * 7919) % 10_000, rng.random_range(0..60)));
        }
    }

    let normalization = Normalization::ALL[rng.random_range(0..4)];
    let mut formula_indicators: Vec<Indicator> = (0..indicators)
        .map(|k| Indicator {
            column: format!("ind{k}"),
            direction: if rng.random_bool(0.5) { Direction::Advantage } else { Direction::Disadvantage },
            weight: f64::from(rng.random_range(0..10u32)) * 0.1,
            enabled: rng.random_bool(0.85),
        })
        .collect();
    formula_indicators[0].enabled = true;
    formula_indicators[0].weight = 0.25;
    let count = rng.random_range(1..=6u8);
    let method = [TierMethod::EqualPopulation, TierMethod::EqualCount, TierMethod::ScoreCutoffs][rng.random_range(0..3)];
    let cutoffs = if method == TierMethod::ScoreCutoffs {
        let (low, high) = if normalization == Normalization::Zscore { (-1.5, 1.5) } else { (5.0, 95.0) };
        let mut c: Vec<f64> = (1..count).map(|_| rng.random_range(low..high)).collect();
        c.sort_by(f64::total_cmp);
        c.dedup();
        c
    } else {
        Vec::new()
    };
    let count = if method == TierMethod::ScoreCutoffs { cutoffs.len() as u8 + 1 } else { count };
    let (groups, missing) = if version_2 { random_tree(&mut rng, indicators, count) } else { (Vec::new(), MissingValues::default()) };
    let formula = Formula {
        version: if version_2 { 2 } else { 1 },
        name: "random".into(),
        id_column: "area_id".into(),
        population_column: rng.random_bool(0.8).then(|| "children".into()),
        normalization,
        indicators: formula_indicators,
        missing,
        groups,
        tiers: TierRule { count, method, cutoffs },
        student: None,
    };
    let rank_by = if rng.random_bool(0.5) { RankBy::Tier1Share } else { RankBy::MeanScore };
    let allocation = AllocationSettings {
        pool: f64::from(rng.random_range(0..5_000_000u32)) + 0.37,
        method: AllocationMethod::ALL[rng.random_range(0..3)],
        tier_weights: Vec::new(),
        cutoff_percent: f64::from(rng.random_range(0..80u32)),
    };
    District { areas_csv, schools_csv, enrollment_csv, formula, rank_by, allocation }
}

/// Groups over indicators `0..n` (each in one group, in order, some nested one level deeper;
/// or none, a flat formula) and a missing-value policy. The group holding indicator 0 always
/// takes part, so the formula always has a weight.
fn random_tree(rng: &mut StdRng, n: usize, tiers: u8) -> (Vec<Group>, MissingValues) {
    let missing = match rng.random_range(0..3) {
        0 => MissingValues::default(),
        1 => MissingValues { policy: MissingPolicy::Reweight, min_share: [0.0, 0.0, 0.3, 0.6][rng.random_range(0..4)], tier: None },
        _ => MissingValues { policy: MissingPolicy::AssignTier, min_share: 0.0, tier: Some(rng.random_range(1..=tiers)) },
    };
    if rng.random_bool(0.2) {
        return (Vec::new(), missing);
    }
    let mut groups = Vec::new();
    let mut next = 0;
    while next < n {
        let size = rng.random_range(1..=(n - next).min(3));
        let members: Vec<usize> = (next..next + size).collect();
        let first = next == 0;
        let group = |name: String, indicators: Vec<usize>, rng: &mut StdRng| Group {
            name,
            weight: f64::from(rng.random_range(if first { 1 } else { 0 }..=4u32)),
            enabled: first || rng.random_bool(0.9),
            indicators,
            groups: Vec::new(),
        };
        let mut g = group(format!("G{}", groups.len()), members.clone(), rng);
        if size >= 2 && rng.random_bool(0.4) {
            // Nest: the group holds two groups that split its indicators.
            let (a, b) = members.split_at(1);
            let inner_a = Group {
                weight: 1.0 + f64::from(rng.random_range(0..3u32)),
                enabled: true,
                ..group(format!("G{}a", groups.len()), a.to_vec(), rng)
            };
            let inner_b = group(format!("G{}b", groups.len()), b.to_vec(), rng);
            g.indicators.clear();
            g.groups = vec![inner_a, inner_b];
        }
        groups.push(g);
        next += size;
    }
    (groups, missing)
}

// ---------------------------------------------------------------------------------------
// The reference: plain code, straight from the documented formulas.
// ---------------------------------------------------------------------------------------

struct ReferenceArea {
    /// `None` for an area given a fixed tier.
    score: Option<f64>,
    tier: u8,
    rank: Option<u32>,
}

struct ReferenceSchool {
    students_by_tier: Vec<f64>,
    unscored_students: f64,
    mean_score: Option<f64>,
    need: f64,
    rank: u32,
    allocation_cents: i64,
}

fn records(csv: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().iter().map(str::to_string).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
    (header, rows)
}

fn column(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap()
}

/// Inclusive percentile: 100 × weight at or below (at or above, for a disadvantage) / total.
fn percentile(values: &[f64], weights: &[f64], direction: Direction) -> Vec<f64> {
    let total: f64 = weights.iter().sum();
    let mut sorted: Vec<usize> = (0..values.len()).collect();
    sorted.sort_by(|&a, &b| values[a].partial_cmp(&values[b]).unwrap().then(a.cmp(&b)));
    if direction == Direction::Disadvantage {
        // Highest values first; equal values stay in file order.
        sorted.sort_by(|&a, &b| values[b].partial_cmp(&values[a]).unwrap().then(a.cmp(&b)));
    }
    let mut out = vec![0.0; values.len()];
    let mut cumulative = 0.0;
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j < sorted.len() && values[sorted[j]] == values[sorted[i]] {
            cumulative += weights[sorted[j]];
            j += 1;
        }
        for &k in &sorted[i..j] {
            out[k] = 100.0 * cumulative / total;
        }
        i = j;
    }
    out
}

fn reference_normalize(values: &[f64], weights: &[f64], method: Normalization, direction: Direction) -> Vec<f64> {
    let n = values.len() as f64;
    match method {
        Normalization::WeightedPercentile if weights.iter().sum::<f64>() > 0.0 => percentile(values, weights, direction),
        Normalization::WeightedPercentile | Normalization::Percentile => percentile(values, &vec![1.0; values.len()], direction),
        Normalization::Zscore => {
            let mean = values.iter().sum::<f64>() / n;
            let sd = (values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n).sqrt();
            let sign = if direction == Direction::Advantage { 1.0 } else { -1.0 };
            values.iter().map(|v| if sd > 0.0 { sign * (v - mean) / sd } else { 0.0 }).collect()
        }
        Normalization::Minmax => {
            let min = values.iter().copied().fold(f64::INFINITY, f64::min);
            let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            values
                .iter()
                .map(|v| match (max > min, direction) {
                    (false, _) => 50.0,
                    (true, Direction::Advantage) => 100.0 * (v - min) / (max - min),
                    (true, Direction::Disadvantage) => 100.0 - 100.0 * (v - min) / (max - min),
                })
                .collect()
        }
    }
}

fn reference(d: &District) -> (Vec<Option<ReferenceArea>>, Vec<ReferenceSchool>) {
    let f = &d.formula;
    let (header, rows) = records(&d.areas_csv);
    let id_col = column(&header, &f.id_column);
    let number = |cell: &str| -> Option<f64> { (!cell.is_empty()).then(|| cell.parse().unwrap()) };
    // Each enabled indicator's value on each row.
    let enabled: Vec<usize> = (0..f.indicators.len()).filter(|&i| f.indicators[i].enabled).collect();
    let value_of = |row: &[String], i: usize| number(&row[column(&header, &f.indicators[i].column)]);
    // The rows that take part: population (when named) present, and every enabled value
    // (leave_out), at least one (reweight) or any number (assign_tier).
    let policy = f.missing.policy;
    let mut scored = Vec::new();
    let mut population = Vec::new();
    let mut complete = Vec::new();
    for (a, row) in rows.iter().enumerate() {
        let p = match &f.population_column {
            Some(c) => number(&row[column(&header, c)]),
            None => Some(1.0),
        };
        let present = enabled.iter().filter(|&&i| value_of(row, i).is_some()).count();
        let takes_part = match policy {
            MissingPolicy::LeaveOut => present == enabled.len(),
            MissingPolicy::Reweight => present > 0,
            MissingPolicy::AssignTier => true,
        };
        if let Some(p) = p
            && takes_part
        {
            scored.push(a);
            population.push(p);
            complete.push(present == enabled.len());
        }
    }
    // Normalised values: over the rows that have the value (reweight), or over the complete
    // rows (the others).
    let mut normalized: Vec<Vec<Option<f64>>> = vec![vec![None; scored.len()]; f.indicators.len()];
    for &i in &enabled {
        let over: Vec<usize> = (0..scored.len())
            .filter(|&p| value_of(&rows[scored[p]], i).is_some() && (policy == MissingPolicy::Reweight || complete[p]))
            .collect();
        let values: Vec<f64> = over.iter().map(|&p| value_of(&rows[scored[p]], i).unwrap()).collect();
        let weights: Vec<f64> = over.iter().map(|&p| population[p]).collect();
        for (&p, v) in over.iter().zip(reference_normalize(&values, &weights, f.normalization, f.indicators[i].direction)) {
            normalized[i][p] = Some(v);
        }
    }
    // The tree as defined: a group's value is the weighted mean of its children that have
    // one; a flat formula is one group of all indicators.
    let top = Group { name: String::new(), weight: 1.0, enabled: true, indicators: (0..f.indicators.len()).collect(), groups: Vec::new() };
    let root: Vec<Group> = if f.groups.is_empty() { vec![top] } else { f.groups.clone() };
    fn tree_value(f: &Formula, groups: &[Group], value: &dyn Fn(usize) -> Option<f64>) -> Option<f64> {
        let mut parts: Vec<(f64, f64)> = Vec::new();
        for g in groups.iter().filter(|g| g.enabled && g.weight > 0.0) {
            let inner = if g.groups.is_empty() {
                let members: Vec<(f64, f64)> = g
                    .indicators
                    .iter()
                    .filter(|&&i| f.indicators[i].enabled && f.indicators[i].weight > 0.0)
                    .filter_map(|&i| value(i).map(|v| (f.indicators[i].weight, v)))
                    .collect();
                let w: f64 = members.iter().map(|m| m.0).sum();
                (w > 0.0).then(|| members.iter().map(|(wi, v)| wi * v).sum::<f64>() / w)
            } else {
                tree_value(f, &g.groups, value)
            };
            if let Some(v) = inner {
                parts.push((g.weight, v));
            }
        }
        let w: f64 = parts.iter().map(|p| p.0).sum();
        (w > 0.0).then(|| parts.iter().map(|(wi, v)| wi * v).sum::<f64>() / w)
    }
    // The score as the docs define the sum: each indicator's share is its weight over its
    // siblings' total times its group's share, down from the top (over the indicators
    // present); the score Σ sᵢ·nᵢ ÷ Σ sᵢ, added in formula order. The tree's nested means must
    // give the same number (to rounding): that is the claim the engine's one sum rests on.
    fn shares(f: &Formula, present: &dyn Fn(usize) -> bool) -> Vec<f64> {
        let counts = |i: usize| f.indicators[i].enabled && present(i);
        let mut out = vec![0.0; f.indicators.len()];
        if f.groups.is_empty() {
            let total: f64 = (0..f.indicators.len()).filter(|&i| counts(i)).map(|i| f.indicators[i].weight).sum();
            for i in (0..f.indicators.len()).filter(|&i| counts(i)) {
                out[i] = if total > 0.0 { f.indicators[i].weight / total } else { 0.0 };
            }
            return out;
        }
        fn carries(f: &Formula, g: &Group, counts: &dyn Fn(usize) -> bool) -> bool {
            g.enabled
                && g.weight > 0.0
                && (g.indicators.iter().any(|&i| counts(i) && f.indicators[i].weight > 0.0)
                    || g.groups.iter().any(|c| carries(f, c, counts)))
        }
        fn walk(f: &Formula, groups: &[Group], share: f64, counts: &dyn Fn(usize) -> bool, out: &mut [f64]) {
            let total: f64 = groups.iter().filter(|g| carries(f, g, counts)).map(|g| g.weight).sum();
            for g in groups.iter().filter(|g| carries(f, g, counts)) {
                let own = share * g.weight / total;
                if g.groups.is_empty() {
                    let inner: f64 = g.indicators.iter().filter(|&&i| counts(i)).map(|&i| f.indicators[i].weight).sum();
                    for &i in g.indicators.iter().filter(|&&i| counts(i)) {
                        out[i] = own * f.indicators[i].weight / inner;
                    }
                } else {
                    walk(f, &g.groups, own, counts, out);
                }
            }
        }
        walk(f, &f.groups, 1.0, &counts, &mut out);
        out
    }
    let full_share = shares(f, &|_| true);
    let mut scores: Vec<Option<f64>> = vec![None; scored.len()];
    for p in 0..scored.len() {
        let value = |i: usize| normalized[i][p];
        let score = match (complete[p], policy) {
            (true, _) => {
                let mut sum = 0.0;
                for (i, &share) in full_share.iter().enumerate() {
                    if share > 0.0 {
                        sum += share * value(i).unwrap();
                    }
                }
                Some(sum)
            }
            (false, MissingPolicy::Reweight) => {
                let carried: f64 = enabled.iter().filter(|&&i| value(i).is_some()).map(|&i| full_share[i]).sum();
                let own = shares(f, &|i| value(i).is_some());
                let (mut sum, mut weight) = (0.0, 0.0);
                for (i, &share) in own.iter().enumerate() {
                    if share > 0.0 {
                        sum += share * value(i).unwrap();
                        weight += share;
                    }
                }
                (carried > 0.0 && carried >= f.missing.min_share && weight > 0.0).then(|| sum / weight)
            }
            (false, _) => None,
        };
        if let Some(score) = score {
            let nested = tree_value(f, &root, &value).unwrap();
            assert!((nested - score).abs() <= 1e-9 * score.abs().max(1.0), "the tree's means {nested} and the shares' sum {score}");
        }
        scores[p] = score;
    }
    // Rank the rows with a score: ascending score, ties by id.
    let mut order: Vec<usize> = (0..scored.len()).filter(|&p| scores[p].is_some()).collect();
    order.sort_by(|&a, &b| {
        scores[a].unwrap().total_cmp(&scores[b].unwrap()).then_with(|| rows[scored[a]][id_col].cmp(&rows[scored[b]][id_col]))
    });
    let k = f64::from(f.tiers.count);
    let total_population: f64 = order.iter().map(|&p| population[p]).sum();
    let mut tiers = vec![0u8; scored.len()];
    let mut cumulative = 0.0;
    for (position, &p) in order.iter().enumerate() {
        cumulative += population[p];
        let t = match f.tiers.method {
            TierMethod::EqualPopulation if total_population > 0.0 => k * cumulative / total_population,
            TierMethod::EqualPopulation | TierMethod::EqualCount => k * (position + 1) as f64 / order.len() as f64,
            TierMethod::ScoreCutoffs => 1.0 + f.tiers.cutoffs.iter().filter(|&&c| c <= scores[p].unwrap()).count() as f64,
        };
        tiers[p] = t.ceil().clamp(1.0, k) as u8;
    }
    let mut areas: Vec<Option<ReferenceArea>> = (0..rows.len()).map(|_| None).collect();
    for (rank, &p) in order.iter().enumerate() {
        areas[scored[p]] = Some(ReferenceArea { score: scores[p], tier: tiers[p], rank: Some(rank as u32 + 1) });
    }
    // Under assign_tier, a row with a gap gets the fixed tier and nothing else.
    if let (MissingPolicy::AssignTier, Some(t)) = (policy, f.missing.tier) {
        for p in (0..scored.len()).filter(|&p| !complete[p]) {
            areas[scored[p]] = Some(ReferenceArea { score: None, tier: t, rank: None });
        }
    }

    // Schools: add up each (area, school) pair, then each school's students in area order.
    let area_index: HashMap<&str, usize> = rows.iter().enumerate().map(|(a, r)| (r[id_col].as_str(), a)).collect();
    let (_, school_rows) = records(&d.schools_csv);
    let school_ids: Vec<&str> = school_rows.iter().map(|r| r[0].as_str()).collect();
    let (_, enrollment_rows) = records(&d.enrollment_csv);
    let mut pairs: HashMap<(&str, usize), f64> = HashMap::new();
    for r in &enrollment_rows {
        *pairs.entry((r[1].as_str(), area_index[r[0].as_str()])).or_default() += r[2].parse::<f64>().unwrap();
    }
    let mut schools: Vec<ReferenceSchool> = school_ids
        .iter()
        .map(|&s| {
            let mut from: Vec<(usize, f64)> = pairs.iter().filter(|((school, _), _)| *school == s).map(|((_, a), n)| (*a, *n)).collect();
            from.sort_by_key(|&(a, _)| a);
            let mut school = ReferenceSchool {
                students_by_tier: vec![0.0; usize::from(f.tiers.count)],
                unscored_students: 0.0,
                mean_score: None,
                need: 0.0,
                rank: 0,
                allocation_cents: 0,
            };
            let (mut score_sum, mut with_score) = (0.0, 0.0);
            for (a, n) in from {
                match &areas[a] {
                    Some(area) => {
                        school.students_by_tier[usize::from(area.tier) - 1] += n;
                        if let Some(score) = area.score {
                            score_sum += n * score;
                            with_score += n;
                            school.need += n * (100.0 - score).max(0.0);
                        }
                    }
                    None => school.unscored_students += n,
                }
            }
            school.mean_score = (with_score > 0.0).then(|| score_sum / with_score);
            school
        })
        .collect();
    let share = |s: &ReferenceSchool| {
        let n: f64 = s.students_by_tier.iter().sum();
        (n > 0.0).then(|| s.students_by_tier[0] / n)
    };
    let mut school_order: Vec<usize> = (0..schools.len()).collect();
    school_order.sort_by(|&a, &b| {
        let (sa, sb) = (&schools[a], &schools[b]);
        let need_order = match (sa.mean_score, sb.mean_score) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (Some(ma), Some(mb)) => {
                let (ha, hb) = (share(sa).unwrap(), share(sb).unwrap());
                match d.rank_by {
                    RankBy::Tier1Share => hb.total_cmp(&ha).then(ma.total_cmp(&mb)),
                    RankBy::MeanScore => ma.total_cmp(&mb).then(hb.total_cmp(&ha)),
                }
            }
        };
        need_order.then_with(|| school_ids[a].cmp(school_ids[b]))
    });
    for (rank, &s) in school_order.iter().enumerate() {
        schools[s].rank = rank as u32 + 1;
    }
    let shares: Vec<Option<f64>> = schools.iter().map(share).collect();
    // What each school weighs in the split, by the method's definition.
    let pool = (d.allocation.pool * 100.0).round() as i64;
    let weights: Vec<f64> = match d.allocation.method {
        AllocationMethod::WeightedPerPupil => {
            let tier_weights = d.allocation.tier_weights_for(f.tiers.count).unwrap();
            schools.iter().map(|s| s.students_by_tier.iter().zip(&tier_weights).map(|(n, w)| n * w).sum()).collect()
        }
        AllocationMethod::ProportionalToNeed => schools.iter().map(|s| s.need).collect(),
        AllocationMethod::RankAndServe => schools
            .iter()
            .zip(&shares)
            .map(|(s, share)| if share.is_some_and(|h| h >= d.allocation.cutoff_percent / 100.0) { s.students_by_tier[0] } else { 0.0 })
            .collect(),
    };
    let cents = split_cents(pool, &weights);
    for (s, c) in schools.iter_mut().zip(cents) {
        s.allocation_cents = c;
    }
    (areas, schools)
}

// ---------------------------------------------------------------------------------------

fn engine_matches_reference(seed: u64, areas: usize, schools: usize) {
    same_answers(&random_district(seed, areas, schools), seed);
}

fn same_answers(d: &District, seed: u64) {
    let area_table = Areas::parse("areas.csv", d.areas_csv.as_bytes()).unwrap();
    let school_list = Schools::parse("schools.csv", d.schools_csv.as_bytes(), &SchoolColumns::default()).unwrap();
    let enrollment_table = Table::parse("enrollment.csv", d.enrollment_csv.as_bytes()).unwrap();
    let area_ids = area_table.table().id_column("area_id", Purpose::AreaId).unwrap();
    let enrollment = Enrollment::from_counts(&enrollment_table, &EnrollmentColumns::default(), &area_ids, &school_list).unwrap();
    let data = Dataset { areas: area_table, schools: Some((school_list, enrollment)) };
    let prepared = match Prepared::new(&data, &d.formula) {
        Ok(p) => p,
        // Every row left out (tiny districts): nothing to compare.
        Err(EngineError::NothingToScore { .. }) => return,
        Err(e) => panic!("seed {seed}: {e}"),
    };
    let engine = prepared.evaluate(&data, &d.formula, d.rank_by, Some(&d.allocation)).unwrap();
    // A second evaluation into the first one's buffers (a slider step) gives the same answer.
    let mut reused = engine.clone();
    prepared.evaluate_into(&data, &d.formula, d.rank_by, Some(&d.allocation), &mut reused).unwrap();
    assert_eq!(reused, engine, "seed {seed}: reused buffers change nothing");

    let (ref_areas, ref_schools) = reference(d);
    assert_eq!(engine.areas.len(), ref_areas.len());
    for (a, (got, want)) in engine.areas.iter().zip(&ref_areas).enumerate() {
        match want {
            None => assert_eq!((got.score, got.tier, got.rank), (None, None, None), "seed {seed}, area {a} is left out"),
            Some(want) => {
                match (got.score, want.score) {
                    (Some(g), Some(w)) => assert!((g - w).abs() <= 1e-9, "seed {seed}, area {a}: score {g} vs {w}"),
                    (g, w) => assert_eq!(g, w, "seed {seed}, area {a}: scored or not"),
                }
                assert_eq!((got.tier, got.rank), (Some(want.tier), want.rank), "seed {seed}, area {a}: tier and rank");
            }
        }
    }
    assert_eq!(engine.schools.len(), ref_schools.len());
    for (s, (got, want)) in engine.schools.iter().zip(&ref_schools).enumerate() {
        assert_eq!(&got.students_by_tier[..], &want.students_by_tier[..], "seed {seed}, school {s}: profile");
        assert_eq!(got.unscored_students, want.unscored_students, "seed {seed}, school {s}: unscored students");
        match (got.mean_score, want.mean_score) {
            (Some(g), Some(w)) => assert!((g - w).abs() <= 1e-9, "seed {seed}, school {s}: mean {g} vs {w}"),
            (g, w) => assert_eq!(g, w, "seed {seed}, school {s}: mean score"),
        }
        assert!((got.need - want.need).abs() <= 1e-9 * want.need.max(1.0), "seed {seed}, school {s}: need");
        assert_eq!(got.rank, want.rank, "seed {seed}, school {s}: rank");
        assert_eq!(got.allocation_cents, Some(want.allocation_cents), "seed {seed}, school {s}: cents");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// Districts of a few areas to a few hundred: the engine's comparison-sort paths.
    #[test]
    fn small_districts_match_the_reference(seed in any::<u64>(), areas in 1usize..400, schools in 1usize..40) {
        engine_matches_reference(seed, areas, schools);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, failure_persistence: None, ..ProptestConfig::default() })]

    /// Districts above the radix-sort threshold (2,048 items).
    #[test]
    fn large_districts_match_the_reference(seed in any::<u64>(), areas in 2_100usize..6_000, schools in 50usize..300) {
        engine_matches_reference(seed, areas, schools);
    }
}

#[test]
fn the_demo_district_matches_the_reference_under_every_allocation_method() {
    let demo = DemoDistrict::default_district();
    for method in AllocationMethod::ALL {
        for rank_by in [RankBy::Tier1Share, RankBy::MeanScore] {
            let d = District {
                areas_csv: demo.areas_csv.clone(),
                schools_csv: demo.schools_csv.clone(),
                enrollment_csv: demo.enrollment_csv.clone(),
                formula: demo_formula(),
                rank_by,
                allocation: AllocationSettings { method, ..AllocationSettings::default() },
            };
            same_answers(&d, 0);
        }
    }
}

// ---------------------------------------------------------------------------------------
// The student part: the random district's enrollment expanded into one row per student with
// two family items (ordered answers and numbers, some blank), and a random student part.
// The reference follows the formula file's documentation word for word.

const LEVELS: [&str; 4] = ["none", "some", "more", "most"];

struct StudentDistrict {
    district: District,
    students_csv: String,
}

fn random_student_district(seed: u64, areas: usize, schools: usize) -> StudentDistrict {
    let mut district = random_district(seed, areas, schools);
    let mut rng = StdRng::seed_from_u64(seed ^ 0xF00D);
    let (header, rows) = records(&district.enrollment_csv);
    let (a, s, n) = (column(&header, "area_id"), column(&header, "school_id"), column(&header, "students"));
    let mut students_csv = String::from("student_id,area_id,school_id,edu,pay\n");
    let mut next = 0;
    for row in &rows {
        let count: f64 = row[n].parse().unwrap();
        for _ in 0..count as usize {
            let edu = if rng.random_bool(0.15) { "" } else { LEVELS[rng.random_range(0..4)] };
            // Few distinct incomes, so ties are common.
            let pay = if rng.random_bool(0.25) { String::new() } else { (rng.random_range(0..12) * 5_000).to_string() };
            students_csv.push_str(&format!("st{next},{},{},{edu},{pay}\n", row[a], row[s]));
            next += 1;
        }
    }
    let family = vec![
        FamilyItem {
            column: "edu".into(),
            direction: Direction::Advantage,
            weight: f64::from(rng.random_range(0..4u32)),
            enabled: true,
            levels: Some(LEVELS.iter().map(|l| (*l).to_owned()).collect()),
            question: None,
        },
        FamilyItem {
            column: "pay".into(),
            direction: if rng.random_bool(0.8) { Direction::Advantage } else { Direction::Disadvantage },
            weight: f64::from(rng.random_range(1..4u32)),
            enabled: rng.random_bool(0.9),
            levels: None,
            question: None,
        },
    ];
    let f = &mut district.formula;
    f.version = 2;
    f.student = Some(StudentPart {
        area_share: [0.0, 0.25, 0.5, 0.8, 1.0][rng.random_range(0..5)],
        family,
        missing_family: if rng.random_bool(0.5) { MissingFamily::AreaOnly } else { MissingFamily::LeaveOut },
        tiers: StudentTiers {
            count: f.tiers.count,
            method: if rng.random_bool(0.5) { StudentTierMethod::EqualStudents } else { StudentTierMethod::AreaCutoffs },
        },
    });
    StudentDistrict { district, students_csv }
}

/// Per student: (score, tier), tier 0 and no score for a student left out.
fn reference_students(d: &StudentDistrict, areas: &[Option<ReferenceArea>], area_index: &HashMap<String, usize>) -> Vec<(Option<f64>, u8)> {
    let part = d.district.formula.student.as_ref().unwrap();
    let (header, rows) = records(&d.students_csv);
    let area_column = column(&header, "area_id");
    // Each item as numbers (levels by place, 1 = lowest), blank as none.
    let answers: Vec<Vec<Option<f64>>> = part
        .family
        .iter()
        .map(|item| {
            let c = column(&header, &item.column);
            rows.iter()
                .map(|r| match (&item.levels, r[c].as_str()) {
                    (_, "") => None,
                    (Some(levels), answer) => Some(levels.iter().position(|l| l == answer).unwrap() as f64 + 1.0),
                    (None, number) => Some(number.parse().unwrap()),
                })
                .collect()
        })
        .collect();
    // "Normalised over the students who answered them, each student counting once."
    let normalised: Vec<Vec<Option<f64>>> = answers
        .iter()
        .zip(&part.family)
        .map(|(values, item)| {
            let given: Vec<f64> = values.iter().flatten().copied().collect();
            values
                .iter()
                .map(|v| {
                    v.map(|v| {
                        let counted =
                            given.iter().filter(|&&g| if item.direction == Direction::Advantage { g <= v } else { g >= v }).count();
                        100.0 * counted as f64 / given.len() as f64
                    })
                })
                .collect()
        })
        .collect();
    let mut scores: Vec<Option<f64>> = rows
        .iter()
        .enumerate()
        .map(|(s, r)| {
            let area = areas[area_index[&r[area_column]]].as_ref()?;
            let area_score = area.score?;
            let taking: Vec<(f64, f64)> = part
                .family
                .iter()
                .enumerate()
                .filter(|(_, item)| item.enabled && item.weight > 0.0)
                .filter_map(|(i, item)| normalised[i][s].map(|v| (item.weight, v)))
                .collect();
            let answered_any = part.family.iter().enumerate().any(|(i, item)| item.enabled && answers[i][s].is_some());
            if part.missing_family == MissingFamily::LeaveOut && !answered_any {
                return None;
            }
            if taking.is_empty() {
                return (part.missing_family == MissingFamily::AreaOnly).then_some(area_score);
            }
            let total: f64 = taking.iter().map(|(w, _)| w).sum();
            let family: f64 = taking.iter().map(|(w, v)| w / total * v).sum();
            Some(part.area_share * area_score + (1.0 - part.area_share) * family)
        })
        .collect();
    let k = usize::from(part.tiers.count);
    let tiers: Vec<u8> = match part.tiers.method {
        StudentTierMethod::EqualStudents => {
            let mut sorted: Vec<f64> = scores.iter().flatten().copied().collect();
            sorted.sort_by(f64::total_cmp);
            let n = sorted.len();
            let cuts: Vec<f64> = (1..k).filter(|j| j * n >= k).map(|j| sorted[(j * n).div_ceil(k) - 1]).collect();
            scores.iter().map(|s| s.map_or(0, |s| 1 + cuts.iter().filter(|&&c| c < s).count() as u8)).collect()
        }
        StudentTierMethod::AreaCutoffs => {
            let rule = &d.district.formula.tiers;
            // Tier t opens at its lowest area score (or the formula's cutoff).
            let floors: Vec<Option<f64>> = if rule.method == TierMethod::ScoreCutoffs {
                rule.cutoffs.iter().map(|&c| Some(c)).collect()
            } else {
                (2..=k as u8)
                    .map(|t| areas.iter().flatten().filter(|a| a.tier == t).filter_map(|a| a.score).min_by(f64::total_cmp))
                    .collect()
            };
            scores
                .iter()
                .map(|s| s.map_or(0, |s| floors.iter().rposition(|f| f.is_some_and(|f| f <= s)).map_or(1, |j| j as u8 + 2)))
                .collect()
        }
    };
    for (score, &tier) in scores.iter_mut().zip(&tiers) {
        if tier == 0 {
            *score = None;
        }
    }
    scores.into_iter().zip(tiers).collect()
}

fn students_match_reference(seed: u64, areas: usize, schools: usize) {
    let d = random_student_district(seed, areas, schools);
    let area_table = Areas::parse("areas.csv", d.district.areas_csv.as_bytes()).unwrap();
    let school_list = Schools::parse("schools.csv", d.district.schools_csv.as_bytes(), &SchoolColumns::default()).unwrap();
    let area_ids = area_table.table().id_column("area_id", Purpose::AreaId).unwrap();
    let area_index: HashMap<String, usize> = area_ids.iter().enumerate().map(|(i, id)| (id.to_owned(), i)).collect();
    let table = Table::parse("students.csv", d.students_csv.as_bytes()).unwrap();
    let enrollment = Enrollment::from_students(&table, &EnrollmentColumns::default(), &area_ids, &school_list).unwrap();
    let data = Dataset { areas: area_table, schools: Some((school_list, enrollment)) };
    let f = &d.district.formula;
    let prepared = match Prepared::new(&data, f) {
        Ok(p) => p,
        Err(EngineError::NothingToScore { .. }) => return,
        Err(e) => panic!("seed {seed}: {e}"),
    };
    let engine = prepared.evaluate(&data, f, d.district.rank_by, None).unwrap();
    let (ref_areas, _) = reference(&d.district);
    let want = reference_students(&d, &ref_areas, &area_index);
    let got = engine.students.as_deref().unwrap();
    for (s, (score, tier)) in want.iter().enumerate() {
        assert_eq!(got.tiers[s], *tier, "seed {seed}, student {s}: tier");
        match (score, got.scores[s]) {
            (Some(w), g) => assert!((g - w).abs() <= 1e-9, "seed {seed}, student {s}: score {g} vs {w}"),
            (None, g) => assert!(g.is_nan(), "seed {seed}, student {s}: left out"),
        }
    }
    // Each school profiled by its students' tiers.
    let (header, rows) = records(&d.students_csv);
    let school_column = column(&header, "school_id");
    let (schools, _) = data.schools.as_ref().unwrap();
    for (k, school) in engine.schools.iter().enumerate() {
        let mine: Vec<usize> = (0..rows.len()).filter(|&s| rows[s][school_column] == schools.ids[k]).collect();
        let by_tier: Vec<f64> = (1..=f.tiers.count).map(|t| mine.iter().filter(|&&s| want[s].1 == t).count() as f64).collect();
        assert_eq!(&school.students_by_tier[..], &by_tier[..], "seed {seed}, school {k}: profile");
        assert_eq!(school.unscored_students, mine.iter().filter(|&&s| want[s].1 == 0).count() as f64, "seed {seed}, school {k}");
        let scored: Vec<f64> = mine.iter().filter_map(|&s| want[s].0).collect();
        let mean = (!scored.is_empty()).then(|| scored.iter().sum::<f64>() / scored.len() as f64);
        match (school.mean_score, mean) {
            (Some(g), Some(w)) => assert!((g - w).abs() <= 1e-9, "seed {seed}, school {k}: mean {g} vs {w}"),
            (g, w) => assert_eq!(g, w, "seed {seed}, school {k}: mean score"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, failure_persistence: None, ..ProptestConfig::default() })]

    /// Every student's score and tier, and every school's profile by student tier.
    #[test]
    fn students_of_random_districts_match_the_reference(seed in any::<u64>(), areas in 1usize..120, schools in 1usize..20) {
        students_match_reference(seed, areas, schools);
    }
}
