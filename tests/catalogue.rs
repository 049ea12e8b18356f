//! Every sentence of the app's views comes from the catalogue (`src/app/i18n/`): a string
//! literal in the app's code that a person would read is a string the Spanish page cannot
//! translate, and an engine value made text by its `Display` (the command line's English) or a
//! message worded once and kept is a string a language switch cannot reword. These tests read
//! the source of the app's logic and views (`src/app`, `src/ui`) and fail on either.

#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

/// Literals that are not words to translate: the product's name and the keys a keyboard
/// sends.
const NOT_PROSE: [&str; 12] =
    ["SES Explorer", "Escape", "Enter", "ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End", "Tab"];

/// What precedes a literal that is code, not text: attribute values, CSS selectors and
/// lengths, media queries, the views' names in their render counts, and serde's attributes.
const CODE_CONTEXTS: [&str; 19] = [
    "class=",
    "classes!(",
    "data-testid=",
    "id=",
    "type=",
    "role=",
    "accept=",
    "key=",
    "for=",
    "query_selector(",
    "query_selector(&format!(",
    "expect(",
    "storage_key(",
    "lang=",
    "preserveAspectRatio=",
    "perf::rendered(",
    "set_root_margin(",
    "use_media(",
    "skip_serializing_if =",
];

/// Each string literal of Rust source with the text just before it (comments skipped).
fn literals(source: &str) -> Vec<(String, String)> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let before = |end: usize| chars[end.saturating_sub(40)..end].iter().collect::<String>();
    while i < chars.len() {
        match chars[i] {
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '\'' => {
                // A char literal ('x', '\n', '"') or a lifetime ('a).
                if chars.get(i + 1) == Some(&'\\') {
                    i += 2;
                    while i < chars.len() && chars[i] != '\'' {
                        i += 1;
                    }
                    i += 1;
                } else if chars.get(i + 2) == Some(&'\'') {
                    i += 3;
                } else {
                    i += 1;
                }
            }
            'r' if (chars.get(i + 1) == Some(&'"') || chars.get(i + 1) == Some(&'#')) && !chars[i.saturating_sub(1)].is_alphanumeric() => {
                let start = i;
                let mut hashes = 0;
                i += 1;
                while chars.get(i) == Some(&'#') {
                    hashes += 1;
                    i += 1;
                }
                if chars.get(i) != Some(&'"') {
                    continue;
                }
                i += 1;
                let content_start = i;
                let closing: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
                while i < chars.len() && !chars[i..].iter().take(closing.len()).copied().eq(closing.chars()) {
                    i += 1;
                }
                out.push((chars[content_start..i].iter().collect(), before(start)));
                i += closing.len();
            }
            '"' => {
                let start = i;
                i += 1;
                let mut text = String::new();
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        i += 1;
                    }
                    if let Some(c) = chars.get(i) {
                        text.push(*c);
                    }
                    i += 1;
                }
                out.push((text, before(start)));
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// Whether a literal reads as words for a person: after taking out `{placeholders}`, a
/// capitalised word or two words with a space between them.
fn is_prose(literal: &str) -> bool {
    let mut text = String::new();
    let mut depth = 0;
    for c in literal.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ if depth == 0 => text.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> =
        text.split(|c: char| !c.is_alphabetic() && c != '\'').filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2).collect();
    let capitalised = words.iter().any(|w| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase) && cs.next().is_some_and(char::is_lowercase)
    });
    !words.is_empty() && (capitalised || (words.len() >= 2 && text.contains(' ')))
}

/// The source a person's screen can come from: the file without its tests.
fn shipped_source(path: &Path) -> String {
    let source = std::fs::read_to_string(path).unwrap();
    // The tests' module comes last, under its `#[cfg(...)]`.
    match source.find("\nmod tests {") {
        Some(at) => {
            let start = source[..at].rfind("#[cfg(").filter(|attribute| at - attribute < 80).unwrap_or(at);
            source[..start].to_owned()
        }
        None => source,
    }
}

