//! Real-browser end-to-end tests of the map: Chicago's tracts imported with their boundaries
//! (the three without data hatched), the fills after a weight change, the tier shown on focus
//! against the table's, moving between areas by keyboard, zoom, and the PNG and SVG exports.
//! Screenshots go to `test-artifacts/e2e-map/`.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::HashMap;

use fantoccini::Client;
use fantoccini::key::Key;
use ses_explorer::engine::error::Purpose;
use support::*;

const GROUP: &str = "e2e-map";

/// `[data-id, data-tier, fill]` of every area path of the map.
async fn map_paths(client: &Client) -> Vec<[String; 3]> {
    serde_json::from_value(
        js(
            client,
            "return Array.from(document.querySelectorAll('[data-testid=map] path[data-feature]')).map(p => [p.dataset.id, p.dataset.tier, p.getAttribute('fill')]);",
        )
        .await,
    )
    .unwrap()
}

async fn move_income_slider(client: &Client, steps: usize, expected: &str) {
    let slider = by_testid(client, "weight-slider-0").await;
    for _ in 0..steps {
        slider.send_keys(&Key::Right.to_string()).await.unwrap();
    }
    until(client, "the slider moved", &format!("return document.querySelector('[data-testid=weight-slider-0]').value === '{expected}';"))
        .await;
}

/// One step of the income slider as a person's arrow key would make it, without scrolling the
/// page (WebDriver's typing scrolls its target into view); waits until the step is painted.
async fn slider_step(client: &Client, delta: i32) {
    let before = measures(client, "ses:frame").await.len();
    js(client, &format!("const s = document.querySelector('[data-testid=weight-slider-0]'); s.value = String(Number(s.value) + ({delta})); s.dispatchEvent(new Event('input', {{bubbles: true}})); return true;")).await;
    until(client, "the step painted", &format!("return performance.getEntriesByName('ses:frame', 'measure').length > {before};")).await;
}

fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    if v.is_empty() { f64::NAN } else { v[v.len() / 2] }
}

