//! The formula panel: preset, one compact row per indicator (slider, typed weight, share of
//! the total weight; direction and include switch behind a button), normalisation and tiers.

use yew::prelude::*;

use super::perf;

use super::controls::{NumberField, Select, checked, format_number, input_number};
use super::state::use_explorer;
use crate::app::format::count;
use crate::app::i18n::{Lang, catalogue as m};
use crate::app::presets::family_label;
use crate::app::presets::{Preset, formula_title, group_label, indicator_label};
use crate::app::state::Action;
use crate::engine::formula::{
    Direction, Formula, Group, MAX_TIERS, MissingFamily, MissingPolicy, MissingValues, Normalization, StudentTierMethod, TierMethod,
};
use crate::engine::model::GapHandling;

#[component]
pub fn FormulaPanel() -> Html {
    perf::rendered("FormulaPanel");
    let (handle, dispatch) = use_explorer();
    let lang = handle.lang;
    // Which indicators have their direction and include switch open.
    let expanded = use_state(std::collections::BTreeSet::<usize>::new);
    let Ok(app) = &handle.app else { return html! {} };
    let formula = &app.current.formula;
    let shares = formula.weight_shares();
    let areas = app.data.dataset.areas.table();

    let mut preset_options: Vec<(String, String, bool)> =
        Preset::ALL.iter().map(|p| (p.id().to_string(), p.label(lang).to_string(), p.formula_for(areas).is_some())).collect();
    // A formula that is no preset is named as it is: by its own name (a saved scenario's, an
    // author's), as a preset edited, or as custom when it has no name.
    let custom = match formula.name.trim() {
        "" => lang.t(m::CUSTOM_EDITED).to_string(),
        name if Preset::ALL.iter().filter_map(|p| p.formula_for(areas)).any(|f| f.name.trim() == name) => {
            lang.fill(m::TITLE_EDITED, &[("title", &formula_title(name, lang))])
        }
        name => formula_title(name, lang),
    };
    preset_options.push(("custom".into(), custom, false));
    let preset_selected = app.preset.map_or("custom", |p| p.id());
    let on_preset = dispatch.reform(|id: String| Action::ApplyPreset(Preset::from_id(&id).unwrap_or(Preset::FiveFactor)));

    let normalization_options: Vec<_> =
        Normalization::ALL.iter().map(|n| (norm_id(*n).to_string(), lang.normalization(*n).to_string(), true)).collect();
    let on_norm = dispatch.reform(|id: String| {
        Action::SetNormalization(Normalization::ALL.into_iter().find(|n| norm_id(*n) == id).unwrap_or(Normalization::WeightedPercentile))
    });
    let tier_options: Vec<_> = (1..=MAX_TIERS).map(|k| (k.to_string(), k.to_string(), true)).collect();
    let on_tiers = dispatch.reform(|v: String| Action::SetTierCount(v.parse().unwrap_or(3)));
    let methods = [
        (TierMethod::EqualPopulation, "equal_population", m::EQUAL_POPULATION),
        (TierMethod::EqualCount, "equal_count", m::EQUAL_COUNT),
        (TierMethod::ScoreCutoffs, "score_cutoffs", m::SCORE_CUTOFFS),
    ];
    let method_options: Vec<_> = methods.iter().map(|(_, id, label)| (id.to_string(), lang.t(*label).to_string(), true)).collect();
    let method_selected = methods.iter().find(|m| m.0 == formula.tiers.method).map_or("equal_population", |m| m.1);
    let on_method = dispatch
        .reform(move |id: String| Action::SetTierMethod(methods.iter().find(|m| m.1 == id).map_or(TierMethod::EqualPopulation, |m| m.0)));

    let row = |i: usize, within: Option<f64>| indicator_row(formula, &shares, i, within, &expanded, &dispatch, lang);
    let group_head = |index: usize, group: &Group, share: f64| group_weight_row(index, group, share, &dispatch, lang);

    html! {
        <section class="panel" aria-labelledby="formula-heading" data-testid="formula-panel">
            <div class="formula-head">
                <h2 id="formula-heading">{ lang.t(m::FORMULA) }</h2>
                <Select id="preset" label={lang.t(m::START_FROM)} label_hidden=true testid="preset" options={preset_options} selected={preset_selected} onchange={on_preset} />
            </div>
            <fieldset class="indicators">
                <legend>{ lang.t(m::INDICATORS_AND_WEIGHTS) }</legend>
                if formula.is_grouped() {
                    { groups_html(formula, &formula.groups, &mut 0, &shares, &row, &group_head, lang) }
                } else {
                    { for (0..formula.indicators.len()).map(|i| row(i, None)) }
                }
            </fieldset>
            <Select id="normalization" label={lang.t(m::NORMALISATION)} testid="normalization" options={normalization_options} selected={norm_id(formula.normalization)} onchange={on_norm} />
            <div class="two">
                <Select id="tier-count" label={lang.t(m::TIERS)} testid="tier-count" options={tier_options} selected={formula.tiers.count.to_string()} onchange={on_tiers} />
                <Select id="tier-method" label={lang.t(m::TIER_METHOD)} testid="tier-method" options={method_options} selected={method_selected} onchange={on_method} />
            </div>
            if formula.tiers.method == TierMethod::ScoreCutoffs {
                <fieldset class="cutoffs">
                    <legend>{ lang.t(m::LOWEST_SCORE_OF_TIER) }</legend>
                    { for formula.tiers.cutoffs.iter().enumerate().map(|(i, c)| html! {
                        <NumberField id={format!("cutoff-{i}")} label={lang.fill(m::TIER_N, &[("n", &(i + 2))])} testid={format!("cutoff-{i}")} value={*c} min={-1000.0}
                            oninput={dispatch.reform(move |v: f64| Action::SetCutoff(i, v))} />
                    }) }
                </fieldset>
            }
            <MissingValuesField />
            <StudentPartField />
        </section>
    }
}

