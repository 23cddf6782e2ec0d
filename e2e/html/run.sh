#!/usr/bin/env bash
# The HTML reports in a real browser: writes `cim compile --html` for every shipped example with a mapping
# and `cim run --html` for SPIRIT, SRAM-BNN and the MLP (first 200 images) and `cim sweep --html` for the
# MLP's ADC-by-array grid, opens each in Debian's Chromium
# (playwright-core, check.js) and fails when a chart is missing or empty or the console shows an error.
# Screenshots (PNG) go to e2e/html/target/. Exit code 0 pass, 1 fail, 2 could not run. ~1 min.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
target="$here/target"
chromium="${CHROMIUM:-/usr/bin/chromium}"
fail2() { echo "html e2e: $*" >&2; exit 2; }

command -v node >/dev/null 2>&1 || fail2 "node not found (Node 20+ needed)"
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" = 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >&2 || fail2 "apt-get install chromium failed"
  else
    fail2 "$chromium not found; install it: sudo apt-get install -y chromium"
  fi
fi
# playwright-core: the VS Code test's pinned copy (package-lock.json there)
vs="$repo/e2e/vscode"
if [ ! -f "$vs/node_modules/.package-lock.json" ] || [ "$vs/package-lock.json" -nt "$vs/node_modules/.package-lock.json" ]; then
  (cd "$vs" && npm ci --no-audit --no-fund >&2) || fail2 "npm ci of playwright-core failed"
fi

rm -rf "$target" && mkdir -p "$target/reports"
reports=()
for f in "$repo"/examples/*/*.cim; do
  grep -q '^mapping ' "$f" || continue
  name="$(basename "$(dirname "$f")")-$(basename "$f" .cim)"
  out="$target/reports/$name-compile.html"
  "$repo/cim" compile "$f" -o "$target/programs" --html "$out" >/dev/null 2>"$target/$name-compile.log" \
    || { cat "$target/$name-compile.log" >&2; fail2 "cim compile $f failed"; }
  reports+=("$out")
done
for f in spirit/spirit.cim sram-bnn/sram-bnn.cim mlp/mlp.cim faults/stuck-mlp.cim; do
  name="$(basename "$f" .cim)"
  out="$target/reports/$name-run.html"
  limit=(); case "$name" in mlp|stuck-mlp) limit=(--limit 200);; esac
  "$repo/cim" run "$repo/examples/$f" "${limit[@]}" --html "$out" >/dev/null 2>"$target/$name-run.log" \
    || { tail -20 "$target/$name-run.log" >&2; fail2 "cim run $f failed"; }
  reports+=("$out")
done
# a sweep's report: the ADC-by-array grid of the MLP, costed (compile only, a few seconds with Spark's start)
out="$target/reports/adc-cost-sweep.html"
"$repo/cim" sweep "$repo/examples/mlp/adc-study.cim" --sweep AdcCost -o "$target/sweeps/AdcCost" --html "$out" \
  >/dev/null 2>"$target/adc-cost-sweep.log" || { tail -20 "$target/adc-cost-sweep.log" >&2; fail2 "cim sweep AdcCost failed"; }
reports+=("$out")
echo "html e2e: ${#reports[@]} reports"
node "$here/check.js" "$target" "${reports[@]}"
