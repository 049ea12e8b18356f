//! The app's state and every change a person can make to it, as plain Rust (no web crates),
//! so the logic is tested natively and the Yew reducer is a thin wrapper.
//!
//! A change that the engine rejects (for example every weight at zero) leaves the formula,
//! data and results as they were and records the message in `error`.

use std::rc::Rc;

use crate::app::card::Provenance;
use crate::app::format::count;
use crate::app::i18n::{Lang, catalogue as m};
use crate::app::map::AreaMap;
use crate::app::presets::Preset;
use crate::app::published::PublishedTiers;
use crate::app::scenario::{Pinned, Scenario};
use crate::engine::allocation::{AllocationMethod, AllocationSettings};
use crate::engine::compare::{Comparison, compare, compare_areas};
use crate::engine::dataset::{Dataset, Schools};
use crate::engine::demo::{DEMO_SEED, DemoDistrict};
use crate::engine::error::{Purpose, SettingsProblem};
use crate::engine::explain::{KNIFE_EDGE_FRACTION, KnifeEdge, knife_edge};
use crate::engine::formula::{
    Direction, FORMULA_VERSION_GROUPS, FamilyItem, Formula, MissingFamily, MissingValues, Normalization, StudentPart, StudentTierMethod,
    TierMethod,
};
use crate::engine::geometry::Boundaries;
use crate::engine::model::{Evaluation, Prepared, RankBy};
use crate::engine::privacy::DEFAULT_THRESHOLD;
use crate::engine::stability::StabilitySettings;
use crate::engine::table::TextColumn;
use crate::engine::{EngineError, Result};

/// Loaded data and what to call it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedData {
    pub dataset: Dataset,
    /// Shown wherever the data appears ("Synthetic demo district").
    pub label: String,
    /// True for generated data; the app says "synthetic" next to it.
    pub synthetic: bool,
    /// The files it came from (or the demo's seed), for the formula card.
    pub provenance: Provenance,
    /// The areas' boundaries matched to this data, when there are any.
    pub map: Option<Rc<AreaMap>>,
    /// Tiers published with the data (a column of the areas file), to compare with.
    pub published: Option<Rc<PublishedTiers>>,
}

impl LoadedData {
    /// The synthetic demo district the app opens on, parsed from the same CSV text the CLI
    /// writes with `ses demo`.
    pub fn demo() -> Result<LoadedData> {
        let district = DemoDistrict::default_district();
        let demo = LoadedData::demo_of(&district)?;
        let boundaries = Boundaries::parse("areas.geojson", district.areas_geojson().as_bytes())?;
        let ids = demo.dataset.areas.table().id_column("area_id", Purpose::AreaId)?;
        let map = AreaMap::new(boundaries, Some("area_id"), &ids, demo.schools())?;
        Ok(LoadedData { map: Some(Rc::new(map)), ..demo })
    }

    /// The same data ready for `formula`: the demo opens with its students counted per area
    /// and school (a page's first screen has no use for 180,000 rows); a formula with a
    /// student part reads them one by one, so the demo's students file is made and read
    /// then, once. `None` when nothing is to be done.
    ///
    /// # Errors
    /// None for the generated demo; the reader's errors otherwise.
    pub fn ready_for(&self, formula: &Formula) -> Result<Option<LoadedData>> {
        let has_students = matches!(&self.dataset.schools, Some((_, e)) if e.students.is_some());
        match (&self.provenance, formula.student.is_some() && !has_students) {
            (Provenance::Demo { seed }, true) if *seed == DEMO_SEED => {
                let students = DemoDistrict::default_district().dataset_with_students()?;
                Ok(Some(LoadedData { dataset: Dataset { schools: students.schools, ..self.dataset.clone() }, ..self.clone() }))
            }
            _ => Ok(None),
        }
    }

    /// The demo district without its map: the page's first module, which has no map, opens
    /// on it (the boundaries and their drawing stay out of its download).
    pub fn demo_without_map() -> Result<LoadedData> {
        LoadedData::demo_of(&DemoDistrict::default_district())
    }

    fn demo_of(district: &DemoDistrict) -> Result<LoadedData> {
        Ok(LoadedData {
            dataset: district.dataset()?,
            label: "Synthetic demo district".into(),
            synthetic: true,
            provenance: Provenance::Demo { seed: DEMO_SEED },
            map: None,
            published: None,
        })
    }

