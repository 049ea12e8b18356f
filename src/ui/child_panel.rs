//! "My child's SES": a parent chooses their home area (by its id, by a school's name, or on
//! the map) and may answer the formula's family questions, and sees the child's score and
//! tier, how near the cuts it is, the area part and the family part with what drives each,
//! and the tier under the baseline. It follows every weight step.
//!
//! The answers live in this component's own state only: never in the page's state, a link,
//! storage or a request, and the panel says so (app::child has the reckoning).

use yew::prelude::*;

use super::controls::input_value;
use super::detail_panel::use_selection;
use super::state::use_explorer;
use crate::app::child::{ChildSes, areas_matching, child_ses, family_questions, schools_matching};
use crate::app::detail::Selected;
use crate::app::format::count;
use crate::app::i18n::{Lang, catalogue as m};
use crate::app::state::AppState;

/// How many areas or schools a search lists.
const LISTED: usize = 6;

#[component]
pub fn ChildPanel() -> Html {
    let (handle, _) = use_explorer();
    let lang = handle.lang;
    let home = use_state(|| None::<usize>);
    let answers = use_state(Vec::<Option<String>>::new);
    let area_query = use_state(String::new);
    let school_query = use_state(String::new);
    // An area clicked on the map (or in a table) becomes the home area.
    let selection = use_selection();
    {
        let home = home.clone();
        use_effect_with(*selection, move |selected| {
            if let Some(Selected::Area(a)) = selected {
                home.set(Some(*a));
            }
        });
    }
    let Ok(app) = &handle.app else { return html! {} };
    let choose = |a: usize| {
        let home = home.clone();
        Callback::from(move |_: MouseEvent| home.set(Some(a)))
    };
    let on_area_query = {
        let q = area_query.clone();
        Callback::from(move |e: InputEvent| q.set(input_value(&e)))
    };
    let on_school_query = {
        let q = school_query.clone();
        Callback::from(move |e: InputEvent| q.set(input_value(&e)))
    };
    let ids = app.current.prepared.ids();
    let area_button = |a: usize| {
        let chosen = *home == Some(a);
        html! {
            <li><button type="button" class="chip" aria-pressed={chosen.to_string()} data-testid="child-area-choice" data-area={ids[a].to_owned()} onclick={choose(a)}>{ ids[a].to_owned() }</button></li>
        }
    };
    let questions = family_questions(app, lang);
    let child = home.and_then(|a| child_ses(app, a, &answers, lang));
    html! {
        <section class="panel child-panel" aria-labelledby="child-heading" data-testid="child-panel">
            <h2 id="child-heading">{ lang.t(m::CHILD_HEADING) }</h2>
            <p class="hint" data-testid="child-privacy">{ lang.t(m::CHILD_PRIVACY) }</p>
            <fieldset>
                <legend>{ lang.t(m::CHILD_WHERE) }</legend>
                <div class="field">
                    <label for="child-area">{ lang.t(m::CHILD_AREA_ID) }</label>
                    <input id="child-area" type="search" autocomplete="off" data-testid="child-area" value={(*area_query).clone()} oninput={on_area_query} />
                </div>
                <ul class="chips" aria-label={lang.t(m::CHILD_AREAS_FOUND)}>
                    { for areas_matching(app, &area_query, LISTED).into_iter().map(area_button) }
                </ul>
                if app.data.schools().is_some() {
                    <div class="field">
                        <label for="child-school">{ lang.t(m::CHILD_SCHOOL_NAME) }</label>
                        <input id="child-school" type="search" autocomplete="off" data-testid="child-school" value={(*school_query).clone()} oninput={on_school_query} />
                    </div>
                    { for schools_matching(app, &school_query, LISTED, LISTED).into_iter().map(|(_, name, areas)| html! {
                        <div class="child-school" data-testid="child-school-found">
                            <p>{ lang.fill(m::CHILD_SCHOOL_AREAS, &[("school", &name)]) }</p>
                            <ul class="chips">{ for areas.into_iter().map(area_button) }</ul>
                        </div>
                    }) }
                }
                if app.data.map.is_some() {
                    <p class="hint">{ lang.t(m::CHILD_ON_MAP) }</p>
                }
                if let Some(a) = *home {
                    <p class="child-chosen" data-testid="child-chosen">{ lang.fill(m::CHILD_CHOSEN, &[("area", &&ids[a])]) }</p>
                }
            </fieldset>
            if !questions.is_empty() && child.as_ref().is_none_or(|c| c.has_family_part) {
                <fieldset data-testid="child-family">
                    <legend>{ lang.t(m::CHILD_FAMILY) }</legend>
                    { for questions.iter().enumerate().filter(|(_, q)| q.enabled).map(|(i, q)| {
                        let id = format!("child-answer-{i}");
                        let given = answers.get(i).cloned().flatten().unwrap_or_default();
                        let answers = answers.clone();
                        let set = Callback::from(move |value: String| {
                            let mut next = (*answers).clone();
                            next.resize(next.len().max(i + 1), None);
                            next[i] = (!value.trim().is_empty()).then_some(value);
                            answers.set(next);
                        });
                        html! {
                            <div class="field">
                                <label for={id.clone()}>{ q.question.clone() }</label>
                                if let Some(levels) = &q.levels {
                                    <select id={id.clone()} data-testid={id} onchange={set.reform(|e: Event| super::controls::select_value(&e))}>
                                        <option value="" selected={given.is_empty()}>{ lang.t(m::CHILD_NO_ANSWER) }</option>
                                        { for levels.iter().map(|(value, label)| html! {
                                            <option value={value.clone()} selected={*value == given}>{ label.clone() }</option>
                                        }) }
                                    </select>
                                } else {
                                    <input id={id.clone()} data-testid={id} type="text" inputmode="numeric" autocomplete="off" value={given}
                                        oninput={set.reform(|e: InputEvent| input_value(&e))} />
                                }
                            </div>
                        }
                    }) }
                </fieldset>
            }
            <div class="child-result" role="status" aria-live="polite" data-testid="child-result">
                { match &child {
                    Some(child) => result_html(app, child, lang),
                    None => html! { <p class="hint">{ lang.t(m::CHILD_CHOOSE_AREA) }</p> },
                } }
            </div>
        </section>
    }
}

