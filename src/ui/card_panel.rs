//! The formula card: the current formula in plain language, and the whole card (with the
//! data's fingerprint) as one HTML file to download, print or publish.

use yew::prelude::*;

use super::browser::{download, slug, today};
use super::perf;
use super::state::{Notice, UiAction, use_lang, use_part, use_store, use_ui_dispatch};
use crate::app::card::{Provenance, card_html, parameters, plain_language};
use crate::app::i18n::catalogue as m;
use crate::app::parts::Shared;

#[component]
pub fn CardPanel() -> Html {
    // The words are built only while shown, so a slider step does not redraw hidden text.
    let open = use_state(|| false);
    let shown_open = *open;
    let shown = use_part(move |e| {
        let app = e.app.as_ref().ok()?;
        let formula = shown_open.then(|| (app.current.formula.clone(), app.current.allocation.clone(), app.rank_by));
        Some((Shared(app.data.clone()), formula))
    });
    let lang = use_lang();
    perf::rendered("CardPanel");
    let store = use_store();
    let ui = use_ui_dispatch();
    let Some((data, formula)) = shown else { return html! {} };
    let words = formula.as_ref().map(|(f, a, r)| plain_language(f, a, *r, lang)).unwrap_or_default();
    let on_download = {
        let (store, ui) = (store.clone(), ui.clone());
        Callback::from(move |_| {
            let latest = store.latest();
            let Ok(app) = &latest.app else { return };
            let date = today();
            let html = card_html(&app.current.formula, &app.current.allocation, app.rank_by, &app.data.provenance, &date, lang);
            let name = format!("{}-formula-card-{date}.html", slug(&app.current.formula.name));
            if download(&name, "text/html", html.as_bytes()).is_err() {
                ui.emit(UiAction::Notify(Notice::DownloadFailed));
            }
        })
    };
    let data = match &data.provenance {
        Provenance::Demo { seed } => lang.fill(m::CARD_DATA_DEMO, &[("seed", seed)]),
        Provenance::Files(files) => {
            lang.fill(m::CARD_DATA_FILES, &[("files", &files.iter().map(|f| f.file.as_str()).collect::<Vec<_>>().join(", "))])
        }
        Provenance::None => String::new(),
    };
    html! {
        <section class="panel card" aria-labelledby="card-heading" data-testid="card-panel">
            <h2 id="card-heading">{ lang.t(m::FORMULA_CARD) }</h2>
            <details open={*open} ontoggle={let open = open.clone(); move |e: Event| {
                    let shown = e.target_unchecked_into::<web_sys::HtmlDetailsElement>().open();
                    if shown != *open { open.set(shown); }
                }}>
                <summary>{ lang.t(m::CARD_PLAIN_WORDS) }</summary>
                { for words.into_iter().map(|p| html! { <p data-testid="card-words">{ p }</p> }) }
                <p class="math">{ lang.t(m::CARD_MATH) }</p>
                if let Some((f, a, r)) = &formula {
                <table class="parameters" data-testid="card-parameters">
                    <caption>{ lang.t(m::PARAMETERS) }</caption>
                    <tbody>
                        { for parameters(f, a, *r, lang).into_iter().map(|(k, v)| html! {
                            <tr><th scope="row">{ k }</th><td>{ v }</td></tr>
                        }) }
                    </tbody>
                </table>
                }
            </details>
            <p class="hint">{ data }</p>
            <div class="buttons">
                <button type="button" data-testid="download-card" onclick={on_download}>{ lang.t(m::DOWNLOAD_CARD) }</button>
            </div>
        </section>
    }
}
