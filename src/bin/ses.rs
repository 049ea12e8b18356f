//! `ses`: the SES Explorer formula engine on the command line, for reproducible batch runs.
//! The same formula file and data give the same numbers here as in the browser app.

#[cfg(not(target_arch = "wasm32"))]
#[path = "ses/cli.rs"]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

// The command line is native only; the wasm build of the crate still compiles every target.
#[cfg(target_arch = "wasm32")]
fn main() {}
