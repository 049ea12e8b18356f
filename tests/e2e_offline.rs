//! Networks fail: the app once visited works with no network at all (the service worker), and a
//! part that has not arrived says so where the person is, then arrives when the network is back.
//!
//! "No network" is the test server answering nothing (every request fails unanswered, in every
//! engine), and in Chromium also the browser told it is offline (`navigator.onLine` false).

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::{Path, PathBuf};

use serde_json::json;
use support::*;

const GROUP: &str = "offline";

/// Whether this build's files are in the service worker's cache and it controls the page
/// (asked again at each poll; the answer arrives a moment later).
const CACHED_AND_CONTROLLED: &str = "
    if (!navigator.serviceWorker || !navigator.serviceWorker.controller) return false;
    caches.keys()
      .then(names => Promise.all(names.map(n => caches.open(n).then(c => c.keys()))))
      .then(lists => { window.__cached = lists.flat().map(r => r.url); });
    const cached = window.__cached || [];
    return ['ses-explorer-whole_bg.wasm', 'workbook-worker_bg.wasm', 'index.html', 'load-whole-page.js']
      .every(f => cached.some(u => u.endsWith(f)));";

const FIRST_MODULE: &str = "return !!document.querySelector('main[data-module=first] [data-testid=school-row]');";

/// A small workbook of the demo's areas, as Excel writes one.
fn workbook(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(dir.join("areas.csv")).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Areas").unwrap();
    for (r, line) in text.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            match cell.parse::<f64>() {
                Ok(x) if r > 0 && c > 0 => sheet.write_number(r as u32, c as u16, x).map(|_| ()).unwrap(),
                _ => sheet.write_string(r as u32, c as u16, cell).map(|_| ()).unwrap(),
            }
        }
    }
    let path = dir.join("areas.xlsx");
    book.save(&path).unwrap();
    path
}

