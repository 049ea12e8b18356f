//! The browser app: Yew function components over one reducer ([`state::Explorer`]), provided
//! by context. Panels dispatch actions; charts draw in effects after each render.

// Both modules of the page (see [`whole_page`]): the weights, the ranking and the money.
mod allocation_panel;
mod baseline_panel;
mod browser;
mod controls;
mod detail_panel;
mod formula_panel;
mod hooks;
mod offline;
mod offscreen;
mod page;
pub mod perf;
mod ranking_table;
mod sections;
pub mod state;
mod whole_page;

/// Items of the whole page only, the page's second module.
macro_rules! whole_page_only {
    ($($item:item)*) => { $( #[cfg(feature = "whole-page")] $item )* };
}

whole_page_only! {
    mod canvas_backend;
    mod card_panel;
    mod child_panel;
    mod charts_panel;
    mod compare_panel;
    mod data;
    mod explain_panel;
    mod fit_panel;
    mod map;
    mod presenter;
    mod printable;
    mod scenario_panel;
    mod slices;
    mod stability_panel;
    mod workbook;
    mod workshop_panel;

    use card_panel::CardPanel;
    use child_panel::ChildPanel;
    use charts_panel::ChartsPanel;
    use compare_panel::ComparePanel;
    use data::DataPanel;
    use explain_panel::ExplainPanel;
    use fit_panel::FitPanel;
    use map::MapPanel;
    use offscreen::FollowsWhenSeen;
    use presenter::PresenterView;
    use printable::PrintableRanking;
    use scenario_panel::ScenarioPanel;
    use stability_panel::StabilityPanel;
    use workshop_panel::WorkshopPanel;
}

use std::rc::Rc;

use crate::app::handover::Handover;
pub use page::{App, AppProps};

/// Starts the app: the first module's page, or the whole page taking over from it (once no
/// pointer is pressed on the first module's page).
pub fn start() {
    #[cfg(feature = "whole-page")]
    whole_page::when_first_module_is_free(mount);
    #[cfg(not(feature = "whole-page"))]
    mount();
}

/// Mounts the page, with the first module's screen when the whole page takes over from it.
fn mount() {
    let handover = whole_page_handover();
    let host = whole_page::host();
    let app = yew::Renderer::<App>::with_root_and_props(host.clone(), AppProps { handover: handover.map(Rc::new) }).render();
    #[cfg(not(feature = "whole-page"))]
    whole_page::retire_on_request(app, host);
    #[cfg(feature = "whole-page")]
    let _ = (app, host);
}

#[cfg(feature = "whole-page")]
fn whole_page_handover() -> Option<Handover> {
    whole_page::handed_over()
}

#[cfg(not(feature = "whole-page"))]
fn whole_page_handover() -> Option<Handover> {
    None
}
