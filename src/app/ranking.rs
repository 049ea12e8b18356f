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

/// How the school ranking is laid out in the width it has. A name is never cut to make a row
/// fit: the layout changes instead, in this order of preference — every column of the table
/// (with the tier mix's numbers where there is room); the table without the level and mean
/// score (the level filter and a school's detail still show them); that table with names
/// wrapped onto two lines; one card per school; cards with names on two lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankingLayout {
    Table { columns: TableColumns, name_lines: u8 },
    Cards { name_lines: u8 },
}

/// Which of the table's columns are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableColumns {
    /// Without the level and the mean score.
    Compact,
    /// Every column, the tier mix as its bar alone.
    All,
    /// Every column, and the tier mix's numbers beside its bar.
    AllWithMixNumbers,
}

impl RankingLayout {
    pub fn is_table(self) -> bool {
        matches!(self, RankingLayout::Table { .. })
    }

    /// Lines a name may take.
    pub fn name_lines(self) -> u8 {
        match self {
            RankingLayout::Table { name_lines, .. } | RankingLayout::Cards { name_lines } => name_lines,
        }
    }

    /// The table's columns, for a table.
    pub fn columns(self) -> Option<TableColumns> {
        match self {
            RankingLayout::Table { columns, .. } => Some(columns),
            RankingLayout::Cards { .. } => None,
        }
    }

    /// A short name for the page's markup and the tests: `table-all-1`, `cards-2`.
    pub fn name(self) -> String {
        match self {
            RankingLayout::Table { columns, name_lines } => {
                let columns = match columns {
                    TableColumns::Compact => "compact",
                    TableColumns::All => "all",
                    TableColumns::AllWithMixNumbers => "all-numbers",
                };
                format!("table-{columns}-{name_lines}")
            }
            RankingLayout::Cards { name_lines } => format!("cards-{name_lines}"),
        }
    }
}

/// The page's type (assets/app.css, `body`), for measuring names as the page sets them.
pub const TYPE_FAMILY: &str = "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Noto Sans\", sans-serif";
/// The table's type and the cards', in `rem` (assets/app.css, `.ranking-wrap`).
pub const TABLE_TYPE_REM: f64 = 0.88;
pub const CARD_TYPE_REM: f64 = 1.0;
/// The widths of the table's columns other than the name, in `em` of the table's type: rank,
/// change, level, students, tier mix (bar alone), mean score, money and its change. These are
/// the `table.ranking col.c-*` widths in assets/app.css; the two must change together.
pub const TABLE_NUMBER_COLUMNS_EM: f64 = 3.5 + 4.9 + 6.9 + 5.9 + 4.6 + 4.2 + 7.7 + 7.7;
/// What the compact table leaves out: the level's and the mean score's columns.
pub const COMPACT_SAVES_EM: f64 = 6.9 + 4.2;
/// What the tier mix's numbers add to its column (`col.c-mix` at 10.5em instead of 4.6em).
pub const MIX_NUMBERS_EM: f64 = 10.5 - 4.6;
/// The name cell's padding, in `em` (0.4em either side).
pub const NAME_CELL_PADDING_EM: f64 = 0.8;
/// What a card's first line holds besides the name and the "≈ edge" mark, in `em` of the card's
/// type: the card's padding, the rank (up to six digits), its move (up to five) and the gaps.
pub const CARD_LINE_EXTRA_EM: f64 = 1.0 + 3.6 + 4.4 + 1.5;
/// Width kept back so that a layout does not flip at a width where a scroll bar comes and goes.
const LAYOUT_SLACK_EM: f64 = 1.0;

/// How much room the data's names need, measured in the page's own type, each in `em` of the
/// type it is set in (so one measure serves the table and the cards).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct NameRoom {
    /// The widest name.
    pub widest: f64,
    /// The widest single word of any name: a name wrapped at its spaces loses at most this much
    /// (and a space) at the end of its first line.
    pub longest_word: f64,
    /// The "≈ edge" mark that follows a name near a tier cut, with its space, in this language.
    pub mark: f64,
}

impl NameRoom {
    /// Whether text `room` em wide holds every name and its mark on `lines` lines, wrapped at
    /// spaces.
    fn fits(self, room: f64, lines: u8) -> bool {
        let text = self.widest + self.mark;
        match lines {
            1 => room >= text,
            _ => room >= self.longest_word + self.mark && 2.0 * room - self.longest_word >= text,
        }
    }
}

