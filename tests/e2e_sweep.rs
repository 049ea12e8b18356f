//! Every width people bring, not three samples: the page and presenter mode walked from 320 to
//! 2560 px in steps of 80, and the common phones, tablets (both ways up), laptops and screens,
//! in English and Spanish. At each: nothing scrolls sideways (the page or any column), the top
//! ten names of the ranking are whole against every box that could clip them, and presenter
//! mode fits its screen with no name or number cut and no block over another. Every width's
//! screenshot goes to `test-artifacts/e2e-sweep/`.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::Client;
use serde_json::Value;
use support::*;

const GROUP: &str = "e2e-sweep";

/// Phones, tablets both ways up, laptops and screens people bring (width, height, touch).
const DEVICES: [(u32, u32, bool); 12] = [
    (360, 740, true),
    (390, 844, true),
    (430, 932, true),
    (768, 1024, true),
    (820, 1180, true),
    (1180, 820, true),
    (1024, 768, true),
    (1280, 800, false),
    (1366, 768, false),
    (1440, 900, false),
    (1920, 1080, false),
    (2560, 1440, false),
];

/// Every width from 320 to 2560 in steps of 80 (a screen's usual height for its width, touch
/// below a laptop's width), then the devices.
fn screens() -> Vec<(u32, u32, bool)> {
    let sweep = (320..=2560).step_by(80).map(|w| {
        let height = match w {
            ..=600 => 800,
            601..=1100 => 1024,
            _ => 900,
        };
        (w, height, w < 1024)
    });
    sweep.chain(DEVICES).collect()
}

/// What changes as the page lays itself out again: the viewport, the ranking's layout and
/// width, the presenter's body's size.
const SIGNATURE: &str = "const w = document.querySelector('[data-testid=ranking-scroll]'); const p = document.querySelector('.presenter-body'); \
    return [window.innerWidth, window.innerHeight, w ? w.dataset.layout + ' ' + w.clientWidth : '', \
    p ? Math.round(p.getBoundingClientRect().width) + 'x' + Math.round(p.getBoundingClientRect().height) : ''];";

/// Gives the page this screen; false where the engine cannot make a viewport so narrow (only
/// Chromium emulates any size; the others' windows stop at about 450 px).
async fn set_screen(driver: &Driver, client: &Client, (width, height, touch): (u32, u32, bool)) -> bool {
    if !driver.emulate_viewport(client, width, height, touch).await {
        return false;
    }
    until(
        client,
        &format!("a {width}x{height} viewport"),
        // (A page wider than a phone's screen widens a mobile browser's viewport: once the
        // screen is the phone's, the checks below say what is too wide.)
        &format!(
            "return (window.innerWidth === {width} && window.innerHeight === {height}) || (screen.width === {width} && document.documentElement.scrollWidth > {width});"
        ),
    )
    .await;
    layout_settled(client, SIGNATURE).await;
    true
}

async fn to_language(client: &Client, lang: &str) {
    by_testid(client, "language").await.select_by_value(lang).await.unwrap();
    until(client, "the page's language", &format!("return document.documentElement.lang === '{lang}';")).await;
}

async fn open_demo(driver: &Driver, client: &Client, base: &str) {
    // The demo opens on a laptop's screen; the sweep then walks the widths.
    set_screen(driver, client, (1366, 768, false)).await;
    client.goto(base).await.unwrap();
    open_whole_page(client).await;
    until(client, "the demo's schools", "return !!document.querySelector('[data-testid=school-row], [data-testid=school-card]');").await;
    js(client, LAYOUT_PROBES).await;
}

fn strings(v: &Value) -> Vec<String> {
    serde_json::from_value(v.clone()).unwrap_or_default()
}

