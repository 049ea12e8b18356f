//! The formula panel: preset, one compact row per indicator (slider, typed weight, share of
//! the total weight; direction and include switch behind a button), normalisation and tiers.

use yew::prelude::*;

use super::perf;

use super::controls::{NumberField, Select, checked, format_number, input_number};
use super::state::use_explorer;
use crate::app::i18n::{Lang, catalogue as m};
use crate::app::presets::{Preset, indicator_label};
use crate::app::state::Action;
use crate::engine::formula::{Direction, MAX_TIERS, Normalization, TierMethod};

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
    preset_options.push(("custom".into(), lang.t(m::CUSTOM_EDITED).into(), false));
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

    html! {
        <section class="panel" aria-labelledby="formula-heading" data-testid="formula-panel">
            <div class="formula-head">
                <h2 id="formula-heading">{ lang.t(m::FORMULA) }</h2>
                <Select id="preset" label={lang.t(m::START_FROM)} label_hidden=true testid="preset" options={preset_options} selected={preset_selected} onchange={on_preset} />
            </div>
            <fieldset class="indicators">
                <legend>{ lang.t(m::INDICATORS_AND_WEIGHTS) }</legend>
                { for formula.indicators.iter().enumerate().map(|(i, ind)| {
                    let label = indicator_label(ind.column.trim(), lang);
                    let share = (shares[i] * 100.0).round();
                    let weight = ind.weight;
                    let valuetext = lang.fill(m::SLIDER_VALUE, &[("label", &label), ("weight", &format_number(weight)), ("share", &share)]);
                    let on_slider = {
                        let d = dispatch.clone();
                        Callback::from(move |e: InputEvent| if let Some(v) = input_number(&e) { d.emit(Action::SetWeight(i, v)) })
                    };
                    let on_typed = dispatch.reform(move |v: f64| Action::SetWeight(i, v.clamp(0.0, 100.0)));
                    let on_include = dispatch.reform(move |e: Event| Action::SetEnabled(i, checked(&e)));
                    let on_direction = dispatch.reform(move |v: String| Action::SetDirection(i, if v == "disadvantage" { Direction::Disadvantage } else { Direction::Advantage }));
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
                            <label for={slider_id.clone()} class="indicator-name">{ label.clone() }</label>
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
                }) }
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
        </section>
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
