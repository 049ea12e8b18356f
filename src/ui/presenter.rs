//! Presenter mode: one big, high-contrast screen for a board meeting — the summary sentence, the
//! schools at the top and bottom of the ranking with their changes, the fairness figures, one
//! chart at a time, and a QR code of the share link. Keys (and a clicker's arrow and Page keys):
//! ←/→ step through saved scenarios, B shows the baseline, 1–9 pick a chart, F full screen,
//! Esc leaves. What each key does is [`crate::app::presenter::key_action`].

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::browser::storage_entries;
use super::compare_panel::{ChartSize, need_chart_with};
use super::state::{Screen, UiAction, use_explorer, use_ui_dispatch};
use crate::app::i18n::{Lang, MoneyScale, Msg, catalogue as m};
use crate::app::map::{FillInput, MapColour, fill, svg_areas};
use crate::app::presenter::{
    PresenterKey, RankLine, Side, digits_shown, key_action, presenter_title, qr_svg, saved_on_screen, side_scenario, top_and_bottom,
};
use crate::app::notice::ScenarioSource;
use crate::app::scenario::{STORAGE_PREFIX, SavedScenario};
use crate::app::state::{AppState, Computed};
use crate::engine::fairness::{Fairness, Title1Options, fairness};
use std::rc::Rc;

/// The type of the drawn chart's labels, in screen pixels (the page's own text is 20 px or more).
const PRESENTER_CHART_FONT_PX: f64 = 20.0;

fn ranking_rows(lines: &[RankLine], scale: MoneyScale, lang: Lang) -> Html {
    html! {
        { for lines.iter().map(|l| { let (amount, change) = money_text(l, scale, lang); html! {
            <tr data-testid="presenter-row">
                <td class="num">{ l.rank }</td>
                <th scope="row" class="p-name" translate="no">{ l.name.clone() }</th>
                <td class="num">{ match l.change {
                    0 => html! { <span class="change same">{ "–" }</span> },
                    c if c > 0 => html! { <span class="change up">{ format!("▲ {c}") }<span class="visually-hidden">{ lang.t(m::MOVED_UP_WORD) }</span></span> },
                    c => html! { <span class="change down">{ format!("▼ {}", -c) }<span class="visually-hidden">{ lang.t(m::MOVED_DOWN_WORD) }</span></span> },
                } }</td>
                <td class="num">{ l.tier1_share.map_or(String::new(), |s| format!("{:.0}%", s * 100.0)) }</td>
                <td class="num">
                    { amount }
                    <span class="p-delta">{ change }</span>
                </td>
            </tr>
        }}) }
    }
}

/// A line's amount and its change as shown: the amount, and " (change)".
fn money_text(l: &RankLine, scale: MoneyScale, lang: Lang) -> (String, String) {
    let amount = l.cents.map_or(String::new(), |c| lang.dollars_at(c, scale));
    let change = l.cents_change.map_or(String::new(), |c| match c {
        0 => " (–)".into(),
        c => format!(" ({})", lang.dollar_change_at(c, scale)),
    });
    (amount, change)
}

fn fullscreen(on: bool) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if on {
        if let Some(root) = document.document_element() {
            let _ = root.request_fullscreen();
        }
    } else if document.fullscreen_element().is_some() {
        document.exit_fullscreen();
    }
}

