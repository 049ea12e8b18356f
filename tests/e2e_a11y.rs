//! Accessibility, audited: axe-core (installed from npm by `scripts/install-tools.sh`) runs in
//! headless Chromium on every view of the app — the explorer with each panel open, a school's
//! detail, the comparison, the map with an area focused, the import mapping, the printable
//! page, and a phone-width screen — and fails on any serious or critical violation.
//! Screenshots go to `test-artifacts/e2e-a11y/`.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::*;

const GROUP: &str = "e2e-a11y";

#[tokio::test]
async fn every_view_passes_an_axe_core_audit_without_serious_violations() {
    let Some(Session { turn: _turn, server, driver, client }) = session(1600, 1000, None).await else { return };
    client.goto(&server.base).await.unwrap();
    open_whole_page(&client).await;
    until(&client, "the demo", "return !!document.querySelector('[data-testid=school-row]') && document.querySelectorAll('[data-testid=map] path[data-feature]').length === 600;").await;

    // The explorer after a weight change (rank changes, striped map areas), every <details> open.
    js(&client, "const s = document.querySelector('[data-testid=weight-slider-0]'); s.value = '45'; s.dispatchEvent(new Event('input', {bubbles: true})); return true;").await;
    until(&client, "the change applied", "return document.querySelector('[data-testid=weight-slider-0]').value === '45';").await;
    js(&client, "document.querySelectorAll('details').forEach(d => d.open = true); return true;").await;
    screenshot(&client, GROUP, "01-explorer").await;
    assert_accessible(&client, "the explorer").await;

    // The rank-stability results.
    js(&client, "document.querySelector('[data-testid=stability-run]').click(); return true;").await;
    until(&client, "the stability table", "return !!document.querySelector('[data-testid=stability-table]');").await;
    js(&client, "document.querySelectorAll('details').forEach(d => d.open = true); return true;").await;
    assert_accessible(&client, "the explorer with the stability results").await;

    // The comparison of two proposals (baseline and current).
    by_testid(&client, "compare-toggle").await.click().await.unwrap();
    until(&client, "the comparison table", "return !!document.querySelector('[data-testid=compare-table]');").await;
    js(&client, "document.querySelector('[data-testid=compare-panel]').scrollIntoView(); return true;").await;
    screenshot(&client, GROUP, "02-compare").await;
    assert_accessible(&client, "the comparison").await;

    // A school's detail, and an area focused on the map.
    js(&client, "document.querySelector('[data-testid=select-school]').click(); return true;").await;
    until(&client, "the detail panel", "return !!document.querySelector('[data-testid=detail-panel]');").await;
    js(&client, "document.querySelector('[data-testid=map] path[tabindex=\"0\"]').focus(); return true;").await;
    until(&client, "the area's facts", "return !!document.querySelector('[data-testid=map-info-facts]');").await;
    screenshot(&client, GROUP, "03-detail-and-map-focus").await;
    assert_accessible(&client, "the detail panel and the map").await;

    // The import mapping of a file.
    let demo = scratch("a11y-demo");
    ses(&["demo", "--out-dir", demo.to_str().unwrap()]);
    choose_files(&client, "file-input", &[&demo.join("areas.csv"), &demo.join("areas.geojson")]).await;
    until(
        &client,
        "the mapping form",
        "return !!document.querySelector('[data-testid=mapping-0]') && !!document.querySelector('[data-testid=boundaries-read]');",
    )
    .await;
    screenshot(&client, GROUP, "04-import-mapping").await;
    assert_accessible(&client, "the import mapping").await;
    by_testid(&client, "cancel-files").await.click().await.unwrap();
    until(&client, "the mapping step to close", "return !document.querySelector('[data-testid=import-step]');").await;

    // The printable page.
    click_settled(&client, "printable").await;
    until(&client, "the printable page", "return !!document.querySelector('[data-testid=print-map] svg');").await;
    assert_accessible(&client, "the printable page").await;
    by_testid(&client, "print-back").await.click().await.unwrap();
    until(&client, "the explorer", "return !!document.querySelector('[data-testid=ranking-table]');").await;

    // A phone.
    client.set_window_size(390, 844).await.unwrap();
    until(&client, "the phone layout", "return document.documentElement.clientWidth <= 400;").await;
    screenshot(&client, GROUP, "05-phone").await;
    assert_accessible(&client, "a 390-px phone").await;
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

/// Presses Tab until the element with this test id has focus, checking at every stop that the
/// focus can be seen (an outline, or the map's own focus ring); fails after `limit` presses.
async fn tab_to(client: &fantoccini::Client, testid: &str, limit: usize) {
    tab_towards(client, testid, limit, false).await
}

/// [`tab_to`] going backwards (Shift+Tab).
async fn shift_tab_to(client: &fantoccini::Client, testid: &str, limit: usize) {
    tab_towards(client, testid, limit, true).await
}

async fn tab_towards(client: &fantoccini::Client, testid: &str, limit: usize, backwards: bool) {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    use fantoccini::key::Key;
    let mut previous = String::from("the start");
    for _ in 0..limit {
        if backwards {
            let (shift, tab): (char, char) = (Key::Shift.into(), Key::Tab.into());
            let actions = KeyActions::new("keyboard".into())
                .then(KeyAction::Down { value: shift })
                .then(KeyAction::Down { value: tab })
                .then(KeyAction::Up { value: tab })
                .then(KeyAction::Up { value: shift });
            client.perform_actions(actions).await.unwrap();
        } else {
            press(client, Key::Tab).await;
        }
        let here = js(
            client,
            "const e = document.activeElement; const s = getComputedStyle(e);
             // Past the last control, Tab leaves the page for the browser's own controls.
             const tabbable = Array.from(document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]:not([tabindex=\"-1\"])'))
               .filter(x => !x.disabled && x.getClientRects().length > 0);
             const wrapped = e === document.body && window.sesPrevious === tabbable[tabbable.length - 1];
             window.sesPrevious = e;
             const visible = wrapped || (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || !!e.closest('svg.map');
             const w = document.querySelector('[data-testid=ranking-scroll]'); const rows = document.querySelectorAll('[data-testid=school-row]');
             const row = e.closest('tr'); return [(e.dataset.testid || e.id || e.tagName) + (row && row.dataset.position ? '@' + row.dataset.position : '') + ' [scroll ' + w.scrollTop + ', rows ' + rows.length + ' from ' + (rows[0] && rows[0].dataset.position) + ']', visible];",
        )
        .await;
        let (name, visible): (String, bool) = serde_json::from_value(here).unwrap();
        assert!(visible, "focus on {name} cannot be seen (going to {testid}, after {previous})");
        previous = name.clone();
        if name.split(['@', ' ']).next() == Some(testid) {
            return;
        }
    }
    panic!("{testid} was not reached in {limit} presses of Tab");
}

#[tokio::test]
async fn the_main_tasks_work_by_keyboard_alone_with_focus_always_visible() {
    use fantoccini::key::Key;
    let downloads = scratch("a11y-downloads");
    let Some(Session { turn: _turn, server, driver, client }) = session(1600, 1000, Some(&downloads)).await else { return };
    client.goto(&server.base).await.unwrap();
    open_whole_page(&client).await;
    until(&client, "the demo", "return !!document.querySelector('[data-testid=school-row]');").await;
    // Count what the screen reader's live region says while a slider moves.
    js(&client, "window.sesAnnounced = []; new MutationObserver(() => window.sesAnnounced.push(document.querySelector('[data-testid=summary-announced]').textContent)).observe(document.querySelector('[data-testid=summary-announced]'), {childList: true, subtree: true, characterData: true}); return true;").await;

    // Change a weight: Tab to the first slider, five steps right.
    tab_to(&client, "weight-slider-0", 40).await;
    let spoken = js(&client, "return document.activeElement.getAttribute('aria-valuetext');").await;
    assert!(spoken.as_str().is_some_and(|t| t.contains("weight 20")), "the slider says its value: {spoken}");
    for _ in 0..5 {
        press(&client, Key::Right).await;
    }
    until(&client, "the weight at 25", "return document.querySelector('[data-testid=weight-slider-0]').value === '25';").await;
    until(&client, "the summary announced", "return window.sesAnnounced.length > 0;").await;
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    let announced: Vec<String> =
        serde_json::from_value(js(&client, "return window.sesAnnounced.filter(t => t.length > 0);").await).unwrap();
    assert_eq!(announced.len(), 1, "one announcement for five quick steps, not five: {announced:?}");
    assert!(announced[0].contains("rank by 5 or more"), "{announced:?}");
    screenshot(&client, GROUP, "10-keyboard-weight").await;

    // Set it as the baseline.
    shift_tab_to(&client, "set-baseline", 40).await;
    press(&client, Key::Enter).await;
    until(
        &client,
        "the baseline set",
        "return document.querySelector('[data-testid=summary]').textContent.startsWith('0 schools change rank');",
    )
    .await;

    // Open the first school's detail.
    tab_to(&client, "select-school", 80).await;
    press(&client, Key::Enter).await;
    until(&client, "the detail, focused", "return document.activeElement.id === 'detail-heading';").await;
    screenshot(&client, GROUP, "11-keyboard-detail").await;

    // Export the schools as CSV.
    tab_to(&client, "export-schools-csv", 400).await;
    press(&client, Key::Enter).await;
    downloaded(&downloads, "-schools-20").await;

    // Make a share link.
    tab_to(&client, "make-link", 40).await;
    press(&client, Key::Enter).await;
    until(&client, "the share link", "return !!document.querySelector('[data-testid=share-link]');").await;

    // Compare the baseline with the current formula.
    tab_to(&client, "compare-toggle", 400).await;
    press(&client, Key::Enter).await;
    until(&client, "the comparison", "return !!document.querySelector('[data-testid=compare-summary]');").await;
    screenshot(&client, GROUP, "12-keyboard-compare").await;
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}
