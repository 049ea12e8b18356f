//! Real-browser end-to-end test of "Find the formula behind published tiers" on the example
//! that comes with the app, Chicago's 2014-15 tracts: the weights that reproduce CPS's
//! published tiers, their ranges, the simplest formula (equal weights) made the current one in
//! a click, and the areas a narrower fit does not reproduce, listed and marked on the map.
//! Screenshots go to `test-artifacts/e2e-fit/`.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::Client;
use fantoccini::key::Key;
use support::*;

const GROUP: &str = "e2e-fit";

/// Runs the fit and waits for its result; the time it took in the page, in milliseconds.
async fn run_fit(client: &Client) -> f64 {
    js(client, "window.fitStart = performance.now(); document.querySelector('[data-testid=fit-run]').click(); return true;").await;
    until(
        client,
        "the fit's result",
        "return (!!document.querySelector('[data-testid=fit-result]') || !!document.querySelector('[data-testid=fit-error]')) && !document.querySelector('[data-testid=fit-progress]');",
    )
    .await;
    let error = text_of(client, "fit-error").await;
    assert!(error.is_empty(), "the fit failed: {error}");
    js(client, "return performance.now() - window.fitStart;").await.as_f64().unwrap_or(0.0)
}

#[tokio::test]
async fn the_weights_behind_chicagos_published_tiers_are_found_and_used() {
    let Some(Session { turn: _turn, server, driver, client }) = session(1366, 768, None).await else { return };
    client.goto(&server.base).await.unwrap();
    open_whole_page(&client).await;
    // The app whole before the example is asked for.
    until_demo_with_examples(&client).await;
    // The data in use (the map, drawn as it nears the screen, is waited for where it is needed).
    // Asked for again if nothing came of a click (once in many CI runs a click was lost).
    let loaded =
        "const a = document.querySelector('[data-testid=published-agreement]'); return !!a && a.textContent.startsWith('796 of 796');";
    for attempt in 1..=3 {
        by_testid(&client, "example-chicago").await.click().await.unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while js(&client, loaded).await != true && std::time::Instant::now() < deadline {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        if js(&client, loaded).await == true {
            break;
        }
        assert!(attempt < 3, "Chicago's tracts after three clicks; the page says {:?}", text_of(&client, "notice").await);
    }
    // Weights that are not CPS's: income at 60.
    let slider = by_testid(&client, "weight-slider-0").await;
    for _ in 0..10 {
        slider.send_keys(&Key::Right.to_string()).await.unwrap();
    }
    until(
        &client,
        "fewer tracts in their published tier",
        "return !document.querySelector('[data-testid=published-agreement]').textContent.startsWith('796 of 796');",
    )
    .await;

    // The published tiers' column is chosen already; every indicator is a candidate.
    assert_eq!(js(&client, "return document.querySelector('[data-testid=fit-column]').value;").await, "6-Factor Socioeconomic Tier");
    assert_eq!(js(&client, "return document.querySelectorAll('[data-testid^=fit-use-]:checked').length;").await, 6);
    let ms = run_fit(&client).await;
    println!("fit in the browser, Chicago (796 areas × 6 indicators): {ms:.0} ms");
    assert!(
        text_of(&client, "fit-matched").await.starts_with("The weights found reproduce 796 of 796 published tiers."),
        "{}",
        text_of(&client, "fit-matched").await
    );
    assert_eq!(text_of(&client, "fit-simple").await, "The simplest formula: equal weights reproduce 796 of 796 published tiers.");
    assert_eq!(text_of(&client, "fit-mismatches").await, "Every published tier is reproduced.");
    for k in 0..6 {
        let row = text_of(&client, &format!("fit-share-{k}")).await;
        assert!(row.contains("17% (it could be anywhere from 16% to 17%)") || row.contains("% (it could be anywhere from 1"), "{row}");
    }
    js(&client, "document.querySelector('[data-testid=fit-result]').scrollIntoView({block: 'start'});").await;
    screenshot(&client, GROUP, "01-chicago-fit").await;

    // One click makes the simplest formula the current one: every tract in its published tier.
    by_testid(&client, "fit-use-simple").await.click().await.unwrap();
    until(
        &client,
        "the published tiers back",
        "return document.querySelector('[data-testid=published-agreement]').textContent.startsWith('796 of 796');",
    )
    .await;
    let weights: Vec<String> = serde_json::from_value(
        js(&client, "return Array.from(document.querySelectorAll('[data-testid^=weight-input-]')).map(i => i.value);").await,
    )
    .unwrap();
    assert_eq!(weights, vec!["10".to_string(); 6], "equal weights");

    // Without the test scores, the other five cannot reproduce every tier: the rest are named
    // and marked on the map.
    by_testid(&client, "fit-use-5").await.click().await.unwrap();
    run_fit(&client).await;
    let mismatches = text_of(&client, "fit-mismatches").await;
    let n: usize = mismatches.split(' ').next().and_then(|n| n.parse().ok()).unwrap_or(0);
    assert!(n > 0 && mismatches.contains("marked on the map"), "{mismatches}");
    js(&client, "document.querySelector('[data-testid=map-panel]').scrollIntoView({block: 'start'});").await;
    until(&client, "the marks on the map", &format!("return document.querySelectorAll('[data-testid=map-marked]').length === {n};")).await;
    assert!(text_of(&client, "map-legend-marked").await.contains(&format!("({n})")));
    js(&client, "document.querySelector('[data-testid=map-panel]').scrollIntoView({block: 'start'});").await;
    screenshot(&client, GROUP, "02-five-indicators-mismatches").await;
    by_testid(&client, "fit-unmark").await.click().await.unwrap();
    until(&client, "the marks cleared", "return document.querySelectorAll('[data-testid=map-marked]').length === 0;").await;

    driver.emulate_screen(&client, 390, 844).await;
    js(&client, "document.querySelector('[data-testid=fit-result]').scrollIntoView({block: 'start'});").await;
    assert_eq!(js(&client, "return document.documentElement.scrollWidth > window.innerWidth;").await, false, "nothing scrolls sideways");
    screenshot(&client, GROUP, "03-fit-390x844").await;
    assert_accessible(&client, "the fit").await;
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

/// The fit's time in the page on a generated district of 20,000 areas × 8 indicators whose
/// tiers come from secret weights (a measurement for BENCHMARKS.md, not an assertion):
/// `SES_REQUIRE_E2E=1 cargo test --release --test e2e_fit fit_timings -- --ignored --nocapture`.
#[tokio::test]
#[ignore = "a measurement, run by hand: see BENCHMARKS.md"]
async fn fit_timings() {
    use rand::{Rng, SeedableRng};
    let dir = scratch("fit-timings");
    let mut rng = rand::rngs::StdRng::seed_from_u64(20);
    let mut csv = String::from("id,kids,ind0,ind1,ind2,ind3,ind4,ind5,ind6,ind7\n");
    for a in 0..20_000 {
        csv.push_str(&format!("A{a:05},{}", rng.random_range(1..400)));
        for _ in 0..8 {
            csv.push_str(&format!(",{:.2}", rng.random_range(0.0..100.0)));
        }
        csv.push('\n');
    }
    std::fs::write(dir.join("areas.csv"), &csv).unwrap();
    let weights = [30, 5, 20, 10, 15, 8, 7, 5];
    let indicators: Vec<String> =
        weights.iter().enumerate().map(|(k, w)| format!("{{\"column\":\"ind{k}\",\"direction\":\"advantage\",\"weight\":{w}}}")).collect();
    let formula = format!(
        "{{\"version\":1,\"id_column\":\"id\",\"population_column\":\"kids\",\"normalization\":\"weighted_percentile\",\"indicators\":[{}],\"tiers\":{{\"count\":4,\"method\":\"equal_population\"}}}}",
        indicators.join(",")
    );
    std::fs::write(dir.join("secret.json"), formula).unwrap();
    let scored =
        ses(&["score", "--formula", dir.join("secret.json").to_str().unwrap(), "--areas", dir.join("areas.csv").to_str().unwrap()]);
    let scored = ses_explorer::engine::table::Table::parse("scored.csv", &scored.stdout).unwrap();
    let tiers = scored.text_column("tier", ses_explorer::engine::error::Purpose::Indicator).unwrap();
    let mut published = String::new();
    for (line, tier) in csv.lines().zip(std::iter::once("published_tier".to_string()).chain(tiers)) {
        published.push_str(&format!("{line},{tier}\n"));
    }
    std::fs::write(dir.join("published.csv"), published).unwrap();

    let Some(Session { turn: _turn, server, driver: _driver, client }) = session(1366, 768, None).await else { return };
    client.goto(&server.base).await.unwrap();
    open_whole_page(&client).await;
    until(&client, "the app", "return !!document.querySelector('[data-testid=file-input]');").await;
    choose_files(&client, "file-input", &[&dir.join("published.csv")]).await;
    until(&client, "the mapping", "return !!document.querySelector('[data-testid=mapping-0]');").await;
    by_testid(&client, "use-files").await.click().await.unwrap();
    until(&client, "the data", "return document.querySelector('[data-testid=dataset]').textContent.includes('published.csv');").await;
    // Four tiers, as published.
    js(&client, "const t = document.querySelector('[data-testid=tier-count]'); t.value = '4'; t.dispatchEvent(new Event('change', {bubbles: true})); return true;").await;
    until(&client, "four tiers", "return document.querySelector('[data-testid=tier-count]').value === '4';").await;
    js(&client, "const s = document.querySelector('[data-testid=fit-column]'); s.value = 'published_tier'; s.dispatchEvent(new Event('change', {bubbles: true})); return true;").await;
    let ms = run_fit(&client).await;
    println!("fit in the browser, 20,000 areas × 8 indicators: {ms:.0} ms; {}", text_of(&client, "fit-matched").await);
    client.close().await.unwrap();
}