#[component]
pub fn PresenterView() -> Html {
    let (handle, _) = use_explorer();
    let ui = use_ui_dispatch();
    let chart = use_state(|| 0usize);
    let side = use_state(Side::default);
    let saved = use_memo((), |_| {
        storage_entries(STORAGE_PREFIX).into_iter().filter_map(|(k, v)| SavedScenario::from_storage(&k, &v).ok()).collect::<Vec<_>>()
    });
    let position = use_state(|| None::<usize>);
    // The chart is drawn at the width it takes on screen, so its type is the size asked for
    // (measured after the first render and on every resize).
    let chart_box = use_node_ref();
    let chart_width = use_width_of(&chart_box);
    // Said when → or ← is pressed with no scenario saved.
    let no_saved = use_state(|| false);
    let lang = handle.lang;
    // The charts this data has, in the order the number keys pick them.
    let charts: Vec<Msg> = {
        let mut c = Vec::new();
        if handle.app.as_ref().is_ok_and(|a| a.data.map.is_some()) {
            c.push(m::MAP_OF_TIERS);
        }
        if handle.app.as_ref().is_ok_and(|a| a.data.schools().is_some()) {
            c.push(m::FUNDING_AGAINST_NEED);
        }
        c
    };
    use_presenter_keys(PresenterKeys { chart: chart.clone(), side: side.clone(), saved: saved.clone(), position: position.clone(), no_saved: no_saved.clone(), chart_count: charts.len() });
    let Ok(app) = &handle.app else { return html! {} };
    let show_baseline = *side == Side::Baseline;
    let (shown, other) = side.of(app);
    let (top, bottom) = top_and_bottom(app, &shown.evaluation, &other.evaluation, 5);
    let (rank_digits, moved_digits) = digits_shown(top.iter().chain(&bottom));
    // One unit for every amount and change in the table, in a column as wide as the widest
    // shown (a class per count of characters: the page's policy allows no inline style).
    let scale = MoneyScale::for_amounts(top.iter().chain(&bottom).filter_map(|l| l.cents));
    let money_chars = top.iter().chain(&bottom).map(|l| {
        let (amount, change) = money_text(l, scale, lang);
        amount.chars().count() + change.chars().count() + 1
    }).max().unwrap_or(0);
    let saved_shown = saved_on_screen(app, &saved, *position).filter(|_| !show_baseline);
    let title = presenter_title(&shown.formula, app.data.dataset.areas.table(), saved_shown.map(|s| (s.name.as_str(), &s.scenario.formula)), lang);
    // The phones open the side on screen, by the saved scenario's name while it is unchanged.
    let saved_name = saved_shown.filter(|s| s.scenario.formula == shown.formula).map(|s| s.name.as_str());
    let link = {
        let location = web_sys::window().map(|w| w.location());
        let base = location
            .as_ref()
            .map(|l| format!("{}{}", l.origin().unwrap_or_default(), l.pathname().unwrap_or_default()))
            .unwrap_or_default();
        format!("{base}{}", side_scenario(app, *side, saved_name).to_fragment())
    };
    let qr = qr_svg(&link).map_err(|long| lang.fill(m::QR_TOO_LONG, &[("n", &long.characters)]));
    let fair = app.data.schools().map(|s| fairness(&shown.evaluation, s, Some(shown.allocation.method), &Title1Options::default()));
    let chart_view = presenter_chart(app, charts.get(*chart).copied(), shown, other, chart_width, lang);
    let caption = if app.data.schools().is_some() { m::PRESENTER_FIVE_SCHOOLS } else { m::PRESENTER_FIVE_AREAS };
    html! {
        <section class="presenter" data-testid="presenter" aria-label={lang.t(m::PRESENTER_MODE_LABEL)}>
            <header class="presenter-head">
                <h1 data-testid="presenter-title" translate="no">{ title }</h1>
                <p class="presenter-which" data-testid="presenter-showing">
                    { lang.t(if show_baseline { m::PRESENTER_SHOWING_BASELINE } else { m::PRESENTER_SHOWING_SCENARIO }) }
                    { position.map(|p| lang.fill(m::PRESENTER_SAVED_POSITION, &[("n", &(p + 1)), ("count", &saved.len()), ("name", &saved[p].name)])).unwrap_or_default() }
                    <span class="presenter-switch">{ lang.t(if show_baseline { m::PRESENTER_TO_SCENARIO } else { m::PRESENTER_TO_BASELINE }) }</span>
                </p>
                <button type="button" data-testid="presenter-leave" onclick={ui.reform(|_| { fullscreen(false); UiAction::Show(Screen::Explorer) })}>{ lang.t(m::PRESENTER_LEAVE) }</button>
            </header>
            if *no_saved && saved.is_empty() {
                <p class="presenter-no-saved" role="status" data-testid="presenter-no-saved">{ lang.t(m::PRESENTER_NO_SAVED) }</p>
            }
            <p class="presenter-summary" data-testid="presenter-summary">{ if show_baseline { lang.t(m::PRESENTER_BASELINE_AS_IS).to_string() } else { app.summary(lang) } }</p>
            <div class="presenter-body">
                <div class="presenter-ranking">
                    // Made anew when the screen's size changes: WebKit keeps a fixed table's
                    // column widths from the type it had before, and cut the numbers.
                    <table key={format!("{:?}", chart_width)}>
                        <caption>{ lang.t(caption) }</caption>
                        // The rank's, the move's and the money's columns as wide as the widest
                        // number shown (a class per count of digits or characters: the page's
                        // policy allows no inline style), set on the headings: every engine sizes a
                        // fixed table's columns by its first row (WebKit misreads a column's `em`).
                        <thead><tr>
                            <th scope="col" class={classes!("num", "p-rank", format!("digits-{}", rank_digits.min(7)))}>{ lang.t(m::RANK) }</th>
                            <th scope="col" class="p-name">{ lang.t(m::NAME_HEADER) }</th>
                            <th scope="col" class={classes!("num", "p-moved", format!("digits-{}", moved_digits.min(7)))}>{ lang.t(m::MOVED) }</th>
                            <th scope="col" class="num p-share">{ lang.t(m::TIER_ONE) }</th>
                            <th scope="col" class={classes!("num", "p-money", format!("chars-{}", money_chars.clamp(10, 26)))}>{ lang.t(m::MONEY) }</th>
                        </tr></thead>
                        <tbody>
                            { ranking_rows(&top, scale, lang) }
                            <tr class="gap" aria-hidden="true"><td colspan="5">{ "⋮" }</td></tr>
                            { ranking_rows(&bottom, scale, lang) }
                        </tbody>
                    </table>
                    { fair.map(|f| fairness_lines(&f, app, lang)).unwrap_or_default() }
                </div>
                <div class="presenter-chart" ref={chart_box}>
                    if !charts.is_empty() {
                        <p class="presenter-chart-name" data-testid="presenter-chart">{ lang.fill(m::PRESENTER_CHART_NAME, &[("name", &lang.t(charts[(*chart).min(charts.len() - 1)])), ("n", &((*chart).min(charts.len() - 1) + 1)), ("count", &charts.len())]) }</p>
                    }
                    { chart_view }
                </div>
                <figure class="presenter-qr">
                    { match &qr {
                        Ok(svg) => html! { <div data-testid="presenter-qr" role="img" aria-label={lang.t(m::QR_LABEL)}>{ Html::from_html_unchecked(AttrValue::from(svg.clone())) }</div> },
                        Err(e) => html! { <p>{ e.clone() }</p> },
                    } }
                    <figcaption>{ lang.t(m::QR_CAPTION) }</figcaption>
                </figure>
            </div>
        </section>
    }
}

