//! The page in two modules, so that what a person needs first arrives first.
//!
//! The first module (built without the `whole-page` feature) carries the weights, the ranking
//! and the money: under half the download. Every other section is a placeholder in it. Going
//! to one (by the bar of sections, by its button, or by scrolling near it) or opening presenter
//! mode loads the whole page: a second module with every panel (`src/bin/ses_explorer_whole.rs`,
//! fetched by `assets/load-whole-page.js`). The whole page asks the first for the screen it
//! shows ([`Handover`]), renders the same screen, and retires the first in the same task, so
//! nothing flickers; then it puts the scroll and the keyboard focus back where they were and
//! goes where the person was going.
//!
//! The modules talk through functions the first sets on `window`: `sesHandover()` (the
//! screen, as JSON), `sesRetire()` (remove the first module's page), `sesHeld()` (whether a
//! pointer is pressed on the page: a weight being dragged is not taken from under the person;
//! the whole page waits for its release) and `sesWholePageFailed(why)` (the whole page could
//! not load: say so, and let the person try again; the first module keeps working).

use wasm_bindgen::JsValue;
use web_sys::Element;

/// The module a page is rendered by: the `data-module` of its host element.
#[cfg(feature = "whole-page")]
pub const MODULE: &str = "whole";
#[cfg(not(feature = "whole-page"))]
pub const MODULE: &str = "first";

const HANDOVER: &str = "sesHandover";
const RETIRE: &str = "sesRetire";
const HELD: &str = "sesHeld";
#[cfg(not(feature = "whole-page"))]
const FAILED: &str = "sesWholePageFailed";

/// The element a module renders its page into, added to the body.
pub fn host() -> Element {
    let document = gloo::utils::document();
    let body = gloo::utils::body();
    match document.create_element("div") {
        Ok(host) => {
            let _ = host.set_attribute("data-module", MODULE);
            let _ = body.append_child(&host);
            host
        }
        // Not expected in a browser; the page then renders straight into the body.
        Err(_) => body.into(),
    }
}

#[cfg(feature = "whole-page")]
fn on_window(name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(&gloo::utils::window(), &JsValue::from_str(name)).ok().filter(|v| !v.is_undefined())
}

#[cfg(not(feature = "whole-page"))]
fn set_on_window(name: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(&gloo::utils::window(), &JsValue::from_str(name), value);
}

#[cfg(not(feature = "whole-page"))]
fn remove_from_window(name: &str) {
    let _ = js_sys::Reflect::delete_property(&gloo::utils::window().into(), &JsValue::from_str(name));
}

#[cfg(not(feature = "whole-page"))]
pub use first::*;
#[cfg(feature = "whole-page")]
pub use whole::*;

/// The first module's side: the placeholders and the loading.
#[cfg(not(feature = "whole-page"))]
mod first {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;

    use gloo::events::EventListener;
    use gloo::timers::callback::Timeout;
    use wasm_bindgen::closure::Closure;
    use web_sys::Element;
    use yew::prelude::*;

    use super::super::App;
    use super::super::browser::{no_answer, window_function};
    use super::super::offscreen::NearScreen;
    use super::super::sections::{PageSection, Section};
    use super::super::state::{Snapshot, Store, use_lang};
    use super::{FAILED, HANDOVER, HELD, RETIRE, remove_from_window, set_on_window};
    use crate::app::handover::{Destination, Handover};
    use crate::app::i18n::catalogue as m;
    use crate::app::network::{LoadFault, Part};
    use wasm_bindgen::JsCast;

    /// The loader script: fetches the whole page's glue and WebAssembly, which then takes over.
    const LOADER_URL: &str = "./load-whole-page.js";

    /// How long the whole page may take to arrive (1.1 MB; 6 s on a slow 3G connection)
    /// before the person is told it has not.
    const LOAD_WITHIN_SECONDS: u32 = 90;