/// The child's tier and why.
fn result_html(app: &AppState, child: &ChildSes, lang: Lang) -> Html {
    let points = |x: f64| format!("{x:.1}");
    let tier_of = |t: u8| lang.tier_name(t, child.tier_count);
    let Some((score, tier)) = child.score.zip(child.tier) else {
        return html! { <p data-testid="child-tier">{ lang.fill(m::CHILD_NOT_SCORED, &[("area", &child.area_id)]) }</p> };
    };
    let area_line = lang.fill(
        m::CHILD_AREA_PART,
        &[
            ("area", &child.area_id),
            ("score", &points(child.area_score.unwrap_or(f64::NAN))),
            ("share", &(child.area_share * 100.0).round()),
            ("drivers", &child.area_drivers.iter().map(|(l, c)| format!("{l} {}", points(*c))).collect::<Vec<_>>().join(", ")),
        ],
    );
    let family_line = match child.family_score {
        Some(f) => lang.fill(
            m::CHILD_FAMILY_PART,
            &[
                ("score", &points(f)),
                ("share", &((1.0 - child.area_share) * 100.0).round()),
                (
                    "answers",
                    &child
                        .family
                        .iter()
                        .map(|a| lang.fill(m::CHILD_ANSWER_PLACE, &[("item", &a.question), ("place", &a.percentile.round()), ("share", &(a.share * 100.0).round())]))
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            ],
        ),
        None if child.has_family_part => lang.t(m::CHILD_NO_FAMILY_ANSWER).to_owned(),
        None => lang.t(m::CHILD_AREA_ONLY_FORMULA).to_owned(),
    };
    let mut near = Vec::new();
    if let Some(up) = child.to_next_tier {
        near.push(lang.fill(m::CHILD_TO_NEXT, &[("points", &points(up)), ("level", &tier_of(tier + 1))]));
    }
    if let Some(down) = child.above_cut {
        near.push(lang.fill(m::CHILD_ABOVE_CUT, &[("points", &points(down)), ("level", &tier_of(tier))]));
    }
    let students = app.current.evaluation.students.as_ref().map(|s| s.scored());
    html! {
        <>
            <p class="child-tier" data-testid="child-tier" data-tier={tier.to_string()}>
                { lang.fill(m::CHILD_TIER, &[("level", &tier_of(tier)), ("count", &child.tier_count), ("score", &points(score))]) }
            </p>
            if !near.is_empty() { <p data-testid="child-near">{ near.join(" ") }</p> }
            <ul class="child-parts">
                <li data-testid="child-area-part">{ area_line }</li>
                <li data-testid="child-family-part">{ family_line }</li>
            </ul>
            if let Some(b) = child.baseline_tier {
                <p data-testid="child-baseline">{ lang.fill(m::CHILD_BASELINE, &[("level", &tier_of(b))]) }</p>
            }
            if let Some(n) = students {
                <p class="hint">{ lang.fill(m::CHILD_AMONG, &[("n", &count(n))]) }</p>
            }
        </>
    }
}
