//! Tiers a district published, kept beside the data so the person can compare: how many areas
//! the formula on screen puts in the tier that was published (all 796 of Chicago's under its
//! published formula), and which ones differ once the weights move.

use crate::engine::error::Purpose;
use crate::engine::model::Evaluation;
use crate::engine::table::Table;

/// A column of published tiers, read once when the data is loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedTiers {
    /// The column's name as the file has it (`6-Factor Socioeconomic Tier`).
    pub column: String,
    /// Per area, in file order: the published tier, or `None` where the cell is empty or 0
    /// (some years' tables mark areas without data so).
    pub tiers: Vec<Option<u8>>,
    /// Areas without a published tier, not counted in the [`Agreement`].
    pub skipped: usize,
}

/// How the tiers on screen compare with the published ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Agreement {
    /// Areas in the tier that was published.
    pub matched: usize,
    /// Areas with a published tier (those the formula cannot score count here, not as matched).
    pub total: usize,
}

impl PublishedTiers {
    /// The first column whose name says it holds tiers and whose every filled cell is a whole
    /// number from 1 to 20, or 0 for none; `None` when the file has no such column.
    pub fn find(table: &Table) -> Option<PublishedTiers> {
        table.headers().iter().find_map(|column| {
            if !column.to_lowercase().contains("tier") {
                return None;
            }
            let cells = table.text_column(column, Purpose::PublishedTiers).ok()?;
            let tiers: Vec<Option<u8>> = cells
                .iter()
                .map(|c| match c.parse::<u8>() {
                    _ if c.is_empty() => Ok(None),
                    Ok(0) => Ok(None),
                    Ok(t) if t <= 20 => Ok(Some(t)),
                    _ => Err(()),
                })
                .collect::<Result<_, ()>>()
                .ok()?;
            let skipped = tiers.iter().filter(|t| t.is_none()).count();
            tiers.iter().any(Option::is_some).then(|| PublishedTiers { column: column.trim().to_owned(), tiers, skipped })
        })
    }

    /// How many areas `evaluation` puts in their published tier.
    pub fn agreement(&self, evaluation: &Evaluation) -> Agreement {
        let mut agreement = Agreement { matched: 0, total: 0 };
        for (published, outcome) in self.tiers.iter().zip(&evaluation.areas) {
            if let Some(tier) = published {
                agreement.total += 1;
                agreement.matched += usize::from(outcome.tier == Some(*tier));
            }
        }
        agreement
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::{Action, AppState, LoadedData};

    #[test]
    fn finds_a_column_of_tiers_and_nothing_else() {
        let t = Table::parse("a.csv", b"id,Tier 2017,income,tier_note\na,1,5,x\nb,,6,y\nc,4,7,z\nd,0,,w\n").unwrap();
        let p = PublishedTiers::find(&t).unwrap();
        assert_eq!((p.column.as_str(), p.tiers.clone(), p.skipped), ("Tier 2017", vec![Some(1), None, Some(4), None], 2));
        let none = Table::parse("b.csv", b"id,tier_note,income\na,x,5\n").unwrap();
        assert_eq!(PublishedTiers::find(&none), None, "words are not tiers");
        assert_eq!(PublishedTiers::find(&Table::parse("c.csv", b"id,income\na,5\n").unwrap()), None);
    }

    #[test]
    fn counts_the_areas_in_their_published_tier_as_the_weights_move() {
        let state = AppState::new(LoadedData::demo().unwrap(), None).unwrap();
        let tiers: Vec<Option<u8>> = state.current.evaluation.areas.iter().map(|a| a.tier).collect();
        let published = PublishedTiers { column: "tier".into(), tiers, skipped: 0 };
        assert_eq!(published.agreement(&state.current.evaluation), Agreement { matched: 600, total: 600 });
        let moved = state.apply(Action::SetWeight(0, 100.0));
        let a = published.agreement(&moved.current.evaluation);
        assert_eq!(a.total, 600);
        assert_eq!(a.matched, 600 - moved.comparison.areas_changing_tier(), "every area that changed tier no longer matches");
    }
}
