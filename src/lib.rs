//! SES Explorer: explore socio-economic status (SES) formulas that school districts use to
//! rank schools and split money.
//!
//! [`engine`] is the pure-Rust formula engine (no web or I/O dependencies): both the browser
//! app and the `ses` command line run on it, so the same formula file and data give the same
//! numbers everywhere. [`app_state`] is the app's state and actions as plain Rust,
//! [`presets`] the starting formulas, [`charts`] the backend-generic chart drawing, and `ui`
//! (wasm only) the Yew components.

pub mod app_state;
pub mod charts;
pub mod engine;
pub mod format;
pub mod import;
pub mod presets;
pub mod scenario;

#[cfg(target_arch = "wasm32")]
pub mod ui;
