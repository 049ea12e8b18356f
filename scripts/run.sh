#!/usr/bin/env bash
# Builds SES Explorer and serves it on the synthetic demo district at a local address.
# Usage: scripts/run.sh [PORT]   (default 8080)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
port="${1:-8080}"
scripts/install-tools.sh --no-browser
echo "SES Explorer: open http://127.0.0.1:$port/ in your browser (Ctrl-C stops it)."
exec trunk serve --release --address 127.0.0.1 --port "$port" --open=false --disable-address-lookup --no-autoreload
