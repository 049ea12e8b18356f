//! The SES Explorer browser app's entry point (built by Trunk for wasm32).

#[cfg(target_arch = "wasm32")]
fn main() {
    ses_explorer::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("SES Explorer's app runs in the browser: start it with scripts/run.sh (see README.md).");
    std::process::exit(1);
}