#[tokio::test]
async fn at_every_width_the_top_ten_names_are_whole_and_nothing_scrolls_sideways() {
    let Some(Session { turn: _turn, server, driver, client }) = session(1366, 768, None).await else { return };
    open_demo(&driver, &client, &server.base).await;
    let mut problems = Vec::new();
    let mut layouts = std::collections::BTreeMap::<String, Vec<u32>>::new();
    let mut screens_seen = 0;
    let mut skipped = Vec::new();
    for lang in ["en", "es"] {
        to_language(&client, lang).await;
        for screen in screens() {
            if !set_screen(&driver, &client, screen).await {
                skipped.push(screen);
                continue;
            }
            let (w, h, _) = screen;
            js(&client, "window.scrollTo(0, 0); document.querySelectorAll('.controls, .results, [data-testid=ranking-scroll]').forEach(c => c.scrollTop = 0); return true;").await;
            frames_drawn(&client).await;
            let facts = js(
                &client,
                "const rows = Array.from(document.querySelectorAll('[data-testid=school-row], [data-testid=school-card]')).slice(0, 10); \
                 rows.forEach((r, k) => r.querySelector('[data-testid=select-school]').dataset.topTen = k); \
                 const out = { rows: rows.length, layout: document.querySelector('[data-testid=ranking-scroll]').dataset.layout, \
                   cut: textsCut('[data-top-ten]'), sideways: sidewaysScroll(), \
                   names: rows.map(r => r.querySelector('[data-testid=select-school]').textContent.trim()) }; \
                 document.querySelectorAll('[data-top-ten]').forEach(n => delete n.dataset.topTen); return out;",
            )
            .await;
            screenshot(&client, GROUP, &format!("ranking-{lang}-{w:04}x{h:04}")).await;
            screens_seen += 1;
            let at = format!("{lang} {w}x{h}");
            if facts["rows"] != 10 {
                problems.push(format!("{at}: {} rows of the ranking, not ten", facts["rows"]));
            }
            let names = strings(&facts["names"]);
            if names.iter().any(String::is_empty) {
                problems.push(format!("{at}: an empty name among {names:?}"));
            }
            for cut in strings(&facts["cut"]) {
                problems.push(format!("{at}: a name cut: {cut}"));
            }
            for sideways in strings(&facts["sideways"]) {
                problems.push(format!("{at}: sideways: {sideways}"));
            }
            layouts.entry(facts["layout"].as_str().unwrap_or("?").to_owned()).or_default().push(w);
        }
    }
    eprintln!("ranking layouts by width in {}: {layouts:?}", driver.engine.name());
    // Every screen, but those narrower than a window can be in an engine without emulation.
    let reachable = screens().iter().filter(|s| driver.engine == Engine::Chromium || s.0 >= driver.engine.least_window_width()).count();
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
    assert_eq!(screens_seen, 2 * reachable, "screens not reached: {skipped:?}");
    // The sweep saw the layouts it exists for: cards with wrapped names on a phone, the table
    // without the level and mean on a laptop, every column with the mix's numbers on a screen.
    let expected: &[&str] = if driver.engine == Engine::Chromium {
        &["cards-2", "table-compact-1", "table-all-numbers-1"]
    } else {
        &["table-compact-1", "table-all-numbers-1"]
    };
    for layout in expected {
        assert!(layouts.contains_key(*layout), "{layout} never seen: {layouts:?}");
    }
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

/// Blocks of presenter mode that must not overlap, and whether one holds another.
const PRESENTER_FACTS: &str = "
const p = document.querySelector('[data-testid=presenter]');
const selectors = ['.presenter-head', '.presenter-summary', '.presenter-ranking table', '.presenter-fairness', '.presenter-chart-name', '.presenter-map', '.need-chart', '.presenter-legend', '.presenter-qr'];
const blocks = selectors.map(s => [s, p.querySelector(s)]).filter(([, e]) => e && e.getClientRects().length);
const overlaps = [];
for (let i = 0; i < blocks.length; i++) for (let j = i + 1; j < blocks.length; j++) {
  const [sa, a] = blocks[i], [sb, b] = blocks[j];
  if (a.contains(b) || b.contains(a)) continue;
  const ra = a.getBoundingClientRect(), rb = b.getBoundingClientRect();
  const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left), h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
  if (w > 1 && h > 1) overlaps.push(sa + ' over ' + sb + ' (' + Math.round(w) + 'x' + Math.round(h) + ')');
}
const names = Array.from(p.querySelectorAll('th.p-name')).filter(n => n.closest('tbody'));
return { overlaps, rows: p.querySelectorAll('[data-testid=presenter-row]').length, names: names.length,
  namesCut: textsCut('[data-testid=presenter] tbody th.p-name'), headingsCut: textsCut('[data-testid=presenter] thead th, [data-testid=presenter-title], [data-testid=presenter-summary]'),
  sideways: sidewaysScroll(), tall: document.documentElement.scrollHeight > window.innerHeight + 1 };
";

