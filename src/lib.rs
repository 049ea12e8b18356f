//! SES Explorer: explore socio-economic status (SES) formulas that school districts use to
//! rank schools and split money.
//!
//! [`engine`] is the pure-Rust formula engine (no web or I/O dependencies): both the browser
//! app and the `ses` command line run on it, so the same formula file and data give the same
//! numbers everywhere. [`app`] is the app's logic as plain Rust (state and actions, presets,
//! import, scenarios, charts, formatting), `ui` (wasm only) the Yew components over it, and
//! `src/bin/ses` the command line.

pub mod app;
/// The formula engine, a crate of its own (`src/engine`), here under its old name.
pub use ses_engine as engine;

#[cfg(target_arch = "wasm32")]
pub mod ui;
