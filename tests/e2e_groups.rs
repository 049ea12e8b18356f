//! Real-browser end-to-end test of formula file v2 in the app: the demo's formula of three
//! domains (groups that fold, a weight for each group, each indicator's share of the total and
//! of its group), a group's slider moving its whole domain, the same school order as `ses
//! schools` with the same formula, and the missing-value rules on data with gaps (the counts
//! they touch, and the map dotting the areas scored with gaps). Screenshots go to
//! `test-artifacts/e2e-groups/`.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::Client;
use fantoccini::key::Key;
use ses_explorer::engine::demo::demo_domains_formula;
use ses_explorer::engine::table::Table;
use support::*;

const GROUP: &str = "e2e-groups";

async fn select(client: &Client, testid: &str, value: &str) {
    js(
        client,
        &format!(
            "const s = document.querySelector('[data-testid={testid}]'); s.value = '{value}'; s.dispatchEvent(new Event('change', {{bubbles: true}}));"
        ),
    )
    .await;
}

/// School ids in rank order, as `ses schools` writes them.
fn cli_school_order(dir: &std::path::Path, formula: &std::path::Path) -> Vec<String> {
    let out = ses(&[
        "schools",
        "--formula",
        formula.to_str().unwrap(),
        "--areas",
        dir.join("areas.csv").to_str().unwrap(),
        "--schools",
        dir.join("schools.csv").to_str().unwrap(),
        "--enrollment",
        dir.join("enrollment.csv").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let table = Table::parse("schools.csv", &out.stdout).unwrap();
    table.text_column("school_id", ses_explorer::engine::error::Purpose::SchoolId).unwrap()
}

#[tokio::test]
async fn domains_fold_weigh_together_match_the_cli_and_missing_values_follow_their_rule() {
    let dir = scratch("groups-demo");
    ses(&["demo", "--out-dir", dir.to_str().unwrap()]);
    let formula_path = dir.join("domains.json");
    std::fs::write(&formula_path, demo_domains_formula().to_json()).unwrap();
    let Some(Session { turn: _turn, server, driver, client }) = session(1366, 768, None).await else { return };
    client.goto(&server.base).await.unwrap();
    open_whole_page(&client).await;
    until(&client, "the app", "return !!document.querySelector('[data-testid=ranking-table]');").await;

    // The formula of three domains: three groups, each a third of the score.
    select(&client, "preset", "domains").await;
    until(&client, "three groups", "return document.querySelectorAll('details.group').length === 3;").await;
    for g in 0..3 {
        let summary = text_of(&client, &format!("group-summary-{g}")).await;
        assert!(summary.ends_with("33% of the total"), "{summary}");
    }
    // Degrees and language share their domain: each a sixth of the total, half of the group.
    assert_eq!(text_of(&client, "share-1").await, "17%");
    assert_eq!(text_of(&client, "within-1").await, "50% of the group");
    assert_eq!(text_of(&client, "within-0").await, "100% of the group");
    assert_eq!(school_order(&client).await, cli_school_order(&dir, &formula_path), "the app ranks as ses does");
    screenshot(&client, GROUP, "01-domains-1366x768").await;

    // A group's slider moves its whole domain.
    let before = school_order(&client).await;
    let slider = by_testid(&client, "group-slider-0").await;
    for _ in 0..30 {
        slider.send_keys(&Key::Right.to_string()).await.unwrap();
    }
    until(&client, "economic to weigh more", "return document.querySelector('[data-testid=group-summary-0]').textContent.includes('44%');")
        .await;
    assert_ne!(school_order(&client).await, before, "the ranking moved with the domain");
    let mut heavier = demo_domains_formula();
    heavier.groups[0].weight = 80.0;
    std::fs::write(&formula_path, heavier.to_json()).unwrap();
    until_every(
        &client,
        "the ranking to settle",
        "return document.querySelector('[data-testid=group-input-0]').value === '80';",
        std::time::Duration::from_millis(50),
    )
    .await;
    assert_eq!(school_order(&client).await, cli_school_order(&dir, &formula_path), "the app ranks as ses does after the move");
    // A group folds away by keyboard.
    by_testid(&client, "group-summary-2").await.send_keys(&Key::Enter.to_string()).await.unwrap();
    assert_eq!(js(&client, "return document.querySelector('[data-testid=group-2]').open;").await, false);

    // Data with gaps: twelve areas without their share of owners, two without anything.
    let areas = std::fs::read_to_string(dir.join("areas.csv")).unwrap();
    let header: Vec<&str> = areas.lines().next().unwrap().split(',').collect();
    let owners = header.iter().position(|h| *h == "pct_owner_occupied").unwrap();
    let mut gapped = String::new();
    for (n, line) in areas.lines().enumerate() {
        let mut cells: Vec<String> = line.split(',').map(String::from).collect();
        if (1..=12).contains(&n) {
            cells[owners].clear();
        }
        if n == 13 || n == 14 {
            for (k, cell) in cells.iter_mut().enumerate() {
                if header[k].starts_with("pct_") || header[k] == "median_household_income" {
                    cell.clear();
                }
            }
        }
        gapped.push_str(&cells.join(","));
        gapped.push('\n');
    }
    let gaps_dir = scratch("groups-gaps");
    std::fs::write(gaps_dir.join("areas.csv"), gapped).unwrap();
    choose_files(&client, "file-input", &[&gaps_dir.join("areas.csv"), &dir.join("schools.csv"), &dir.join("enrollment.csv")]).await;
    until(&client, "three mapping forms", "return !!document.querySelector('[data-testid=mapping-2]');").await;
    by_testid(&client, "use-files").await.click().await.unwrap();
    until(&client, "the data in use", "return document.querySelector('[data-testid=dataset]').textContent.includes('areas.csv');").await;
    choose_files(&client, "boundaries-input", &[&dir.join("areas.geojson")]).await;
    until(&client, "the map", "return !!document.querySelector('[data-testid=map] path[data-feature]');").await;
    // A flat formula of the five factors leaves the fourteen out.
    until(&client, "fourteen left out", "return document.querySelector('[data-testid=gaps-status]').textContent.includes('14 areas');")
        .await;
    assert_eq!(js(&client, "return document.querySelectorAll('[data-testid=map-gap]').length;").await, 0);

    // The domains reweight: twelve scored on what they have, two still left out.
    select(&client, "preset", "domains").await;
    until(
        &client,
        "the reweighting counts",
        "return document.querySelector('[data-testid=gaps-status]').textContent.startsWith('12 areas scored with gaps (reweighted); 2 left out');",
    )
    .await;
    until(&client, "twelve dotted areas", "return document.querySelectorAll('[data-testid=map-gap]').length === 12;").await;
    assert!(text_of(&client, "map-legend-gaps").await.contains("(12)"));
    js(&client, "document.querySelector('[data-testid=missing-values]').scrollIntoView({block: 'center'});").await;
    screenshot(&client, GROUP, "02-reweighted-gaps-rule").await;
    js(&client, "document.querySelector('[data-testid=map-panel]').scrollIntoView({block: 'start'});").await;
    screenshot(&client, GROUP, "03-reweighted-gaps-map").await;

    // A fixed tier for every area with a gap.
    select(&client, "missing-policy", "assign_tier").await;
    until(
        &client,
        "the fixed tier",
        "return document.querySelector('[data-testid=gaps-status]').textContent.startsWith('14 areas with gaps given tier 1');",
    )
    .await;
    until(&client, "fourteen dotted areas", "return document.querySelectorAll('[data-testid=map-gap]').length === 14;").await;
    // Leave out again: nothing dotted.
    select(&client, "missing-policy", "leave_out").await;
    until(&client, "no dotted area", "return document.querySelectorAll('[data-testid=map-gap]').length === 0;").await;

    // On a phone the groups and their sliders fit the width.
    driver.emulate_screen(&client, 390, 844).await;
    select(&client, "missing-policy", "reweight").await;
    let overflow = js(&client, "return document.documentElement.scrollWidth > window.innerWidth;").await;
    assert_eq!(overflow, false, "nothing scrolls sideways on a phone");
    js(&client, "document.querySelector('[data-testid=group-0]').scrollIntoView({block: 'start'});").await;
    screenshot(&client, GROUP, "04-domains-390x844").await;
    assert_accessible(&client, "formula of groups").await;
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

#[tokio::test]
async fn naming_groups_in_the_import_step_makes_a_formula_of_groups() {
    let dir = scratch("groups-import");
    ses(&["demo", "--out-dir", dir.to_str().unwrap()]);
    let Some(Session { turn: _turn, server, driver, client }) = session(1366, 768, None).await else { return };
    client.goto(&server.base).await.unwrap();
    open_whole_page(&client).await;
    until(&client, "the app", "return !!document.querySelector('[data-testid=file-input]');").await;
    choose_files(&client, "file-input", &[&dir.join("areas.csv"), &dir.join("schools.csv"), &dir.join("enrollment.csv")]).await;
    until(&client, "three mapping forms", "return !!document.querySelector('[data-testid=mapping-2]');").await;
    // Name two groups for the five ticked demo indicators: money, and everything else.
    let named = js(
        &client,
        "const rows = Array.from(document.querySelectorAll('[data-testid=mapping-0] input.group-name')); \
         const labels = rows.map(r => document.querySelector(`label[for=\"${r.id.replace('group', 'use')}\"]`).textContent); \
         rows.forEach((r, k) => { if (r.disabled) return; r.value = labels[k] === 'median_household_income' ? 'Money' : 'Family, home and schooling'; \
           r.dispatchEvent(new Event('change', {bubbles: true})); }); \
         return rows.filter(r => !r.disabled).length;",
    )
    .await;
    assert_eq!(named, 5, "the five ticked indicators take a group");
    screenshot(&client, GROUP, "05-import-groups").await;
    by_testid(&client, "use-files").await.click().await.unwrap();
    until(&client, "two groups", "return document.querySelectorAll('details.group').length === 2;").await;
    let summaries: Vec<String> = serde_json::from_value(
        js(&client, "return [0, 1].map(g => document.querySelector(`[data-testid=group-summary-${g}]`).textContent);").await,
    )
    .unwrap();
    assert_eq!(summaries, ["Money: 50% of the total", "Family, home and schooling: 50% of the total"]);
    assert_eq!(text_of(&client, "within-0").await, "100% of the group");
    assert_eq!(text_of(&client, "share-1").await, "13%", "each of the other four: half of a half");
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}