/// The presenter's state a key changes, and how many charts there are to pick from.
struct PresenterKeys {
    chart: UseStateHandle<usize>,
    side: UseStateHandle<Side>,
    saved: Rc<Vec<SavedScenario>>,
    position: UseStateHandle<Option<usize>>,
    no_saved: UseStateHandle<bool>,
    chart_count: usize,
}

/// Keys anywhere on the page while presenting (a clicker sends them to the document): → and ←
/// step through the saved scenarios, B flips to the baseline, a number picks a chart, F goes
/// full screen, Escape leaves.
#[hook]
fn use_presenter_keys(keys: PresenterKeys) {
    let ui = use_ui_dispatch();
    let PresenterKeys { chart, side, saved, position, no_saved, chart_count } = keys;
    let on_leave = ui.reform(|()| UiAction::Show(Screen::Explorer));
        use_effect_with((*position, *chart, *side, chart_count), move |_| {
        let listener = web_sys::window().and_then(|w| w.document()).map(|d| {
            EventListener::new_with_options(&d, "keydown", EventListenerOptions::enable_prevent_default(), move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                if e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                let Some(action) = key_action(&e.key()) else { return };
                e.prevent_default();
                match action {
                    PresenterKey::Next | PresenterKey::Previous if !saved.is_empty() => {
                        let n = saved.len();
                        let next = match (*position, action) {
                            (None, PresenterKey::Next) => 0,
                            (None, _) => n - 1,
                            (Some(p), PresenterKey::Next) => (p + 1) % n,
                            (Some(p), _) => (p + n - 1) % n,
                        };
                        position.set(Some(next));
                        side.set(Side::Scenario);
                        ui.emit(UiAction::OpenScenario {
                            scenario: Box::new(saved[next].scenario.clone()),
                            source: ScenarioSource::Saved(saved[next].name.clone()),
                        });
                    }
                    PresenterKey::Next | PresenterKey::Previous => no_saved.set(true),
                    PresenterKey::ToggleBaseline => side.set(side.flipped()),
                    PresenterKey::Chart(k) if k < chart_count => chart.set(k),
                    PresenterKey::Chart(_) => {}
                    PresenterKey::FullScreen => {
                        let on = web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.fullscreen_element().is_none());
                        fullscreen(on);
                    }
                    PresenterKey::Leave => {
                        fullscreen(false);
                        on_leave.emit(());
                    }
                }
            })
        });
        move || drop(listener)
    });
}

