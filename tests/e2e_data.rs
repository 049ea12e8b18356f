//! Real-browser end-to-end tests of your own data in and results out: importing Chicago's
//! tracts, a broken file, student-level data; exporting CSV, PNG and scenario files; saved
//! scenarios and share links; and the privacy proof (every request is a GET for a file of the
//! built app; no Content-Security-Policy violation, no error in the console).
//! Screenshots go to `test-artifacts/e2e-data/`.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use fantoccini::Client;
use fantoccini::key::Key;
use ses_explorer::app::scenario::Scenario;
use ses_explorer::engine::error::Purpose;
use ses_explorer::engine::table::Table;
use support::*;

const GROUP: &str = "e2e-data";

/// The repository's copy of Chicago's published tract file (always there: a clone has it).
fn cps_file() -> Option<PathBuf> {
    let path = root().join("examples/chicago/cps-tracts-fy2015.csv");
    assert!(path.exists(), "{} is missing", path.display());
    Some(path)
}

async fn open_app(client: &Client, url: &str) {
    client.goto(url).await.unwrap();
    open_whole_page(client).await;
    until(
        client,
        "the app",
        "return !!document.querySelector('[data-testid=ranking-table]') && !!document.querySelector('[data-testid=file-input]');",
    )
    .await;
}

/// Whether each indicator of the areas mapping whose column is in `columns` is ticked.
async fn ticked(client: &Client, file: usize, columns: &[&str]) -> Vec<bool> {
    let labels: Vec<String> = serde_json::from_value(
        js(
            client,
            &format!(
                "return Array.from(document.querySelectorAll('[data-testid=mapping-{file}] label[for^=\"map-{file}-use-\"]')).map(l => l.textContent);"
            ),
        )
        .await,
    )
    .unwrap();
    let mut out = Vec::new();
    for (k, label) in labels.iter().enumerate() {
        if columns.contains(&label.as_str()) {
            out.push(js(client, &format!("return document.querySelector('[data-testid=use-{file}-{k}]').checked;")).await == true);
        }
    }
    out
}

async fn use_files(client: &Client, label_part: &str) {
    by_testid(client, "use-files").await.click().await.unwrap();
    until(
        client,
        &format!("data {label_part} in use"),
        &format!("return document.querySelector('[data-testid=dataset]').textContent.includes('{label_part}');"),
    )
    .await;
}

const EDUCATION_COUNTS: [&str; 5] = ["Less Than High School", "High School", "Some College", "College Graduate", "Graduate School"];

