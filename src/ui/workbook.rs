//! Reading a workbook in the workbook worker (`src/bin/workbook_worker.rs`), started the first
//! time a workbook is opened, so the page's first load carries no workbook reader. The worker
//! answers with the sheet's rows, made into a table here exactly as the native build does.
//!
//! The worker is fetched from the app's server (or the offline cache): when it cannot start
//! (its script or its WebAssembly does not arrive, or it has not said it is ready within
//! [`READY_WITHIN_SECONDS`]), every read waiting on it is told why, and the next workbook
//! opened starts a new one.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::browser::no_answer;
use crate::app::file_refusal::FileRefusal;
use crate::app::network::LoadFault;
use crate::engine::EngineError;
use crate::engine::error::FileProblem;
use crate::engine::source::ReadOptions;
use crate::engine::table::{Rows, Table};

/// The worker's loader, beside the page (Trunk writes it with `data-loader-shim`).
const WORKER_URL: &str = "./workbook-worker_loader.js";

/// How long the worker may take to start (fetch and compile its 650 KB) before the person is
/// told; reading itself may take as long as the file needs.
const READY_WITHIN_SECONDS: u32 = 60;

/// What the worker answered: the JSON of the sheet's rows, or why it could not.
type Answer = Result<String, LoadFault>;
type Waiting = Rc<RefCell<Vec<Box<dyn FnOnce(Answer)>>>>;

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

impl Started {
    /// The worker could not start or answer: every read waiting is told, and the next
    /// workbook starts a new worker.
    fn fail(&self, fault: LoadFault) {
        self.worker.terminate();
        WORKER.with(|slot| {
            if slot.borrow().as_ref().is_some_and(|s| s.worker == self.worker) {
                *slot.borrow_mut() = None;
            }
        });
        let waiting: Vec<_> = self.waiting.borrow_mut().drain(..).collect();
        for done in waiting {
            done(Err(fault));
        }
    }
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
                done(Ok(text));
            }
        });
        // Its script did not arrive, or it stopped: no answer will come.
        let on = started.clone();
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            on.fail(no_answer());
        });
        // An answer that could not be received is as good as none.
        let on = started.clone();
        let on_message_error = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_| on.fail(no_answer()));
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        worker.set_onmessageerror(Some(on_message_error.as_ref().unchecked_ref()));
        // The worker lives as long as the page (or until it fails, when these are dropped
        // with it by the browser).
        on_message.forget();
        on_error.forget();
        on_message_error.forget();
        // Its WebAssembly may fail to arrive inside it, unseen: a time limit on its start.
        let on = started.clone();
        Timeout::new(READY_WITHIN_SECONDS * 1000, move || {
            if on.held.borrow().is_some() {
                on.fail(match no_answer() {
                    LoadFault::Unreachable => LoadFault::TooSlow { seconds: READY_WITHIN_SECONDS },
                    offline => offline,
                });
            }
        })
        .forget();
        *slot.borrow_mut() = Some(started.clone());
        Some(started)
    })
}

/// Reads workbook `bytes` (named `file`) in the worker, then calls `done` with the table or
/// what is wrong, in the file's words.
pub fn read_workbook(file: String, bytes: &[u8], done: impl FnOnce(Result<Table, FileRefusal>) + 'static) {
    let problem = |file: &str, problem| FileRefusal::File(EngineError::File { file: file.to_owned(), problem });
    let Some(started) = worker() else {
        done(Err(problem(&file, FileProblem::WorkbookReaderElsewhere)));
        return;
    };
    let name = file.clone();
    started.waiting.borrow_mut().push(Box::new(move |answer: Answer| {
        let text = match answer {
            Ok(text) => text,
            Err(fault) => return done(Err(FileRefusal::ReaderNotLoaded(fault))),
        };
        let answer: Result<(String, Rows), FileProblem> = serde_json::from_str(&text).unwrap_or(Err(FileProblem::WorkbookReaderElsewhere));
        done(match answer {
            Ok((sheet, rows)) => Table::from_sheet(&name, sheet, rows, &ReadOptions::default()).map_err(FileRefusal::File),
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
        started.fail(no_answer());
    }
}
