//! The ranking table: schools (or areas, when no schools are loaded) with rank, rank change,
//! tier mix, mean score and allocation. Sortable by any column, filterable by level and name.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use super::perf;

use super::controls::Select;
use super::detail_panel::use_selection;
use super::state::{UiAction, use_explorer};
use crate::app::detail::Selected;
use crate::app::format::{full_dollars, thousands};
use crate::app::i18n::{Lang, Msg, catalogue as m};
use crate::app::palette::tier_colour_hex;
use crate::app::ranking::{
    NameRoom, RankingLayout, SortKey, TABLE_TYPE_REM, TYPE_FAMILY, TableColumns, ascending, longest_names, ranking_layout, schools_in_order,
};
use crate::app::state::AppState;

#[derive(Debug, Clone, PartialEq)]
pub(super) struct SchoolRow {
    pub(super) index: usize,
    pub(super) rank: u32,
    pub(super) change: i64,
    pub(super) id: String,
    pub(super) name: String,
    pub(super) level: String,
    pub(super) students: f64,
    pub(super) shares: Vec<f64>,
    pub(super) mean: Option<f64>,
    /// The mean score as the table shows it: rows compare equal when they look the same.
    pub(super) mean_shown: String,
    pub(super) cents: Option<i64>,
    pub(super) cents_change: Option<i64>,
}

#[cfg(feature = "whole-page")]
pub(super) fn school_rows(app: &AppState) -> Vec<SchoolRow> {
    (0..app.current.evaluation.schools.len()).filter_map(|i| school_row(app, i)).collect()
}

/// School `i`'s row as the table shows it.
fn school_row(app: &AppState, i: usize) -> Option<SchoolRow> {
    let schools = app.data.schools()?;
    let eval = &app.current.evaluation;
    let s = eval.schools.get(i)?;
    Some(SchoolRow {
        index: i,
        rank: s.rank,
        change: app.comparison.school_rank_change[i],
        id: schools.ids[i].to_owned(),
        name: schools.names[i].clone(),
        level: schools.levels[i].clone(),
        students: s.students(),
        shares: (1..=eval.tier_count).map(|t| s.tier_share(t).unwrap_or(0.0)).collect(),
        mean: s.mean_score,
        mean_shown: s.mean_score.map_or("–".into(), |m| format!("{m:.1}")),
        cents: s.allocation_cents,
        cents_change: app.comparison.school_allocation_change_cents[i],
    })
}

/// The header shown for a column whose full name is too long for it at 1366 px.
fn short_header(label: Msg) -> Msg {
    [(m::RANK, m::RANK_SHORT), (m::STUDENTS, m::STUDENTS_SHORT), (m::MEAN_SCORE, m::MEAN_SCORE_SHORT), (m::TIER_MIX, m::TIER_MIX_SHORT)]
        .into_iter()
        .find(|(full, _)| *full == label)
        .map_or(label, |(_, short)| short)
}

/// "▲ 3" with words for screen readers; never colour alone.
pub(super) fn rank_change(change: i64, lang: Lang) -> Html {
    let (class, symbol, words) = match change {
        c if c > 0 => ("up", "▲", lang.fill(m::MOVED_UP, &[("n", &c)])),
        c if c < 0 => ("down", "▼", lang.fill(m::MOVED_DOWN, &[("n", &-c)])),
        _ => ("same", "–", lang.t(m::NO_CHANGE).to_string()),
    };
    let shown = if change == 0 { symbol.to_string() } else { format!("{symbol} {}", change.abs()) };
    html! { <span class={classes!("change", class)}><span aria-hidden="true">{ shown }</span><span class="visually-hidden">{ words }</span></span> }
}

pub(super) fn money_change(cents: Option<i64>) -> Html {
    match cents {
        Some(c) if c != 0 => {
            let (class, sign) = if c > 0 { ("up", "+") } else { ("down", "") };
            html! { <span class={classes!("change", class)}>{ format!("{sign}{}", full_dollars(c)) }</span> }
        }
        Some(_) => html! { <span class="change same">{ "–" }</span> },
        None => html! {},
    }
}

