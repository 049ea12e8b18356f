//! Why a result is what it is: each indicator's contribution to an area's or a school's
//! score, the change by indicator against a baseline, what really drives the score (effective
//! weights, correlations, warnings in words) and the areas and schools on a knife edge
//! between two tiers. The app and the `ses explain` command show these same numbers.
//!
//! Notation (the README has the full definitions): enabled indicators i with weights wᵢ,
//! W = Σwᵢ; nᵢ(a) is area a's normalised value; S(a) = Σ wᵢnᵢ(a)/W; p(a) its population.

use super::formula::Formula;
use super::model::{Evaluation, Prepared};
use super::tiers::tier_spans;

/// Each formula indicator's contribution cᵢ(a) = wᵢ·nᵢ(a)/W to the score of `area` (0 for
/// an indicator that is switched off), in formula order; they add up to the area's score.
/// `None` when the area is left out.
pub fn area_contributions(prepared: &Prepared, formula: &Formula, area: usize) -> Option<Vec<f64>> {
    let p = prepared.position_of(area)?;
    Some(position_contributions(prepared, formula, &formula.weight_shares(), p))
}

/// cᵢ at scored position `p`, given the effective shares wᵢ/W; for an area with a value
/// missing, the shares reweighted over what it has (as its score was).
fn position_contributions(prepared: &Prepared, formula: &Formula, shares: &[f64], p: usize) -> Vec<f64> {
    let value = |i: usize| prepared.normalized_column(i).get(p).copied().unwrap_or(f64::NAN);
    let reweighted;
    let shares = if shares.iter().enumerate().any(|(i, &s)| s > 0.0 && value(i).is_nan()) {
        let mut own = Vec::new();
        formula.shares_of_present(&|i| !value(i).is_nan(), &mut own);
        reweighted = own;
        &reweighted
    } else {
        shares
    };
    (0..shares.len()).map(|i| if shares[i] > 0.0 { shares[i] * value(i) } else { 0.0 }).collect()
}

/// A school's contributions: cᵢ(s) = Σₐ students(a,s)·cᵢ(a) / Σₐ students(a,s) over its
/// students from scored areas, in formula order; they add up to its mean score. `None` for a
/// school with no student from a scored area.
pub fn school_contributions(prepared: &Prepared, formula: &Formula, school: usize) -> Option<Vec<f64>> {
    let shares = formula.weight_shares();
    let mut sums = vec![0.0; shares.len()];
    let mut students = 0.0;
    for (p, n) in prepared.school_sources(school) {
        let Some(p) = p else { continue };
        for (sum, c) in sums.iter_mut().zip(position_contributions(prepared, formula, &shares, p)) {
            *sum += n * c;
        }
        students += n;
    }
    (students > 0.0).then(|| sums.into_iter().map(|s| s / students).collect())
}

/// Contributions keyed by column, for setting two formulas side by side.
pub fn by_column(formula: &Formula, contributions: &[f64]) -> Vec<(String, f64)> {
    formula.indicators.iter().zip(contributions).map(|(ind, &c)| (ind.column.clone(), c)).collect()
}

/// The change by indicator, Δcᵢ = cᵢ(current) − cᵢ(baseline), over the columns of either
/// formula (current's order first; a column only one formula uses counts 0 in the other).
/// The changes add up to the change of the score.
pub fn change_by_indicator(current: &[(String, f64)], baseline: &[(String, f64)]) -> Vec<(String, f64)> {
    let find = |list: &[(String, f64)], column: &str| list.iter().find(|(c, _)| c == column).map_or(0.0, |(_, v)| *v);
    let mut out: Vec<(String, f64)> = current.iter().map(|(c, v)| (c.clone(), v - find(baseline, c))).collect();
    out.extend(baseline.iter().filter(|(c, _)| !current.iter().any(|(k, _)| k == c)).map(|(c, v)| (c.clone(), -v)));
    out
}

/// One enabled indicator's nominal and effective weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Influence {
    pub column: String,
    /// wᵢ/W.
    pub nominal_share: f64,
    /// eᵢ = (wᵢ/W)·Cov(nᵢ, S)/Var(S), population-weighted; `None` when Var(S) = 0.
    pub effective_share: Option<f64>,
}

