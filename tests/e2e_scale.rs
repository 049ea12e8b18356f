//! A state-scale district in a real browser, imported from generated files and a weight
//! moved 30 steps by keyboard: 250,000 areas alone, then 250,000 areas with 100,000 schools
//! and 1,000,000 students. A measurement, not an assertion: the time to read the files and
//! to build the district, the long tasks (over 50 ms) in each phase, each step's
//! input-to-frame time (`ses:frame`, median and p95) and where it goes, and the long tasks
//! while the weight moves, then the same for the weight dragged by the mouse
//! (`support::drag_timings`), go to `test-artifacts/perf-scale*.json` and the test's output, for
//! BENCHMARKS.md. What it asserts is that the page gets through it: the data in, every step
//! painted.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::Path;
use std::time::Duration;

use fantoccini::key::Key;
use rand::{Rng, SeedableRng};
use support::*;

const SCHOOLS: usize = 100_000;
const STUDENTS: usize = 1_000_000;

/// 250,000 areas, or `SES_SCALE_AREAS` (to measure other sizes by hand: BENCHMARKS.md).
fn areas() -> usize {
    std::env::var("SES_SCALE_AREAS").ok().and_then(|n| n.parse().ok()).unwrap_or(250_000)
}

/// The demo's columns, so the import starts from the five-factor formula by itself.
fn generated_areas() -> String {
    let mut rng = rand::rngs::StdRng::seed_from_u64(250);
    let areas = areas();
    let mut csv = String::with_capacity(areas * 48);
    csv.push_str("area_id,median_household_income,pct_bachelors_or_higher,pct_owner_occupied,pct_single_parent,pct_other_language,school_age_children\n");
    for a in 0..areas {
        csv.push_str(&format!(
            "S{a:06},{},{:.1},{:.1},{:.1},{:.1},{}\n",
            rng.random_range(15_000..250_000),
            rng.random_range(2.0..80.0),
            rng.random_range(5.0..95.0),
            rng.random_range(2.0..60.0),
            rng.random_range(0.0..70.0),
            rng.random_range(0..900)
        ));
    }
    csv
}

fn generated_schools() -> String {
    let mut csv = String::from("school_id,school_name,level\n");
    for s in 0..SCHOOLS {
        csv.push_str(&format!("K{s:06},School {s},{}\n", ["Elementary", "Middle", "High"][s % 3]));
    }
    csv
}

/// One row per student: where they live and which school they attend, as a student
/// information system exports it (no names).
fn generated_students() -> String {
    let mut rng = rand::rngs::StdRng::seed_from_u64(1_000_000);
    let areas = areas();
    let mut csv = String::with_capacity(STUDENTS * 26);
    csv.push_str("student_id,school_id,area_id\n");
    for n in 0..STUDENTS {
        let area = rng.random_range(0..areas);
        // Most students go to one of a few schools near home.
        let school = (area * SCHOOLS / areas + rng.random_range(0..3)) % SCHOOLS;
        csv.push_str(&format!("P{n:07},K{school:06},S{area:06}\n"));
    }
    csv
}

/// Waits up to two minutes (the shared wait stops at 20 s) for `script` to hold.
async fn until_long(client: &fantoccini::Client, what: &str, script: &str) {
    until_within(client, what, script, Duration::from_millis(100), Duration::from_secs(120)).await;
}

async fn now(client: &fantoccini::Client) -> f64 {
    js(client, "return performance.now();").await.as_f64().unwrap_or(0.0)
}

/// Long tasks that started between `from` and `to` (ms on the page's clock): their count and
/// the longest.
async fn long_tasks_between(client: &fantoccini::Client, from: f64, to: f64) -> serde_json::Value {
    let tasks: Vec<(f64, f64)> = serde_json::from_value(js(client, "return window.longTasks;").await).unwrap_or_default();
    let within: Vec<f64> = tasks.iter().filter(|(start, _)| *start >= from && *start < to).map(|(_, d)| *d).collect();
    serde_json::json!({ "count": within.len(), "max_ms": within.iter().copied().fold(0.0, f64::max) })
}

