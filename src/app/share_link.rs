//! Share links short enough for a QR code a phone scans from the back of a room.
//!
//! A link's fragment (`#s2=…`, never sent to a server) carries a scenario in a small binary form,
//! base64url-encoded. Version 2 of the form:
//!
//! - a formula whose columns are those of a bundled formula (the demo's five factors, Chicago's
//!   six, either's income alone) names that **shape** by a number, and carries only what can
//!   change on screen: its name if edited, normalisation, tier rule, and for each indicator its
//!   direction, whether it is on, and its weight; any other formula carries its columns too;
//! - numbers are exact: hundredths as variable-length integers when a number has at most two
//!   decimals, the full 8-byte float otherwise;
//! - two bytes of checksum at the end catch a character changed on the way;
//! - an allocation or stability setting left at its default is one byte, and so is a baseline
//!   allocation equal to the current one.
//!
//! The demo's scenarios take about 60 characters, Chicago's about 70. Links made before this
//! form (`#scenario=` and percent-encoded JSON) are still read by [`Scenario::from_fragment`];
//! a link of a newer form says so in words and changes nothing.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::app::presets::CHICAGO_FORMULA_JSON;
use crate::app::scenario::{Pinned, Scenario};
use crate::engine::EngineError;
use crate::engine::allocation::{AllocationMethod, AllocationSettings};
use crate::engine::demo::demo_formula;
use crate::engine::formula::{Direction, FORMULA_VERSION_GROUPS, Formula, Indicator, Normalization, TierMethod, TierRule};
use crate::engine::model::RankBy;
use crate::engine::stability::StabilitySettings;

/// The fragment prefix of this form; `#s3=` and later are newer forms.
pub const COMPACT_PREFIX: &str = "#s2=";

/// The form this build writes.
pub const COMPACT_VERSION: u32 = 2;

/// Why a compact link cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkProblem {
    /// Cut short or changed on its way.
    Damaged,
    /// Made by a newer SES Explorer, in form `version`.
    TooNew { version: u32 },
}

/// The bundled formulas a link names by number. **Frozen:** a link made today must open the
/// same formula in every later version, so entries are only ever added at the end.
fn bundled_shapes() -> Vec<Formula> {
    let chicago = Formula::from_json("chicago-6-factor.json", CHICAGO_FORMULA_JSON.as_bytes()).expect("the bundled formula is valid");
    let income_only = |base: &Formula| Formula { name: "Income only".into(), indicators: vec![base.indicators[0].clone()], ..base.clone() };
    vec![demo_formula(), chicago.clone(), income_only(&demo_formula()), income_only(&chicago)]
}

/// Whether `formula` has the columns (id, population, indicators in order) of `shape`.
fn same_columns(formula: &Formula, shape: &Formula) -> bool {
    formula.id_column == shape.id_column
        && formula.population_column == shape.population_column
        && formula.indicators.len() == shape.indicators.len()
        && formula.indicators.iter().zip(&shape.indicators).all(|(a, b)| a.column == b.column)
}

/// The compact fragment for a scenario (`#s2=…`); [`Scenario::to_fragment`] chooses the form.
pub fn encode_compact(scenario: &Scenario) -> String {
    let shapes = bundled_shapes();
    let mut w = Writer::default();
    w.formula(&scenario.formula, &shapes, None);
    w.formula(&scenario.baseline.formula, &shapes, Some(&scenario.formula.name));
    w.allocation(&scenario.allocation);
    if scenario.baseline.allocation == scenario.allocation {
        w.byte(1);
    } else {
        w.byte(0);
        w.allocation(&scenario.baseline.allocation);
    }
    w.byte(match scenario.rank_by {
        RankBy::Tier1Share => 0,
        RankBy::MeanScore => 1,
    });
    if scenario.stability == StabilitySettings::default() {
        w.byte(1);
    } else {
        w.byte(0);
        w.varint(u64::from(scenario.stability.draws));
        w.number(scenario.stability.spread);
        w.varint(scenario.stability.seed);
    }
    let sum = fletcher16(&w.bytes);
    w.bytes.extend_from_slice(&sum.to_le_bytes());
    format!("{COMPACT_PREFIX}{}", URL_SAFE_NO_PAD.encode(&w.bytes))
}

