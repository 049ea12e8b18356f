//! "Compare two proposals": pick A and B (the baseline, the current formula, a saved
//! scenario); see each one's fairness measures, the paragraph that leads with the story, the
//! funding-vs-need chart and every school under A and B, largest changes first. Computed only
//! while the comparison is open.

use std::rc::Rc;

use yew::prelude::*;

use super::perf;

use super::browser::{download, storage_entries, today};
use super::controls::Select;
use super::state::{Notice, UiAction, use_explorer, use_ui_dispatch};
use crate::app::format::{count, full_dollars};
use crate::app::i18n::{Lang, Msg, catalogue as m};
use crate::app::need_marks::{GRID_COLUMNS, GRID_ROWS, NeedMarks, NeedPoint, cell_mark_scale, grouped};
use crate::app::proposals::{Pick, ProposalProblem, SchoolPair, pairs_csv, proposal, school_pairs, suppress_small_shares};
use crate::app::scenario::{STORAGE_PREFIX, SavedScenario, Scenario};
use crate::app::story::comparison_paragraph;
use crate::engine::fairness::{Fairness, Title1Options, dollars_moved, fairness};
use crate::engine::dataset::Schools;
use crate::engine::model::Evaluation;

fn pick_id(p: &Pick) -> String {
    match p {
        Pick::Baseline => "baseline".into(),
        Pick::Current => "current".into(),
        Pick::Saved(name) => format!("saved:{name}"),
    }
}

fn pick_from(id: &str) -> Pick {
    match id {
        "baseline" => Pick::Baseline,
        "current" => Pick::Current,
        other => Pick::Saved(other.strip_prefix("saved:").unwrap_or(other).to_string()),
    }
}

fn ratio(r: Option<f64>) -> String {
    r.map_or("–".into(), |r| format!("{r:.2}"))
}

/// Dollars per pupil against tier-1 share, one mark per school: A as hollow circles, B as
/// filled squares, B's district average as a dashed line. Each B mark is named on hover and
/// on keyboard focus. Above a district's size the schools are grouped into the cells of a
/// grid, one mark per cell sized by its schools, named on hover ([`NeedMarks`]).
pub(super) fn need_chart(a: &Evaluation, b: &Evaluation, names: &[String], lang: Lang) -> Html {
    need_chart_with(a, b, names, None, ChartSize::PANEL, lang)
}

/// How large a chart is drawn: its width in drawing units and its type in the same units.
/// Drawn at its real width on screen (presenter mode measures it), a unit is a pixel, so the
/// type is the size given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct ChartSize {
    pub width: f64,
    /// The axis names.
    pub font: f64,
    /// The numbers on the axes.
    pub tick: f64,
    /// Short axis names, for a narrow chart in large type.
    pub short_axes: bool,
}

impl ChartSize {
    /// In a panel: 600 units wide, scaled to the panel's width.
    pub const PANEL: ChartSize = ChartSize { width: 600.0, font: 13.0, tick: 11.0, short_axes: false };
}

