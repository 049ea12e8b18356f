#!/usr/bin/env bash
# Runs every test of SES Explorer on a fresh or prepared machine:
#   1. installs what is missing (scripts/install-tools.sh; skips what is there),
#   2. builds the app with Trunk (release, as users get it),
#   3. native tests: engine unit tests, doc tests, CLI tests, the Chicago acceptance test,
#      property tests, chart tests, and the real-browser end-to-end tests (headless Chromium),
#      then the layout, presenter and room, app, language, example, width-sweep and offline tests again
#      in Firefox ESR and in WebKit (Safari's engine),
#   4. checks that the engine (src/engine, the crate `ses-engine`) builds alone with none of
#      the app's or the page's dependencies (scripts/check-engine-alone.sh), native and wasm32,
#   5. browser component tests (wasm-bindgen-test in headless Chromium),
#   6. lints: clippy on the native and the wasm32 build, warnings as errors.
# Screenshots and performance figures are written to test-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

step() { printf '\n==> %s\n' "$*"; }

step "installing missing tools"
scripts/install-tools.sh

step "building the app (trunk build --release)"
trunk build --release

step "native tests, including end-to-end tests in headless Chromium"
SES_REQUIRE_E2E=1 cargo test --locked --workspace

# The screens people bring in the other engines: Firefox, and WebKit (every iPhone and iPad).
# One engine alone: SES_BROWSER=webkit cargo test --test e2e_layout (README, "Browsers tested").
for engine in firefox webkit; do
  step "end-to-end tests in $engine"
  SES_BROWSER=$engine SES_REQUIRE_E2E=1 cargo test --locked \
    --test e2e_layout --test e2e_room --test e2e_app --test e2e_lang --test e2e_example --test e2e_sweep --test e2e_offline --test e2e_child
done

if [ -f test-artifacts/perf.json ]; then
  step "performance marks from the end-to-end run (milliseconds)"
  cat test-artifacts/perf.json
  echo
fi

step "the engine compiles alone, with none of the app's or the page's crates (native and wasm32)"
scripts/check-engine-alone.sh

step "browser component tests (wasm-bindgen-test, headless Chromium)"
cargo test --locked --target wasm32-unknown-unknown --test web

step "lints: clippy, native and wasm32, warnings are errors"
if cargo clippy --version >/dev/null 2>&1; then
  cargo clippy --locked --workspace --all-targets -- -D warnings
  cargo clippy --locked --workspace --target wasm32-unknown-unknown --lib --bins --tests -- -D warnings
  # The page's first module is built without the whole page and the workbook reader.
  cargo clippy --locked --target wasm32-unknown-unknown --lib --bins --no-default-features -- -D warnings
else
  echo "clippy is not part of this Rust toolchain (rustup component add clippy); lints not run"
fi