/// Reads a compact fragment. `Ok(None)` when `fragment` is not of this family (`#sN=`);
/// [`Scenario::from_fragment`] reads either form.
///
/// # Errors
/// A damaged link, or one of a newer form.
pub fn decode_compact(fragment: &str) -> Result<Option<Scenario>, LinkProblem> {
    let Some(rest) = fragment.strip_prefix("#s") else { return Ok(None) };
    let Some((version, payload)) = rest.split_once('=') else { return Ok(None) };
    let Ok(version) = version.parse::<u32>() else { return Ok(None) };
    if version > COMPACT_VERSION {
        return Err(LinkProblem::TooNew { version });
    }
    if version != COMPACT_VERSION {
        return Err(LinkProblem::Damaged);
    }
    let mut bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).map_err(|_| LinkProblem::Damaged)?;
    // The last two bytes are a checksum of the rest: a changed character is caught, never read
    // as another weight.
    let sum_at = bytes.len().checked_sub(2).ok_or(LinkProblem::Damaged)?;
    if bytes[sum_at..] != fletcher16(&bytes[..sum_at]).to_le_bytes() {
        return Err(LinkProblem::Damaged);
    }
    bytes.truncate(sum_at);
    let shapes = bundled_shapes();
    let mut r = Reader { bytes: &bytes, at: 0 };
    let formula = r.formula(&shapes, None)?;
    let baseline_formula = r.formula(&shapes, Some(&formula.name))?;
    let allocation = r.allocation()?;
    let baseline_allocation = if r.byte()? == 1 { allocation.clone() } else { r.allocation()? };
    let rank_by = match r.byte()? {
        0 => RankBy::Tier1Share,
        1 => RankBy::MeanScore,
        _ => return Err(LinkProblem::Damaged),
    };
    let stability = if r.byte()? == 1 {
        StabilitySettings::default()
    } else {
        let draws = u32::try_from(r.varint()?).map_err(|_| LinkProblem::Damaged)?;
        StabilitySettings { draws, spread: r.number()?, seed: r.varint()? }
    };
    if r.at != bytes.len() {
        return Err(LinkProblem::Damaged);
    }
    let mut scenario = Scenario::new(formula, allocation, rank_by, Pinned { formula: baseline_formula, allocation: baseline_allocation });
    scenario.stability = stability;
    Ok(Some(scenario))
}

/// The fragment prefix of the first share links: `#scenario=` and percent-encoded JSON.
pub const SHARE_PREFIX: &str = "#scenario=";

/// A scenario's share links, in both forms: what a link carries lives here, with the codec.
impl Scenario {
    /// The URL fragment of a share link, in the compact form a QR code holds (`#s2=…`). A
    /// scenario whose formulas use version 2 (groups, a rule for missing values), which the
    /// compact form does not hold, goes as JSON (`#scenario=…`): longer, but whole.
    pub fn to_fragment(&self) -> String {
        let compact = |f: &Formula| f.version < FORMULA_VERSION_GROUPS && !f.is_grouped() && f.student.is_none();
        if compact(&self.formula) && compact(&self.baseline.formula) { encode_compact(self) } else { self.to_json_fragment() }
    }

    /// The fragment of the first share links (`#scenario=` and percent-encoded JSON), which
    /// links made since still open; the form of a scenario with a version 2 formula.
    pub fn to_json_fragment(&self) -> String {
        let compact = serde_json::to_string(self).expect("a scenario always serialises");
        format!("{SHARE_PREFIX}{}", percent_encode(&compact))
    }

    /// Where a share link's scenario starts in pasted text (a whole link, or its fragment), in
    /// either form: the fragment from its `#`.
    pub fn fragment_in(text: &str) -> Option<&str> {
        text.match_indices('#').map(|(at, _)| &text[at..]).find(|f| {
            f.starts_with(SHARE_PREFIX)
                || f[1..]
                    .strip_prefix('s')
                    .is_some_and(|v| v.split_once('=').is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())))
        })
    }

    /// Reads a share link's fragment, in either form. `Ok(None)` when the fragment holds no
    /// scenario.
    ///
    /// # Errors
    /// A scenario fragment that does not decode or validate, or one of a newer form.
    pub fn from_fragment(fragment: &str) -> crate::engine::Result<Option<Scenario>> {
        let source = crate::app::scenario::SHARE_LINK_SOURCE;
        if let Some(encoded) = fragment.strip_prefix(SHARE_PREFIX) {
            let json = percent_decode(encoded).ok_or(EngineError::LinkDamaged)?;
            return Scenario::from_json(source, json.as_bytes()).map(Some);
        }
        match decode_compact(fragment) {
            Ok(Some(scenario)) => scenario.checked(source).map(Some),
            Ok(None) => Ok(None),
            Err(LinkProblem::Damaged) => Err(EngineError::LinkDamaged),
            Err(LinkProblem::TooNew { version }) => Err(EngineError::LinkTooNew { version }),
        }
    }
}