/// Chooses `files`, confirms the import step and waits until the build shows its progress.
async fn start_building(client: &fantoccini::Client, files: &[&Path]) {
    choose_files(client, "file-input", files).await;
    until_long(
        client,
        "the mapping",
        "return !!document.querySelector('[data-testid=use-files]') && !document.querySelector('[data-testid=read-progress]');",
    )
    .await;
    by_testid(client, "use-files").await.click().await.unwrap();
    until_long(client, "the build's progress", "return !!document.querySelector('[data-testid=build-progress] progress');").await;
}

/// Imports `files`, moves the first weight 30 steps and writes what it measured to
/// `test-artifacts/{artefact}`.
async fn import_and_step(files: &[&Path], artefact: &str) {
    let Some(Session { turn: _turn, server, driver, client }) = session(1366, 768, None).await else { return };
    client.goto(&server.base).await.unwrap();
    open_whole_page(&client).await;
    until(
        &client,
        "the app",
        "return !!document.querySelector('[data-testid=file-input]') && !!document.querySelector('[data-testid=school-row]');",
    )
    .await;
    js(
        &client,
        "window.longTasks = []; new PerformanceObserver(l => l.getEntries().forEach(e => window.longTasks.push([e.startTime, e.duration]))).observe({type: 'longtask'}); return true;",
    )
    .await;

    // Whether the page showed each phase's progress (it may come and go between two looks).
    js(
        &client,
        "window.shown = {read: false, build: false}; new MutationObserver(() => { if (document.querySelector('[data-testid=read-progress]')) window.shown.read = true; if (document.querySelector('[data-testid=build-progress]')) window.shown.build = true; }).observe(document.body, {subtree: true, childList: true, attributes: true}); return true;",
    )
    .await;
    if files.len() > 1 {
        // A build cancelled part way uses nothing: the demo stays.
        start_building(&client, files).await;
        // Clicked by script: the progress redraws the step while a driver's click looks for it.
        js(&client, "document.querySelector('[data-testid=cancel-files]').click(); return true;").await;
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let dataset = text_of(&client, "dataset").await;
        assert!(!dataset.replace(',', "").contains(&areas().to_string()), "a cancelled build is not used: {dataset}");
        assert!(js(&client, "return !document.querySelector('[data-testid=import-step]');").await == true, "the import step closed");
        // The build's progress on a phone and on a large screen (the measured run below is at
        // 1366×768); these builds run to the end.
        for (width, height) in [(390, 844), (1920, 1080)] {
            client.set_window_size(width, height).await.unwrap();
            start_building(&client, files).await;
            screenshot(&client, "e2e-scale", &format!("building-a-million-students-{width}")).await;
            until_long(&client, "the build's end", "return !document.querySelector('[data-testid=import-step]');").await;
        }
        client.set_window_size(1366, 768).await.unwrap();
    }
    let chosen = now(&client).await;
    choose_files(&client, "file-input", files).await;
    until_long(
        &client,
        "the mapping",
        "return !!document.querySelector('[data-testid=use-files]') && !document.querySelector('[data-testid=read-progress]');",
    )
    .await;
    let read = now(&client).await;
    by_testid(&client, "use-files").await.click().await.unwrap();
    if files.len() > 1 {
        // A state's students take long enough to build that the progress can be seen.
        until_long(&client, "the build's progress", "return !!document.querySelector('[data-testid=build-progress] progress');").await;
        screenshot(&client, "e2e-scale", "building-a-million-students-1366").await;
    }
    until_long(
        &client,
        "the areas in use",
        &format!("const d = document.querySelector('[data-testid=dataset]'); return !!d && d.textContent.replace(/,/g, '').includes('{} areas');", areas()),
    )
    .await;
    let built = now(&client).await;
    let shown = js(&client, "return window.shown;").await;
    assert_eq!(shown["read"], true, "the files' reading showed its progress");

    js(&client, "performance.clearMeasures(); return true;").await;
    // The start of every animation frame while the weight moves, to count the frames each
    // step took: an input that arrives just after a frame began waits most of a frame for the
    // next, whatever the app does, so a step's milliseconds alone cannot say "one frame".
    js(&client, "window.frameStarts = []; (function frame(t) { window.frameStarts.push(t); requestAnimationFrame(frame); })(performance.now()); return true;").await;
    // `SES_PROFILE=1`: the browser's sampling profile of the steps, for finding where they go
    // (read with any tool that opens a .cpuprofile; a build keeping the wasm's function names
    // shows them: BENCHMARKS.md).
    let session_id = client.session_id().await.unwrap().expect("a session id");
    let profiling = std::env::var_os("SES_PROFILE").is_some();
    if profiling {
        driver.cdp(&session_id, "Profiler.enable", serde_json::json!({}));
        driver.cdp(&session_id, "Profiler.setSamplingInterval", serde_json::json!({ "interval": 100 }));
        driver.cdp(&session_id, "Profiler.start", serde_json::json!({}));
    }
    let counted = driver.counters(&session_id);
    let dragging = now(&client).await;
    let slider = by_testid(&client, "weight-slider-0").await;
    for step in 1..=30 {
        slider.send_keys(&Key::Right.to_string()).await.unwrap();
        until_every(
            &client,
            &format!("step {step} to be painted"),
            &format!("return performance.getEntriesByName('ses:frame').length >= {step};"),
            Duration::from_millis(20),
        )
        .await;
    }
    let dragged = now(&client).await;
    let counted_after = driver.counters(&session_id);
    // With schools at state scale the steps above moved the areas and left the schools for
    // the pause after them (SchoolsFollow::OnPause); they catch up now.
    let behind_after_the_last_step = js(&client, "return !!document.querySelector('[aria-busy=true]');").await;
    let schools_catch_up = if files.len() > 1 {
        until_long(&client, "the schools to catch up", "return !document.querySelector('[aria-busy=true]');").await;
        let caught_up = now(&client).await;
        let summary = text_of(&client, "summary").await;
        let moving: u64 = summary.split(' ').next().unwrap().replace(',', "").parse().unwrap();
        assert!(moving > 0, "after the pause the schools are this step's, which moves some by 5 places or more: {summary}");
        serde_json::json!({
            "behind_after_the_last_step": behind_after_the_last_step,
            "last_step_to_caught_up_ms": (caught_up - dragged).round(),
            "engine_ms": stats(&measures(&client, "ses:schools-catch-up").await),
            "long_tasks": long_tasks_between(&client, dragged, caught_up).await,
            "summary_after": summary,
        })
    } else {
        assert_eq!(behind_after_the_last_step, false, "without schools nothing waits");
        serde_json::Value::Null
    };
    // The browser's own time per step: script (the app), style, layout.
    let browser_per_step: serde_json::Map<String, serde_json::Value> =
        ["TaskDuration", "ScriptDuration", "RecalcStyleDuration", "LayoutDuration"]
            .iter()
            .map(|&k| {
                (
                    k.to_string(),
                    serde_json::json!(
                        ((counted_after.get(k).unwrap_or(&0.0) - counted.get(k).unwrap_or(&0.0)) * 1000.0 / 30.0 * 100.0).round() / 100.0
                    ),
                )
            })
            .collect();
    if profiling {
        let profile = driver.cdp(&session_id, "Profiler.stop", serde_json::json!({}));
        let out = root().join("test-artifacts");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join(artefact.replace(".json", ".cpuprofile")), profile["profile"].to_string()).unwrap();
    }
    let frames = measures(&client, "ses:frame").await;
    assert_eq!(frames.len(), 30, "every step painted");
    // For each step: the animation frames that began after its input, up to and including
    // the one that painted it (1: painted in the first frame after the input).
    let frames_to_paint: Vec<u32> = serde_json::from_value(
        js(
            &client,
            "const starts = window.frameStarts; return performance.getEntriesByName('ses:frame-start', 'measure').map(m => starts.filter(t => t > m.startTime && t <= m.startTime + m.duration).length);",
        )
        .await,
    )
    .unwrap();
    // Where a step's time goes: the engine's evaluation in the reducer, input to the end of
    // Yew's render, input to the start of the next frame (the rest of a frame is the map, the
    // charts and the browser's paint).
    let mut parts = serde_json::Map::new();
    for (name, measure) in [
        ("recompute", "ses:recompute"),
        ("input_to_render_done", "ses:render"),
        ("input_to_next_frame_start", "ses:frame-start"),
        ("map", "ses:map"),
        ("charts", "ses:charts"),
    ] {
        parts.insert(name.into(), stats(&measures(&client, measure).await));
    }
    let report = serde_json::json!({
        "files": files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect::<Vec<_>>(),
        "read_ms": (read - chosen).round(),
        "build_ms": (built - read).round(),
        "long_tasks_while_reading": long_tasks_between(&client, chosen, read).await,
        "long_tasks_while_building": long_tasks_between(&client, read, built).await,
        "progress_shown": shown,
        "slider_step_frame_ms": stats(&frames),
        "slider_steps_in_order_ms": frames.iter().map(|f| (f * 10.0).round() / 10.0).collect::<Vec<_>>(),
        "slider_steps_painted_in_the_first_frame": frames_to_paint.iter().filter(|&&n| n <= 1).count(),
        // How often frames began while the weight moved: the display's pace the steps kept.
        "frame_interval_ms": stats(&serde_json::from_value::<Vec<f64>>(js(&client, "const s = window.frameStarts; return s.slice(1).map((t, i) => t - s[i]);").await).unwrap()),
        "slider_steps_frames_to_paint": frames_to_paint,
        "recompute_in_order_ms": measures(&client, "ses:recompute").await.iter().map(|f| (f * 10.0).round() / 10.0).collect::<Vec<_>>(),
        "of_which_ms": parts,
        "browser_ms_per_step": browser_per_step,
        "long_tasks_while_dragging": long_tasks_between(&client, dragging, dragged).await,
        "schools_catch_up": schools_catch_up,
    });
    // The same weight dragged by the mouse, where the browser hands the page each move at the
    // start of a frame.
    let dragging = now(&client).await;
    let mut drag = drag_timings(&client, "weight-slider-0", 30).await;
    assert!(drag["steps"].as_u64().unwrap() >= 5, "the drag moved the weight, step by painted step: {drag}");
    drag["long_tasks"] = long_tasks_between(&client, dragging, now(&client).await).await;
    let mut report = report;
    report["mouse_drag"] = drag;
    if files.len() > 1 {
        report["schools_waiting_while_held"] = schools_waiting_while_held(&client).await;
        report["presenter"] = presenter_at_scale(&client).await;
    }
    println!("{artefact}: {report}");
    let out = root().join("test-artifacts");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join(artefact), serde_json::to_string_pretty(&report).unwrap()).unwrap();
    client.close().await.unwrap();
}

