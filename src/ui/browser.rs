//! Thin wrappers over browser APIs the panels need: downloads (made in the page, never sent
//! anywhere), reading local files with progress, local storage, the URL fragment and today's
//! date. Every failure becomes a message, never a panic.

// The page's first module uses a few of these; the whole page uses them all.
#![cfg_attr(not(feature = "whole-page"), allow(dead_code))]

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Blob, BlobPropertyBag, File, FileReader, HtmlAnchorElement, ProgressEvent, Storage, Url};

use crate::app::file_refusal::FileRefusal;
use crate::app::i18n::Lang;
use crate::app::network::LoadFault;

/// The browser refused to make a download (out of memory, or a locked-down page); the
/// caller says so in the person's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DownloadFailed;

/// Offers `bytes` as a file download named `name`.
pub fn download(name: &str, mime: &str, bytes: &[u8]) -> Result<(), DownloadFailed> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(|_| DownloadFailed)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|_| DownloadFailed)?;
    let result = click_link(name, &url);
    let _ = Url::revoke_object_url(&url);
    result
}

/// Offers a `data:` URL (for example a canvas's PNG) as a download.
pub fn download_url(name: &str, url: &str) -> Result<(), DownloadFailed> {
    click_link(name, url)
}

fn click_link(name: &str, url: &str) -> Result<(), DownloadFailed> {
    let document = gloo::utils::document();
    let a: HtmlAnchorElement = document.create_element("a").map_err(|_| DownloadFailed)?.unchecked_into();
    a.set_href(url);
    a.set_download(name);
    a.set_hidden(true);
    let body = document.body().ok_or(DownloadFailed)?;
    body.append_child(&a).map_err(|_| DownloadFailed)?;
    a.click();
    a.remove();
    Ok(())
}

/// Today as YYYY-MM-DD in the person's time zone (for file names).
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}

/// Now as an ISO 8601 time.
pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default()
}

/// A file-name-safe version of a formula name.
pub fn slug(name: &str) -> String {
    let s: String = name.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    let s = s.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-");
    if s.is_empty() { "ses-explorer".into() } else { s.chars().take(60).collect() }
}

/// The page's local storage, if the browser allows it.
pub fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// All local storage entries whose key starts with `prefix`.
pub fn storage_entries(prefix: &str) -> Vec<(String, String)> {
    let Some(s) = storage() else { return Vec::new() };
    let n = s.length().unwrap_or(0);
    let mut out: Vec<(String, String)> = (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .filter_map(|k| s.get_item(&k).ok().flatten().map(|v| (k, v)))
        .collect();
    out.sort();
    out
}

/// The URL fragment (`#…`), or empty.
pub fn fragment() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Puts `fragment` in the address bar without reloading or adding a history entry, and
/// returns the whole link.
pub fn set_fragment(fragment: &str) -> String {
    let Some(window) = web_sys::window() else { return String::new() };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(fragment));
    }
    window.location().href().unwrap_or_default()
}

/// Reads a local file in the browser (nothing is uploaded), reporting progress as bytes read
/// of the total, then the bytes or why they could not be read.
pub fn read_file(file: File, on_progress: impl Fn(f64, f64) + 'static, on_done: impl FnOnce(Result<Vec<u8>, FileRefusal>) + 'static) {
    let reader = match FileReader::new() {
        Ok(r) => r,
        Err(_) => return on_done(Err(FileRefusal::BrowserCannotRead)),
    };
    let name = file.name();
    let progress = Closure::<dyn Fn(ProgressEvent)>::new(move |e: ProgressEvent| on_progress(e.loaded(), e.total()));
    reader.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    let done_reader = reader.clone();
    let mut on_done = Some(on_done);
    let loaded = Closure::<dyn FnMut()>::new(move || {
        let Some(on_done) = on_done.take() else { return };
        let result = match done_reader.result() {
            Ok(buffer) if done_reader.error().is_none() => Ok(js_sys::Uint8Array::new(&buffer).to_vec()),
            _ => Err(FileRefusal::Unreadable { name: name.clone() }),
        };
        on_done(result);
    });
    reader.set_onloadend(Some(loaded.as_ref().unchecked_ref()));
    // The closures live as long as the reader needs them: one read per file.
    progress.forget();
    loaded.forget();
    if reader.read_as_array_buffer(&file).is_err() {
        web_sys::console::warn_1(&FileRefusal::Unreadable { name: file.name() }.words(Lang::En).into());
    }
}

/// Why a request to the app's server failed without an answer: offline, as far as the browser
/// knows, or else unreachable.
pub fn no_answer() -> LoadFault {
    LoadFault::of_network_error(gloo::utils::window().navigator().on_line())
}

/// A function the page's scripts set on `window` (`assets/offline.js`, the page's modules).
pub fn window_function(name: &str) -> Option<js_sys::Function> {
    js_sys::Reflect::get(&gloo::utils::window(), &wasm_bindgen::JsValue::from_str(name)).ok()?.dyn_into().ok()
}

/// The bytes of a file served with the app, asked of the page's own origin (`url` relative to
/// the page). Only the app's own files are ever asked for this way.
///
/// # Errors
/// No answer (offline, or the server down) or an error status, as a [`LoadFault`].
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, LoadFault> {
    use wasm_bindgen_futures::JsFuture;
    let window = gloo::utils::window();
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| no_answer())?.dyn_into().map_err(|_| no_answer())?;
    if !response.ok() {
        return Err(LoadFault::NotServed { status: response.status() });
    }
    // A body cut off on its way fails here.
    let buffer = JsFuture::from(response.array_buffer().map_err(|_| no_answer())?).await.map_err(|_| no_answer())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Where the chosen language is remembered (a choice, never data).
const LANGUAGE_KEY: &str = "ses-explorer:language";

/// The language to open in: the one chosen before in this browser, else the first of the
/// browser's preferred languages the app speaks.
pub fn initial_language() -> Lang {
    if let Some(chosen) = storage().and_then(|s| s.get_item(LANGUAGE_KEY).ok().flatten()).and_then(|c| Lang::from_code(&c)) {
        return chosen;
    }
    let languages = web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|list| list.iter().filter_map(|v| v.as_string()).collect::<Vec<_>>())
        .unwrap_or_default();
    Lang::preferred(languages.iter().map(String::as_str))
}

/// Remembers the language chosen and tells the page (and so screen readers) what it is.
pub fn apply_language(lang: Lang, remember: bool) {
    if remember && let Some(s) = storage() {
        let _ = s.set_item(LANGUAGE_KEY, lang.code());
    }
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = root.set_attribute("lang", lang.code());
    }
}
