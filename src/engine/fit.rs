//! Finding the formula behind published tiers. What the public sees of a district's formula
//! is its result — each neighbourhood's tier — not its weights. The score is linear in the
//! weights (normalisation does not depend on them), so the published tiers are a set of
//! linear inequalities on the weights and the tier thresholds:
//!
//! ```text
//! Σᵢ wᵢ·nᵢ(a) ≥ t(k−1) + δ   and   Σᵢ wᵢ·nᵢ(a) ≤ t(k) − δ   for area a in published tier k,
//! Σᵢ wᵢ = 1, wᵢ ≥ 0, t ordered.
//! ```
//!
//! The method, in four steps:
//! 1. **Separate.** A linear programme maximises the smallest margin δ between tiers. δ > 0:
//!    some weights separate the published tiers perfectly by score. Otherwise a second
//!    programme minimises the total violation (Σ sₐ with a fixed small margin), the best
//!    achievable fit.
//! 2. **Bound.** For each indicator, two small programmes find its smallest and largest share
//!    over every formula that still separates the tiers (δ above a small floor), or that fits
//!    as well as the best fit when none separates.
//! 3. **Check with the real rule.** Thresholds only approximate a tier method such as equal
//!    population, so the fitted weights are evaluated by the engine itself and a local search
//!    (moving 1% of share between two indicators at a time) keeps any move that reproduces more
//!    published tiers.
//! 4. **Simplify.** Equal weights, then the fitted shares rounded to 5%, then to 1%: the first
//!    that reproduces as many published tiers is the simplest formula.
//!
//! The programmes are solved by `microlp` (pure Rust, also in the browser) with constraint
//! generation: a few areas' inequalities first, then the most violated of the others, until
//! none is — the same optimum, on programmes of a few hundred rows however large the district.

mod published;

use microlp::{ComparisonOp, OptimizationDirection, Problem, Variable};
pub use published::{PublishedColumn, PublishedNote, published_tiers};

use super::dataset::Dataset;
use super::error::{EngineError, Result, SettingsProblem};
use super::formula::Formula;
use super::model::{Evaluation, Prepared, RankBy};

/// One indicator's fitted share and the range it could have.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorFit {
    pub column: String,
    /// The fitted weight as a share of the total (0 to 1).
    pub share: f64,
    /// The smallest and largest share it can have while the published tiers stay separated
    /// (or, when none separates them, while the fit stays as good as the best).
    pub share_min: f64,
    pub share_max: f64,
}

/// How simple the simplest formula is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Simplest {
    EqualWeights,
    Steps5,
    Steps1,
    /// No rounding reproduces as many: the fitted shares themselves.
    Fitted,
}

/// The simplest formula that reproduces as many published tiers as the fit.
#[derive(Debug, Clone, PartialEq)]
pub struct SimplestFit {
    pub kind: Simplest,
    /// Each enabled indicator's column and share.
    pub shares: Vec<(String, f64)>,
    /// Published tiers it reproduces.
    pub matched: usize,
}

/// The result of a fit.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// Per enabled indicator of the starting formula, in its order.
    pub weights: Vec<IndicatorFit>,
    /// Whether some weights separate the published tiers perfectly by score.
    pub separable: bool,
    /// Published tiers the fitted formula reproduces under the formula's own tier rule.
    pub matched: usize,
    /// Areas with a published tier (those without data included: they cannot match).
    pub total: usize,
    /// Ids of the areas whose tier differs (or that have no tier).
    pub mismatches: Vec<String>,
    /// The simplest formula that reproduces as many.
    pub simple: SimplestFit,
    /// The fitted formula, as a formula file.
    pub formula: Formula,
}

/// An area with a published tier and data: the tier and its normalised values.
struct Row {
    tier: u8,
    values: Vec<f64>,
}

/// What a linear programme optimises.
#[derive(Clone, Copy)]
enum Goal {
    /// The smallest margin between tiers, as large as it can be.
    MaxMargin,
    /// The total violation, with every area kept `margin` from its tier's thresholds.
    MinViolation { margin: f64 },
    /// One share, as small (or large) as it can be while the margin stays at least `floor`.
    ShareWithMargin { indicator: usize, largest: bool, floor: f64 },
    /// One share, as small (or large) as it can be while the violation stays under `cap`.
    ShareWithViolation { indicator: usize, largest: bool, margin: f64, cap: f64 },
}