/// [`need_chart`], adding each school's current per-pupil funding when `funding` is given.
pub(super) fn need_chart_with(
    a: &Evaluation,
    b: &Evaluation,
    names: &[String],
    funding: Option<&[Option<f64>]>,
    size: ChartSize,
    lang: Lang,
) -> Html {
    let per_pupil = |e: &Evaluation, s: usize| {
        let allocation = e.schools[s].allocation_per_pupil()?;
        match funding {
            Some(f) => f.get(s).copied().flatten().map(|c| c + allocation),
            None => Some(allocation),
        }
    };
    let max = (0..a.schools.len()).flat_map(|s| [per_pupil(a, s), per_pupil(b, s)]).flatten().fold(0.0f64, f64::max).max(1.0);
    // Room for the labels grows with their type: the axis names and the dollar ticks.
    let font = size.font;
    let tick = size.tick;
    let (w, left, bottom) = (size.width, (font * 4.6).max(60.0), (font * 2.8).max(36.0));
    let h = (w * 320.0 / 600.0).max(bottom + 6.0 * font);
    let x = |share: f64| left + share * (w - left - 10.0);
    let y = |dollars: f64| (h - bottom) - dollars / max * (h - bottom - 10.0);
    // B's district average: dollars over students, among the schools drawn.
    let (dollars, students) = (0..b.schools.len())
        .filter_map(|s| Some((per_pupil(b, s)? * b.schools[s].students(), b.schools[s].students())))
        .fold((0.0, 0.0), |(d, n), (x, m)| (d + x, n + m));
    let average = if students > 0.0 { dollars / students } else { 0.0 };
    let points = |e: &Evaluation| -> Vec<NeedPoint> {
        (0..e.schools.len())
            .filter_map(|s| Some(NeedPoint { school: s, share: e.schools[s].tier_share(1)?, dollars_per_pupil: per_pupil(e, s)? }))
            .collect()
    };
    let (marks_a, marks_b) = (NeedMarks::of(points(a), b.schools.len(), max), NeedMarks::of(points(b), b.schools.len(), max));
    // A cell's size on the chart, and the size of its mark.
    let (cell_w, cell_h) = ((w - left - 10.0) / GRID_COLUMNS as f64, (h - bottom - 10.0) / GRID_ROWS as f64);
    let mark = |schools: usize, most: usize| cell_mark_scale(schools, most) * cell_w.min(cell_h);
    let grouped_note = matches!(marks_b, NeedMarks::Cells { .. }).then(|| lang.fill(m::NEED_CHART_GROUPED, &[("n", &count(marks_b.schools()))]));
    let label = lang.fill(m::NEED_CHART_LABEL, &[("average", &format!("{average:.0}"))]);
    html! {
        <>
        <svg class="need-chart" viewBox={format!("0 0 {w} {h}")} width="100%" role="group" data-testid="need-chart"
            aria-label={grouped_note.as_ref().map_or(label.clone(), |note| format!("{label} {note}"))}>
            <line x1={left.to_string()} x2={(w - 10.0).to_string()} y1={(h - bottom).to_string()} y2={(h - bottom).to_string()} stroke="#333" />
            <line x1={left.to_string()} x2={left.to_string()} y1="10" y2={(h - bottom).to_string()} stroke="#333" />
            <text x={((w + left) / 2.0).to_string()} y={(h - font * 0.45).to_string()} text-anchor="middle" font-size={font.to_string()}>{ lang.t(if size.short_axes { m::NEED_CHART_X_SHORT } else { m::NEED_CHART_X }) }</text>
            <text x={font.to_string()} y={(h / 2.0).to_string()} font-size={font.to_string()} transform={format!("rotate(-90 {font} {})", h / 2.0)} text-anchor="middle">{ lang.t(if size.short_axes { m::NEED_CHART_Y_SHORT } else { m::NEED_CHART_Y }) }</text>
            <text x={(left - 6.0).to_string()} y={(tick + 8.0).to_string()} text-anchor="end" font-size={tick.to_string()}>{ format!("${max:.0}") }</text>
            <text x={(left - 6.0).to_string()} y={(h - bottom).to_string()} text-anchor="end" font-size={tick.to_string()}>{ "$0" }</text>
            <line x1={left.to_string()} x2={(w - 10.0).to_string()} y1={format!("{:.1}", y(average))} y2={format!("{:.1}", y(average))} stroke="#0072b2" stroke-dasharray="6 4" />
            { match &marks_a {
                NeedMarks::Schools(points) => points.iter().map(|p| html! {
                    <circle cx={format!("{:.1}", x(p.share))} cy={format!("{:.1}", y(p.dollars_per_pupil))} r="3.5" fill="none" stroke="#d55e00" />
                }).collect::<Html>(),
                NeedMarks::Cells { cells, most } => cells.iter().map(|c| {
                    let (share, dollars) = c.centre(max);
                    html! { <circle cx={format!("{:.1}", x(share))} cy={format!("{:.1}", y(dollars))} r={format!("{:.1}", mark(c.schools, *most) / 2.0)} fill="none" stroke="#d55e00" /> }
                }).collect::<Html>(),
            } }
            { match &marks_b {
                NeedMarks::Schools(points) => points.iter().map(|p| {
                    let label = lang.fill(m::NEED_CHART_POINT, &[("name", &names.get(p.school).cloned().unwrap_or_default()), ("percent", &format!("{:.0}", 100.0 * p.share)), ("dollars", &format!("{:.0}", p.dollars_per_pupil))]);
                    html! {
                        <rect x={format!("{:.1}", x(p.share) - 2.5)} y={format!("{:.1}", y(p.dollars_per_pupil) - 2.5)} width="5" height="5" fill="#0072b2" tabindex="0" aria-label={label.clone()}>
                            <title>{ label }</title>
                        </rect>
                    }
                }).collect::<Html>(),
                // Named on hover; not one tab stop per cell (the school table lists each school).
                NeedMarks::Cells { cells, most } => cells.iter().map(|c| {
                    let (share, dollars) = c.centre(max);
                    let side = mark(c.schools, *most);
                    let ((s0, s1), (d0, d1)) = (c.shares(), c.dollars(max));
                    let title = lang.fill(m::NEED_CHART_CELL, &[
                        ("n", &count(c.schools)),
                        ("from", &format!("{:.0}", 100.0 * s0)),
                        ("to", &format!("{:.0}", 100.0 * s1)),
                        ("low", &format!("{d0:.0}")),
                        ("high", &format!("{d1:.0}")),
                    ]);
                    html! {
                        <rect x={format!("{:.1}", x(share) - side / 2.0)} y={format!("{:.1}", y(dollars) - side / 2.0)} width={format!("{side:.1}")} height={format!("{side:.1}")} fill="#0072b2" fill-opacity="0.85">
                            <title>{ title }</title>
                        </rect>
                    }
                }).collect::<Html>(),
            } }
        </svg>
        if let Some(note) = grouped_note {
            <p class="need-chart-note" data-testid="need-chart-grouped">{ note }</p>
        }
        </>
    }
}

