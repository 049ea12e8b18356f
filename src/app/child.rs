//! "My child's SES": what the formula on screen gives one child, from their home area and
//! (when the formula has a student part) their family's answers, with why: the area part and
//! what drives it, the family part answer by answer, the tier and how far it is from the
//! nearest cut, and the tier under the baseline.
//!
//! A child here is hypothetical: their answers are placed among the district's answers (the
//! student-level data the formula was computed on) without joining them, so asking changes no
//! one's tier. The answers are the caller's to keep; nothing here stores them.

use crate::app::i18n::Lang;
use crate::app::presets::{family_label, family_question, indicator_label, level_label};
use crate::app::state::{AppState, Computed};
use crate::engine::explain::area_contributions;
use crate::engine::formula::StudentPart;
use crate::engine::model::{PreparedStudents, family_score_of, student_score};

/// One family question as a parent sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct FamilyQuestion {
    /// The question in the reader's language (the district's own words otherwise).
    pub question: String,
    /// The answers to choose from, lowest first (`None`: a number is typed).
    pub levels: Option<Vec<(String, String)>>,
    pub enabled: bool,
}

/// One answer's part of the family score.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerPart {
    pub question: String,
    /// Where the answer falls among the district's answers (0–100, higher = more advantaged).
    pub percentile: f64,
    /// Its share of the family part (0 to 1).
    pub share: f64,
}

/// What the formula gives one child.
#[derive(Debug, Clone, PartialEq)]
pub struct ChildSes {
    pub area_id: String,
    /// The area's score; `None` for an area left out of scoring.
    pub area_score: Option<f64>,
    /// The two indicators that add most to the area score, with their points.
    pub area_drivers: Vec<(String, f64)>,
    /// The area's share of the child's score (1 without a student part).
    pub area_share: f64,
    pub family: Vec<AnswerPart>,
    pub family_score: Option<f64>,
    pub score: Option<f64>,
    pub tier: Option<u8>,
    pub tier_count: u8,
    /// Points to the next tier up (`None` in the top tier) and above the cut into this tier
    /// (`None` in tier 1).
    pub to_next_tier: Option<f64>,
    pub above_cut: Option<f64>,
    /// The tier the baseline formula gives the same child.
    pub baseline_tier: Option<u8>,
    /// The formula has a family part this child can answer.
    pub has_family_part: bool,
}

/// The family questions of the formula on screen, worded for the reader.
pub fn family_questions(app: &AppState, lang: Lang) -> Vec<FamilyQuestion> {
    let Some(part) = &app.current.formula.student else { return Vec::new() };
    part.family
        .iter()
        .map(|item| FamilyQuestion {
            question: family_question(item, lang),
            levels: item.levels.as_ref().map(|levels| levels.iter().map(|l| (l.clone(), level_label(l, lang))).collect()),
            enabled: item.enabled,
        })
        .collect()
}

/// What the formula on screen gives a child of area `area` whose family answered `answers`
/// (one per family item, as typed or chosen; `None` unanswered). `None` for an area the data
/// does not have.
pub fn child_ses(app: &AppState, area: usize, answers: &[Option<String>], lang: Lang) -> Option<ChildSes> {
    let current = &app.current;
    let ids = current.prepared.ids();
    if area >= ids.len() {
        return None;
    }
    let formula = &current.formula;
    let area_score = current.evaluation.areas.of(area).score;
    let mut area_drivers: Vec<(String, f64)> = area_contributions(&current.prepared, formula, area)
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .filter(|(_, c)| *c > 0.0)
        .map(|(i, c)| (indicator_label(&formula.indicators[i].column, lang), c))
        .collect();
    area_drivers.sort_by(|a, b| b.1.total_cmp(&a.1));
    area_drivers.truncate(2);
    let (score, tier, family, family_score, area_share) = match (&formula.student, current.prepared.students()) {
        (Some(part), Some(students)) => {
            let normalized = placed_answers(part, students, answers);
            let family_score = family_score_of(part, &|i| normalized[i]);
            let family = answer_parts(part, &normalized, lang);
            let score = area_score.map(|a| student_score(part, a, family_score)).filter(|s| !s.is_nan());
            let tier = score.and_then(|s| current.evaluation.students.as_ref().map(|st| st.tier_of(s)));
            (score, tier, family, (!family_score.is_nan()).then_some(family_score), part.area_share)
        }
        _ => (area_score, current.evaluation.areas.of(area).tier, Vec::new(), None, 1.0),
    };
    let (to_next_tier, above_cut) = distances(current, score, tier);
    Some(ChildSes {
        area_id: ids[area].to_owned(),
        area_score,
        area_drivers,
        area_share,
        family,
        family_score,
        score,
        tier,
        tier_count: formula.tiers.count,
        to_next_tier,
        above_cut,
        baseline_tier: child_tier_under(&app.baseline, area, answers),
        has_family_part: formula.student.as_ref().is_some_and(|p| p.family.iter().any(|f| f.enabled))
            && current.prepared.students().is_some(),
    })
}

