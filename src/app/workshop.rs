//! A workshop without a server: each participant hands in a weighting as a short code that can
//! be read aloud or typed (`W-20-40-10-10-20-K`) or as a share link, and the presenter rounds
//! them up: how many, how the weights spread, the ranking under the median weights, the
//! schools every submission (or at least 80%) puts among the ten of highest need, and those
//! the submissions disagree on most.
//!
//! The code's last character is a check (ISO 7064 MOD 37 style over the code's characters and
//! the formula's indicator columns): a mistyped or swapped character is caught, and so is a
//! code made for another formula.

use crate::app::i18n::{Lang, catalogue as m};
use crate::app::scenario::{SHARE_PREFIX, Scenario};
use crate::engine::Result;
use crate::engine::dataset::Dataset;
use crate::engine::formula::Formula;
use crate::engine::model::{Evaluation, Prepared, RankBy};

/// The 37 symbols of the check character.
const CHECK_SYMBOLS: &[u8; 37] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*";

/// Weights as whole numbers 0–999 (a code carries integers; the app's sliders move in steps
/// of one).
fn code_weights(formula: &Formula) -> Vec<u32> {
    formula.indicators.iter().map(|i| if i.enabled { i.weight.round().clamp(0.0, 999.0) as u32 } else { 0 }).collect()
}

/// The check symbol of a code body (`20-40-10-10-20`) for this formula's indicators.
fn check_symbol(formula: &Formula, body: &str) -> char {
    let columns: String = formula.indicators.iter().map(|i| i.column.as_str()).collect::<Vec<_>>().join("|");
    // Position-weighted sum modulo a prime: any one changed character, and any two different
    // neighbours swapped, change it (positions stay below 37 for a body of up to 36 symbols;
    // the columns enter as one number so that their length does not matter).
    let signature = columns.bytes().fold(0u64, |h, b| (h * 131 + u64::from(b)) % 37);
    let sum = body.bytes().enumerate().fold(signature, |s, (i, b)| (s + (i as u64 % 36 + 1) * u64::from(b)) % 37);
    CHECK_SYMBOLS[sum as usize] as char
}

/// The workshop code of a formula's weights, e.g. `W-20-40-10-10-20-K`.
pub fn weight_code(formula: &Formula) -> String {
    let body = code_weights(formula).iter().map(u32::to_string).collect::<Vec<_>>().join("-");
    format!("W-{body}-{}", check_symbol(formula, &body))
}

/// Reads one submission — a code or a share link — as the weights of `formula`'s indicators.
///
/// # Errors
/// Why it cannot be used, in words: not a code or link, a wrong check character (a typo, or a
/// code for another formula), a count of weights other than the formula's, or a link for
/// other columns.
pub fn read_submission(text: &str, formula: &Formula, lang: Lang) -> std::result::Result<Vec<f64>, String> {
    let text = text.trim();
    let reason = |msg| lang.t(msg).to_string();
    if let Some(at) = text.find(SHARE_PREFIX) {
        let scenario =
            Scenario::from_fragment(&text[at..]).map_err(|e| lang.error(&e))?.ok_or_else(|| reason(m::SUBMISSION_NO_SCENARIO))?;
        let theirs: Vec<&str> = scenario.formula.indicators.iter().map(|i| i.column.as_str()).collect();
        let ours: Vec<&str> = formula.indicators.iter().map(|i| i.column.as_str()).collect();
        if theirs != ours {
            return Err(reason(m::SUBMISSION_OTHER_INDICATORS));
        }
        return Ok(scenario.formula.indicators.iter().map(|i| if i.enabled { i.weight } else { 0.0 }).collect());
    }
    let upper = text.to_ascii_uppercase().replace(' ', "");
    let Some(rest) = upper.strip_prefix("W-") else {
        return Err(reason(m::SUBMISSION_NOT_A_CODE));
    };
    let Some((body, check)) = rest.rsplit_once('-') else { return Err(reason(m::SUBMISSION_NO_CHECK)) };
    let weights: Vec<u32> = body
        .split('-')
        .map(|w| w.parse::<u32>().ok().filter(|w| *w <= 999))
        .collect::<Option<_>>()
        .ok_or_else(|| reason(m::SUBMISSION_WHOLE_NUMBERS))?;
    if check.len() != 1 || check_symbol(formula, body).to_string() != check {
        return Err(reason(m::SUBMISSION_CHECK_FAILS));
    }
    if weights.len() != formula.indicators.len() {
        return Err(lang.fill(m::SUBMISSION_COUNT, &[("found", &weights.len()), ("expected", &formula.indicators.len())]));
    }
    if weights.iter().all(|w| *w == 0) {
        return Err(reason(m::SUBMISSION_ALL_ZERO));
    }
    Ok(weights.into_iter().map(f64::from).collect())
}