#[tokio::test]
async fn once_visited_the_app_opens_and_works_with_no_network() {
    let dir = scratch("offline-workbook");
    ses(&["demo", "--out-dir", dir.to_str().unwrap()]);
    let xlsx = workbook(&dir);
    let Some(Session { turn: _turn, server, driver, client }) = session_under("/board/ses/", 1366, 768, None).await else { return };
    client.goto(&server.base).await.unwrap();
    until(&client, "the first module", FIRST_MODULE).await;
    // The first screen is up, then the service worker keeps this build's files, the rest of the
    // page and the workbook reader included, with no click.
    until(&client, "the app's files kept for offline use", CACHED_AND_CONTROLLED).await;
    let manifest = js(&client, "return document.querySelector('link[rel=manifest]').href;").await;
    assert!(manifest.as_str().unwrap().ends_with("/board/ses/manifest.webmanifest"), "{manifest}");
    // Installable: the browser finds nothing missing (Chromium says why, when it does).
    if !driver.engine.lacks(Capability::Counters, "asking the browser whether the app can be installed") {
        let session = client.session_id().await.unwrap().expect("a session id");
        let errors = driver.cdp(&session, "Page.getInstallabilityErrors", json!({}));
        assert_eq!(errors["installabilityErrors"], json!([]), "{errors}");
    }

    server.go_dark();
    // The sections past the money: the whole page, from the cache.
    by_testid(&client, "nav-map-section").await.click().await.unwrap();
    until(&client, "the map, offline", "return !document.querySelector('[data-module=first]') && document.querySelectorAll('[data-testid=map] path[data-feature]').length === 600;").await;
    by_testid(&client, "nav-compare-section").await.click().await.unwrap();
    until(&client, "Compare, offline", "return !!document.querySelector('[data-testid=compare-panel]');").await;
    by_testid(&client, "nav-data-section").await.click().await.unwrap();
    until(
        &client,
        "the bar marks Your data",
        "return document.querySelector('[aria-current=location]')?.dataset.testid === 'nav-data-section';",
    )
    .await;
    // A workbook: its reader, from the cache.
    choose_files(&client, "file-input", &[&xlsx]).await;
    until(&client, "the workbook read, offline", "return !!document.querySelector('[data-testid=import-step] [data-testid=use-files]');")
        .await;
    let step = text_of(&client, "import-step").await;
    assert!(step.contains("areas.xlsx"), "{step}");
    screenshot(&client, GROUP, "01-workbook-read-offline").await;
    by_testid(&client, "cancel-files").await.click().await.unwrap();
    // Presenter mode, and back.
    by_testid(&client, "presenter-open").await.click().await.unwrap();
    until(&client, "presenter mode, offline", "return !!document.querySelector('[data-testid=presenter-leave]');").await;
    // Its button rather than Escape: the key is listened for once presenter mode has drawn,
    // which a slow machine may not have done yet.
    by_testid(&client, "presenter-leave").await.click().await.unwrap();
    until(&client, "the explorer", "return !!document.querySelector('[data-testid=school-row]');").await;

    // A reload with no network: the app as it was built, not the browser's "no internet" page.
    let before_reload = server.requests().len();
    // As a person reloads (F5, the reload button): the page's own reload.
    js(&client, "document.documentElement.dataset.before = 'reload'; setTimeout(() => location.reload(), 0); return true;").await;
    // Reloaded where it was scrolled (Your data), the whole page may take over at once: either
    // module, with the ranking's rows.
    until(
        &client,
        "the app reloaded offline",
        "return document.documentElement.dataset.before !== 'reload' && !!document.querySelector('main [data-testid=school-row]');",
    )
    .await;
    screenshot(&client, GROUP, "02-reloaded-offline").await;
    assert!(
        server.requests()[before_reload..].iter().all(|r| !r.served),
        "nothing was served while the network was gone: {:?}",
        &server.requests()[before_reload..]
    );

    // An example never opened is not in the cache: said so in words, and the data stays.
    by_testid(&client, "nav-data-section").await.click().await.unwrap();
    until(&client, "Your data", "return !!document.querySelector('[data-testid=example-chicago]');").await;
    by_testid(&client, "example-chicago").await.click().await.unwrap();
    until(
        &client,
        "the example's failure told beside it",
        "return (document.querySelector('[data-testid=examples] [role=alert]')?.textContent || '').includes('could not be opened');",
    )
    .await;
    let notice = text_of(&client, "example-problem").await;
    assert!(notice.contains("the connection failed") && !notice.contains("examples/chicago"), "{notice}");
    assert!(text_of(&client, "dataset").await.contains("Synthetic demo district"), "the data you had is unchanged");
    screenshot(&client, GROUP, "03-example-offline").await;
    assert_clean_log_but_network(&driver, &client).await;
    client.close().await.unwrap();
}

/// The console may only speak of requests that failed for want of a network.
async fn assert_clean_log_but_network(driver: &Driver, client: &fantoccini::Client) {
    if driver.engine.lacks(Capability::ConsoleLog, "the console log offline") {
        return;
    }
    let log = driver.browser_log(client).await;
    let other: Vec<&String> = log
        .iter()
        .filter(|l| {
            !(l.contains("ERR_EMPTY_RESPONSE") || l.contains("ERR_CONNECTION") || l.contains("Failed to fetch") || l.contains("net::"))
        })
        .filter(|l| l.contains("SEVERE") || l.to_lowercase().contains("panicked"))
        .collect();
    assert!(other.is_empty(), "{other:?}");
}

