//! Reading a workbook in the workbook worker (`src/bin/workbook_worker.rs`), started the first
//! time a workbook is opened, so the page's first load carries no workbook reader. The worker
//! answers with the sheet's rows, made into a table here exactly as the native build does.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::engine::EngineError;
use crate::engine::error::FileProblem;
use crate::engine::source::ReadOptions;
use crate::engine::table::{Rows, Table};

/// The worker's loader, beside the page (Trunk writes it with `data-loader-shim`).
const WORKER_URL: &str = "./workbook-worker_loader.js";

type Waiting = Rc<RefCell<Vec<Box<dyn FnOnce(String)>>>>;

/// The worker and what the page owes it or waits for.
#[derive(Clone)]
struct Started {
    worker: web_sys::Worker,
    /// Answers owed, in the order asked.
    waiting: Waiting,
    /// Messages held until the worker says it is ready (a message sent before its wasm has
    /// started is lost); `None` once it is.
    held: Rc<RefCell<Option<Vec<js_sys::Array>>>>,
}

/// The worker's first message (`src/bin/workbook_worker.rs`).
const READY: &str = "ready";

thread_local! {
    static WORKER: RefCell<Option<Started>> = const { RefCell::new(None) };
}

fn worker() -> Option<Started> {
    WORKER.with(|slot| {
        if let Some(found) = slot.borrow().as_ref() {
            return Some(found.clone());
        }
        let worker = web_sys::Worker::new(WORKER_URL).ok()?;
        let started = Started { worker: worker.clone(), waiting: Rc::default(), held: Rc::new(RefCell::new(Some(Vec::new()))) };
        let on = started.clone();
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let text = event.data().as_string().unwrap_or_default();
            if text == READY {
                for message in on.held.borrow_mut().take().unwrap_or_default() {
                    let _ = on.worker.post_message(&message);
                }
                return;
            }
            // Taken out before it is called: `done` may ask the worker again.
            let next = {
                let mut waiting = on.waiting.borrow_mut();
                (!waiting.is_empty()).then(|| waiting.remove(0))
            };
            if let Some(done) = next {
                done(text);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        *slot.borrow_mut() = Some(started.clone());
        Some(started)
    })
}

/// Reads workbook `bytes` (named `file`) in the worker, then calls `done` with the table or
/// what is wrong, in the file's words.
pub fn read_workbook(file: String, bytes: &[u8], done: impl FnOnce(Result<Table, EngineError>) + 'static) {
    let problem = |file: &str, problem| EngineError::File { file: file.to_owned(), problem };
    let Some(started) = worker() else {
        done(Err(problem(&file, FileProblem::WorkbookReaderElsewhere)));
        return;
    };
    let name = file.clone();
    started.waiting.borrow_mut().push(Box::new(move |text: String| {
        let answer: Result<(String, Rows), FileProblem> = serde_json::from_str(&text).unwrap_or(Err(FileProblem::WorkbookReaderElsewhere));
        done(match answer {
            Ok((sheet, rows)) => Table::from_sheet(&name, sheet, rows, &ReadOptions::default()),
            Err(p) => Err(problem(&name, p)),
        });
    }));
    let message = js_sys::Array::new();
    message.push(&JsValue::from_str(&file));
    message.push(&js_sys::Uint8Array::from(bytes));
    message.push(&JsValue::NULL);
    if let Some(held) = started.held.borrow_mut().as_mut() {
        held.push(message);
        return;
    }
    if started.worker.post_message(&message).is_err() {
        let done = started.waiting.borrow_mut().pop();
        if let Some(done) = done {
            done(String::new());
        }
    }
}
