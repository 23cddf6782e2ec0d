#!/usr/bin/env bash
# Runs the end-to-end tests of the language server in real editors and exits non-zero if one fails:
#   1. Neovim 0.7 headless (e2e/neovim/run.sh)
#   2. VS Code: code-server 4.100.3 + Chromium with the built .vsix (e2e/vscode/run.sh)
#   3. HTML reports: every example's `cim compile --html` and three `cim run --html` in Chromium (e2e/html/run.sh)
#   4. `cim daemon` with the real jar: check and compile through it print what they print without it (e2e/daemon/run.sh)
# Needs JDK 17, Node 20+, npm, and apt-get (as root) for neovim/chromium/ripgrep/libkrb5-dev when
# missing. Builds lsp-server/target/cim-lsp.jar with Maven if it is missing.
#
# Time measured on a 2-core machine of the project's kind (with the jar already built):
#   neovim                                    3-7 s
#   vscode, warm (code-server cached)         ~70 s (vsix build ~20 s, code-server + checks ~35 s)
#   vscode, first run on a machine            ~4 min: add the code-server install (~2 min, native
#                                             builds, 300 MB in ~/.cache/cimlang-e2e) and npm ci
#   whole run-all.sh: ~75 s warm, ~4 min cold (measured 73 s and 237 s)
#   html                                      ~75 s (11 reports written by cim, then drawn in Chromium)
#   daemon                                    ~25 s
# Set CIM_E2E_SKIP=vscode (or neovim, html, daemon; comma-separated) to skip some.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
skip=",${CIM_E2E_SKIP:-},"

if [ ! -f "$repo/lsp-server/target/cim-lsp.jar" ] && [ -z "${CIM_LSP_JAR:-}" ]; then
  echo "== building the language server jar (mvn -pl lsp-server -am package -DskipTests)"
  (cd "$repo" && mvn -q -B -pl lsp-server -am package -DskipTests) || { echo "e2e: the server build failed" >&2; exit 2; }
fi

passed=0 failed=0 skipped=0
summary=()
run() {
  local name="$1" script="$2"
  if [[ "$skip" == *",$name,"* ]]; then
    skipped=$((skipped + 1)); summary+=("  SKIPPED $name (CIM_E2E_SKIP)"); return
  fi
  echo "==== $name e2e ($script)"
  local start rc secs
  start=$(date +%s)
  "$script"
  rc=$?
  secs=$(( $(date +%s) - start ))
  if [ "$rc" = 0 ]; then
    passed=$((passed + 1)); summary+=("  PASS    $name (${secs} s)")
  else
    failed=$((failed + 1)); summary+=("  FAIL    $name (exit $rc, ${secs} s)")
  fi
}

total_start=$(date +%s)
run neovim "$here/neovim/run.sh"
run vscode "$here/vscode/run.sh"
run html "$here/html/run.sh"
run daemon "$here/daemon/run.sh"
echo "==== end-to-end tests ($(( $(date +%s) - total_start )) s)"
printf '%s\n' "${summary[@]}"
echo "e2e: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