    /// Where the whole page's loading is.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Progress {
        NotAsked,
        Loading,
        /// The last try failed; the placeholders (and presenter mode's button, when it was
        /// asked for) say why. Going to a section tries again, and so does coming back online.
        Failed(LoadFault),
    }

    /// The whole page's loader, given to the first module's views by context.
    #[derive(Clone, PartialEq)]
    pub struct Loader {
        pub progress: Progress,
        /// Presenter mode was asked for when the last try failed (its button says so).
        pub failed_for_presenter: bool,
        request: Callback<Destination>,
    }

    impl Loader {
        /// Loads the whole page (once), which then goes to `destination`.
        pub fn request(&self, destination: Destination) {
            self.request.emit(destination);
        }
    }

    /// The loader for the app's views; sets the functions the whole page calls.
    #[hook]
    pub fn use_loader(store: &Store) -> Loader {
        let progress = use_state_eq(|| Progress::NotAsked);
        let destination = use_mut_ref(|| Destination::Stay);
        let failed_for_presenter = use_state_eq(|| false);
        let asked = use_memo((), |_| Cell::new(false));
        // Which try this is: a time limit set for an earlier try does not end a later one.
        let tries = use_memo((), |_| Cell::new(0u32));
        let request = {
            let (setter, asked, destination, tries) = (progress.setter(), asked.clone(), destination.clone(), tries.clone());
            let for_presenter = failed_for_presenter.setter();
            use_callback((), move |next: Destination, _| {
                if destination.borrow().yields_to(&next) {
                    *destination.borrow_mut() = next;
                }
                if !asked.replace(true) {
                    for_presenter.set(false);
                    setter.set(Progress::Loading);
                    add_loader_script();
                    // A connection that stalls (a guest wifi's portal) never fails by itself.
                    let this_try = tries.get() + 1;
                    tries.set(this_try);
                    let (asked, tries) = (asked.clone(), tries.clone());
                    Timeout::new(LOAD_WITHIN_SECONDS * 1000, move || {
                        if asked.get() && tries.get() == this_try {
                            tell_failed(LoadFault::TooSlow { seconds: LOAD_WITHIN_SECONDS });
                        }
                    })
                    .forget();
                }
            })
        };
        {
            let (store, destination, asked, progress, request) =
                (store.clone(), destination.clone(), asked.clone(), progress.setter(), request.clone());
            let for_presenter = failed_for_presenter.setter();
            use_effect_with((), move |_| {
                let handover = {
                    let (store, destination) = (store.clone(), Rc::clone(&destination));
                    Closure::<dyn Fn() -> String>::new(move || handover_json(&store.latest(), destination.borrow().clone()))
                };
                let last_fault = Rc::new(Cell::new(None::<LoadFault>));
                let failed = {
                    let last_fault = Rc::clone(&last_fault);
                    Closure::<dyn Fn(String)>::new(move |code: String| {
                        let fault = LoadFault::from_code(&code);
                        // The next try goes where the person goes then.
                        let was_presenter = *destination.borrow() == Destination::Presenter;
                        *destination.borrow_mut() = Destination::Stay;
                        asked.set(false);
                        last_fault.set(Some(fault));
                        for_presenter.set(was_presenter);
                        progress.set(Progress::Failed(fault));
                    })
                };
                // Back online after a failure for want of a network: try again by itself.
                let online = EventListener::new(&gloo::utils::window(), "online", move |_| {
                    if last_fault.take().is_some_and(LoadFault::retries_when_online) {
                        request.emit(Destination::Stay);
                    }
                });
                // Whether a pointer is pressed (a weight may be being dragged).
                let pressed = Rc::new(Cell::new(false));
                let document = gloo::utils::document();
                let watching = ["pointerdown", "pointerup", "pointercancel"].map(|name| {
                    let pressed = Rc::clone(&pressed);
                    EventListener::new(&document, name, move |_| pressed.set(name == "pointerdown"))
                });
                let held = Closure::<dyn Fn() -> bool>::new(move || pressed.get());
                set_on_window(HANDOVER, handover.as_ref());
                set_on_window(FAILED, failed.as_ref());
                set_on_window(HELD, held.as_ref());
                move || {
                    for name in [HANDOVER, FAILED, HELD] {
                        remove_from_window(name);
                    }
                    drop((handover, failed, held, watching, online));
                }
            });
        }
        Loader { progress: *progress, failed_for_presenter: *failed_for_presenter, request }
    }

    /// The screen as the whole page will show it; empty when the app could not start (the
    /// whole page then starts afresh).
    fn handover_json(state: &Snapshot, destination: Destination) -> String {
        let Ok(app) = &state.app else { return String::new() };
        Handover::of(app, state.lang, state.pending.clone(), state.notice.clone(), destination).to_json()
    }

    /// Adds the loader's script element (again after a failure: a script runs once per element).
    fn add_loader_script() {
        let document = gloo::utils::document();
        if let Ok(Some(old)) = document.query_selector("script[data-whole-page]") {
            old.remove();
        }
        let (Ok(script), Some(head)) = (document.create_element("script"), document.head()) else { return };
        let _ = script.set_attribute("src", LOADER_URL);
        let _ = script.set_attribute("data-whole-page", "");
        // The loader itself may not arrive: tell the page as the loader would.
        let on_error = Closure::once_into_js(|| tell_failed(no_answer()));
        let _ = script.add_event_listener_with_callback("error", on_error.unchecked_ref());
        let _ = head.append_child(&script);
    }

    /// Tells the page the whole page did not arrive, as the loader script does.
    fn tell_failed(fault: LoadFault) {
        if let Some(failed) = window_function(FAILED) {
            let _ = failed.call1(&wasm_bindgen::JsValue::UNDEFINED, &fault.code().into());
        }
    }

    /// Lets the whole page retire this module's page: destroys the app and removes its host.
    pub fn retire_on_request(app: yew::AppHandle<App>, host: Element) {
        let app = RefCell::new(Some(app));
        let retire = Closure::<dyn Fn()>::new(move || {
            if let Some(app) = app.borrow_mut().take() {
                app.destroy();
            }
            host.remove();
            remove_from_window(RETIRE);
        });
        set_on_window(RETIRE, retire.as_ref());
        // Called at most once, by the whole page; it lives as long as the page.
        retire.forget();
    }

    #[derive(Properties, PartialEq)]
    pub struct PlaceholderProps {
        pub section: Section,
        /// Whether its status is read out as it changes: one placeholder's, so that a screen
        /// reader hears "loading" once, not once per section.
        pub announces: bool,
    }

    /// A section of the whole page, before it is loaded: its name, a button that opens it, and
    /// what the loading is doing. Scrolled near the screen, it loads the whole page.
    #[component]
    pub fn Placeholder(props: &PlaceholderProps) -> Html {
        let lang = use_lang();
        let loader = use_context::<Loader>().expect("the first module's app provides the loader");
        let section = props.section;
        let wrapper = use_node_ref();
        {
            let (wrapper, loader) = (wrapper.clone(), Rc::new(loader.clone()));
            use_effect_with((), move |_| {
                let watch = wrapper.cast::<Element>().and_then(|el| {
                    NearScreen::watch(&el, move |near| {
                        if near {
                            loader.request(Destination::Stay);
                        }
                    })
                });
                move || drop(watch)
            });
        }
        let heading_id = format!("{}-heading", section.id);
        let onclick = {
            let loader = loader.clone();
            Callback::from(move |_: MouseEvent| loader.request(Destination::Section(section.id.to_owned())))
        };
        let status = match loader.progress {
            Progress::NotAsked => html! {},
            Progress::Loading => html! { lang.t(m::WHOLE_PAGE_LOADING) },
            Progress::Failed(fault) => html! {
                <>
                    <strong data-testid="whole-page-fault">{ fault.message(lang, Part::RestOfPage) }</strong>
                    { " " }{ lang.t(m::WHOLE_PAGE_STILL_WORKS) }
                </>
            },
        };
        // A failure is an alert (heard at once); the loading is a status.
        let role = match loader.progress {
            Progress::Failed(_) => "alert",
            _ => "status",
        };
        let failed = matches!(loader.progress, Progress::Failed(_));
        html! {
            <PageSection {section}>
                <section class="panel placeholder" aria-labelledby={heading_id.clone()} ref={wrapper} data-testid="placeholder">
                    <h2 id={heading_id}>{ lang.t(section.name) }</h2>
                    <p class={classes!("hint", failed.then_some("problem"))} role={props.announces.then_some(role)}>{ status }</p>
                    // Never disabled: the focus would drop from a button disabled under it (while
                    // loading, pressing it again does nothing more).
                    <button type="button" data-testid="whole-page-open" {onclick}>
                        { lang.fill(m::WHOLE_PAGE_OPEN, &[("section", &lang.t(section.name))]) }
                    </button>
                </section>
            </PageSection>
        }
    }
}