    /// This data with `boundaries` matched to its areas by `id_property` (guessed when `None`).
    ///
    /// # Errors
    /// See [`AreaMap::new`].
    pub fn with_boundaries(&self, boundaries: Boundaries, id_property: Option<&str>, ids: &TextColumn) -> Result<LoadedData> {
        let map = AreaMap::new(boundaries, id_property, ids, self.schools())?;
        Ok(LoadedData { map: Some(Rc::new(map)), ..self.clone() })
    }

    /// The data's name for a title: the demo's in the reader's language, a file's as named.
    pub fn label_in(&self, lang: Lang) -> String {
        if self.synthetic { lang.t(m::DEMO_LABEL).to_owned() } else { self.label.clone() }
    }

    pub fn schools(&self) -> Option<&Schools> {
        self.dataset.schools.as_ref().map(|(s, _)| s)
    }
}

/// A formula and allocation with their results.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    pub formula: Formula,
    pub allocation: AllocationSettings,
    pub prepared: Rc<Prepared>,
    pub evaluation: Rc<Evaluation>,
    /// Areas and schools within 1% of the score range of a tier cut.
    pub knife_edge: Rc<KnifeEdge>,
}

impl Computed {
    /// Evaluates a formula, reusing `previous`'s preparation when only weights or tiers changed.
    pub fn compute(
        data: &LoadedData,
        formula: Formula,
        allocation: AllocationSettings,
        rank_by: RankBy,
        previous: Option<&Rc<Prepared>>,
    ) -> Result<Computed> {
        let prepared = Prepared::reusing(previous, &data.dataset, &formula)?;
        let with_schools = data.dataset.schools.is_some();
        let evaluation = prepared.evaluate(&data.dataset, &formula, rank_by, with_schools.then_some(&allocation))?;
        let knife_edge = Rc::new(knife_edge(&prepared, &evaluation, KNIFE_EDGE_FRACTION));
        Ok(Computed { formula, allocation, prepared, evaluation: Rc::new(evaluation), knife_edge })
    }

    /// A step's areas, with `shown`'s schools until [`Computed::with_schools`] (the knife edge
    /// is whole: which schools sit on it depends on the areas alone).
    fn compute_areas(data: &LoadedData, formula: Formula, allocation: AllocationSettings, shown: &Computed) -> Result<Computed> {
        let prepared = Prepared::reusing(Some(&shown.prepared), &data.dataset, &formula)?;
        let with_schools = data.dataset.schools.is_some();
        let mut evaluation = Evaluation::showing_schools_of(&shown.evaluation);
        prepared.evaluate_areas_into(&data.dataset, &formula, with_schools.then_some(&allocation), &mut evaluation)?;
        let knife_edge = Rc::new(knife_edge(&prepared, &evaluation, KNIFE_EDGE_FRACTION));
        Ok(Computed { formula, allocation, prepared, evaluation: Rc::new(evaluation), knife_edge })
    }

    /// The same step with its own schools.
    fn with_schools(&self, data: &LoadedData, rank_by: RankBy) -> Result<Computed> {
        let with_schools = data.dataset.schools.is_some();
        let schools = self.prepared.school_outcomes(&self.formula, rank_by, with_schools.then_some(&self.allocation), &self.evaluation)?;
        Ok(Computed { evaluation: Rc::new(self.evaluation.with_schools(schools)), ..self.clone() })
    }
}

/// When the schools follow a step of the formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchoolsFollow {
    /// In the same step as the areas: what a district's data costs little.
    EveryStep,
    /// A moment after the areas, once the person pauses ([`Action::CatchUpSchools`]): at
    /// state scale (100,000 schools, a million students) the schools' part of a step
    /// (profiles, ranking, money, the comparison) would take it past one frame, so a slider
    /// moves the areas frame by frame and the schools catch up when it rests.
    OnPause,
}

/// Links between areas and schools from which the schools follow on a pause: about where
/// their part of a step passes a few milliseconds in the browser (BENCHMARKS.md).
pub const SCHOOLS_ON_PAUSE_FROM_LINKS: usize = 200_000;

