//! The formula panel: preset, one slider per indicator (with typed number, share of the total
//! weight, direction and include switch), normalisation and tiers.

use yew::prelude::*;

use super::controls::{NumberField, Select, checked, format_number, input_number};
use super::state::use_explorer;
use crate::app::presets::{Preset, indicator_label};
use crate::app::state::Action;
use crate::engine::formula::{Direction, MAX_TIERS, Normalization, TierMethod};

#[component]
pub fn FormulaPanel() -> Html {
    let (handle, dispatch) = use_explorer();
    let Ok(app) = &handle.app else { return html! {} };
    let formula = &app.current.formula;
    let shares = formula.weight_shares();
    let areas = app.data.dataset.areas.table();

    let mut preset_options: Vec<(String, String, bool)> =
        Preset::ALL.iter().map(|p| (p.id().to_string(), p.label().to_string(), p.formula_for(areas).is_some())).collect();
    preset_options.push(("custom".into(), "Custom (edited)".into(), false));
    let preset_selected = app.preset.map_or("custom", |p| p.id());
    let on_preset = dispatch.reform(|id: String| Action::ApplyPreset(Preset::from_id(&id).unwrap_or(Preset::FiveFactor)));

    let normalization_options: Vec<_> = Normalization::ALL.iter().map(|n| (norm_id(*n).to_string(), n.label().to_string(), true)).collect();
    let on_norm = dispatch.reform(|id: String| {
        Action::SetNormalization(Normalization::ALL.into_iter().find(|n| norm_id(*n) == id).unwrap_or(Normalization::WeightedPercentile))
    });
    let tier_options: Vec<_> = (1..=MAX_TIERS).map(|k| (k.to_string(), k.to_string(), true)).collect();
    let on_tiers = dispatch.reform(|v: String| Action::SetTierCount(v.parse().unwrap_or(3)));
    let methods = [
        (TierMethod::EqualPopulation, "equal_population", "Equal population in each tier"),
        (TierMethod::EqualCount, "equal_count", "Equal number of areas in each tier"),
        (TierMethod::ScoreCutoffs, "score_cutoffs", "Score cutoffs I choose"),
    ];
    let method_options: Vec<_> = methods.iter().map(|(_, id, label)| (id.to_string(), label.to_string(), true)).collect();
    let method_selected = methods.iter().find(|m| m.0 == formula.tiers.method).map_or("equal_population", |m| m.1);
    let on_method = dispatch
        .reform(move |id: String| Action::SetTierMethod(methods.iter().find(|m| m.1 == id).map_or(TierMethod::EqualPopulation, |m| m.0)));

    html! {
        <section class="panel" aria-labelledby="formula-heading" data-testid="formula-panel">
            <h2 id="formula-heading">{ "Formula" }</h2>
            <Select id="preset" label="Start from" testid="preset" options={preset_options} selected={preset_selected} onchange={on_preset} />
            <fieldset class="indicators">
                <legend>{ "Indicators and weights" }</legend>
                { for formula.indicators.iter().enumerate().map(|(i, ind)| {
                    let label = indicator_label(ind.column.trim());
                    let share = (shares[i] * 100.0).round();
                    let weight = ind.weight;
                    let valuetext = format!("{label} weight {}, share {share} percent", format_number(weight));
                    let on_slider = {
                        let d = dispatch.clone();
                        Callback::from(move |e: InputEvent| if let Some(v) = input_number(&e) { d.emit(Action::SetWeight(i, v)) })
                    };
                    let on_typed = dispatch.reform(move |v: f64| Action::SetWeight(i, v.clamp(0.0, 100.0)));
                    let on_include = dispatch.reform(move |e: Event| Action::SetEnabled(i, checked(&e)));
                    let on_direction = dispatch.reform(move |v: String| Action::SetDirection(i, if v == "disadvantage" { Direction::Disadvantage } else { Direction::Advantage }));
                    let slider_id = format!("weight-slider-{i}");
                    html! {
                        <div class={classes!("indicator", (!ind.enabled).then_some("off"))} data-testid={format!("indicator-{i}")}>
                            <div class="indicator-head">
                                <label for={slider_id.clone()} class="indicator-name">{ label.clone() }</label>
                                <span class="share" data-testid={format!("share-{i}")}>{ if ind.enabled { format!("{share}% of total") } else { "switched off".into() } }</span>
                            </div>
                            <input type="range" id={slider_id} min="0" max="100" step="1" value={format_number(weight)}
                                disabled={!ind.enabled}
                                data-testid={format!("weight-slider-{i}")} aria-valuetext={valuetext} oninput={on_slider} />
                            <div class="indicator-row">
                                <NumberField id={format!("weight-input-{i}")} label="Weight" testid={format!("weight-input-{i}")} value={weight} max={100.0} oninput={on_typed} />
                                <Select id={format!("direction-{i}")} label="More of it means" testid={format!("direction-{i}")}
                                    options={vec![("advantage".to_string(), "more advantaged".to_string(), true), ("disadvantage".to_string(), "less advantaged".to_string(), true)]}
                                    selected={if ind.direction == Direction::Advantage { "advantage" } else { "disadvantage" }} onchange={on_direction} />
                                <div class="field check">
                                    <input type="checkbox" id={format!("include-{i}")} data-testid={format!("include-{i}")} checked={ind.enabled} onchange={on_include} />
                                    <label for={format!("include-{i}")}>{ "Include" }</label>
                                </div>
                            </div>
                        </div>
                    }
                }) }
            </fieldset>
            <Select id="normalization" label="Normalisation" testid="normalization" options={normalization_options} selected={norm_id(formula.normalization)} onchange={on_norm} />
            <div class="two">
                <Select id="tier-count" label="Tiers" testid="tier-count" options={tier_options} selected={formula.tiers.count.to_string()} onchange={on_tiers} />
                <Select id="tier-method" label="Tier method" testid="tier-method" options={method_options} selected={method_selected} onchange={on_method} />
            </div>
            if formula.tiers.method == TierMethod::ScoreCutoffs {
                <fieldset class="cutoffs">
                    <legend>{ "Lowest score of each tier" }</legend>
                    { for formula.tiers.cutoffs.iter().enumerate().map(|(i, c)| html! {
                        <NumberField id={format!("cutoff-{i}")} label={format!("Tier {}", i + 2)} testid={format!("cutoff-{i}")} value={*c} min={-1000.0}
                            oninput={dispatch.reform(move |v: f64| Action::SetCutoff(i, v))} />
                    }) }
                </fieldset>
            }
        </section>
    }
}

fn norm_id(n: Normalization) -> &'static str {
    match n {
        Normalization::WeightedPercentile => "weighted_percentile",
        Normalization::Percentile => "percentile",
        Normalization::Zscore => "zscore",
        Normalization::Minmax => "minmax",
    }
}
