//! Performance marks and measures (`performance.mark` / `measure`) so anyone can read the
//! app's timings in the browser's developer tools, and the end-to-end tests can report them.
//!
//! Names: `ses:input` (a control changed), `ses:recompute` (engine time for the change),
//! `ses:render` (input to the app's DOM update), `ses:charts` (drawing the three charts),
//! `ses:map` (refilling the map's areas), `ses:schools-catch-up` (the engine bringing the
//! schools up to a step once the steps pause, at state scale), `ses:boundaries-read` (parsing a GeoJSON file),
//! `ses:boundaries-match` (matching and projecting it),
//! `ses:frame-start` (input to the start of the next animation frame, before the browser's
//! style, layout and paint), `ses:frame` (input to after that frame's paint: everything the
//! person waits for).
//! Renders of each view are counted in `window.sesRenders` ([`rendered`]).

fn performance() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}

/// Sets a mark.
pub fn mark(name: &str) {
    if let Some(p) = performance() {
        let _ = p.mark(name);
    }
}

/// Measures from `start` (a mark) to now. Does nothing if the mark is absent.
pub fn measure(name: &str, start: &str) {
    if let Some(p) = performance()
        && p.get_entries_by_name_with_entry_type(start, "mark").length() > 0
    {
        let _ = p.measure_with_start_mark(name, start);
    }
}

/// Whether a mark is set.
pub fn has_mark(name: &str) -> bool {
    performance().is_some_and(|p| p.get_entries_by_name_with_entry_type(name, "mark").length() > 0)
}

/// Removes a mark.
pub fn clear_mark(name: &str) {
    if let Some(p) = performance() {
        p.clear_marks_with_mark_name(name);
    }
}

/// Runs `work` between two marks and records it as measure `name`.
pub fn timed<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let start = format!("{name}-start");
    mark(&start);
    let out = work();
    measure(name, &start);
    clear_mark(&start);
    out
}

/// Call when a control changes, before dispatching: starts the input-to-frame measurement.
pub fn input_started() {
    clear_mark("ses:input");
    mark("ses:input");
}

/// Counts a render of `view` in `window.sesRenders`, so anyone (and the end-to-end tests)
/// can see which views redraw on a change: after a slider step, only those showing results.
pub fn rendered(view: &str) {
    use wasm_bindgen::JsValue;
    let Some(window) = web_sys::window() else { return };
    let key = JsValue::from_str("sesRenders");
    let counts = match js_sys::Reflect::get(&window, &key) {
        Ok(counts) if counts.is_object() => counts,
        _ => {
            let counts: JsValue = js_sys::Object::new().into();
            let _ = js_sys::Reflect::set(&window, &key, &counts);
            counts
        }
    };
    let name = JsValue::from_str(view);
    let n = js_sys::Reflect::get(&counts, &name).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    let _ = js_sys::Reflect::set(&counts, &name, &JsValue::from_f64(n + 1.0));
}