/// The student part of a formula: the area's share of a child's score, each family answer's
/// weight and direction, what happens to a family that answered nothing, and how children's
/// scores become tiers. Nothing without a student part.
#[component]
fn StudentPartField() -> Html {
    let (handle, dispatch) = use_explorer();
    let lang = handle.lang;
    let Ok(app) = &handle.app else { return html! {} };
    let Some(part) = &app.current.formula.student else { return html! {} };
    let area = (part.area_share * 100.0).round();
    let on_area = {
        let d = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = input_number(&e) {
                d.emit(Action::SetAreaShare((v / 100.0).clamp(0.0, 1.0)))
            }
        })
    };
    let area_text = lang.fill(m::AREA_SHARE_VALUE, &[("area", &area), ("family", &(100.0 - area))]);
    let total: f64 = part.family.iter().filter(|f| f.enabled).map(|f| f.weight).sum();
    let missing = [
        (MissingFamily::AreaOnly, "area_only", m::MISSING_FAMILY_AREA_ONLY),
        (MissingFamily::LeaveOut, "leave_out", m::MISSING_FAMILY_LEAVE_OUT),
    ];
    let missing_options: Vec<_> = missing.iter().map(|(_, id, label)| (id.to_string(), lang.t(*label).to_string(), true)).collect();
    let on_missing = dispatch
        .reform(move |id: String| Action::SetMissingFamily(missing.iter().find(|x| x.1 == id).map_or(MissingFamily::AreaOnly, |x| x.0)));
    let methods = [
        (StudentTierMethod::EqualStudents, "equal_students", m::STUDENT_TIERS_EQUAL),
        (StudentTierMethod::AreaCutoffs, "area_cutoffs", m::STUDENT_TIERS_AREA_CUTS),
    ];
    let method_options: Vec<_> = methods.iter().map(|(_, id, label)| (id.to_string(), lang.t(*label).to_string(), true)).collect();
    let on_method = dispatch.reform(move |id: String| {
        Action::SetStudentTierMethod(methods.iter().find(|x| x.1 == id).map_or(StudentTierMethod::EqualStudents, |x| x.0))
    });
    let left_out = app.current.prepared.students().map_or(0, |s| s.left_out().len());
    let scored = app.current.evaluation.students.as_ref().map_or(0, |s| s.scored());
    let status = lang.fill(m::STUDENTS_SCORED, &[("n", &count(scored)), ("left_out", &count(left_out))]);
    html! {
        <fieldset class="student-part" data-testid="student-part">
            <legend>{ lang.t(m::STUDENT_PART) }</legend>
            <div class="indicator">
                <label for="area-share-slider" class="indicator-name">{ lang.t(m::AREA_SHARE) }</label>
                <div class="indicator-controls">
                    <input type="range" id="area-share-slider" min="0" max="100" step="5" value={area.to_string()}
                        data-testid="area-share-slider" aria-valuetext={area_text.clone()} oninput={on_area} />
                    <span class="share" data-testid="area-share">{ area_text }</span>
                </div>
            </div>
            { for part.family.iter().enumerate().map(|(i, item)| {
                let label = family_label(&item.column, lang);
                let share = if item.enabled && total > 0.0 { (100.0 * item.weight / total).round() } else { 0.0 };
                let valuetext = lang.fill(m::SLIDER_VALUE, &[("label", &label), ("weight", &format_number(item.weight)), ("share", &share)]);
                let on_weight = {
                    let d = dispatch.clone();
                    Callback::from(move |e: InputEvent| {
                        if let Some(v) = input_number(&e) {
                            d.emit(Action::SetFamilyWeight(i, v))
                        }
                    })
                };
                let on_direction = dispatch.reform(move |v: String| Action::SetFamilyDirection(i, if v == "disadvantage" { Direction::Disadvantage } else { Direction::Advantage }));
                let on_include = dispatch.reform(move |e: Event| Action::SetFamilyEnabled(i, checked(&e)));
                html! {
                    <div class={classes!("indicator", "family-item", (!item.enabled).then_some("off"))} data-testid={format!("family-{i}")}>
                        <label for={format!("family-slider-{i}")} class="indicator-name">{ label.clone() }</label>
                        <div class="indicator-controls">
                            <input type="range" id={format!("family-slider-{i}")} min="0" max="100" step="1" value={format_number(item.weight)}
                                disabled={!item.enabled} data-testid={format!("family-slider-{i}")} aria-valuetext={valuetext} oninput={on_weight} />
                            <span class="share" data-testid={format!("family-share-{i}")}>{ if item.enabled { lang.fill(m::SHARE_OF_FAMILY, &[("share", &share)]) } else { lang.t(m::SWITCHED_OFF).into() } }</span>
                        </div>
                        <div class="family-options">
                            <Select id={format!("family-direction-{i}")} label={lang.t(m::MORE_OF_IT_MEANS)} testid={format!("family-direction-{i}")}
                                options={direction_options(lang)} selected={if item.direction == Direction::Advantage { "advantage" } else { "disadvantage" }} onchange={on_direction} />
                            <div class="field check">
                                <input type="checkbox" id={format!("family-include-{i}")} data-testid={format!("family-include-{i}")} checked={item.enabled} onchange={on_include} />
                                <label for={format!("family-include-{i}")}><span class="visually-hidden">{ lang.fill(m::GROUP_INCLUDE, &[("label", &label)]) }</span><span aria-hidden="true">{ lang.t(m::INCLUDE) }</span></label>
                            </div>
                        </div>
                    </div>
                }
            }) }
            <Select id="missing-family" label={lang.t(m::MISSING_FAMILY)} testid="missing-family" options={missing_options}
                selected={missing.iter().find(|x| x.0 == part.missing_family).map_or("area_only", |x| x.1)} onchange={on_missing} />
            <Select id="student-tier-method" label={lang.t(m::STUDENT_TIER_METHOD)} testid="student-tier-method" options={method_options}
                selected={methods.iter().find(|x| x.0 == part.tiers.method).map_or("equal_students", |x| x.1)} onchange={on_method} />
            <p class="hint" role="status" data-testid="students-status">{ status }</p>
        </fieldset>
    }
}

