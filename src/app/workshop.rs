//! A workshop without a server: each participant hands in a weighting as a short code that can
//! be read aloud or typed (`W-20-40-10-10-20-7QK`) or as a share link, and the presenter rounds
//! them up: how many, how the weights spread, the ranking under the median weights, the
//! schools every submission (or at least 80%) puts among the ten of highest need, and those
//! the submissions disagree on most.
//!
//! A code is `W`, one weight per indicator in the formula's order (whole numbers or up to two
//! decimals, carried exactly) — then, for a formula of groups, one per group, in the order the
//! formula lists them — and a three-character tail:
//! - the **shape mark** (first two characters) stands for the formula's shape: its indicator
//!   columns and directions, the normalisation and the tier rule. Codes are only comparable
//!   between formulas of one shape, so a code made for another shape is refused with that
//!   reason instead of being merged with the others;
//! - the **check** (last character) is a position-weighted sum modulo 37 over everything
//!   before it, so a mistyped character or two different neighbours swapped are caught
//!   whatever the formula.
//!
//! Codes are read as people type them from a screen or hear them: any dash or spaces between
//! the parts, lower case, stray spaces around.

use crate::app::i18n::{Lang, catalogue as m};
use crate::app::scenario::Scenario;
use crate::engine::dataset::Dataset;
use crate::engine::error::SettingsProblem;
use crate::engine::formula::{Direction, Formula, MissingValues};
use crate::engine::model::{Evaluation, Prepared, RankBy};
use crate::engine::{EngineError, Result};

/// The 37 symbols of the shape mark and the check character.
const CHECK_SYMBOLS: &[u8; 37] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*";

/// The largest weight a code carries.
const MAX_CODE_WEIGHT: f64 = 999.0;

/// Why a formula's weights cannot be written as a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeProblem {
    /// Indicator `index` has a weight with more than two decimals: a code would round it.
    TooManyDecimals { index: usize },
    /// Indicator `index` has a weight above [`MAX_CODE_WEIGHT`].
    TooLarge { index: usize },
}

impl CodeProblem {
    /// The problem in words, naming the indicator.
    pub fn words(self, formula: &Formula, lang: Lang) -> String {
        let (msg, index) = match self {
            CodeProblem::TooManyDecimals { index } => (m::CODE_TOO_MANY_DECIMALS, index),
            CodeProblem::TooLarge { index } => (m::CODE_WEIGHT_TOO_LARGE, index),
        };
        // Past the indicators, the code's weights are the groups'.
        let label = match formula.indicators.get(index) {
            Some(i) => crate::app::presets::indicator_label(&i.column, lang),
            None => formula
                .all_groups()
                .get(index - formula.indicators.len())
                .map(|(_, g)| crate::app::presets::group_label(&g.name, lang))
                .unwrap_or_default(),
        };
        lang.fill(msg, &[("indicator", &label)])
    }
}

/// One weight as a code writes it: `40`, `12.5`, `33.33`; `None` when it would need more than
/// two decimals to be exact.
fn weight_text(weight: f64) -> Option<String> {
    let hundredths = (weight * 100.0).round();
    if (hundredths / 100.0 - weight).abs() > 1e-9 {
        return None;
    }
    let hundredths = hundredths as u64;
    Some(match hundredths % 100 {
        0 => format!("{}", hundredths / 100),
        f if f % 10 == 0 => format!("{}.{}", hundredths / 100, f / 10),
        f => format!("{}.{f:02}", hundredths / 100),
    })
}

/// Reads one weight of a code: 0–999 with at most two decimals.
fn parse_weight(text: &str) -> Option<f64> {
    let (whole, decimals) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 3 || decimals.len() > 2 || !digits(whole) || !digits(decimals) || text.ends_with('.') {
        return None;
    }
    text.parse::<f64>().ok().filter(|w| *w <= MAX_CODE_WEIGHT)
}

/// Position-weighted sum modulo 37 (a prime): any one changed character, and any two different
/// neighbours swapped, change it (positions cycle below 37 for long texts).
fn mod37(text: &str, start: u64) -> u64 {
    text.bytes().enumerate().fold(start, |s, (i, b)| (s + (i as u64 % 36 + 1) * u64::from(b)) % 37)
}

