//! Real-browser test of the example that comes with the app: Chicago's published 2014-15 tract
//! data and its tract boundaries, served beside the app (from a sub-folder here) and fetched
//! only when chosen. Screenshots go to `test-artifacts/e2e-example/`.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::*;

const GROUP: &str = "e2e-example";

#[tokio::test]
async fn chicago_opens_from_the_apps_own_files_with_every_published_tier() {
    let Some(Session { turn: _turn, server, driver, client }) = session_under("/schools/ses-explorer/", 1600, 1000, None).await else {
        return;
    };
    client.goto(&server.base).await.unwrap();
    open_whole_page(&client).await;
    until_demo_with_examples(&client).await;
    let first_load = server.requests();
    assert!(first_load.iter().all(|r| !r.path.contains("examples/")), "the example is not part of the first load: {first_load:?}");

    by_testid(&client, "example-chicago").await.click().await.unwrap();
    until(&client, "Chicago's tracts", "return document.querySelectorAll('[data-testid=area-row]').length > 0 && document.querySelectorAll('[data-testid=map] path[data-feature]').length === 799;").await;
    let notice = by_testid(&client, "notice").await.text().await.unwrap();
    assert!(notice.starts_with("Opened Chicago, 2014-15 (real published data): 796 areas"), "{notice}");
    assert!(notice.contains("796 of 796 areas get the published tier (column \"6-Factor Socioeconomic Tier\")"), "{notice}");
    assert_eq!(by_testid(&client, "published-agreement").await.text().await.unwrap(), "796 of 796 in the published tier.");
    assert_eq!(
        js(&client, "return document.querySelector('[data-testid=tier-count]').value;").await,
        "4",
        "the published formula's four tiers"
    );
    assert_eq!(js(&client, "return document.querySelectorAll('input[type=range][data-testid^=weight-slider-]').length;").await, 6);

    // Every tract on the map has the tier CPS published; the three without data are hatched.
    let published = chicago_published_tiers();
    let paths: Vec<[String; 3]> = serde_json::from_value(
        js(&client, "return Array.from(document.querySelectorAll('[data-testid=map] path[data-feature]')).map(p => [p.dataset.id, p.dataset.tier, p.getAttribute('fill')]);").await,
    )
    .unwrap();
    assert_eq!(hatched_and_tiered_as(&paths, &published), ["3817", "8357", "9801"]);
    screenshot(&client, GROUP, "01-chicago-opened").await;

    // A weight moved: the count of tracts in their published tier follows.
    js(&client, "const s = document.querySelector('[data-testid=weight-slider-0]'); s.value = '60'; s.dispatchEvent(new Event('input', {bubbles: true})); return true;").await;
    until(
        &client,
        "fewer tracts in their published tier",
        "return !document.querySelector('[data-testid=published-agreement]').textContent.startsWith('796 of 796');",
    )
    .await;
    by_testid(&client, "nav-map-section").await.click().await.unwrap();
    screenshot(&client, GROUP, "02-chicago-income-heavier-map").await;

    // The privacy proof: only the app's own files, from its own folder, were asked for.
    let requests = server.requests();
    let asked: Vec<&str> = requests.iter().map(|r| r.path.as_str()).collect();
    for request in &requests {
        assert!(request.method == "GET" && request.served && request.path.starts_with(&server.prefix), "unexpected request {request:?}");
    }
    for file in ["examples/chicago/cps-tracts-fy2015.csv", "examples/chicago/chicago-tracts-2010.geojson"] {
        assert_eq!(asked.iter().filter(|p| p.ends_with(file)).count(), 1, "{file} fetched once: {asked:?}");
    }
    assert_accessible(&client, "the Chicago example").await;
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}
