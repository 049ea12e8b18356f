//! Real-browser tests of the page in two modules: the first load carries the first module only
//! (the weights, the ranking and the money), within its download budget; the whole page loads
//! when a person goes past them, and takes over with the same screen, scroll and focus; and
//! when it cannot load, the first module says so, keeps working and tries again. Screenshots
//! and the first load's files go to `test-artifacts/e2e-whole-page/`.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::Duration;

use fantoccini::key::Key;
use serde_json::{Value, json};
use support::*;

const GROUP: &str = "e2e-whole-page";

/// The most the page may download before its first slider shows (gzip -9), in bytes. It
/// includes the starter of the offline cache and the manifest (1.4 KB together), and the
/// page's one reducer with its typed messages, worded when drawn (about 6 KB), and a formula's
/// student part with its controls and the demo's students, made when a formula asks for them
/// (about 22 KB; both measured in BENCHMARKS.md).
const FIRST_LOAD_BUDGET: u64 = 434_000;

/// The whole page's files and the other parts loaded on demand.
const ON_DEMAND: [&str; 5] = ["load-whole-page.js", "ses-explorer-whole", "workbook-worker", "examples/", "axe"];

/// The built app's files the browser was served for its first screen (before, the first
/// screen up and the browser idle, the service worker fetches the rest for offline use): each
/// one's name in the app's folder and its path in the build.
fn served_files(server: &StaticServer) -> Vec<(String, std::path::PathBuf)> {
    server
        .requests()
        .into_iter()
        .take_while(|r| !r.path.ends_with("service-worker.js"))
        .filter(|r| r.served)
        .map(|r| {
            let name = r.path.strip_prefix(&server.prefix).unwrap_or(&r.path).to_string();
            let file = dist().join(if name.is_empty() { "index.html" } else { &name });
            (name, file)
        })
        .collect()
}

fn gzipped_size(path: &std::path::Path) -> u64 {
    let out = std::process::Command::new("gzip").args(["-9c"]).arg(path).output().expect("gzip runs");
    assert!(out.status.success(), "gzip {}", path.display());
    out.stdout.len() as u64
}

/// What the screen shows: the first weight, the school order and the summary.
async fn screen(client: &fantoccini::Client) -> Value {
    js(
        client,
        "return [document.querySelector('[data-testid=weight-slider-1]').value,
                 Array.from(document.querySelectorAll('[data-testid=school-row]')).slice(0, 8).map(r => r.dataset.schoolId),
                 document.querySelector('[data-testid=summary]').textContent,
                 document.querySelector('[data-testid=allocation-panel]').textContent];",
    )
    .await
}