fn fairness_rows(fa: &Fairness, fb: &Fairness, lang: Lang) -> Html {
    let not_rank_and_serve = || lang.t(m::NOT_RANK_AND_SERVE).to_string();
    let rows: Vec<(Msg, String, String)> = vec![
        (m::PROGRESSIVITY_ALLOCATION, ratio(fa.progressivity_allocation), ratio(fb.progressivity_allocation)),
        (m::PROGRESSIVITY_CURRENT, ratio(fa.progressivity_current), ratio(fb.progressivity_current)),
        (m::PROGRESSIVITY_BOTH, ratio(fa.progressivity_combined), ratio(fb.progressivity_combined)),
        (m::DISSIMILARITY, ratio(fa.dissimilarity), ratio(fb.dissimilarity)),
        (m::SCHOOLS_90_TIER1, fa.schools_90pct_tier1.to_string(), fb.schools_90pct_tier1.to_string()),
        (m::SCHOOLS_90_TOP, fa.schools_90pct_top_tier.to_string(), fb.schools_90pct_top_tier.to_string()),
        (m::SCHOOLS_NO_TIER1, fa.schools_without_tier1.to_string(), fb.schools_without_tier1.to_string()),
        (
            m::TITLE1_BROKEN,
            fa.title1_violations.as_ref().map_or_else(not_rank_and_serve, |v| v.len().to_string()),
            fb.title1_violations.as_ref().map_or_else(not_rank_and_serve, |v| v.len().to_string()),
        ),
    ];
    html! {
        <table class="fairness" data-testid="fairness-table">
            <thead><tr><th scope="col">{ lang.t(m::MEASURE) }</th><th scope="col" class="num">{ "A" }</th><th scope="col" class="num">{ "B" }</th></tr></thead>
            <tbody>
                { for rows.into_iter().map(|(name, a, b)| html! {
                    <tr><th scope="row">{ lang.t(name) }</th><td class="num">{ a }</td><td class="num">{ b }</td></tr>
                }) }
            </tbody>
        </table>
    }
}

/// Orders of the school table.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    Change,
    RankA,
    RankB,
    Tier1B,
}

fn sort_pairs(pairs: &mut [SchoolPair], order: Order) {
    match order {
        Order::Change => {}
        Order::RankA => pairs.sort_by_key(|r| r.rank_a),
        Order::RankB => pairs.sort_by_key(|r| r.rank_b),
        Order::Tier1B => {
            pairs.sort_by(|a, b| b.tier1_b.unwrap_or(-1.0).total_cmp(&a.tier1_b.unwrap_or(-1.0)).then(a.rank_b.cmp(&b.rank_b)))
        }
    }
}

