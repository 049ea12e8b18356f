//! Every sentence of the app's views comes from the catalogue (`src/app/i18n/`): a string
//! literal in the UI code that a person would read is a string the Spanish page cannot
//! translate. This test reads the UI's source and fails on such a literal.

#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

/// Literals that are not words to translate: the product's name and the keys a keyboard
/// sends.
const NOT_PROSE: [&str; 12] =
    ["SES Explorer", "Escape", "Enter", "ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End", "Tab"];

/// What precedes a literal that is code, not text: attribute values, CSS selectors and
/// lengths, media queries, and the views' names in their render counts.
const CODE_CONTEXTS: [&str; 18] = [
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

fn bypasses(path: &Path) -> Vec<String> {
    let source = std::fs::read_to_string(path).unwrap();
    literals(&source)
        .into_iter()
        .filter(|(text, before)| {
            is_prose(text) && !NOT_PROSE.contains(&text.as_str()) && !CODE_CONTEXTS.iter().any(|c| before.trim_end().ends_with(c))
        })
        .map(|(text, _)| text)
        .collect()
}

#[test]
fn no_sentence_in_the_ui_code_bypasses_the_catalogue() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut found = Vec::new();
    let mut folders = vec![root.clone()];
    let mut scanned = 0;
    // Every .rs file below src/ui, its folders included.
    while let Some(dir) = folders.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let name = path.strip_prefix(&root).unwrap().display().to_string();
                found.extend(bypasses(&path).into_iter().map(|w| format!("{name}: {w:?}")));
                scanned += 1;
            }
        }
    }
    assert!(scanned > 20, "the files of src/ui were read ({scanned})");
    assert!(found.is_empty(), "text outside the catalogue (src/app/i18n/catalogue.rs):\n{}", found.join("\n"));
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