/// What keeps a share's range honest.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Limit {
    MarginFloor(f64),
    ViolationCap { margin: f64, cap: f64 },
}

impl Limit {
    fn goal(self, indicator: usize, largest: bool) -> Goal {
        match self {
            Limit::MarginFloor(floor) => Goal::ShareWithMargin { indicator, largest, floor },
            Limit::ViolationCap { margin, cap } => Goal::ShareWithViolation { indicator, largest, margin, cap },
        }
    }
}

/// A programme's answer: shares, thresholds, and its margin or violation.
struct Answer {
    shares: Vec<f64>,
    thresholds: Vec<f64>,
    margin: f64,
    violation: f64,
}

struct Fitter<'a> {
    rows: &'a [Row],
    indicators: usize,
    tiers: u8,
    /// The spread of the normalised values: margins and tolerances are relative to it.
    scale: f64,
}

impl Fitter<'_> {
    fn score(&self, row: &Row, shares: &[f64]) -> f64 {
        row.values.iter().zip(shares).map(|(v, w)| v * w).sum()
    }

    /// How far row `r` is from meeting its inequalities under `answer` (0 when it does).
    fn shortfall(&self, row: &Row, answer: &Answer, goal: Goal) -> f64 {
        let s = self.score(row, &answer.shares);
        let margin = match goal {
            Goal::MaxMargin | Goal::ShareWithMargin { .. } => answer.margin,
            Goal::MinViolation { margin } | Goal::ShareWithViolation { margin, .. } => margin,
        };
        let k = usize::from(row.tier);
        let below = if k > 1 { (answer.thresholds[k - 2] + margin - s).max(0.0) } else { 0.0 };
        let above = if k < usize::from(self.tiers) { (s - answer.thresholds[k - 1] + margin).max(0.0) } else { 0.0 };
        below.max(above)
    }

    /// Solves `goal` over every row, by constraint generation from a few rows.
    fn solve(&self, goal: Goal) -> Option<Answer> {
        let mut subset = self.first_rows();
        let tolerance = ROUNDING * self.scale.max(1.0);
        for _ in 0..200 {
            let answer = self.solve_on(goal, &subset)?;
            let mut violated: Vec<(f64, usize)> = (0..self.rows.len())
                .filter(|r| subset.binary_search(r).is_err())
                .map(|r| (self.shortfall(&self.rows[r], &answer, goal), r))
                .filter(|(v, _)| *v > tolerance)
                .collect();
            if violated.is_empty() {
                return Some(answer);
            }
            violated.sort_by(|a, b| b.0.total_cmp(&a.0));
            subset.extend(violated.iter().take(64).map(|(_, r)| *r));
            subset.sort_unstable();
        }
        None
    }

    /// The rows a programme starts from: in each tier, the rows with the lowest and highest
    /// value of each indicator, and an even sample.
    fn first_rows(&self) -> Vec<usize> {
        let mut chosen = Vec::new();
        for tier in 1..=self.tiers {
            let members: Vec<usize> = (0..self.rows.len()).filter(|&r| self.rows[r].tier == tier).collect();
            for i in 0..self.indicators {
                let by = |r: &&usize| self.rows[**r].values[i];
                if let Some(&r) = members.iter().min_by(|a, b| by(a).total_cmp(&by(b))) {
                    chosen.push(r);
                }
                if let Some(&r) = members.iter().max_by(|a, b| by(a).total_cmp(&by(b))) {
                    chosen.push(r);
                }
            }
        }
        let stride = (self.rows.len() / 96).max(1);
        chosen.extend((0..self.rows.len()).step_by(stride));
        chosen.sort_unstable();
        chosen.dedup();
        chosen
    }

    /// One programme over the rows in `subset`.
    fn solve_on(&self, goal: Goal, subset: &[usize]) -> Option<Answer> {
        let direction = match goal {
            Goal::MaxMargin => OptimizationDirection::Maximize,
            Goal::ShareWithMargin { largest: true, .. } | Goal::ShareWithViolation { largest: true, .. } => OptimizationDirection::Maximize,
            _ => OptimizationDirection::Minimize,
        };
        let mut lp = Problem::new(direction);
        let own = |indicator: usize, i: usize| if indicator == i { 1.0 } else { 0.0 };
        let shares: Vec<Variable> = (0..self.indicators)
            .map(|i| {
                let objective = match goal {
                    Goal::ShareWithMargin { indicator, .. } | Goal::ShareWithViolation { indicator, .. } => own(indicator, i),
                    _ => 0.0,
                };
                lp.add_var(objective, (0.0, 1.0))
            })
            .collect();
        let spread = 2.0 * self.scale.max(1.0);
        let thresholds: Vec<Variable> = (1..self.tiers).map(|_| lp.add_var(0.0, (-spread, spread))).collect();
        let margin = match goal {
            Goal::MaxMargin => Some(lp.add_var(1.0, (-spread, spread))),
            Goal::ShareWithMargin { floor, .. } => Some(lp.add_var(0.0, (floor, spread))),
            _ => None,
        };
        lp.add_constraint(shares.iter().map(|&w| (w, 1.0)).collect::<Vec<_>>(), ComparisonOp::Eq, 1.0);
        for pair in thresholds.windows(2) {
            lp.add_constraint([(pair[1], 1.0), (pair[0], -1.0)], ComparisonOp::Ge, 0.0);
        }
        let mut slacks = Vec::new();
        for &r in subset {
            let row = &self.rows[r];
            let k = usize::from(row.tier);
            let terms = || shares.iter().zip(&row.values).filter(|(_, v)| **v != 0.0).map(|(&w, &v)| (w, v)).collect::<Vec<_>>();
            let (fixed, slack) = match goal {
                Goal::MinViolation { margin } | Goal::ShareWithViolation { margin, .. } => {
                    let objective = if matches!(goal, Goal::MinViolation { .. }) { 1.0 } else { 0.0 };
                    let s = lp.add_var(objective, (0.0, spread));
                    slacks.push(s);
                    (margin, Some(s))
                }
                _ => (0.0, None),
            };
            // score − t(k−1) − δ + s ≥ margin
            if k > 1 {
                let mut expr = terms();
                expr.push((thresholds[k - 2], -1.0));
                if let Some(d) = margin {
                    expr.push((d, -1.0));
                }
                if let Some(s) = slack {
                    expr.push((s, 1.0));
                }
                lp.add_constraint(expr, ComparisonOp::Ge, fixed);
            }
            // score − t(k) + δ − s ≤ −margin
            if k < usize::from(self.tiers) {
                let mut expr = terms();
                expr.push((thresholds[k - 1], -1.0));
                if let Some(d) = margin {
                    expr.push((d, 1.0));
                }
                if let Some(s) = slack {
                    expr.push((s, -1.0));
                }
                lp.add_constraint(expr, ComparisonOp::Le, -fixed);
            }
        }
        if let Goal::ShareWithViolation { cap, .. } = goal {
            lp.add_constraint(slacks.iter().map(|&s| (s, 1.0)).collect::<Vec<_>>(), ComparisonOp::Le, cap);
        }
        let solution = solve_guarded(&lp)?;
        Some(Answer {
            shares: shares.iter().map(|&w| solution[w].clamp(0.0, 1.0)).collect(),
            thresholds: thresholds.iter().map(|&t| solution[t]).collect(),
            margin: margin.map_or(0.0, |d| solution[d]),
            violation: slacks.iter().map(|&s| solution[s]).sum(),
        })
    }
}