/// A small stacked bar (SVG attributes, no inline styles) plus the numbers.
fn tier_mix(shares: &[f64], lang: Lang) -> Html {
    let mut x = 0.0;
    let words = shares
        .iter()
        .enumerate()
        .map(|(t, s)| lang.fill(m::TIER_PERCENT, &[("tier", &(t + 1)), ("percent", &format!("{:.0}", s * 100.0))]))
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        <span class="mix" role="img" aria-label={words}>
            <svg width="90" height="14" viewBox="0 0 100 14" aria-hidden="true" focusable="false">
                { for shares.iter().enumerate().map(|(t, s)| {
                    let w = s * 100.0;
                    let rect = html! { <rect x={format!("{x:.2}")} y="0" width={format!("{w:.2}")} height="14" fill={tier_colour_hex(t as u8 + 1)} /> };
                    x += w;
                    rect
                }) }
            </svg>
            <span class="mix-numbers" aria-hidden="true">{ shares.iter().map(|s| format!("{:.0}", s * 100.0)).collect::<Vec<_>>().join(" / ") }</span>
        </span>
    }
}

/// Height of a table row in CSS pixels (fixed in app.css), for rendering only visible rows.
pub const ROW_PX: f64 = 36.0;
/// Height of a table row whose name wraps onto two lines (`.wrapped-names` in app.css).
pub const WRAPPED_ROW_PX: f64 = 48.0;
/// Height of a school's card on a phone (fixed in app.css).
pub const CARD_PX: f64 = 64.0;
/// Height of a card whose name wraps onto two lines (`.tall-cards` in app.css).
pub const TALL_CARD_PX: f64 = 86.0;
/// Rows rendered above and below the visible ones, so scrolling never shows a gap. Few: every
/// row rendered is laid out and painted again on each slider step (with 8 either side, a
/// step took about 3 ms longer to paint in the keyboard test).
const OVERSCAN: usize = 3;

/// Which rows are in view: (first, count), from the scroll position, the viewport height and
/// the height of a row.
fn visible_rows(scroll_top: f64, viewport: f64, total: usize, row_px: f64) -> (usize, usize) {
    let first = ((scroll_top / row_px).floor().max(0.0) as usize).saturating_sub(OVERSCAN).min(total);
    let count = ((viewport / row_px).ceil() as usize + 2 * OVERSCAN).min(total - first);
    (first, count)
}

/// Which rows of a long table are in view, kept up to date from the scroll position. Only
/// those rows (and a few either side) are put in the page: a slider move then re-lays out
/// about 40 rows, not hundreds, and stays inside a frame.
#[derive(Clone)]
struct RowsInView {
    /// (scroll position, viewport height) in pixels.
    window: UseStateHandle<(f64, f64)>,
    wrap: NodeRef,
    onscroll: Callback<Event>,
}

impl RowsInView {
    /// (first row, number of rows of `row_px` each) to render out of `total`.
    fn range(&self, total: usize, row_px: f64) -> (usize, usize) {
        visible_rows(self.window.0, self.window.1, total, row_px)
    }
}

