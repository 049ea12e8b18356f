//! The workbook reader as a Web Worker of its own. The app's page is built without calamine
//! (about a sixth of its download); when a person opens a workbook, the page starts this worker,
//! sends it the file's bytes and gets back the sheet's rows (or what is wrong with the file),
//! which the page makes into a table as it does a CSV's. Built by Trunk with the `workbook`
//! feature (`index.html`); natively there is nothing to run.

#[cfg(all(target_arch = "wasm32", feature = "workbook"))]
fn main() {
    use ses_explorer::engine::EngineError;
    use ses_explorer::engine::error::FileProblem;
    use ses_explorer::engine::table::Rows;
    use ses_explorer::engine::workbook::read_rows;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    // A message is [file name, bytes, sheet or null]; the answer is the JSON of
    // `Result<(sheet, rows), FileProblem>`.
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let message = js_sys::Array::from(&event.data());
        let file = message.get(0).as_string().unwrap_or_default();
        let bytes = js_sys::Uint8Array::new(&message.get(1)).to_vec();
        let sheet = message.get(2).as_string();
        let answer: Result<(String, Rows), FileProblem> = match read_rows(&file, &bytes, sheet.as_deref()) {
            Ok(read) => Ok(read),
            Err(EngineError::File { problem, .. }) => Err(problem),
            Err(other) => Err(FileProblem::NotAWorkbook { reason: other.to_string() }),
        };
        let text = serde_json::to_string(&answer).unwrap_or_else(|_| "{\"Err\":\"NoSheets\"}".into());
        let _ = reply_to.post_message(&JsValue::from_str(&text));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages sent before this handler was set are lost: say when it is.
    let _ = scope.post_message(&JsValue::from_str(READY));
}

/// The worker's first message: it reads from now on.
#[cfg(all(target_arch = "wasm32", feature = "workbook"))]
const READY: &str = "ready";

#[cfg(not(all(target_arch = "wasm32", feature = "workbook")))]
fn main() {}
