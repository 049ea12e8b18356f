//! The allocation panel: pool, method and its parameters, totals, and the biggest gainers and
//! losers against the baseline.

use yew::prelude::*;

use super::controls::{NumberField, Select};
use super::state::use_explorer;
use crate::app::charts::tier_name;
use crate::app::format::full_dollars;
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
    let (handle, dispatch) = use_explorer();
    let Ok(app) = &handle.app else { return html! {} };
    let Some(schools) = app.data.schools() else {
        return html! {
            <section class="panel" aria-labelledby="allocation-heading">
                <h2 id="allocation-heading">{ "Allocation" }</h2>
                <p>{ "Load schools and enrollment to allocate a budget." }</p>
            </section>
        };
    };
    let settings = &app.current.allocation;
    let eval = &app.current.evaluation;
    let k = eval.tier_count;
    let options: Vec<_> = AllocationMethod::ALL.iter().map(|m| (method_id(*m).to_string(), m.label().to_string(), true)).collect();
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
    let change_list = |list: Vec<usize>, testid: &'static str, title: &'static str| {
        html! {
            <div class="movers">
                <h3>{ title }</h3>
                if list.is_empty() {
                    <p class="muted" data-testid={testid}>{ "None yet: change the formula or allocation." }</p>
                } else {
                    <ol data-testid={testid}>
                        { for list.into_iter().map(|i| {
                            let c = app.comparison.school_allocation_change_cents[i].unwrap_or(0);
                            html! { <li>{ format!("{}: {}{}", schools.names[i], if c > 0 { "+" } else { "" }, full_dollars(c)) }</li> }
                        }) }
                    </ol>
                }
            </div>
        }
    };
    html! {
        <section class="panel" aria-labelledby="allocation-heading" data-testid="allocation-panel">
            <h2 id="allocation-heading">{ "Allocation" }</h2>
            <NumberField id="pool" label="Pool ($)" testid="pool" value={settings.pool} step="1000"
                oninput={dispatch.reform(Action::SetPool)} />
            <Select id="allocation-method" label="Method" testid="allocation-method" options={options}
                selected={method_id(settings.method)} onchange={on_method} />
            { match settings.method {
                AllocationMethod::WeightedPerPupil => html! {
                    <fieldset class="tier-weights">
                        <legend>{ "Weight of each student, by tier" }</legend>
                        { for tier_weights.iter().enumerate().map(|(t, w)| html! {
                            <NumberField id={format!("tier-weight-{t}")} label={tier_name(t as u8 + 1, k)} testid={format!("tier-weight-{t}")}
                                value={*w} step="0.05" oninput={dispatch.reform(move |v: f64| Action::SetTierWeight(t, v))} />
                        }) }
                    </fieldset>
                },
                AllocationMethod::ProportionalToNeed => html! {
                    <p class="hint">{ "Each student's need is 100 − their neighbourhood's score." }</p>
                },
                AllocationMethod::RankAndServe => html! {
                    <NumberField id="serve-cutoff" label="Serve schools with at least this % in tier 1" testid="serve-cutoff"
                        value={settings.cutoff_percent} max={100.0} step="1" oninput={dispatch.reform(Action::SetServeCutoff)} />
                },
            } }
            <p class="total" data-testid="allocation-total" data-allocated-cents={allocated.to_string()} data-pool-cents={pool.to_string()}>
                { format!("Allocated {} of the {} pool to {served} schools.", full_dollars(allocated), full_dollars(pool)) }
                if allocated < pool {
                    { format!(" {} is not allocated: no school qualifies for it.", full_dollars(pool - allocated)) }
                }
            </p>
            <div class="two">
                { change_list(gains, "gainers", "Biggest gains vs baseline") }
                { change_list(losses, "losers", "Biggest losses vs baseline") }
            </div>
        </section>
    }
}