#[hook]
fn use_rows_in_view() -> RowsInView {
    let window = use_state(|| (0.0f64, 900.0f64));
    let wrap = use_node_ref();
    {
        let (wrap, window) = (wrap.clone(), window.clone());
        use_effect_with((), move |_| {
            if let Some(el) = wrap.cast::<web_sys::Element>()
                && el.client_height() > 0
            {
                window.set((f64::from(el.scroll_top()), f64::from(el.client_height())));
            }
        });
    }
    // Re-render only when the set of rows in view changes, not on every pixel.
    let update = {
        let window = window.clone();
        move |el: &web_sys::Element| {
            let next = (f64::from(el.scroll_top()), f64::from(el.client_height()));
            // Compared in the shortest rows, so a change of the rows in view is never missed.
            if visible_rows(window.0, window.1, usize::MAX / 2, ROW_PX) != visible_rows(next.0, next.1, usize::MAX / 2, ROW_PX) {
                window.set(next);
            }
        }
    };
    {
        // A taller window shows more rows.
        let (wrap, update) = (wrap.clone(), update.clone());
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo::events::EventListener::new(&w, "resize", move |_| {
                    if let Some(el) = wrap.cast::<web_sys::Element>() {
                        update(&el);
                    }
                })
            });
            move || drop(listener)
        });
    }
    let onscroll = Callback::from(move |e: Event| update(&e.target_unchecked_into::<web_sys::Element>()));
    use_keep_row_focus(&wrap);
    RowsInView { window, wrap, onscroll }
}

/// Keeps the keyboard focus on its row when scrolling re-renders the rows in view: a person
/// tabbing down the table makes the browser scroll, which changes the rows rendered, and a
/// focused button whose node is replaced or moved would drop the focus to the top of the page.
/// The focused row's key is noted before each render and the focus put back after it, only if
/// this render lost it.
#[hook]
fn use_keep_row_focus(wrap: &NodeRef) {
    let focused = use_mut_ref(|| None::<String>);
    *focused.borrow_mut() = focused_row_key(wrap);
    let wrap = wrap.clone();
    use_effect(move || {
        let Some(key) = focused.borrow_mut().take() else { return };
        let document = web_sys::window().and_then(|w| w.document());
        let lost = document.as_ref().and_then(|d| d.active_element()).is_none_or(|a| a.tag_name() == "BODY");
        if !lost {
            return;
        }
        let button = wrap
            .cast::<web_sys::Element>()
            .and_then(|w| w.query_selector(&format!("tr[data-row-key=\"{key}\"] button")).ok().flatten())
            .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(button) = button {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = button.focus_with_options(&options);
        }
    });
}

/// The key of the row holding the keyboard focus, when it is inside `wrap`.
fn focused_row_key(wrap: &NodeRef) -> Option<String> {
    let wrap = wrap.cast::<web_sys::Element>()?;
    let active = web_sys::window()?.document()?.active_element()?;
    if !wrap.contains(Some(&active)) {
        return None;
    }
    active.closest("tr[data-row-key]").ok()??.get_attribute("data-row-key")
}

/// Loaded data compared by identity, for what depends only on which data is loaded. It holds
/// the data, so a pointer cannot be reused by other data while it is compared.
#[derive(Clone)]
struct SameData(Rc<crate::app::state::LoadedData>);

impl PartialEq for SameData {
    fn eq(&self, other: &SameData) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// An empty row standing in for `rows` rows of `row_px` that are not rendered.
fn spacer(rows: usize, columns: usize, row_px: f64) -> Html {
    if rows == 0 {
        return html! {};
    }
    // The height attribute, not an inline style: the Content-Security-Policy forbids those.
    html! { <tr class="spacer" aria-hidden="true"><td colspan={columns.to_string()} height={(rows as f64 * row_px).to_string()}></td></tr> }
}

/// The type the page's text is set in (the root's font size), in pixels.
fn root_px() -> f64 {
    let read = || {
        let window = web_sys::window()?;
        let root = window.document()?.document_element()?;
        let size = window.get_computed_style(&root).ok()??.get_property_value("font-size").ok()?;
        size.trim_end_matches("px").parse::<f64>().ok()
    };
    read().unwrap_or(17.0)
}

/// The room the data's names need ([`NameRoom`]), measured on a canvas off screen in the type
/// the page sets them in (the system's sans-serif at the table's weight): the widest of the
/// longest names, their longest word, and the "≈ edge" mark in this language.
fn name_room(names: &[String], lang: Lang) -> NameRoom {
    const TYPE_PX: f64 = 100.0;
    // The mark is set at 0.8rem, the table at TABLE_TYPE_REM.
    let mark_scale = 0.8 / TABLE_TYPE_REM;
    let longest = longest_names(names, 32);
    let words: Vec<String> = names.iter().flat_map(|n| n.split_whitespace()).map(str::to_owned).collect();
    let longest_words = longest_names(&words, 32);
    let mark = lang.t(m::EDGE_MARK);
    let context = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        .and_then(|c| c.get_context("2d").ok().flatten())
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok());
    let widest = |texts: &[&str]| match &context {
        Some(context) => {
            context.set_font(&format!("500 {TYPE_PX}px {TYPE_FAMILY}"));
            texts.iter().filter_map(|t| context.measure_text(t).ok()).map(|m| m.width() / TYPE_PX).fold(0.0, f64::max)
        }
        // No canvas: a wide letter's width for each character.
        None => texts.iter().map(|t| t.chars().count() as f64 * 0.62).fold(0.0, f64::max),
    };
    NameRoom { widest: widest(&longest), longest_word: widest(&longest_words), mark: widest(&[mark]) * mark_scale }
}

