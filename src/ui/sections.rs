//! The page's sections and the bar that reaches each in one click: the weights, the ranking,
//! and every analysis below it. The bar stays at the top of a wide screen with the summary
//! under it, and the weights stay beside the results, so a panel is reached without losing
//! sight of the weights and their effect. The section in view is marked `aria-current`.

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
use yew::prelude::*;

use super::state::{use_lang, use_part};
use crate::app::i18n::{Msg, catalogue as m};
use crate::app::state::SchoolsFollow;

/// A section of the page: the id of its element and its name in the bar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Section {
    pub id: &'static str,
    pub name: Msg,
}

pub const WEIGHTS: Section = Section { id: "weights", name: m::NAV_WEIGHTS };
pub const RANKING: Section = Section { id: "ranking", name: m::NAV_RANKING };
pub const MONEY: Section = Section { id: "money-section", name: m::NAV_MONEY };
pub const CHILD: Section = Section { id: "child-section", name: m::NAV_CHILD };
pub const MAP: Section = Section { id: "map-section", name: m::MAP };
pub const WHY: Section = Section { id: "explain-section", name: m::NAV_WHY };
pub const COMPARE: Section = Section { id: "compare-section", name: m::COMPARE };
pub const HOW_SURE: Section = Section { id: "stability-section", name: m::NAV_HOW_SURE };
pub const WORKSHOP: Section = Section { id: "workshop-section", name: m::WORKSHOP };
pub const CHARTS: Section = Section { id: "charts-section", name: m::CHARTS };
pub const DATA: Section = Section { id: "data-section", name: m::YOUR_DATA };
pub const SHARE: Section = Section { id: "share-section", name: m::NAV_SAVE_SHARE };

/// Every section, in page order (the weights come first on a phone, where the page is one
/// column; on a wide screen they are the column beside the others).
pub const SECTIONS: [Section; 12] = [WEIGHTS, RANKING, MONEY, CHILD, MAP, WHY, COMPARE, HOW_SURE, WORKSHOP, CHARTS, DATA, SHARE];

#[cfg(not(feature = "whole-page"))]
impl Section {
    /// Whether the page's first module has this section's panels; the others come with the
    /// whole page (see `whole_page`).
    pub fn in_first_module(&self) -> bool {
        [WEIGHTS.id, RANKING.id, MONEY.id].contains(&self.id)
    }
}

#[derive(Properties, PartialEq)]
pub struct SectionProps {
    pub section: Section,
    pub children: Html,
    /// Its panels show the schools: while they wait for a pause to catch up with a step
    /// (app::state::SchoolsFollow), the section is marked busy, dimmed and says so.
    #[prop_or_default]
    pub shows_schools: bool,
}

/// A section's place on the page: what the bar scrolls to and focuses.
#[component]
pub fn PageSection(props: &SectionProps) -> Html {
    let id = props.section.id;
    let (on_pause, behind, lang) = use_part(|e| {
        let app = e.app.as_ref().ok();
        (app.is_some_and(|a| a.schools_follow == SchoolsFollow::OnPause), app.is_some_and(|a| a.schools_behind), e.lang)
    });
    let behind = behind && props.shows_schools;
    html! {
        <div {id} class={classes!("page-section", behind.then_some("schools-behind"))} aria-busy={behind.then_some("true")}
            tabindex="-1" data-testid={id}>
            // Its line is kept, empty, whenever the schools can wait, so nothing moves when it
            // shows; it shows only once the wait lasts (app.css), so a single step catches up
            // before it does. Screen readers hear of it from aria-busy instead.
            if props.shows_schools && on_pause {
                <p class="behind-note" aria-hidden="true" data-testid={format!("{id}-schools-behind")}>{ lang.t(m::SCHOOLS_CATCH_UP) }</p>
            }
            { props.children.clone() }
        </div>
    }
}