#[tokio::test]
async fn the_first_load_is_the_first_module_and_the_whole_page_takes_over_with_the_same_screen() {
    let Some(Session { turn: _turn, server, driver, client }) = session_under("/schools/ses-explorer/", 1366, 768, None).await else {
        return;
    };
    client.goto(&server.base).await.unwrap();
    until(&client, "the first module", "return !!document.querySelector('main[data-module=first] [data-testid=school-row]');").await;
    tokio::time::sleep(Duration::from_millis(1500)).await;

    // The first load: no part loaded on demand, and within the budget.
    let first_load = served_files(&server);
    for part in ON_DEMAND {
        assert!(first_load.iter().all(|(name, _)| !name.contains(part)), "{part} is not part of the first load: {first_load:?}");
    }
    let files: Vec<(String, u64, u64)> = first_load
        .iter()
        .filter(|(name, _)| !name.ends_with(".svg"))
        .map(|(name, file)| (name.clone(), std::fs::metadata(file).unwrap().len(), gzipped_size(file)))
        .collect();
    let total: u64 = files.iter().map(|f| f.2).sum();
    let report = json!({ "files": files, "gzipped_total": total, "budget": FIRST_LOAD_BUDGET });
    std::fs::create_dir_all(root().join("test-artifacts").join(GROUP)).unwrap();
    std::fs::write(root().join("test-artifacts").join(GROUP).join("first-load.json"), serde_json::to_string_pretty(&report).unwrap())
        .unwrap();
    assert!(total <= FIRST_LOAD_BUDGET, "the first load is {total} B gzipped, over its budget of {FIRST_LOAD_BUDGET} B: {files:?}");

    // The first module works on its own: a weight moved by keyboard moves the ranking.
    let before = screen(&client).await;
    by_testid(&client, "weight-slider-1").await.click().await.unwrap();
    for _ in 0..5 {
        press(&client, Key::Right).await;
    }
    until(&client, "the weight moved", &format!("return document.querySelector('[data-testid=weight-slider-1]').value !== {};", before[0]))
        .await;
    let moved = screen(&client).await;
    assert_ne!(moved[2], before[2], "the summary follows the weight");
    // The sections it does not have are there by name, each with a button.
    let placeholders =
        js(&client, "return Array.from(document.querySelectorAll('[data-testid=placeholder] h2')).map(h => h.textContent);").await;
    assert_eq!(placeholders, json!(["My child", "Map", "Why", "Compare", "How sure", "Workshop", "Charts", "Your data", "Save and share"]));
    assert_eq!(
        js(&client, "return document.querySelectorAll('[data-testid=placeholder] [role=status]').length;").await,
        1,
        "a screen reader hears the loading once, not once per section"
    );
    assert_accessible(&client, "the first module").await;
    screenshot(&client, GROUP, "01-first-module-1366").await;

    // The bar of sections goes to the map: the whole page loads, shows the same screen and
    // goes there.
    by_testid(&client, "nav-map-section").await.click().await.unwrap();
    until(&client, "the whole page's map", "return !document.querySelector('[data-module=first]') && document.querySelectorAll('main[data-module=whole] [data-testid=map] path[data-feature]').length === 600;").await;
    assert_eq!(screen(&client).await, moved, "the whole page shows what the first module showed");
    assert_eq!(js(&client, "return document.activeElement.id;").await, "map-section", "the keyboard is where the person went");
    until(
        &client,
        "the bar marks the map",
        "return document.querySelector('[aria-current=location]')?.dataset.testid === 'nav-map-section';",
    )
    .await;
    assert_eq!(js(&client, "return document.querySelectorAll('main').length;").await, 1, "one page");
    let asked: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    // Fetched ahead by the service worker once the first screen was up (for offline use), and
    // by the page itself only when it was not yet kept.
    for file in ["load-whole-page.js", "ses-explorer-whole.js", "ses-explorer-whole_bg.wasm"] {
        assert!((1..=2).contains(&asked.iter().filter(|p| p.ends_with(file)).count()), "{file} fetched at most twice: {asked:?}");
    }
    screenshot(&client, GROUP, "02-whole-page-at-the-map-1366").await;

    // The whole page works: another step of the same weight moves the ranking again.
    by_testid(&client, "weight-slider-1").await.click().await.unwrap();
    press(&client, Key::Right).await;
    until(&client, "one more step", &format!("return document.querySelector('[data-testid=weight-slider-1]').value !== {};", moved[0]))
        .await;
    assert_accessible(&client, "the whole page").await;
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

#[tokio::test]
async fn on_a_phone_scrolling_near_a_section_loads_the_whole_page_where_the_person_is() {
    let Some(Session { turn: _turn, server, driver, client }) = session(500, 844, None).await else {
        return;
    };
    driver.emulate_screen(&client, 390, 844).await;
    client.goto(&server.base).await.unwrap();
    // On a phone the ranking's rows are drawn when scrolled to; its table is there at once.
    until(&client, "the first module", "return !!document.querySelector('main[data-module=first] [data-testid=ranking-table]');").await;
    by_testid(&client, "weight-slider-0").await.click().await.unwrap();
    press(&client, Key::Left).await;
    let value = js(&client, "return document.querySelector('[data-testid=weight-slider-0]').value;").await;
    // The service worker may be fetching the whole page ahead (for offline use), but nothing
    // has started it: the first module is still the page.
    let started =
        js(&client, "return !!document.querySelector('script[data-whole-page]') || !!document.querySelector('[data-module=whole]');").await;
    assert_eq!(started, false, "nothing near the screen starts the whole page yet");
    let _ = &server;
    screenshot(&client, GROUP, "03-first-module-phone").await;

    // Scrolling down the page, with the focus still on the slider, until the money is in view:
    // the first placeholder comes near the screen.
    let y = js(&client, "const m = document.querySelector('[data-testid=allocation-panel]'); window.scrollTo(0, m.getBoundingClientRect().top + window.scrollY); return window.scrollY;").await;
    until(
        &client,
        "the whole page",
        "return !!document.querySelector('main[data-module=whole]') && !document.querySelector('[data-module=first]');",
    )
    .await;
    assert_eq!(js(&client, "return window.scrollY;").await, y, "the page stays where the person scrolled");
    assert_eq!(js(&client, "return document.activeElement.dataset.testid;").await, "weight-slider-0", "the focus stays on the slider");
    assert_eq!(js(&client, "return document.querySelector('[data-testid=weight-slider-0]').value;").await, value);
    screenshot(&client, GROUP, "04-whole-page-phone").await;
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

#[tokio::test]
async fn when_the_whole_page_cannot_load_the_first_module_says_so_keeps_working_and_tries_again() {
    let Some(Session { turn: _turn, server, driver: _driver, client }) = session(1366, 768, None).await else {
        return;
    };
    // Withheld from the start: the service worker, which keeps every file of the build, cannot
    // keep it ahead either.
    server.withhold(&["ses-explorer-whole_bg.wasm"]);
    client.goto(&server.base).await.unwrap();
    until(&client, "the first module", "return !!document.querySelector('main[data-module=first] [data-testid=school-row]');").await;
    by_testid(&client, "nav-compare-section").await.click().await.unwrap();
    until(
        &client,
        "the failure told",
        "return (document.querySelector('[data-testid=whole-page-fault]')?.textContent || '').includes('could not be loaded');",
    )
    .await;
    assert_eq!(
        js(&client, "return document.querySelector('[data-testid=whole-page-fault]').closest('[role]').getAttribute('role');").await,
        "alert"
    );
    assert!(
        text_of(&client, "compare-section").await.contains(
            "The rest of the page could not be loaded: the app's server did not send it (error 404). It will try again on your next click."
        ),
        "{}",
        text_of(&client, "compare-section").await
    );
    screenshot(&client, GROUP, "05-whole-page-not-loaded").await;

    // The first module still answers the weights.
    let before = screen(&client).await;
    js(&client, "const s = document.querySelector('[data-testid=weight-slider-1]'); s.value = '80'; s.dispatchEvent(new Event('input', {bubbles: true})); return true;").await;
    until(&client, "the weight moved", "return document.querySelector('[data-testid=weight-slider-1]').value === '80';").await;
    let moved = screen(&client).await;
    assert_ne!(moved[2], before[2], "the summary follows the weight");

    // The server answers again: the same button tries again, and the failure's message goes.
    server.release();
    js(&client, "document.querySelector('#compare-section [data-testid=whole-page-open]').click(); return true;").await;
    until(&client, "the whole page", "return !!document.querySelector('main[data-module=whole] [data-testid=compare-panel]') && !document.querySelector('[data-module=first]');").await;
    assert_eq!(screen(&client).await, moved);
    assert_eq!(
        js(&client, "return !document.querySelector('[data-testid=whole-page-fault]');").await,
        true,
        "the failure's message is gone"
    );
    assert_eq!(js(&client, "return document.activeElement.id;").await, "compare-section");
    client.close().await.unwrap();
}

#[tokio::test]
async fn tabbing_onto_a_section_loads_the_whole_page_and_the_keyboard_stays_there() {
    let Some(Session { turn: _turn, server, driver, client }) = session(1366, 768, None).await else {
        return;
    };
    client.goto(&server.base).await.unwrap();
    until(&client, "the first module", "return !!document.querySelector('main[data-module=first] [data-testid=school-row]');").await;
    // Tab through the first module: its last control is followed by the first section it does
    // not have, whose button loads the whole page as it scrolls into view.
    let mut presses = 0;
    let on_placeholder =
        "return document.activeElement.dataset.testid === 'whole-page-open' || !document.querySelector('[data-module=first]');";
    while js(&client, on_placeholder).await != Value::Bool(true) {
        assert!(presses < 300, "tabbing never reached the sections after the money");
        press(&client, Key::Tab).await;
        presses += 1;
    }
    until(&client, "the whole page", "return !!document.querySelector('main[data-module=whole] [data-testid=map]');").await;
    let focus = js(&client, "return document.activeElement.closest('.page-section')?.id || document.activeElement.tagName;").await;
    // The first section after the money: a child's SES.
    assert_eq!(focus, "child-section", "the keyboard is in the section it went to");
    // The next Tab goes on inside that section, to its first field.
    press(&client, Key::Tab).await;
    assert_eq!(js(&client, "return document.activeElement.closest('.page-section')?.id;").await, "child-section");
    assert_eq!(js(&client, "return document.activeElement.id;").await, "child-area");
    screenshot(&client, GROUP, "06-tabbed-to-the-next-section").await;
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

#[tokio::test]
async fn presenter_mode_from_the_first_module_opens_in_the_whole_page_with_the_weights_chosen() {
    let Some(Session { turn: _turn, server, driver, client }) = session(1920, 1080, None).await else {
        return;
    };
    client.goto(&server.base).await.unwrap();
    until(&client, "the first module", "return !!document.querySelector('main[data-module=first] [data-testid=school-row]');").await;
    js(&client, "const s = document.querySelector('[data-testid=weight-slider-2]'); s.value = '70'; s.dispatchEvent(new Event('input', {bubbles: true})); return true;").await;
    until(&client, "the weight moved", "return document.querySelector('[data-testid=weight-slider-2]').value === '70';").await;
    let top = js(&client, "return document.querySelector('[data-testid=school-row]').dataset.schoolId;").await;
    assert_eq!(
        js(&client, "return !!document.querySelector('[data-module=first]');").await,
        true,
        "nothing on a large screen loads the whole page yet"
    );
    screenshot(&client, GROUP, "07-first-module-1920").await;
    by_testid(&client, "presenter-open").await.click().await.unwrap();
    until(&client, "presenter mode", "return !!document.querySelector('main[data-module=whole] [data-testid=presenter]') && !document.querySelector('[data-module=first]');").await;
    screenshot(&client, GROUP, "08-presenter-from-the-first-module").await;
    // Back from presenter mode: the explorer with the weight as it was set.
    press(&client, Key::Escape).await;
    until(&client, "the explorer", "return !!document.querySelector('[data-testid=school-row]');").await;
    assert_eq!(js(&client, "return document.querySelector('[data-testid=weight-slider-2]').value;").await, "70");
    assert_eq!(js(&client, "return document.querySelector('[data-testid=school-row]').dataset.schoolId;").await, top);
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

#[tokio::test]
async fn on_a_spanish_phone_the_sections_not_yet_loaded_say_so_in_spanish() {
    if !e2e_ready() {
        return;
    }
    let _turn = one_browser_at_a_time().await;
    let server = StaticServer::start();
    let driver = Driver::start();
    let client = driver.browser_speaking(500, 844, "es-MX,es").await;
    driver.emulate_screen(&client, 390, 844).await;
    server.withhold(&["ses-explorer-whole.js"]);
    client.goto(&server.base).await.unwrap();
    until(&client, "the first module", "return !!document.querySelector('main[data-module=first] [data-testid=ranking-table]');").await;
    js(&client, "document.querySelector('#child-section').scrollIntoView(); return true;").await;
    until(
        &client,
        "the failure told",
        "return (document.querySelector('[data-testid=whole-page-fault]')?.textContent || '').includes('no se pudo cargar');",
    )
    .await;
    assert!(
        text_of(&client, "child-section")
            .await
            .contains("El resto de la página no se pudo cargar: el servidor de la aplicación no lo envió (error 404).")
    );
    assert_eq!(by_testid(&client, "whole-page-open").await.text().await.unwrap(), "Abrir Mi hijo");
    assert_eq!(js(&client, "return document.documentElement.scrollWidth <= window.innerWidth;").await, true, "nothing scrolls sideways");
    screenshot(&client, GROUP, "09-not-loaded-phone-es").await;
    client.close().await.unwrap();
}

#[tokio::test]
async fn a_weight_held_by_the_pointer_is_not_taken_from_under_it() {
    use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
    let Some(Session { turn: _turn, server, driver, client }) = session(1366, 768, None).await else {
        return;
    };
    client.goto(&server.base).await.unwrap();
    until(&client, "the first module", "return !!document.querySelector('main[data-module=first] [data-testid=school-row]');").await;
    // Press on the first weight's slider and drag it, and meanwhile ask for the whole page.
    let slider = by_testid(&client, "weight-slider-0").await;
    let press = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement { element: slider, duration: None, x: 0.0, y: 0.0 })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::MoveBy { duration: None, x: 20.0, y: 0.0 });
    client.perform_actions(press).await.unwrap();
    js(&client, "document.querySelector('[data-testid=whole-page-open]').click(); return true;").await;
    until(
        &client,
        "the whole page fetched",
        "return performance.getEntriesByType('resource').some(r => r.name.endsWith('ses-explorer-whole_bg.wasm') && r.responseEnd > 0);",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_eq!(
        js(&client, "return !!document.querySelector('[data-module=first]');").await,
        true,
        "not taken over while the weight is held"
    );
    // Go on dragging, then let go: the whole page takes over with the weight where it was left.
    let release = MouseActions::new("mouse".into())
        .then(PointerAction::MoveBy { duration: None, x: 15.0, y: 0.0 })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    client.perform_actions(release).await.unwrap();
    let dragged = js(&client, "return document.querySelector('[data-testid=weight-slider-0]').value;").await;
    assert_ne!(dragged, "20", "the drag moved the weight");
    until(
        &client,
        "the whole page",
        "return !!document.querySelector('main[data-module=whole]') && !document.querySelector('[data-module=first]');",
    )
    .await;
    assert_eq!(js(&client, "return document.querySelector('[data-testid=weight-slider-0]').value;").await, dragged);
    client.release_actions().await.unwrap();
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

/// Time to the first slider on a phone over a slow link, and then to the whole page: a
/// measurement (BENCHMARKS.md), written to `test-artifacts/e2e-whole-page/first-slider.json`.
/// The link is Lighthouse's "slow 4G" (150 ms round trip, 1.6 Mbit/s down) with the processor
/// slowed 4×; this test server does not compress, so the bytes are the raw files'. `SES_DIST`
/// measures another build (one without the whole page has no placeholder to open).
#[tokio::test]
#[ignore = "a measurement, run by hand: see BENCHMARKS.md"]
async fn first_slider_timings() {
    let mut runs = Vec::new();
    for _ in 0..3 {
        let Some(Session { turn: _turn, server, driver, client }) = session(500, 844, None).await else {
            return;
        };
        driver.emulate_screen(&client, 390, 844).await;
        let session_id = client.session_id().await.unwrap().expect("a session id");
        driver.cdp(&session_id, "Network.enable", json!({}));
        driver.cdp(&session_id, "Network.setCacheDisabled", json!({ "cacheDisabled": true }));
        driver.cdp(
            &session_id,
            "Network.emulateNetworkConditions",
            json!({ "offline": false, "latency": 150, "downloadThroughput": 200_000, "uploadThroughput": 93_750 }),
        );
        driver.cdp(&session_id, "Emulation.setCPUThrottlingRate", json!({ "rate": 4 }));
        client.goto(&server.base).await.unwrap();
        let seen = "return document.querySelector('[data-testid=weight-slider-0]') ? performance.now() : null;";
        let mut first_slider = Value::Null;
        while first_slider.is_null() {
            first_slider = js(&client, seen).await;
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let bytes = || -> u64 { served_files(&server).iter().map(|(_, file)| std::fs::metadata(file).map_or(0, |m| m.len())).sum() };
        let first_bytes = bytes();
        let whole = js(&client, "return !!document.querySelector('[data-module=first]');").await == Value::Bool(true);
        let mut run = json!({ "first_slider_ms": first_slider, "first_load_bytes_raw": first_bytes });
        if whole {
            let start = js(&client, "document.querySelector('[data-testid=whole-page-open]').click(); return performance.now();").await;
            let mut done = Value::Null;
            while done.is_null() {
                done = js(&client, "return document.querySelector('main[data-module=whole]') ? performance.now() : null;").await;
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            run["whole_page_after_asking_ms"] = json!(done.as_f64().unwrap() - start.as_f64().unwrap());
            run["all_bytes_raw"] = json!(bytes());
        }
        eprintln!("{run}");
        runs.push(run);
        client.close().await.unwrap();
    }
    std::fs::create_dir_all(root().join("test-artifacts").join(GROUP)).unwrap();
    let file = root().join("test-artifacts").join(GROUP).join("first-slider.json");
    std::fs::write(file, serde_json::to_string_pretty(&json!({ "runs": runs })).unwrap()).unwrap();
}