/// The ranking's layout ([`ranking_layout`]) for the width its scroll box has on screen, kept
/// up to date as the window changes, the screen turns, or a column beside it moves.
#[hook]
fn use_ranking_layout(wrap: NodeRef, names: NameRoom) -> RankingLayout {
    // A first guess from the window, so a first paint is rarely redone: the whole width less
    // the page's margins on one column, less the weights' column on two.
    let layout = use_state_eq(|| {
        let width = web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|w| w.as_f64()).unwrap_or(1366.0);
        let ranking = if width > 1100.0 { width - 420.0 } else { width - 50.0 };
        ranking_layout(ranking, root_px(), names)
    });
    {
        let layout = layout.clone();
        use_effect_with((wrap, names), move |(wrap, names)| {
            let names = *names;
            let measure = {
                let wrap = wrap.clone();
                move || {
                    if let Some(el) = wrap.cast::<web_sys::Element>()
                        && el.client_width() > 0
                    {
                        layout.set(ranking_layout(f64::from(el.client_width()), root_px(), names));
                    }
                }
            };
            measure();
            let callback = Closure::<dyn FnMut()>::new(measure);
            let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(el)) = (&observer, wrap.cast::<web_sys::Element>()) {
                observer.observe(&el);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(callback);
            }
        });
    }
    *layout
}