/// Everything the open comparison shows.
struct Compared {
    a_name: String,
    b_name: String,
    a: Rc<Evaluation>,
    b: Rc<Evaluation>,
    fa: Fairness,
    fb: Fairness,
    paragraph: String,
    pairs: Vec<SchoolPair>,
    moved: Option<f64>,
}

fn sort_header(state: &UseStateHandle<Order>, order: Order, label: &str) -> Html {
    let active = **state == order;
    let onclick = {
        let state = state.clone();
        Callback::from(move |_| state.set(order))
    };
    html! {
        <th scope="col" class="num" aria-sort={if !active { "none" } else if order == Order::Tier1B || order == Order::Change { "descending" } else { "ascending" }}>
            <button type="button" class="sort" {onclick}>{ label.to_string() }{ if active { if order == Order::Tier1B || order == Order::Change { " ↓" } else { " ↑" } } else { "" } }</button>
        </th>
    }
}

#[component]
pub fn ComparePanel() -> Html {
    perf::rendered("ComparePanel");
    let (handle, _) = use_explorer();
    let lang = handle.lang;
    let ui = use_ui_dispatch();
    let open = use_state(|| false);
    let pick_a = use_state(|| Pick::Baseline);
    let pick_b = use_state(|| Pick::Current);
    let fifty = use_state(Vec::<String>::new);
    let order = use_state(|| Order::Change);
    let with_funding = use_state(|| false);
    // Saved scenarios are read from storage when the comparison opens, not on every render.
    let saved = use_memo(*open, |open| {
        if !*open {
            return Vec::new();
        }
        storage_entries(STORAGE_PREFIX)
            .into_iter()
            .filter_map(|(k, v)| SavedScenario::from_storage(&k, &v).ok())
            .map(|s| (s.name, s.scenario))
            .collect::<Vec<(String, Scenario)>>()
    });
    // Each side is worked out again only when what it shows changed: a saved scenario (which
    // needs its own preparation) not on a slider step, the current formula on every one.
    let side = |pick: &Pick| {
        let key = handle.app.as_ref().ok().map(|app| match pick {
            Pick::Baseline => Rc::as_ptr(&app.baseline.evaluation) as usize,
            Pick::Current => Rc::as_ptr(&app.current.evaluation) as usize,
            Pick::Saved(_) => Rc::as_ptr(&app.data) as usize,
        });
        let (app, saved, owned) = (handle.app.clone(), Rc::clone(&saved), pick.clone());
        ((pick.clone(), key, Rc::as_ptr(&saved) as usize, lang), move || app.ok().map(|app| proposal(&app, &owned, &saved, lang)))
    };
    let (key_a, work_a) = side(&pick_a);
    let side_a = use_memo(key_a, move |_| work_a());
    let (key_b, work_b) = side(&pick_b);
    let side_b = use_memo(key_b, move |_| work_b());
    let Ok(app) = &handle.app else { return html! {} };
    let Some(schools) = app.data.schools() else { return html! {} };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let header = html! {
        <>
            <h2 id="compare-heading">{ lang.t(m::COMPARE_TWO) }</h2>
            <p class="hint">{ lang.t(m::COMPARE_HINT) }</p>
            <div class="buttons">
                <button type="button" data-testid="compare-toggle" aria-expanded={open.to_string()} onclick={toggle}>
                    { lang.t(if *open { m::HIDE_COMPARISON } else { m::COMPARE }) }
                </button>
            </div>
        </>
    };
    if !*open {
        return html! { <section class="panel compare" aria-labelledby="compare-heading" data-testid="compare-panel">{ header }</section> };
    }
    let mut options = vec![
        ("baseline".to_string(), lang.t(m::THE_BASELINE).to_string(), true),
        ("current".to_string(), lang.t(m::THE_CURRENT_FORMULA).to_string(), true),
    ];
    options.extend(saved.iter().map(|(n, _)| (format!("saved:{n}"), lang.fill(m::SAVED_OPTION, &[("name", n)]), true)));
    let mut levels: Vec<String> = schools.levels.iter().filter(|l| !l.is_empty()).cloned().collect();
    levels.sort();
    levels.dedup();
    let suppression = app.suppression();
    // Both sides are worked out whenever there is data, which there is here.
    let (Some(side_a), Some(side_b)) = ((*side_a).clone(), (*side_b).clone()) else { return html! {} };
    let compared: Result<Compared, ProposalProblem> = (|| {
        let (a, b) = (side_a?, side_b?);
        let options = Title1Options { fifty_percent_levels: (*fifty).clone() };
        let fa = fairness(&a.evaluation, schools, Some(a.method), &options);
        let fb = fairness(&b.evaluation, schools, Some(b.method), &options);
        let paragraph = comparison_paragraph(&format!("B ({})", b.name), &a.evaluation, &b.evaluation, &fa, &fb, lang);
        let mut pairs = school_pairs(&a.evaluation, &b.evaluation);
        if let Some(threshold) = suppression {
            suppress_small_shares(&mut pairs, &a.evaluation, &b.evaluation, threshold);
        }
        Ok(Compared {
            pairs,
            moved: dollars_moved(&a.evaluation, &b.evaluation),
            a_name: a.name,
            b_name: b.name,
            a: a.evaluation,
            b: b.evaluation,
            fa,
            fb,
            paragraph,
        })
    })();
    let on_a = {
        let pick_a = pick_a.clone();
        Callback::from(move |v: String| pick_a.set(pick_from(&v)))
    };
    let on_b = {
        let pick_b = pick_b.clone();
        Callback::from(move |v: String| pick_b.set(pick_from(&v)))
    };
    html! {
        <section class="panel compare" aria-labelledby="compare-heading" data-testid="compare-panel">
            { header }
            <div class="fields">
                <Select id="compare-a" label="A" testid="compare-a" options={options.clone()} selected={pick_id(&pick_a)} onchange={on_a} />
                <Select id="compare-b" label="B" testid="compare-b" options={options} selected={pick_id(&pick_b)} onchange={on_b} />
            </div>
            { fifty_percent_levels(&levels, &fifty, lang) }
            { comparison(compared, schools, &with_funding, &order, &ui, lang) }
        </section>
    }
}