impl SchoolsFollow {
    /// How the schools of `data` follow a step.
    pub fn for_data(data: &LoadedData) -> SchoolsFollow {
        match &data.dataset.schools {
            Some((_, enrollment)) if enrollment.entries.len() >= SCHOOLS_ON_PAUSE_FROM_LINKS => SchoolsFollow::OnPause,
            _ => SchoolsFollow::EveryStep,
        }
    }
}

/// Everything the screen shows.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub data: Rc<LoadedData>,
    /// The preset the formula came from; `None` once the person edits it ("Custom").
    pub preset: Option<Preset>,
    pub rank_by: RankBy,
    pub current: Computed,
    pub baseline: Computed,
    pub comparison: Rc<Comparison>,
    /// Settings of the rank-stability analysis (part of a scenario).
    pub stability: StabilitySettings,
    /// Counts of students below this are hidden in exports and printouts when they come from
    /// student-level data (0: never hidden).
    pub suppress_below: u32,
    /// The last change that could not be applied, in words.
    pub error: Option<EngineError>,
    /// When the schools follow a step (set by the data's size).
    pub schools_follow: SchoolsFollow,
    /// The schools shown (and their comparison) are an earlier step's: the current step's
    /// come with [`Action::CatchUpSchools`].
    pub schools_behind: bool,
    /// How many students have another tier than under the baseline, when either formula has
    /// a student part (counted once per step, where the comparison is made).
    pub students_changing_tier: Option<usize>,
}

/// Every change a person can make.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    ApplyPreset(Preset),
    /// A whole formula for these data (a fit's, or a formula file's).
    SetFormula(Box<Formula>),
    SetWeight(usize, f64),
    SetDirection(usize, Direction),
    SetEnabled(usize, bool),
    /// A group's weight, the group numbered as [`Formula::all_groups`] lists them.
    SetGroupWeight(usize, f64),
    SetGroupEnabled(usize, bool),
    /// What happens to an area with a value missing.
    SetMissing(MissingValues),
    SetNormalization(Normalization),
    SetTierCount(u8),
    SetTierMethod(TierMethod),
    SetCutoff(usize, f64),
    /// The student part: the area's share of a student's score (0 to 1).
    SetAreaShare(f64),
    SetFamilyWeight(usize, f64),
    SetFamilyDirection(usize, Direction),
    SetFamilyEnabled(usize, bool),
    SetMissingFamily(MissingFamily),
    SetStudentTierMethod(StudentTierMethod),
    SetPool(f64),
    SetAllocationMethod(AllocationMethod),
    SetTierWeight(usize, f64),
    SetServeCutoff(f64),
    SetRankBy(RankBy),
    /// Pin the current formula and allocation as the baseline.
    SetBaseline,
    /// Go back to the baseline's formula and allocation.
    RevertToBaseline,
    /// New rank-stability settings (checked when the analysis runs).
    SetStability(StabilitySettings),
    /// Hide counts of students below this in exports and printouts (0: never).
    SetSuppression(u32),
    DismissError,
    /// Bring the schools up to the current step when they are behind (see
    /// [`SchoolsFollow::OnPause`]); nothing otherwise.
    CatchUpSchools,
}

/// The settings a person edits, before their result is computed.
struct Settings {
    formula: Formula,
    allocation: AllocationSettings,
    /// The preset the formula is, if it is one unedited.
    preset: Option<Preset>,
    rank_by: RankBy,
}