/// Each answered item's percentile and share of the family part.
fn answer_parts(part: &StudentPart, normalized: &[f64], lang: Lang) -> Vec<AnswerPart> {
    let counts = |i: usize| part.family[i].enabled && part.family[i].weight > 0.0 && !normalized[i].is_nan();
    let total: f64 = (0..part.family.len()).filter(|&i| counts(i)).map(|i| part.family[i].weight).sum();
    (0..part.family.len())
        .filter(|&i| counts(i))
        .map(|i| AnswerPart {
            question: family_label(&part.family[i].column, lang),
            percentile: normalized[i],
            share: part.family[i].weight / total,
        })
        .collect()
}

/// Points to the next tier's cut and above this tier's, under the cuts the child's tier
/// comes from (the students' own, or the areas').
fn distances(current: &Computed, score: Option<f64>, tier: Option<u8>) -> (Option<f64>, Option<f64>) {
    let (Some(score), Some(tier)) = (score, tier) else { return (None, None) };
    let cuts: &[Option<f64>] = match &current.evaluation.students {
        Some(students) => &students.cuts,
        None => &current.evaluation.tier_floors,
    };
    // Cut j opens tier j + 2.
    let up = cuts.get(usize::from(tier) - 1).copied().flatten().map(|c| (c - score).max(0.0));
    let down = (tier > 1).then(|| cuts.get(usize::from(tier) - 2).copied().flatten()).flatten().map(|c| (score - c).max(0.0));
    (up, down)
}

/// Each answer placed among the district's answers to its item (0–100; NaN unanswered, an
/// answer that is not one of the item's, or an item switched off).
fn placed_answers(part: &StudentPart, students: &PreparedStudents, answers: &[Option<String>]) -> Vec<f64> {
    part.family
        .iter()
        .zip(students.family())
        .zip(answers.iter().chain(std::iter::repeat(&None)))
        .map(|((item, given), answer)| match answer.as_deref().and_then(|a| item.answer_value(a)) {
            Some(v) if item.enabled => given.percentile_of(v),
            _ => f64::NAN,
        })
        .collect()
}

/// The tier `computed` (the baseline) gives the same child (its own student part, if any).
fn child_tier_under(computed: &Computed, area: usize, answers: &[Option<String>]) -> Option<u8> {
    let area_score = computed.evaluation.areas.of(area).score;
    match (&computed.formula.student, computed.prepared.students(), &computed.evaluation.students) {
        (Some(part), Some(students), Some(outcomes)) => {
            let normalized = placed_answers(part, students, answers);
            let score = student_score(part, area_score?, family_score_of(part, &|i| normalized[i]));
            (!score.is_nan()).then(|| outcomes.tier_of(score))
        }
        _ => computed.evaluation.areas.of(area).tier,
    }
}

/// Areas whose id contains `query` (ignoring case), at most `limit`, file order.
pub fn areas_matching(app: &AppState, query: &str, limit: usize) -> Vec<usize> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    let ids = app.current.prepared.ids();
    // An exact id first, then the others that contain it.
    let exact = (0..ids.len()).find(|&a| ids[a].eq_ignore_ascii_case(&query));
    exact.into_iter().chain((0..ids.len()).filter(|&a| Some(a) != exact && ids[a].to_lowercase().contains(&query))).take(limit).collect()
}

/// Schools whose name contains `query` (ignoring case), at most `limit`, each with the areas
/// most of its students come from (most first, at most `areas`).
pub fn schools_matching(app: &AppState, query: &str, limit: usize, areas: usize) -> Vec<(usize, String, Vec<usize>)> {
    let query = query.trim().to_lowercase();
    let Some(schools) = app.data.schools() else { return Vec::new() };
    if query.chars().count() < 2 {
        return Vec::new();
    }
    let prepared = &app.current.prepared;
    let scored = prepared.scored_areas();
    (0..schools.names.len())
        .filter(|&s| schools.names[s].to_lowercase().contains(&query))
        .take(limit)
        .map(|s| {
            let mut from: Vec<(usize, f64)> = prepared.school_sources(s).filter_map(|(p, n)| p.map(|p| (scored[p] as usize, n))).collect();
            from.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            (s, schools.names[s].clone(), from.into_iter().take(areas).map(|(a, _)| a).collect())
        })
        .collect()
}

#[cfg(test)]
mod tests;