#[tokio::test]
async fn with_no_network_before_the_rest_of_the_page_arrived_it_says_so_and_loads_on_the_next_click() {
    let Some(Session { turn: _turn, server, driver: _driver, client }) = session(1366, 768, None).await else { return };
    // No service worker here, so that nothing of the rest of the page is kept ahead.
    server.withhold(&["service-worker.js"]);
    client.goto(&server.base).await.unwrap();
    until(&client, "the first module", FIRST_MODULE).await;
    server.go_dark();

    by_testid(&client, "nav-data-section").await.click().await.unwrap();
    let said = "return (document.querySelector('[data-testid=whole-page-fault]')?.textContent || '').includes('could not be loaded');";
    until(&client, "the failure told where the person is", said).await;
    let data_section = text_of(&client, "data-section").await;
    assert!(
        data_section.contains("The rest of the page could not be loaded: the connection failed")
            && data_section.contains("It will try again on your next click."),
        "{data_section}"
    );
    assert_eq!(
        js(&client, "return document.querySelector('[aria-current=location]')?.dataset.testid;").await,
        "nav-data-section",
        "the bar marks the section clicked"
    );
    assert_eq!(js(&client, "return document.querySelectorAll('[role=alert] [data-testid=whole-page-fault]').length;").await, 1);
    screenshot(&client, GROUP, "04-rest-of-page-not-arrived").await;
    // Presenter mode says so under its button.
    by_testid(&client, "presenter-open").await.click().await.unwrap();
    // Told once the request has failed (it says it is loading until then).
    until(
        &client,
        "presenter mode's failure told",
        "return (document.querySelector('[data-testid=presenter-fault]')?.textContent || '').includes('could not be loaded');",
    )
    .await;
    screenshot(&client, GROUP, "05-presenter-not-arrived").await;

    // The network is back: the next click loads it, without a reload.
    server.come_back();
    by_testid(&client, "nav-data-section").await.click().await.unwrap();
    until(
        &client,
        "the whole page",
        "return !document.querySelector('[data-module=first]') && !!document.querySelector('[data-testid=data-panel]');",
    )
    .await;
    assert_eq!(js(&client, "return document.activeElement.id;").await, "data-section");
    client.close().await.unwrap();
}