/// What happens to an area with a value missing, and how many areas that touches.
#[component]
fn MissingValuesField() -> Html {
    let (handle, dispatch) = use_explorer();
    let lang = handle.lang;
    let Ok(app) = &handle.app else { return html! {} };
    let formula = &app.current.formula;
    let missing = formula.missing;
    let policies = [
        (MissingPolicy::LeaveOut, "leave_out", m::MISSING_LEAVE_OUT),
        (MissingPolicy::Reweight, "reweight", m::MISSING_REWEIGHT),
        (MissingPolicy::AssignTier, "assign_tier", m::MISSING_ASSIGN_TIER),
    ];
    let options: Vec<_> = policies.iter().map(|(_, id, label)| (id.to_string(), lang.t(*label).to_string(), true)).collect();
    let selected = policies.iter().find(|p| p.0 == missing.policy).map_or("leave_out", |p| p.1);
    let count = formula.tiers.count;
    let on_policy = dispatch.reform(move |id: String| {
        let policy = policies.iter().find(|p| p.1 == id).map_or(MissingPolicy::LeaveOut, |p| p.0);
        let tier = (policy == MissingPolicy::AssignTier).then_some(missing.tier.unwrap_or(1).min(count));
        Action::SetMissing(MissingValues { policy, min_share: missing.min_share, tier })
    });
    let on_min_share =
        dispatch.reform(move |v: f64| Action::SetMissing(MissingValues { min_share: (v / 100.0).clamp(0.0, 1.0), ..missing }));
    let tier_options: Vec<_> = (1..=count).map(|t| (t.to_string(), lang.tier_name(t, count), true)).collect();
    let on_tier = dispatch.reform(move |v: String| Action::SetMissing(MissingValues { tier: Some(v.parse().unwrap_or(1)), ..missing }));
    let gaps = &app.current.evaluation.gaps;
    let excluded = app.current.prepared.exclusions().len();
    let count_of = |h: GapHandling| gaps.iter().filter(|g| g.handling == h).count();
    let status = match missing.policy {
        _ if gaps.is_empty() && excluded == 0 => lang.t(m::GAPS_NONE).to_string(),
        MissingPolicy::LeaveOut => lang.fill(m::GAPS_LEFT_OUT, &[("n", &excluded)]),
        MissingPolicy::Reweight => lang.fill(
            m::GAPS_REWEIGHTED,
            &[("reweighted", &count_of(GapHandling::Reweighted)), ("left_out", &(excluded + count_of(GapHandling::LeftOut)))],
        ),
        MissingPolicy::AssignTier => {
            lang.fill(m::GAPS_ASSIGNED, &[("n", &count_of(GapHandling::AssignedTier)), ("tier", &missing.tier.unwrap_or(1))])
        }
    };
    html! {
        <div class="missing-values" data-testid="missing-values">
            <Select id="missing-policy" label={lang.t(m::MISSING_VALUES)} testid="missing-policy" {options} {selected} onchange={on_policy} />
            if missing.policy == MissingPolicy::Reweight {
                <NumberField id="missing-min-share" label={lang.t(m::MISSING_MIN_SHARE)} testid="missing-min-share" value={(missing.min_share * 100.0).round()} max={100.0} oninput={on_min_share} />
            }
            if missing.policy == MissingPolicy::AssignTier {
                <Select id="missing-tier" label={lang.t(m::MISSING_FIXED_TIER)} testid="missing-tier" options={tier_options} selected={missing.tier.unwrap_or(1).to_string()} onchange={on_tier} />
            }
            <p class="hint" role="status" data-testid="gaps-status">{ status }</p>
        </div>
    }
}

