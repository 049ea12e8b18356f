//! Real-browser tests of the languages: a browser set to Spanish opens the app in Spanish; the
//! language changes at any time without losing the formula; the choice is remembered; and the
//! views written through the catalogue show no English word, apart from data and names
//! (marked `translate="no"`). Screenshots go to `test-artifacts/e2e-lang/`.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::HashSet;

use ses_explorer::app::i18n::catalogue::ALL;
use ses_explorer::app::state::LoadedData;
use support::*;

const GROUP: &str = "e2e-lang";

/// What the check reads: the whole page.
const CONVERTED_VIEWS: &str = "main";

/// Words of the English catalogue that are not also Spanish words of it: finding one on a
/// Spanish page means a sentence was left in English.
fn english_only_words() -> HashSet<String> {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphabetic()).filter(|w| w.chars().count() >= 3).map(str::to_lowercase).collect()
    };
    let spanish: HashSet<String> = ALL.iter().flat_map(|(_, m)| words(m.es)).collect();
    // Words both languages write alike, or that are names (of the app, of Chicago).
    let shared = ["ses", "explorer", "chicago", "csv", "json", "geojson", "total", "excel"];
    ALL.iter().flat_map(|(_, m)| words(m.en)).filter(|w| !spanish.contains(w) && !shared.contains(&w.as_str())).collect()
}

/// Every piece of text a person (or a screen reader) gets from the converted views, apart
/// from data and names.
async fn shown_text(client: &fantoccini::Client) -> Vec<String> {
    let script = format!(
        "const out = []; \
         const translatable = e => {{ const t = e.closest('[translate]'); return !t || t.getAttribute('translate') !== 'no'; }}; \
         for (const root of document.querySelectorAll('{CONVERTED_VIEWS}')) {{ \
           const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT); \
           for (let n = walker.nextNode(); n; n = walker.nextNode()) {{ \
             if (n.parentElement.closest('option, select') && n.parentElement.closest('[data-testid=level-filter], [data-testid^=area-id-], [data-testid^=population-], [data-testid^=school-], [data-testid^=enr-]')) continue; \
             if (n.textContent.trim() && translatable(n.parentElement)) out.push(n.textContent.trim()); \
           }} \
           for (const e of root.querySelectorAll('[aria-label], [title], [placeholder], [aria-valuetext]')) {{ \
             if (!translatable(e)) continue; \
             for (const a of ['aria-label', 'title', 'placeholder', 'aria-valuetext']) if (e.getAttribute(a)) out.push(e.getAttribute(a)); \
           }} \
         }} \
         return out;"
    );
    serde_json::from_value(js(client, &script).await).unwrap()
}

/// The demo district's own names (schools, their levels): data, shown as the files have them
/// even inside a sentence ("Lincoln Middle: 45% en el nivel 1").
fn data_names() -> Vec<String> {
    let data = LoadedData::demo().unwrap();
    let schools = data.schools().unwrap();
    let mut names: Vec<String> = schools.names.iter().chain(&schools.levels).cloned().collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    names
}

/// The texts with an English word in them. Data is not words: the district's names, and
/// identifiers quoted in a sentence (a column `median_household_income`, a file
/// `enrollment.csv`).
fn english_left(texts: &[String], english: &HashSet<String>) -> Vec<String> {
    let names = data_names();
    let is_identifier = |token: &str| {
        let token = token.trim_matches(|c: char| !c.is_alphanumeric());
        token.contains('_') || token.contains('.')
    };
    texts
        .iter()
        .filter(|t| {
            let t = names.iter().fold(t.to_string(), |t, name| t.replace(name.as_str(), " "));
            t.split_whitespace()
                .filter(|token| !is_identifier(token))
                .flat_map(|token| token.split(|c: char| !c.is_alphabetic()))
                .any(|w| english.contains(&w.to_lowercase()))
        })
        .cloned()
        .collect()
}

/// A browser that asks for Spanish, on the whole page at 1366×900; `None` (after saying why)
/// where browser tests cannot run or the browser cannot be asked for a language.
async fn spanish_page() -> Option<Session> {
    if !e2e_ready() {
        return None;
    }
    let turn = one_browser_at_a_time().await;
    let server = StaticServer::start();
    let driver = Driver::start();
    if driver.engine.lacks(Capability::PreferredLanguages, "a browser that asks for Spanish") {
        return None;
    }
    let client = driver.browser_speaking(1366, 900, "es-MX,es").await;
    client.goto(&server.base).await.unwrap();
    open_whole_page(&client).await;
    until(&client, "the app", "return !!document.querySelector('[data-testid=school-row]');").await;
    Some(Session { turn, server, driver, client })
}

