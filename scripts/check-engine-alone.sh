#!/usr/bin/env bash
# The engine (src/engine) is a crate of its own, `ses-engine`: this checks that it builds by
# itself, natively and for wasm32, and that nothing of the browser (yew, web-sys,
# wasm-bindgen, js-sys, gloo, plotters) is among its dependencies on either target. (In the
# browser the workbook reader's zip support draws wasm-bindgen in through getrandom; the
# workbook worker carries that, the page's engine is built without it.)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo check --quiet --locked -p ses-engine
cargo check --quiet --locked -p ses-engine --target wasm32-unknown-unknown --no-default-features
for target in "" "--target wasm32-unknown-unknown --no-default-features"; do
  # shellcheck disable=SC2086
  deps="$(cargo tree --locked -p ses-engine -e normal --prefix none $target | sed 's/ .*//' | sort -u)"
  web="$(grep -E '^(yew|web-sys|wasm-bindgen|js-sys|gloo|plotters)' <<<"$deps" || true)"
  if [ -n "$web" ]; then
    echo "the engine depends on browser crates ${target:-natively}: $web" >&2
    exit 1
  fi
done
echo "the engine builds on its own (native and wasm32), with none of the app's or the page's crates"