/// Applies an edit of the formula itself (weights, directions, groups, normalisation,
/// tiers, missing values).
fn edit_formula(formula: &mut Formula, action: Action) -> Result<()> {
    let indicator = |f: &mut Formula, i: usize| -> Result<()> {
        if i < f.indicators.len() { Ok(()) } else { Err(SettingsProblem::NoIndicator { number: i + 1 }.into()) }
    };
    match action {
        Action::SetWeight(i, w) => {
            indicator(formula, i)?;
            formula.indicators[i].weight = w;
        }
        Action::SetDirection(i, d) => {
            indicator(formula, i)?;
            formula.indicators[i].direction = d;
        }
        Action::SetEnabled(i, on) => {
            indicator(formula, i)?;
            formula.indicators[i].enabled = on;
        }
        Action::SetGroupWeight(g, w) => formula.group_mut(g).ok_or(SettingsProblem::NoGroup { number: g + 1 })?.weight = w,
        Action::SetGroupEnabled(g, on) => formula.group_mut(g).ok_or(SettingsProblem::NoGroup { number: g + 1 })?.enabled = on,
        Action::SetMissing(missing) => {
            formula.missing = missing;
            // A rule for missing values is a version 2 formula.
            formula.version = formula.version.max(FORMULA_VERSION_GROUPS);
        }
        Action::SetNormalization(n) => {
            formula.normalization = n;
            if formula.tiers.method == TierMethod::ScoreCutoffs {
                formula.tiers.cutoffs = even_cutoffs(formula.tiers.count, n);
            }
        }
        Action::SetTierCount(k) => {
            formula.tiers.count = k;
            // Students are tiered in as many tiers as areas.
            if let Some(student) = &mut formula.student {
                student.tiers.count = k;
            }
            if formula.tiers.method == TierMethod::ScoreCutoffs {
                formula.tiers.cutoffs = even_cutoffs(k, formula.normalization);
            }
        }
        Action::SetTierMethod(m) => {
            formula.tiers.method = m;
            formula.tiers.cutoffs =
                if m == TierMethod::ScoreCutoffs { even_cutoffs(formula.tiers.count, formula.normalization) } else { Vec::new() };
        }
        Action::SetCutoff(i, v) => *formula.tiers.cutoffs.get_mut(i).ok_or(SettingsProblem::NoCutoff { number: i + 1 })? = v,
        Action::SetAreaShare(share) => student_part(formula)?.area_share = share,
        Action::SetFamilyWeight(i, w) => family_item(formula, i)?.weight = w,
        Action::SetFamilyDirection(i, d) => family_item(formula, i)?.direction = d,
        Action::SetFamilyEnabled(i, on) => family_item(formula, i)?.enabled = on,
        Action::SetMissingFamily(rule) => student_part(formula)?.missing_family = rule,
        Action::SetStudentTierMethod(method) => student_part(formula)?.tiers.method = method,
        // Not edits of the formula: [`AppState::edited`] takes them.
        _ => {}
    }
    Ok(())
}

/// The formula's student part, to edit.
fn student_part(formula: &mut Formula) -> Result<&mut StudentPart> {
    formula.student.as_mut().ok_or_else(|| SettingsProblem::StudentPartNeedsStudents.into())
}

/// Family item `i` of the formula's student part, to edit.
fn family_item(formula: &mut Formula, i: usize) -> Result<&mut FamilyItem> {
    student_part(formula)?.family.get_mut(i).ok_or_else(|| SettingsProblem::NoIndicator { number: i + 1 }.into())
}

/// Evenly spaced cutoffs across the score range, for switching to explicit cutoffs.
fn even_cutoffs(count: u8, normalization: Normalization) -> Vec<f64> {
    let (low, high) = if normalization.is_zero_to_hundred() { (0.0, 100.0) } else { (-2.0, 2.0) };
    (1..count).map(|i| low + (high - low) * f64::from(i) / f64::from(count)).collect()
}

impl AppState {
    /// The state for freshly loaded data: `formula` (or the first preset that fits) becomes
    /// both the current formula and the baseline.
    pub fn new(data: LoadedData, formula: Option<Formula>) -> Result<AppState> {
        let table = data.dataset.areas.table();
        let (preset, formula) = match formula {
            Some(f) => (None, f),
            None => {
                Preset::ALL.into_iter().find_map(|p| p.formula_for(table).map(|f| (Some(p), f))).ok_or(SettingsProblem::NoPresetFits)?
            }
        };
        Ok(AppState { preset, ..AppState::prepared(data, formula, None)? })
    }

    /// The state for `data` under `formula`, reusing `prepared` when it was prepared for it
    /// (an import prepares the data in a step of its own).
    ///
    /// # Errors
    /// As [`AppState::new`].
    pub fn prepared(data: LoadedData, formula: Formula, prepared: Option<Rc<Prepared>>) -> Result<AppState> {
        let preset = None;
        let schools_follow = SchoolsFollow::for_data(&data);
        let data = Rc::new(data);
        let rank_by = RankBy::default();
        let allocation = AllocationSettings::default();
        let current = Computed::compute(&data, formula, allocation, rank_by, prepared.as_ref())?;
        // The comparison of the result with itself: nothing has moved yet.
        let comparison = Rc::new(compare(&current.evaluation, &current.evaluation)?);
        Ok(AppState {
            data,
            preset,
            rank_by,
            baseline: current.clone(),
            current,
            comparison,
            stability: StabilitySettings::default(),
            suppress_below: DEFAULT_THRESHOLD,
            error: None,
            schools_follow,
            schools_behind: false,
            students_changing_tier: None,
        }
        .counting_students())
    }

