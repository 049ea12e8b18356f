//! The printable ranking: the whole ranking on one page, for printing or a slide, led by the
//! story against the baseline and the map.

use yew::prelude::*;

use super::ranking_table::{money_change, rank_change, school_rows};
use super::state::{Screen, UiAction, use_explorer, use_ui_dispatch};
use crate::app::format::{full_dollars, thousands};
use crate::app::i18n::catalogue as m;
use crate::app::map::MapColour;
use crate::app::map_view::map_svg;
use crate::app::presets::formula_title;
use crate::app::story::comparison_paragraph;
use crate::engine::fairness::{Title1Options, fairness};
use crate::engine::privacy::{hidden, school_cells};

/// The whole ranking on one page, for printing or a slide: every row, no controls.
#[component]
pub fn PrintableRanking() -> Html {
    let (handle, _) = use_explorer();
    let ui = use_ui_dispatch();
    let lang = handle.lang;
    let Ok(app) = &handle.app else { return html! {} };
    let print = Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let title = if app.current.formula.name.is_empty() {
        lang.t(m::CUSTOM_FORMULA).to_string()
    } else {
        formula_title(&app.current.formula.name, lang)
    };
    let mut rows = school_rows(app);
    rows.sort_by_key(|r| r.rank);
    let eval = &app.current.evaluation;
    let areas_table = html! {
        <table>
            <thead><tr>
                <th scope="col" class="num">{ lang.t(m::RANK) }</th><th scope="col" class="num">{ lang.t(m::CHANGE) }</th><th scope="col">{ lang.t(m::AREA) }</th>
                <th scope="col" class="num">{ lang.t(m::SCORE) }</th><th scope="col" class="num">{ lang.t(m::TIER) }</th>
            </tr></thead>
            <tbody>
                { for eval.area_order().into_iter().map(|i| html! {
                    <tr data-testid="print-row">
                        <td class="num">{ eval.areas.of(i).rank.unwrap_or(0) }</td>
                        <td class="num">{ rank_change(app.comparison.area_rank_change(i).unwrap_or(0), lang) }</td>
                        <th scope="row" translate="no">{ app.current.prepared.ids()[i].to_owned() }</th>
                        <td class="num">{ eval.areas.of(i).score.map_or("–".into(), |s| format!("{s:.1}")) }</td>
                        <td class="num">{ eval.areas.of(i).tier.map_or(String::new(), |t| t.to_string()) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    };
    let schools_table = html! {
            <table>
                <thead><tr>
                    <th scope="col" class="num">{ lang.t(m::RANK) }</th><th scope="col" class="num">{ lang.t(m::CHANGE) }</th><th scope="col">{ lang.t(m::SCHOOL) }</th>
                    <th scope="col">{ lang.t(m::LEVEL) }</th><th scope="col" class="num">{ lang.t(m::STUDENTS) }</th>
                    <th scope="col">{ lang.fill(m::TIER_MIX_PERCENT, &[("tiers", &app.current.evaluation.tier_count)]) }</th>
                    <th scope="col" class="num">{ lang.t(m::MEAN_SCORE) }</th><th scope="col" class="num">{ lang.t(m::ALLOCATION) }</th><th scope="col" class="num">{ lang.t(m::CHANGE) }</th>
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
                            <th scope="row" translate="no">{ r.name.clone() }</th>
                            <td translate="no">{ r.level.clone() }</td>
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
    let (heading, table) =
        if app.data.schools().is_some() { (m::SCHOOL_RANKING_TITLE, schools_table) } else { (m::AREA_RANKING_TITLE, areas_table) };
    html! {
        <section class="printable" data-testid="printable-ranking">
            <div class="buttons no-print">
                <button type="button" data-testid="print" onclick={print}>{ lang.t(m::PRINT) }</button>
                <button type="button" data-testid="print-back" onclick={ui.reform(|_| UiAction::Show(Screen::Explorer))}>{ lang.t(m::BACK_TO_EXPLORER) }</button>
            </div>
            <h1>{ lang.fill(heading, &[("title", &title)]) }</h1>
            <p>
                if app.data.synthetic { { lang.t(m::DEMO_LABEL) } } else { <span translate="no">{ app.data.label.clone() }</span> }
                { format!(" · {} · {}", super::browser::today(), app.summary(lang)) }
            </p>
            if let Some(schools) = app.data.schools() {
                { {
                    // The story against the baseline, first: does the money follow need?
                    let options = Title1Options::default();
                    let fa = fairness(&app.baseline.evaluation, schools, Some(app.baseline.allocation.method), &options);
                    let fb = fairness(&app.current.evaluation, schools, Some(app.current.allocation.method), &options);
                    html! {
                        <section data-testid="print-story">
                            <h2>{ lang.t(m::AGAINST_THE_BASELINE) }</h2>
                            <p>{ comparison_paragraph(lang.t(m::THE_CURRENT_FORMULA), &app.baseline.evaluation, &app.current.evaluation, &fa, &fb, lang) }</p>
                            <figure>
                                { super::compare_panel::need_chart(&app.baseline.evaluation, &app.current.evaluation, &schools.names, lang) }
                                <figcaption>{ lang.t(m::PRINT_NEED_CAPTION) }</figcaption>
                            </figure>
                        </section>
                    }
                } }
            }
            if let Some(Ok(svg)) = map_svg(app, &MapColour::Tier, lang) {
                <figure class="print-map" data-testid="print-map">
                    { Html::from_html_unchecked(AttrValue::from(svg)) }
                    <figcaption>{ lang.t(m::PRINT_MAP_CAPTION) }</figcaption>
                </figure>
            }
            { table }
        </section>
    }
}