/// "More of it means": more or less advantaged, for a direction select.
pub(super) fn direction_options(lang: Lang) -> Vec<(String, String, bool)> {
    vec![
        ("advantage".to_string(), lang.t(m::MORE_ADVANTAGED).to_string(), true),
        ("disadvantage".to_string(), lang.t(m::LESS_ADVANTAGED).to_string(), true),
    ]
}

fn norm_id(n: Normalization) -> &'static str {
    match n {
        Normalization::WeightedPercentile => "weighted_percentile",
        Normalization::Percentile => "percentile",
        Normalization::Zscore => "zscore",
        Normalization::Minmax => "minmax",
    }
}

/// The groups of a formula as sections that fold, each with its weight and then its
/// indicators or its own groups; groups are numbered depth first (as `Formula::all_groups`).
fn groups_html(
    formula: &Formula,
    groups: &[Group],
    next: &mut usize,
    shares: &[f64],
    row: &dyn Fn(usize, Option<f64>) -> Html,
    head: &dyn Fn(usize, &Group, f64) -> Html,
    lang: Lang,
) -> Html {
    groups
        .iter()
        .map(|g| {
            let index = *next;
            *next += 1;
            let share = formula.group_share(g, shares);
            let inner: Html = if g.groups.is_empty() {
                g.indicators.iter().map(|&i| row(i, (share > 0.0).then(|| shares[i] / share))).collect()
            } else {
                groups_html(formula, &g.groups, next, shares, row, head, lang)
            };
            html! {
                <details class="group" open=true data-testid={format!("group-{index}")}>
                    <summary data-testid={format!("group-summary-{index}")}>{ lang.fill(m::GROUP_OF_WEIGHTS, &[("label", &group_label(&g.name, lang)), ("share", &(share * 100.0).round())]) }</summary>
                    { head(index, g, share) }
                    { inner }
                </details>
            }
        })
        .collect()
}