#[component]
pub fn RankingTable() -> Html {
    perf::rendered("RankingTable");
    let (handle, _) = use_explorer();
    let lang = handle.lang;
    let sort = use_state(|| SortKey::Rank);
    let level = use_state(String::new);
    let query = use_state(String::new);
    let rows_in_view = use_rows_in_view();
    let selection = use_selection();
    // The names' room, measured once per data and language: the table is used only where every
    // name fits it whole.
    let names = *use_memo((handle.app.as_ref().ok().map(|app| SameData(Rc::clone(&app.data))), lang), |(data, lang)| {
        data.as_ref().and_then(|d| d.0.schools()).map_or(NameRoom::default(), |s| name_room(&s.names, *lang))
    });
    let layout = use_ranking_layout(rows_in_view.wrap.clone(), names);
    let cards = !layout.is_table();
    // The levels offered change only with the data: a state has 100,000 schools to look at.
    let levels = use_memo(handle.app.as_ref().ok().map(|app| SameData(Rc::clone(&app.data))), |data| {
        let levels: std::collections::BTreeSet<&str> =
            data.iter().filter_map(|d| d.0.schools()).flat_map(|s| s.levels.iter().map(String::as_str)).filter(|l| !l.is_empty()).collect();
        levels.into_iter().map(str::to_owned).collect::<Vec<String>>()
    });
    let Ok(app) = &handle.app else { return html! {} };
    let Some(schools) = app.data.schools() else { return html! { <AreaTable /> } };
    let order = schools_in_order(app, schools, *sort, &level, &query.to_lowercase());
    let mut level_options = vec![(String::new(), lang.t(m::ALL_LEVELS).to_string(), true)];
    level_options.extend(levels.iter().map(|l| (l.clone(), l.clone(), true)));
    let tier_count = app.current.evaluation.tier_count;
    let header = |key: SortKey, label: Msg, class: &'static str| sort_header(&sort, key, label, class, lang);
    let on_level = {
        let level = level.clone();
        Callback::from(move |v: String| level.set(v))
    };
    let on_query = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| query.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let total = order.len();
    let shown = lang.plural(total, m::SCHOOL_SHOWN, m::SCHOOLS_SHOWN, &[]);
    let row_px = match (layout.is_table(), layout.name_lines()) {
        (true, 1) => ROW_PX,
        (true, _) => WRAPPED_ROW_PX,
        (false, 1) => CARD_PX,
        (false, _) => TALL_CARD_PX,
    };
    // Where the table is too narrow for every column, the level and the mean score make way.
    let compact = layout.columns() == Some(TableColumns::Compact);
    let (first, count) = rows_in_view.range(total, row_px);
    // The rows in view, as cards or as table rows: the same props either way.
    let in_view: Html = order
        .iter()
        .enumerate()
        .skip(first)
        .take(count)
        .filter_map(|(position, &i)| school_row(app, i).map(|r| (position, r)))
        .map(|(position, r)| {
            let flagged = app.current.knife_edge.school_flagged(r.index);
            let (selected, key, row, select) = (*selection == Some(Selected::School(r.index)), r.index, Rc::new(r), selection.dispatcher());
            if cards {
                html! { <SchoolCard {key} {row} {position} {selected} {flagged} {lang} {select} compact={false} /> }
            } else {
                html! { <SchoolRowView {key} {row} {position} {selected} {flagged} {lang} {select} {compact} /> }
            }
        })
        .collect();
    let body = if cards {
        html! {
            <table class="cards" data-testid="ranking-table" aria-rowcount={(total + 1).to_string()}>
                <thead class="visually-hidden"><tr><th scope="col">{ lang.t(m::SCHOOL) }</th></tr></thead>
                <tbody>
                    { spacer(first, 1, row_px) }
                    { in_view }
                    { spacer(total - first - count, 1, row_px) }
                </tbody>
            </table>
        }
    } else {
        ranking_rows_table(compact, (first, count, total), row_px, in_view, &header)
    };
    html! {
        <section class="panel table-panel" aria-labelledby="ranking-heading">
            <div class="table-head">
                <h2 id="ranking-heading">{ lang.t(m::SCHOOL_RANKING) }</h2>
                <div class="filters">
                    <Select id="level-filter" label={lang.t(m::LEVEL)} testid="level-filter" options={level_options} selected={(*level).clone()} onchange={on_level} />
                    <div class="field">
                        <label for="name-filter">{ lang.t(m::FIND_A_SCHOOL) }</label>
                        <input id="name-filter" type="search" data-testid="name-filter" value={(*query).clone()} oninput={on_query} placeholder={lang.t(m::NAME_OR_ID)} />
                    </div>
                </div>
            </div>
            <p class="hint">
                <strong class="count" aria-live="polite" data-testid="row-count">{ shown }</strong>
                { ". " }{ lang.fill(m::SCHOOL_RANKING_HINT, &[("tiers", &tier_count)]) }
            </p>
            <div class={classes!("table-wrap", "ranking-wrap", cards.then_some("cards-wrap"), (layout.name_lines() == 2).then_some("two-line-names"),
                (layout.columns() == Some(TableColumns::AllWithMixNumbers)).then_some("with-mix-numbers"))} data-layout={layout.name()}
                tabindex="0" role="region" aria-label={lang.t(m::SCHOOL_TABLE_REGION)} ref={rows_in_view.wrap.clone()} onscroll={rows_in_view.onscroll.clone()} data-testid="ranking-scroll">
                { body }
            </div>
        </section>
    }
}