/// The shape mark of a formula, two symbols: what a weighting means beyond its numbers. Two
/// formulas of different shapes share a mark once in 1,369.
pub fn shape_mark(formula: &Formula) -> String {
    let mut shape = String::new();
    for i in &formula.indicators {
        shape.push_str(i.column.trim());
        shape.push(if i.direction == Direction::Advantage { '+' } else { '-' });
        shape.push('|');
    }
    shape.push_str(&format!("{:?}|{}|{:?}|{:?}", formula.normalization, formula.tiers.count, formula.tiers.method, formula.tiers.cutoffs));
    // A formula of groups: which indicators each group holds, and the rule for missing values
    // (a flat version 1 formula adds nothing, so its marks are unchanged).
    for (depth, g) in formula.all_groups() {
        shape.push_str(&format!("|{depth}:{}:{:?}", g.name.trim(), g.indicators));
    }
    if formula.missing != MissingValues::default() {
        shape.push_str(&format!("|{:?}", formula.missing));
    }
    // A student part: its family columns and directions, and its rules (its weights are in
    // the code).
    if let Some(part) = &formula.student {
        shape.push_str("|student");
        for f in &part.family {
            shape.push_str(&format!("|{}{}", f.column, if f.direction == Direction::Advantage { '+' } else { '-' }));
        }
        shape.push_str(&format!("|{:?}|{:?}", part.missing_family, part.tiers.method));
    }
    // FNV-1a: every byte of the shape moves the mark, and the same shape gives the same mark
    // on every machine.
    let h = shape.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    let h = (h % (37 * 37)) as usize;
    [CHECK_SYMBOLS[h / 37] as char, CHECK_SYMBOLS[h % 37] as char].into_iter().collect()
}

/// The check symbol of everything before it (`W-20-40-10-10-20-7Q`).
fn check_symbol(before: &str) -> char {
    CHECK_SYMBOLS[mod37(before, 0) as usize] as char
}

/// The name a round-up gives the area's share of a student's score (in percent), beside the
/// indicators' columns and the family items'.
pub const AREA_SHARE_KEY: &str = "area_share";

/// A weight a code carries, by the name a round-up gives it, worded for the reader.
pub fn weight_label(name: &str, lang: Lang) -> String {
    if name == AREA_SHARE_KEY {
        return lang.t(crate::app::i18n::catalogue::AREA_SHARE).to_owned();
    }
    let family = crate::app::presets::family_label(name, lang);
    if family != name {
        return family;
    }
    let group = crate::app::presets::group_label(name, lang);
    if group != name.trim() { group } else { crate::app::presets::indicator_label(name, lang) }
}

/// The workshop code of a formula's weights, e.g. `W-20-40-10-10-20-7QK`.
///
/// # Errors
/// A weight a code cannot carry exactly (more than two decimals, or above 999): the code
/// would round it, and the round-up would count another weighting than the person's.
pub fn weight_code(formula: &Formula) -> std::result::Result<String, CodeProblem> {
    let weights = coded_weights(formula);
    let mut parts = Vec::with_capacity(weights.len());
    for (index, w) in weights.into_iter().enumerate() {
        if w > MAX_CODE_WEIGHT {
            return Err(CodeProblem::TooLarge { index });
        }
        parts.push(weight_text(w).ok_or(CodeProblem::TooManyDecimals { index })?);
    }
    let before = format!("W-{}-{}", parts.join("-"), shape_mark(formula));
    Ok(format!("{before}{}", check_symbol(&before)))
}

/// The weights a code carries: each indicator's (0 when switched off), then each group's,
/// then with a student part the area's share (in percent) and each family item's weight.
fn coded_weights(formula: &Formula) -> Vec<f64> {
    let indicators = formula.indicators.iter().map(|i| if i.enabled { i.weight.max(0.0) } else { 0.0 });
    let groups = formula.all_groups().into_iter().map(|(_, g)| if g.enabled { g.weight.max(0.0) } else { 0.0 });
    let student = formula.student.iter().flat_map(|part| {
        let family = part.family.iter().map(|f| if f.enabled { f.weight.max(0.0) } else { 0.0 });
        std::iter::once((part.area_share * 100.0).clamp(0.0, 100.0)).chain(family)
    });
    indicators.chain(groups).chain(student).collect()
}

/// `formula` with the weights a code carries ([`coded_weights`]), everything switched on.
fn with_coded_weights(formula: &Formula, weights: &[f64]) -> Formula {
    let mut f = formula.clone();
    let n = f.indicators.len();
    for (ind, w) in f.indicators.iter_mut().zip(weights) {
        ind.weight = *w;
        ind.enabled = true;
    }
    let groups = f.all_groups().len();
    for (g, w) in weights.iter().skip(n).take(groups).enumerate() {
        if let Some(group) = f.group_mut(g) {
            group.weight = *w;
            group.enabled = true;
        }
    }
    if let Some(part) = &mut f.student {
        let mut rest = weights.iter().skip(n + groups);
        if let Some(share) = rest.next() {
            part.area_share = (share / 100.0).clamp(0.0, 1.0);
        }
        for (item, w) in part.family.iter_mut().zip(rest) {
            item.weight = *w;
            item.enabled = true;
        }
    }
    f
}

