#!/usr/bin/env bash
# Installs what building and testing SES Explorer needs, skipping whatever is already there:
# the wasm32 target, Trunk, wasm-bindgen-cli, wasm-opt (binaryen from npm), axe-core (npm, for
# the browser tests' accessibility audit), and the three browser engines the tests drive:
# Debian's Chromium with chromedriver, Firefox ESR with geckodriver (built from crates.io), and
# WebKitGTK's WebKitWebDriver and MiniBrowser (Safari's engine) with Xvfb for its display.
# Everything comes from package registries; nothing is downloaded at build time (Trunk runs
# offline, see Trunk.toml).
#
# Usage: scripts/install-tools.sh [--no-browser]
set -euo pipefail

TRUNK_VERSION=0.21.14
GECKODRIVER_VERSION=0.37.1
WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen crate pin in Cargo.toml
BINARYEN_VERSION=132
AXE_VERSION=4.14.1             # axe-core, injected by the browser tests' accessibility audit
TOOLS_DIR="${SES_TOOLS_DIR:-$HOME/.cache/ses-explorer/tools}"

want_browser=1
[ "${1:-}" = "--no-browser" ] && want_browser=0

log() { printf '[install-tools] %s\n' "$*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  log "installing trunk $TRUNK_VERSION (about 10 minutes on 2 cores)"
  # Trunk's own release profile uses fat LTO; thin settings build it much faster.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install --locked "trunk@$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: the CLI's lockfile names a webpki-roots version the registry lacks.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if [ "$("$TOOLS_DIR/node_modules/.bin/wasm-opt" --version 2>/dev/null | awk '{print $3}')" != "$BINARYEN_VERSION" ]; then
  log "installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into $TOOLS_DIR"
  mkdir -p "$TOOLS_DIR"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR" "binaryen@$BINARYEN_VERSION"
fi

if [ "$want_browser" = 1 ] && ! grep -qs "\"version\": \"$AXE_VERSION\"" "$TOOLS_DIR/node_modules/axe-core/package.json"; then
  log "installing axe-core $AXE_VERSION (npm) into $TOOLS_DIR, for the accessibility audit"
  mkdir -p "$TOOLS_DIR"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR" "axe-core@$AXE_VERSION"
fi

if [ "$want_browser" = 1 ] && { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
    || ! command -v firefox-esr >/dev/null || ! command -v WebKitWebDriver >/dev/null || ! command -v Xvfb >/dev/null; }; then
  log "installing chromium, chromium-driver, firefox-esr, webkit2gtk-driver and xvfb from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver firefox-esr webkit2gtk-driver xvfb >/dev/null
fi

if [ "$want_browser" = 1 ] && [ "$(geckodriver --version 2>/dev/null | head -1 | awk '{print $2}')" != "$GECKODRIVER_VERSION" ]; then
  log "installing geckodriver $GECKODRIVER_VERSION (Firefox's WebDriver server, about 3 minutes on 2 cores)"
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install geckodriver --version "$GECKODRIVER_VERSION"
fi

log "tools ready"
