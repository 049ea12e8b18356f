//! What the detail panel shows for one school or area: its score as contributions by
//! indicator, the raw and normalised values, tier and rank, the change against the baseline
//! by indicator with one sentence that says why, and for a school the neighbourhoods its
//! students come from. Built from the engine's explanations ([`crate::engine::explain`]).

use crate::app::i18n::{Lang, catalogue as m};
use crate::app::presets::indicator_label;
use crate::app::state::{AppState, Computed};
use crate::engine::error::Purpose;
use crate::engine::explain::{area_contributions, by_column, change_by_indicator, school_contributions};

/// What is selected in the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selected {
    School(usize),
    Area(usize),
}

/// One indicator's line in the detail panel.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorLine {
    pub column: String,
    /// How people read the column's name.
    pub label: String,
    /// The value as the file wrote it (areas only).
    pub raw: Option<String>,
    /// The normalised value (areas only).
    pub normalized: Option<f64>,
    /// Points of the score (or mean score) this indicator contributes now.
    pub contribution: f64,
    /// Change of the contribution against the baseline.
    pub change: f64,
}

/// A neighbourhood a school's students come from.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub area: usize,
    pub id: String,
    pub students: f64,
    /// `None` for an area left out of scoring.
    pub tier: Option<u8>,
    pub score: Option<f64>,
}

/// Everything the detail panel shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
    pub selected: Selected,
    pub title: String,
    /// The area's score or the school's mean score.
    pub score: Option<f64>,
    pub tier: Option<u8>,
    pub rank: Option<u32>,
    pub baseline_score: Option<f64>,
    pub baseline_tier: Option<u8>,
    pub baseline_rank: Option<u32>,
    /// Scenario cents − baseline cents (schools with an allocation).
    pub allocation_change_cents: Option<i64>,
    pub lines: Vec<IndicatorLine>,
    /// Why it moved, in one sentence.
    pub story: String,
    pub knife_edge: bool,
    /// Schools: share of students per tier (index 0 = tier 1).
    pub tier_mix: Vec<f64>,
    /// Schools: where the students live, most students first.
    pub sources: Vec<Source>,
}

fn places(n: i64, lang: Lang) -> String {
    lang.plural(n.unsigned_abs() as usize, m::PLACE_ONE, m::PLACES, &[])
}

/// "moved up 12 places: the higher weight on income lowered its neighbourhoods' scores by
/// 4.1 points". `rank_change` is baseline rank − current rank (positive = up the list,
/// towards rank 1); a school's story speaks of its neighbourhoods' scores.
fn story(app: &AppState, rank_change: Option<i64>, lines: &[IndicatorLine], school: bool, lang: Lang) -> String {
    let moved = match rank_change {
        Some(0) | None => lang.t(if school { m::STORY_KEEPS_SCHOOL } else { m::STORY_KEEPS_AREA }).to_string(),
        Some(n) if n > 0 => lang.fill(if school { m::STORY_UP_SCHOOL } else { m::STORY_UP_AREA }, &[("places", &places(n, lang))]),
        Some(n) => lang.fill(if school { m::STORY_DOWN_SCHOOL } else { m::STORY_DOWN_AREA }, &[("places", &places(n, lang))]),
    };
    let Some(biggest) = lines.iter().filter(|l| l.change.abs() >= 0.05).max_by(|a, b| a.change.abs().total_cmp(&b.change.abs())) else {
        return lang.fill(m::STORY_UNCHANGED, &[("moved", &moved)]);
    };
    let share = |formula: &crate::engine::formula::Formula| {
        formula.indicators.iter().position(|i| i.column == biggest.column).map_or(0.0, |i| formula.weight_shares()[i])
    };
    let (now, before) = (share(&app.current.formula), share(&app.baseline.formula));
    let cause_msg = if now > before + 1e-12 {
        m::CAUSE_HIGHER
    } else if now + 1e-12 < before {
        m::CAUSE_LOWER
    } else {
        m::CAUSE_CHANGE
    };
    let cause = lang.fill(cause_msg, &[("indicator", &biggest.label.to_lowercase())]);
    let sentence = match (school, biggest.change > 0.0) {
        (false, true) => m::STORY_RAISED_SCORE,
        (false, false) => m::STORY_LOWERED_SCORE,
        (true, true) => m::STORY_RAISED_NEIGHBOURHOODS,
        (true, false) => m::STORY_LOWERED_NEIGHBOURHOODS,
    };
    lang.fill(sentence, &[("moved", &moved), ("cause", &cause), ("points", &format!("{:.1}", biggest.change.abs()))])
}

/// One line per enabled indicator: its contribution now (from `contributions` of a result;
/// zeros when the school or area has none), its change against the baseline, and the raw and
/// normalised values `values(indicator, column)` gives (areas only).
fn indicator_lines(
    lang: Lang,
    now: &Computed,
    base: &Computed,
    contributions: impl Fn(&Computed) -> Option<Vec<f64>>,
    values: impl Fn(usize, &str) -> (Option<String>, Option<f64>),
) -> Vec<IndicatorLine> {
    let of = |c: &Computed| contributions(c).unwrap_or_else(|| vec![0.0; c.formula.indicators.len()]);
    let (current, baseline) = (of(now), of(base));
    let changes = change_by_indicator(&by_column(&now.formula, &current), &by_column(&base.formula, &baseline));
    now.formula
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, ind)| ind.enabled)
        .map(|(i, ind)| {
            let (raw, normalized) = values(i, &ind.column);
            IndicatorLine {
                column: ind.column.clone(),
                label: indicator_label(&ind.column, lang),
                raw,
                normalized,
                contribution: current[i],
                change: changes.iter().find(|(c, _)| c == &ind.column).map_or(0.0, |(_, v)| *v),
            }
        })
        .collect()
}