/// A code as typed or heard, in the form it is written: upper case, every run of spaces and
/// dashes (any Unicode dash or minus) one `-`. `W 40 5 20 20 20 7qk` → `W-40-5-20-20-20-7QK`.
pub fn normalise_code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        let separator = c.is_whitespace() || matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}');
        if separator {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.extend(c.to_uppercase());
        }
    }
    // "W40-5-…": a missing dash after the W is added, so the parts split the same way.
    if out.len() > 1 && out.starts_with('W') && out.as_bytes()[1].is_ascii_digit() {
        out.insert(1, '-');
    }
    out.trim_end_matches('-').to_owned()
}

/// Why a submission cannot be used, worded when drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum SubmissionProblem {
    /// A share link that cannot be read.
    Link(EngineError),
    /// A share link without a scenario in it.
    NoScenario,
    /// A share link for other indicators.
    OtherIndicators,
    /// A code or link for a formula of another shape.
    OtherShape,
    /// Neither a code (W-…) nor a share link.
    NotACode,
    /// A code without its check at the end.
    NoCheck,
    /// The check fails, and `character` of the check is the likeliest misreading.
    CheckDoubt { character: char, tail: String },
    /// The check fails (a typo).
    CheckFails,
    /// A character in a weight that is not a digit.
    NotADigit { character: char, part: String },
    /// A weight that is not a number from 0 to 999 with at most two decimals.
    WeightForm,
    /// Another count of weights than the formula has.
    Count { found: usize, expected: usize },
    /// Every weight is zero.
    AllZero,
}

impl SubmissionProblem {
    pub fn words(&self, lang: Lang) -> String {
        match self {
            SubmissionProblem::Link(e) => lang.error(e),
            SubmissionProblem::NoScenario => lang.t(m::SUBMISSION_NO_SCENARIO).to_owned(),
            SubmissionProblem::OtherIndicators => lang.t(m::SUBMISSION_OTHER_INDICATORS).to_owned(),
            SubmissionProblem::OtherShape => lang.t(m::SUBMISSION_OTHER_SHAPE).to_owned(),
            SubmissionProblem::NotACode => lang.t(m::SUBMISSION_NOT_A_CODE).to_owned(),
            SubmissionProblem::NoCheck => lang.t(m::SUBMISSION_NO_CHECK).to_owned(),
            SubmissionProblem::CheckDoubt { character, tail } => {
                lang.fill(m::SUBMISSION_CHECK_DOUBT, &[("character", character), ("tail", tail)])
            }
            SubmissionProblem::CheckFails => lang.t(m::SUBMISSION_CHECK_FAILS).to_owned(),
            SubmissionProblem::NotADigit { character, part } => {
                lang.fill(m::SUBMISSION_NOT_A_DIGIT, &[("character", character), ("part", part)])
            }
            SubmissionProblem::WeightForm => lang.t(m::SUBMISSION_WEIGHT_FORM).to_owned(),
            SubmissionProblem::Count { found, expected } => lang.fill(m::SUBMISSION_COUNT, &[("found", found), ("expected", expected)]),
            SubmissionProblem::AllZero => lang.t(m::SUBMISSION_ALL_ZERO).to_owned(),
        }
    }
}