    /// Applies an action. Never fails: a rejected change keeps the old state and sets `error`.
    pub fn apply(&self, action: Action) -> AppState {
        match self.try_apply(action) {
            Ok(next) => next,
            Err(e) => AppState { error: Some(e), ..self.clone() },
        }
    }

    /// The same state with the current step's schools, if they were behind.
    ///
    /// # Errors
    /// As [`AppState::apply`] (none expected: the step's settings were checked with its areas).
    pub fn with_schools_caught_up(&self) -> Result<AppState> {
        if !self.schools_behind {
            return Ok(self.clone());
        }
        let current = self.current.with_schools(&self.data, self.rank_by)?;
        self.with_results(self.baseline.clone(), current, false)
    }

    fn try_apply(&self, action: Action) -> Result<AppState> {
        if self.schools_behind && matches!(action, Action::SetBaseline | Action::CatchUpSchools) {
            // The baseline pins the step whole, schools and all.
            let caught_up = self.with_schools_caught_up()?;
            return if action == Action::CatchUpSchools { Ok(caught_up) } else { caught_up.try_apply(action) };
        }
        match action {
            Action::SetBaseline => AppState { error: None, ..self.clone() }.with_results(self.current.clone(), self.current.clone(), false),
            Action::DismissError => Ok(AppState { error: None, ..self.clone() }),
            Action::CatchUpSchools => Ok(self.clone()),
            Action::SetStability(stability) => Ok(AppState { stability, ..self.clone() }),
            Action::SetSuppression(suppress_below) => Ok(AppState { suppress_below, ..self.clone() }),
            edit => self.recomputed(self.edited(edit)?),
        }
    }

    /// The formula, allocation, preset and ranking after an edit of the settings.
    fn edited(&self, action: Action) -> Result<Settings> {
        let mut next = Settings {
            formula: self.current.formula.clone(),
            allocation: self.current.allocation.clone(),
            preset: None,
            rank_by: self.rank_by,
        };
        let (formula, allocation) = (&mut next.formula, &mut next.allocation);
        match action {
            Action::SetFormula(f) => *formula = *f,
            Action::ApplyPreset(p) => {
                *formula = p
                    .formula_for(self.data.dataset.areas.table())
                    .ok_or_else(|| SettingsProblem::PresetNeedsColumns { preset: p.id().to_owned() })?;
                next.preset = Some(p);
            }
            Action::SetPool(p) => allocation.pool = p,
            Action::SetAllocationMethod(m) => allocation.method = m,
            Action::SetTierWeight(t, w) => {
                if allocation.tier_weights.len() != usize::from(formula.tiers.count) {
                    allocation.tier_weights = allocation.tier_weights_for(formula.tiers.count).unwrap_or_default();
                }
                *allocation.tier_weights.get_mut(t).ok_or(SettingsProblem::NoTier { number: t + 1 })? = w;
            }
            Action::SetServeCutoff(c) => allocation.cutoff_percent = c,
            Action::SetRankBy(r) => next.rank_by = r,
            Action::RevertToBaseline => {
                *formula = self.baseline.formula.clone();
                *allocation = self.baseline.allocation.clone();
            }
            formula_edit => edit_formula(formula, formula_edit)?,
        }
        // Tier weights are per tier: another count of tiers starts them afresh.
        if allocation.tier_weights.len() != usize::from(formula.tiers.count) {
            allocation.tier_weights.clear();
        }
        if self.preset.is_some() && next.formula == self.current.formula && next.preset.is_none() {
            next.preset = self.preset; // allocation-only changes keep the preset name
        }
        Ok(next)
    }

