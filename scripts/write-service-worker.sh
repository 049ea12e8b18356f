#!/usr/bin/env bash
# Trunk post-build hook: writes the service worker (assets/service-worker.js) into the build
# with this build's file list and a version made from their contents, so that a new build is a
# new worker and a new cache, and an unchanged build is the same worker (no needless update).
set -euo pipefail
dir="${TRUNK_STAGING_DIR:?run by Trunk as a post_build hook}"
source_dir="${TRUNK_SOURCE_DIR:-.}"
template="$source_dir/assets/service-worker.js"
cd "$dir"
# Every file of the app itself; the examples are kept only once a person opens one.
mapfile -t files < <(find . -type f ! -path './examples/*' ! -name 'service-worker.js' | sed 's#^\./##' | LC_ALL=C sort)
version="$(sha256sum "${files[@]}" | sha256sum | cut -c1-16)"
list="[$(printf '"./%s",' "${files[@]}" | sed 's/,$//')]"
sed -e "s#__SES_VERSION__#$version#" -e "s#__SES_APP_FILES__#$list#" "$template" > service-worker.js