/// Reads one submission — a code or a share link — as the weights of `formula`'s indicators.
///
/// # Errors
/// Why it cannot be used: not a code or link, a typo (the check fails), a code made for a
/// formula of another shape, a count of weights other than the formula's, a weight that is
/// not a number from 0 to 999 with at most two decimals, or a link for other columns.
pub fn read_submission(text: &str, formula: &Formula) -> std::result::Result<Vec<f64>, SubmissionProblem> {
    let text = text.trim();
    if let Some(fragment) = Scenario::fragment_in(text) {
        let scenario = Scenario::from_fragment(fragment).map_err(SubmissionProblem::Link)?.ok_or(SubmissionProblem::NoScenario)?;
        let theirs: Vec<&str> = scenario.formula.indicators.iter().map(|i| i.column.as_str()).collect();
        let ours: Vec<&str> = formula.indicators.iter().map(|i| i.column.as_str()).collect();
        if theirs != ours {
            return Err(SubmissionProblem::OtherIndicators);
        }
        if shape_mark(&scenario.formula) != shape_mark(formula) {
            return Err(SubmissionProblem::OtherShape);
        }
        return Ok(coded_weights(&scenario.formula));
    }
    let code = normalise_code(text);
    if !code.starts_with("W-") {
        return Err(SubmissionProblem::NotACode);
    }
    let Some((mut body, last)) = code.rsplit_once('-') else { return Err(SubmissionProblem::NoCheck) };
    let mut tail = last.to_owned();
    // The mark and the check read out in parts ("… 20 7Q K", "… 20 7 Q K").
    while tail.len() < 3 {
        match body.rsplit_once('-') {
            Some((rest, symbol)) if tail.len() + symbol.len() <= 3 && rest.len() > 1 => {
                tail.insert_str(0, symbol);
                body = rest;
            }
            _ => break,
        }
    }
    if tail.len() != 3 || !tail.bytes().all(|b| CHECK_SYMBOLS.contains(&b)) {
        return Err(SubmissionProblem::NoCheck);
    }
    // The weights are digits only, so a letter O heard or typed for a zero (and I or L for a
    // one) can only mean the digit.
    let body: String = body.chars().map(digit_meant).collect();
    let tail = tail_meant(&body, &tail, &shape_mark(formula)).unwrap_or(tail);
    let (mark, check) = tail.split_at(2);
    if check_symbol(&format!("{body}-{mark}")).to_string() != check {
        // Name a look-alike character the tail holds: it is the likeliest misreading.
        return Err(match tail.chars().find(|c| !look_alikes(*c).is_empty()) {
            Some(doubted) => SubmissionProblem::CheckDoubt { character: doubted, tail },
            None => SubmissionProblem::CheckFails,
        });
    }
    if mark != shape_mark(formula) {
        return Err(SubmissionProblem::OtherShape);
    }
    let parts: Vec<&str> = body["W-".len()..].split('-').collect();
    if let Some((part, doubted)) = parts.iter().find_map(|p| p.chars().find(|c| !c.is_ascii_digit() && *c != '.').map(|c| (p, c))) {
        return Err(SubmissionProblem::NotADigit { character: doubted, part: (*part).to_owned() });
    }
    let weights: Vec<f64> = parts.into_iter().map(parse_weight).collect::<Option<_>>().ok_or(SubmissionProblem::WeightForm)?;
    let expected = coded_weights(formula).len();
    if weights.len() != expected {
        return Err(SubmissionProblem::Count { found: weights.len(), expected });
    }
    if weights.iter().all(|w| *w == 0.0) {
        return Err(SubmissionProblem::AllZero);
    }
    Ok(weights)
}

/// The digit a letter stands for where only a digit can stand (O → 0, I and L → 1); any other
/// character as it is.
fn digit_meant(c: char) -> char {
    match c {
        'O' => '0',
        'I' | 'L' => '1',
        c => c,
    }
}

/// The characters a letter or digit can be mistaken for when read aloud or from a screen.
fn look_alikes(c: char) -> &'static [char] {
    match c {
        '0' | 'O' => &['0', 'O'],
        '1' | 'I' | 'L' => &['1', 'I', 'L'],
        _ => &[],
    }
}

/// The mark and check as meant, when `tail` (as typed) fails its check but exactly one reading
/// of its look-alike characters (O for 0, I or L for 1, and back) passes the check and is
/// this formula's mark. Both symbols of the tail use every letter, so the letter cannot
/// simply be taken as the digit; two independent checks (the check symbol, and the mark
/// naming this formula's shape) make a wrong reading accepted about once in 50,000.
fn tail_meant(body: &str, tail: &str, mark: &str) -> Option<String> {
    let passes = |t: &str| t.starts_with(mark) && check_symbol(&format!("{body}-{}", &t[..2])).to_string() == t[2..];
    if passes(tail) {
        return None;
    }
    let mut readings = vec![String::new()];
    for c in tail.chars() {
        let choices: Vec<char> = if look_alikes(c).is_empty() { vec![c] } else { look_alikes(c).to_vec() };
        readings = readings.iter().flat_map(|r| choices.iter().map(move |c| format!("{r}{c}"))).collect();
    }
    let mut meant = readings.into_iter().filter(|t| passes(t));
    let first = meant.next()?;
    meant.next().is_none().then_some(first)
}

