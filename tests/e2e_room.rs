//! Real-browser tests of the app in a room: a workshop's codes rounded up without a server.
//! Screenshots go to `test-artifacts/e2e-room/`.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use rand::{Rng, SeedableRng};
use ses_explorer::app::state::{Action, AppState, LoadedData};
use ses_explorer::app::workshop::{RoundUp, weight_code};
use ses_explorer::engine::error::Purpose;
use support::*;

const GROUP: &str = "e2e-room";

#[tokio::test]
async fn thirty_workshop_codes_and_a_share_link_round_up_as_the_engine_computes() {
    let Some(Session { turn: _turn, server, driver, client }) = session(1600, 1000, None).await else { return };
    client.goto(&server.base).await.unwrap();
    open_whole_page(&client).await;
    until(&client, "the demo", "return !!document.querySelector('[data-testid=workshop-code]');").await;

    // The app's code for its formula is the library's.
    let state = AppState::new(LoadedData::demo().unwrap(), None).unwrap();
    let formula = &state.current.formula;
    assert_eq!(by_testid(&client, "workshop-code").await.text().await.unwrap(), weight_code(formula).unwrap());

    // Thirty participants' codes, one share link, a typo and a code for another formula.
    let mut rng = rand::rngs::StdRng::seed_from_u64(11);
    let mut lines: Vec<String> = (0..30)
        .map(|_| {
            let mut f = formula.clone();
            for ind in &mut f.indicators {
                ind.weight = f64::from(rng.random_range(0..=50u32));
            }
            f.indicators[0].weight += 10.0; // never all zero
            weight_code(&f).unwrap()
        })
        .collect();
    let mut linked = state.clone();
    linked.current.formula.indicators[1].weight = 80.0;
    lines.push(format!("{}{}", server.base, linked.to_scenario().to_fragment()));
    let mut typo: Vec<char> = lines[0].chars().collect();
    typo[2] = if typo[2] == '9' { '8' } else { '9' };
    lines.push(typo.into_iter().collect());
    let mut other = formula.clone();
    other.indicators[0].column = "income".into();
    lines.push(weight_code(&other).unwrap());
    let text = lines.join("\n");
    let expected = RoundUp::new(&text, formula, &state.data.dataset, &state.current.prepared, state.rank_by).unwrap();
    assert_eq!((expected.submissions.len(), expected.rejected.len()), (31, 2));

    js(
        &client,
        "const d = document.querySelector('[data-testid=workshop-panel] details'); d.open = true; d.scrollIntoView(); return true;",
    )
    .await;
    client
        .execute("document.querySelector('[data-testid=roundup-input]').value = arguments[0]; return true;", vec![serde_json::json!(text)])
        .await
        .unwrap();
    by_testid(&client, "roundup-run").await.click().await.unwrap();
    until(&client, "the round-up", "return !!document.querySelector('[data-testid=roundup-result]');").await;
    let count = by_testid(&client, "roundup-count").await.text().await.unwrap();
    assert_eq!(count, "33 pasted: 31 used, 2 could not be used (listed below, with why)");
    let rejected: Vec<String> = serde_json::from_value(
        js(&client, "return Array.from(document.querySelectorAll('[data-testid=roundup-rejected] li')).map(l => l.textContent);").await,
    )
    .unwrap();
    assert_eq!(rejected.len(), 2);
    assert!(rejected[0].contains("the check character does not match"), "the typo: {rejected:?}");
    assert!(rejected[1].contains("made for a formula of another shape"), "the other formula's code: {rejected:?}");
    let consensus: Vec<usize> = serde_json::from_value(
        js(
            &client,
            "return Array.from(document.querySelectorAll('[data-testid=roundup-consensus] li')).map(l => Number(l.dataset.index));",
        )
        .await,
    )
    .unwrap();
    assert_eq!(consensus, expected.consensus.iter().map(|a| a.index).collect::<Vec<_>>(), "the same consensus as the engine");
    let first = js(&client, "return document.querySelector('[data-testid=roundup-median-ranking] li').textContent;").await;
    let schools = state.data.schools().unwrap();
    assert_eq!(first.as_str().unwrap(), schools.names[expected.median_ranking[0].0]);
    assert_eq!(js(&client, "return document.querySelectorAll('[data-testid=roundup-spread]').length;").await, 5);
    js(&client, "document.querySelector('[data-testid=roundup-result]').scrollIntoView(); return true;").await;
    screenshot(&client, GROUP, "01-round-up").await;
    assert_accessible(&client, "the workshop round-up").await;

    // The median weights become the formula with one click.
    by_testid(&client, "roundup-use-median").await.click().await.unwrap();
    let medians: Vec<String> = expected.median_formula.indicators.iter().map(|i| format!("{}", i.weight)).collect();
    until(
        &client,
        "the median weights applied",
        &format!(
            "return [0,1,2,3,4].map(i => document.querySelector(`[data-testid=weight-slider-${{i}}]`).value).join(',') === '{}';",
            medians.join(",")
        ),
    )
    .await;
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

#[tokio::test]
async fn counts_from_student_level_data_below_the_threshold_never_leave_the_screen() {
    let downloads = scratch("room-downloads");
    let Some(Session { turn: _turn, server, driver, client }) = session(1600, 1000, Some(&downloads)).await else { return };
    if driver.engine.lacks(Capability::Downloads, "the exports saved to a folder") {
        return;
    }
    client.goto(&server.base).await.unwrap();
    open_whole_page(&client).await;
    until(&client, "the app", "return !!document.querySelector('[data-testid=file-input]');").await;
    let demo = scratch("room-demo");
    ses(&["demo", "--out-dir", demo.to_str().unwrap(), "--students"]);
    choose_files(&client, "file-input", &[&demo.join("areas.csv"), &demo.join("schools.csv"), &demo.join("students.csv")]).await;
    until(&client, "three mapping forms", "return !!document.querySelector('[data-testid=mapping-2]');").await;
    by_testid(&client, "use-files").await.click().await.unwrap();
    until(&client, "the student file in use", "return !!document.querySelector('[data-testid=suppress-below]');").await;
    assert_eq!(js(&client, "return document.querySelector('[data-testid=suppress-below]').value;").await, "10", "on by default");
    // The demo's schools are large: a threshold of 150 shows the rule at work.
    js(&client, "const i = document.querySelector('[data-testid=suppress-below]'); i.value = '150'; i.dispatchEvent(new Event('input', {bubbles: true})); return true;").await;
    until(&client, "the threshold set", "return document.querySelector('[data-testid=suppress-below]').value === '150';").await;

    // The schools export: every count is 0, at least 150, or "<150"; hidden counts' shares are blank.
    click_settled(&client, "export-schools-csv").await;
    let csv = std::fs::read(downloaded(&downloads, "-schools-20").await).unwrap();
    let table = ses_explorer::engine::table::Table::parse("export", &csv).unwrap();
    let mut hidden = 0;
    for column in ["students", "unscored_students", "tier_1_students", "tier_2_students", "tier_3_students"] {
        for v in table.text_column(column, Purpose::Indicator).unwrap() {
            if v == "<150" {
                hidden += 1;
            } else {
                let n: f64 = v.parse().unwrap();
                assert!(n == 0.0 || n >= 150.0, "{column}: the export holds the small count {n}");
            }
        }
    }
    assert!(hidden > 0);
    for t in 1..=3 {
        let (counts, shares) = (
            table.text_column(&format!("tier_{t}_students"), Purpose::Indicator).unwrap(),
            table.text_column(&format!("tier_{t}_share"), Purpose::Indicator).unwrap(),
        );
        assert!(counts.iter().zip(&shares).all(|(c, s)| c != "<150" || s.is_empty()), "tier {t}: a hidden count's share is blank");
    }

    // The comparison export blanks the tier-1 shares that would give a hidden count back.
    by_testid(&client, "compare-toggle").await.click().await.unwrap();
    until(&client, "the comparison", "return !!document.querySelector('[data-testid=compare-csv]');").await;
    by_testid(&client, "compare-csv").await.click().await.unwrap();
    let compared =
        ses_explorer::engine::table::Table::parse("compare", &std::fs::read(downloaded(&downloads, "comparison-20").await).unwrap())
            .unwrap();
    let hidden_tier1: std::collections::HashSet<String> = table
        .text_column("school_id", Purpose::Indicator)
        .unwrap()
        .into_iter()
        .zip(table.text_column("tier_1_students", Purpose::Indicator).unwrap())
        .filter(|(_, c)| c == "<150")
        .map(|(id, _)| id)
        .collect();
    for (id, share) in compared
        .text_column("school_id", Purpose::Indicator)
        .unwrap()
        .iter()
        .zip(compared.text_column("tier1_share_b", Purpose::Indicator).unwrap())
    {
        if hidden_tier1.contains(id) {
            assert!(share.is_empty(), "school {id}: the comparison gives back a hidden tier-1 count");
        }
    }

    // The printable page shows "<150" and no small count.
    click_settled(&client, "printable").await;
    until(&client, "the printable ranking", "return document.querySelectorAll('[data-testid=print-row]').length === 170;").await;
    let students: Vec<String> = serde_json::from_value(
        js(&client, "return Array.from(document.querySelectorAll('[data-testid=print-students]')).map(c => c.textContent);").await,
    )
    .unwrap();
    for s in &students {
        if s != "<150" {
            let n: f64 = s.replace(',', "").parse().unwrap();
            assert!(n >= 150.0, "the printable page shows {n} students");
        }
    }
    let mixes: Vec<String> = serde_json::from_value(
        js(&client, "return Array.from(document.querySelectorAll('[data-testid=print-mix]')).map(c => c.textContent);").await,
    )
    .unwrap();
    assert!(mixes.iter().any(|m| m.contains('–')), "hidden shares are shown as –");
    screenshot(&client, GROUP, "10-printable-with-small-counts-hidden").await;
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

/// Reads presenter mode's QR code back with a separate QR reader: the scenario its link opens,
/// the link, and the QR version.
async fn presenter_qr(client: &fantoccini::Client) -> (ses_explorer::app::scenario::Scenario, String, usize) {
    let (size, path): (usize, String) = serde_json::from_value(js(client, "const s = document.querySelector('[data-testid=presenter-qr] svg'); return [Number(s.dataset.modules), s.querySelector('path').getAttribute('d')];").await).unwrap();
    let mut dark = vec![false; size * size];
    for module in path.split('M').filter(|m| !m.is_empty()) {
        let xy: Vec<usize> = module.trim_end_matches("h1v1h-1z").split(' ').map(|v| v.parse().unwrap()).collect();
        dark[xy[1] * size + xy[0]] = true;
    }
    let scale = 4;
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(
            size * scale,
            size * scale,
            |x, y| if dark[(y / scale) * size + x / scale] { 0 } else { 255 },
        );
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    let (meta, text) = grids[0].decode().unwrap();
    let page: String = serde_json::from_value(js(client, "return location.origin + location.pathname;").await).unwrap();
    assert!(text.starts_with(&format!("{page}#s2=")), "{text}");
    let scenario = ses_explorer::app::scenario::Scenario::from_fragment(&text[page.len()..]).unwrap().unwrap();
    (scenario, text, meta.version.0)
}

/// Presenter mode's map legend (each tier's count) and the need chart's named marks.
async fn presenter_map_and_chart(client: &fantoccini::Client) -> (Vec<String>, Vec<String>) {
    press(client, '1').await;
    until(client, "the map", "return !!document.querySelector('[data-testid=presenter-legend] li');").await;
    let legend: Vec<String> = serde_json::from_value(
        js(client, "return Array.from(document.querySelectorAll('[data-testid=presenter-legend] li')).map(l => l.textContent.trim());")
            .await,
    )
    .unwrap();
    press(client, '2').await;
    until(
        client,
        "the need chart",
        "return !!document.querySelector('[data-testid=presenter] [data-testid=need-chart] rect[aria-label]');",
    )
    .await;
    let marks: Vec<String> = serde_json::from_value(js(client, "return Array.from(document.querySelectorAll('[data-testid=presenter] [data-testid=need-chart] rect[aria-label]')).map(r => r.getAttribute('aria-label')).sort();").await).unwrap();
    assert!(!legend.is_empty() && !marks.is_empty(), "a legend and marks to compare: {legend:?} {marks:?}");
    (legend, marks)
}

#[tokio::test]
async fn presenter_mode_b_shows_the_baseline_whole_map_chart_and_qr_and_a_brings_the_proposal_back() {
    let Some(Session { turn: _turn, server, driver, client }) = session(1920, 1080, None).await else { return };
    client.goto(&server.base).await.unwrap();
    open_whole_page(&client).await;
    until(&client, "the demo", "return !!document.querySelector('[data-testid=school-row]');").await;
    let open_presenter = async |client: &fantoccini::Client| {
        by_testid(client, "presenter-open").await.click().await.unwrap();
        until(client, "presenter mode", "return !!document.querySelector('[data-testid=presenter-row]');").await;
    };
    // The baseline as presented before any change: the side B must show later.
    open_presenter(&client).await;
    let baseline = presenter_map_and_chart(&client).await;
    press(&client, fantoccini::key::Key::Escape).await;
    until(&client, "the explorer", "return !document.querySelector('[data-testid=presenter]');").await;

    js(&client, "const s = document.querySelector('[data-testid=weight-slider-0]'); s.value = '90'; s.dispatchEvent(new Event('input', {bubbles: true})); return true;").await;
    until(&client, "90", "return document.querySelector('[data-testid=weight-slider-0]').value === '90';").await;
    open_presenter(&client).await;
    let proposal = presenter_map_and_chart(&client).await;
    assert_ne!(proposal.0, baseline.0, "the proposal's tiers differ from the baseline's");
    assert_ne!(proposal.1, baseline.1, "and so does its money");
    assert_eq!(presenter_qr(&client).await.0.formula.indicators[0].weight, 90.0);

    press_b_until_showing(&client, "Showing: the baseline (B)").await;
    assert_eq!(presenter_map_and_chart(&client).await, baseline, "B: the map's legend and the need chart are the baseline's");
    let (on_phones, _, _) = presenter_qr(&client).await;
    assert_eq!(on_phones.formula.indicators[0].weight, 20.0, "B: the phones open the baseline");
    assert_eq!(on_phones.formula, on_phones.baseline.formula, "as itself, unchanged");
    screenshot(&client, GROUP, "24-presenter-baseline").await;

    press_b_until_showing(&client, "Showing: the proposal (A)").await;
    assert_eq!(presenter_map_and_chart(&client).await, proposal, "A: the proposal's map and chart again");
    assert_eq!(presenter_qr(&client).await.0.formula.indicators[0].weight, 90.0, "A: the phones open the proposal");
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

/// Presses B in presenter mode and waits until the screen says it shows `side` ("Showing: the
/// baseline (B)" or "Showing: the proposal (A)").
async fn press_b_until_showing(client: &fantoccini::Client, side: &str) {
    press(client, 'b').await;
    until(client, side, &format!("return document.querySelector('[data-testid=presenter-showing]').textContent.startsWith('{side}');"))
        .await;
}

/// Saves the current screen under `name` in this browser.
async fn save_as(client: &fantoccini::Client, name: &str) {
    js(client, "document.querySelector('[data-testid=save-name]').value = ''; return true;").await;
    by_testid(client, "save-name").await.send_keys(name).await.unwrap();
    by_testid(client, "save-scenario").await.click().await.unwrap();
    until(client, "the saved entry", &format!("return !!document.querySelector('[data-testid=saved-entry][data-name=\"{name}\"]');")).await;
}

/// The page in presenter mode is exactly the screen: no taller, no wider.
async fn assert_presenter_fits(client: &fantoccini::Client, screen: &str) {
    let fit = js(
        client,
        "const d = document.documentElement; return { height: d.scrollHeight, screen: window.innerHeight, width: d.scrollWidth, screenWidth: d.clientWidth };",
    )
    .await;
    assert!(fit["height"].as_f64().unwrap() <= fit["screen"].as_f64().unwrap(), "{screen}: the page is no taller than the screen: {fit}");
    assert!(fit["width"].as_f64().unwrap() <= fit["screenWidth"].as_f64().unwrap(), "{screen}: nothing sideways: {fit}");
    let cut = presenter_cells_cut(client).await;
    assert!(cut.is_empty(), "{screen}: every heading and number of the table whole: {cut:?}");
}

/// The on-screen size, in CSS pixels, of every label drawn inside the presenter's charts
/// (the SVG's font size times the drawing's scale on screen).
async fn drawn_label_sizes(client: &fantoccini::Client) -> Vec<f64> {
    serde_json::from_value(
        js(
            client,
            "return Array.from(document.querySelectorAll('[data-testid=presenter] svg text')).filter(t => t.getClientRects().length && t.textContent.trim())                .map(t => parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getScreenCTM().a);",
        )
        .await,
    )
    .unwrap()
}

#[tokio::test]
async fn presenter_mode_steps_through_saved_scenarios_by_key_in_large_type_with_a_qr_of_the_link() {
    use fantoccini::key::Key;
    let Some(Session { turn: _turn, server, driver, client }) = session(1920, 1080, None).await else { return };
    client.goto(&server.base).await.unwrap();
    open_whole_page(&client).await;
    until(&client, "the demo", "return !!document.querySelector('[data-testid=school-row]');").await;

    // With nothing saved yet, → says how to save scenarios instead of doing nothing.
    by_testid(&client, "presenter-open").await.click().await.unwrap();
    until(&client, "presenter mode", "return !!document.querySelector('[data-testid=presenter]');").await;
    assert_eq!(
        by_testid(&client, "presenter-title").await.text().await.unwrap(),
        "Five census factors, equal weights, 3 tiers",
        "the preset, unedited"
    );
    press(&client, Key::Right).await;
    until(&client, "how to save scenarios", "return !!document.querySelector('[data-testid=presenter-no-saved]');").await;
    let said = by_testid(&client, "presenter-no-saved").await.text().await.unwrap();
    assert!(said.contains("none is saved yet") && said.contains("Save scenario"), "{said}");
    press(&client, Key::Escape).await;
    until(&client, "the explorer", "return !!document.querySelector('[data-testid=ranking-table]');").await;

    let set_weight = |w: u32| {
        format!(
            "const s = document.querySelector('[data-testid=weight-slider-0]'); s.value = '{w}'; s.dispatchEvent(new Event('input', {{bubbles: true}})); return true;"
        )
    };
    js(&client, &set_weight(60)).await;
    until(&client, "60", "return document.querySelector('[data-testid=weight-slider-0]').value === '60';").await;
    save_as(&client, "Income first").await;
    js(&client, &set_weight(5)).await;
    until(&client, "5", "return document.querySelector('[data-testid=weight-slider-0]').value === '5';").await;
    save_as(&client, "Income last").await;

    by_testid(&client, "presenter-open").await.click().await.unwrap();
    until(&client, "presenter mode", "return !!document.querySelector('[data-testid=presenter]');").await;
    assert_eq!(by_testid(&client, "presenter-title").await.text().await.unwrap(), "Income last", "the scenario just saved, by its name");
    let money = js(&client, "return document.querySelector('[data-testid=presenter] thead th:last-child').textContent;").await;
    assert_eq!(money, "Funding (change)", "the money column says what it shows");
    let first_money = js(&client, "return document.querySelector('[data-testid=presenter-row] td:last-child').textContent;").await;
    assert!(
        first_money.as_str().unwrap().starts_with('$') && first_money.as_str().unwrap().contains(" ("),
        "an amount and its change: {first_money}"
    );
    // A 1920×1080 projector in full screen: the page has all 1080 px (the window's bars aside).
    let bars = js(&client, "return window.outerHeight - window.innerHeight;").await.as_u64().unwrap() as u32;
    client.set_window_size(1920, 1080 + bars).await.unwrap();
    until(&client, "the projector size", "return window.innerHeight >= 1079 && window.innerHeight <= 1081;").await;
    assert_presenter_fits(&client, "1920x1080").await;
    // Nothing under 24 px at 1920×1080.
    let small: Vec<String> = serde_json::from_value(
        js(
            &client,
            "
        const out = [];
        for (const e of document.querySelectorAll('[data-testid=presenter] *')) {
          if (e.closest('svg')) continue;
          const text = Array.from(e.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent.trim()).join('');
          if (!text || e.getClientRects().length === 0 || e.closest('.visually-hidden')) continue;
          const size = parseFloat(getComputedStyle(e).fontSize);
          if (size < 24) out.push(e.tagName + ' ' + size + 'px: ' + text.slice(0, 40));
        }
        return out;",
        )
        .await,
    )
    .unwrap();
    assert!(small.is_empty(), "text under 24 px in presenter mode: {small:?}");
    assert_eq!(js(&client, "return document.querySelectorAll('[data-testid=presenter-row]').length;").await, 10, "the top and bottom five");
    screenshot(&client, GROUP, "20-presenter").await;
    assert_accessible(&client, "presenter mode").await;

    // A clicker's "next": the saved scenarios in turn.
    press(&client, Key::PageDown).await;
    until(
        &client,
        "the first saved scenario",
        "return document.querySelector('[data-testid=presenter-showing]').textContent.includes('saved scenario 1 of 2');",
    )
    .await;
    press(&client, Key::Right).await;
    until(
        &client,
        "the second",
        "return document.querySelector('[data-testid=presenter-showing]').textContent.includes('saved scenario 2 of 2: Income last');",
    )
    .await;
    press(&client, Key::Left).await;
    until(
        &client,
        "back to the first",
        "return document.querySelector('[data-testid=presenter-showing]').textContent.includes('saved scenario 1 of 2: Income first');",
    )
    .await;
    // B: the baseline and back; 2 and 1: the charts.
    press_b_until_showing(&client, "Showing: the baseline (B)").await;
    press_b_until_showing(&client, "Showing: the proposal (A)").await;
    press(&client, '2').await;
    until(
        &client,
        "the need chart",
        "return document.querySelector('[data-testid=presenter-chart]').textContent.startsWith('Funding against need');",
    )
    .await;
    screenshot(&client, GROUP, "21-presenter-need-chart").await;
    let drawn = drawn_label_sizes(&client).await;
    assert!(!drawn.is_empty() && drawn.iter().all(|px| *px >= 18.0), "the need chart's labels are at least 18 px at 1920x1080: {drawn:?}");
    press(&client, '1').await;
    until(&client, "the map", "return document.querySelector('[data-testid=presenter-chart]').textContent.startsWith('Map of the tiers');")
        .await;

    // The QR code reads back as the share link of what is shown: "Income first".
    let (scenario, text, version) = presenter_qr(&client).await;
    assert!(text.len() <= 300 && version <= 10, "{} characters, QR version {version}", text.len());
    assert_eq!(scenario.formula.indicators[0].weight, 60.0, "the link opens the scenario on screen");
    assert_eq!(scenario.formula.name, "Income first", "by its name");

    // A 1366×768 projector: everything on one screen, nothing sideways, type still large.
    // The window's own bars take some height; a presenter in full screen has all 768 px.
    let bars = js(&client, "return window.outerHeight - window.innerHeight;").await.as_u64().unwrap() as u32;
    client.set_window_size(1366, 768 + bars).await.unwrap();
    until(&client, "the projector size", "return document.documentElement.clientWidth <= 1366 && window.innerHeight <= 770;").await;
    let fit = js(
        &client,
        "const d = document.documentElement; const p = document.querySelector('[data-testid=presenter]'); \
         const bottom = Math.max(...Array.from(p.querySelectorAll('*')).filter(e => e.getClientRects().length).map(e => e.getBoundingClientRect().bottom)); \
         const sizes = Array.from(p.querySelectorAll('*')).filter(e => !e.closest('svg') && !e.closest('.visually-hidden') && e.getClientRects().length && Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())).map(e => parseFloat(getComputedStyle(e).fontSize)); \
         return { sideways: d.scrollWidth > d.clientWidth, bottom, height: window.innerHeight, smallest: Math.min(...sizes) };",
    )
    .await;
    screenshot(&client, GROUP, "22-presenter-1366").await;
    assert_presenter_fits(&client, "1366x768").await;
    for chart in ['2', '1'] {
        press(&client, chart).await;
        let drawn = drawn_label_sizes(&client).await;
        assert!(drawn.iter().all(|px| *px >= 18.0), "every label drawn in chart {chart} is at least 18 px at 1366x768: {drawn:?}");
        screenshot(&client, GROUP, &format!("23-presenter-1366-chart-{chart}")).await;
    }
    assert_eq!(fit["sideways"], false, "{fit}");
    assert!(fit["bottom"].as_f64().unwrap() <= fit["height"].as_f64().unwrap() + 1.0, "everything fits on one 1366x768 screen: {fit}");
    assert!(fit["smallest"].as_f64().unwrap() >= 20.0, "type stays large at 1366x768: {fit}");

    press(&client, Key::Escape).await;
    until(
        &client,
        "the explorer",
        "return !document.querySelector('[data-testid=presenter]') && !!document.querySelector('[data-testid=ranking-table]');",
    )
    .await;
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

/// Where an element is on screen: [top, bottom] in CSS pixels.
async fn rect(client: &fantoccini::Client, selector: &str) -> [f64; 2] {
    serde_json::from_value(
        js(client, &format!("const r = document.querySelector('{selector}').getBoundingClientRect(); return [r.top, r.bottom];")).await,
    )
    .unwrap()
}

#[tokio::test]
async fn on_a_phone_a_weight_moves_with_the_summary_and_the_top_of_the_ranking_in_view() {
    let Some(Session { turn: _turn, server, driver, client }) = session(390, 844, None).await else { return };
    if driver.engine.lacks(Capability::ScreenEmulation, "a 390 px phone") {
        return;
    }
    client.goto(&server.base).await.unwrap();
    open_whole_page(&client).await;
    until(
        &client,
        "the demo",
        "return !!document.querySelector('[data-testid=school-card]') && !!document.querySelector('[data-testid=glance-row]');",
    )
    .await;
    let height = js(&client, "return window.innerHeight;").await.as_f64().unwrap();
    // The last slider of the formula: the person has scrolled down past the others.
    let last = js(&client, "return document.querySelectorAll('[data-testid^=weight-slider-]').length - 1;").await.as_u64().unwrap();
    let slider = format!("[data-testid=weight-slider-{last}]");
    js(&client, &format!("document.querySelector('{slider}').focus(); return true;")).await;
    let summary_before = by_testid(&client, "summary").await.text().await.unwrap();
    for _ in 0..12 {
        press(&client, fantoccini::key::Key::Right).await;
    }
    until(
        &client,
        "the summary to change",
        &format!("return document.querySelector('[data-testid=summary]').textContent !== {summary_before:?};"),
    )
    .await;
    screenshot(&client, GROUP, "40-phone-slider-with-summary").await;

    // The summary, the top three and the slider are all on screen, the slider below the
    // block that stays at the top, not under it.
    let [sticky_top, sticky_bottom] = rect(&client, "[data-testid=baseline]").await;
    let [slider_top, slider_bottom] = rect(&client, &slider).await;
    assert!(js(&client, "return window.scrollY;").await.as_f64().unwrap() > 300.0, "the page has scrolled to the last slider");
    assert!(sticky_top >= 0.0 && sticky_bottom <= height * 0.4, "the summary block takes {sticky_top}..{sticky_bottom} of {height} px");
    assert!(
        slider_top >= sticky_bottom && slider_bottom <= height,
        "the slider at {slider_top}..{slider_bottom} is in view below {sticky_bottom}"
    );
    let [summary_top, _] = rect(&client, "[data-testid=summary]").await;
    assert!(summary_top >= 0.0);
    assert!(by_testid(&client, "summary").await.is_displayed().await.unwrap());

    // The top three are the ranking table's first three, with the same moves.
    let glance: Vec<[String; 2]> = serde_json::from_value(
        js(&client, "return Array.from(document.querySelectorAll('[data-testid=glance-row]')).map(r => [r.querySelector('.glance-name').textContent, r.querySelector('.change .visually-hidden').textContent]);").await,
    )
    .unwrap();
    assert_eq!(glance.len(), 3);
    let table: Vec<[String; 2]> = serde_json::from_value(
        js(&client, "return [0, 1, 2].map(p => document.querySelector(`[data-testid=school-card][data-position=\"${p}\"]`)).map(r => [r.querySelector('.card-name').textContent, r.querySelector('.change .visually-hidden').textContent]);").await,
    )
    .unwrap();
    for (g, t) in glance.iter().zip(&table) {
        assert!(t[0].contains(&g[0]), "glance {g:?} against table row {t:?}");
        assert_eq!(g[1], t[1]);
    }
    // And the engine, given the slider's weight, puts the same schools there.
    let weight: f64 = js(&client, &format!("return Number(document.querySelector('{slider}').value);")).await.as_f64().unwrap();
    let engine = AppState::new(LoadedData::demo().unwrap(), None).unwrap().apply(Action::SetWeight(last as usize, weight));
    let expected: Vec<String> = engine.top_of_ranking(3).into_iter().map(|t| t.name).collect();
    assert_eq!(glance.iter().map(|g| g[0].clone()).collect::<Vec<_>>(), expected);
    assert_accessible(&client, "the phone layout with the summary in view").await;
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

/// Presenter mode on a 390×844 phone (someone in the room following along), in English and
/// in Spanish: one column, nothing sideways, every heading and number of the table whole and
/// every name whole.
#[tokio::test]
async fn presenter_mode_on_a_phone_is_one_column_with_nothing_cut() {
    for lang in ["en", "es"] {
        presenter_on_a_phone(lang).await;
    }
}

async fn presenter_on_a_phone(lang: &str) {
    let Some(Session { turn: _turn, server, driver, client }) = session(500, 844, None).await else { return };
    if driver.engine.lacks(Capability::ScreenEmulation, "a 390 px phone") {
        return;
    }
    driver.emulate_screen(&client, 390, 844).await;
    client.goto(&server.base).await.unwrap();
    until(&client, "the first module", "return !!document.querySelector('[data-testid=presenter-open]');").await;
    by_testid(&client, "language").await.select_by_value(lang).await.unwrap();
    by_testid(&client, "presenter-open").await.click().await.unwrap();
    until(&client, "presenter mode", "return !!document.querySelector('main[data-module=whole] [data-testid=presenter]');").await;
    until(&client, "the page's language", &format!("return document.documentElement.lang === '{lang}';")).await;
    screenshot(&client, GROUP, &format!("24-presenter-390-{lang}")).await;
    let sideways = js(&client, "const d = document.documentElement; return d.scrollWidth > d.clientWidth;").await;
    assert_eq!(sideways, false, "nothing sideways on a phone");
    let cut = presenter_cells_cut(&client).await;
    assert!(cut.is_empty(), "every heading and number of the table whole: {cut:?}");
    let names_cut = js(
        &client,
        "return Array.from(document.querySelectorAll('[data-testid=presenter] .p-name')).filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent);",
    )
    .await;
    assert_eq!(names_cut, serde_json::json!([]), "every name whole (wrapped, not cut)");
    client.close().await.unwrap();
}
