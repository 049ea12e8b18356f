//! `ses`: the SES Explorer formula engine on the command line, for reproducible batch runs.
//! The same formula file and data give the same numbers here as in the browser app.
//!
//! A thin layer over the library: [`args`] is what a person types, [`input`] reads it into
//! engine types (every problem is a [`failure::Failure`]: one paragraph on stderr and its exit
//! code),
//! [`evaluate`] runs the formula and its baseline, one module per subcommand in [`commands`]
//! writes the result, through [`output`].

#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod commands;
#[cfg(not(target_arch = "wasm32"))]
mod evaluate;
#[cfg(not(target_arch = "wasm32"))]
mod failure;
#[cfg(not(target_arch = "wasm32"))]
mod input;
#[cfg(not(target_arch = "wasm32"))]
mod output;

#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use args::{Cli, Command};
    use clap::Parser;

    output::phase("start");
    let result = match Cli::parse().command {
        Command::Score { common, columns } => commands::score::run(&common, &columns),
        Command::Schools(args) => commands::schools::run(&args),
        Command::Students(args) => commands::students::run(&args),
        Command::Explain(args) => commands::explain::run(&args),
        Command::Compare(args) => commands::compare::run(&args),
        Command::Card(args) => commands::card::run(&args),
        Command::Map(args) => commands::map::run(&args),
        Command::Fit(args) => commands::fit::run(&args),
        Command::Demo { out_dir, students, seed } => commands::demo::run(&out_dir, students, seed),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("error: {failure}");
            std::process::ExitCode::from(failure.exit_code())
        }
    }
}

// The command line is native only; the wasm build of the crate still compiles every target.
#[cfg(target_arch = "wasm32")]
fn main() {}