/// A weight held moving (a step every 50 ms, as a held key repeats): the sections showing
/// schools say they catch up when the weight rests, and then do. Screenshots while it moves:
/// a laptop, a phone in Spanish (the longer words) scrolled to the money, and a large screen
/// in Spanish.
async fn schools_waiting_while_held(client: &fantoccini::Client) -> serde_json::Value {
    let mut seen = serde_json::Map::new();
    for (width, height, lang) in [(1366, 768, "en"), (390, 844, "es"), (1920, 1080, "es")] {
        client.set_window_size(width, height).await.unwrap();
        js(
            client,
            &format!("const l = document.querySelector('[data-testid=language]'); l.value = '{lang}'; l.dispatchEvent(new Event('change', {{bubbles: true}})); return true;"),
        )
        .await;
        if width < 500 {
            js(client, "document.getElementById('money-section').scrollIntoView(); return true;").await;
        }
        js(
            client,
            "const s = document.querySelector('[data-testid=weight-slider-0]'); let up = true; window.holding = setInterval(() => { s.value = Number(s.value) + (up ? 1 : -1) * Number(s.step || 1); up = !up; s.dispatchEvent(new Event('input', {bubbles: true})); }, 50); return true;",
        )
        .await;
        tokio::time::sleep(Duration::from_millis(700)).await;
        let note = js(
            client,
            "const n = document.querySelector('[data-testid=money-section-schools-behind]'); return [getComputedStyle(n).visibility, n.closest('[aria-busy=true]') !== null, n.textContent, getComputedStyle(document.querySelector('[data-testid=summary]')).opacity];",
        )
        .await;
        screenshot(client, "e2e-scale", &format!("schools-catching-up-{width}")).await;
        js(client, "clearInterval(window.holding); return true;").await;
        assert_eq!(note[0], "visible", "a held weight says the schools catch up when it rests: {note}");
        assert_eq!(note[1], true, "and marks the section busy: {note}");
        until_long(client, "the schools to catch up once the weight rests", "return !document.querySelector('[aria-busy=true]');").await;
        seen.insert(format!("{width}-{lang}"), note);
    }
    js(client, "const l = document.querySelector('[data-testid=language]'); l.value = 'en'; l.dispatchEvent(new Event('change', {bubbles: true})); return true;").await;
    client.set_window_size(1366, 768).await.unwrap();
    serde_json::Value::Object(seen)
}