/// The chart asked for by its number: the map of tiers (its legend in large type) or funding
/// against need.
fn presenter_chart(app: &AppState, chart: Option<Msg>, shown: &Computed, other: &Computed, width: Option<f64>, lang: Lang) -> Html {
    match chart {
    Some(c) if c == m::MAP_OF_TIERS => {
        // One fill for the drawing and for its legend in large type (the drawing's own
        // legend is small on a projector).
        let drawn = app.data.map.as_ref().and_then(|m| fill(m, &MapColour::Tier, &FillInput { evaluation: &shown.evaluation, ..FillInput::current(app, lang) }).ok().map(|f| (m, f)));
        match drawn {
            Some((m, legend)) => html! {
                <>
                    // The areas alone: the title and legend are this screen's own, in large type.
                    { svg_areas(m, &legend).map(|svg| html! { <div class="presenter-map">{ Html::from_html_unchecked(AttrValue::from(svg)) }</div> }).unwrap_or_default() }
                    <ul class="presenter-legend" data-testid="presenter-legend">
                        { for legend.classes.iter().map(|c| html! {
                            <li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false"><rect width="10" height="10" fill={c.colour_hex()} stroke="#000" /></svg>
                                { format!(" {} ({})", c.label, c.count) }</li>
                        }) }
                    </ul>
                </>
            },
            None => html! {},
        }
    }
    Some(_) => match app.data.schools() {
        Some(s) => {
            let size = ChartSize {
                width: width.unwrap_or(ChartSize::PANEL.width),
                font: PRESENTER_CHART_FONT_PX,
                tick: PRESENTER_CHART_FONT_PX,
                short_axes: true,
            };
            need_chart_with(&other.evaluation, &shown.evaluation, &s.names, None, size, lang)
        }
        None => html! {},
    },
    None => html! {},
}
}

/// The fairness figures under the presenter's table.
fn fairness_lines(f: &Fairness, app: &AppState, lang: Lang) -> Html {
    html! {
        <ul class="presenter-fairness" data-testid="presenter-fairness">
            <li>{ lang.fill(m::PRESENTER_MONEY_FOLLOWS, &[("ratio", &f.progressivity_allocation.map_or("–".into(), |r| format!("{r:.2}×")))]) }</li>
            <li>{ lang.fill(m::PRESENTER_SEPARATION, &[("percent", &f.dissimilarity.map_or("–".into(), |d| format!("{:.0}%", d * 100.0)))]) }</li>
            <li>{ lang.fill(m::PRESENTER_SCHOOLS_90, &[("n", &f.schools_90pct_tier1)]) }</li>
            <li>{ lang.fill(m::PRESENTER_MOVED_OTHER_SIDE, &[("money", &lang.short_dollars(app.comparison.cents_moved()))]) }</li>
        </ul>
    }
}

/// The width `node` takes on screen, measured after the first render and on every resize (the
/// chart is drawn at it, so its type is the size asked for).
#[hook]
fn use_width_of(node: &NodeRef) -> Option<f64> {
    let width = use_state_eq(|| None::<f64>);
    {
        let (node, width) = (node.clone(), width.clone());
        use_effect_with((), move |_| {
            let measure = move || {
                if let Some(e) = node.cast::<web_sys::Element>() {
                    let w = f64::from(e.client_width());
                    if w > 0.0 {
                        width.set(Some(w));
                    }
                }
            };
            measure.clone()();
            let listener = web_sys::window().map(|w| EventListener::new(&w, "resize", move |_| measure()));
            move || drop(listener)
        });
    }
    *width
}