/// One indicator's row; `within` is its share of its group's weight, in a formula of groups.
fn indicator_row(
    formula: &Formula,
    shares: &[f64],
    i: usize,
    within: Option<f64>,
    expanded: &UseStateHandle<std::collections::BTreeSet<usize>>,
    dispatch: &Callback<Action>,
    lang: Lang,
) -> Html {
    let ind = &formula.indicators[i];
    let label = indicator_label(&ind.column, lang);
    let share = (shares[i] * 100.0).round();
    let weight = ind.weight;
    let valuetext = lang.fill(m::SLIDER_VALUE, &[("label", &label), ("weight", &format_number(weight)), ("share", &share)]);
    let on_slider = {
        let d = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = input_number(&e) {
                d.emit(Action::SetWeight(i, v))
            }
        })
    };
    let on_typed = dispatch.reform(move |v: f64| Action::SetWeight(i, v.clamp(0.0, 100.0)));
    let on_include = dispatch.reform(move |e: Event| Action::SetEnabled(i, checked(&e)));
    let on_direction = dispatch
        .reform(move |v: String| Action::SetDirection(i, if v == "disadvantage" { Direction::Disadvantage } else { Direction::Advantage }));
    let slider_id = format!("weight-slider-{i}");
    let options_id = format!("options-{i}");
    let open = expanded.contains(&i);
    let on_more = {
        let expanded = expanded.clone();
        Callback::from(move |_| {
            let mut next = (*expanded).clone();
            if !next.remove(&i) {
                next.insert(i);
            }
            expanded.set(next);
        })
    };
    // One compact row: the name across it, then the slider, the typed weight, its
    // share of the total and a button for the rarely changed direction and include switch,
    // so every indicator of a formula fits on a laptop's first screen.
    html! {
        <div class={classes!("indicator", (!ind.enabled).then_some("off"))} data-testid={format!("indicator-{i}")}>
            <label for={slider_id.clone()} class="indicator-name">{ label.clone() }
                // In a formula of groups, its share of its group too (the share after the
                // slider is of the whole score).
                if let Some(w) = within.filter(|_| ind.enabled) {
                    <span class="within" data-testid={format!("within-{i}")}>{ lang.fill(m::WITHIN_GROUP, &[("within", &(w * 100.0).round())]) }</span>
                }
            </label>
            <div class="indicator-controls">
                <input type="range" id={slider_id} min="0" max="100" step="1" value={format_number(weight)}
                    disabled={!ind.enabled}
                    data-testid={format!("weight-slider-{i}")} aria-valuetext={valuetext} oninput={on_slider} />
                <NumberField id={format!("weight-input-{i}")} label={lang.fill(m::WEIGHT_OF, &[("label", &label)])} label_hidden=true
                    testid={format!("weight-input-{i}")} value={weight} max={100.0} oninput={on_typed} />
                <span class="share" data-testid={format!("share-{i}")}>{ if ind.enabled { lang.fill(m::SHARE_OF_TOTAL, &[("share", &share)]) } else { lang.t(m::SWITCHED_OFF).into() } }</span>
                <button type="button" class="indicator-more" aria-expanded={open.to_string()} aria-controls={options_id.clone()}
                    title={lang.fill(m::INDICATOR_OPTIONS, &[("label", &label)])} data-testid={format!("more-{i}")} onclick={on_more}>
                    <span aria-hidden="true">{ "⋯" }</span>
                    <span class="visually-hidden">{ lang.fill(m::INDICATOR_OPTIONS, &[("label", &label)]) }</span>
                </button>
            </div>
            <div class="indicator-options" id={options_id} hidden={!open}>
                <Select id={format!("direction-{i}")} label={lang.t(m::MORE_OF_IT_MEANS)} testid={format!("direction-{i}")}
                    options={direction_options(lang)}
                    selected={if ind.direction == Direction::Advantage { "advantage" } else { "disadvantage" }} onchange={on_direction} />
                <div class="field check">
                    <input type="checkbox" id={format!("include-{i}")} data-testid={format!("include-{i}")} checked={ind.enabled} onchange={on_include} />
                    <label for={format!("include-{i}")}>{ lang.t(m::INCLUDE) }</label>
                </div>
            </div>
        </div>
    }
}

