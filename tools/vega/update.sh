#!/usr/bin/env bash
# Refreshes the Vega bundles inside cimlang's HTML reports from npm (the versions in package.json).
# Why vendored: reports must open offline and the Maven build must not need npm or a network.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="$here/../../compiler/src/main/resources/org/cimlang/compiler/html"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/package.json" "$work/"
(cd "$work" && npm install --no-audit --no-fund --ignore-scripts >/dev/null)
cp "$work/node_modules/vega/build/vega.min.js" "$work/node_modules/vega-lite/build/vega-lite.min.js" \
   "$work/node_modules/vega-embed/build/vega-embed.min.js" "$dest/"
{
  echo "Vega, Vega-Lite and vega-embed (npm; versions in tools/vega/package.json), bundled into cimlang's HTML reports."
  echo "All three are BSD-3-Clause:"
  echo
  cat "$work/node_modules/vega/LICENSE"
} > "$dest/VEGA-LICENSE.txt"
echo "updated $dest"