/// One line that could not be used, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    pub text: String,
    pub reason: String,
}

/// The spread of one indicator's weight over the submissions (nearest-rank quartiles).
#[derive(Debug, Clone, PartialEq)]
pub struct WeightSpread {
    pub column: String,
    /// Every submission's weight, in submission order.
    pub values: Vec<f64>,
    pub min: f64,
    pub lower_quartile: f64,
    pub median: f64,
    pub upper_quartile: f64,
    pub max: f64,
}

/// A school (or area, without schools) and how the submissions rank it.
#[derive(Debug, Clone, PartialEq)]
pub struct Agreement {
    /// Index of the school (or area) in its file.
    pub index: usize,
    /// Share of submissions that put it among the ten of highest need.
    pub top_ten_share: f64,
    pub best_rank: u32,
    pub worst_rank: u32,
    /// Its rank under the median weights.
    pub median_rank: u32,
}

/// The round-up of a workshop's submissions.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundUp {
    /// The weights of every valid submission.
    pub submissions: Vec<Vec<f64>>,
    pub rejected: Vec<Rejected>,
    pub spreads: Vec<WeightSpread>,
    /// The formula with every weight at its median over the submissions.
    pub median_formula: Formula,
    /// Schools (or areas) ranked under the median weights, highest need first: (index, rank).
    pub median_ranking: Vec<(usize, u32)>,
    /// Put among the ten of highest need by at least 80% of the submissions, most agreed first.
    pub consensus: Vec<Agreement>,
    /// The widest rank ranges across submissions, among those some submission puts in its top ten.
    pub disagreements: Vec<Agreement>,
    /// True when what is ranked is schools; false for areas.
    pub schools: bool,
}

/// The value at nearest rank `q` (0–1) of sorted values.
fn nearest_rank(sorted: &[f64], q: f64) -> f64 {
    let n = sorted.len();
    let k = ((q * n as f64).ceil() as usize).clamp(1, n);
    sorted[k - 1]
}

/// Ranks (1 = highest need) of schools, or of areas when there are no schools (0 = unranked).
fn ranks(evaluation: &Evaluation) -> Vec<u32> {
    if evaluation.schools.is_empty() {
        evaluation.areas.iter().map(|a| a.rank.unwrap_or(0)).collect()
    } else {
        evaluation.schools.iter().map(|s| s.rank).collect()
    }
}

