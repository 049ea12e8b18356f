//! Real-browser end-to-end tests of the explanations: a school's detail opened by keyboard,
//! its contributions adding up to its mean score, what drives the score, knife-edge marks,
//! and the rank-stability draws compared with `ses explain` (same seed, same numbers).
//! Screenshots go to `test-artifacts/e2e-explain/`.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::key::Key;
use support::*;

const GROUP: &str = "e2e-explain";

async fn open_demo(client: &fantoccini::Client, base: &str) {
    client.goto(base).await.unwrap();
    open_whole_page(client).await;
    until(client, "the demo ranking", "return !!document.querySelector('[data-testid=school-row]');").await;
}

#[tokio::test]
async fn a_school_opened_by_keyboard_explains_its_score_and_why_it_moved() {
    let Some(Session { turn: _turn, server, driver, client }) = session(1600, 1000, None).await else { return };
    open_demo(&client, &server.base).await;

    // Move the income weight up with the keyboard so that schools move.
    let slider = by_testid(&client, "weight-slider-0").await;
    for _ in 0..15 {
        slider.send_keys(&Key::Right.to_string()).await.unwrap();
    }
    until(&client, "the weight applied", "return document.querySelector('[data-testid=weight-slider-0]').value === '35';").await;

    // The first school in the table: focus its name and press Enter.
    js(&client, "document.querySelector('[data-testid=select-school]').focus(); return true;").await;
    let focused = js(&client, "return document.activeElement.dataset.testid;").await;
    assert_eq!(focused, "select-school");
    client.active_element().await.unwrap().send_keys(&Key::Enter.to_string()).await.unwrap();
    until(&client, "the detail panel", "return !!document.querySelector('[data-testid=detail-panel]');").await;
    let focus = js(&client, "return document.activeElement.id;").await;
    assert_eq!(focus, "detail-heading", "focus moves to the panel");

    let facts = by_testid(&client, "detail-facts").await.text().await.unwrap();
    let shown: f64 = facts.trim_start_matches("Mean score ").split(' ').next().unwrap().parse().unwrap();
    let parts: Vec<f64> = serde_json::from_value(
        js(&client, "return Array.from(document.querySelectorAll('[data-testid=detail-line]')).map(r => Number(r.dataset.contribution));")
            .await,
    )
    .unwrap();
    assert_eq!(parts.len(), 5);
    let total: f64 = parts.iter().sum();
    assert!((total - shown).abs() <= 0.05 + 1e-9, "contributions {total} add up to the shown mean score {shown}");
    let story = by_testid(&client, "detail-story").await.text().await.unwrap();
    assert!(story.starts_with("The school"), "{story}");
    let bar = js(&client, "return document.querySelector('[data-testid=contribution-bar]').getAttribute('aria-label');").await;
    assert!(bar.as_str().unwrap().contains("Median household income"), "the bar names its parts: {bar}");
    screenshot(&client, GROUP, "01-school-detail").await;

    // What drives the score: effective weights add up to 100%.
    let effective: Vec<f64> = serde_json::from_value(
        js(&client, "return Array.from(document.querySelectorAll('[data-testid=influence]')).map(p => Number(p.dataset.effective));").await,
    )
    .unwrap();
    assert_eq!(effective.len(), 5);
    assert!((effective.iter().sum::<f64>() - 1.0).abs() < 1e-9, "{effective:?}");
    let edge = by_testid(&client, "knife-edge-summary").await.text().await.unwrap();
    assert!(edge.contains("within 1% of the score range of a tier cut"), "{edge}");
    js(&client, "document.querySelector('[data-testid=explain-panel]').scrollIntoView(); return true;").await;
    screenshot(&client, GROUP, "02-what-drives-the-score").await;

    // Escape hatch: Close returns to the table.
    by_testid(&client, "detail-close").await.click().await.unwrap();
    until(&client, "the panel closed", "return !document.querySelector('[data-testid=detail-panel]');").await;
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

#[tokio::test]
async fn rank_stability_with_a_seed_matches_the_cli() {
    let Some(Session { turn: _turn, server, driver, client }) = session(1600, 1000, None).await else { return };
    open_demo(&client, &server.base).await;
    // Record long tasks while the draws run.
    js(
        &client,
        "window.__longTasks = []; try { new PerformanceObserver(l => l.getEntries().forEach(e => window.__longTasks.push(e.duration))).observe({type: 'longtask', buffered: false}); } catch (e) {} return true;",
    )
    .await;
    for (id, value) in [("stability-spread", "30"), ("stability-draws", "1000"), ("stability-seed", "11")] {
        let field = by_testid(&client, id).await;
        field.clear().await.unwrap();
        field.send_keys(value).await.unwrap();
    }
    let started = std::time::Instant::now();
    by_testid(&client, "stability-run").await.click().await.unwrap();
    until(&client, "the stability result", "return !!document.querySelector('[data-testid=stability-result]');").await;
    let elapsed = started.elapsed();
    let long_tasks: Vec<f64> = serde_json::from_value(js(&client, "return window.__longTasks;").await).unwrap_or_default();
    let in_page =
        js(&client, "const m = performance.getEntriesByName('ses:stability'); return m.length ? m[m.length - 1].duration : -1;").await;
    eprintln!(
        "stability: 1000 draws shown after {elapsed:?} (in the page, Run to result: {in_page} ms); long tasks over 50 ms: {long_tasks:?}"
    );
    js(&client, "document.querySelector('[data-testid=stability-panel]').scrollIntoView(); return true;").await;
    screenshot(&client, GROUP, "03-stability").await;

    let rows = serde_json::from_value::<Vec<(String, u64, u64, u64)>>(
        js(
            &client,
            "return Array.from(document.querySelectorAll('[data-testid=stability-row]')).map(r => [r.dataset.schoolId, Number(r.dataset.p5), Number(r.dataset.median), Number(r.dataset.p95)]);",
        )
        .await,
    )
    .unwrap();
    assert_eq!(rows.len(), 170);

    let dir = scratch("explain-stability");
    ses(&["demo", "--out-dir", dir.to_str().unwrap()]);
    let f = |n: &str| dir.join(n).display().to_string();
    let out = ses(&[
        "explain",
        "--formula",
        &f("formula.json"),
        "--areas",
        &f("areas.csv"),
        "--schools",
        &f("schools.csv"),
        "--enrollment",
        &f("enrollment.csv"),
        "--draws",
        "1000",
        "--spread",
        "0.3",
        "--seed",
        "11",
    ]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for (id, p5, median, p95) in &rows {
        let cli = doc["schools"].as_array().unwrap().iter().find(|s| s["id"] == id.as_str()).unwrap();
        assert_eq!(
            (*p5, *median, *p95),
            (cli["rank_p5"].as_u64().unwrap(), cli["rank_median"].as_u64().unwrap(), cli["rank_p95"].as_u64().unwrap()),
            "school {id}: the app's rank range equals the CLI's"
        );
    }
    let sensitivity = js(&client, "return document.querySelectorAll('[data-testid=sensitivity-row]').length;").await;
    assert_eq!(sensitivity, 10);
    by_testid(&client, "sensitivity-sort-4").await.click().await.unwrap();
    let dollars: Vec<f64> = serde_json::from_value(
        js(
            &client,
            "return Array.from(document.querySelectorAll('[data-testid=sensitivity-row] td:last-child')).map(td => Number(td.textContent.replace(/[$,]/g, '')));",
        )
        .await,
    )
    .unwrap();
    assert!(dollars.windows(2).all(|w| w[0] >= w[1]), "sorted by dollars moved: {dollars:?}");

    // A weight change makes the result stale.
    by_testid(&client, "weight-slider-1").await.send_keys(&Key::Right.to_string()).await.unwrap();
    until(&client, "the stale mark", "return !!document.querySelector('[data-testid=stability-stale]');").await;
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}
