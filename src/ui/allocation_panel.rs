//! The allocation panel: pool, method and its parameters, totals, and the biggest gainers and
//! losers against the baseline.

use yew::prelude::*;

use super::perf;

use super::controls::{NumberField, Select};
use super::state::use_explorer;
use crate::app::format::full_dollars;
use crate::app::i18n::{Msg, catalogue as m};
use crate::app::state::Action;
use crate::engine::allocation::AllocationMethod;

fn method_id(m: AllocationMethod) -> &'static str {
    match m {
        AllocationMethod::WeightedPerPupil => "weighted_per_pupil",
        AllocationMethod::ProportionalToNeed => "proportional_to_need",
        AllocationMethod::RankAndServe => "rank_and_serve",
    }
}

#[component]
pub fn AllocationPanel() -> Html {
    perf::rendered("AllocationPanel");
    let (handle, dispatch) = use_explorer();
    let lang = handle.lang;
    let Ok(app) = &handle.app else { return html! {} };
    let Some(schools) = app.data.schools() else {
        return html! {
            <section class="panel" aria-labelledby="allocation-heading">
                <h2 id="allocation-heading">{ lang.t(m::ALLOCATION) }</h2>
                <p>{ lang.t(m::LOAD_SCHOOLS_TO_ALLOCATE) }</p>
            </section>
        };
    };
    let settings = &app.current.allocation;
    let eval = &app.current.evaluation;
    let k = eval.tier_count;
    let options: Vec<_> = AllocationMethod::ALL
        .iter()
        .map(|method| (method_id(*method).to_string(), lang.allocation_method(*method).to_string(), true))
        .collect();
    let on_method = dispatch.reform(|id: String| {
        Action::SetAllocationMethod(
            AllocationMethod::ALL.into_iter().find(|m| method_id(*m) == id).unwrap_or(AllocationMethod::WeightedPerPupil),
        )
    });
    let tier_weights = settings.tier_weights_for(k).unwrap_or_default();
    let allocated = eval.allocated_cents();
    let pool = eval.pool_cents.unwrap_or(0);
    let served = eval.schools.iter().filter(|s| s.served && s.allocation_cents.unwrap_or(0) > 0).count();
    let (gains, losses) = app.comparison.biggest_changes(5);
    let change_list = |list: Vec<usize>, testid: &'static str, title: Msg| {
        html! {
            <div class="movers">
                <h3>{ lang.t(title) }</h3>
                if list.is_empty() {
                    <p class="muted" data-testid={testid}>{ lang.t(m::NONE_YET) }</p>
                } else {
                    <ol data-testid={testid}>
                        { for list.into_iter().map(|i| {
                            let c = app.comparison.school_allocation_change_cents[i].unwrap_or(0);
                            html! { <li><span translate="no">{ schools.names[i].clone() }</span>{ format!(": {}{}", if c > 0 { "+" } else { "" }, full_dollars(c)) }</li> }
                        }) }
                    </ol>
                }
            </div>
        }
    };
    html! {
        <section class="panel" aria-labelledby="allocation-heading" data-testid="allocation-panel">
            <h2 id="allocation-heading">{ lang.t(m::ALLOCATION) }</h2>
            <NumberField id="pool" label={lang.t(m::POOL)} testid="pool" value={settings.pool} step="1000"
                oninput={dispatch.reform(Action::SetPool)} />
            <Select id="allocation-method" label={lang.t(m::METHOD)} testid="allocation-method" options={options}
                selected={method_id(settings.method)} onchange={on_method} />
            { match settings.method {
                AllocationMethod::WeightedPerPupil => html! {
                    <fieldset class="tier-weights">
                        <legend>{ lang.t(m::STUDENT_WEIGHT_BY_TIER) }</legend>
                        { for tier_weights.iter().enumerate().map(|(t, w)| html! {
                            <NumberField id={format!("tier-weight-{t}")} label={lang.tier_name(t as u8 + 1, k)} testid={format!("tier-weight-{t}")}
                                value={*w} step="0.05" oninput={dispatch.reform(move |v: f64| Action::SetTierWeight(t, v))} />
                        }) }
                    </fieldset>
                },
                AllocationMethod::ProportionalToNeed => html! {
                    <p class="hint">{ lang.t(m::NEED_IS) }</p>
                },
                AllocationMethod::RankAndServe => html! {
                    <NumberField id="serve-cutoff" label={lang.t(m::SERVE_CUTOFF)} testid="serve-cutoff"
                        value={settings.cutoff_percent} max={100.0} step="1" oninput={dispatch.reform(Action::SetServeCutoff)} />
                },
            } }
            <p class="total" data-testid="allocation-total" data-allocated-cents={allocated.to_string()} data-pool-cents={pool.to_string()}>
                { lang.fill(m::ALLOCATED, &[("allocated", &full_dollars(allocated)), ("pool", &full_dollars(pool)), ("served", &served)]) }
                if allocated < pool {
                    { lang.fill(m::NOT_ALLOCATED, &[("amount", &full_dollars(pool - allocated))]) }
                }
            </p>
            <div class="two">
                { change_list(gains, "gainers", m::BIGGEST_GAINS) }
                { change_list(losses, "losers", m::BIGGEST_LOSSES) }
            </div>
        </section>
    }
}