/// Splits pasted text into submissions. Lines, commas and semicolons always separate; spaces
/// separate only when every part they make stands on its own (a code with dashes, or a link),
/// so a code typed as read aloud (`W 40 5 20 20 20 7K`) stays whole.
pub fn split_submissions(text: &str) -> Vec<&str> {
    let stands_alone = |t: &str| {
        Scenario::fragment_in(t).is_some()
            || (normalise_code(t).starts_with("W-") && t.chars().any(|c| c != 'W' && c != 'w' && !c.is_alphanumeric()))
    };
    let mut out = Vec::new();
    for item in text.split(['\n', '\r', ',', ';']).map(str::trim).filter(|t| !t.is_empty()) {
        let words: Vec<&str> = item.split_whitespace().collect();
        if words.len() > 1 && words.iter().all(|w| stands_alone(w)) {
            out.extend(words);
        } else {
            out.push(item);
        }
    }
    out
}

/// One line that could not be used, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    pub text: String,
    pub reason: SubmissionProblem,
}

/// The spread of one indicator's weight over the submissions: nearest-rank quartiles, and the
/// median as the mean of the two middle weights for an even count.
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
    /// How many submissions were pasted, usable or not.
    pub pasted: usize,
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

/// The median of sorted values: the middle one, or the mean of the two middle ones for an even
/// count (10, 25, 40, 50 → 32.5), as a teacher reckons it.
fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n.is_multiple_of(2) { (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0 } else { sorted[n / 2] }
}

/// Ranks (1 = highest need) of schools, or of areas when there are no schools (0 = unranked).
fn ranks(evaluation: &Evaluation) -> Vec<u32> {
    if evaluation.schools.is_empty() {
        evaluation.areas.iter().map(|a| a.rank.unwrap_or(0)).collect()
    } else {
        evaluation.schools.iter().map(|s| s.rank).collect()
    }
}

impl WeightSpread {
    /// The spread of one weight over the submissions (`values`, in submission order; at least
    /// one).
    fn of(column: String, values: Vec<f64>) -> WeightSpread {
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        WeightSpread {
            column,
            min: sorted[0],
            lower_quartile: nearest_rank(&sorted, 0.25),
            median: median(&sorted),
            upper_quartile: nearest_rank(&sorted, 0.75),
            max: sorted[sorted.len() - 1],
            values,
        }
    }
}

/// How each school (or area) ranked under every submission, against its rank under the
/// median formula.
fn agreements(median_ranks: &[u32], per_submission: &[Vec<u32>]) -> Vec<Agreement> {
    let n = per_submission.len() as f64;
    (0..median_ranks.len())
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
        .collect()
}

impl RoundUp {
    /// Reads every submission in `text` (codes and links, see [`split_submissions`])
    /// and rounds them up on this data with `formula`'s other settings.
    ///
    /// # Errors
    /// No valid submission, or the engine refuses the median formula.
    pub fn new(text: &str, formula: &Formula, data: &Dataset, prepared: &Prepared, rank_by: RankBy) -> Result<RoundUp> {
        let mut submissions = Vec::new();
        let mut rejected = Vec::new();
        let items = split_submissions(text);
        for item in &items {
            match read_submission(item, formula) {
                Ok(w) => submissions.push(w),
                Err(reason) => rejected.push(Rejected { text: item.chars().take(60).collect(), reason }),
            }
        }
        if submissions.is_empty() {
            let problem =
                if rejected.is_empty() { SettingsProblem::NoCodes } else { SettingsProblem::NoCodeUsable { rejected: rejected.len() } };
            return Err(problem.into());
        }
        // One spread per weight a code carries: the indicators', then the groups', then the
        // student part's (the area's share, each family item).
        let student = formula
            .student
            .iter()
            .flat_map(|p| std::iter::once(AREA_SHARE_KEY.to_owned()).chain(p.family.iter().map(|f| f.column.clone())));
        let names = formula
            .indicators
            .iter()
            .map(|i| i.column.clone())
            .chain(formula.all_groups().into_iter().map(|(_, g)| g.name.clone()))
            .chain(student);
        let spreads: Vec<WeightSpread> =
            names.enumerate().map(|(k, column)| WeightSpread::of(column, submissions.iter().map(|s| s[k]).collect())).collect();
        let with_weights = |weights: &[f64]| with_coded_weights(formula, weights);
        let medians: Vec<f64> = spreads.iter().map(|s| s.median).collect();
        let mut median_formula = with_weights(&medians);
        if !median_formula.weight_shares().iter().any(|&s| s > 0.0) {
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
        let agreements = agreements(&median_ranks, &per_submission);
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
            pasted: items.len(),
        })
    }
}

#[cfg(test)]
mod tests;