/// What the map adds to a slider step: the same steps with the map scrolled away and on
/// screen, medians of `ses:frame` (input to painted) and of `ses:map` (refilling the areas).
async fn map_cost(client: &Client, what: &str) -> serde_json::Value {
    let mut result = serde_json::Map::new();
    for (label, script) in [
        ("map_off_screen", "window.scrollTo(0, 0); return true;"),
        ("map_on_screen", "document.querySelector('[data-testid=map]').scrollIntoView(); return true;"),
    ] {
        js(client, script).await;
        js(client, "performance.clearMeasures(); return true;").await;
        for i in 0..20 {
            slider_step(client, if i % 2 == 0 { 3 } else { -2 }).await;
        }
        let frame = measures(client, "ses:frame").await;
        let map = measures(client, "ses:map").await;
        result.insert(
            label.into(),
            serde_json::json!({ "frame_median_ms": median(&frame), "map_median_ms": median(&map), "frame_ms": frame, "map_ms": map }),
        );
    }
    let report = serde_json::json!({ what: result });
    eprintln!("{what}: {report}");
    let dir = root().join("test-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("map-perf-{what}.json")), serde_json::to_string_pretty(&report).unwrap()).unwrap();
    report
}

#[tokio::test]
async fn chicago_tracts_and_boundaries_make_a_map_whose_tiers_follow_the_table() {
    let cps = root().join("examples/chicago/cps-tracts-fy2015.csv");
    let geometry = root().join("examples/chicago/chicago-tracts-2010.geojson");
    let Some(Session { turn: _turn, server, driver, client }) = session(1600, 1000, None).await else { return };
    client.goto(&server.base).await.unwrap();
    open_whole_page(&client).await;
    until(&client, "the demo map", "return document.querySelectorAll('[data-testid=map] path[data-feature]').length === 600;").await;

    // The data and its boundaries chosen together, as a district would.
    choose_files(&client, "file-input", &[&cps, &geometry]).await;
    until(
        &client,
        "the mapping form and the boundaries",
        "return !!document.querySelector('[data-testid=mapping-0]') && !!document.querySelector('[data-testid=boundaries-read]');",
    )
    .await;
    let read = by_testid(&client, "boundaries-read").await.text().await.unwrap();
    assert!(read.starts_with("chicago-tracts-2010.geojson: 799 boundaries for the map (95956 vertices)"), "{read}");
    // The raw education counts behind the attainment score are not pre-selected.
    let ticked: Vec<bool> = serde_json::from_value(js(&client, "return Array.from(document.querySelectorAll('[data-testid=mapping-0] input[type=checkbox][data-testid^=use-0-]')).map(c => c.checked);").await).unwrap();
    assert_eq!(ticked.iter().filter(|t| **t).count(), 6, "Chicago's six factors, ticked: {ticked:?}");
    by_testid(&client, "use-files").await.click().await.unwrap();
    until(&client, "Chicago's map", "return document.querySelectorAll('[data-testid=map] path[data-feature]').length === 799;").await;
    let notice = by_testid(&client, "notice").await.text().await.unwrap();
    assert!(
        notice.contains("Map: 799 boundaries from chicago-tracts-2010.geojson (796 matched to the data's areas by \"TRACT\")."),
        "{notice}"
    );
    assert!(notice.contains("3 boundaries have no data: shown hatched (3817, 8357, 9801)"), "{notice}");
    // Each picker names the file it holds.
    assert_eq!(by_testid(&client, "boundaries-in-use").await.text().await.unwrap(), "In use: chicago-tracts-2010.geojson");
    let files = by_testid(&client, "files-in-use").await.text().await.unwrap();
    assert!(files.starts_with("In use: ") && files.contains(".csv"), "{files}");
    eprintln!(
        "Chicago boundaries: ses:boundaries-read {:?} ms; ses:boundaries-match {:?} ms",
        measures(&client, "ses:boundaries-read").await,
        measures(&client, "ses:boundaries-match").await
    );
    by_testid(&client, "preset").await.select_by_value("chicago").await.unwrap();
    until(&client, "Chicago's four tiers", "return document.querySelector('[data-testid=tier-count]').value === '4';").await;
    js(&client, "document.querySelector('[data-testid=map-panel]').scrollIntoView(); return true;").await;
    screenshot(&client, GROUP, "01-chicago-tiers").await;

    // Every tract's tier on the map is the published one (`ses score` reproduces it); the
    // three without data are hatched and have no tier.
    let cli = ses(&[
        "score",
        "--formula",
        root().join("assets/formulas/chicago-6-factor.json").to_str().unwrap(),
        "--areas",
        cps.to_str().unwrap(),
    ]);
    let cli = ses_explorer::engine::table::Table::parse("stdout", &cli.stdout).unwrap();
    let published: HashMap<String, String> =
        cli.text_column("id", Purpose::Indicator).unwrap().into_iter().zip(cli.text_column("tier", Purpose::Indicator).unwrap()).collect();
    let before = map_paths(&client).await;
    assert_eq!(hatched_and_tiered_as(&before, &published), ["3817", "8357", "9801"]);
    let legend = by_testid(&client, "map-legend-no-data").await.text().await.unwrap();
    assert!(legend.contains("No data (3)"), "{legend}");

    // What the map adds to a slider step, on Chicago's 799 tracts (96,000 vertices).
    map_cost(&client, "chicago").await;

    // A weight change refills the map: the same shapes, some areas with another tier.
    js(&client, "performance.clearMeasures(); return true;").await;
    move_income_slider(
        &client,
        10,
        &serde_json::from_value::<String>(
            js(&client, "return String(Number(document.querySelector('[data-testid=weight-slider-0]').value) + 10);").await,
        )
        .unwrap(),
    )
    .await;
    until(&client, "the map refilled", "return Array.from(document.querySelectorAll('[data-testid=map] path[data-feature]')).some(p => p.getAttribute('fill').startsWith('url(#map-stripes'));").await;
    let after = map_paths(&client).await;
    let changed = before.iter().zip(&after).filter(|(b, a)| b[1] != a[1]).count();
    assert!(changed > 0, "some tracts change tier");
    assert!(after.iter().zip(&before).all(|(a, b)| a[0] == b[0]), "the same features in the same order");
    let table: HashMap<String, String> =
        table_rows(&client, "area-row", &["areaId", "tier"]).await.into_iter().map(|r| (r[0].clone(), r[1].clone())).collect();
    for [id, tier, _] in &after {
        if let Some(t) = table.get(id) {
            assert_eq!(t, tier, "tract {id}: the map and the table agree after the change");
        }
    }
    js(&client, "document.querySelector('[data-testid=map-panel]').scrollIntoView(); return true;").await;
    screenshot(&client, GROUP, "02-chicago-after-a-weight-change").await;

    // Keyboard: Tab from the map to an area shows its tier; arrows move between areas.
    js(&client, "document.querySelector('[data-testid=map]').focus(); return true;").await;
    client.active_element().await.unwrap().send_keys(&Key::Tab.to_string()).await.unwrap();
    let first = js(&client, "return document.activeElement.dataset.id || null;").await;
    let first = first.as_str().expect("Tab moves into the areas").to_string();
    until(&client, "the area's facts", "return !!document.querySelector('[data-testid=map-info-facts]');").await;
    let facts = by_testid(&client, "map-info-facts").await.text().await.unwrap();
    let tier_in_table = table.get(&first).cloned().unwrap_or_default();
    if tier_in_table.is_empty() {
        assert!(facts.contains("no data"), "{facts}");
    } else {
        assert!(facts.starts_with(&format!("{first} · tier {tier_in_table}")), "focus shows the table's tier: {facts} vs {tier_in_table}");
    }
    client.active_element().await.unwrap().send_keys(&Key::Right.to_string()).await.unwrap();
    let second = js(&client, "return document.activeElement.dataset.id || null;").await;
    assert!(second.as_str().is_some_and(|s| s != first), "the right arrow moves to another area");
    let second = second.as_str().unwrap().to_string();
    until(
        &client,
        "the facts of the next area",
        &format!("return document.querySelector('[data-testid=map-info-facts]').textContent.startsWith('{second} ');"),
    )
    .await;
    let tabindexes =
        js(&client, "return Array.from(document.querySelectorAll('[data-testid=map] path[tabindex=\"0\"]')).map(p => p.dataset.id);").await;
    assert_eq!(tabindexes, serde_json::json!([second]), "one area at a time is in the Tab order");
    screenshot(&client, GROUP, "03-keyboard-focus-on-an-area").await;
    client.active_element().await.unwrap().send_keys(&Key::Enter.to_string()).await.unwrap();
    until(
        &client,
        "the area's detail",
        &format!("return (document.querySelector('#detail-heading') || {{}}).textContent === 'Area {second}';"),
    )
    .await;
    screenshot(&client, GROUP, "04-enter-opens-the-detail").await;
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

#[tokio::test]
async fn the_demo_map_zooms_recolours_exports_and_survives_a_bad_boundaries_file() {
    let downloads = scratch("map-downloads");
    let Some(Session { turn: _turn, server, driver, client }) = session(1600, 1000, Some(&downloads)).await else { return };
    client.goto(&server.base).await.unwrap();
    open_whole_page(&client).await;
    until(&client, "the demo map", "return document.querySelectorAll('[data-testid=map] path[data-feature]').length === 600;").await;

    // What the map adds to a slider step on the demo district.
    let cost = map_cost(&client, "demo").await;
    assert!(cost["demo"]["map_on_screen"]["map_ms"].as_array().is_some_and(|m| !m.is_empty()), "the map updated with the slider");
    // 20 steps of +3 −2, twice, from 20: at 40; then 15 more by keyboard.
    move_income_slider(&client, 15, "55").await;

    // Colour by change of tier: the legend names the classes with counts, changed areas striped.
    by_testid(&client, "map-colour").await.select_by_value("change").await.unwrap();
    until(&client, "the change legend", "return document.querySelector('[data-testid=map-legend]').textContent.includes('Same tier');")
        .await;
    let striped = js(&client, "return document.querySelectorAll('[data-testid=map] path[fill^=\"url(#map-stripes\"]').length;").await;
    assert!(striped.as_u64().unwrap() > 0);
    screenshot(&client, GROUP, "10-demo-change-of-tier").await;

    // Zoom by keyboard on the map, then back to the whole map.
    js(&client, "document.querySelector('[data-testid=map]').focus(); return true;").await;
    client.active_element().await.unwrap().send_keys("+").await.unwrap();
    until(&client, "zoomed in", "return document.querySelector('[data-testid=map]').dataset.zoom === '1.50';").await;
    client.active_element().await.unwrap().send_keys(&Key::Left.to_string()).await.unwrap();
    let view_box = js(&client, "return document.querySelector('[data-testid=map]').getAttribute('viewBox');").await;
    assert!(view_box.as_str().unwrap().starts_with("60.0 "), "panned left: {view_box}");
    screenshot(&client, GROUP, "11-demo-zoomed").await;
    client.active_element().await.unwrap().send_keys("0").await.unwrap();
    until(&client, "the whole map", "return document.querySelector('[data-testid=map]').dataset.zoom === '1.00';").await;

    // Touch: two fingers spreading to twice their distance zoom in twice; one finger then pans.
    let pointer = |kind: &str, id: u32, x: u32, y: u32| {
        format!(
            "m.dispatchEvent(new PointerEvent('{kind}', {{pointerId: {id}, clientX: r.left + {x}, clientY: r.top + {y}, buttons: {}, bubbles: true, pointerType: 'touch'}}));",
            if kind == "pointerup" { 0 } else { 1 }
        )
    };
    let script = [
        "const m = document.querySelector('[data-testid=map]'); const r = m.getBoundingClientRect();".to_string(),
        pointer("pointerdown", 1, 200, 200),
        pointer("pointerdown", 2, 300, 200),
        pointer("pointermove", 2, 400, 200),
        "return true;".to_string(),
    ]
    .concat();
    js(&client, &script).await;
    until(&client, "pinched to twice", "return document.querySelector('[data-testid=map]').dataset.zoom === '2.00';").await;
    let script = [
        "const m = document.querySelector('[data-testid=map]'); const r = m.getBoundingClientRect();".to_string(),
        pointer("pointerup", 2, 400, 200),
        pointer("pointerup", 1, 200, 200),
        pointer("pointerdown", 3, 300, 300),
        pointer("pointermove", 3, 200, 300),
        pointer("pointerup", 3, 200, 300),
        "return true;".to_string(),
    ]
    .concat();
    let before = js(&client, "return document.querySelector('[data-testid=map]').getAttribute('viewBox');").await;
    js(&client, &script).await;
    until(
        &client,
        "panned by the finger",
        &format!("return document.querySelector('[data-testid=map]').getAttribute('viewBox') !== {before};"),
    )
    .await;
    let after = js(&client, "return document.querySelector('[data-testid=map]').getAttribute('viewBox');").await;
    let x = |v: &serde_json::Value| v.as_str().unwrap().split(' ').next().unwrap().parse::<f64>().unwrap();
    assert!(x(&after) > x(&before), "dragging left shows what is to the right: {before} → {after}");
    by_testid(&client, "map-reset").await.click().await.unwrap();

    // Exports: the SVG has one labelled path per area, the PNG the drawn size.
    by_testid(&client, "map-svg").await.click().await.unwrap();
    let svg = std::fs::read_to_string(downloaded(&downloads, "-map-20").await).unwrap();
    assert_eq!(svg.matches("<path ").count(), 600);
    assert_eq!(svg.matches(" data-tier=\"").count(), 600);
    assert!(svg.contains(">Change of tier against the baseline</text>"));
    for entry in std::fs::read_dir(&downloads).unwrap().flatten() {
        std::fs::remove_file(entry.path()).unwrap();
    }
    by_testid(&client, "map-png").await.click().await.unwrap();
    let png = std::fs::read(downloaded(&downloads, "-map-20").await).unwrap();
    let svg_size: Vec<u32> = ["width", "height"]
        .iter()
        .map(|a| {
            let start = svg.find(&format!(" {a}=\"")).unwrap() + a.len() + 3;
            svg[start..start + svg[start..].find('"').unwrap()].parse().unwrap()
        })
        .collect();
    assert_eq!(png_size(&png), (svg_size[0], svg_size[1]), "the PNG and the SVG are the same drawing");

    // Schools are points; the printable page includes the map.
    assert_eq!(js(&client, "return document.querySelectorAll('[data-testid=map] .map-schools circle').length;").await, 170);
    click_settled(&client, "printable").await;
    until(&client, "the printable map", "return !!document.querySelector('[data-testid=print-map] svg');").await;
    assert_eq!(js(&client, "return document.querySelectorAll('[data-testid=print-map] path[data-tier]').length;").await, 600);
    js(&client, "document.querySelector('[data-testid=print-map]').scrollIntoView(); return true;").await;
    screenshot(&client, GROUP, "12-printable-map").await;
    by_testid(&client, "print-back").await.click().await.unwrap();
    until(&client, "the explorer", "return document.querySelectorAll('[data-testid=map] path[data-feature]').length === 600;").await;

    // A file that is not boundaries is refused in words, next to its picker; the map stays.
    let bad = scratch("bad-boundaries").join("not-a-map.geojson");
    std::fs::write(&bad, "{\"type\": \"Topology\"}").unwrap();
    choose_files(&client, "boundaries-input", &[&bad]).await;
    until(
        &client,
        "the refusal",
        "const n = document.querySelector('.map-import [role=alert]'); return !!n && n.textContent.includes('not-a-map.geojson');",
    )
    .await;
    let refusal = by_testid(&client, "boundaries-problem").await.text().await.unwrap();
    assert!(refusal.contains("is not GeoJSON") && refusal.contains("The map and data you had are unchanged"), "{refusal}");
    // Next to the picker, so in view where the person chose the file (scrolled to its bottom
    // edge, which may fall a fraction of a pixel past the screen's).
    let beside = js(&client, "const p = document.querySelector('[data-testid=boundaries-problem]').getBoundingClientRect(); const l = document.querySelector('label[for=boundaries-input]').getBoundingClientRect(); return Math.abs(p.top - l.bottom) < 80 && p.top >= 0 && p.bottom <= innerHeight + 1;").await;
    assert_eq!(beside, true, "the problem is shown beside the picker, in view");
    // A download cut off part way is said so in words, not the JSON reader's.
    let whole = std::fs::read_to_string(root().join("examples/chicago/chicago-tracts-2010.geojson")).unwrap();
    let cut = scratch("bad-boundaries").join("tracts-cut.geojson");
    std::fs::write(&cut, &whole[..whole.len() / 3]).unwrap();
    choose_files(&client, "boundaries-input", &[&cut]).await;
    until(
        &client,
        "the cut file told",
        "return (document.querySelector('[data-testid=boundaries-problem]')?.textContent || '').includes('tracts-cut.geojson');",
    )
    .await;
    let refusal = by_testid(&client, "boundaries-problem").await.text().await.unwrap();
    assert!(
        refusal.contains("the file ends early") && refusal.contains("cut off while it was downloaded") && !refusal.contains("EOF"),
        "{refusal}"
    );
    screenshot(&client, GROUP, "13-boundaries-cut-off").await;
    assert_eq!(
        by_testid(&client, "boundaries-in-use").await.text().await.unwrap(),
        "In use: the demo district's boundaries (built in, no file)",
        "the refused file is not named as in use"
    );
    assert_eq!(js(&client, "return document.querySelectorAll('[data-testid=map] path[data-feature]').length;").await, 600);
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}
