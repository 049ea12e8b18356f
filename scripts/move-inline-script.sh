#!/usr/bin/env bash
# Trunk post-build hook: moves the inline module script that Trunk writes into index.html (it
# starts the WebAssembly app) into its own file, so the page's Content-Security-Policy can
# forbid inline scripts altogether ("script-src 'self'").
set -euo pipefail
dir="${TRUNK_STAGING_DIR:?run by Trunk as a post_build hook}"
html="$dir/index.html"
tmp="$dir/start.js.tmp"
awk -v script="$tmp" '
  !moved && /<script type="module"[^>]*>/ && !/src=/ { inside = 1; sub(/.*<script type="module"[^>]*>/, ""); }
  inside {
    if (index($0, "</script>")) { line = $0; sub(/<\/script>.*/, "", line); print line > script; inside = 0; moved = 1; print "<script type=\"module\" src=\"./START_JS\"></script>"; next }
    print > script; next
  }
  { print }
' "$html" > "$html.new"
if [ ! -s "$tmp" ]; then
  echo "move-inline-script: no inline module script found in $html" >&2
  rm -f "$html.new" "$tmp"
  exit 1
fi
name="start-$(sha256sum "$tmp" | cut -c1-16).js"
mv "$tmp" "$dir/$name"
sed "s#\./START_JS#./$name#" "$html.new" > "$html"
rm -f "$html.new"
bash "$(dirname "$0")/write-service-worker.sh"