/// The detail of a school or area; `None` for an index out of range.
pub fn detail(app: &AppState, selected: Selected, lang: Lang) -> Option<Detail> {
    let (now, base) = (&app.current, &app.baseline);
    match selected {
        Selected::Area(a) => {
            let outcome = now.evaluation.areas.get(a)?;
            let before = base.evaluation.areas.get(a)?;
            let table = app.data.dataset.areas.table();
            let contributions = |c: &Computed| area_contributions(&c.prepared, &c.formula, a);
            let lines = indicator_lines(lang, now, base, contributions, |i, column| {
                (
                    table.cells(column, Purpose::IndicatorOfFormula).ok().map(|c| c[a].trim().to_string()),
                    now.prepared.normalized_value(i, a),
                )
            });
            let rank_change = outcome.rank.zip(before.rank).map(|(n, b)| i64::from(b) - i64::from(n));
            Some(Detail {
                selected,
                title: lang.fill(m::AREA_TITLE, &[("id", &now.prepared.ids()[a].trim())]),
                score: outcome.score,
                tier: outcome.tier,
                rank: outcome.rank,
                baseline_score: before.score,
                baseline_tier: before.tier,
                baseline_rank: before.rank,
                allocation_change_cents: None,
                story: story(app, rank_change, &lines, false, lang),
                lines,
                knife_edge: now.knife_edge.areas.get(a).copied().unwrap_or(false),
                tier_mix: Vec::new(),
                sources: Vec::new(),
            })
        }
        Selected::School(s) => {
            let schools = app.data.schools()?;
            let outcome = now.evaluation.schools.get(s)?;
            let before = base.evaluation.schools.get(s)?;
            let lines =
                indicator_lines(lang, now, base, |c: &Computed| school_contributions(&c.prepared, &c.formula, s), |_, _| (None, None));
            let sources = sources(app, s);
            let rank_change = i64::from(before.rank) - i64::from(outcome.rank);
            Some(Detail {
                selected,
                title: schools.names[s].clone(),
                score: outcome.mean_score,
                tier: None,
                rank: Some(outcome.rank),
                baseline_score: before.mean_score,
                baseline_tier: None,
                baseline_rank: Some(before.rank),
                allocation_change_cents: outcome.allocation_cents.zip(before.allocation_cents).map(|(n, b)| n - b),
                story: story(app, Some(rank_change), &lines, true, lang),
                lines,
                knife_edge: now.knife_edge.school_flagged(s),
                tier_mix: (1..=now.evaluation.tier_count).map(|t| outcome.tier_share(t).unwrap_or(0.0)).collect(),
                sources,
            })
        }
    }
}

/// Where a school's students live: each area with students there, the most first.
fn sources(app: &AppState, school: usize) -> Vec<Source> {
    let (now, ids) = (&app.current, app.current.prepared.ids());
    let Some((_, enrollment)) = app.data.dataset.schools.as_ref() else { return Vec::new() };
    let mut sources: Vec<Source> = enrollment
        .entries
        .iter()
        .filter(|e| e.school as usize == school && e.students > 0.0)
        .map(|e| {
            let a = e.area as usize;
            let outcome = now.evaluation.areas.of(a);
            Source { area: a, id: ids[a].trim().to_string(), students: e.students, tier: outcome.tier, score: outcome.score }
        })
        .collect();
    sources.sort_by(|a, b| b.students.total_cmp(&a.students).then(a.area.cmp(&b.area)));
    sources
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::{Action, LoadedData};

    fn demo() -> AppState {
        AppState::new(LoadedData::demo().unwrap(), None).unwrap()
    }

    #[test]
    fn a_school_detail_adds_up_and_tells_why_it_moved() {
        let before = demo();
        let after = before.apply(Action::SetWeight(0, 300.0));
        // The school that moved most.
        let s = (0..170).max_by_key(|&s| after.comparison.school_rank_change[s].abs()).unwrap();
        let d = detail(&after, Selected::School(s), Lang::En).unwrap();
        let total: f64 = d.lines.iter().map(|l| l.contribution).sum();
        assert!((total - d.score.unwrap()).abs() < 1e-9);
        let change: f64 = d.lines.iter().map(|l| l.change).sum();
        assert!((change - (d.score.unwrap() - d.baseline_score.unwrap())).abs() < 1e-9);
        let moved = after.comparison.school_rank_change[s];
        assert_ne!(moved, 0);
        let direction = if moved > 0 { "moved up" } else { "moved down" };
        assert!(d.story.starts_with(&format!("The school {direction} {} places", moved.abs())), "{}", d.story);
        assert!(d.story.contains("weight on"), "{}", d.story);
        assert!(!d.sources.is_empty());
        let students: f64 = d.sources.iter().map(|x| x.students).sum();
        assert_eq!(students, after.current.evaluation.schools[s].students());
        assert!((d.tier_mix.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn an_area_detail_shows_raw_and_normalised_values() {
        let app = demo();
        let d = detail(&app, Selected::Area(0), Lang::En).unwrap();
        assert_eq!(d.title, "Area BG00001");
        assert_eq!(d.lines.len(), 5);
        assert_eq!(d.lines[0].raw.as_deref(), Some("68590"));
        assert!(d.lines.iter().all(|l| l.normalized.is_some()));
        assert_eq!(d.story, "The area keeps its rank; its score is unchanged against the baseline.");
        assert!(detail(&app, Selected::Area(100_000), Lang::En).is_none());
    }
}