/// Solves a programme; a solver failure (or, natively, a panic inside it) is no answer.
fn solve_guarded(lp: &Problem) -> Option<microlp::Solution> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lp.solve().ok())).ok().flatten()
    }
    #[cfg(target_arch = "wasm32")]
    {
        lp.solve().ok()
    }
}

/// Fits the weights of `start`'s enabled indicators to `published` (per area), all at once.
///
/// # Errors
/// As [`FitRun::new`] and [`FitRun::step`].
pub fn fit(prepared: &Prepared, data: &Dataset, start: &Formula, published: &[Option<u8>]) -> Result<Fit> {
    let mut run = FitRun::new(prepared, start, published)?;
    while !run.finished() {
        run.step(prepared, data)?;
    }
    run.into_result().ok_or_else(|| SettingsProblem::FitUnsolved.into())
}

/// Where a fit is, with what that phase works with.
#[derive(Debug, Clone, PartialEq)]
enum Phase {
    /// Phase 1: Separate the published tiers, or fit them as well as possible.
    Separate,
    /// Phase 2: The next range programme (2 per indicator: smallest, then largest), each keeping
    /// what the first phase found (`limit`).
    Bounds {
        next: usize,
        limit: Limit,
    },
    /// Phase 3: The local search: the next pair of indicators (from × to) of this pass, the share
    /// moved between them, and whether this pass improved anything.
    Search {
        next_pair: usize,
        step: f64,
        improved: bool,
    },
    /// Phase 4: The simplest formula that reproduces as many.
    Simplify,
    Done(Box<Fit>),
}

