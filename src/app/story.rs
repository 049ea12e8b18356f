//! The paragraph that leads with the story when two proposals are compared: how much money
//! moves, who gains and who loses, whether it moves towards the high-need schools, and which
//! schools stop or start being served. The app and `ses compare` print the same words.

use crate::app::i18n::{Lang, catalogue as m};
use crate::engine::fairness::Fairness;
use crate::engine::model::Evaluation;

/// A school "mostly in tier 1": more than half of its scored students live in tier-1 areas.
const MOSTLY_TIER1: f64 = 0.5;

fn ratio(r: Option<f64>) -> String {
    r.map_or("–".into(), |r| format!("{r:.2}"))
}

fn schools(n: usize, lang: Lang) -> String {
    lang.plural(n, m::SCHOOL_ONE, m::SCHOOLS_N, &[])
}

/// "Proposal B moves $1.2M (12% of the pool) between schools: 41 schools gain, 63 lose. …"
pub fn comparison_paragraph(b_name: &str, a: &Evaluation, b: &Evaluation, fa: &Fairness, fb: &Fairness, lang: Lang) -> String {
    if a.schools.is_empty() || a.schools.len() != b.schools.len() {
        return lang.fill(m::STORY_NOT_COMPARABLE, &[("name", &b_name)]);
    }
    let changes: Vec<i64> =
        a.schools.iter().zip(b.schools.iter()).map(|(x, y)| y.allocation_cents.unwrap_or(0) - x.allocation_cents.unwrap_or(0)).collect();
    let moved: i64 = changes.iter().map(|c| c.abs()).sum::<i64>() / 2;
    let gain = changes.iter().filter(|&&c| c > 0).count();
    let lose = changes.iter().filter(|&&c| c < 0).count();
    let pool = b.pool_cents.or(a.pool_cents).unwrap_or(0);
    let mut text = if moved == 0 {
        lang.fill(m::STORY_NO_MONEY, &[("name", &b_name)])
    } else {
        let share = if pool > 0 {
            lang.fill(m::STORY_POOL_SHARE, &[("percent", &format!("{:.0}", 100.0 * moved as f64 / pool as f64))])
        } else {
            String::new()
        };
        lang.fill(
            m::STORY_MOVES,
            &[("name", &b_name), ("money", &lang.short_dollars(moved)), ("share", &share), ("gain", &schools(gain, lang)), ("lose", &lose)],
        )
    };
    // Dollars per pupil at the schools mostly in tier 1 (under either proposal).
    let high_need: Vec<usize> =
        (0..a.schools.len()).filter(|&s| [a, b].iter().any(|e| e.schools[s].tier_share(1).is_some_and(|x| x > MOSTLY_TIER1))).collect();
    let per_pupil = |e: &Evaluation, s: usize| e.schools[s].allocation_per_pupil().unwrap_or(0.0);
    if !high_need.is_empty() {
        let mean: f64 = high_need.iter().map(|&s| per_pupil(b, s) - per_pupil(a, s)).sum::<f64>() / high_need.len() as f64;
        let how = if mean.abs() < 0.5 {
            lang.t(m::STORY_SAME_PER_PUPIL).to_string()
        } else if mean > 0.0 {
            lang.fill(m::STORY_MORE_PER_PUPIL, &[("money", &lang.short_dollars((mean * 100.0).round() as i64))])
        } else {
            lang.fill(m::STORY_LESS_PER_PUPIL, &[("money", &lang.short_dollars((-mean * 100.0).round() as i64))])
        };
        text.push_str(&lang.fill(m::STORY_HIGH_NEED, &[("how", &how)]));
        match (fa.progressivity_allocation, fb.progressivity_allocation) {
            (Some(x), Some(y)) if (y - x).abs() >= 0.005 => text.push_str(&lang.fill(
                if y > x { m::STORY_RATIO_RISES } else { m::STORY_RATIO_FALLS },
                &[("from", &ratio(Some(x))), ("to", &ratio(Some(y)))],
            )),
            (Some(x), Some(_)) => text.push_str(&lang.fill(m::STORY_RATIO_STAYS, &[("ratio", &ratio(Some(x)))])),
            _ => text.push('.'),
        }
    }
    let stop = a.schools.iter().zip(b.schools.iter()).filter(|(x, y)| x.served && !y.served).count();
    let start = a.schools.iter().zip(b.schools.iter()).filter(|(x, y)| !x.served && y.served).count();
    if stop > 0 {
        text.push_str(&lang.fill(m::STORY_STOP_SERVED, &[("schools", &schools(stop, lang))]));
    }
    if start > 0 {
        text.push_str(&lang.fill(m::STORY_START_SERVED, &[("schools", &schools(start, lang))]));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::{Action, AppState, LoadedData};
    use crate::engine::allocation::AllocationMethod;
    use crate::engine::fairness::{Title1Options, fairness};

    #[test]
    fn the_paragraph_leads_with_the_money_and_who_gains() {
        let a = AppState::new(LoadedData::demo().unwrap(), None).unwrap();
        let b = a.apply(Action::SetWeight(0, 200.0));
        let schools = a.data.schools().unwrap();
        let method = Some(AllocationMethod::WeightedPerPupil);
        let fa = fairness(&a.current.evaluation, schools, method, &Title1Options::default());
        let fb = fairness(&b.current.evaluation, schools, method, &Title1Options::default());
        let text = comparison_paragraph("Proposal B", &a.current.evaluation, &b.current.evaluation, &fa, &fb, Lang::En);
        let moved = b.comparison.cents_moved();
        assert!(text.starts_with(&format!("Proposal B moves {} (", Lang::En.short_dollars(moved))), "{text}");
        let spanish = comparison_paragraph("Propuesta B", &a.current.evaluation, &b.current.evaluation, &fa, &fb, Lang::Es);
        assert!(spanish.starts_with(&format!("Propuesta B mueve {} (", Lang::Es.short_dollars(moved))), "{spanish}");
        assert!(spanish.contains("el índice de progresividad"), "{spanish}");
        let gain = b.comparison.school_allocation_change_cents.iter().flatten().filter(|c| **c > 0).count();
        assert!(text.contains(&format!(": {gain} schools gain")), "{text}");
        assert!(text.contains("the progressivity ratio"), "{text}");
        let same = comparison_paragraph("A", &a.current.evaluation, &a.current.evaluation, &fa, &fa, Lang::En);
        assert!(same.starts_with("A moves no money between schools."), "{same}");
    }
}
