//! Results panels that are off screen follow the state a moment after it stops changing, not
//! at every slider step: a step then pays only for what the person can see. A panel in view
//! (or within 200 px of it) is always current; one scrolled away is brought up to
//! date 150 ms after the last change, so a screen reader reading it, or a person scrolling to
//! it, never finds it behind for longer than that.

#[cfg(feature = "whole-page")]
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
#[cfg(feature = "whole-page")]
use yew::prelude::*;

#[cfg(feature = "whole-page")]
use super::state::{Snapshot, use_store};

/// How long after the last change an off-screen panel catches up.
#[cfg(feature = "whole-page")]
const CATCH_UP_MS: u32 = 150;

#[cfg(feature = "whole-page")]
#[derive(Properties, PartialEq)]
pub struct FollowsWhenSeenProps {
    pub children: Html,
}

/// Watches whether an element is near the screen; dropping it stops the watching.
pub(super) struct NearScreen {
    observer: IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl NearScreen {
    pub(super) fn watch(element: &Element, on_change: impl Fn(bool) + 'static) -> Option<NearScreen> {
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Some(entry) = entries.iter().filter_map(|e| e.dyn_into::<IntersectionObserverEntry>().ok()).next_back() {
                on_change(entry.is_intersecting());
            }
        });
        let options = IntersectionObserverInit::new();
        // A little either side, so a panel scrolled to is usually current before it shows.
        options.set_root_margin("200px 0px 200px 0px");
        let observer = IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options).ok()?;
        observer.observe(element);
        Some(NearScreen { observer, _callback: callback })
    }
}

impl Drop for NearScreen {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Gives its children the app state: the current one while they are near the screen, and
/// while they are away the one they last showed, until changes pause.
#[cfg(feature = "whole-page")]
#[component]
pub fn FollowsWhenSeen(props: &FollowsWhenSeenProps) -> Html {
    let current = use_context::<Snapshot>().expect("inside the Snapshot provider");
    let store = use_store();
    let wrapper = use_node_ref();
    let near = use_state(|| true);
    let shown = use_mut_ref(|| current.clone());
    let catch_up = use_mut_ref(|| None::<Timeout>);
    let redraw = use_force_update();
    {
        let (wrapper, near) = (wrapper.clone(), near.clone());
        use_effect_with((), move |_| {
            let watch = wrapper.cast::<Element>().and_then(|el| {
                NearScreen::watch(&el, move |is_near| {
                    if *near != is_near {
                        near.set(is_near);
                    }
                })
            });
            move || drop(watch)
        });
    }
    if *near || *shown.borrow() == current {
        *shown.borrow_mut() = current;
        *catch_up.borrow_mut() = None;
    } else {
        // Away and behind: catch up once the changes pause (a new change restarts the wait).
        let (shown_later, store) = (shown.clone(), store.clone());
        *catch_up.borrow_mut() = Some(Timeout::new(CATCH_UP_MS, move || {
            *shown_later.borrow_mut() = store.latest();
            redraw.force_update();
        }));
    }
    let context: Snapshot = shown.borrow().clone();
    html! {
        <div class="follows-when-seen" ref={wrapper}>
            <ContextProvider<Snapshot> {context}>
                { props.children.clone() }
            </ContextProvider<Snapshot>>
        </div>
    }
}
