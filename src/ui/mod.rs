//! The browser app: Yew function components over one reducer.

use yew::prelude::*;

#[component]
fn App() -> Html {
    html! { <main><h1>{ "SES Explorer" }</h1></main> }
}

/// Mounts the app on the page body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