/// The population-weighted Pearson correlation of two enabled indicators' normalised values.
#[derive(Debug, Clone, PartialEq)]
pub struct Correlation {
    pub a: String,
    pub b: String,
    /// `None` when either indicator is constant.
    pub r: Option<f64>,
}

/// What really drives the score.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Drivers {
    /// Per enabled indicator, in formula order.
    pub influences: Vec<Influence>,
    /// Every pair of enabled indicators.
    pub correlations: Vec<Correlation>,
    /// What a reader should be warned of (in words through `Display`).
    pub warnings: Vec<Warning>,
}

/// Something about the weights that a reader of the formula should know.
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// Every area has the same score.
    ConstantScore,
    /// One indicator explains at least [`DOMINATES`] of the variation.
    Dominates { column: String, effective: f64, nominal: f64 },
    /// Areas that score higher on an indicator score lower overall.
    PullsAgainst { column: String, effective: f64, nominal: f64 },
    /// Two indicators correlate at least [`SAME_THING`] in absolute value.
    CountsTwice { a: String, b: String, r: f64 },
}

impl std::fmt::Display for Warning {
    /// The sentence `ses explain` writes (and the app in English).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::ConstantScore => write!(f, "Every area has the same score, so no indicator explains any of its variation."),
            Warning::Dominates { column, effective, nominal } => write!(
                f,
                "{column} explains {} of the variation in the score although it has {} of the weight.",
                percent(*effective),
                percent(*nominal)
            ),
            Warning::PullsAgainst { column, effective, nominal } => write!(
                f,
                "{column} pulls against the score: it has {} of the weight, but areas that score higher on it tend to score lower overall ({} of the variation).",
                percent(*nominal),
                percent(*effective)
            ),
            Warning::CountsTwice { a, b, r } => write!(f, "{a} and {b} count the same thing twice: their correlation is {r:.2}."),
        }
    }
}

/// Share (0–1) above which an indicator "dominates".
pub const DOMINATES: f64 = 0.5;
/// |r| at or above which two indicators "count the same thing twice".
pub const SAME_THING: f64 = 0.9;

/// Population-weighted means, variances and covariances over the scored areas.
struct Weighted<'a> {
    weights: std::borrow::Cow<'a, [f64]>,
    total: f64,
}

impl Weighted<'_> {
    fn new(population: &[f64]) -> Weighted<'_> {
        let total: f64 = population.iter().sum();
        if total > 0.0 {
            Weighted { weights: population.into(), total }
        } else {
            // No population at all: every area counts once, as in the percentiles.
            Weighted { weights: vec![1.0; population.len()].into(), total: population.len() as f64 }
        }
    }

    fn mean(&self, x: &[f64]) -> f64 {
        x.iter().zip(self.weights.iter()).map(|(v, w)| v * w).sum::<f64>() / self.total
    }

    fn covariance(&self, x: &[f64], mx: f64, y: &[f64], my: f64) -> f64 {
        x.iter().zip(y).zip(self.weights.iter()).map(|((a, b), w)| w * (a - mx) * (b - my)).sum::<f64>() / self.total
    }
}

/// A variance this small (relative to the values' scale) is zero: the values are constant up
/// to rounding.
fn is_constant(variance: f64, mean: f64, values: &[f64]) -> bool {
    let scale = values.iter().fold(mean.abs(), |m, v| m.max(v.abs())).max(1.0);
    variance <= 1e-20 * scale * scale
}