#[tokio::test]
async fn presenter_mode_fits_every_width_with_no_name_cut_and_no_block_over_another() {
    let Some(Session { turn: _turn, server, driver, client }) = session(1366, 768, None).await else { return };
    open_demo(&driver, &client, &server.base).await;
    // A weight moved, so the money column has changes to show.
    js(&client, "const s = document.querySelector('[data-testid=weight-slider-0]'); s.value = '60'; s.dispatchEvent(new Event('input', {bubbles: true})); return true;").await;
    until(&client, "the weight moved", "return document.querySelector('[data-testid=weight-slider-0]').value === '60';").await;
    js(&client, LAYOUT_PROBES).await;
    let mut problems = Vec::new();
    for lang in ["en", "es"] {
        // The language is set on the page; presenter mode speaks it.
        set_screen(&driver, &client, (1366, 768, false)).await;
        if js(&client, "return !!document.querySelector('[data-testid=presenter]');").await == Value::Bool(true) {
            by_testid(&client, "presenter-leave").await.click().await.unwrap();
            until(&client, "the explorer", "return !document.querySelector('[data-testid=presenter]');").await;
        }
        to_language(&client, lang).await;
        by_testid(&client, "presenter-open").await.click().await.unwrap();
        until(&client, "presenter mode", "return !!document.querySelector('[data-testid=presenter-row]');").await;
        for screen in screens() {
            if !set_screen(&driver, &client, screen).await {
                continue;
            }
            let (w, h, _) = screen;
            let facts = js(&client, PRESENTER_FACTS).await;
            screenshot(&client, GROUP, &format!("presenter-{lang}-{w:04}x{h:04}")).await;
            let at = format!("presenter {lang} {w}x{h}");
            if facts["rows"] != 10 || facts["names"] != 10 {
                problems.push(format!("{at}: {} rows and {} names, not ten", facts["rows"], facts["names"]));
            }
            for (key, what) in
                [("overlaps", "overlap"), ("namesCut", "a name cut"), ("headingsCut", "a heading cut"), ("sideways", "sideways")]
            {
                for item in strings(&facts[key]) {
                    problems.push(format!("{at}: {what}: {item}"));
                }
            }
            for cell in presenter_cells_cut(&client).await {
                problems.push(format!("{at}: a number cut: {cell}"));
            }
            // A projector (a laptop's width or more, held sideways) shows everything on one screen.
            if w >= 1280 && w > h && facts["tall"] == true {
                problems.push(format!("{at}: taller than the projector's screen"));
            }
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

/// What of an open dialog lies outside its own box, sideways: every control a person sets.
const DIALOG_FACTS: &str = "
const d = document.querySelector('dialog[open]');
const box = d.getBoundingClientRect();
const outside = Array.from(d.querySelectorAll('select, input:not([type=hidden]):not(.visually-hidden), button, label'))
  .filter(e => e.getClientRects().length && !e.closest('.visually-hidden'))
  .filter(e => { const r = e.getBoundingClientRect(); return r.left < box.left + d.clientLeft - 0.5 || r.right > box.left + d.clientLeft + d.clientWidth + 0.5; })
  .map(e => e.tagName.toLowerCase() + ' ' + (e.dataset.testid || e.id || e.textContent.trim().slice(0, 30)));
return { outside, dialogSideways: d.scrollWidth > d.clientWidth + 1, dialogWidth: d.clientWidth, directions: d.querySelectorAll('select[data-testid^=dir-]').length, sideways: sidewaysScroll() };
";

#[tokio::test]
async fn on_a_small_phone_the_import_step_and_a_schools_detail_show_every_setting_and_nothing_widens_the_page() {
    let Some(Session { turn: _turn, server, driver, client }) = session(1366, 768, None).await else { return };
    if driver.engine.lacks(Capability::ScreenEmulation, "a 360 px phone") {
        return;
    }
    open_demo(&driver, &client, &server.base).await;
    let chicago = root().join("examples/chicago/cps-tracts-fy2015.csv");
    for lang in ["en", "es"] {
        to_language(&client, lang).await;
        set_screen(&driver, &client, (360, 740, true)).await;
        // The import step: every indicator's direction and group in view, nothing sideways.
        choose_files(&client, "file-input", &[&chicago]).await;
        until(&client, "the mapping form", "return !!document.querySelector('dialog[open] [data-testid=mapping-0]');").await;
        layout_settled(&client, SIGNATURE).await;
        let facts = js(&client, DIALOG_FACTS).await;
        screenshot(&client, GROUP, &format!("import-step-{lang}-0360")).await;
        assert!(facts["directions"].as_u64().unwrap() >= 6, "{lang}: Chicago's six indicators' directions: {facts}");
        assert_eq!(facts["outside"], Value::Array(vec![]), "{lang}: every setting of the import step within the dialog: {facts}");
        assert_eq!(facts["dialogSideways"], false, "{lang}: the dialog does not scroll sideways: {facts}");
        assert_eq!(facts["sideways"], Value::Array(vec![]), "{lang}: {facts}");
        by_testid(&client, "cancel-files").await.click().await.unwrap();
        until(&client, "the dialog closed", "return !document.querySelector('dialog[open]');").await;

        // A school's detail, opened from its card.
        js(&client, "document.querySelector('[data-testid=school-card] [data-testid=select-school]').click(); return true;").await;
        until(&client, "the school's detail", "return !!document.querySelector('[data-testid=detail-panel] [data-testid=detail-table]');")
            .await;
        layout_settled(&client, SIGNATURE).await;
        // Its areas' table open too, as a person reading where the school's students live.
        js(&client, "const p = document.querySelector('[data-testid=detail-panel]'); p.querySelectorAll('details').forEach(d => d.open = true); p.scrollIntoView(); return true;").await;
        frames_drawn(&client).await;
        let sideways = strings(&js(&client, "return sidewaysScroll();").await);
        let cut = strings(&js(&client, "return textsCut('[data-testid=detail-panel] th, [data-testid=detail-panel] td');").await);
        screenshot(&client, GROUP, &format!("school-detail-{lang}-0360")).await;
        assert!(sideways.is_empty(), "{lang}: a school's detail widens nothing: {sideways:?}");
        assert!(cut.is_empty(), "{lang}: the detail's table whole: {cut:?}");
        set_screen(&driver, &client, (1366, 768, false)).await;
    }
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

/// Phones in the engines whose windows cannot be so narrow (Firefox, WebKit: every iPhone): the
/// app in a frame of the phone's width, as a phone's screen. Chromium sweeps them by emulation.
#[tokio::test]
async fn in_a_phone_sized_frame_firefox_and_webkit_show_the_top_ten_names_whole_and_nothing_sideways() {
    let Some(Session { turn: _turn, server, driver, client }) = session(1366, 900, None).await else { return };
    if driver.engine == Engine::Chromium {
        eprintln!("chromium sweeps phones by emulation (at_every_width_…)");
        return;
    }
    let mut problems = Vec::new();
    let mut seen = 0;
    for (w, h) in [(320u32, 700u32), (360, 740), (390, 844), (430, 932)] {
        for lang in ["en", "es"] {
            client.goto(&format!("{}__frame-{w}x{h}.html", server.base)).await.unwrap();
            client.enter_frame(0).await.unwrap();
            until(&client, "the app in the frame", "return !!document.querySelector('[data-testid=school-card]');").await;
            assert_eq!(js(&client, "return window.innerWidth;").await, w, "the frame's width is the app's screen");
            js(&client, LAYOUT_PROBES).await;
            to_language(&client, lang).await;
            let facts = js(
                &client,
                "const rows = Array.from(document.querySelectorAll('[data-testid=school-card]')).slice(0, 10); \
                 rows.forEach((r, k) => r.querySelector('[data-testid=select-school]').dataset.topTen = k); \
                 const out = { rows: rows.length, cut: textsCut('[data-top-ten]'), sideways: sidewaysScroll() }; \
                 document.querySelectorAll('[data-top-ten]').forEach(n => delete n.dataset.topTen); return out;",
            )
            .await;
            client.enter_parent_frame().await.unwrap();
            screenshot(&client, GROUP, &format!("framed-{lang}-{w:04}x{h:04}")).await;
            seen += 1;
            if facts["rows"] != 10 {
                problems.push(format!("{lang} {w}x{h}: {} cards, not ten", facts["rows"]));
            }
            for (key, what) in [("cut", "a name cut"), ("sideways", "sideways")] {
                for item in strings(&facts[key]) {
                    problems.push(format!("{lang} {w}x{h}: {what}: {item}"));
                }
            }
        }
    }
    assert_eq!(seen, 8);
    assert!(problems.is_empty(), "{} problems in {}:\n{}", problems.len(), driver.engine.name(), problems.join("\n"));
    client.close().await.unwrap();
}