/// The layout for a ranking `width_px` wide, with the page's root type `root_px` and names
/// needing `names`.
pub fn ranking_layout(width_px: f64, root_px: f64, names: NameRoom) -> RankingLayout {
    // The name column's room for text with every column.
    let all = width_px / (root_px * TABLE_TYPE_REM) - LAYOUT_SLACK_EM - TABLE_NUMBER_COLUMNS_EM - NAME_CELL_PADDING_EM;
    let table = |columns, name_lines| RankingLayout::Table { columns, name_lines };
    if names.fits(all - MIX_NUMBERS_EM, 1) {
        table(TableColumns::AllWithMixNumbers, 1)
    } else if names.fits(all, 1) {
        table(TableColumns::All, 1)
    } else if names.fits(all + COMPACT_SAVES_EM, 1) {
        table(TableColumns::Compact, 1)
    } else if names.fits(all + COMPACT_SAVES_EM, 2) {
        table(TableColumns::Compact, 2)
    } else if names.fits(width_px / (root_px * CARD_TYPE_REM) - LAYOUT_SLACK_EM - CARD_LINE_EXTRA_EM, 1) {
        RankingLayout::Cards { name_lines: 1 }
    } else {
        RankingLayout::Cards { name_lines: 2 }
    }
}

/// The names most likely to be the widest on screen (the most characters first), for measuring
/// in the page's own type: measuring a state's 100,000 names would cost a frame.
pub fn longest_names(names: &[String], n: usize) -> Vec<&str> {
    let mut by_length: Vec<&str> = names.iter().map(String::as_str).collect();
    if by_length.len() > n {
        by_length.select_nth_unstable_by_key(n - 1, |s| std::cmp::Reverse(s.chars().count()));
        by_length.truncate(n);
    }
    by_length
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

    #[test]
    fn a_ranking_too_narrow_for_its_longest_name_drops_columns_then_becomes_cards_never_a_cut_name() {
        use RankingLayout::{Cards, Table};
        use TableColumns::{All, AllWithMixNumbers, Compact};
        let root = 17.0;
        let names = NameRoom { widest: 16.0, longest_word: 5.5, mark: 3.5 };
        // The width of the scroll box whose name column, with every column, has `room` em for text.
        // (A hundredth of a pixel over, so that rounding never decides.)
        let table_px = |room: f64| (room + 1.0 + TABLE_NUMBER_COLUMNS_EM + NAME_CELL_PADDING_EM) * root * TABLE_TYPE_REM + 0.01;
        let one_line = names.widest + names.mark;
        assert_eq!(ranking_layout(table_px(one_line + MIX_NUMBERS_EM), root, names), Table { columns: AllWithMixNumbers, name_lines: 1 });
        assert_eq!(ranking_layout(table_px(one_line), root, names), Table { columns: All, name_lines: 1 });
        // Narrower: the level and the mean score make way for the name.
        assert_eq!(ranking_layout(table_px(one_line) - 0.5, root, names), Table { columns: Compact, name_lines: 1 });
        assert_eq!(ranking_layout(table_px(one_line - COMPACT_SAVES_EM), root, names), Table { columns: Compact, name_lines: 1 });
        // Then the name wraps: two lines hold it and its mark, with a word's loss at the wrap.
        let two_lines = (one_line + names.longest_word) / 2.0 - COMPACT_SAVES_EM;
        assert_eq!(ranking_layout(table_px(one_line - COMPACT_SAVES_EM) - 0.5, root, names), Table { columns: Compact, name_lines: 2 });
        assert_eq!(ranking_layout(table_px(two_lines), root, names), Table { columns: Compact, name_lines: 2 });
        assert_eq!(ranking_layout(table_px(two_lines) - 0.5, root, names), Cards { name_lines: 1 });
        // A long word needs a line's room of its own.
        let long_word = NameRoom { longest_word: 15.0, ..names };
        assert_eq!(ranking_layout(table_px(two_lines), root, long_word), Cards { name_lines: 1 });
        // A card's line holds the name beside the rank where it can; else the name wraps.
        let card_px = (CARD_LINE_EXTRA_EM + one_line + 1.0) * root * CARD_TYPE_REM + 0.01;
        assert_eq!(ranking_layout(card_px, root, names), Cards { name_lines: 1 });
        assert_eq!(ranking_layout(card_px - 0.5, root, names), Cards { name_lines: 2 });
        // A 320 px phone: two lines. A 1920 desktop's column: the whole table.
        assert_eq!(ranking_layout(300.0, 16.0, names), Cards { name_lines: 2 });
        assert_eq!(ranking_layout(1440.0, root, names), Table { columns: AllWithMixNumbers, name_lines: 1 });
        assert_eq!(Table { columns: Compact, name_lines: 2 }.name(), "table-compact-2");
        assert_eq!(Cards { name_lines: 2 }.name_lines(), 2);
        assert!(!Cards { name_lines: 1 }.is_table() && Cards { name_lines: 1 }.columns().is_none());
    }

    #[test]
    fn the_longest_names_are_found_without_sorting_every_name() {
        let names: Vec<String> = ["Oak", "Willow Grove Elementary Magnet", "Pine", "Cedar Hill Middle", "Ash"].map(String::from).to_vec();
        let mut longest = longest_names(&names, 2);
        longest.sort_unstable();
        assert_eq!(longest, ["Cedar Hill Middle", "Willow Grove Elementary Magnet"]);
        assert_eq!(longest_names(&names, 10).len(), 5);
        assert!(longest_names(&[], 3).is_empty());
    }
}