#[tokio::test]
async fn told_it_is_offline_the_page_says_so_and_loads_the_rest_when_back_online() {
    let Some(Session { turn: _turn, server, driver, client }) = session(1366, 768, None).await else { return };
    if driver.engine.lacks(Capability::Counters, "telling the browser it is offline (DevTools)") {
        return;
    }
    server.withhold(&["service-worker.js"]);
    client.goto(&server.base).await.unwrap();
    until(&client, "the first module", FIRST_MODULE).await;
    let session = client.session_id().await.unwrap().expect("a session id");
    let conditions = |offline: bool| json!({ "offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 });
    driver.cdp(&session, "Network.enable", json!({}));
    driver.cdp(&session, "Network.emulateNetworkConditions", conditions(true));
    until(&client, "the browser offline", "return navigator.onLine === false;").await;
    // Spanish, to see the words are the page's.
    js(&client, "const s = document.querySelector('[data-testid=language]'); s.value = 'es'; s.dispatchEvent(new Event('change', {bubbles: true})); return true;").await;
    by_testid(&client, "nav-map-section").await.click().await.unwrap();
    until(
        &client,
        "the failure told",
        "return (document.querySelector('[data-testid=whole-page-fault]')?.textContent || '').includes('no se pudo cargar');",
    )
    .await;
    assert_eq!(
        text_of(&client, "whole-page-fault").await,
        "El resto de la página no se pudo cargar: parece que no hay conexión. Se intentará de nuevo cuando vuelva la conexión."
    );
    // A language switch rewords it.
    js(&client, "const s = document.querySelector('[data-testid=language]'); s.value = 'en'; s.dispatchEvent(new Event('change', {bubbles: true})); return true;").await;
    until(
        &client,
        "reworded",
        "return (document.querySelector('[data-testid=whole-page-fault]')?.textContent || '').includes('you seem to be offline');",
    )
    .await;
    screenshot(&client, GROUP, "06-offline-told").await;
    // Back online: it loads by itself.
    driver.cdp(&session, "Network.emulateNetworkConditions", conditions(false));
    until(
        &client,
        "the whole page, by itself",
        "return !document.querySelector('[data-module=first]') && !!document.querySelector('main[data-module=whole]');",
    )
    .await;
    client.close().await.unwrap();
}

#[tokio::test]
async fn a_workbook_reader_that_cannot_arrive_says_so_and_the_next_workbook_tries_again() {
    let dir = scratch("offline-reader");
    ses(&["demo", "--out-dir", dir.to_str().unwrap()]);
    let xlsx = workbook(&dir);
    let Some(Session { turn: _turn, server, driver: _driver, client }) = session(1366, 768, None).await else { return };
    // Nothing kept ahead, and the reader's own script not served.
    server.withhold(&["service-worker.js", "workbook-worker_loader.js"]);
    client.goto(&server.base).await.unwrap();
    open_whole_page(&client).await;
    choose_files(&client, "file-input", &[&xlsx]).await;
    until(
        &client,
        "the failure told",
        "return (document.querySelector('[data-testid=import-errors]')?.textContent || '').includes('could not be loaded');",
    )
    .await;
    let told = text_of(&client, "import-errors").await;
    assert!(told.contains("The workbook reader could not be loaded") && told.contains("Open the file again to try again."), "{told}");
    assert!(
        !js(&client, "return !!document.querySelector('[data-testid=read-progress]');").await.as_bool().unwrap(),
        "nothing left spinning"
    );
    screenshot(&client, GROUP, "07-workbook-reader-not-arrived").await;
    server.release();
    choose_files(&client, "file-input", &[&xlsx]).await;
    until(&client, "the workbook read", "return !!document.querySelector('[data-testid=import-step] [data-testid=use-files]');").await;
    client.close().await.unwrap();
}

#[tokio::test]
async fn a_new_build_is_offered_never_swapped_under_the_person() {
    let Some(Session { turn: _turn, server, driver: _driver, client }) = session(1366, 768, None).await else { return };
    client.goto(&server.base).await.unwrap();
    until(&client, "the first module", FIRST_MODULE).await;
    until(&client, "the app's files kept for offline use", CACHED_AND_CONTROLLED).await;
    // A new build on the server: its service worker has another version.
    let worker = std::fs::read_to_string(dist().join("service-worker.js")).unwrap();
    let version = worker.lines().find(|l| l.starts_with("const VERSION")).unwrap().to_owned();
    server.serve_instead("service-worker.js", worker.replace(&version, "const VERSION = 'the-next-build';").into_bytes());
    // A weight moved before the new build arrives stays as it was set.
    js(&client, "const s = document.querySelector('[data-testid=weight-slider-1]'); s.value = '70'; s.dispatchEvent(new Event('input', {bubbles: true})); return true;").await;
    js(&client, "navigator.serviceWorker.getRegistration().then(r => r && r.update()); return true;").await;
    until(
        &client,
        "the new version offered",
        "return !!document.querySelector('[data-testid=new-version] [data-testid=new-version-reload]');",
    )
    .await;
    assert_eq!(text_of(&client, "new-version").await, "A new version of SES Explorer is ready.Reload to use it");
    assert_eq!(
        js(&client, "return document.querySelector('[data-testid=weight-slider-1]').value;").await,
        "70",
        "nothing swapped under the person"
    );
    screenshot(&client, GROUP, "08-new-version-offered").await;
    js(&client, "document.documentElement.dataset.before = 'update'; return true;").await;
    by_testid(&client, "new-version-reload").await.click().await.unwrap();
    until(&client, "reloaded onto the new build", "return document.documentElement.dataset.before !== 'update' && !!document.querySelector('main [data-testid=school-row]') && !!navigator.serviceWorker.controller;").await;
    // The formula on screen came along.
    until(&client, "the weight as it was set", "return document.querySelector('[data-testid=weight-slider-1]')?.value === '70';").await;
    until(
        &client,
        "the new build's cache in place of the old one",
        "caches.keys().then(k => { window.__keys = k; }); return JSON.stringify(window.__keys || null) === '[\"ses-explorer-the-next-build\"]';",
    )
    .await;
    client.close().await.unwrap();
}
