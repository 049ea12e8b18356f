//! Performance marks and measures (`performance.mark` / `measure`) so anyone can read the
//! app's timings in the browser's developer tools, and the end-to-end tests can report them.
//!
//! Names: `ses:input` (a control changed), `ses:recompute` (engine time for the change),
//! `ses:render` (input to the app's DOM update), `ses:charts` (drawing the three charts),
//! `ses:map` (refilling the map's areas), `ses:boundaries-read` (parsing a GeoJSON file),
//! `ses:boundaries-match` (matching and projecting it),
//! `ses:frame` (input to the next animation frame: everything the person waits for).

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
    if let Some(p) = performance() {
        if p.get_entries_by_name_with_entry_type(start, "mark").length() > 0 {
            let _ = p.measure_with_start_mark(name, start);
        }
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
