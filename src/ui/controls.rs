//! Small accessible form controls shared by the panels: every control has a visible label,
//! works by keyboard, and carries a stable `data-testid`.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Reads a number from an input event; `None` while the field is empty or not a number.
pub fn input_number(e: &InputEvent) -> Option<f64> {
    let v = e.target_unchecked_into::<HtmlInputElement>().value_as_number();
    v.is_finite().then_some(v)
}

/// Reads the text of an input.
#[cfg(feature = "whole-page")]
pub fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// Reads the chosen value of a select.
pub fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

/// Reads a checkbox.
pub fn checked(e: &Event) -> bool {
    e.target_unchecked_into::<HtmlInputElement>().checked()
}

#[derive(Properties, PartialEq)]
pub struct SelectProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub testid: AttrValue,
    /// (value, label, enabled)
    pub options: Vec<(String, String, bool)>,
    pub selected: AttrValue,
    pub onchange: Callback<String>,
    /// Keep the label for screen readers only (where a table header already says it).
    #[prop_or_default]
    pub label_hidden: bool,
}

/// A labelled `<select>`.
#[component]
pub fn Select(props: &SelectProps) -> Html {
    let onchange = props.onchange.reform(|e: Event| select_value(&e));
    html! {
        <div class="field">
            <label for={props.id.clone()} class={classes!(props.label_hidden.then_some("visually-hidden"))}>{ props.label.clone() }</label>
            <select id={props.id.clone()} data-testid={props.testid.clone()} {onchange}>
                { for props.options.iter().map(|(value, label, enabled)| html! {
                    <option value={value.clone()} selected={*value == *props.selected} disabled={!*enabled}>{ label.clone() }</option>
                }) }
            </select>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct NumberProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub testid: AttrValue,
    pub value: f64,
    #[prop_or(0.0)]
    pub min: f64,
    #[prop_or(f64::MAX)]
    pub max: f64,
    #[prop_or(AttrValue::Static("any"))]
    pub step: AttrValue,
    pub oninput: Callback<f64>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// Keep the label for screen readers only (where the row around it already says it).
    #[prop_or_default]
    pub label_hidden: bool,
}

/// A labelled number field that reports only valid numbers.
#[component]
pub fn NumberField(props: &NumberProps) -> Html {
    let oninput = {
        let cb = props.oninput.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = input_number(&e) {
                cb.emit(v)
            }
        })
    };
    let hint_id = format!("{}-hint", props.id);
    html! {
        <div class="field">
            <label for={props.id.clone()} class={classes!(props.label_hidden.then_some("visually-hidden"))}>{ props.label.clone() }</label>
            <input type="number" id={props.id.clone()} data-testid={props.testid.clone()}
                value={format_number(props.value)} min={props.min.to_string()}
                max={(props.max < f64::MAX).then(|| props.max.to_string())}
                step={props.step.clone()} {oninput}
                aria-describedby={props.hint.as_ref().map(|_| hint_id.clone())} />
            if let Some(hint) = &props.hint {
                <span class="hint" id={hint_id}>{ hint.clone() }</span>
            }
        </div>
    }
}

/// Shortest readable form of a number for an input field (no trailing zeros).
pub fn format_number(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

#[cfg(feature = "whole-page")]
#[derive(Properties, PartialEq)]
pub struct ModalProps {
    /// Id of the heading that names the dialog.
    pub labelled_by: AttrValue,
    pub testid: AttrValue,
    #[prop_or_default]
    pub class: Classes,
    /// Escape, or the person leaving the dialog another way the browser offers.
    pub on_cancel: Callback<()>,
    pub children: Html,
}

/// A modal step over the whole page: the browser's own `<dialog>`, opened with `showModal()`
/// so the page behind is inert, focus stays inside, and Escape cancels. It opens when mounted
/// and goes when unmounted: the owner decides by rendering it or not.
#[cfg(feature = "whole-page")]
#[component]
pub fn ModalDialog(props: &ModalProps) -> Html {
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        use_effect_with((), move |_| {
            if let Some(d) = dialog.cast::<web_sys::HtmlDialogElement>()
                && !d.open()
            {
                // Fails only if the dialog is already open or not in the page; it is neither.
                let _ = d.show_modal();
            }
        });
    }
    // The browser would close the dialog itself; the owner unmounts it instead, so what is
    // shown and the app's state never disagree.
    let oncancel = props.on_cancel.reform(|e: Event| e.prevent_default());
    html! {
        <dialog ref={dialog} class={props.class.clone()} aria-labelledby={props.labelled_by.clone()} data-testid={props.testid.clone()} {oncancel}>
            { props.children.clone() }
        </dialog>
    }
}

/// Scrolls the element of `node` into view (its bottom edge at least) whenever `shown` turns
/// true: a problem told beside a file picker near the screen's edge is seen where the person is.
#[hook]
pub fn use_shown_when_set(node: &NodeRef, shown: bool) {
    let node = node.clone();
    use_effect_with(shown, move |shown| {
        if *shown && let Some(element) = node.cast::<web_sys::Element>() {
            element.scroll_into_view_with_bool(false);
        }
    });
}