/// Percent-encodes everything but the unreserved characters, so the JSON survives any URL
/// handling intact.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Reverses [`percent_encode`]; `None` for a malformed escape or invalid UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Fletcher's 16-bit checksum: catches any one changed byte and most other damage.
fn fletcher16(bytes: &[u8]) -> u16 {
    let (mut a, mut b) = (0u16, 0u16);
    for &x in bytes {
        a = (a + u16::from(x)) % 255;
        b = (b + a) % 255;
    }
    (b << 8) | a
}

const NORMALIZATIONS: [Normalization; 4] =
    [Normalization::WeightedPercentile, Normalization::Percentile, Normalization::Zscore, Normalization::Minmax];
const TIER_METHODS: [TierMethod; 3] = [TierMethod::EqualPopulation, TierMethod::EqualCount, TierMethod::ScoreCutoffs];
const ALLOCATION_METHODS: [AllocationMethod; 3] =
    [AllocationMethod::WeightedPerPupil, AllocationMethod::ProportionalToNeed, AllocationMethod::RankAndServe];

// Each setting's code in a link is its place in the lists above; these say it for every
// variant (a new one does not compile until it has a code, and the tests check the lists).

fn normalization_code(n: Normalization) -> u8 {
    match n {
        Normalization::WeightedPercentile => 0,
        Normalization::Percentile => 1,
        Normalization::Zscore => 2,
        Normalization::Minmax => 3,
    }
}

fn tier_method_code(m: TierMethod) -> u8 {
    match m {
        TierMethod::EqualPopulation => 0,
        TierMethod::EqualCount => 1,
        TierMethod::ScoreCutoffs => 2,
    }
}

fn allocation_method_code(m: AllocationMethod) -> u8 {
    match m {
        AllocationMethod::WeightedPerPupil => 0,
        AllocationMethod::ProportionalToNeed => 1,
        AllocationMethod::RankAndServe => 2,
    }
}

#[derive(Default)]
struct Writer {
    bytes: Vec<u8>,
}

impl Writer {
    fn byte(&mut self, b: u8) {
        self.bytes.push(b);
    }

