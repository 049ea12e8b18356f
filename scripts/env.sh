# Sourced by the other scripts: puts the locally installed wasm-opt (npm binaryen) first on
# PATH, where Trunk looks for it.
SES_TOOLS_DIR="${SES_TOOLS_DIR:-$HOME/.cache/ses-explorer/tools}"
export PATH="$SES_TOOLS_DIR/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Trunk must not look for updates or download tools (no network is assumed).
export TRUNK_SKIP_VERSION_CHECK=true