/// A fit done a step at a time (one programme, or a few evaluations, per step), so the app can
/// run it between frames with progress and a way to stop.
pub struct FitRun {
    start: Formula,
    enabled: Vec<usize>,
    published: Vec<Option<u8>>,
    rows: Vec<Row>,
    scale: f64,
    phase: Phase,
    // What the run has found so far.
    separable: bool,
    /// Each share's range (phase 2).
    ranges: Vec<(f64, f64)>,
    /// The best shares, and how many published tiers they reproduce (from phase 2 on).
    shares: Vec<f64>,
    matched: usize,
    total: usize,
    done_steps: u32,
}

/// Evaluations of the local search per step.
const MOVES_PER_STEP: usize = 4;

// Tolerances, relative to the largest normalised value (`scale`), so that they mean the same
// on a 0–100 percentile and on a z-score.

/// Smaller than any real difference of scores and larger than a solver's rounding: below it,
/// a constraint counts as met.
const ROUNDING: f64 = 1e-9;
/// A margin below this does not separate the tiers (it is the solver's rounding, not a gap
/// a person could see).
const SEPARATION_FLOOR: f64 = 1e-6;
/// The share ranges keep the tiers separated by this part of the widest margin (a range
/// that kept all of it would be a single point).
const MARGIN_KEPT: f64 = 1e-3;
/// The gap demanded of each score from its tier's thresholds when no weights separate the
/// tiers (without one, all-equal scores would "fit").
const VIOLATION_MARGIN: f64 = 1e-4;
/// How much worse than the best fit the share ranges may go when no weights separate the
/// tiers, as a part of the best's violation.
const VIOLATION_SLACK: f64 = 1e-6;
/// The local search's first move of share between two indicators, and the smallest (a
/// quarter of a percentage point: finer than a person reads a weight).
const FIRST_MOVE: f64 = 0.01;
const SMALLEST_MOVE: f64 = 0.0025;

impl FitRun {
    /// Checks the input and gathers each area's normalised values.
    ///
    /// # Errors
    /// Fewer than two enabled indicators; published tiers all in one tier.
    pub fn new(prepared: &Prepared, start: &Formula, published: &[Option<u8>]) -> Result<FitRun> {
        let enabled: Vec<usize> = (0..start.indicators.len()).filter(|&i| start.indicators[i].enabled).collect();
        if enabled.len() < 2 {
            return Err(SettingsProblem::FitNeedsIndicators.into());
        }
        let mut seen: Vec<u8> = published.iter().flatten().copied().collect();
        seen.sort_unstable();
        seen.dedup();
        if seen.len() < 2 {
            return Err(SettingsProblem::FitOneTier.into());
        }
        let rows: Vec<Row> = published
            .iter()
            .enumerate()
            .filter_map(|(area, tier)| {
                let tier = (*tier)?;
                let values: Option<Vec<f64>> = enabled.iter().map(|&i| prepared.normalized_value(i, area)).collect();
                Some(Row { tier, values: values? })
            })
            .collect();
        let scale = rows.iter().flat_map(|r| r.values.iter()).fold(0.0f64, |m, v| m.max(v.abs())).max(ROUNDING);
        let n = enabled.len();
        Ok(FitRun {
            start: start.clone(),
            enabled,
            published: published.to_vec(),
            rows,
            scale,
            phase: Phase::Separate,
            separable: false,
            ranges: Vec::with_capacity(n),
            shares: Vec::new(),
            matched: 0,
            total: published.iter().flatten().count(),
            done_steps: 0,
        })
    }

