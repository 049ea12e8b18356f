//! Long work done a slice at a time between frames, so no task blocks the page: the rank
//! stability's draws, the fit's programmes. A job runs steps for up to [`SLICE_MS`], reports its
//! progress, yields to the browser and goes on; a newer job (a higher generation) or a cancel
//! (the slot emptied) stops it at the next slice.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;

use crate::engine::EngineError;

/// Longest slice of work before yielding to the browser, in milliseconds: well under the
/// 50 ms of a long task, long enough that the pause between slices costs little.
pub const SLICE_MS: f64 = 20.0;

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Work that runs a step at a time.
pub trait Steps {
    /// Which run this is: a job whose generation is not the one asked for has been replaced.
    fn generation(&self) -> u32;
    fn finished(&self) -> bool;
    /// One step.
    ///
    /// # Errors
    /// Why the work cannot go on.
    fn step(&mut self) -> Result<(), EngineError>;
    /// Steps done, and about how many in all.
    fn progress(&self) -> (u32, u32);
}

/// Where a sliced job reports: its progress after each slice, then its end (the finished job,
/// or why it stopped).
pub struct Report<J> {
    pub progress: Box<dyn Fn((u32, u32))>,
    pub end: Box<dyn FnOnce(Result<J, EngineError>)>,
}

/// Runs the job in `slot` (while it is generation `generation`) a slice at a time.
pub fn run_in_slices<J: Steps + 'static>(slot: Rc<RefCell<Option<J>>>, generation: u32, report: Report<J>) {
    Timeout::new(0, move || {
        let mut held = slot.borrow_mut();
        let Some(job) = held.as_mut().filter(|j| j.generation() == generation) else { return };
        let start = now_ms();
        while !job.finished() && now_ms() - start < SLICE_MS {
            if let Err(e) = job.step() {
                *held = None;
                drop(held);
                (report.end)(Err(e));
                return;
            }
        }
        (report.progress)(job.progress());
        if !job.finished() {
            drop(held);
            run_in_slices(slot, generation, report);
            return;
        }
        let job = held.take().expect("checked above");
        drop(held);
        (report.end)(Ok(job));
    })
    .forget();
}