fn percent(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

/// Effective weights, correlations and warnings for `formula` on prepared data, naming each
/// indicator by its column.
pub fn drivers(prepared: &Prepared, formula: &Formula) -> Drivers {
    drivers_named(prepared, formula, &|column| column.to_string())
}

/// [`drivers`] with each indicator named by `name(column)` (the app's readable labels); the
/// numbers are the same.
pub fn drivers_named(prepared: &Prepared, formula: &Formula, name: &dyn Fn(&str) -> String) -> Drivers {
    // Over the areas with every value (all the scored ones, unless the formula scores areas
    // with gaps): a covariance needs both values.
    let gaps: Vec<usize> = prepared.gaps().iter().map(|g| g.position as usize).collect();
    let keep: Option<Vec<usize>> =
        (!gaps.is_empty()).then(|| (0..prepared.scored_count()).filter(|p| gaps.binary_search(p).is_err()).collect());
    let subset = |values: &[f64]| -> Vec<f64> { keep.as_ref().map_or_else(|| values.to_vec(), |k| k.iter().map(|&p| values[p]).collect()) };
    let population: std::borrow::Cow<[f64]> =
        if keep.is_some() { subset(prepared.scored_population()).into() } else { prepared.scored_population().into() };
    let columns: Vec<std::borrow::Cow<[f64]>> = (0..formula.indicators.len())
        .map(|i| {
            let values = prepared.normalized_column(i);
            if keep.is_none() || values.is_empty() { values.into() } else { subset(values).into() }
        })
        .collect();
    let n = population.len();
    let enabled: Vec<usize> = (0..formula.indicators.len()).filter(|&i| formula.indicators[i].enabled).collect();
    let shares = formula.weight_shares();
    let weighted = Weighted::new(&population);
    // Scores column by column, summed in the same order as the contributions are.
    let mut scores = vec![0.0; n];
    for (i, &share) in shares.iter().enumerate() {
        if share > 0.0 {
            for (s, v) in scores.iter_mut().zip(columns[i].iter()) {
                *s += share * v;
            }
        }
    }
    let score_mean = weighted.mean(&scores);
    let score_variance = weighted.covariance(&scores, score_mean, &scores, score_mean);
    let constant_score = is_constant(score_variance, score_mean, &scores);
    let means: Vec<f64> = enabled.iter().map(|&i| weighted.mean(&columns[i])).collect();
    let column = |i: usize| name(&formula.indicators[i].column);

    let influences: Vec<Influence> = enabled
        .iter()
        .zip(&means)
        .map(|(&i, &m)| Influence {
            column: column(i),
            nominal_share: shares[i],
            effective_share: (!constant_score)
                .then(|| shares[i] * weighted.covariance(&columns[i], m, &scores, score_mean) / score_variance),
        })
        .collect();

    let variances: Vec<(f64, bool)> = enabled
        .iter()
        .zip(&means)
        .map(|(&i, &m)| {
            let x = &columns[i];
            let v = weighted.covariance(x, m, x, m);
            (v, is_constant(v, m, x))
        })
        .collect();
    let mut correlations = Vec::new();
    for a in 0..enabled.len() {
        for b in a + 1..enabled.len() {
            let r = (!variances[a].1 && !variances[b].1).then(|| {
                let (x, y) = (&columns[enabled[a]], &columns[enabled[b]]);
                (weighted.covariance(x, means[a], y, means[b]) / (variances[a].0 * variances[b].0).sqrt()).clamp(-1.0, 1.0)
            });
            correlations.push(Correlation { a: column(enabled[a]), b: column(enabled[b]), r });
        }
    }

    let warnings = warnings(constant_score, &influences, &correlations);
    Drivers { influences, correlations, warnings }
}

/// What a person should be warned of: a score that does not vary, an indicator that drives
/// the score or pulls against its weight, two that measure the same thing.
fn warnings(constant_score: bool, influences: &[Influence], correlations: &[Correlation]) -> Vec<Warning> {
    let mut warnings = Vec::new();
    if constant_score {
        warnings.push(Warning::ConstantScore);
    }
    for inf in influences {
        match inf.effective_share {
            Some(e) if e >= DOMINATES => {
                warnings.push(Warning::Dominates { column: inf.column.clone(), effective: e, nominal: inf.nominal_share })
            }
            Some(e) if e < 0.0 => {
                warnings.push(Warning::PullsAgainst { column: inf.column.clone(), effective: e, nominal: inf.nominal_share })
            }
            _ => {}
        }
    }
    for c in correlations {
        if let Some(r) = c.r.filter(|r| r.abs() >= SAME_THING) {
            warnings.push(Warning::CountsTwice { a: c.a.clone(), b: c.b.clone(), r });
        }
    }
    warnings
}

/// The areas and schools within δ of a cut between two tiers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KnifeEdge {
    /// For each pair of adjacent non-empty tiers k, k+1: the midpoint of the highest score in
    /// tier k and the lowest in tier k+1.
    pub cuts: Vec<f64>,
    /// δ: the given fraction of the score range.
    pub delta: f64,
    /// Per area (file order): within δ of a cut. False for areas left out.
    pub areas: Vec<bool>,
    /// Per school: the share of its students from scored areas who live in knife-edge areas
    /// (`None` without such students).
    pub school_shares: Vec<Option<f64>>,
    /// How many of `areas` are true (counted as they are found).
    area_count: usize,
}