/// Literals of `src/app` that are not shown as they are (or are names, not sentences), each
/// with why: (file, a text the literal holds).
const NOT_SHOWN: [(&str, &str); 27] = [
    // Names the bundled formulas are written with in formula files and share links; the page
    // words them through `presets::formula_title`.
    ("presets.rs", "Chicago 6-factor tract score"),
    ("presets.rs", "Income only"),
    ("share_link.rs", "Income only"),
    ("presets.rs", "Equal weights on "),
    // Chicago's column names, as its file has them.
    ("presets.rs", "Estimated Median Family Income"),
    ("presets.rs", "Number of School Age Children"),
    // The demo's domains as formula files name them; the page words them (`group_label`).
    ("presets.rs", "Economic"),
    ("presets.rs", "Education and language"),
    ("presets.rs", "Family and home"),
    // The demo's label as files and the command line name it; the page words it (`label_in`).
    ("state.rs", "Synthetic demo district"),
    // How engine messages name the share link and saved scenarios; the page words them
    // (`Lang::error`).
    ("scenario.rs", "the share link"),
    ("scenario.rs", "saved scenario"),
    // The formula file's own field names, shown as the file writes them on the formula card.
    ("card.rs", "(min_share {})"),
    // The drawing library's reasons: a person is told the picture was not made, not why.
    ("map_svg.rs", "SVG writing failed"),
    ("charts.rs", "chart drawing failed"),
    ("map/draw.rs", "map drawing failed"),
    // The font stack the ranking's column widths are measured in.
    ("ranking.rs", "Segoe UI"),
    // Words a column's header is recognised by (compared with headers, never shown).
    ("import/mod.rs", "other than english"),
    ("import/mod.rs", "other language"),
    ("import/mod.rs", "less than high"),
    ("import/mod.rs", "no vehicle"),
    ("import/mod.rs", "low income"),
    ("import/mod.rs", "socioeconomic score"),
    ("import/mod.rs", "school age"),
    ("import/mod.rs", "school id"),
    ("import/mod.rs", "per pupil"),
    ("import/mod.rs", "student id"),
];

fn bypasses(path: &Path) -> Vec<String> {
    let source = shipped_source(path);
    let name = path.display().to_string();
    literals(&source)
        .into_iter()
        .filter(|(text, before)| {
            is_prose(text)
                && !is_markup(text)
                && !NOT_PROSE.contains(&text.as_str())
                && !NOT_SHOWN.iter().any(|(f, allowed)| name.ends_with(f) && text.contains(allowed))
                && !CODE_CONTEXTS.iter().any(|c| before.trim_end().ends_with(c))
        })
        .map(|(text, _)| text)
        .collect()
}

/// Markup the app writes (SVG, the formula card's HTML): its words come from the catalogue
/// through placeholders.
fn is_markup(literal: &str) -> bool {
    literal.trim_start().starts_with('<') || literal.contains("=\"")
}

/// Every .rs file below `src/app` and `src/ui` (their folders included) but the catalogue's
/// own folder and the modules' tests (`tests.rs`), with its path from `src`.
fn app_sources() -> Vec<(String, std::path::PathBuf)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut folders = vec![src.join("app"), src.join("ui")];
    let mut files = Vec::new();
    while let Some(dir) = folders.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() && !path.ends_with("i18n") {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("tests.rs") {
                files.push((path.strip_prefix(&src).unwrap().display().to_string(), path));
            }
        }
    }
    files
}

#[test]
fn no_sentence_in_the_apps_code_bypasses_the_catalogue() {
    let files = app_sources();
    assert!(files.len() > 50, "the files of src/app and src/ui were read ({})", files.len());
    let found: Vec<String> =
        files.iter().flat_map(|(name, path)| bypasses(path).into_iter().map(move |w| format!("{name}: {w:?}"))).collect();
    assert!(found.is_empty(), "text outside the catalogue (src/app/i18n/catalogue.rs):\n{}", found.join("\n"));
}