#[derive(Properties)]
struct SchoolRowProps {
    row: Rc<SchoolRow>,
    /// Where the row is in the sorted table, from 0.
    position: usize,
    selected: bool,
    /// Near a tier cut (knife-edge).
    flagged: bool,
    lang: Lang,
    /// The page's dispatcher (the same at every render, so a row is not redrawn for it).
    select: Callback<UiAction>,
    /// The table without the level and the mean score (no room for them beside the names).
    compact: bool,
}

impl SchoolRowProps {
    /// Selecting this school (its row's or card's name pressed).
    fn on_select(&self) -> Callback<MouseEvent> {
        let (select, i) = (self.select.clone(), self.row.index);
        select.reform(move |_| UiAction::Select(Some(Selected::School(i))))
    }
}

impl PartialEq for SchoolRowProps {
    /// Equal when the row would look and act the same: the mean score is compared as shown
    /// (one decimal), since it shifts a little for every school on every step.
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&*self.row, &*other.row);
        (a.index, a.rank, a.change, &a.id, &a.name, &a.level, &a.mean_shown, a.cents, a.cents_change)
            == (b.index, b.rank, b.change, &b.id, &b.name, &b.level, &b.mean_shown, b.cents, b.cents_change)
            && a.students == b.students
            && a.shares == b.shares
            && (self.position, self.selected, self.flagged, self.lang, self.compact)
                == (other.position, other.selected, other.flagged, other.lang, other.compact)
            && self.select == other.select
    }
}

/// One school's row. A component of its own so that a slider step re-renders only the rows
/// whose shown values changed: most steps move a few schools, and the others are skipped
/// whole, from building their cells to comparing them with the page.
#[component]
fn SchoolRowView(props: &SchoolRowProps) -> Html {
    let SchoolRowProps { row: r, position, selected, flagged, lang, .. } = props;
    let (lang, position) = (*lang, *position);
    let onclick = props.on_select();
    html! {
        <tr data-testid="school-row" data-school-id={r.id.clone()} data-row-key={r.index.to_string()} data-rank={r.rank.to_string()} data-level={r.level.clone()}
            data-mix={r.shares.iter().map(|s| format!("{s:.4}")).collect::<Vec<_>>().join("/")}
            aria-rowindex={(position + 2).to_string()} data-position={position.to_string()}>
            <td class="num">{ r.rank }</td>
            <td class="num">{ rank_change(r.change, lang) }</td>
            <th scope="row" translate="no">
                // A name too long for its column is cut short on screen; the whole name shows on
                // hover and is what a screen reader reads.
                <button type="button" class="link" data-testid="select-school" aria-pressed={selected.to_string()} {onclick} title={r.name.clone()}>
                    { r.name.clone() }
                </button>
                if *flagged {
                    <span class="edge-mark" title={lang.t(m::EDGE_SCHOOL_TITLE)} translate="yes">{ lang.t(m::EDGE_MARK) }</span>
                }
            </th>
            if !props.compact { <td translate="no">{ r.level.clone() }</td> }
            <td class="num">{ thousands(r.students) }</td>
            <td>{ tier_mix(&r.shares, lang) }</td>
            if !props.compact { <td class="num">{ r.mean_shown.clone() }</td> }
            <td class="num">{ r.cents.map_or(String::new(), full_dollars) }</td>
            <td class="num">{ money_change(r.cents_change) }</td>
        </tr>
    }
}