/// Default δ: 1% of the score range.
pub const KNIFE_EDGE_FRACTION: f64 = 0.01;
/// A school is flagged when at least this share of its students live in knife-edge areas.
pub const KNIFE_EDGE_SCHOOL_SHARE: f64 = 0.25;

impl KnifeEdge {
    /// Number of knife-edge areas.
    pub fn area_count(&self) -> usize {
        self.area_count
    }

    /// Whether a school is flagged (see [`KNIFE_EDGE_SCHOOL_SHARE`]).
    pub fn school_flagged(&self, school: usize) -> bool {
        self.school_shares.get(school).copied().flatten().is_some_and(|s| s >= KNIFE_EDGE_SCHOOL_SHARE)
    }

    /// Number of flagged schools.
    pub fn school_count(&self) -> usize {
        (0..self.school_shares.len()).filter(|&s| self.school_flagged(s)).count()
    }
}

/// Finds the knife-edge areas and schools, δ = `fraction` × (highest − lowest score).
pub fn knife_edge(prepared: &Prepared, evaluation: &Evaluation, fraction: f64) -> KnifeEdge {
    // Along the rank order scores ascend and tiers never decrease, so every tier is a span
    // of it, the extremes are its ends, and the areas near a cut are a span around it: a
    // step visits only the areas near a cut, found by bisection, not every area.
    let areas_out = &evaluation.areas;
    let (order, scores) = (areas_out.in_rank_order(), areas_out.scores());
    let score_at = |position: usize| scores[order[position] as usize];
    let spans = tier_spans(areas_out.tiers(), order, evaluation.tier_count);
    let filled: Vec<&std::ops::Range<usize>> = spans.iter().filter(|s| !s.is_empty()).collect();
    let cuts: Vec<f64> = filled.windows(2).map(|w| (score_at(w[0].end - 1) + score_at(w[1].start)) / 2.0).collect();
    let delta = match order {
        [] => 0.0,
        _ => fraction.max(0.0) * (score_at(order.len() - 1) - score_at(0)),
    };
    let mut areas = vec![false; areas_out.len()];
    // The same areas as a list, each once: the schools' shares visit only their students.
    let mut near = Vec::new();
    for &cut in &cuts {
        // |s − cut| ≤ δ, exactly as written, holds on one span: s − cut only grows with s.
        let from = order.partition_point(|&a| scores[a as usize] - cut < -delta);
        let to = order.partition_point(|&a| scores[a as usize] - cut <= delta);
        for &a in &order[from..to.max(from)] {
            if !areas[a as usize] {
                areas[a as usize] = true;
                near.push(a);
            }
        }
    }
    let school_shares = if evaluation.schools.is_empty() { Vec::new() } else { prepared.school_shares_near(&near) };
    KnifeEdge { cuts, delta, areas, school_shares, area_count: near.len() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(d: &Drivers) -> Vec<String> {
        d.warnings.iter().map(ToString::to_string).collect()
    }
    use crate::dataset::{Areas, Dataset, Enrollment, EnrollmentEntry, SchoolColumns, Schools};
    use crate::model::RankBy;

    /// Four areas, two indicators; minmax keeps the normalised values easy to compute by hand.
    fn data(csv: &str) -> Dataset {
        Dataset::areas_only(Areas::parse("areas.csv", csv.as_bytes()).unwrap())
    }

    fn formula(json: &str) -> Formula {
        Formula::from_json("f.json", json.as_bytes()).unwrap()
    }

    const TWO: &str = r#"{"version":1,"id_column":"id","population_column":"p","normalization":"minmax",
        "indicators":[{"column":"x","direction":"advantage","weight":3},{"column":"y","direction":"advantage","weight":1}],
        "tiers":{"count":2,"method":"equal_count"}}"#;

    #[test]
    fn contributions_add_up_to_the_score() {
        // x: 0, 50, 100, 100 → minmax 0, 50, 100, 100; y: 0, 100, 0, 100 → 0, 100, 0, 100.
        let d = data("id,p,x,y\na,1,0,0\nb,1,50,100\nc,1,100,0\nd,1,100,100\n");
        let f = formula(TWO);
        let prepared = Prepared::new(&d, &f).unwrap();
        let e = prepared.evaluate(&d, &f, RankBy::default(), None).unwrap();
        let b = area_contributions(&prepared, &f, 1).unwrap();
        assert_eq!(b, vec![0.75 * 50.0, 0.25 * 100.0]);
        for a in 0..4 {
            let c = area_contributions(&prepared, &f, a).unwrap();
            assert!((c.iter().sum::<f64>() - e.areas.of(a).score.unwrap()).abs() < 1e-12);
        }
    }

    #[test]
    fn school_contributions_are_student_weighted_and_add_up_to_the_mean_score() {
        let d = data("id,p,x,y\na,1,0,0\nb,1,50,100\nc,1,100,0\nd,1,100,\n");
        let schools = Schools::parse("s.csv", b"school_id\nS1\nS2\n", &SchoolColumns::default()).unwrap();
        // S1: 1 student from a, 3 from b; S2: 2 from d (left out: y is missing).
        let entries = vec![
            EnrollmentEntry { area: 0, school: 0, students: 1.0 },
            EnrollmentEntry { area: 1, school: 0, students: 3.0 },
            EnrollmentEntry { area: 3, school: 1, students: 2.0 },
        ];
        let d = Dataset { areas: d.areas, schools: Some((schools, Enrollment { entries, student_level: false, students: None })) };
        let f = formula(TWO);
        let prepared = Prepared::new(&d, &f).unwrap();
        let e = prepared.evaluate(&d, &f, RankBy::default(), None).unwrap();
        // a: (0, 0); b: x minmax over a, b, c = 50 → 37.5, y = 100 → 25.
        let s1 = school_contributions(&prepared, &f, 0).unwrap();
        assert_eq!(s1, vec![3.0 * 37.5 / 4.0, 3.0 * 25.0 / 4.0]);
        assert!((s1.iter().sum::<f64>() - e.schools[0].mean_score.unwrap()).abs() < 1e-12);
        assert_eq!(school_contributions(&prepared, &f, 1), None, "no student from a scored area");
    }

    #[test]
    fn change_by_indicator_covers_the_columns_of_both_formulas_and_adds_up() {
        let current = vec![("x".to_string(), 30.0), ("y".to_string(), 10.0)];
        let baseline = vec![("y".to_string(), 25.0), ("z".to_string(), 5.0)];
        let change = change_by_indicator(&current, &baseline);
        assert_eq!(change, vec![("x".into(), 30.0), ("y".into(), -15.0), ("z".into(), -5.0)]);
        assert_eq!(change.iter().map(|c| c.1).sum::<f64>(), 40.0 - 30.0);
    }

    #[test]
    fn effective_weights_add_up_to_one_and_follow_the_covariance() {
        // x and y independent with equal variance: effective shares equal the squared-weight
        // shares, 9/10 and 1/10 for weights 3 and 1.
        let d = data("id,p,x,y\na,1,0,0\nb,1,0,100\nc,1,100,0\nd,1,100,100\n");
        let f = formula(TWO);
        let prepared = Prepared::new(&d, &f).unwrap();
        let drivers = drivers(&prepared, &f);
        let e: Vec<f64> = drivers.influences.iter().map(|i| i.effective_share.unwrap()).collect();
        assert!((e[0] - 0.9).abs() < 1e-12 && (e[1] - 0.1).abs() < 1e-12, "{e:?}");
        assert_eq!(drivers.influences[0].nominal_share, 0.75);
        assert_eq!(drivers.correlations, vec![Correlation { a: "x".into(), b: "y".into(), r: Some(0.0) }]);
        assert_eq!(sentences(&drivers), vec!["x explains 90% of the variation in the score although it has 75% of the weight."]);
    }

    #[test]
    fn population_weights_the_covariance() {
        // Area d holds almost everyone: x and y barely vary over the population.
        let d = data("id,p,x,y\na,1,0,0\nb,1,0,100\nc,1,100,0\nd,97,100,100\n");
        let f = formula(TWO);
        let prepared = Prepared::new(&d, &f).unwrap();
        let drivers = drivers(&prepared, &f);
        let total: f64 = drivers.influences.iter().map(|i| i.effective_share.unwrap()).sum();
        assert!((total - 1.0).abs() < 1e-12);
        // Weighted: mean x = mean y = 98; Var = (98² + 98² + 2² + 97·2²)/100 = 196 each;
        // Cov = (98·98 − 98·2 − 2·98 + 97·2·2)/100 = 96; r = 96/196 (unweighted it is 0).
        let r = drivers.correlations[0].r.unwrap();
        let expected = 96.0 / 196.0;
        assert!((r - expected).abs() < 1e-9, "{r} vs {expected}");
    }

    #[test]
    fn twice_counted_and_pulling_against_are_named() {
        // y = x (same thing twice); z runs against both and has little weight.
        let d = data("id,x,y,z\na,0,0,10\nb,10,10,0\nc,20,20,30\nd,30,30,20\n");
        let f = formula(
            r#"{"version":1,"id_column":"id","normalization":"minmax",
            "indicators":[{"column":"x","direction":"advantage","weight":1},{"column":"y","direction":"advantage","weight":1},
                          {"column":"z","direction":"disadvantage","weight":0.2}],
            "tiers":{"count":2,"method":"equal_count"}}"#,
        );
        let prepared = Prepared::new(&d, &f).unwrap();
        let drivers = drivers(&prepared, &f);
        let total: f64 = drivers.influences.iter().map(|i| i.effective_share.unwrap()).sum();
        assert!((total - 1.0).abs() < 1e-12);
        assert_eq!(drivers.correlations[0].r, Some(1.0));
        assert!(
            sentences(&drivers).iter().any(|w| w == "x and y count the same thing twice: their correlation is 1.00."),
            "{:?}",
            drivers.warnings
        );
        assert!(sentences(&drivers).iter().any(|w| w.starts_with("z pulls against the score")), "{:?}", drivers.warnings);
    }

    #[test]
    fn one_indicator_and_constant_ones_give_no_nan() {
        let one = formula(
            r#"{"version":1,"id_column":"id","normalization":"percentile",
            "indicators":[{"column":"x","direction":"advantage","weight":2}],"tiers":{"count":2,"method":"equal_count"}}"#,
        );
        let d = data("id,x,y\na,1,5\nb,2,5\nc,3,5\n");
        let prepared = Prepared::new(&d, &one).unwrap();
        let dr = drivers(&prepared, &one);
        assert_eq!(dr.influences[0].effective_share, Some(1.0));
        assert!(dr.correlations.is_empty() && sentences(&dr).iter().all(|w| !w.contains("NaN")));

        // A constant indicator: no correlation, score variance from x alone.
        let f = formula(
            r#"{"version":1,"id_column":"id","normalization":"zscore",
            "indicators":[{"column":"x","direction":"advantage","weight":1},{"column":"y","direction":"advantage","weight":1}],
            "tiers":{"count":2,"method":"equal_count"}}"#,
        );
        let prepared = Prepared::new(&d, &f).unwrap();
        let dr = drivers(&prepared, &f);
        assert_eq!(dr.correlations[0].r, None);
        assert_eq!(dr.influences[1].effective_share, Some(0.0));

        // Every indicator constant: the score does not vary, said in words.
        let d = data("id,x,y\na,1,5\nb,1,5\n");
        let prepared = Prepared::new(&d, &f).unwrap();
        let dr = drivers(&prepared, &f);
        assert!(dr.influences.iter().all(|i| i.effective_share.is_none()));
        assert_eq!(sentences(&dr), vec!["Every area has the same score, so no indicator explains any of its variation."]);
    }

    #[test]
    fn knife_edge_areas_sit_within_delta_of_a_cut() {
        // Scores (x only, minmax): 0, 49, 51, 100 → tiers 1, 1, 2, 2; cut (49 + 51)/2 = 50.
        let d = data("id,x\na,0\nb,49\nc,51\nd,100\n");
        let f = formula(
            r#"{"version":1,"id_column":"id","normalization":"minmax",
            "indicators":[{"column":"x","direction":"advantage","weight":1}],"tiers":{"count":2,"method":"equal_count"}}"#,
        );
        let prepared = Prepared::new(&d, &f).unwrap();
        let e = prepared.evaluate(&d, &f, RankBy::default(), None).unwrap();
        let edge = knife_edge(&prepared, &e, 0.01);
        assert_eq!(edge.cuts, vec![50.0]);
        assert_eq!(edge.delta, 1.0);
        assert_eq!(edge.areas, vec![false, true, true, false]);
        assert_eq!(edge.area_count(), 2);
        let wide = knife_edge(&prepared, &e, 0.5);
        assert_eq!(wide.area_count(), 4);
    }

    #[test]
    fn all_areas_in_one_tier_have_no_cut() {
        let d = data("id,x\na,0\nb,49\n");
        let f = formula(
            r#"{"version":1,"id_column":"id","normalization":"minmax",
            "indicators":[{"column":"x","direction":"advantage","weight":1}],"tiers":{"count":1,"method":"equal_count"}}"#,
        );
        let prepared = Prepared::new(&d, &f).unwrap();
        let e = prepared.evaluate(&d, &f, RankBy::default(), None).unwrap();
        let edge = knife_edge(&prepared, &e, 0.01);
        assert!(edge.cuts.is_empty());
        assert_eq!(edge.area_count(), 0);
    }

    /// The knife edge and the tier floors as first written: a pass over every area's result.
    fn knife_edge_by_every_area(e: &Evaluation, fraction: f64) -> (Vec<f64>, f64, Vec<bool>, Vec<Option<f64>>) {
        let k = usize::from(e.tier_count);
        let (mut highest, mut lowest) = (vec![f64::NEG_INFINITY; k], vec![f64::INFINITY; k]);
        let (mut min, mut max) = (f64::INFINITY, f64::NEG_INFINITY);
        for a in &e.areas {
            if let (Some(s), Some(t)) = (a.score, a.tier) {
                let t = usize::from(t) - 1;
                highest[t] = highest[t].max(s);
                lowest[t] = lowest[t].min(s);
                (min, max) = (min.min(s), max.max(s));
            }
        }
        let filled: Vec<usize> = (0..k).filter(|&t| highest[t].is_finite()).collect();
        let cuts: Vec<f64> = filled.windows(2).map(|w| (highest[w[0]] + lowest[w[1]]) / 2.0).collect();
        let delta = if max >= min { fraction * (max - min) } else { 0.0 };
        let areas = e.areas.iter().map(|a| a.score.is_some_and(|s| cuts.iter().any(|c| (s - c).abs() <= delta))).collect();
        let floors = (1..k).map(|t| lowest[t].is_finite().then_some(lowest[t])).collect();
        (cuts, delta, areas, floors)
    }

    #[test]
    fn the_knife_edge_and_tier_floors_found_along_the_rank_order_match_a_pass_over_every_area() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(21);
        for round in 0..40 {
            // Few distinct values, so scores tie; gaps; populations with zeros.
            let mut csv = String::from("id,kids,x,y\n");
            for a in 0..300 {
                let value =
                    |rng: &mut rand::rngs::StdRng| if rng.random_bool(0.05) { String::new() } else { rng.random_range(0..12).to_string() };
                let (x, y) = (value(&mut rng), value(&mut rng));
                csv.push_str(&format!("a{a},{},{x},{y}\n", rng.random_range(0..4)));
            }
            // Schools, some with no student, taking fractions of students from any area (the
            // order of their adding shows in the last bit).
            let school_csv: String = std::iter::once("school_id\n".to_owned()).chain((0..25).map(|s| format!("S{s}\n"))).collect();
            let schools = Schools::parse("s.csv", school_csv.as_bytes(), &SchoolColumns::default()).unwrap();
            let entries = (0..600)
                .map(|_| EnrollmentEntry {
                    area: rng.random_range(0..300),
                    school: rng.random_range(0..22),
                    students: f64::from(rng.random_range(1..40)) / 3.0,
                })
                .collect();
            let d =
                Dataset { areas: data(&csv).areas, schools: Some((schools, Enrollment { entries, student_level: false, students: None })) };
            let method = ["equal_population", "equal_count", "score_cutoffs"][round % 3];
            let missing = [r#"{"policy":"leave_out"}"#, r#"{"policy":"reweight"}"#, r#"{"policy":"assign_tier","tier":2}"#][round / 3 % 3];
            let count = 2 + round % 4;
            let cutoffs: Vec<String> = (1..count).map(|c| (100 * c / count).to_string()).collect();
            let f = formula(&format!(
                r#"{{"version":2,"id_column":"id","population_column":"kids","normalization":"minmax","missing":{missing},
                "indicators":[{{"column":"x","direction":"advantage","weight":{}}},{{"column":"y","direction":"disadvantage","weight":1}}],
                "tiers":{{"count":{count},"method":"{method}","cutoffs":[{}]}}}}"#,
                rng.random_range(1..4),
                if method == "score_cutoffs" { cutoffs.join(",") } else { String::new() }
            ));
            let prepared = Prepared::new(&d, &f).unwrap();
            let e = prepared.evaluate(&d, &f, RankBy::default(), None).unwrap();
            let (cuts, delta, areas, floors) = knife_edge_by_every_area(&e, 0.05);
            let edge = knife_edge(&prepared, &e, 0.05);
            let case = format!("round {round}: {method}, {missing}, {count} tiers");
            assert_eq!((&edge.cuts, edge.delta, &edge.areas), (&cuts, delta, &areas), "{case}");
            assert_eq!(e.tier_floors, floors, "{case}");
            assert!(edge.area_count() > 0 || cuts.is_empty(), "{case}: a cut has areas near it");
            assert_eq!(edge.area_count(), areas.iter().filter(|&&k| k).count(), "{case}");
            // Each school's share, by a pass over all its students.
            let area_of: std::collections::HashMap<usize, usize> =
                (0..areas.len()).filter_map(|a| prepared.position_of(a).map(|p| (p, a))).collect();
            let shares: Vec<Option<f64>> = (0..25)
                .map(|s| {
                    let (mut on_edge, mut all) = (0.0, 0.0);
                    for (p, students) in prepared.school_sources(s) {
                        if let Some(p) = p {
                            all += students;
                            if areas[area_of[&p]] {
                                on_edge += students;
                            }
                        }
                    }
                    (all > 0.0).then(|| on_edge / all)
                })
                .collect();
            // The same sums in another order: equal to the last bits.
            assert_eq!(edge.school_shares.len(), shares.len(), "{case}");
            for (s, (got, want)) in edge.school_shares.iter().zip(&shares).enumerate() {
                assert_eq!(got.is_some(), want.is_some(), "{case}: school {s}");
                assert!((got.unwrap_or(0.0) - want.unwrap_or(0.0)).abs() < 1e-12, "{case}: school {s}: {got:?} against {want:?}");
            }
            assert!(shares[22..].iter().all(Option::is_none), "{case}: schools without students have no share");
        }
    }
}