    fn fitter(&self) -> Fitter<'_> {
        Fitter { rows: &self.rows, indicators: self.enabled.len(), tiers: self.start.tiers.count, scale: self.scale }
    }

    pub fn finished(&self) -> bool {
        matches!(self.phase, Phase::Done(_))
    }

    /// Steps done, and about how many there will be (the local search's length is known only
    /// as it goes).
    pub fn progress(&self) -> (u32, u32) {
        let n = self.enabled.len() as u32;
        let search = (n * n).div_ceil(MOVES_PER_STEP as u32) * 3;
        (self.done_steps, (1 + 2 * n + search + 1).max(self.done_steps + u32::from(!self.finished())))
    }

    /// The result, once finished.
    pub fn result(&self) -> Option<&Fit> {
        match &self.phase {
            Phase::Done(fit) => Some(fit),
            _ => None,
        }
    }

    pub fn into_result(self) -> Option<Fit> {
        match self.phase {
            Phase::Done(fit) => Some(*fit),
            _ => None,
        }
    }

    /// How many published tiers `shares` reproduce under the formula's own tier rule.
    fn matches(&self, prepared: &Prepared, data: &Dataset, shares: &[f64]) -> Result<(usize, Evaluation)> {
        let f = with_shares(&self.start, &self.enabled, shares);
        let e = prepared.evaluate(data, &f, RankBy::Tier1Share, None)?;
        Ok((self.published.iter().zip(&e.areas).filter(|(p, a)| p.is_some() && **p == a.tier).count(), e))
    }

    /// One step: one programme, a few evaluations of the search, or the last checks.
    ///
    /// # Errors
    /// A programme without an answer; what evaluating a formula can refuse.
    pub fn step(&mut self, prepared: &Prepared, data: &Dataset) -> Result<()> {
        self.done_steps += 1;
        self.phase = match std::mem::replace(&mut self.phase, Phase::Simplify) {
            Phase::Separate => self.separate()?,
            Phase::Bounds { next, limit } => self.bound(next, limit, prepared, data)?,
            Phase::Search { next_pair, step, improved } => self.search(next_pair, step, improved, prepared, data)?,
            Phase::Simplify => Phase::Done(Box::new(self.simplify(prepared, data)?)),
            done @ Phase::Done(_) => done,
        };
        Ok(())
    }

    /// Phase 1: Separate, or fit as well as possible; what then bounds a share.
    fn separate(&mut self) -> Result<Phase> {
        let unsolved = || EngineError::from(SettingsProblem::FitUnsolved);
        let fitter = self.fitter();
        let best = fitter.solve(Goal::MaxMargin).ok_or_else(unsolved)?;
        let floor = SEPARATION_FLOOR * self.scale;
        let separable = best.margin > floor;
        let (shares, limit) = if separable {
            (best.shares, Limit::MarginFloor((best.margin * MARGIN_KEPT).max(floor)))
        } else {
            let margin = VIOLATION_MARGIN * self.scale;
            let least = fitter.solve(Goal::MinViolation { margin }).ok_or_else(unsolved)?;
            (least.shares, Limit::ViolationCap { margin, cap: least.violation * (1.0 + VIOLATION_SLACK) + ROUNDING * self.scale })
        };
        (self.separable, self.shares) = (separable, shares);
        Ok(Phase::Bounds { next: 0, limit })
    }

    /// Phase 2: Each share's range: its smallest, then its largest.
    fn bound(&mut self, j: usize, limit: Limit, prepared: &Prepared, data: &Dataset) -> Result<Phase> {
        let (k, largest) = (j / 2, j % 2 == 1);
        let share = self.shares[k];
        let extreme = self.fitter().solve(limit.goal(k, largest)).map_or(share, |a| a.shares[k]);
        if largest {
            let low = self.ranges.pop().map_or(share, |(low, _)| low);
            self.ranges.push((low.min(share), extreme.max(share)));
        } else {
            self.ranges.push((extreme.min(share), share));
        }
        if j + 1 < 2 * self.enabled.len() {
            return Ok(Phase::Bounds { next: j + 1, limit });
        }
        self.matched = self.matches(prepared, data, &self.shares)?.0;
        Ok(Phase::Search { next_pair: 0, step: FIRST_MOVE, improved: false })
    }

    /// Phase 3: Moves of `step` share between two indicators, kept when they reproduce more; a pass
    /// that improves nothing halves the move.
    fn search(&mut self, first: usize, step: f64, mut improved: bool, prepared: &Prepared, data: &Dataset) -> Result<Phase> {
        let n = self.enabled.len();
        let pairs = n * n;
        let mut pair = first;
        while pair < pairs && pair < first + MOVES_PER_STEP && self.matched < self.total {
            let (from, to) = (pair / n, pair % n);
            pair += 1;
            if from == to || self.shares[from] < step {
                continue;
            }
            let mut trial = self.shares.clone();
            trial[from] -= step;
            trial[to] += step;
            let (m, _) = self.matches(prepared, data, &trial)?;
            if m > self.matched {
                (self.shares, self.matched, improved) = (trial, m, true);
            }
        }
        Ok(if self.matched >= self.total {
            Phase::Simplify
        } else if pair < pairs {
            Phase::Search { next_pair: pair, step, improved }
        } else {
            let step = if improved { step } else { step / 2.0 };
            if step < SMALLEST_MOVE { Phase::Simplify } else { Phase::Search { next_pair: 0, step, improved: false } }
        })
    }

    /// Phase 4: The simplest formula that reproduces as many, and the result.
    fn simplify(&mut self, prepared: &Prepared, data: &Dataset) -> Result<Fit> {
        let n = self.enabled.len();
        let equal = vec![1.0 / n as f64; n];
        let mut simple = None;
        for (kind, candidate) in
            [(Simplest::EqualWeights, equal), (Simplest::Steps5, rounded(&self.shares, 20)), (Simplest::Steps1, rounded(&self.shares, 100))]
        {
            let (m, _) = self.matches(prepared, data, &candidate)?;
            if m >= self.matched {
                if m > self.matched {
                    // Simpler and better: the fit is that formula.
                    (self.shares, self.matched) = (candidate.clone(), m);
                }
                simple = Some((kind, candidate, m));
                break;
            }
        }
        let (kind, simple_shares, simple_matched) = simple.unwrap_or((Simplest::Fitted, self.shares.clone(), self.matched));
        let (_, evaluation) = self.matches(prepared, data, &self.shares)?;
        let mismatches = self
            .published
            .iter()
            .zip(&evaluation.areas)
            .enumerate()
            .filter(|(_, (p, a))| p.is_some() && **p != a.tier)
            .map(|(i, _)| prepared.ids()[i].to_owned())
            .collect();
        let column = |k: usize| self.start.indicators[self.enabled[k]].column.clone();
        Ok(Fit {
            weights: (0..n)
                .map(|k| IndicatorFit {
                    column: column(k),
                    share: self.shares[k],
                    share_min: self.ranges[k].0.min(self.shares[k]),
                    share_max: self.ranges[k].1.max(self.shares[k]),
                })
                .collect(),
            separable: self.separable,
            matched: self.matched,
            total: self.total,
            mismatches,
            simple: SimplestFit { kind, shares: (0..n).map(|k| (column(k), simple_shares[k])).collect(), matched: simple_matched },
            formula: with_shares(&self.start, &self.enabled, &self.shares),
        })
    }
}

