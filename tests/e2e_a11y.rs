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
    until(&client, "the mapping form", "return !!document.querySelector('[data-testid=mapping-0]') && !!document.querySelector('[data-testid=boundaries-read]');").await;
    screenshot(&client, GROUP, "04-import-mapping").await;
    assert_accessible(&client, "the import mapping").await;

    // The printable page.
    by_testid(&client, "printable").await.click().await.unwrap();
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