    /// The state with new settings: the current result recomputed (its schools later at
    /// state scale, for a step that keeps their ranking; a new ranking changes the
    /// baseline's too, all at once).
    fn recomputed(&self, next: Settings) -> Result<AppState> {
        if let Some(ready) = self.data.ready_for(&next.formula)? {
            // The data gains its students one by one; every result stays as it was.
            return AppState { data: Rc::new(ready), ..self.clone() }.recomputed(next);
        }
        let Settings { formula, allocation, preset, rank_by } = next;
        let schools_later = self.schools_follow == SchoolsFollow::OnPause && rank_by == self.rank_by && self.data.schools().is_some();
        let current = if schools_later {
            Computed::compute_areas(&self.data, formula, allocation, &self.current)?
        } else {
            Computed::compute(&self.data, formula, allocation, rank_by, Some(&self.current.prepared))?
        };
        let baseline = if rank_by == self.rank_by {
            self.baseline.clone()
        } else {
            let pinned = &self.baseline;
            Computed::compute(&self.data, pinned.formula.clone(), pinned.allocation.clone(), rank_by, Some(&pinned.prepared))?
        };
        AppState { preset, rank_by, error: None, ..self.clone() }.with_results(baseline, current, schools_later)
    }

    /// The state showing `current` against `baseline`: the one place the comparison between
    /// them is remade (new data compares its first result with itself, in [`AppState::prepared`]). With
    /// `schools_later`, `current`'s schools are an earlier step's, and so
    /// are the schools' figures of the comparison.
    fn with_results(&self, baseline: Computed, current: Computed, schools_later: bool) -> Result<AppState> {
        let comparison = Rc::new(if schools_later {
            compare_areas(&baseline.evaluation, &current.evaluation, &self.comparison)?
        } else {
            compare(&baseline.evaluation, &current.evaluation)?
        });
        Ok(AppState { current, baseline, comparison, schools_behind: schools_later, ..self.clone() }.counting_students())
    }

    /// The same state with its count of students changing tier made afresh.
    fn counting_students(self) -> AppState {
        let students_changing_tier = students_changing_tier(&self.data, &self.baseline, &self.current);
        AppState { students_changing_tier, ..self }
    }

    /// The same formulas on the same data, now with boundaries for the map (matched to the
    /// data's area ids by `id_property`, guessed when `None`).
    ///
    /// # Errors
    /// The boundaries do not match the data (see [`AreaMap::new`]).
    pub fn with_boundaries(&self, boundaries: Boundaries, id_property: Option<&str>) -> Result<AppState> {
        let data = self.data.with_boundaries(boundaries, id_property, self.current.prepared.ids())?;
        Ok(AppState { data: Rc::new(data), ..self.clone() })
    }

    /// The threshold below which counts are hidden in what leaves the screen (exports, the
    /// printable page), when the school counts come from student-level data.
    pub fn suppression(&self) -> Option<u32> {
        crate::engine::privacy::suppression(&self.data.dataset, self.suppress_below)
    }

    /// The current screen as a scenario (formulas and settings, never data).
    pub fn to_scenario(&self) -> Scenario {
        let baseline = Pinned { formula: self.baseline.formula.clone(), allocation: self.baseline.allocation.clone() };
        Scenario {
            stability: self.stability,
            ..Scenario::new(self.current.formula.clone(), self.current.allocation.clone(), self.rank_by, baseline)
        }
    }

    /// This data with a scenario's formulas and settings.
    ///
    /// # Errors
    /// The data lacks columns the scenario expects (listed in words), or the engine refuses the
    /// formula on this data.
    pub fn with_scenario(&self, scenario: &Scenario) -> Result<AppState> {
        let missing = scenario.missing_columns(self.data.dataset.areas.table());
        if !missing.is_empty() {
            return Err(SettingsProblem::ScenarioColumnsMissing { data: self.data.label.clone(), columns: missing }.into());
        }
        let with_student_part = if scenario.formula.student.is_some() { &scenario.formula } else { &scenario.baseline.formula };
        if let Some(ready) = self.data.ready_for(with_student_part)? {
            return AppState { data: Rc::new(ready), ..self.clone() }.with_scenario(scenario);
        }
        let rank_by = scenario.rank_by;
        let current = Computed::compute(&self.data, scenario.formula.clone(), scenario.allocation.clone(), rank_by, None)?;
        let baseline = Computed::compute(
            &self.data,
            scenario.baseline.formula.clone(),
            scenario.baseline.allocation.clone(),
            rank_by,
            Some(&current.prepared),
        )?;
        let table = self.data.dataset.areas.table();
        let preset = Preset::ALL.into_iter().find(|p| p.formula_for(table).as_ref() == Some(&current.formula));
        AppState { preset, rank_by, stability: scenario.stability, error: None, ..self.clone() }.with_results(baseline, current, false)
    }

