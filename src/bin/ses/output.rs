//! What the subcommands write: the output file or standard output, the lines on stderr about
//! how the data was read, and (with `SES_TIMINGS` set) how long each phase took.

use std::io::Write;
use std::path::Path;

use ses_explorer::engine::dataset::Dataset;
use ses_explorer::engine::model::Prepared;
use ses_explorer::engine::table::Table;

use crate::input::Failure;

/// Writes `text` to `out`, or to standard output without one.
pub fn write_output(out: Option<&Path>, text: &str) -> Result<(), Failure> {
    write_with(out, |w| w.write_all(text.as_bytes()))
}

/// Runs `write` on a buffered `out`, or on standard output without one, and flushes it.
pub fn write_with(out: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), Failure> {
    let finish = |w: &mut dyn Write| {
        write(w)?;
        w.flush()
    };
    match out {
        Some(path) => std::fs::File::create(path)
            .and_then(|f| finish(&mut std::io::BufWriter::with_capacity(1 << 20, f)))
            .map_err(|source| Failure::CannotWrite { path: path.to_owned(), source }),
        None => finish(&mut std::io::BufWriter::new(std::io::stdout().lock())).map_err(Failure::CannotWriteOut),
    }
}

/// Pretty JSON and a final line break, as `explain` and `compare` write their documents.
pub fn pretty_json(document: &impl serde::Serialize) -> Result<String, Failure> {
    Ok(serde_json::to_string_pretty(document).map_err(Failure::Json)? + "\n")
}

/// With `SES_TIMINGS` set, prints how long each phase took (for BENCHMARKS.md).
pub fn phase(name: &str) {
    use std::sync::Mutex;
    use std::time::Instant;
    static LAST: Mutex<Option<Instant>> = Mutex::new(None);
    if std::env::var_os("SES_TIMINGS").is_none() {
        return;
    }
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    let now = Instant::now();
    if let Some(then) = *last {
        eprintln!("timing: {name} {:.1} ms", (now - then).as_secs_f64() * 1000.0);
    }
    *last = Some(now);
}

/// One line on stderr: rows read, scored, left out, and how the file was read.
fn summary(table: &Table, prepared: &Prepared) -> String {
    let how = table.source();
    let how = if how.is_plain() { String::new() } else { format!(" ({})", how.describe()) };
    format!(
        "{}: {} rows read, {} scored, {} left out{how}",
        table.file(),
        table.len(),
        prepared.scored_count(),
        prepared.exclusions().len()
    )
}

/// Lists on stderr the rows left out, the notes on how values were read, and the summary line.
pub fn report(data: &Dataset, prepared: &Prepared) {
    for exclusion in prepared.exclusions() {
        eprintln!("left out: {exclusion}");
    }
    for note in prepared.notes() {
        eprintln!("note: {note}");
    }
    eprintln!("{}", summary(data.areas.table(), prepared));
}