#[tokio::test]
async fn a_spanish_browser_gets_spanish_that_stays_switchable_remembered_and_without_english() {
    let Some(Session { turn: _turn, server: _server, driver, client }) = spanish_page().await else { return };

    // The browser's language decides the first view.
    assert_eq!(js(&client, "return document.documentElement.lang;").await, "es");
    assert_eq!(js(&client, "return document.querySelector('[data-testid=language]').value;").await, "es");
    assert_eq!(js(&client, "return document.querySelector('#formula-heading').textContent;").await, "Fórmula");

    // A weight moved in Spanish: the summary's dollars read the Spanish way.
    js(&client, "const s = document.querySelector('[data-testid=weight-slider-0]'); s.value = '80'; s.dispatchEvent(new Event('input', {bubbles: true})); return true;").await;
    until(&client, "the summary", "return document.querySelector('[data-testid=summary]').textContent.includes('se mueven $');").await;
    let summary = by_testid(&client, "summary").await.text().await.unwrap();
    assert!(summary.contains(" mil;") || summary.contains(" millones;"), "{summary}");
    screenshot(&client, GROUP, "01-spanish").await;

    // No English in the converted views, the import step included.
    let english = english_only_words();
    let demo = scratch("lang-demo");
    ses(&["demo", "--out-dir", demo.to_str().unwrap()]);
    choose_files(&client, "file-input", &[&demo.join("areas.csv"), &demo.join("schools.csv"), &demo.join("enrollment.csv")]).await;
    until(&client, "the import step", "return !!document.querySelector('[data-testid=mapping-2]');").await;
    let left = english_left(&shown_text(&client).await, &english);
    screenshot(&client, GROUP, "02-spanish-import-step").await;
    assert!(left.is_empty(), "English left on the Spanish page: {left:?}");
    assert_accessible(&client, "the import step in Spanish").await;
    by_testid(&client, "cancel-files").await.click().await.unwrap();
    until(&client, "the step to close", "return !document.querySelector('[data-testid=import-step]');").await;

    // A file with a wrong value: the error, in Spanish, still names file, row, column and value.
    let broken = demo.join("areas-broken.csv");
    std::fs::write(&broken, "area_id,kids,income,single\na,10,100,50\nb,20,two hundred,40\nc,30,300,30\n").unwrap();
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
    assert!(error.contains("areas-broken.csv: fila 3, columna \"income\": \"two hundred\" no es válido; se esperaba un número"), "{error}");
    screenshot(&client, GROUP, "02a-spanish-import-error").await;
    by_testid(&client, "cancel-files").await.click().await.unwrap();
    until(&client, "the step to close", "return !document.querySelector('[data-testid=import-step]');").await;

    // Every panel open: a school's detail, the comparison, the stability draws, a workshop
    // round-up and the formula card.
    js(&client, "document.querySelector('[data-testid=select-school]').click(); document.querySelector('[data-testid=compare-toggle]').click(); \
        const d = document.querySelector('[data-testid=stability-draws]'); d.value = '50'; d.dispatchEvent(new Event('input', {bubbles: true})); return true;").await;
    until(
        &client,
        "the detail and the comparison",
        "return !!document.querySelector('[data-testid=detail-panel]') && !!document.querySelector('[data-testid=compare-summary]');",
    )
    .await;
    js(&client, "document.querySelector('[data-testid=stability-run]').click(); return true;").await;
    until(&client, "the draws", "return !!document.querySelector('[data-testid=stability-result]');").await;
    js(&client, "const code = document.querySelector('[data-testid=workshop-code]').textContent; document.querySelector('[data-testid=workshop-panel] details').open = true; \
        document.querySelector('[data-testid=roundup-input]').value = [code, code, code].join('\\n'); document.querySelector('[data-testid=roundup-run]').click(); \
        document.querySelector('[data-testid=card-panel] details').open = true; return true;").await;
    until(
        &client,
        "the round-up and the card",
        "return !!document.querySelector('[data-testid=roundup-result]') && !!document.querySelector('[data-testid=card-words]');",
    )
    .await;
    let left = english_left(&shown_text(&client).await, &english);
    screenshot(&client, GROUP, "02b-spanish-every-panel").await;
    assert!(left.is_empty(), "English left on the Spanish page with every panel open: {left:?}");
    assert_accessible(&client, "every panel in Spanish").await;

    // Presenter mode and the printable page.
    by_testid(&client, "presenter-open").await.click().await.unwrap();
    until(&client, "presenter mode", "return !!document.querySelector('[data-testid=presenter]');").await;
    let left = english_left(&shown_text(&client).await, &english);
    screenshot(&client, GROUP, "02c-spanish-presenter").await;
    assert!(left.is_empty(), "English left in presenter mode: {left:?}");
    let cut = presenter_cells_cut(&client).await;
    assert!(cut.is_empty(), "every heading and number of the Spanish presenter table whole: {cut:?}");
    assert_accessible(&client, "presenter mode in Spanish").await;
    press(&client, fantoccini::key::Key::Escape).await;
    until(&client, "the explorer", "return !!document.querySelector('[data-testid=printable]');").await;
    click_settled(&client, "printable").await;
    until(&client, "the printable page", "return !!document.querySelector('[data-testid=printable-ranking]');").await;
    let left = english_left(&shown_text(&client).await, &english);
    screenshot(&client, GROUP, "02d-spanish-printable").await;
    assert!(left.is_empty(), "English left on the printable page: {left:?}");
    assert_accessible(&client, "the printable page in Spanish").await;
    by_testid(&client, "print-back").await.click().await.unwrap();
    until(&client, "the explorer", "return !!document.querySelector('[data-testid=ranking-table]');").await;

    // The same check finds English when the page is in English: the test can fail.
    by_testid(&client, "language").await.select_by_value("en").await.unwrap();
    until(&client, "English", "return document.querySelector('#formula-heading').textContent === 'Formula';").await;
    assert!(!english_left(&shown_text(&client).await, &english).is_empty());
    // Switching kept the formula and the comparison: the same weight, the same numbers.
    assert_eq!(js(&client, "return document.querySelector('[data-testid=weight-slider-0]').value;").await, "80");
    let english_summary = by_testid(&client, "summary").await.text().await.unwrap();
    let digits =
        |s: &str| s.split(|c: char| !c.is_ascii_digit() && c != '.').filter(|p| !p.is_empty()).map(String::from).collect::<Vec<_>>();
    assert_eq!(digits(&english_summary), digits(&summary), "{english_summary} / {summary}");
    assert_eq!(js(&client, "return document.documentElement.lang;").await, "en");

    // The choice is remembered over the browser's preference.
    client.refresh().await.unwrap();
    open_whole_page(&client).await;
    until(&client, "the app again", "return !!document.querySelector('#formula-heading');").await;
    assert_eq!(js(&client, "return document.querySelector('#formula-heading').textContent;").await, "Formula");
    by_testid(&client, "language").await.select_by_value("es").await.unwrap();
    until(&client, "Spanish", "return document.querySelector('#formula-heading').textContent === 'Fórmula';").await;

    // A 1366×768 laptop in Spanish: every column of the ranking fits, and no header's word is
    // cut or spills out of its column (narrow columns show a short form of their name).
    client.set_window_size(1366, 768).await.unwrap();
    until(&client, "the laptop width", "return document.documentElement.clientWidth <= 1366;").await;
    js(&client, "document.querySelector('[data-testid=ranking-scroll]').scrollIntoView(); return true;").await;
    let fit = js(
        &client,
        "const w = document.querySelector('[data-testid=ranking-scroll]'); \
         const spilled = Array.from(w.querySelectorAll('thead th button')).filter(b => { \
           const th = b.closest('th').getBoundingClientRect(), r = b.getBoundingClientRect(); \
           return b.scrollWidth > b.clientWidth + 1 || r.right > th.right + 1 || r.left < th.left - 1; }) \
           .map(b => b.textContent); \
         return { table: w.scrollWidth <= w.clientWidth, spilled };",
    )
    .await;
    screenshot(&client, GROUP, "03a-spanish-laptop-1366").await;
    assert_eq!(fit["table"], true, "{fit}");
    assert_eq!(fit["spilled"], serde_json::json!([]), "{fit}");
    let rank_header = js(&client, "return document.querySelector('[data-testid=sort-rank]').textContent;").await;
    assert!(rank_header.as_str().unwrap().contains("Pos.") && rank_header.as_str().unwrap().contains("Puesto"), "{rank_header}");

    // A phone in Spanish.
    let phone = 390.max(driver.engine.least_window_width());
    client.set_window_size(phone, 844).await.unwrap();
    until(&client, "the phone layout", &format!("return document.documentElement.clientWidth <= {};", phone + 10)).await;
    screenshot(&client, GROUP, "03-spanish-phone").await;
    assert_eq!(js(&client, "return document.documentElement.scrollWidth <= document.documentElement.clientWidth;").await, true);
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}