    /// LEB128: seven bits a byte, small numbers in one.
    fn varint(&mut self, mut n: u64) {
        loop {
            let low = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                return self.bytes.push(low);
            }
            self.bytes.push(low | 0x80);
        }
    }

    /// A whole number as `zigzag(n) << 2`, a number of hundredths as `zigzag(h) << 2 | 2`
    /// (both exact), anything else as 1 and the 8-byte float.
    fn number(&mut self, x: f64) {
        self.number_with_flags(x, 0, 0);
    }

    /// [`Writer::number`] with `bits` flag bits in the same variable-length integer (an
    /// indicator's direction and switch ride with its weight).
    fn number_with_flags(&mut self, x: f64, flags: u64, bits: u32) {
        let zigzag = |n: i64| ((n << 1) ^ (n >> 63)) as u64;
        let hundredths = (x * 100.0).round();
        let (tag, raw) = if x.fract() == 0.0 && x.abs() < 1e15 {
            (zigzag(x as i64) << 2, false)
        } else if hundredths.abs() < 1e15 && hundredths / 100.0 == x {
            (zigzag(hundredths as i64) << 2 | 2, false)
        } else {
            (1, true)
        };
        self.varint(tag << bits | flags);
        if raw {
            self.bytes.extend_from_slice(&x.to_le_bytes());
        }
    }

    /// Score cutoffs: when every one is a number of hundredths (as typed), the first and then
    /// each one's step from the one before, which is small; otherwise each number.
    fn cutoffs(&mut self, cutoffs: &[f64]) {
        let zigzag = |n: i64| ((n << 1) ^ (n >> 63)) as u64;
        let hundredths: Option<Vec<i64>> = cutoffs
            .iter()
            .map(|c| {
                let h = (c * 100.0).round();
                (h.abs() < 1e15 && h / 100.0 == *c).then_some(h as i64)
            })
            .collect();
        match hundredths {
            Some(h) => {
                self.varint((cutoffs.len() as u64) << 1 | 1);
                let mut last = 0;
                for v in h {
                    self.varint(zigzag(v - last));
                    last = v;
                }
            }
            None => {
                self.varint((cutoffs.len() as u64) << 1);
                for c in cutoffs {
                    self.number(*c);
                }
            }
        }
    }

    fn text(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.bytes.extend_from_slice(s.as_bytes());
    }

    /// The name: 0 for the bundled shape's own, 1 and the text, or 2 for the same as the
    /// formula before (the baseline usually has the current formula's name).
    fn name(&mut self, name: &str, shape: Option<&Formula>, previous: Option<&str>) {
        if shape.is_some_and(|s| s.name == name) {
            self.varint(0);
        } else if previous == Some(name) {
            self.varint(2);
        } else {
            self.varint(1);
            self.text(name);
        }
    }

    fn formula(&mut self, f: &Formula, shapes: &[Formula], previous_name: Option<&str>) {
        let shape = shapes.iter().position(|s| same_columns(f, s));
        self.varint(shape.map_or(0, |k| k as u64 + 1));
        self.name(&f.name, shape.map(|k| &shapes[k]), previous_name);
        match shape {
            Some(_) => {}
            None => {
                self.text(&f.id_column);
                match &f.population_column {
                    Some(p) => {
                        self.byte(1);
                        self.text(p);
                    }
                    None => self.byte(0),
                }
                self.varint(f.indicators.len() as u64);
                for i in &f.indicators {
                    self.text(&i.column);
                }
            }
        }
        self.byte(normalization_code(f.normalization));
        self.byte(f.tiers.count);
        self.byte(tier_method_code(f.tiers.method));
        self.cutoffs(&f.tiers.cutoffs);
        for i in &f.indicators {
            let flags = u64::from(i.direction == Direction::Disadvantage) | (u64::from(!i.enabled) << 1);
            self.number_with_flags(i.weight, flags, 2);
        }
    }

    fn allocation(&mut self, a: &AllocationSettings) {
        if *a == AllocationSettings::default() {
            return self.byte(0);
        }
        self.byte(1 + allocation_method_code(a.method));
        self.number(a.pool);
        self.number(a.cutoff_percent);
        self.varint(a.tier_weights.len() as u64);
        for w in &a.tier_weights {
            self.number(*w);
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, LinkProblem> {
        let b = *self.bytes.get(self.at).ok_or(LinkProblem::Damaged)?;
        self.at += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, LinkProblem> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(LinkProblem::Damaged)
    }

    fn number(&mut self) -> Result<f64, LinkProblem> {
        self.number_with_flags(0).map(|(x, _)| x)
    }

    /// A number and the `bits` flag bits written with it.
    fn number_with_flags(&mut self, bits: u32) -> Result<(f64, u64), LinkProblem> {
        let combined = self.varint()?;
        let (tag, flags) = (combined >> bits, combined & ((1 << bits) - 1));
        self.number_from_tag(tag).map(|x| (x, flags))
    }

    fn number_from_tag(&mut self, tag: u64) -> Result<f64, LinkProblem> {
        if tag == 1 {
            let raw = self.bytes.get(self.at..self.at + 8).ok_or(LinkProblem::Damaged)?;
            self.at += 8;
            let x = f64::from_le_bytes(raw.try_into().map_err(|_| LinkProblem::Damaged)?);
            return if x.is_finite() { Ok(x) } else { Err(LinkProblem::Damaged) };
        }
        let zigzag = tag >> 2;
        let n = ((zigzag >> 1) as i64) ^ -((zigzag & 1) as i64);
        match tag & 3 {
            0 => Ok(n as f64),
            2 => Ok(n as f64 / 100.0),
            _ => Err(LinkProblem::Damaged),
        }
    }

    /// The cutoffs as [`Writer::cutoffs`] wrote them.
    fn cutoffs(&mut self) -> Result<Vec<f64>, LinkProblem> {
        let head = self.count(2 * 255 + 1)?;
        let (n, in_steps) = (head >> 1, head & 1 == 1);
        if !in_steps {
            return (0..n).map(|_| self.number()).collect();
        }
        let mut last = 0i64;
        (0..n)
            .map(|_| {
                let zigzag = self.varint()?;
                let step = ((zigzag >> 1) as i64) ^ -((zigzag & 1) as i64);
                last = last.checked_add(step).ok_or(LinkProblem::Damaged)?;
                Ok(last as f64 / 100.0)
            })
            .collect()
    }

    fn count(&mut self, at_most: u64) -> Result<usize, LinkProblem> {
        let n = self.varint()?;
        if n > at_most {
            return Err(LinkProblem::Damaged);
        }
        Ok(n as usize)
    }

    fn text(&mut self) -> Result<String, LinkProblem> {
        let n = self.count(self.bytes.len() as u64)?;
        let raw = self.bytes.get(self.at..self.at + n).ok_or(LinkProblem::Damaged)?;
        self.at += n;
        String::from_utf8(raw.to_vec()).map_err(|_| LinkProblem::Damaged)
    }

    fn pick<T: Copy>(&mut self, all: &[T]) -> Result<T, LinkProblem> {
        all.get(usize::from(self.byte()?)).copied().ok_or(LinkProblem::Damaged)
    }

    fn formula(&mut self, shapes: &[Formula], previous_name: Option<&str>) -> Result<Formula, LinkProblem> {
        let shape = match self.varint()? {
            0 => None,
            k => Some(shapes.get(usize::try_from(k - 1).map_err(|_| LinkProblem::Damaged)?).ok_or(LinkProblem::Damaged)?),
        };
        let name = match (self.varint()?, shape, previous_name) {
            (0, Some(shape), _) => shape.name.clone(),
            (1, _, _) => self.text()?,
            (2, _, Some(previous)) => previous.to_owned(),
            _ => return Err(LinkProblem::Damaged),
        };
        let mut f = match shape {
            None => {
                let id_column = self.text()?;
                let population_column = match self.byte()? {
                    0 => None,
                    1 => Some(self.text()?),
                    _ => return Err(LinkProblem::Damaged),
                };
                let n = self.count(10_000)?;
                let indicators = (0..n)
                    .map(|_| Ok(Indicator { column: self.text()?, direction: Direction::Advantage, weight: 0.0, enabled: true }))
                    .collect::<Result<Vec<_>, LinkProblem>>()?;
                let tiers = TierRule { count: 1, method: TierMethod::EqualPopulation, cutoffs: Vec::new() };
                Formula {
                    version: 1,
                    name,
                    id_column,
                    population_column,
                    normalization: Normalization::WeightedPercentile,
                    indicators,
                    missing: Default::default(),
                    groups: Vec::new(),
                    tiers,
                    student: None,
                }
            }
            Some(shape) => Formula { name, ..shape.clone() },
        };
        f.normalization = self.pick(&NORMALIZATIONS)?;
        f.tiers.count = self.byte()?;
        f.tiers.method = self.pick(&TIER_METHODS)?;
        f.tiers.cutoffs = self.cutoffs()?;
        for i in &mut f.indicators {
            let (weight, flags) = self.number_with_flags(2)?;
            i.direction = if flags & 1 == 1 { Direction::Disadvantage } else { Direction::Advantage };
            i.enabled = flags & 2 == 0;
            i.weight = weight;
        }
        Ok(f)
    }

    fn allocation(&mut self) -> Result<AllocationSettings, LinkProblem> {
        let tag = self.byte()?;
        if tag == 0 {
            return Ok(AllocationSettings::default());
        }
        let method = *ALLOCATION_METHODS.get(usize::from(tag - 1)).ok_or(LinkProblem::Damaged)?;
        let pool = self.number()?;
        let cutoff_percent = self.number()?;
        let n = self.count(255)?;
        let tier_weights = (0..n).map(|_| self.number()).collect::<Result<_, _>>()?;
        Ok(AllocationSettings { pool, method, tier_weights, cutoff_percent })
    }
}

#[cfg(test)]
mod tests;
