//! The whole page (every panel) as the page's second module. The first module (`src/main.rs`,
//! built without the `whole-page` feature) loads it when a person first goes past the weights,
//! the ranking and the money; it then takes over the page with the same state
//! (`ui::whole_page`). Built by Trunk (`index.html`); natively there is nothing to run.

#[cfg(all(target_arch = "wasm32", feature = "whole-page"))]
fn main() {
    ses_explorer::ui::start();
}

#[cfg(not(all(target_arch = "wasm32", feature = "whole-page")))]
fn main() {}
