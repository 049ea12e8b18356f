#!/usr/bin/env bash
# Builds src/engine/ as a crate of its own, with only the engine's dependencies (no yew,
# web-sys, wasm-bindgen, plotters, nor anything of src/app or src/ui): the engine compiling
# this way is the proof that it stands alone, natively and for wasm32.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
crate="$root/target/engine-alone"
mkdir -p "$crate/src"
cat > "$crate/Cargo.toml" <<TOML
[package]
name = "ses-engine-alone"
version = "0.0.0"
edition = "2024"
publish = false

[lib]
path = "src/lib.rs"

[features]
default = ["parallel", "workbook"]
parallel = ["dep:rayon"]
workbook = ["dep:calamine"]

[dependencies]
csv = "1.3"
encoding_rs = "0.8"
calamine = { version = "0.38", default-features = false, optional = true }
itoa = "1"
serde = { version = "1", features = ["derive"] }
serde_json = "1"
thiserror = "2"
rand = { version = "0.9", default-features = false, features = ["std_rng"] }
rand_chacha = { version = "0.9", default-features = false }
microlp = "0.2"

[target.'cfg(not(target_arch = "wasm32"))'.dependencies]
rayon = { version = "1", optional = true }

[workspace]
TOML
cat > "$crate/src/lib.rs" <<RUST
//! The engine of SES Explorer, compiled alone.
#[path = "$root/src/engine/mod.rs"]
pub mod engine;
RUST
# The project's lock file pins the same versions (and lets this run offline).
cp "$root/Cargo.lock" "$crate/Cargo.lock"
export CARGO_TARGET_DIR="$root/target/engine-alone-target"
cargo check --quiet --manifest-path "$crate/Cargo.toml"
cargo check --quiet --manifest-path "$crate/Cargo.toml" --target wasm32-unknown-unknown --no-default-features
echo "the engine builds on its own (native and wasm32), with none of the app's or the page's crates"