/// Presenter mode on 100,000 schools: its first chart (there is no map) is funding against
/// need, which groups the schools into cells rather than drawing a mark (and a tab stop) for
/// each (it drew 199,992 marks with 99,996 tab stops, and took 5 s to show). Reports how long
/// it took to show and the marks drawn.
async fn presenter_at_scale(client: &fantoccini::Client) -> serde_json::Value {
    let opened = now(client).await;
    by_testid(client, "presenter-open").await.click().await.unwrap();
    until_long(client, "presenter mode's chart", "return !!document.querySelector('[data-testid=presenter] [data-testid=need-chart]');")
        .await;
    let shown = now(client).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    screenshot(client, "e2e-scale", "presenter-100k-schools-1366").await;
    let marks =
        js(client, "return document.querySelectorAll('[data-testid=need-chart] circle, [data-testid=need-chart] rect').length;").await;
    let tab_stops = js(client, "return document.querySelectorAll('[data-testid=need-chart] [tabindex]').length;").await;
    // Grouped: a mark per occupied cell of the 50 × 30 grid for each proposal, no tab stops,
    // and the chart says what a mark is.
    assert!(marks.as_u64().unwrap() <= 2 * 50 * 30, "{marks} marks");
    assert_eq!(tab_stops, 0);
    // A state's six-digit ranks and five-digit moves are whole in the table.
    let cut = presenter_cells_cut(client).await;
    assert!(cut.is_empty(), "every heading and number of the table whole: {cut:?}");
    let note = js(client, "return document.querySelector('[data-testid=need-chart-grouped]')?.textContent || '';").await;
    // The schools drawn: those with scored students (a handful of the 100,000 have none).
    assert!(note.as_str().unwrap().starts_with("99,99") && note.as_str().unwrap().contains("schools, so each mark is a group"), "{note}");
    serde_json::json!({
        "shown_ms": (shown - opened).round(),
        "marks": marks,
        "tab_stops": tab_stops,
        "long_tasks": long_tasks_between(client, opened, shown + 300.0).await,
    })
}

#[tokio::test]
async fn a_quarter_million_areas_import_and_take_a_weight_step_by_step() {
    let dir = scratch("scale");
    let areas = dir.join("areas-250k.csv");
    std::fs::write(&areas, generated_areas()).unwrap();
    import_and_step(&[&areas], "perf-scale.json").await;
}

#[tokio::test]
async fn a_state_with_a_million_students_imports_and_takes_a_weight_step_by_step() {
    let dir = scratch("scale-students");
    let (areas, schools, students) = (dir.join("areas-250k.csv"), dir.join("schools-100k.csv"), dir.join("students-1m.csv"));
    std::fs::write(&areas, generated_areas()).unwrap();
    std::fs::write(&schools, generated_schools()).unwrap();
    std::fs::write(&students, generated_students()).unwrap();
    import_and_step(&[&areas, &schools, &students], "perf-scale-students.json").await;
}