/// `start` with its enabled indicators weighted by `shares` (as percent weights).
fn with_shares(start: &Formula, enabled: &[usize], shares: &[f64]) -> Formula {
    let mut f = start.clone();
    for (&i, &s) in enabled.iter().zip(shares) {
        f.indicators[i].weight = 100.0 * s;
    }
    f
}

/// Shares rounded to steps of 1/`steps`, adding up to 1 (largest remainders first).
fn rounded(shares: &[f64], steps: u32) -> Vec<f64> {
    let n = f64::from(steps);
    let mut units: Vec<u32> = shares.iter().map(|s| (s * n).floor().max(0.0) as u32).collect();
    let mut left = steps.saturating_sub(units.iter().sum());
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| (shares[b] * n - f64::from(units[b])).total_cmp(&(shares[a] * n - f64::from(units[a]))));
    for &i in order.iter().cycle().take(shares.len() * 2) {
        if left == 0 {
            break;
        }
        units[i] += 1;
        left -= 1;
    }
    units.into_iter().map(|u| f64::from(u) / n).collect()
}

impl Fit {
    /// One sentence for people: how the simplest formula does, and the widest range.
    pub fn sentence(&self) -> String {
        let percent = |x: f64| format!("{:.0}%", 100.0 * x);
        let SimplestFit { kind, matched: simple_matched, .. } = &self.simple;
        let what = match kind {
            Simplest::EqualWeights => "equal weights reproduce".to_string(),
            Simplest::Steps5 => "shares in steps of 5% reproduce".to_string(),
            Simplest::Steps1 => "shares in steps of 1% reproduce".to_string(),
            Simplest::Fitted => "the fitted shares reproduce".to_string(),
        };
        let widest = self.weights.iter().max_by(|a, b| (a.share_max - a.share_min).total_cmp(&(b.share_max - b.share_min)));
        let range = widest.map_or(String::new(), |w| {
            format!("; the share of \"{}\" could be anywhere from {} to {}", w.column, percent(w.share_min), percent(w.share_max))
        });
        format!("{what} {simple_matched} of {} published tiers{range}", self.total)
    }
}

#[cfg(test)]
mod tests;