/// The whole page's side: taking over from the first module.
#[cfg(feature = "whole-page")]
mod whole {
    use std::cell::RefCell;
    use std::rc::Rc;

    use gloo::events::EventListener;
    use gloo::timers::callback::Timeout;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlElement};

    use super::super::sections::go_to;
    use super::{HANDOVER, HELD, RETIRE, on_window};
    use crate::app::handover::{Destination, Handover};

    /// The scrolling parts of the page: the two columns of a wide screen.
    const COLUMNS: [&str; 2] = [".controls", ".results"];

    /// Runs `then` (the taking over) now, or, while a pointer is pressed on the first module's
    /// page (a weight being dragged, a list being scrolled by touch), once it is released.
    pub fn when_first_module_is_free(then: impl FnOnce() + 'static) {
        let held = on_window(HELD)
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .and_then(|f| f.call0(&wasm_bindgen::JsValue::UNDEFINED).ok())
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        if !held {
            then();
            return;
        }
        type Waiting = Option<(Box<dyn FnOnce()>, Vec<EventListener>)>;
        let waiting: Rc<RefCell<Waiting>> = Rc::default();
        let window = gloo::utils::window();
        let listeners = ["pointerup", "pointercancel"].map(|name| {
            let waiting = Rc::clone(&waiting);
            EventListener::new(&window, name, move |_| {
                // After this event is done with (the first module's handlers included), and with
                // the listeners dropped there rather than inside their own call.
                if let Some((then, listeners)) = waiting.borrow_mut().take() {
                    Timeout::new(0, move || {
                        drop(listeners);
                        then();
                    })
                    .forget();
                }
            })
        });
        *waiting.borrow_mut() = Some((Box::new(then), listeners.into()));
    }

    /// The first module's screen, when it loaded this whole page; `None` when the whole page
    /// was opened on its own.
    pub fn handed_over() -> Option<Handover> {
        let ask = on_window(HANDOVER)?.dyn_into::<js_sys::Function>().ok()?;
        Handover::from_json(&ask.call0(&wasm_bindgen::JsValue::UNDEFINED).ok()?.as_string()?)
    }

    /// Retires the first module's page and takes its place, called once this page has
    /// rendered: the same scroll and focus, then where the person was going. Without a first
    /// module on the page, it only goes there.
    pub fn take_over(destination: &Destination) {
        let document = gloo::utils::document();
        let window = gloo::utils::window();
        let first = document.query_selector("[data-module=first]").ok().flatten();
        let whole = document.query_selector("[data-module=whole]").ok().flatten();
        let scrolled = first.as_ref().map(|first| COLUMNS.map(|c| scroll_top(first, c))).unwrap_or_default();
        let page_y = window.scroll_y().unwrap_or(0.0);
        // The focused element by its id, or else its nearest part that has one (a placeholder's
        // button becomes its section, which the whole page has under the same id).
        let focused = document
            .active_element()
            .filter(|e| first.as_ref().is_some_and(|f| f.contains(Some(e))))
            .and_then(|e| std::iter::successors(Some(e), |e: &Element| e.parent_element()).map(|e| e.id()).find(|id| !id.is_empty()));
        match on_window(RETIRE).and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
            Some(retire) => {
                let _ = retire.call0(&wasm_bindgen::JsValue::UNDEFINED);
            }
            None => {
                if let Some(first) = &first {
                    first.remove();
                }
            }
        }
        if let Some(whole) = &whole {
            for (column, top) in COLUMNS.iter().zip(scrolled) {
                if let Ok(Some(element)) = whole.query_selector(column) {
                    element.set_scroll_top(top);
                }
            }
        }
        window.scroll_to_with_x_and_y(0.0, page_y);
        if let Some(element) = focused.and_then(|id| document.get_element_by_id(&id)).and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = element.focus_with_options(&options);
        }
        if let Destination::Section(id) = destination {
            go_to(id);
        }
    }

    fn scroll_top(page: &Element, selector: &str) -> i32 {
        page.query_selector(selector).ok().flatten().map_or(0, |e| e.scroll_top())
    }
}
