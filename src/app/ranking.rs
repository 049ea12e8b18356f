//! The order of the school table: by rank, or by any column a person sorts on, filtered by
//! level and by a search. Found from the numbers, as indices, so a state of 100,000 schools
//! costs a pass over numbers at each step, and only the rows in view are built as text.

use crate::app::state::AppState;
use crate::engine::dataset::Schools;

/// A column the school table can be sorted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Rank,
    Change,
    Name,
    Level,
    Students,
    Tier1,
    Mean,
    Allocation,
    AllocationChange,
}

/// Whether a column sorts from low to high (rank, names, mean score); counts, shares and
/// money sort from high to low.
pub fn ascending(key: SortKey) -> bool {
    matches!(key, SortKey::Rank | SortKey::Name | SortKey::Level | SortKey::Mean)
}

/// The schools the table lists (of `level`, matching `needle`, lower case), in the order
/// asked for, as indices: the rows themselves are built only for the few in view, so a state
/// of 100,000 schools costs a pass over numbers at each step, not 100,000 rows of text.
pub fn schools_in_order(app: &AppState, schools: &Schools, sort: SortKey, level: &str, needle: &str) -> Vec<usize> {
    let eval = &app.current.evaluation;
    let shown = |&i: &usize| {
        (level.is_empty() || schools.levels[i] == level)
            && (needle.is_empty() || schools.names[i].to_lowercase().contains(needle) || schools.ids[i].to_lowercase().contains(needle))
    };
    // Rank order first: the other orders are stable sorts of it, so ties stay in rank order.
    let mut order: Vec<usize> = eval.school_order().into_iter().filter(shown).collect();
    fn by(value: impl Fn(usize) -> f64, high_first: bool) -> impl Fn(&usize, &usize) -> std::cmp::Ordering {
        move |&a, &b| if high_first { value(b).total_cmp(&value(a)) } else { value(a).total_cmp(&value(b)) }
    }
    let mean = |i: usize| eval.schools[i].mean_score.unwrap_or(f64::NEG_INFINITY);
    let students = |i: usize| eval.schools[i].students();
    let tier1 = |i: usize| eval.schools[i].tier_share(1).unwrap_or(0.0);
    match sort {
        SortKey::Rank => {}
        SortKey::Change => order.sort_by_key(|&i| std::cmp::Reverse(app.comparison.school_rank_change[i])),
        SortKey::Name => {
            let lower: Vec<String> = order.iter().map(|&i| schools.names[i].to_lowercase()).collect();
            let mut keyed: Vec<(&String, usize)> = lower.iter().zip(order).collect();
            keyed.sort_by(|a, b| a.0.cmp(b.0));
            order = keyed.into_iter().map(|(_, i)| i).collect();
        }
        SortKey::Level => order.sort_by(|&a, &b| schools.levels[a].cmp(&schools.levels[b])),
        SortKey::Students => order.sort_by(by(students, true)),
        SortKey::Tier1 => order.sort_by(by(tier1, true)),
        SortKey::Mean => order.sort_by(by(mean, false)),
        SortKey::Allocation => order.sort_by_key(|&i| std::cmp::Reverse(eval.schools[i].allocation_cents)),
        SortKey::AllocationChange => order.sort_by_key(|&i| std::cmp::Reverse(app.comparison.school_allocation_change_cents[i])),
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::LoadedData;

    /// The table's order as it was first defined: every school's row, sorted by the column
    /// (counts, shares and money from high to low), ties by rank.
    fn reference(app: &AppState, sort: SortKey, level: &str, needle: &str) -> Vec<usize> {
        let schools = app.data.schools().unwrap();
        let eval = &app.current.evaluation;
        let mut rows: Vec<usize> = (0..eval.schools.len())
            .filter(|&i| {
                (level.is_empty() || schools.levels[i] == level)
                    && (needle.is_empty()
                        || schools.names[i].to_lowercase().contains(needle)
                        || schools.ids[i].to_lowercase().contains(needle))
            })
            .collect();
        let f = |v: Option<f64>| v.unwrap_or(f64::NEG_INFINITY);
        rows.sort_by(|&a, &b| {
            let (x, y) = (&eval.schools[a], &eval.schools[b]);
            let c = &app.comparison;
            match sort {
                SortKey::Rank => x.rank.cmp(&y.rank),
                SortKey::Change => c.school_rank_change[b].cmp(&c.school_rank_change[a]),
                SortKey::Name => schools.names[a].to_lowercase().cmp(&schools.names[b].to_lowercase()),
                SortKey::Level => schools.levels[a].cmp(&schools.levels[b]),
                SortKey::Students => y.students().total_cmp(&x.students()),
                SortKey::Tier1 => y.tier_share(1).unwrap_or(0.0).total_cmp(&x.tier_share(1).unwrap_or(0.0)),
                SortKey::Mean => f(x.mean_score).total_cmp(&f(y.mean_score)),
                SortKey::Allocation => y.allocation_cents.cmp(&x.allocation_cents),
                SortKey::AllocationChange => c.school_allocation_change_cents[b].cmp(&c.school_allocation_change_cents[a]),
            }
            .then(x.rank.cmp(&y.rank))
        });
        rows
    }

    #[test]
    fn every_sort_filter_and_search_gives_the_tables_order() {
        let demo = AppState::new(LoadedData::demo().unwrap(), None).unwrap();
        // A proposal against the demo's baseline, so that changes of rank and money differ.
        let mut formula = demo.current.formula.clone();
        formula.indicators[0].weight *= 3.0;
        let app = demo.apply(crate::app::state::Action::SetFormula(Box::new(formula)));
        assert!(app.comparison.school_rank_change.iter().any(|&c| c != 0), "the proposal moves schools");
        let schools = app.data.schools().unwrap();
        let level = schools.levels.iter().find(|l| !l.is_empty()).cloned().unwrap_or_default();
        for sort in [
            SortKey::Rank,
            SortKey::Change,
            SortKey::Name,
            SortKey::Level,
            SortKey::Students,
            SortKey::Tier1,
            SortKey::Mean,
            SortKey::Allocation,
            SortKey::AllocationChange,
        ] {
            for (level, needle) in [("", ""), (level.as_str(), ""), ("", "el"), (level.as_str(), "1")] {
                let order = schools_in_order(&app, schools, sort, level, needle);
                assert_eq!(order, reference(&app, sort, level, needle), "{sort:?} {level:?} {needle:?}");
            }
        }
        assert_eq!(schools_in_order(&app, schools, SortKey::Rank, "", "").len(), schools.ids.len());
    }
}