/// What the page shows about imported files, in the language of the moment: the notice after
/// loading, the rows left out of scoring, the notes on how values were read, and why a file
/// was not used. A language switch rewords what is already on screen.
#[tokio::test]
async fn a_language_switch_rewords_the_notice_the_import_error_and_the_left_out_rows() {
    let Some(Session { turn: _turn, server: _server, driver, client }) = spanish_page().await else { return };
    let english = english_only_words();
    let dir = scratch("lang-reworded");
    let switch_to = |code: &'static str, heading: &'static str| {
        let client = client.clone();
        async move {
            by_testid(&client, "language").await.select_by_value(code).await.unwrap();
            until(&client, heading, &format!("return document.querySelector('#formula-heading').textContent === '{heading}';")).await;
        }
    };
    let text_of = |testid: &'static str| {
        let client = client.clone();
        async move { js(&client, &format!("const e = document.querySelector('[data-testid={testid}]'); return e ? e.textContent : '';")).await }
    };

    // A file that is not a table: it is not used, and why is said beside the picker in
    // Spanish, then in English, then in Spanish again, without choosing the file again. (A
    // problem inside the import step is behind a modal dialog: the language picker cannot be
    // reached until the step closes.)
    let image = dir.join("tracts_image.csv");
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend((0..4096u32).map(|i| (i * 7 % 251) as u8));
    std::fs::write(&image, bytes).unwrap();
    choose_files(&client, "file-input", &[&image]).await;
    until(
        &client,
        "the refusal",
        "const e = document.querySelector('[data-testid=import-errors]'); return !!e && e.textContent.includes('tracts_image.csv');",
    )
    .await;
    assert_eq!(
        js(&client, "return !!document.querySelector('[data-testid=import-step]');").await,
        false,
        "no step opens for a file not read"
    );
    let left = english_left(&shown_text(&client).await, &english);
    assert!(left.is_empty(), "English left beside the refusal: {left:?}");
    assert!(text_of("import-errors").await.as_str().unwrap().contains("tracts_image.csv: no es una tabla de texto"));
    switch_to("en", "Formula").await;
    let error = text_of("import-errors").await;
    assert!(error.as_str().unwrap().contains("tracts_image.csv: is not a text table"), "{error}");
    switch_to("es", "Fórmula").await;
    let error = text_of("import-errors").await;
    assert!(error.as_str().unwrap().contains("tracts_image.csv: no es una tabla de texto"), "{error}");
    screenshot(&client, GROUP, "04-spanish-refusal-reworded").await;

    // Left-out rows (a blank, and a census marker read as missing) and a top-coded value.
    let areas = dir.join("tracts_notes.csv");
    std::fs::write(
        &areas,
        "area_id,median_income,single_parent_pct\na,100,50\nb,,40\nc,\"250,000+\",30\nd,(X),20\ne,300,10\nf,400,5\ng,150,25\n",
    )
    .unwrap();
    choose_files(&client, "file-input", &[&areas]).await;
    until(&client, "the mapping form", "return !!document.querySelector('[data-testid=mapping-0]');").await;
    by_testid(&client, "use-files").await.click().await.unwrap();
    until(
        &client,
        "the data in use",
        "const n = document.querySelector('[data-testid=notice]'); return !!n && n.textContent.includes('tracts_notes.csv');",
    )
    .await;
    js(&client, "document.querySelector('[data-testid=exclusions]').open = true; document.querySelector('[data-testid=exclusions]').scrollIntoView(); return true;").await;
    let spanish = |notice: &str, rows: &str, notes: &str| {
        notice.starts_with("Se cargó tracts_notes.csv: 7 áreas; 2 filas no se puntúan")
            && rows.contains("tracts_notes.csv: la fila 3 (id b) no se puntúa: no hay valor en la columna \"median_income\"")
            && notes.contains("columna \"median_income\": 1 valores tienen tope superior")
            && notes.contains("se leen como faltantes: \"(X)\" (1 celda)")
    };
    let (notice, rows, notes) = (text_of("notice").await, text_of("exclusions").await, text_of("read-notes").await);
    let shown = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
    assert!(spanish(&shown(&notice), &shown(&rows), &shown(&notes)), "{notice}\n{rows}\n{notes}");
    let left = english_left(&shown_text(&client).await, &english);
    screenshot(&client, GROUP, "05-spanish-left-out-rows-and-notes").await;
    assert!(left.is_empty(), "English left on the Spanish page with imported data: {left:?}");

    // English: the same notice, rows and notes, reworded where they are.
    switch_to("en", "Formula").await;
    let (notice, rows, notes) = (text_of("notice").await, text_of("exclusions").await, text_of("read-notes").await);
    assert!(shown(&notice).starts_with("Loaded tracts_notes.csv: 7 areas; 2 rows are not scored"), "{notice}");
    assert!(shown(&rows).contains("tracts_notes.csv: row 3 (id b) is not scored: no value in column \"median_income\""), "{rows}");
    assert!(shown(&notes).contains("1 values are top-coded") && shown(&notes).contains("read as missing: \"(X)\" (1 cell)"), "{notes}");
    screenshot(&client, GROUP, "05a-english-left-out-rows-and-notes").await;
    // And back.
    switch_to("es", "Fórmula").await;
    let (notice, rows, notes) = (text_of("notice").await, text_of("exclusions").await, text_of("read-notes").await);
    assert!(spanish(&shown(&notice), &shown(&rows), &shown(&notes)), "{notice}\n{rows}\n{notes}");
    assert_clean_log(&driver, &client).await;
    client.close().await.unwrap();
}
