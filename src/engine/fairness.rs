//! Does the money follow need? Fairness measures of one scenario, the dollars that move
//! between two, and a check of a rank-and-serve allocation against the Title I rules.
//!
//! Notation per school s: Nₛ scored students, Lₛ of them in tier 1 (lowest SES), dₛ dollars
//! per pupil (over all its students, as the ranking table shows them); L = ΣLₛ, N = ΣNₛ.

use super::allocation::AllocationMethod;
use super::dataset::Schools;
use super::model::Evaluation;

/// One broken Title I rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Title1Rule {
    /// Every school at or above 75% (50% for the chosen levels) is served.
    Served75,
    /// No school is served while a school with a higher share is not.
    RankOrder,
    /// Below 35%, every served school gets at least 125% of the district amount per tier-1 student.
    Minimum125,
    /// A served school never gets less per tier-1 student than a served school with a lower share.
    PerChildOrder,
}

impl Title1Rule {
    /// The rule's name in files.
    pub fn id(self) -> &'static str {
        match self {
            Title1Rule::Served75 => "served_75",
            Title1Rule::RankOrder => "rank_order",
            Title1Rule::Minimum125 => "minimum_125",
            Title1Rule::PerChildOrder => "per_child_order",
        }
    }
}

/// A broken rule, the schools concerned (indices) and a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    pub rule: Title1Rule,
    pub schools: Vec<usize>,
    /// The figure the sentence quotes: for [`Title1Rule::RankOrder`] the highest unserved
    /// tier-1 share (0–1), for [`Title1Rule::Minimum125`] the least a served school must get
    /// per tier-1 student (dollars).
    pub figure: Option<f64>,
    pub text: String,
}

/// The fairness measures of one scenario.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fairness {
    /// R for the allocation alone (`None` without an allocation, or when L = 0 or L = N).
    pub progressivity_allocation: Option<f64>,
    /// R for current funding (`per_pupil_funding`), when the schools file has it.
    pub progressivity_current: Option<f64>,
    /// R for current funding plus the allocation.
    pub progressivity_combined: Option<f64>,
    /// D of tier-1 students against the others (`None` when L = 0 or L = N).
    pub dissimilarity: Option<f64>,
    pub schools_90pct_tier1: usize,
    pub schools_90pct_top_tier: usize,
    pub schools_without_tier1: usize,
    /// The Title I check, for a rank-and-serve allocation only.
    pub title1_violations: Option<Vec<Violation>>,
}

/// Which schools use 50% instead of 75% for Title I rule 1 (e.g. high schools), by level.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Title1Options {
    pub fifty_percent_levels: Vec<String>,
}

/// Progressivity R = (Σ dₛLₛ / L) ÷ (Σ dₛ(Nₛ−Lₛ) / (N−L)) over the schools with a
/// `per_pupil` value; `None` when L = 0, L = N or the others get nothing.
pub fn progressivity(tier1: &[f64], scored: &[f64], per_pupil: &[Option<f64>]) -> Option<f64> {
    let (mut l, mut n, mut need_dollars, mut other_dollars) = (0.0, 0.0, 0.0, 0.0);
    for ((&ls, &ns), d) in tier1.iter().zip(scored).zip(per_pupil) {
        let Some(d) = *d else { continue };
        l += ls;
        n += ns;
        need_dollars += d * ls;
        other_dollars += d * (ns - ls);
    }
    let others = n - l;
    (l > 0.0 && others > 0.0 && other_dollars > 0.0).then(|| (need_dollars / l) / (other_dollars / others))
}

/// Dissimilarity D = ½ Σ |Lₛ/L − (Nₛ−Lₛ)/(N−L)|; `None` when L = 0 or L = N.
pub fn dissimilarity(tier1: &[f64], scored: &[f64]) -> Option<f64> {
    let l: f64 = tier1.iter().sum();
    let n: f64 = scored.iter().sum();
    let others = n - l;
    (l > 0.0 && others > 0.0).then(|| 0.5 * tier1.iter().zip(scored).map(|(&ls, &ns)| (ls / l - (ns - ls) / others).abs()).sum::<f64>())
}

/// Dollars that move between two allocations of the same schools: ½ Σ |aₛ(A) − aₛ(B)|.
pub fn dollars_moved(a: &Evaluation, b: &Evaluation) -> Option<f64> {
    let cents: Option<i64> =
        a.schools.iter().zip(b.schools.iter()).map(|(x, y)| Some((x.allocation_cents? - y.allocation_cents?).abs())).sum();
    cents.filter(|_| !a.schools.is_empty() && a.schools.len() == b.schools.len()).map(|c| c as f64 / 200.0)
}