/// A group's weight: its slider, typed weight and include switch.
fn group_weight_row(index: usize, group: &Group, share: f64, dispatch: &Callback<Action>, lang: Lang) -> Html {
    let label = group_label(&group.name, lang);
    let share = (share * 100.0).round();
    let valuetext = lang.fill(m::GROUP_SLIDER_VALUE, &[("label", &label), ("weight", &format_number(group.weight)), ("share", &share)]);
    let on_slider = {
        let d = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = input_number(&e) {
                d.emit(Action::SetGroupWeight(index, v))
            }
        })
    };
    let on_typed = dispatch.reform(move |v: f64| Action::SetGroupWeight(index, v.clamp(0.0, 100.0)));
    let on_include = dispatch.reform(move |e: Event| Action::SetGroupEnabled(index, checked(&e)));
    let slider_id = format!("group-slider-{index}");
    html! {
        <div class={classes!("indicator", "group-weight", (!group.enabled).then_some("off"))}>
            <label for={slider_id.clone()} class="visually-hidden">{ lang.fill(m::WEIGHT_OF, &[("label", &label)]) }</label>
            <div class="indicator-controls">
                <input type="range" id={slider_id} min="0" max="100" step="1" value={format_number(group.weight)} disabled={!group.enabled}
                    data-testid={format!("group-slider-{index}")} aria-valuetext={valuetext} oninput={on_slider} />
                <NumberField id={format!("group-input-{index}")} label={lang.fill(m::WEIGHT_OF, &[("label", &label)])} label_hidden=true
                    testid={format!("group-input-{index}")} value={group.weight} max={100.0} oninput={on_typed} />
                <span class="field check">
                    <input type="checkbox" id={format!("group-include-{index}")} data-testid={format!("group-include-{index}")} checked={group.enabled} onchange={on_include} />
                    <label for={format!("group-include-{index}")}><span class="visually-hidden">{ lang.fill(m::GROUP_INCLUDE, &[("label", &label)]) }</span><span aria-hidden="true">{ lang.t(m::INCLUDE) }</span></label>
                </span>
            </div>
        </div>
    }
}
