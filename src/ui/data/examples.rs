//! "Open an example": the demo district, and real data served with the app, fetched from the
//! page's own origin only when chosen and opened as if the person had imported its files.

use yew::prelude::*;

use crate::app::examples::{EXAMPLES, Example};
use crate::app::i18n::{Lang, catalogue as m};
use crate::app::network::LoadFault;
use crate::app::notice::PublishedAgreement;
use crate::engine::EngineError;
use crate::ui::browser::fetch_bytes;
use crate::ui::state::{Notice, UiAction, use_lang, use_ui_dispatch};

/// Why an example did not open, worded when drawn.
#[derive(Debug, Clone, PartialEq)]
enum ExampleProblem {
    /// Its files did not arrive from the app's server.
    NotArrived(LoadFault),
    /// Its files did not read (a damaged copy).
    File(EngineError),
}

impl ExampleProblem {
    fn words(&self, lang: Lang) -> String {
        match self {
            ExampleProblem::NotArrived(fault) => fault.reason(lang),
            ExampleProblem::File(e) => lang.error(e),
        }
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct ExamplePickerProps {
    /// The demo is on screen (no button back to it).
    pub synthetic: bool,
}

/// "Open an example": the demo district, and real data served with the app, fetched from the
/// page's own origin only when chosen and opened as if the person had imported its files.
#[component]
pub(super) fn ExamplePicker(props: &ExamplePickerProps) -> Html {
    let lang = use_lang();
    let ui = use_ui_dispatch();
    let opening = use_state(|| None::<Example>);
    // Why the last example tried did not open: shown here, beside its button.
    let failed = use_state_eq(|| None::<(Example, ExampleProblem)>);
    let open = |example: Example| {
        let (ui, opening, failed) = (ui.clone(), opening.clone(), failed.clone());
        Callback::from(move |_| {
            if opening.is_some() {
                return;
            }
            opening.set(Some(example));
            failed.set(None);
            let (ui, opening, failed) = (ui.clone(), opening.clone(), failed.clone());
            yew::platform::spawn_local(async move {
                let files = async {
                    let areas = fetch_bytes(&example.url(example.areas)).await?;
                    let boundaries = fetch_bytes(&example.url(example.boundaries)).await?;
                    Ok::<_, LoadFault>((areas, boundaries))
                };
                let opened = match files.await {
                    Ok((a, b)) => example.open(&a, &b).map_err(ExampleProblem::File),
                    Err(fault) => Err(ExampleProblem::NotArrived(fault)),
                };
                match opened {
                    Ok(state) => {
                        let agreement = state.data.published.as_ref().map(|p| PublishedAgreement {
                            agreement: p.agreement(&state.current.evaluation),
                            column: p.column.clone(),
                            skipped: p.skipped,
                        });
                        let areas = state.data.dataset.areas.len();
                        ui.emit(UiAction::Load(Box::new(state)));
                        ui.emit(UiAction::Notify(Notice::ExampleOpened { example: example.name, areas, agreement }));
                    }
                    Err(problem) => failed.set(Some((example, problem))),
                }
                opening.set(None);
            });
        })
    };
    html! {
        <div class="examples" data-testid="examples">
            <h3>{ lang.t(m::OPEN_AN_EXAMPLE) }</h3>
            <p class="hint">{ lang.t(m::EXAMPLE_HINT) }</p>
            <div class="buttons">
                if !props.synthetic {
                    <button type="button" data-testid="example-demo" onclick={ui.reform(|_| UiAction::ForgetData)}>{ lang.t(m::DEMO_LABEL) }</button>
                }
                { for EXAMPLES.iter().map(|example| html! {
                    <button type="button" data-testid={format!("example-{}", example.id)} onclick={open(*example)}
                        aria-busy={(*opening == Some(*example)).to_string()}>{ lang.t(example.name) }</button>
                }) }
            </div>
            if let Some(example) = *opening {
                <p class="hint" role="status" data-testid="example-opening">{ lang.fill(m::EXAMPLE_OPENING, &[("name", &lang.t(example.name))]) }</p>
            }
            if let Some((example, problem)) = &*failed {
                <p class="error" role="alert" data-testid="example-problem">
                    { lang.fill(m::EXAMPLE_FAILED, &[("name", &lang.t(example.name)), ("problem", &problem.words(lang))]) }
                </p>
            }
        </div>
    }
}