/// Watches which sections cross a band near the top of the screen (below the bar and the
/// summary); dropping it stops the watching.
struct InView {
    observer: IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for InView {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

impl InView {
    /// Watches the sections of `page` (the page's `main`: while the whole page takes over, the
    /// first module's page, with the same ids, is still in the document).
    fn watch(page: &Element, on_current: impl Fn(&'static str) + 'static) -> Option<InView> {
        let crossing: Rc<RefCell<BTreeSet<usize>>> = Rc::default();
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let mut crossing = crossing.borrow_mut();
            for entry in entries.iter().filter_map(|e| e.dyn_into::<IntersectionObserverEntry>().ok()) {
                let id = entry.target().id();
                if let Some(k) = SECTIONS.iter().position(|s| s.id == id) {
                    if entry.is_intersecting() {
                        crossing.insert(k);
                    } else {
                        crossing.remove(&k);
                    }
                }
            }
            // The first section (in page order) in the band; the weights only when nothing
            // else is, since on a wide screen they are always beside the others.
            if let Some(k) = crossing.iter().copied().find(|k| *k > 0).or_else(|| crossing.first().copied()) {
                on_current(SECTIONS[k].id);
            }
        });
        let options = IntersectionObserverInit::new();
        options.set_root_margin("-30% 0px -60% 0px");
        let observer = IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options).ok()?;
        for section in SECTIONS {
            if let Ok(Some(element)) = page.query_selector(&format!("#{}", section.id)) {
                observer.observe(&element);
            }
        }
        Some(InView { observer, _callback: callback })
    }
}

/// Scrolls to a section and puts the keyboard focus there, so the next Tab continues in it.
/// On a wide screen only the column holding the section scrolls (the browser's own
/// `scrollIntoView` would also move the page, taking the summary off the screen).
pub(super) fn go_to(id: &str) {
    let Some(element) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) else { return };
    let column = element.parent_element().filter(|c| c.matches(".results").unwrap_or(false) && c.scroll_height() > c.client_height());
    match column {
        Some(column) => {
            let offset = element.get_bounding_client_rect().top() - column.get_bounding_client_rect().top();
            column.set_scroll_top(column.scroll_top() + offset as i32);
        }
        None => element.scroll_into_view(),
    }
    if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.focus_with_options(&options);
    }
}

#[derive(Properties, PartialEq)]
pub struct SectionNavProps {
    /// Told of each section the bar goes to, by id (the page's first module loads the whole
    /// page for a section it does not have).
    #[prop_or_default]
    pub on_go: Callback<&'static str>,
}

/// The bar of sections.
#[component]
pub fn SectionNav(props: &SectionNavProps) -> Html {
    let lang = use_lang();
    let current = use_state_eq(|| "weights");
    // A section gone to by the bar stays marked until the person scrolls on their own: a short
    // section at the end of the page cannot reach the band that marks it, and the one above it
    // would be marked instead.
    let pinned = use_memo((), |_| Cell::new(false));
    let nav = use_node_ref();
    {
        let (current, nav, pinned) = (current.clone(), nav.clone(), pinned.clone());
        use_effect_with((), move |_| {
            let page = nav.cast::<Element>().and_then(|nav| nav.closest("main").ok().flatten());
            let in_view = Rc::clone(&pinned);
            let watch = page.and_then(|page| {
                InView::watch(&page, move |id| {
                    if !in_view.get() {
                        current.set(id);
                    }
                })
            });
            let document = gloo::utils::document();
            let own_scrolling = ["wheel", "touchmove", "keydown"].map(|name| {
                let pinned = Rc::clone(&pinned);
                EventListener::new(&document, name, move |_| pinned.set(false))
            });
            move || drop((watch, own_scrolling))
        });
    }
    html! {
        <nav class="sections" ref={nav.clone()} aria-label={lang.t(m::NAV_LABEL)} data-testid="sections">
            <ul>
                { for SECTIONS.iter().map(|s| {
                    let id = s.id;
                    let onclick = {
                        let (current, on_go, pinned) = (current.clone(), props.on_go.clone(), pinned.clone());
                        Callback::from(move |e: MouseEvent| {
                            e.prevent_default();
                            pinned.set(true);
                            current.set(id);
                            go_to(id);
                            on_go.emit(id);
                        })
                    };
                    html! {
                        <li><a href={format!("#{id}")} {onclick} aria-current={(*current == id).then_some("location")}
                            data-testid={format!("nav-{id}")}>{ lang.t(s.name) }</a></li>
                    }
                }) }
            </ul>
        </nav>
    }
}
