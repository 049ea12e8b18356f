//! The printable ranking: the whole ranking on one page, for printing or a slide, led by the
//! story against the baseline and the map.

use yew::prelude::*;

use super::ranking_table::{money_change, rank_change, school_rows};
use super::state::use_explorer;
use crate::app::format::{full_dollars, thousands};
use crate::app::map::{MapColour, map_svg};
use crate::app::story::comparison_paragraph;
use crate::engine::fairness::{Title1Options, fairness};
use crate::engine::privacy::{hidden, school_cells};

#[derive(Properties, PartialEq)]
pub struct PrintableProps {
    pub on_back: Callback<()>,
}

/// The whole ranking on one page, for printing or a slide: every row, no controls.
#[component]
pub fn PrintableRanking(props: &PrintableProps) -> Html {
    let (handle, _) = use_explorer();
    let lang = handle.lang;
    let Ok(app) = &handle.app else { return html! {} };
    let print = Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let title = if app.current.formula.name.is_empty() { "Custom formula".to_string() } else { app.current.formula.name.clone() };
    let mut rows = school_rows(app);
    rows.sort_by_key(|r| r.rank);
    let eval = &app.current.evaluation;
    let areas_table = html! {
        <table>
            <thead><tr>
                <th scope="col" class="num">{ "Rank" }</th><th scope="col" class="num">{ "Change" }</th><th scope="col">{ "Area" }</th>
                <th scope="col" class="num">{ "Score" }</th><th scope="col" class="num">{ "Tier" }</th>
            </tr></thead>
            <tbody>
                { for eval.area_order().into_iter().map(|i| html! {
                    <tr data-testid="print-row">
                        <td class="num">{ eval.areas[i].rank.unwrap_or(0) }</td>
                        <td class="num">{ rank_change(app.comparison.area_rank_change[i].unwrap_or(0), lang) }</td>
                        <th scope="row">{ app.current.prepared.ids()[i].to_owned() }</th>
                        <td class="num">{ eval.areas[i].score.map_or("–".into(), |s| format!("{s:.1}")) }</td>
                        <td class="num">{ eval.areas[i].tier.map_or(String::new(), |t| t.to_string()) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    };
    let schools_table = html! {
            <table>
                <thead><tr>
                    <th scope="col" class="num">{ "Rank" }</th><th scope="col" class="num">{ "Change" }</th><th scope="col">{ "School" }</th>
                    <th scope="col">{ "Level" }</th><th scope="col" class="num">{ "Students" }</th>
                    <th scope="col">{ format!("Tier mix (% in tiers 1–{})", app.current.evaluation.tier_count) }</th>
                    <th scope="col" class="num">{ "Mean score" }</th><th scope="col" class="num">{ "Allocation" }</th><th scope="col" class="num">{ "Change" }</th>
                </tr></thead>
                <tbody>
                    { for rows.iter().map(|r| {
                        // Student-level data: small counts, and the shares that would give
                        // them back, are hidden on the printable page.
                        let (students, shares) = match app.suppression() {
                            Some(t) => {
                                let cells = school_cells(&app.current.evaluation.schools[r.index], t);
                                (
                                    cells.students.map_or_else(|| hidden(t), thousands),
                                    cells.shares.iter().map(|s| s.map_or("–".to_string(), |s| format!("{:.0}", s * 100.0))).collect::<Vec<_>>().join(" / "),
                                )
                            }
                            None => (thousands(r.students), r.shares.iter().map(|s| format!("{:.0}", s * 100.0)).collect::<Vec<_>>().join(" / ")),
                        };
                        html! {
                        <tr data-testid="print-row">
                            <td class="num">{ r.rank }</td>
                            <td class="num">{ rank_change(r.change, lang) }</td>
                            <th scope="row">{ r.name.clone() }</th>
                            <td>{ r.level.clone() }</td>
                            <td class="num" data-testid="print-students">{ students }</td>
                            <td data-testid="print-mix">{ shares }</td>
                            <td class="num">{ r.mean.map_or("–".into(), |m| format!("{m:.1}")) }</td>
                            <td class="num">{ r.cents.map_or(String::new(), full_dollars) }</td>
                            <td class="num">{ money_change(r.cents_change) }</td>
                        </tr>
                        }
                    }) }
                </tbody>
            </table>
    };
    let (what, table) = if app.data.schools().is_some() { ("School", schools_table) } else { ("Area", areas_table) };
    html! {
        <section class="printable" data-testid="printable-ranking">
            <div class="buttons no-print">
                <button type="button" data-testid="print" onclick={print}>{ "Print" }</button>
                <button type="button" data-testid="print-back" onclick={props.on_back.reform(|_| ())}>{ "Back to the explorer" }</button>
            </div>
            <h1>{ format!("{what} ranking: {title}") }</h1>
            <p>{ format!("{} · {} · {}", app.data.label, super::browser::today(), app.summary(lang)) }</p>
            if let Some(schools) = app.data.schools() {
                { {
                    // The story against the baseline, first: does the money follow need?
                    let options = Title1Options::default();
                    let fa = fairness(&app.baseline.evaluation, schools, Some(app.baseline.allocation.method), &options);
                    let fb = fairness(&app.current.evaluation, schools, Some(app.current.allocation.method), &options);
                    html! {
                        <section data-testid="print-story">
                            <h2>{ "Against the baseline" }</h2>
                            <p>{ comparison_paragraph("The current formula", &app.baseline.evaluation, &app.current.evaluation, &fa, &fb) }</p>
                            <figure>
                                { super::compare_panel::need_chart(&app.baseline.evaluation, &app.current.evaluation, &schools.names) }
                                <figcaption>{ "Dollars per pupil from the allocation against each school's share of tier-1 students: the baseline as hollow circles, the current formula as filled squares; the dashed line is the current district average." }</figcaption>
                            </figure>
                        </section>
                    }
                } }
            }
            if let Some(Ok(svg)) = map_svg(app, &MapColour::Tier) {
                <figure class="print-map" data-testid="print-map">
                    { Html::from_html_unchecked(AttrValue::from(svg)) }
                    <figcaption>{ "The tier of each area under the current formula; hatched areas have no data, striped ones changed tier against the baseline." }</figcaption>
                </figure>
            }
            { table }
        </section>
    }
}