/// Ways a message becomes text before it is drawn: an engine value's `Display` (English, for
/// the command line), or a message worded once and kept (a language switch would not reword
/// it). The page keeps such values typed and words them with `Lang` where they are drawn.
const WORDED_TOO_EARLY: [&str; 8] = [
    // An error's (or a left-out row's, a note's) English.
    "e.to_string()",
    "error.to_string()",
    "problem.to_string()",
    "x.to_string()",
    "note.to_string()",
    "reason.to_string()",
    // A worded error kept in a `Result` or a state.
    "map_err(|e| lang.",
    "map_err(|e| e.to_string())",
];

/// Whether `line` has `pattern` where it starts a name of its own (`e.to_string()`, not
/// `done.to_string()` or `r.value.to_string()`).
fn has_at_name_start(line: &str, pattern: &str) -> bool {
    line.match_indices(pattern).any(|(at, _)| !line[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.'))
}

fn worded_too_early(path: &Path) -> Vec<String> {
    let source = shipped_source(path);
    source
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .filter_map(|line| WORDED_TOO_EARLY.iter().find(|p| has_at_name_start(line, p)).map(|p| format!("{p} in {}", line.trim())))
        .collect()
}

#[test]
fn no_message_is_worded_before_it_is_drawn() {
    let found: Vec<String> =
        app_sources().iter().flat_map(|(name, path)| worded_too_early(path).into_iter().map(move |w| format!("{name}: {w}"))).collect();
    assert!(
        found.is_empty(),
        "keep these typed and word them where they are drawn (lang.error, lang.exclusion, ...):\n{}",
        found.join("\n")
    );
}

#[test]
fn a_message_worded_too_early_is_found() {
    // The data panel as it was: a left-out row shown with the engine's English.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui/data");
    let source = std::fs::read_to_string(dir.join("mod.rs")).unwrap().replacen("{ lang.exclusion(x) }", "{ x.to_string() }", 1);
    let copy = std::env::temp_dir().join(format!("ses-worded-{}.rs", std::process::id()));
    std::fs::write(&copy, source).unwrap();
    let found = worded_too_early(&copy);
    let _ = std::fs::remove_file(&copy);
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn the_scanner_finds_sentences_and_passes_code() {
    let source = r##"
        // A comment with Words In It is not text.
        let a = html! { <p class="hint wide">{ "Choose files" }</p> };
        let b = format!("{n} rows are not scored");
        let c = 'x'; let d = '"'; fn f<'a>(x: &'a str) {}
        let e = "weighted_percentile";
        let g = format!("{stem}-{what}-{date}.csv");
        let h = r#"Raw "quoted" Sentence"#;
        let i = w.query_selector(&format!("tr[data-row-key=\"{key}\"] button"));
    "##;
    let found: Vec<String> = literals(source)
        .into_iter()
        .filter(|(t, before)| is_prose(t) && !CODE_CONTEXTS.iter().any(|c| before.trim_end().ends_with(c)))
        .map(|(t, _)| t)
        .collect();
    assert_eq!(found, ["Choose files", "{n} rows are not scored", "Raw \"quoted\" Sentence"]);
}

#[test]
fn a_sentence_written_into_a_view_is_found() {
    // The scanner on a copy of a real view with one catalogue call undone.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let source = std::fs::read_to_string(dir.join("formula_panel.rs")).unwrap().replacen("{ lang.t(m::INCLUDE) }", "{ \"Include\" }", 1);
    let copy = std::env::temp_dir().join(format!("ses-catalogue-{}.rs", std::process::id()));
    std::fs::write(&copy, source).unwrap();
    let found = bypasses(&copy);
    let _ = std::fs::remove_file(&copy);
    assert_eq!(found, ["Include"]);
}