impl RoundUp {
    /// Reads every submission in `text` (codes and links separated by spaces, commas or lines)
    /// and rounds them up on this data with `formula`'s other settings.
    ///
    /// # Errors
    /// No valid submission, or the engine refuses the median formula.
    pub fn new(text: &str, formula: &Formula, data: &Dataset, prepared: &Prepared, rank_by: RankBy, lang: Lang) -> Result<RoundUp> {
        let mut submissions = Vec::new();
        let mut rejected = Vec::new();
        for item in text.split(|c: char| c.is_whitespace() || c == ',' || c == ';').filter(|t| !t.is_empty()) {
            match read_submission(item, formula, lang) {
                Ok(w) => submissions.push(w),
                Err(reason) => rejected.push(Rejected { text: item.chars().take(60).collect(), reason }),
            }
        }
        if submissions.is_empty() {
            return Err(crate::engine::EngineError::settings(if rejected.is_empty() {
                lang.t(m::ROUND_UP_NOTHING).to_string()
            } else {
                lang.fill(m::ROUND_UP_NONE_USABLE, &[("n", &rejected.len())])
            }));
        }
        let spreads: Vec<WeightSpread> = formula
            .indicators
            .iter()
            .enumerate()
            .map(|(k, ind)| {
                let values: Vec<f64> = submissions.iter().map(|s| s[k]).collect();
                let mut sorted = values.clone();
                sorted.sort_by(f64::total_cmp);
                WeightSpread {
                    column: ind.column.clone(),
                    min: sorted[0],
                    lower_quartile: nearest_rank(&sorted, 0.25),
                    median: nearest_rank(&sorted, 0.5),
                    upper_quartile: nearest_rank(&sorted, 0.75),
                    max: sorted[sorted.len() - 1],
                    values,
                }
            })
            .collect();
        let with_weights = |weights: &[f64]| {
            let mut f = formula.clone();
            for (ind, w) in f.indicators.iter_mut().zip(weights) {
                ind.weight = *w;
                ind.enabled = true;
            }
            f
        };
        let medians: Vec<f64> = spreads.iter().map(|s| s.median).collect();
        let mut median_formula = with_weights(&medians);
        if median_formula.total_weight() <= 0.0 {
            // Every median zero: fall back to the mean, which some submission made positive.
            let means: Vec<f64> =
                (0..medians.len()).map(|k| submissions.iter().map(|s| s[k]).sum::<f64>() / submissions.len() as f64).collect();
            median_formula = with_weights(&means);
        }
        let median_ranks = ranks(&prepared.evaluate(data, &median_formula, rank_by, None)?);
        let per_submission: Vec<Vec<u32>> = submissions
            .iter()
            .map(|w| prepared.evaluate(data, &with_weights(w), rank_by, None).map(|e| ranks(&e)))
            .collect::<Result<_>>()?;
        let n = submissions.len() as f64;
        let agreements: Vec<Agreement> = (0..median_ranks.len())
            .filter(|&i| median_ranks[i] > 0)
            .map(|i| {
                let rs: Vec<u32> = per_submission.iter().map(|r| r[i]).filter(|r| *r > 0).collect();
                Agreement {
                    index: i,
                    top_ten_share: rs.iter().filter(|r| **r <= 10).count() as f64 / n,
                    best_rank: rs.iter().copied().min().unwrap_or(0),
                    worst_rank: rs.iter().copied().max().unwrap_or(0),
                    median_rank: median_ranks[i],
                }
            })
            .collect();
        let mut consensus: Vec<Agreement> = agreements.iter().filter(|a| a.top_ten_share >= 0.8).cloned().collect();
        consensus.sort_by(|a, b| b.top_ten_share.total_cmp(&a.top_ten_share).then(a.median_rank.cmp(&b.median_rank)));
        let mut disagreements: Vec<Agreement> = agreements.iter().filter(|a| a.best_rank <= 10 && a.top_ten_share < 0.8).cloned().collect();
        disagreements
            .sort_by(|a, b| (b.worst_rank - b.best_rank).cmp(&(a.worst_rank - a.best_rank)).then(a.median_rank.cmp(&b.median_rank)));
        disagreements.truncate(10);
        let mut median_ranking: Vec<(usize, u32)> =
            median_ranks.iter().enumerate().filter(|(_, r)| **r > 0).map(|(i, r)| (i, *r)).collect();
        median_ranking.sort_by_key(|&(i, r)| (r, i));
        Ok(RoundUp {
            submissions,
            rejected,
            spreads,
            median_formula,
            median_ranking,
            consensus,
            disagreements,
            schools: data.schools.is_some(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::{Action, AppState, LoadedData};
    use rand::{Rng, SeedableRng};

    fn demo() -> AppState {
        AppState::new(LoadedData::demo().unwrap(), None).unwrap()
    }

    #[test]
    fn a_code_reads_back_as_its_weights_and_catches_typos_swaps_and_other_formulas() {
        let state = demo().apply(Action::SetWeight(0, 40.0)).apply(Action::SetWeight(3, 5.0));
        let formula = &state.current.formula;
        let code = weight_code(formula);
        assert!(code.starts_with("W-40-20-20-5-20-"), "{code}");
        assert_eq!(read_submission(&code, formula, Lang::En), Ok(vec![40.0, 20.0, 20.0, 5.0, 20.0]));
        assert_eq!(
            read_submission(&format!("  {} ", code.to_lowercase()), formula, Lang::En),
            Ok(vec![40.0, 20.0, 20.0, 5.0, 20.0]),
            "typed in lower case"
        );
        // Every single-character typo in the weights, and every swap of two different neighbours, is caught.
        let chars: Vec<char> = code.chars().collect();
        let last_weight = code.len() - 2;
        for i in 2..last_weight {
            if chars[i] == '-' {
                continue;
            }
            for d in '0'..='9' {
                if d != chars[i] {
                    let mut typo = chars.clone();
                    typo[i] = d;
                    let typo: String = typo.into_iter().collect();
                    assert!(read_submission(&typo, formula, Lang::En).is_err(), "{typo} passed");
                }
            }
            if i + 1 < last_weight && chars[i + 1] != chars[i] {
                let mut swapped = chars.clone();
                swapped.swap(i, i + 1);
                let swapped: String = swapped.into_iter().collect();
                assert!(read_submission(&swapped, formula, Lang::En).is_err(), "{swapped} passed");
            }
        }
        // The same numbers for a formula with other columns fail the check.
        let mut other = formula.clone();
        other.indicators[0].column = "Estimated Median Family Income".into();
        assert_eq!(
            read_submission(&code, &other, Lang::En).unwrap_err(),
            "the check character does not match: a typo, or a code made for another formula"
        );
        assert_eq!(read_submission("hello", formula, Lang::En).unwrap_err(), "not a workshop code (W-…) or a share link");
    }

    #[test]
    fn a_share_link_is_a_submission_too() {
        let state = demo().apply(Action::SetWeight(2, 70.0));
        let link = format!("https://example.org/ses/{}", state.to_scenario().to_fragment());
        assert_eq!(read_submission(&link, &demo().current.formula, Lang::En), Ok(vec![20.0, 20.0, 70.0, 20.0, 20.0]));
    }

    #[test]
    fn thirty_submissions_round_up_to_spreads_a_median_ranking_and_agreement() {
        let state = demo();
        let formula = &state.current.formula;
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let mut codes: Vec<String> = (0..30)
            .map(|_| {
                let mut f = formula.clone();
                for ind in &mut f.indicators {
                    ind.weight = f64::from(rng.random_range(5..=60u32));
                }
                weight_code(&f)
            })
            .collect();
        codes.push("W-1-2-3".into());
        codes.push("nonsense".into());
        let text = codes.join("\n");
        let r = RoundUp::new(&text, formula, &state.data.dataset, &state.current.prepared, state.rank_by, Lang::En).unwrap();
        assert_eq!(r.submissions.len(), 30);
        assert_eq!(r.rejected.len(), 2);
        assert_eq!(r.spreads.len(), 5);
        for s in &r.spreads {
            assert!(s.min <= s.lower_quartile && s.lower_quartile <= s.median && s.median <= s.upper_quartile && s.upper_quartile <= s.max);
            assert!((5.0..=60.0).contains(&s.min) && (5.0..=60.0).contains(&s.max));
        }
        assert_eq!(r.median_ranking.len(), 170);
        assert_eq!(r.median_ranking[0].1, 1);
        assert!(r.consensus.iter().all(|a| a.top_ten_share >= 0.8 && a.best_rank <= 10));
        assert!(!r.consensus.is_empty(), "the neediest schools are in every top ten");
        assert!(r.disagreements.iter().all(|a| a.top_ten_share < 0.8 && a.worst_rank >= a.best_rank));
        // The median ranking is the engine's ranking of the median formula.
        let eval = state.current.prepared.evaluate(&state.data.dataset, &r.median_formula, state.rank_by, None).unwrap();
        let first = eval.schools.iter().position(|s| s.rank == 1).unwrap();
        assert_eq!(r.median_ranking[0].0, first);
        assert!(RoundUp::new("  ", formula, &state.data.dataset, &state.current.prepared, state.rank_by, Lang::En).is_err());
    }
}