/// One school as a card on a phone: rank, change and the whole name on the first line; tier
/// mix, tier-1 share and the money (amount and change) on the second.
#[component]
fn SchoolCard(props: &SchoolRowProps) -> Html {
    let SchoolRowProps { row: r, position, selected, flagged, lang, .. } = props;
    let (lang, position) = (*lang, *position);
    let onclick = props.on_select();
    let tier1 = r.shares.first().map_or(String::new(), |s| lang.fill(m::CARD_TIER1, &[("percent", &format!("{:.0}", s * 100.0))]));
    html! {
        <tr data-testid="school-card" data-school-id={r.id.clone()} data-row-key={r.index.to_string()} data-rank={r.rank.to_string()} data-level={r.level.clone()}
            aria-rowindex={(position + 2).to_string()} data-position={position.to_string()}>
            <td>
                <div class="card-line">
                    <span class="card-rank">{ r.rank }</span>
                    { rank_change(r.change, lang) }
                    <span class="card-name" translate="no">
                        <button type="button" class="link" data-testid="select-school" aria-pressed={selected.to_string()} {onclick} title={r.name.clone()}>
                            { r.name.clone() }
                        </button>
                    </span>
                    if *flagged {
                        <span class="edge-mark" title={lang.t(m::EDGE_SCHOOL_TITLE)}>{ lang.t(m::EDGE_MARK) }</span>
                    }
                </div>
                <div class="card-line card-figures">
                    { tier_mix(&r.shares, lang) }
                    <span>{ tier1 }</span>
                    <span class="card-money">{ r.cents.map_or(String::new(), full_dollars) }{ " " }{ money_change(r.cents_change) }</span>
                </div>
            </td>
        </tr>
    }
}