fn percent(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

fn names(schools: &Schools, list: &[usize]) -> String {
    let shown: Vec<&str> = list.iter().take(5).map(|&s| schools.names[s].as_str()).collect();
    match list.len() {
        n if n > 5 => format!("{} and {} more", shown.join(", "), n - 5),
        _ => shown.join(", "),
    }
}

/// The Title I check of a rank-and-serve allocation (see [`Title1Rule`]), the tier-1 share
/// being a school's poverty rate.
pub fn title1_violations(evaluation: &Evaluation, schools: &Schools, options: &Title1Options) -> Vec<Violation> {
    let rows: Vec<Title1Row> = evaluation
        .schools
        .iter()
        .enumerate()
        .filter_map(|(school, o)| {
            let share = o.tier_share(1)?;
            let cents = o.allocation_cents.unwrap_or(0) as f64;
            let tier1 = o.students_by_tier.first().copied().unwrap_or(0.0);
            Some(Title1Row { school, share, served: o.served && cents > 0.0, dollars: cents / 100.0, tier1 })
        })
        .collect();
    let mut out = Vec::new();

    let threshold = |s: usize| if options.fifty_percent_levels.iter().any(|l| l == &schools.levels[s]) { 0.5 } else { 0.75 };
    let unserved_high: Vec<usize> = rows.iter().filter(|r| !r.served && r.share >= threshold(r.school)).map(|r| r.school).collect();
    if !unserved_high.is_empty() {
        out.push(Violation {
            rule: Title1Rule::Served75,
            text: format!(
                "Every school with 75% or more of its students in tier 1 (50% for the chosen levels) must be served; {} {} not: {}.",
                unserved_high.len(),
                if unserved_high.len() == 1 { "is" } else { "are" },
                names(schools, &unserved_high)
            ),
            schools: unserved_high,
            figure: None,
        });
    }

    let highest_unserved = rows.iter().filter(|r| !r.served).map(|r| r.share).fold(f64::NEG_INFINITY, f64::max);
    let served_below: Vec<usize> = rows.iter().filter(|r| r.served && r.share < highest_unserved).map(|r| r.school).collect();
    if !served_below.is_empty() {
        out.push(Violation {
            rule: Title1Rule::RankOrder,
            text: format!(
                "No school may be served while a school with a higher tier-1 share is not; {} served with a share below {} (the highest unserved share): {}.",
                if served_below.len() == 1 { "1 school is".to_string() } else { format!("{} schools are", served_below.len()) },
                percent(highest_unserved),
                names(schools, &served_below)
            ),
            schools: served_below,
            figure: Some(highest_unserved),
        });
    }

    let served: Vec<&Title1Row> = rows.iter().filter(|r| r.served).collect();
    let all_tier1: f64 = rows.iter().map(|r| r.tier1).sum();
    let pool = evaluation.pool_cents.unwrap_or(0) as f64 / 100.0;
    out.extend(minimum_125(&served, all_tier1, pool, schools));
    out.extend(per_child_order(&served, schools));
    out
}

/// A school's figures for the Title I rules.
struct Title1Row {
    school: usize,
    /// Its share of students in tier 1.
    share: f64,
    served: bool,
    /// Its allocation, in dollars.
    dollars: f64,
    /// Its students in tier 1.
    tier1: f64,
}

impl Title1Row {
    fn per_child(&self) -> f64 {
        if self.tier1 > 0.0 { self.dollars / self.tier1 } else { 0.0 }
    }
}

/// With a school below 35% served, every served school gets at least 125% of the district's
/// amount per tier-1 student.
fn minimum_125(served: &[&Title1Row], all_tier1: f64, pool: f64, schools: &Schools) -> Option<Violation> {
    if !served.iter().any(|r| r.share < 0.35) || all_tier1 <= 0.0 {
        return None;
    }
    let district = pool / all_tier1;
    let short: Vec<usize> = served.iter().filter(|r| r.tier1 > 0.0 && r.per_child() < 1.25 * district - 0.005).map(|r| r.school).collect();
    (!short.is_empty()).then(|| Violation {
        rule: Title1Rule::Minimum125,
        text: format!(
            "A school below 35% is served, so every served school must get at least 125% of the district amount per tier-1 student (${:.2}); {} less: {}.",
            1.25 * district,
            if short.len() == 1 { "1 school gets".to_string() } else { format!("{} schools get", short.len()) },
            names(schools, &short)
        ),
        schools: short,
        figure: Some(1.25 * district),
    })
}

/// No served school gets less per tier-1 student than a served school with a lower share.
fn per_child_order(served: &[&Title1Row], schools: &Schools) -> Option<Violation> {
    let out_of_order: Vec<usize> = served
        .iter()
        .filter(|r| served.iter().any(|o| o.share < r.share && o.per_child() > r.per_child() + 0.005))
        .map(|r| r.school)
        .collect();
    (!out_of_order.is_empty()).then(|| Violation {
        rule: Title1Rule::PerChildOrder,
        text: format!(
            "A served school may not get less per tier-1 student than a served school with a lower share; {} less: {}.",
            if out_of_order.len() == 1 { "1 school gets".to_string() } else { format!("{} schools get", out_of_order.len()) },
            names(schools, &out_of_order)
        ),
        schools: out_of_order,
        figure: None,
    })
}

/// The fairness measures of an evaluation with schools. `method` is the allocation method
/// used (`None` without an allocation).
pub fn fairness(evaluation: &Evaluation, schools: &Schools, method: Option<AllocationMethod>, options: &Title1Options) -> Fairness {
    let s = &evaluation.schools;
    let tier1: Vec<f64> = s.iter().map(|o| o.students_by_tier.first().copied().unwrap_or(0.0)).collect();
    let scored: Vec<f64> = s.iter().map(|o| o.scored_students()).collect();
    let allocation: Vec<Option<f64>> = s.iter().map(|o| o.allocation_per_pupil()).collect();
    let current: Option<&Vec<Option<f64>>> = schools.per_pupil_funding.as_ref();
    let combined: Option<Vec<Option<f64>>> = current.map(|c| c.iter().zip(&allocation).map(|(c, a)| Some((*c)? + (*a)?)).collect());
    let top = usize::from(evaluation.tier_count);
    let share = |o: &super::model::SchoolOutcome, t: usize| o.tier_share(t as u8);
    Fairness {
        progressivity_allocation: method.and_then(|_| progressivity(&tier1, &scored, &allocation)),
        progressivity_current: current.and_then(|c| progressivity(&tier1, &scored, c)),
        progressivity_combined: combined.as_ref().and_then(|c| method.and_then(|_| progressivity(&tier1, &scored, c))),
        dissimilarity: dissimilarity(&tier1, &scored),
        schools_90pct_tier1: s.iter().filter(|o| share(o, 1).is_some_and(|x| x >= 0.9)).count(),
        schools_90pct_top_tier: s.iter().filter(|o| top > 0 && share(o, top).is_some_and(|x| x >= 0.9)).count(),
        schools_without_tier1: s.iter().filter(|o| share(o, 1) == Some(0.0)).count(),
        title1_violations: (method == Some(AllocationMethod::RankAndServe)).then(|| title1_violations(evaluation, schools, options)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SchoolOutcome, TierCounts};

    fn school(by_tier: &[f64], cents: Option<i64>, served: bool) -> SchoolOutcome {
        SchoolOutcome {
            students_by_tier: TierCounts::from_slice(by_tier),
            unscored_students: 0.0,
            mean_score: Some(50.0),
            need: 0.0,
            rank: 1,
            allocation_cents: cents,
            served,
        }
    }

    fn evaluation(pool_cents: i64) -> Evaluation {
        let mut e = Evaluation::default();
        e.tier_count = 2;
        e.pool_cents = Some(pool_cents);
        e
    }

    fn schools(n: usize, levels: &[&str]) -> Schools {
        Schools {
            file: "schools.csv".into(),
            ids: (0..n).map(|i| format!("S{i}")).collect(),
            names: (0..n).map(|i| format!("School {i}")).collect(),
            levels: (0..n).map(|i| levels.get(i).unwrap_or(&"Elementary").to_string()).collect(),
            enrollment: None,
            per_pupil_funding: None,
            locations: None,
        }
    }

    #[test]
    fn progressivity_follows_the_definition() {
        // School A: 80 tier-1 of 100 at $2/pupil; school B: 20 of 100 at $1.
        // Tier-1 students: (2·80 + 1·20)/100 = 1.8; others: (2·20 + 1·80)/100 = 1.2; R = 1.5.
        let r = progressivity(&[80.0, 20.0], &[100.0, 100.0], &[Some(2.0), Some(1.0)]).unwrap();
        assert!((r - 1.5).abs() < 1e-12);
        // A school without a value takes no part.
        assert_eq!(progressivity(&[80.0, 20.0, 5.0], &[100.0, 100.0, 10.0], &[Some(2.0), Some(1.0), None]), Some(r));
        // L = 0 and L = N: no ratio.
        assert_eq!(progressivity(&[0.0, 0.0], &[10.0, 10.0], &[Some(1.0), Some(1.0)]), None);
        assert_eq!(progressivity(&[10.0, 10.0], &[10.0, 10.0], &[Some(1.0), Some(1.0)]), None);
    }

    #[test]
    fn dissimilarity_is_zero_when_even_and_one_when_separated() {
        assert_eq!(dissimilarity(&[10.0, 10.0], &[20.0, 20.0]), Some(0.0));
        assert_eq!(dissimilarity(&[10.0, 0.0], &[10.0, 10.0]), Some(1.0));
        // A: 30 of 40, B: 10 of 60 → L = 40, others 60: ½(|0.75 − 0.1667| + |0.25 − 0.8333|) = 0.5833.
        let d = dissimilarity(&[30.0, 10.0], &[40.0, 60.0]).unwrap();
        assert!((d - (0.75 - 10.0 / 60.0)).abs() < 1e-12);
        assert_eq!(dissimilarity(&[0.0, 0.0], &[5.0, 5.0]), None);
        assert_eq!(dissimilarity(&[5.0, 5.0], &[5.0, 5.0]), None);
    }

    #[test]
    fn concentration_counts_and_dollars_moved() {
        let mut e = evaluation(1000);
        e.schools = std::sync::Arc::new(vec![
            school(&[95.0, 5.0], Some(600), true),
            school(&[0.0, 10.0], Some(400), true),
            school(&[5.0, 5.0], Some(0), true),
        ]);
        let f = fairness(&e, &schools(3, &[]), Some(AllocationMethod::WeightedPerPupil), &Title1Options::default());
        assert_eq!((f.schools_90pct_tier1, f.schools_90pct_top_tier, f.schools_without_tier1), (1, 1, 1));
        assert!(f.title1_violations.is_none(), "only for rank-and-serve");
        assert!(f.progressivity_current.is_none(), "no per-pupil funding column");
        let mut other = e.clone();
        std::sync::Arc::make_mut(&mut other.schools)[0].allocation_cents = Some(500);
        std::sync::Arc::make_mut(&mut other.schools)[1].allocation_cents = Some(500);
        assert_eq!(dollars_moved(&e, &other), Some(1.0));
    }

    #[test]
    fn title1_rules_name_the_schools_that_break_them() {
        // Pool $1,000. Shares: A 80% (not served), B 60% served, C 30% served, D 50% not served.
        let mut e = evaluation(100_000);
        e.schools = std::sync::Arc::new(vec![
            school(&[80.0, 20.0], Some(0), false),
            school(&[60.0, 40.0], Some(30_000), true),
            school(&[30.0, 70.0], Some(70_000), true),
            school(&[50.0, 50.0], Some(0), false),
        ]);
        let v = title1_violations(&e, &schools(4, &[]), &Title1Options::default());
        let rules: Vec<Title1Rule> = v.iter().map(|x| x.rule).collect();
        assert_eq!(rules, [Title1Rule::Served75, Title1Rule::RankOrder, Title1Rule::Minimum125, Title1Rule::PerChildOrder]);
        assert_eq!(v[0].schools, [0]);
        assert!(v[0].text.contains("School 0"), "{}", v[0].text);
        // Highest unserved share is A's 80%: B and C are served below it.
        assert_eq!(v[1].schools, [1, 2]);
        // District amount per tier-1 student: $1,000 / 220 = $4.545; 125% = $5.68. B gets $300/60 = $5.
        assert_eq!(v[2].schools, [1]);
        // B (60%) gets $5 per tier-1 student, less than C (30%) with $700/30 = $23.3.
        assert_eq!(v[3].schools, [1]);
    }

    #[test]
    fn title1_rule_one_uses_fifty_percent_for_the_chosen_levels() {
        let mut e = evaluation(100_000);
        e.schools = std::sync::Arc::new(vec![school(&[60.0, 40.0], Some(100_000), true), school(&[55.0, 45.0], Some(0), false)]);
        let list = schools(2, &["Elementary", "High"]);
        assert!(title1_violations(&e, &list, &Title1Options::default()).iter().all(|v| v.rule != Title1Rule::Served75));
        let high = Title1Options { fifty_percent_levels: vec!["High".into()] };
        let v = title1_violations(&e, &list, &high);
        assert_eq!(v[0].rule, Title1Rule::Served75);
        assert_eq!(v[0].schools, [1]);
    }

    #[test]
    fn a_lawful_allocation_has_no_violation() {
        // Served in share order, all above 35%, more per tier-1 student as the share rises.
        let mut e = evaluation(100_000);
        e.schools = std::sync::Arc::new(vec![
            school(&[90.0, 10.0], Some(70_000), true),
            school(&[50.0, 50.0], Some(30_000), true),
            school(&[20.0, 80.0], Some(0), false),
        ]);
        assert!(title1_violations(&e, &schools(3, &[]), &Title1Options::default()).is_empty());
    }
}