#[tokio::test]
async fn chicago_tracts_imported_and_mapped_show_the_published_tiers_and_a_shared_link_waits_for_them() {
    let Some(cps) = cps_file() else { return };
    let Some(Session { turn: _turn, server, driver, client }) = session(1600, 1000, None).await else { return };
    open_app(&client, &server.base).await;

    choose_files(&client, "file-input", &[&cps]).await;
    until(&client, "the mapping form", "return !!document.querySelector('[data-testid=mapping-0]');").await;
    let role = js(&client, "return document.querySelector('[data-testid=role-0]').value;").await;
    assert_eq!(role, "areas");
    let population = js(&client, "return document.querySelector('[data-testid=population-0]').value;").await;
    assert_eq!(population, "Number of School Age Children");
    assert_eq!(ticked(&client, 0, &EDUCATION_COUNTS).await, [false; 5], "raw counts are not pre-selected as indicators");
    screenshot(&client, GROUP, "01-cps-mapping").await;

    // On a 1366×768 laptop the mapping is a step over the whole page, not a side column: its
    // 23 long column names each fit on at most two lines, beside their first values.
    client.set_window_size(1366, 768).await.unwrap();
    until(&client, "the laptop width", "return document.documentElement.clientWidth <= 1366;").await;
    let step = js(
        &client,
        "const d = document.querySelector('[data-testid=import-step]'); \
         const labels = Array.from(d.querySelectorAll('label[for^=\"map-0-use-\"]')); \
         const line = parseFloat(getComputedStyle(labels[0]).lineHeight); \
         return { modal: d.matches(':modal'), width: d.getBoundingClientRect().width, labels: labels.length, \
                  tallest: Math.max(...labels.map(l => l.getBoundingClientRect().height)) / line };",
    )
    .await;
    assert_eq!(step["modal"], true, "{step}");
    assert!(step["width"].as_f64().unwrap() >= 1100.0, "the step is as wide as the screen allows: {step}");
    assert!(step["tallest"].as_f64().unwrap() <= 2.05, "no column name wraps over more than two lines: {step}");
    let published = Table::parse("cps", &std::fs::read(&cps).unwrap()).unwrap();
    let first_incomes = published.text_column("Estimated Median Family Income", Purpose::Indicator).unwrap()[..3].join(" · ");
    let shown_samples: Vec<String> = serde_json::from_value(
        js(&client, "return Array.from(document.querySelectorAll('[data-testid=mapping-0] td.samples')).map(t => t.textContent);").await,
    )
    .unwrap();
    assert!(shown_samples.contains(&first_incomes), "the income column shows the file's first values {first_incomes:?}: {shown_samples:?}");
    // Chicago's six indicators in one click; the import then starts from Chicago's formula.
    by_testid(&client, "known-chicago-0").await.click().await.unwrap();
    until(
        &client,
        "the Chicago formula picked",
        "return document.querySelector('[data-testid=starts-from-0]').textContent.includes('Chicago');",
    )
    .await;
    let chicago: Vec<String> =
        ses_explorer::app::presets::Preset::Chicago.formula_for(&published).unwrap().indicators.into_iter().map(|i| i.column).collect();
    let all_columns: Vec<String> = serde_json::from_value(
        js(
            &client,
            "return Array.from(document.querySelectorAll('[data-testid=mapping-0] label[for^=\"map-0-use-\"]')).map(l => l.textContent);",
        )
        .await,
    )
    .unwrap();
    let chicago_refs: Vec<&str> = chicago.iter().map(String::as_str).collect();
    let all_refs: Vec<&str> = all_columns.iter().map(String::as_str).collect();
    let ticked_all = ticked(&client, 0, &all_refs).await;
    let ticked_columns: Vec<&str> = all_refs.iter().zip(&ticked_all).filter(|(_, t)| **t).map(|(c, _)| *c).collect();
    assert_eq!(ticked_columns.len(), 6, "{ticked_columns:?}");
    assert!(chicago_refs.iter().all(|c| ticked_columns.contains(c)), "{ticked_columns:?}");
    screenshot(&client, GROUP, "01b-cps-mapping-step-1366").await;
    use_files(&client, "cps-tracts-fy2015.csv").await;
    until(&client, "Chicago's four tiers", "return document.querySelector('[data-testid=tier-count]').value === '4';").await;
    assert_eq!(js(&client, "return document.querySelector('[data-testid=preset]').value;").await, "chicago");
    assert_eq!(js(&client, "return !!document.querySelector('[data-testid=import-step]');").await, false, "the step closes");
    client.set_window_size(1600, 1000).await.unwrap();
    screenshot(&client, GROUP, "02-cps-chicago-preset").await;

    let rows = table_rows(&client, "area-row", &["areaId", "tier"]).await;
    assert_eq!(rows.len(), 796);
    let cli = ses(&[
        "score",
        "--formula",
        root().join("assets/formulas/chicago-6-factor.json").to_str().unwrap(),
        "--areas",
        cps.to_str().unwrap(),
    ]);
    let cli = Table::parse("stdout", &cli.stdout).unwrap();
    let cli_tiers: HashMap<String, String> =
        cli.text_column("id", Purpose::Indicator).unwrap().into_iter().zip(cli.text_column("tier", Purpose::Indicator).unwrap()).collect();
    let published = chicago_published_tiers();
    for row in &rows {
        assert_eq!(row[1], cli_tiers[&row[0]], "tract {}: app and CLI", row[0]);
        assert_eq!(row[1], published[&row[0]], "tract {}: app and published", row[0]);
    }

    // The share link names Chicago's columns: in a fresh page (demo data) it waits for them.
    click_settled(&client, "make-link").await;
    until(&client, "the share link", "return !!document.querySelector('[data-testid=share-link]');").await;
    let link = by_testid(&client, "share-link").await.prop("value").await.unwrap().unwrap();
    assert!(link.starts_with(&server.base) && link.contains("#s2="), "{link}");
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();

    let client = driver.browser(1600, 1000).await;
    client.goto(&link).await.unwrap();
    open_whole_page(&client).await;
    until(
        &client,
        "the notice about missing columns",
        "const n = document.querySelector('[data-testid=notice]'); return !!n && n.textContent.includes('does not have');",
    )
    .await;
    let notice = by_testid(&client, "notice").await.text().await.unwrap();
    assert!(notice.contains("\"Estimated Median Family Income\""), "{notice}");
    assert!(!notice.contains("Some College"), "unticked columns are not part of the formula: {notice}");
    assert!(by_testid(&client, "drop-pending").await.is_displayed().await.unwrap());
    screenshot(&client, GROUP, "03-link-waits-for-data").await;
    // Escape leaves the mapping step and changes nothing.
    choose_files(&client, "file-input", &[&cps]).await;
    until(&client, "the mapping form", "return !!document.querySelector('[data-testid=mapping-0]');").await;
    press(&client, fantoccini::key::Key::Escape).await;
    until(&client, "the step to close", "return !document.querySelector('[data-testid=import-step]');").await;
    assert!(by_testid(&client, "dataset").await.text().await.unwrap().contains("Synthetic demo district"));
    choose_files(&client, "file-input", &[&cps]).await;
    until(&client, "the mapping form", "return !!document.querySelector('[data-testid=mapping-0]');").await;
    use_files(&client, "cps-tracts-fy2015.csv").await;
    until(
        &client,
        "the shared scenario applied",
        "return document.querySelector('[data-testid=notice]').textContent.includes('shared scenario is applied');",
    )
    .await;
    assert_eq!(js(&client, "return document.querySelector('[data-testid=tier-count]').value;").await, "4");
    let again = table_rows(&client, "area-row", &["areaId", "tier"]).await;
    assert_eq!(again, rows, "the link restores the same tiers");
    // The mapping was remembered for this header: the education counts stay unticked.
    for request in server.requests() {
        assert!(request.method == "GET" && request.served, "unexpected request {request:?}");
    }
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

#[tokio::test]
async fn a_broken_file_is_reported_by_row_and_column_and_the_data_stays() {
    let dir = scratch("broken");
    let broken = dir.join("areas-broken.csv");
    std::fs::write(&broken, "area_id,kids,income,single\na,10,100,50\nb,20,two hundred,40\nc,30,300,30\n").unwrap();
    let ragged = dir.join("ragged.csv");
    std::fs::write(&ragged, "area_id,kids,income\na,10,100\nb,20\n").unwrap();
    let Some(Session { turn: _turn, server, driver, client }) = session(1600, 1000, None).await else { return };
    open_app(&client, &server.base).await;
    let before = school_order(&client).await;

    choose_files(&client, "file-input", &[&ragged]).await;
    until(&client, "the read error", "const e = document.querySelector('[data-testid=import-errors]'); return !!e;").await;
    let error = by_testid(&client, "import-errors").await.text().await.unwrap();
    assert!(error.contains("ragged.csv: row 3 has 2 fields but the header has 3"), "{error}");

    choose_files(&client, "file-input", &[&broken]).await;
    until(&client, "the mapping form", "return !!document.querySelector('[data-testid=mapping-0]');").await;
    by_testid(&client, "use-files").await.click().await.unwrap();
    until(
        &client,
        "the import error",
        "const e = document.querySelector('[data-testid=import-errors]'); return !!e && e.textContent.includes('two hundred');",
    )
    .await;
    let error = by_testid(&client, "import-errors").await.text().await.unwrap();
    assert!(error.contains("areas-broken.csv: row 3, column \"income\": \"two hundred\" is not valid; expected a number"), "{error}");
    screenshot(&client, GROUP, "10-broken-file").await;
    let dataset = by_testid(&client, "dataset").await.text().await.unwrap();
    assert!(dataset.contains("Synthetic demo district"), "the demo stays: {dataset}");
    assert_eq!(school_order(&client).await, before, "the ranking stays");
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

/// (school id, rank, tier mix) of every row.
async fn profiles(client: &Client) -> Vec<Vec<String>> {
    table_rows(client, "school-row", &["schoolId", "rank", "mix"]).await
}

#[tokio::test]
async fn student_level_data_gives_the_same_school_profiles_as_counts() {
    let dir = scratch("students");
    ses(&["demo", "--out-dir", dir.to_str().unwrap(), "--students"]);
    let file = |n: &str| dir.join(n);
    let Some(Session { turn: _turn, server, driver, client }) = session(1600, 1000, None).await else { return };
    open_app(&client, &server.base).await;

    choose_files(&client, "file-input", &[&file("areas.csv"), &file("schools.csv"), &file("enrollment.csv")]).await;
    until(&client, "three mapping forms", "return !!document.querySelector('[data-testid=mapping-2]');").await;
    use_files(&client, "enrollment.csv").await;
    let by_counts = profiles(&client).await;
    assert_eq!(by_counts.len(), 170);
    by_testid(&client, "forget-data").await.click().await.unwrap();
    until(&client, "the demo back", "return document.querySelector('[data-testid=dataset]').textContent.includes('Synthetic');").await;

    choose_files(&client, "file-input", &[&file("areas.csv"), &file("schools.csv"), &file("students.csv")]).await;
    until(&client, "three mapping forms", "return !!document.querySelector('[data-testid=mapping-2]');").await;
    let roles: Vec<String> =
        serde_json::from_value(js(&client, "return [0,1,2].map(i => document.querySelector(`[data-testid=role-${i}]`).value);").await)
            .unwrap();
    assert_eq!(roles, ["areas", "schools", "students"]);
    screenshot(&client, GROUP, "20-student-file-mapping").await;
    use_files(&client, "students.csv").await;
    assert_eq!(profiles(&client).await, by_counts, "student-level data gives the same profiles");
    screenshot(&client, GROUP, "21-student-file-in-use").await;
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

async fn income_slider(client: &Client) -> String {
    js(client, "return document.querySelector('[data-testid=weight-slider-0]').value;").await.as_str().unwrap().to_string()
}

#[tokio::test]
async fn exports_saved_scenarios_and_share_links_work_and_nothing_but_the_app_is_requested() {
    let downloads = scratch("downloads");
    // Served from a sub-folder, as a school web server or a GitHub Pages project site would.
    let Some(Session { turn: _turn, server, driver, client }) = session_under("/schools/ses-explorer/", 1600, 1000, Some(&downloads)).await
    else {
        return;
    };
    open_app(&client, &server.base).await;

    // Import the demo files as a district would, then move a slider by keyboard.
    let demo = scratch("privacy-demo");
    ses(&["demo", "--out-dir", demo.to_str().unwrap()]);
    choose_files(&client, "file-input", &[&demo.join("areas.csv"), &demo.join("schools.csv"), &demo.join("enrollment.csv")]).await;
    until(&client, "three mapping forms", "return !!document.querySelector('[data-testid=mapping-2]');").await;
    use_files(&client, "enrollment.csv").await;
    let slider = by_testid(&client, "weight-slider-0").await;
    for _ in 0..15 {
        slider.send_keys(&Key::Right.to_string()).await.unwrap();
    }
    until(&client, "the slider at 35", "return document.querySelector('[data-testid=weight-slider-0]').value === '35';").await;
    screenshot(&client, GROUP, "30-before-exports").await;

    // Results as CSV, re-read; every allocation adds up to the pool.
    click_settled(&client, "export-schools-csv").await;
    let csv = downloaded(&downloads, "-schools-20").await;
    let name = csv.file_name().unwrap().to_string_lossy().to_string();
    assert!(name.starts_with("five-census-factors-equal-weights-three-tiers-schools-20") && name.ends_with(".csv"), "{name}");
    let table = Table::parse(&name, &std::fs::read(&csv).unwrap()).unwrap();
    assert_eq!(table.len(), 170);
    let cents: i64 = table
        .text_column("allocation", Purpose::Indicator)
        .unwrap()
        .iter()
        .map(|d| (d.parse::<f64>().unwrap() * 100.0).round() as i64)
        .sum();
    assert_eq!(cents, 1_000_000_000);
    assert!(table.has_column("rank_change"), "changes against the baseline are in the export");
    click_settled(&client, "export-areas-csv").await;
    let areas = Table::parse("areas", &std::fs::read(downloaded(&downloads, "-areas-20").await).unwrap()).unwrap();
    assert_eq!(areas.len(), 600);

    // A chart as PNG, of the canvas's size, even though it is below the fold.
    click_settled(&client, "png-tier-mix").await;
    let png = std::fs::read(downloaded(&downloads, "-tier-mix-20").await).unwrap();
    assert_eq!(png_size(&png), (900, 380));

    // The scenario as JSON.
    click_settled(&client, "export-scenario").await;
    let scenario_path = downloaded(&downloads, "-scenario-20").await;
    let scenario = Scenario::from_json("download", &std::fs::read(&scenario_path).unwrap()).unwrap();
    assert_eq!(scenario.formula.indicators[0].weight, 35.0);
    assert_eq!(scenario.baseline.formula.indicators[0].weight, 20.0);

    // Printable ranking: every school on one page.
    click_settled(&client, "printable").await;
    until(&client, "the printable ranking", "return document.querySelectorAll('[data-testid=print-row]').length === 170;").await;
    screenshot(&client, GROUP, "31-printable").await;
    let story = js(&client, "return document.querySelector('[data-testid=print-story] p').textContent;").await;
    assert!(story.as_str().unwrap().starts_with("The current formula moves"), "the printable page leads with the story: {story}");
    assert_eq!(js(&client, "return !!document.querySelector('[data-testid=print-story] [data-testid=need-chart]');").await, true);
    by_testid(&client, "print-back").await.click().await.unwrap();
    until(&client, "the explorer", "return !!document.querySelector('[data-testid=ranking-table]');").await;

    // Save by name, reload (data is gone: demo again), restore.
    by_testid(&client, "save-name").await.send_keys("Board draft").await.unwrap();
    click_settled(&client, "save-scenario").await;
    until(&client, "the saved entry", "return !!document.querySelector('[data-testid=saved-entry][data-name=\"Board draft\"]');").await;
    js(&client, "localStorage.setItem('ses-explorer:scenario:broken', '{oops'); return true;").await;
    let stored: Vec<String> = serde_json::from_value(js(&client, "return Object.keys(localStorage);").await).unwrap();
    for key in &stored {
        let value = js(&client, &format!("return localStorage.getItem({});", serde_json::to_string(key).unwrap())).await;
        assert!(!value.as_str().unwrap_or("").contains("BG00001"), "local storage holds no data rows ({key})");
    }
    client.goto(&server.base).await.unwrap();
    open_whole_page(&client).await;
    until(&client, "the app after reload", "return !!document.querySelector('[data-testid=saved-entry]');").await;
    assert!(by_testid(&client, "dataset").await.text().await.unwrap().contains("Synthetic"), "imported data is not kept");
    assert_eq!(income_slider(&client).await, "20");
    let problem = by_testid(&client, "saved-problem").await.text().await.unwrap();
    assert_eq!(problem, "saved scenario \"broken\": skipped: damaged (not JSON)");
    by_testid(&client, "restore").await.click().await.unwrap();
    until(&client, "the restored slider", "return document.querySelector('[data-testid=weight-slider-0]').value === '35';").await;
    screenshot(&client, GROUP, "32-restored-after-reload").await;

    // A share link opens the same sliders in a fresh page.
    click_settled(&client, "make-link").await;
    until(&client, "the share link", "return !!document.querySelector('[data-testid=share-link]');").await;
    let link = by_testid(&client, "share-link").await.prop("value").await.unwrap().unwrap();
    assert!(link.starts_with(&format!("{}#s2=", server.base)), "the link keeps the page's own folder: {link}");
    assert!(link.len() <= 300, "short enough for a QR code: {} characters", link.len());
    let shown = school_order(&client).await;
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
    let client = driver.browser(1600, 1000).await;
    client.goto(&link).await.unwrap();
    open_whole_page(&client).await;
    until(&client, "the shared slider", "return document.querySelector('[data-testid=weight-slider-0]')?.value === '35';").await;
    assert_eq!(school_order(&client).await, shown, "the share link shows the same ranking");
    assert!(by_testid(&client, "summary").await.text().await.unwrap().contains("moves"));
    screenshot(&client, GROUP, "33-share-link-fresh-page").await;

    // The scenario file opens too.
    client.goto(&server.base).await.unwrap();
    open_whole_page(&client).await;
    until(&client, "the app", "return !!document.querySelector('[data-testid=scenario-file]');").await;
    assert_eq!(by_testid(&client, "scenario-file-held").await.text().await.unwrap(), "No file chosen yet");
    // A scenario file cut short is refused beside its picker, in words, and not named as in use.
    let cut = scenario_path.with_file_name("cut-short.json");
    let whole = std::fs::read_to_string(&scenario_path).unwrap();
    std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
    choose_files(&client, "scenario-file", &[&cut]).await;
    until(&client, "the refusal beside the picker", "return !!document.querySelector('[data-testid=scenario-problem][role=alert]');").await;
    let refusal = by_testid(&client, "scenario-problem").await.text().await.unwrap();
    assert!(refusal.starts_with("The scenario was not opened; nothing changed.") && refusal.contains("the file ends early"), "{refusal}");
    assert_eq!(by_testid(&client, "scenario-file-held").await.text().await.unwrap(), "No file chosen yet");
    choose_files(&client, "scenario-file", &[&scenario_path]).await;
    until(&client, "the scenario file applied", "return document.querySelector('[data-testid=weight-slider-0]').value === '35';").await;
    let held = by_testid(&client, "scenario-file-held").await.text().await.unwrap();
    assert_eq!(held, format!("In use: {}", scenario_path.file_name().unwrap().to_string_lossy()), "the picker names its file");
    assert_eq!(
        js(&client, "return !document.querySelector('[data-testid=scenario-problem]');").await,
        true,
        "the refusal goes once a file opens"
    );
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();

    // The privacy proof: every request was a GET for a file of the built app, in its folder
    // (nothing is asked of the site's root).
    let requests = server.requests();
    assert!(requests.len() >= 5, "{requests:?}");
    for request in &requests {
        assert!(request.method == "GET" && request.served, "unexpected request {request:?}");
    }
    let dist: Vec<String> = std::fs::read_dir(root().join("dist"))
        .unwrap()
        .flatten()
        .map(|e| format!("{}{}", server.prefix, e.file_name().to_string_lossy()))
        .collect();
    for request in &requests {
        let path = request.path.split(['?', '#']).next().unwrap();
        assert!(path == server.prefix || dist.iter().any(|d| d == path), "{path} is not a file of the built app");
    }
    let _ = Path::new("");
}

/// The demo's areas file as three tools write it: a plain CSV, Excel's "Unicode text"
/// (UTF-16 with a BOM, tab-separated) and an `.xlsx` workbook with a title row above the
/// header, incomes stored as numbers. In each, one area's population is blank.
fn areas_three_ways(dir: &Path) -> [PathBuf; 3] {
    let text = std::fs::read_to_string(dir.join("areas.csv")).unwrap();
    let rows: Vec<Vec<String>> = text
        .lines()
        .enumerate()
        .map(|(r, line)| {
            let mut cells: Vec<String> = line.split(',').map(str::to_string).collect();
            if r == 3 {
                cells[6].clear(); // school_age_children of BG00003
            }
            cells
        })
        .collect();
    let csv = dir.join("areas-blank-population.csv");
    std::fs::write(&csv, rows.iter().map(|r| r.join(",") + "\n").collect::<String>()).unwrap();

    let tab: String = rows.iter().map(|r| r.join("\t") + "\r\n").collect();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(tab.encode_utf16().flat_map(u16::to_le_bytes));
    let unicode_text = dir.join("areas-unicode.txt");
    std::fs::write(&unicode_text, utf16).unwrap();

    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Areas").unwrap();
    sheet.write_string(0, 0, "Demo district, neighbourhood indicators").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 2, c as u16);
            match cell.parse::<f64>() {
                Ok(x) if r > 2 && c > 0 => sheet.write_number(r, c, x).map(|_| ()).unwrap(),
                _ if cell.is_empty() => {}
                _ => sheet.write_string(r, c, cell).map(|_| ()).unwrap(),
            }
        }
    }
    let xlsx = dir.join("areas.xlsx");
    book.save(&xlsx).unwrap();
    [csv, unicode_text, xlsx]
}

