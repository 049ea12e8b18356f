//! The page's side of working offline (`assets/offline.js` starts the service worker): telling
//! it when the first screen is up, so the rest is fetched only then, and saying, in the page's
//! language, when a new build is ready, letting the person choose when to reload onto it (with
//! the formula on screen).

use gloo::events::EventListener;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use super::browser::{set_fragment, window_function};
use super::state::{use_lang, use_store};
use crate::app::i18n::catalogue as m;

/// Set by `assets/offline.js` once a new build waits (for a page started after it said so).
const READY_FLAG: &str = "sesNewVersionReady";
/// Dispatched on `window` by `assets/offline.js` when a new build is ready.
const READY_EVENT: &str = "ses-new-version";

fn call_on_window(name: &str) {
    if let Some(f) = window_function(name) {
        let _ = f.call0(&JsValue::UNDEFINED);
    }
}

/// Tells `assets/offline.js` that the first screen is up: the service worker is started (and
/// the rest of the page fetched) once the browser is idle.
pub fn first_screen_shown() {
    call_on_window("sesFirstScreenShown");
}

/// "A new version is ready": shown once a new build has been fetched, never swapping code
/// under a person; the button reloads onto it.
#[component]
pub fn NewVersionBanner() -> Html {
    let lang = use_lang();
    let store = use_store();
    let ready =
        use_state_eq(|| js_sys::Reflect::get(&gloo::utils::window(), &JsValue::from_str(READY_FLAG)).ok().is_some_and(|v| v.is_truthy()));
    {
        let ready = ready.setter();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), READY_EVENT, move |_| ready.set(true));
            move || drop(listener)
        });
    }
    if !*ready {
        return html! {};
    }
    // The formula on screen goes with the reload, as a share link in the address (data the
    // person imported is in memory only: the link then waits for it, as any share link does).
    let onclick = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(app) = store.latest_whole_app() {
                set_fragment(&app.to_scenario().to_fragment());
            }
            call_on_window("sesUseNewVersion");
        })
    };
    html! {
        <div class="notice new-version" role="status" data-testid="new-version">
            <p>{ lang.t(m::NEW_VERSION_READY) }</p>
            <div class="buttons">
                <button type="button" data-testid="new-version-reload" {onclick}>{ lang.t(m::NEW_VERSION_RELOAD) }</button>
            </div>
        </div>
    }
}
