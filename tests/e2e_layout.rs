//! Real-browser tests of the screens people hold: a 1366×768 laptop or projector, a 1920×1080
//! desktop and a 390×844 phone, in English and Spanish. The core loop (the weights, the
//! summary, and the ranking they change) is on one screen; every section is one click away;
//! names are whole. Screenshots go to `test-artifacts/e2e-layout/`.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::Client;
use fantoccini::key::Key;
use serde_json::Value;
use support::*;

const GROUP: &str = "e2e-layout";

/// Sets the page's own size (the viewport), whatever the window's bars take.
async fn viewport(client: &Client, width: u32, height: u32) {
    client.set_window_size(width, height).await.unwrap();
    let bars: (u32, u32) = serde_json::from_value(
        js(client, "return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight];").await,
    )
    .unwrap();
    client.set_window_size(width + bars.0, height + bars.1).await.unwrap();
    until(
        client,
        &format!("a {width}x{height} viewport"),
        &format!("return window.innerWidth === {width} && window.innerHeight === {height};"),
    )
    .await;
}

/// What is on the first screen, measured in the page: every weight slider, the summary, and
/// the first ten rows of the ranking with their names, each against the viewport and each
/// name's text against its cell (its clipping box).
const FIRST_SCREEN: &str = r#"
const vh = window.innerHeight, vw = window.innerWidth;
const seen = e => { const r = e.getBoundingClientRect(); if (r.width === 0 || r.top < 0 || r.bottom > vh + 0.5 || r.left < 0 || r.right > vw + 0.5) return false;
  const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); return !!at && (at === e || e.contains(at)); };
const sliders = Array.from(document.querySelectorAll('input[type=range][data-testid^=weight-slider-]'));
const rows = Array.from(document.querySelectorAll('[data-testid=school-row], [data-testid=area-row], [data-testid=school-card]')).slice(0, 10);
const names = rows.map(r => { const n = r.querySelector('[data-testid=select-school], [data-testid=select-area]'); const cell = n.closest('th, .card-name') || n;
  return { name: n.textContent.trim(), seen: seen(n), whole: cell.scrollWidth <= cell.clientWidth + 1 && n.getBoundingClientRect().right <= cell.getBoundingClientRect().right + 1 && n.scrollWidth <= n.clientWidth + 1 }; });
return { sliders: sliders.length, slidersSeen: sliders.filter(seen).length, summary: seen(document.querySelector('[data-testid=summary]')),
  rows: rows.length, names, sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
  pageTaller: document.documentElement.scrollHeight > vh + 1 };
"#;

fn assert_first_screen(facts: &Value, sliders: u64, screen: &str) {
    assert_eq!(facts["sliders"], sliders, "{screen}: {facts}");
    assert_eq!(facts["slidersSeen"], sliders, "{screen}: every weight slider on the first screen: {facts}");
    assert_eq!(facts["summary"], true, "{screen}: the summary on the first screen: {facts}");
    assert_eq!(facts["rows"], 10, "{screen}: {facts}");
    for name in facts["names"].as_array().unwrap() {
        assert_eq!(name["seen"], true, "{screen}: a name of the top ten on the first screen: {name}");
        assert_eq!(name["whole"], true, "{screen}: a name cut: {name}");
    }
    assert_eq!(facts["sideways"], false, "{screen}: nothing sideways: {facts}");
    assert_eq!(facts["pageTaller"], false, "{screen}: the page is the screen; its columns scroll: {facts}");
}

/// Opens the demo and waits for its sliders and its schools, as rows (`school-row`) or, on a
/// phone, as cards (`school-card`).
async fn open_demo_showing(client: &Client, base: &str, schools: &str) {
    client.goto(base).await.unwrap();
    open_whole_page(client).await;
    until(
        client,
        "the demo's weights and schools",
        &format!(
            "return !!document.querySelector('[data-testid={schools}]') && !!document.querySelector('[data-testid=weight-slider-4]');"
        ),
    )
    .await;
}

async fn open_demo(client: &Client, base: &str) {
    open_demo_showing(client, base, "school-row").await;
}