/// With only areas loaded: areas ranked by score (rank 1 = lowest).
#[component]
fn AreaTable() -> Html {
    perf::rendered("AreaTable");
    let (handle, _) = use_explorer();
    let lang = handle.lang;
    let rows_in_view = use_rows_in_view();
    let selection = use_selection();
    let Ok(app) = &handle.app else { return html! {} };
    let eval = &app.current.evaluation;
    let ids = app.current.prepared.ids();
    let population = app.current.prepared.population();
    let order = eval.areas.in_rank_order();
    let total = order.len();
    let (first, count) = rows_in_view.range(total, ROW_PX);
    html! {
        <section class="panel table-panel" aria-labelledby="ranking-heading">
            <h2 id="ranking-heading">{ lang.t(m::AREA_RANKING) }</h2>
            <p class="hint">{ lang.fill(m::AREA_RANKING_HINT, &[("n", &total)]) }</p>
            <div class="table-wrap" tabindex="0" role="region" aria-label={lang.t(m::AREA_TABLE_REGION)}
                ref={rows_in_view.wrap.clone()} onscroll={rows_in_view.onscroll.clone()} data-testid="ranking-scroll">
                <table data-testid="ranking-table" aria-rowcount={(total + 1).to_string()}>
                    <thead><tr>
                        <th scope="col" class="num">{ lang.t(m::RANK) }</th><th scope="col" class="num">{ lang.t(m::CHANGE) }</th>
                        <th scope="col">{ lang.t(m::AREA) }</th><th scope="col" class="num">{ lang.t(m::POPULATION) }</th>
                        <th scope="col" class="num">{ lang.t(m::SCORE) }</th><th scope="col" class="num">{ lang.t(m::TIER) }</th>
                        <th scope="col" class="num">{ lang.t(m::TIER_CHANGE) }</th>
                    </tr></thead>
                    <tbody>
                        { spacer(first, 7, ROW_PX) }
                        { for order.iter().enumerate().skip(first).take(count).map(|(position, &i)| {
                            let i = i as usize;
                            let a = &eval.areas.of(i);
                            let tier_change = app.comparison.area_tier_change(i).unwrap_or(0);
                            html! {
                                <tr key={i} data-testid="area-row" data-area-id={ids[i].to_owned()} data-row-key={i.to_string()} data-tier={a.tier.map(|t| t.to_string())}
                                    aria-rowindex={(position + 2).to_string()} data-position={position.to_string()}>
                                    <td class="num">{ a.rank.unwrap_or(0) }</td>
                                    <td class="num">{ rank_change(app.comparison.area_rank_change(i).unwrap_or(0), lang) }</td>
                                    <th scope="row" translate="no">
                                        <button type="button" class="link" data-testid="select-area"
                                            aria-pressed={(*selection == Some(Selected::Area(i))).to_string()}
                                            onclick={let selection = selection.clone(); move |_| selection.set(Some(Selected::Area(i)))}>
                                            { ids[i].to_owned() }
                                        </button>
                                        if app.current.knife_edge.areas[i] {
                                            <span class="edge-mark" title={lang.t(m::EDGE_AREA_TITLE)} translate="yes">{ lang.t(m::EDGE_MARK) }</span>
                                        }
                                    </th>
                                    <td class="num">{ thousands(population[i]) }</td>
                                    <td class="num">{ a.score.map_or("–".into(), |s| format!("{s:.1}")) }</td>
                                    <td class="num">{ a.tier.map_or(String::new(), |t| t.to_string()) }</td>
                                    <td class="num">{ if tier_change == 0 { "–".to_string() } else { format!("{tier_change:+}") } }</td>
                                </tr>
                            }
                        }) }
                        { spacer(total - first - count, 7, ROW_PX) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// A column's heading, a button that sorts by it. A narrow column's heading may be shorter
/// than its name (Spanish "Pos." for "Puesto"): the short form is shown, the full name is what
/// a screen reader says and a pointer sees.
fn sort_header(sort: &UseStateHandle<SortKey>, key: SortKey, label: Msg, class: &'static str, lang: Lang) -> Html {
    let active = **sort == key;
    let (full, short) = (lang.t(label), lang.t(short_header(label)));
    let onclick = {
        let sort = sort.clone();
        Callback::from(move |_| sort.set(key))
    };
    html! {
        <th scope="col" class={class} aria-sort={match (active, ascending(key)) { (false, _) => "none", (true, true) => "ascending", (true, false) => "descending" }}>
            <button type="button" class="sort" {onclick} data-testid={format!("sort-{key:?}").to_lowercase()} title={(short != full).then_some(full)}>
                if short == full {
                    { full }
                } else {
                    <span aria-hidden="true">{ short }</span><span class="visually-hidden">{ full }</span>
                }
                { if active { if ascending(key) { " ↑" } else { " ↓" } } else { "" } }
            </button>
        </th>
    }
}

/// The ranking as a table: the rows in view between spacers the height of those above and
/// below (`rows`: the first shown, how many, and in all).
fn ranking_rows_table(
    compact: bool,
    (first, count, total): (usize, usize, usize),
    row_px: f64,
    in_view: Html,
    header: &dyn Fn(SortKey, Msg, &'static str) -> Html,
) -> Html {
    let columns = if compact { 7 } else { 9 };
    html! {
        <table class="ranking" data-testid="ranking-table" aria-rowcount={(total + 1).to_string()}>
            <colgroup>
                <col class="c-rank" /><col class="c-change" /><col class="c-name" />
                if !compact { <col class="c-level" /> }
                <col class="c-students" /><col class="c-mix" />
                if !compact { <col class="c-mean" /> }
                <col class="c-money" /><col class="c-money" />
            </colgroup>
            <thead><tr>
                { header(SortKey::Rank, m::RANK, "num") }
                { header(SortKey::Change, m::CHANGE, "num") }
                { header(SortKey::Name, m::SCHOOL, "") }
                if !compact { { header(SortKey::Level, m::LEVEL, "") } }
                { header(SortKey::Students, m::STUDENTS, "num") }
                { header(SortKey::Tier1, m::TIER_MIX, "") }
                if !compact { { header(SortKey::Mean, m::MEAN_SCORE, "num") } }
                { header(SortKey::Allocation, m::ALLOCATION, "num") }
                { header(SortKey::AllocationChange, m::CHANGE, "num") }
            </tr></thead>
            <tbody>
                { spacer(first, columns, row_px) }
                { in_view }
                { spacer(total - first - count, columns, row_px) }
            </tbody>
        </table>
    }
}