/// The comparison's table of schools, sorted as the person chose.
fn compare_table(pairs: &[SchoolPair], schools: &Schools, order: &UseStateHandle<Order>, lang: Lang) -> Html {
    html! {
        <div class="table-wrap short" tabindex="0" role="region" aria-label={lang.t(m::COMPARE_TABLE_REGION)}>
            <table data-testid="compare-table">
                <thead><tr>
                    <th scope="col">{ lang.t(m::SCHOOL) }</th>
                    { for [(Order::RankA, m::RANK_A), (Order::RankB, m::RANK_B)].into_iter().map(|(o, label)| sort_header(order, o, lang.t(label))) }
                    <th scope="col" class="num">{ lang.t(m::TIER1_A) }</th>
                    { sort_header(order, Order::Tier1B, lang.t(m::TIER1_B)) }
                    <th scope="col" class="num">{ lang.t(m::ALLOCATION_A) }</th><th scope="col" class="num">{ lang.t(m::ALLOCATION_B) }</th>
                    { sort_header(order, Order::Change, lang.t(m::CHANGE)) }
                </tr></thead>
                <tbody>
                    { for { let mut p = pairs.to_vec(); sort_pairs(&mut p, **order); p }.iter().map(|r| html! {
                        <tr data-testid="compare-row" data-school-id={schools.ids[r.school].clone()} data-change={r.change_cents().to_string()}>
                            <th scope="row" translate="no">{ schools.names[r.school].clone() }</th>
                            <td class="num">{ r.rank_a }</td><td class="num">{ r.rank_b }</td>
                            <td class="num">{ r.tier1_a.map_or("–".into(), |s| format!("{:.0}%", 100.0 * s)) }</td>
                            <td class="num">{ r.tier1_b.map_or("–".into(), |s| format!("{:.0}%", 100.0 * s)) }</td>
                            <td class="num">{ full_dollars(r.cents_a) }</td><td class="num">{ full_dollars(r.cents_b) }</td>
                            <td class="num">{ if r.change_cents() > 0 { format!("+{}", full_dollars(r.change_cents())) } else { full_dollars(r.change_cents()) } }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// The school levels whose Title I threshold is 50% rather than 75%, to tick.
fn fifty_percent_levels(levels: &[String], fifty: &UseStateHandle<Vec<String>>, lang: Lang) -> Html {
    if levels.is_empty() {
        return html! {};
    }
    html! {
        <fieldset class="levels">
            <legend>{ lang.t(m::TITLE1_FIFTY) }</legend>
            { for levels.iter().enumerate().map(|(i, level)| {
                let checked = fifty.contains(level);
                let onchange = {
                    let (fifty, level) = (fifty.clone(), level.clone());
                    Callback::from(move |_| {
                        let mut next = (*fifty).clone();
                        if let Some(p) = next.iter().position(|l| l == &level) { next.remove(p); } else { next.push(level.clone()); }
                        fifty.set(next);
                    })
                };
                html! {
                    <label class="check"><input type="checkbox" id={format!("fifty-{i}")} checked={checked} {onchange} /><span translate="no">{ level.clone() }</span></label>
                }
            }) }
        </fieldset>
    }
}

/// The comparison of A and B: the story, the fairness figures, Title I's rules, the chart of
/// funding against need, and the table of schools (or why a side cannot be shown).
fn comparison(
    compared: Result<Compared, ProposalProblem>,
    schools: &Schools,
    with_funding: &UseStateHandle<bool>,
    order: &UseStateHandle<Order>,
    ui: &Callback<UiAction>,
    lang: Lang,
) -> Html {
    match compared {
        Err(e) => html! { <p class="error" role="alert">{ e.words(lang) }</p> },
        Ok(c) => {
            // A state's chart groups its schools (see `need_chart`): its squares are named on hover only.
            let how_to_read =
                lang.t(if grouped(schools.ids.len()) { m::NEED_CHART_HOVER_GROUPED } else { m::NEED_CHART_FOCUS });
            let csv = {
                let (pairs, ids, names, ui) = (c.pairs.clone(), schools.ids.clone(), schools.names.clone(), ui.clone());
                Callback::from(move |_| {
                    if download(&format!("comparison-{}.csv", today()), "text/csv", pairs_csv(&pairs, &ids, &names).as_bytes()).is_err() {
                        ui.emit(UiAction::Notify(Notice::DownloadFailed));
                    }
                })
            };
            html! {
                <>
                    <p class="story" data-testid="compare-summary">{ c.paragraph.clone() }</p>
                    <p class="hint">{ lang.fill(m::A_AND_B, &[("a", &c.a_name), ("b", &c.b_name)]) }
                        { c.moved.map(|d| lang.fill(m::DOLLARS_MOVED, &[("amount", &full_dollars((d * 100.0).round() as i64))])).unwrap_or_default() }</p>
                    { fairness_rows(&c.fa, &c.fb, lang) }
                    { for [(&c.fa, "A"), (&c.fb, "B")].into_iter().flat_map(|(f, side)| f.title1_violations.iter().flatten().map(move |v| html! {
                        <p class="violation" data-testid="title1-violation"><strong>{ lang.fill(m::TITLE1_SIDE, &[("side", &side)]) }</strong>{ lang.violation(v, &schools.names) }</p>
                    })) }
                    if let Some(funding) = &schools.per_pupil_funding {
                        <label class="check">
                            <input type="checkbox" data-testid="compare-with-funding" checked={**with_funding}
                                onchange={let w = with_funding.clone(); move |_| w.set(!*w)} />
                            { lang.t(m::ADD_FUNDING) }
                        </label>
                        <figure>
                            { need_chart_with(&c.a, &c.b, &schools.names, (**with_funding).then_some(funding.as_slice()), ChartSize::PANEL, lang) }
                            <figcaption>{ lang.fill(m::NEED_CHART_CAPTION, &[("what", &lang.t(if **with_funding { m::FUNDING_PLUS_ALLOCATION } else { m::ALLOCATION_ALONE })), ("how", &how_to_read)]) }</figcaption>
                        </figure>
                    } else {
                        <figure>
                            { need_chart(&c.a, &c.b, &schools.names, lang) }
                            <figcaption>{ lang.fill(m::NEED_CHART_CAPTION, &[("what", &lang.t(m::ALLOCATION_ALONE)), ("how", &how_to_read)]) }</figcaption>
                        </figure>
                    }
                    <div class="buttons"><button type="button" data-testid="compare-csv" onclick={csv}>{ lang.t(m::DOWNLOAD_TABLE_CSV) }</button></div>
                    { compare_table(&c.pairs, schools, order, lang) }
                </>
            }
        }
    }
}