async fn to_spanish(client: &Client) {
    by_testid(client, "language").await.select_by_value("es").await.unwrap();
    until(client, "the page in Spanish", "return document.documentElement.lang === 'es';").await;
}

#[tokio::test]
async fn the_weights_the_summary_and_ten_whole_names_share_the_first_laptop_screen() {
    let Some(Session { turn: _turn, server, driver, client }) = session(1366, 768, None).await else { return };
    viewport(&client, 1366, 768).await;
    open_demo(&client, &server.base).await;
    let facts = js(&client, FIRST_SCREEN).await;
    screenshot(&client, GROUP, "01-laptop-1366x768").await;
    assert_first_screen(&facts, 5, "1366x768");

    to_spanish(&client).await;
    let facts = js(&client, FIRST_SCREEN).await;
    screenshot(&client, GROUP, "02-laptop-1366x768-es").await;
    assert_first_screen(&facts, 5, "1366x768, Spanish");

    viewport(&client, 1920, 1080).await;
    let facts = js(&client, FIRST_SCREEN).await;
    screenshot(&client, GROUP, "03-desktop-1920x1080-es").await;
    assert_first_screen(&facts, 5, "1920x1080, Spanish");
    assert_accessible(&client, "the page at 1920x1080 in Spanish").await;
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

#[tokio::test]
async fn chicagos_six_weights_fit_the_first_laptop_screen_too() {
    let path = root().join("examples/chicago/cps-tracts-fy2015.csv");
    let Some(Session { turn: _turn, server, driver, client }) = session(1366, 768, None).await else { return };
    viewport(&client, 1366, 768).await;
    open_demo(&client, &server.base).await;
    choose_files(&client, "file-input", &[&path]).await;
    until(&client, "the mapping form", "return !!document.querySelector('[data-testid=mapping-0]');").await;
    by_testid(&client, "known-chicago-0").await.click().await.unwrap();
    by_testid(&client, "use-files").await.click().await.unwrap();
    until(
        &client,
        "Chicago's six weights",
        "return !!document.querySelector('[data-testid=weight-slider-5]') && !!document.querySelector('[data-testid=area-row]');",
    )
    .await;
    let facts = js(&client, FIRST_SCREEN).await;
    screenshot(&client, GROUP, "04-laptop-1366x768-chicago").await;
    assert_first_screen(&facts, 6, "1366x768, Chicago");
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

#[tokio::test]
async fn every_section_is_one_click_away_and_the_weights_and_summary_stay_in_view() {
    let Some(Session { turn: _turn, server, driver, client }) = session(1366, 768, None).await else { return };
    viewport(&client, 1366, 768).await;
    open_demo(&client, &server.base).await;
    let sections = [
        "ranking",
        "money-section",
        "child-section",
        "map-section",
        "explain-section",
        "compare-section",
        "stability-section",
        "workshop-section",
        "charts-section",
        "data-section",
        "share-section",
    ];
    for (k, id) in sections.iter().enumerate() {
        // By mouse, and by keyboard (Tab to the link, Enter) every other time.
        if k % 2 == 0 {
            by_testid(&client, &format!("nav-{id}")).await.click().await.unwrap();
        } else {
            js(&client, &format!("document.querySelector('[data-testid=nav-{id}]').focus(); return true;")).await;
            press(&client, Key::Enter).await;
        }
        until(
            &client,
            &format!("{id} in view"),
            &format!(
                "const r = document.getElementById('{id}').getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight / 2;"
            ),
        )
        .await;
        until(&client, &format!("{id} marked current"), &format!("return document.querySelector('[data-testid=nav-{id}]').getAttribute('aria-current') === 'location' && document.querySelectorAll('nav.sections [aria-current]').length === 1;")).await;
        assert_eq!(js(&client, "return document.activeElement.id;").await, *id, "the focus moves to the section");
        let facts = js(&client, FIRST_SCREEN).await;
        assert_eq!(
            js(&client, "return [window.scrollY, document.querySelector('main').scrollTop];").await,
            serde_json::json!([0, 0]),
            "{id}: the page does not move"
        );
        assert_eq!(facts["slidersSeen"], 5, "{id}: the weights stay in view: {facts}");
        assert_eq!(facts["summary"], true, "{id}: the summary stays in view: {facts}");
        if *id == "workshop-section" {
            screenshot(&client, GROUP, "05-laptop-workshop").await;
        }
    }
    // A weight moved while another section is open changes the summary in view.
    let before = by_testid(&client, "summary").await.text().await.unwrap();
    js(&client, "const s = document.querySelector('[data-testid=weight-slider-0]'); s.value = '80'; s.dispatchEvent(new Event('input', {bubbles: true})); return true;").await;
    until(
        &client,
        "the summary to follow",
        &format!("return document.querySelector('[data-testid=summary]').textContent !== {};", serde_json::to_string(&before).unwrap()),
    )
    .await;
    assert_accessible(&client, "the page with the bar of sections").await;
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

/// On a phone: names readable, the ranking within a screen of the sliders, the block that
/// stays at the top at most a fifth of the screen, nothing sideways.
const PHONE: &str = r#"
const vh = window.innerHeight, d = document.documentElement;
const block = document.querySelector('[data-testid=baseline]').getBoundingClientRect();
const lastSlider = document.querySelector('input[type=range][data-testid^=weight-slider-]:last-of-type');
const sliders = Array.from(document.querySelectorAll('input[type=range][data-testid^=weight-slider-]'));
const lastBottom = sliders[sliders.length - 1].getBoundingClientRect().bottom + window.scrollY;
const ranking = document.getElementById('ranking').getBoundingClientRect().top + window.scrollY;
const names = Array.from(document.querySelectorAll('[data-testid=school-card] [data-testid=select-school]')).slice(0, 10).map(n => {
  const r = n.getBoundingClientRect(); return { name: n.textContent.trim(), width: r.width, whole: n.scrollWidth <= n.clientWidth + 1 && n.scrollHeight <= n.clientHeight + 1 }; });
return { block: block.height, height: vh, sideways: d.scrollWidth > d.clientWidth, fromSliders: ranking - lastBottom, names };
"#;

#[tokio::test]
async fn a_phone_shows_every_schools_name_and_reaches_the_ranking_within_a_screen() {
    let Some(Session { turn: _turn, server, driver, client }) = session(500, 900, None).await else { return };
    if driver.engine.lacks(Capability::ScreenEmulation, "a 390 px phone") {
        return;
    }
    driver.emulate_screen(&client, 390, 844).await;
    open_demo_showing(&client, &server.base, "school-card").await;
    assert_eq!(js(&client, "return [window.innerWidth, window.innerHeight];").await, serde_json::json!([390, 844]));
    for (lang, shot) in [("en", "06-phone-390"), ("es", "07-phone-390-es")] {
        if lang == "es" {
            to_spanish(&client).await;
        }
        js(&client, "window.scrollTo(0, 0); return true;").await;
        let facts = js(&client, PHONE).await;
        screenshot(&client, GROUP, shot).await;
        assert_eq!(facts["sideways"], false, "{lang}: nothing sideways: {facts}");
        assert!(
            facts["block"].as_f64().unwrap() <= 0.2 * facts["height"].as_f64().unwrap(),
            "{lang}: the block at the top takes at most 20%: {facts}"
        );
        assert!(
            facts["fromSliders"].as_f64().unwrap() <= facts["height"].as_f64().unwrap(),
            "{lang}: the ranking within one screen after the sliders: {facts}"
        );
        let names = facts["names"].as_array().unwrap();
        assert_eq!(names.len(), 10, "{lang}: {facts}");
        for n in names {
            assert!(n["width"].as_f64().unwrap() > 100.0 && n["whole"] == true, "{lang}: a name readable on the phone: {n}");
        }
        by_testid(&client, "nav-ranking").await.click().await.unwrap();
        until(
            &client,
            "the ranking in view",
            "const r = document.getElementById('ranking').getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight / 2;",
        )
        .await;
        screenshot(&client, GROUP, &format!("{shot}-ranking")).await;
    }
    assert_accessible(&client, "the phone page in Spanish").await;
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}