    /// How many areas (and schools) sit on a knife edge between two tiers, in words.
    pub fn knife_edge_summary(&self, lang: Lang) -> String {
        let k = &self.current.knife_edge;
        let mut text = lang.plural(k.area_count(), m::EDGE_AREAS_ONE, m::EDGE_AREAS_OTHER, &[]);
        if !self.current.evaluation.schools.is_empty() {
            text.push_str(&lang.plural(k.school_count(), m::EDGE_SCHOOLS_ONE, m::EDGE_SCHOOLS_OTHER, &[]));
        }
        text
    }

    /// The `n` highest-need schools (or areas, without schools) under the current formula,
    /// with how far each moved against the baseline: what a phone keeps in view while the
    /// sliders scroll.
    pub fn top_of_ranking(&self, n: usize) -> Vec<TopEntry> {
        let eval = &self.current.evaluation;
        let mut top: Vec<TopEntry> = match self.data.schools() {
            Some(schools) => eval
                .schools
                .iter()
                .enumerate()
                .filter(|(_, s)| s.rank as usize <= n)
                .map(|(i, s)| TopEntry { rank: s.rank, name: schools.names[i].clone(), change: self.comparison.school_rank_change[i] })
                .collect(),
            None => {
                let ids = self.current.prepared.ids();
                eval.areas
                    .in_rank_order()
                    .iter()
                    .take(n)
                    .zip(1..)
                    .map(|(&a, rank)| {
                        let a = a as usize;
                        TopEntry { rank, name: ids[a].to_owned(), change: self.comparison.area_rank_change(a).unwrap_or(0) }
                    })
                    .collect()
            }
        };
        top.sort_by_key(|t| t.rank);
        top.truncate(n);
        top
    }

    /// One sentence on what changed against the baseline, e.g. "12 schools change rank by 5
    /// or more; $1.2M moves; 31 neighbourhoods change tier".
    pub fn summary(&self, lang: Lang) -> String {
        let c = &self.comparison;
        let areas = lang.plural(c.areas_changing_tier(), m::NEIGHBOURHOOD_CHANGES_TIER, m::NEIGHBOURHOODS_CHANGE_TIER, &[]);
        if self.current.evaluation.schools.is_empty() {
            let moving = c.areas_moving(5);
            let which = lang.t(if moving == 1 { m::AREA_CHANGES } else { m::AREAS_CHANGE });
            return lang.fill(m::SUMMARY_AREAS, &[("moving", &count(moving)), ("areas_moving", &which), ("areas", &areas)]);
        }
        let moving = c.schools_moving(5);
        let which = lang.t(if moving == 1 { m::SCHOOL_CHANGES } else { m::SCHOOLS_CHANGE });
        let money = lang.short_dollars(c.cents_moved());
        let mut text =
            lang.fill(m::SUMMARY_SCHOOLS, &[("moving", &count(moving)), ("schools", &which), ("money", &money), ("areas", &areas)]);
        if let Some(n) = self.students_changing_tier {
            text.push_str(&lang.plural(n, m::STUDENT_CHANGES_TIER, m::STUDENTS_CHANGE_TIER, &[]));
        }
        text
    }
}

/// How many students have another tier under `current` than under `baseline`, when either
/// has a student part (a student of a formula without one has their area's tier).
fn students_changing_tier(data: &LoadedData, baseline: &Computed, current: &Computed) -> Option<usize> {
    let rows = match &data.dataset.schools {
        Some((_, e)) => e.students.as_deref()?,
        None => return None,
    };
    let tiers = |c: &Computed| -> Vec<u8> {
        match &c.evaluation.students {
            Some(students) => students.tiers.clone(),
            None => {
                let areas = c.evaluation.areas.tiers();
                rows.area.iter().map(|&a| areas.get(a as usize).copied().unwrap_or(0)).collect()
            }
        }
    };
    if current.evaluation.students.is_none() && baseline.evaluation.students.is_none() {
        return None;
    }
    Some(tiers(current).iter().zip(&tiers(baseline)).filter(|(a, b)| a != b).count())
}

/// One line of the top of the ranking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopEntry {
    pub rank: u32,
    pub name: String,
    /// Places moved up (positive) or down against the baseline.
    pub change: i64,
}

#[cfg(test)]
mod tests;