#[tokio::test]
async fn a_workbook_and_excel_unicode_text_give_the_same_tiers_as_the_csv() {
    let dir = scratch("three-ways");
    ses(&["demo", "--out-dir", dir.to_str().unwrap()]);
    let files = areas_three_ways(&dir);
    let Some(Session { turn: _turn, server, driver, client }) = session(1600, 1000, None).await else { return };
    open_app(&client, &server.base).await;

    let mut tiers = Vec::new();
    let worker_asked = |server: &StaticServer| server.requests().iter().any(|r| r.path.contains("workbook-worker"));
    for (file, how) in files.iter().zip(["", "UTF-16LE text, tab-separated", "workbook sheet \"Areas\", header on row 3"]) {
        // The workbook reader is a part of its own, not in the first screen's download (the
        // service worker fetches it ahead for offline use once the first screen is up).
        choose_files(&client, "file-input", &[file]).await;
        until(&client, "the mapping form", "return !!document.querySelector('[data-testid=mapping-0]');").await;
        let shown = js(&client, "const e = document.querySelector('[data-testid=source-0]'); return e ? e.textContent : '';").await;
        assert!(shown.as_str().unwrap().contains(how), "{file:?} described as {shown}");
        let name = file.file_name().unwrap().to_str().unwrap();
        screenshot(&client, GROUP, &format!("40-mapping-{name}")).await;
        use_files(&client, name).await;
        let excluded = js(&client, "return document.querySelector('[data-testid=exclusions] summary').textContent;").await;
        assert_eq!(excluded, "1 row is not scored (missing values)", "{name}");
        let rows = table_rows(&client, "area-row", &["areaId", "tier"]).await;
        assert!(!rows.iter().any(|r| r[0] == "BG00003"), "the area with a blank population is not ranked");
        tiers.push(rows);
    }
    screenshot(&client, GROUP, "41-workbook-in-use").await;
    assert!(worker_asked(&server), "the workbook was read by the workbook reader");
    assert_eq!(tiers[0].len(), 599, "every other area is ranked");
    assert_eq!(tiers[1], tiers[0], "Excel's Unicode text gives the CSV's tiers");
    assert_eq!(tiers[2], tiers[0], "the workbook gives the CSV's tiers");
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

#[tokio::test]
async fn the_formula_card_from_the_app_is_byte_for_byte_the_cli_card_with_the_files_sha256() {
    use sha2::{Digest, Sha256};
    let dir = scratch("card");
    ses(&["demo", "--out-dir", dir.to_str().unwrap()]);
    let downloads = scratch("card-downloads");
    let Some(Session { turn: _turn, server, driver, client }) = session(1600, 1000, Some(&downloads)).await else { return };
    open_app(&client, &server.base).await;
    let files = [dir.join("areas.csv"), dir.join("schools.csv"), dir.join("enrollment.csv")];
    choose_files(&client, "file-input", &[&files[0], &files[1], &files[2]]).await;
    until(&client, "three mapping forms", "return !!document.querySelector('[data-testid=mapping-2]');").await;
    use_files(&client, "enrollment.csv").await;
    by_testid(&client, "weight-slider-0").await.send_keys(&Key::Right.to_string()).await.unwrap();
    click_settled(&client, "export-scenario").await;
    let scenario = downloaded(&downloads, "-scenario-20").await;
    click_settled(&client, "download-card").await;
    let card_path = downloaded(&downloads, "-formula-card-20").await;
    let card = std::fs::read_to_string(&card_path).unwrap();
    js(&client, "document.querySelector('[data-testid=card-panel]').scrollIntoView(); document.querySelector('[data-testid=card-panel] details').open = true; return true;").await;
    screenshot(&client, GROUP, "50-formula-card").await;

    for f in &files {
        let sha: String = Sha256::digest(std::fs::read(f).unwrap()).iter().map(|b| format!("{b:02x}")).collect();
        let name = f.file_name().unwrap().to_str().unwrap();
        assert!(card.contains(&format!("<td>{name}</td>")) && card.contains(&sha), "the card names {name} with its SHA-256 {sha}");
    }
    // The date the app wrote, then the CLI with the same scenario, files and date.
    let date_at = card.find("SES Explorer ").unwrap();
    let date = card[date_at..].split(", ").nth(1).unwrap()[..10].to_string();
    let cli_card = |lang: &str| {
        let out = ses(&[
            "card",
            "--formula",
            scenario.to_str().unwrap(),
            "--areas",
            files[0].to_str().unwrap(),
            "--schools",
            files[1].to_str().unwrap(),
            "--enrollment",
            files[2].to_str().unwrap(),
            "--date",
            &date,
            "--lang",
            lang,
        ]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(cli_card("en"), card, "the app's card and the CLI's are the same bytes");

    // In Spanish: the app's card and `ses card --lang es` are the same bytes too.
    std::fs::remove_file(&card_path).unwrap();
    by_testid(&client, "language").await.select_by_value("es").await.unwrap();
    until(&client, "Spanish", "return document.documentElement.lang === 'es';").await;
    click_settled(&client, "download-card").await;
    let spanish = std::fs::read_to_string(downloaded(&downloads, "-formula-card-20").await).unwrap();
    assert!(spanish.contains("<html lang=\"es\">") && spanish.contains("Ficha de la fórmula"), "{spanish}");
    assert_eq!(cli_card("es"), spanish, "the Spanish cards are the same bytes");
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

#[tokio::test]
async fn comparing_the_baseline_with_the_current_formula_leads_with_the_story_and_matches_the_cli() {
    let dir = scratch("compare");
    ses(&["demo", "--out-dir", dir.to_str().unwrap()]);
    let downloads = scratch("compare-downloads");
    let Some(Session { turn: _turn, server, driver, client }) = session(1600, 1000, Some(&downloads)).await else { return };
    open_app(&client, &server.base).await;
    let slider = by_testid(&client, "weight-slider-0").await;
    for _ in 0..20 {
        slider.send_keys(&Key::Right.to_string()).await.unwrap();
    }
    until(&client, "the weight applied", "return document.querySelector('[data-testid=weight-slider-0]').value === '40';").await;
    click_settled(&client, "export-scenario").await;
    let scenario = downloaded(&downloads, "-scenario-20").await;

    by_testid(&client, "compare-toggle").await.click().await.unwrap();
    until(&client, "the comparison", "return !!document.querySelector('[data-testid=compare-summary]');").await;
    let summary = by_testid(&client, "compare-summary").await.text().await.unwrap();
    assert!(summary.starts_with("B (The current formula) moves $"), "{summary}");
    let changes: Vec<i64> = serde_json::from_value(
        js(&client, "return Array.from(document.querySelectorAll('[data-testid=compare-row]')).map(r => Number(r.dataset.change));").await,
    )
    .unwrap();
    assert_eq!(changes.len(), 170);
    assert!(changes.windows(2).all(|w| w[0].abs() >= w[1].abs()), "largest changes first");
    let moved_cents: i64 = changes.iter().map(|c| c.abs()).sum::<i64>() / 2;
    js(&client, "document.querySelector('[data-testid=compare-panel]').scrollIntoView(); return true;").await;
    screenshot(&client, GROUP, "60-compare").await;

    let f = |n: &str| dir.join(n).display().to_string();
    let out = ses(&[
        "compare",
        "--formula",
        &f("formula.json"),
        "--other",
        scenario.to_str().unwrap(),
        "--areas",
        &f("areas.csv"),
        "--schools",
        &f("schools.csv"),
        "--enrollment",
        &f("enrollment.csv"),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((doc["dollars_moved"].as_f64().unwrap() * 100.0).round() as i64, moved_cents, "the app and the CLI move the same dollars");
    let cli_ratio = format!("{:.2}", doc["b"]["progressivity_allocation"].as_f64().unwrap());
    let app_ratio =
        js(&client, "return document.querySelector('[data-testid=fairness-table] tbody tr td:nth-child(3)').textContent;").await;
    assert_eq!(app_ratio, cli_ratio.as_str(), "the same progressivity ratio for B");

    // Current funding plus the allocation on the chart.
    by_testid(&client, "compare-with-funding").await.click().await.unwrap();
    until(&client, "the chart with funding", "return document.querySelector('[data-testid=compare-panel] figcaption').textContent.includes('current funding plus the allocation');").await;
    // A district's chart: a mark per school, each named by keyboard, as the caption says.
    assert_eq!(
        js(&client, "const c = document.querySelector('[data-testid=compare-panel] figcaption').textContent; return c.endsWith('Focus or hover a square for its name.') && !document.querySelector('[data-testid=need-chart-grouped]') && document.querySelectorAll('[data-testid=compare-panel] [data-testid=need-chart] rect[tabindex]').length > 100;").await,
        true
    );

    // B = the baseline too: nothing moves.
    by_testid(&client, "compare-b").await.select_by_value("baseline").await.unwrap();
    until(
        &client,
        "no money moved",
        "return document.querySelector('[data-testid=compare-summary]').textContent.includes('moves no money');",
    )
    .await;
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

/// The demo's areas as an agency publishes them: owner-occupancy suppressed in words in five
/// areas, and the ACS's stand-in for "no estimate" and its "(X)" in the income column.
fn areas_with_agency_markers(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(dir.join("areas.csv")).unwrap();
    let mut out = String::new();
    for (r, line) in text.lines().enumerate() {
        let mut cells: Vec<String> = line.split(',').map(str::to_string).collect();
        if [4, 9, 13, 28, 40].contains(&r) {
            cells[3] = "n/a (suppressed)".into();
        }
        match r {
            50 => cells[1] = "-666666666".into(),
            51 => cells[1] = "(X)".into(),
            _ => {}
        }
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    let path = dir.join("areas-agency.csv");
    std::fs::write(&path, out).unwrap();
    path
}

fn set_language(code: &str) -> String {
    format!(
        "const s = document.querySelector('[data-testid=language]'); s.value = '{code}'; s.dispatchEvent(new Event('change', {{bubbles: true}})); return true;"
    )
}

#[tokio::test]
async fn every_bad_cell_is_listed_at_once_and_a_text_is_declared_missing_in_one_click() {
    let dir = scratch("agency-markers");
    ses(&["demo", "--out-dir", dir.to_str().unwrap()]);
    let agency = areas_with_agency_markers(&dir);
    let Some(Session { turn: _turn, server, driver, client }) = session(1366, 900, None).await else { return };
    open_app(&client, &server.base).await;
    choose_files(&client, "file-input", &[&agency]).await;
    until(&client, "the mapping form", "return !!document.querySelector('[data-testid=mapping-0]');").await;
    by_testid(&client, "use-files").await.click().await.unwrap();
    until(&client, "the refusal", "return !!document.querySelector('[data-testid=declare-missing]');").await;
    let refusal = text_of(&client, "import-errors").await;
    assert!(
        refusal.contains(
            "areas-agency.csv: 5 values are not valid: column \"pct_owner_occupied\": \"n/a (suppressed)\" in 5 rows: 5, 10, 14, 29, 41"
        ),
        "every row at once: {refusal}"
    );
    assert_eq!(by_testid(&client, "declare-missing").await.text().await.unwrap(), "Treat \"n/a (suppressed)\" as missing");
    // Worded when drawn: a language switch rewords what is on screen.
    js(&client, &set_language("es")).await;
    until(
        &client,
        "reworded",
        "return document.querySelector('[data-testid=import-errors]').textContent.includes('5 valores no son válidos');",
    )
    .await;
    assert!(text_of(&client, "import-errors").await.contains("en 5 filas: 5, 10, 14, 29, 41 (se esperaba"));
    screenshot(&client, GROUP, "60-every-bad-cell-es").await;
    by_testid(&client, "declare-missing").await.click().await.unwrap();
    until(&client, "the file in use", "return document.querySelector('[data-testid=dataset]').textContent.includes('areas-agency.csv');")
        .await;
    let notes = text_of(&client, "read-notes").await;
    assert!(
        notes.contains("columna \"pct_owner_occupied\": se leen como faltantes: \"n/a (suppressed)\" (5 celdas, declarado faltante)"),
        "{notes}"
    );
    assert!(
        notes.contains("columna \"median_household_income\": se leen como faltantes: \"-666666666\" (1 celda), \"(X)\" (1 celda)"),
        "{notes}"
    );
    js(&client, &set_language("en")).await;
    until(&client, "notes reworded", "return document.querySelector('[data-testid=read-notes]').textContent.includes('read as missing');")
        .await;
    js(&client, "document.querySelector('[data-testid=read-notes]').scrollIntoView({block: 'center'}); return true;").await;
    screenshot(&client, GROUP, "61-declared-missing-notes").await;
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

#[tokio::test]
async fn a_file_that_is_not_text_is_refused_as_such_and_a_long_read_can_be_cancelled() {
    let dir = scratch("not-text");
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let random: Vec<u8> = (0..5_000_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 32) as u8
        })
        .collect();
    let binary = dir.join("areas.csv");
    std::fs::write(&binary, random).unwrap();
    // A large areas file (about 60 MB), read in slices.
    let mut big = String::from("id,population,income,owners\n");
    for i in 0..1_500_000 {
        big.push_str(&format!("A{i:08},{},{},{}.5\n", 100 + i % 900, 30_000 + i % 70_000, i % 100));
    }
    let large = dir.join("large-areas.csv");
    std::fs::write(&large, big).unwrap();
    let Some(Session { turn: _turn, server, driver, client }) = session(1366, 900, None).await else { return };
    open_app(&client, &server.base).await;
    choose_files(&client, "file-input", &[&binary]).await;
    until(&client, "the refusal", "return !!document.querySelector('[data-testid=import-errors]');").await;
    let refusal = text_of(&client, "import-errors").await;
    assert!(refusal.contains("areas.csv: is not a text table (CSV or tab-separated text) or a workbook"), "{refusal}");
    screenshot(&client, GROUP, "62-not-text").await;

    // Cancel from the first byte: the read stops, and the demo stays.
    choose_files(&client, "file-input", &[&large]).await;
    until(&client, "the read under way", "return !!document.querySelector('[data-testid=cancel-reading]');").await;
    js(&client, "document.querySelector('[data-testid=cancel-reading]').scrollIntoView({block: 'center'}); return true;").await;
    screenshot(&client, GROUP, "63-reading-with-cancel").await;
    // Clicked in the page: the progress redraws it many times a second.
    let clicked = js(&client, "const b = document.querySelector('[data-testid=cancel-reading]'); if (b) b.click(); return !!b;").await;
    assert_eq!(clicked, true, "Cancel was there while the file was read");
    until(&client, "the read gone", "return !document.querySelector('[data-testid=read-progress]');").await;
    // Long enough for the read to have finished had it not been cancelled: no step opens.
    until_within(
        &client,
        "the cancelled file never shown",
        "window.__since = window.__since || performance.now(); return performance.now() - window.__since > 4000 && !document.querySelector('[data-testid=import-step]');",
        std::time::Duration::from_millis(200),
        std::time::Duration::from_secs(30),
    )
    .await;
    assert!(text_of(&client, "dataset").await.contains("Synthetic demo district"));
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}
