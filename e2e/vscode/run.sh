#!/usr/bin/env bash
# Real VS Code end-to-end test of the cimlang extension: code-server 4.100.3 (npm, cached) with the
# .vsix installed, driven in Debian's Chromium by playwright-core (check.js). Exit code 0 pass,
# 1 fail, 2 could not run. Screenshots (PNG) and, on failure, logs go to e2e/vscode/target/.
#   e2e/vscode/run.sh                 builds the .vsix with vscode-extension/build.sh first
#   CIM_VSIX=path.vsix e2e/vscode/run.sh
#   CIM_E2E_CACHE=dir                 where code-server is installed (default ~/.cache/cimlang-e2e)
#   CIM_E2E_REQUIRE=quickfix,hover,inlay,completion   fail instead of skip when the server lacks one
#   CIM_E2E_SERVER_TIMING=1           the server logs its start-up steps (see below)
# First run: ~3-8 min (code-server install, native builds); later runs ~1 min.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
target="$here/target"
chromium="${CHROMIUM:-/usr/bin/chromium}"
start=$(date +%s)

fail2() { echo "vscode e2e: $*" >&2; exit 2; }

command -v node >/dev/null 2>&1 || fail2 "node not found (Node 20+ needed)"
[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] || fail2 "Node $(node --version) found; Node 20+ needed"
command -v java >/dev/null 2>&1 || fail2 "java not found on PATH (the language server needs Java 17+)"
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "vscode e2e: installing chromium with apt-get" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >&2 || fail2 "apt-get install chromium failed"
  else
    fail2 "$chromium not found; install it: sudo apt-get install -y chromium"
  fi
fi

# the extension
if [ -n "${CIM_VSIX:-}" ]; then
  vsix="$CIM_VSIX"
else
  echo "== building the extension (vscode-extension/build.sh)"
  "$repo/vscode-extension/build.sh" >"${TMPDIR:-/tmp}/cim-vsix-build.log" 2>&1 || {
    tail -30 "${TMPDIR:-/tmp}/cim-vsix-build.log" >&2; fail2 "vscode-extension/build.sh failed"; }
  vsix="$(ls "$repo"/vscode-extension/cim-*.vsix | head -1)"
fi
[ -f "$vsix" ] || fail2 "no .vsix at $vsix"

# code-server (cached) and the driver's playwright-core (package-lock.json beside this script)
cs="$("$here/install-code-server.sh")" || fail2 "installing code-server failed"
if [ ! -f "$here/node_modules/.package-lock.json" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  (cd "$here" && npm ci --no-audit --no-fund >&2) || fail2 "npm ci of playwright-core failed"
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/cim-vscode-e2e.XXXXXX")"
cs_pgid=""
cleanup() {
  # code-server runs in a process group of its own (setsid): end exactly that group
  if [ -n "$cs_pgid" ]; then
    kill -TERM -- "-$cs_pgid" 2>/dev/null
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 -- "-$cs_pgid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$cs_pgid" 2>/dev/null
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
mkdir -p "$tmp/work" "$tmp/user-data/User" "$tmp/extensions" "$tmp/tmp" "$tmp/xdg/config" "$tmp/xdg/data" "$tmp/xdg/cache" "$tmp/xdg/state" "$tmp/profile"
cp "$repo/e2e/fixtures/overflow.cim" "$tmp/work/overflow.cim"
# CIM: Show mapping report falls back to the cim command line while the server has no cim/compile:
# give it the built CLI jar directly (the repository's ./cim launcher would rebuild with Maven)
cli_setting=""
# CIM_E2E_SERVER_TIMING=1: the server writes its start-up steps (with the wall clock) to the output
# channel "cimlang Language Server" (copied to target/code-server-logs), to line them up with check.js
[ "${CIM_E2E_SERVER_TIMING:-0}" = 1 ] && timing_setting='"cim.server.vmargs": ["-Dcim.lsp.timing=true"],' || timing_setting=""
if [ -f "$repo/cli/target/cim.jar" ]; then
  mkdir -p "$tmp/bin"
  printf '#!/bin/sh\nexec java -jar "%s" "$@"\n' "$repo/cli/target/cim.jar" >"$tmp/bin/cim"
  chmod +x "$tmp/bin/cim"
  cli_setting="\"cim.cli.path\": \"$tmp/bin/cim\","
fi
# a quiet workbench: no welcome page, no update or gallery checks, suggestions only on request
cat >"$tmp/user-data/User/settings.json" <<JSON
{
  $cli_setting
  $timing_setting
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "security.workspace.trust.enabled": false,
  "editor.quickSuggestions": { "other": false, "comments": false, "strings": false },
  "editor.suggestOnTriggerCharacters": false,
  "editor.acceptSuggestionOnEnter": "off",
  "editor.hover.delay": 300,
  "editor.inlayHints.enabled": "on",
  "files.autoSave": "off",
  "chat.disableAIFeatures": true
}
JSON
export TMPDIR="$tmp/tmp" XDG_CONFIG_HOME="$tmp/xdg/config" XDG_DATA_HOME="$tmp/xdg/data" XDG_CACHE_HOME="$tmp/xdg/cache" XDG_STATE_HOME="$tmp/xdg/state"
printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' >"$tmp/config.yaml"

echo "== installing $(basename "$vsix") into code-server"
timeout 120 "$cs" --config "$tmp/config.yaml" --user-data-dir "$tmp/user-data" --extensions-dir "$tmp/extensions" \
  --install-extension "$vsix" >"$tmp/install-extension.log" 2>&1 || { cat "$tmp/install-extension.log" >&2; fail2 "code-server --install-extension failed"; }
timeout 60 "$cs" --config "$tmp/config.yaml" --user-data-dir "$tmp/user-data" --extensions-dir "$tmp/extensions" --list-extensions 2>/dev/null \
  | grep -qx 'cimlang.cim' || fail2 "cimlang.cim is not listed after --install-extension"

port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
echo "== code-server $( "$cs" --config "$tmp/config.yaml" --version 2>/dev/null | head -1 ) on 127.0.0.1:$port"
setsid "$cs" --config "$tmp/config.yaml" --auth none --bind-addr "127.0.0.1:$port" --user-data-dir "$tmp/user-data" \
  --extensions-dir "$tmp/extensions" --disable-workspace-trust --disable-telemetry --disable-update-check \
  --disable-getting-started-override "$tmp/work" >"$tmp/code-server.log" 2>&1 </dev/null &
cs_pgid=$!

rm -rf "$target" && mkdir -p "$target"
echo "== driving Chromium (check.js)"
CS_URL="http://127.0.0.1:$port" WORK_DIR="$tmp/work" OUT_DIR="$target" PROFILE_DIR="$tmp/profile" CHROMIUM="$chromium" \
  timeout --kill-after=10 660 node "$here/check.js"
rc=$?
# logs (the extension host's folder holds the output channels: cimlang, cimlang Language Server)
cp "$tmp/code-server.log" "$target/" 2>/dev/null
[ -d "$tmp/user-data/logs" ] && cp -r "$tmp/user-data/logs" "$target/code-server-logs"
cp "$tmp/work/overflow.cim" "$target/overflow.cim.after" 2>/dev/null
if [ "$rc" != 0 ]; then
  echo "vscode e2e: FAIL (exit $rc) after $(( $(date +%s) - start )) s; screenshots and logs in $target" >&2
  exit 1
fi
echo "vscode e2e: PASS in $(( $(date +%s) - start )) s; screenshots in $target"
