#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, the newest line whose engines accept Node 20) with
# npm into a cache folder of its own, once; prints the path of its code-server executable.
#   e2e/vscode/install-code-server.sh [CACHE_DIR]    (default $CIM_E2E_CACHE or ~/.cache/cimlang-e2e)
# Needs Node 20+, npm, gcc/g++/make/python3 (argon2 builds from source), libkrb5-dev, ripgrep.
set -euo pipefail
version=4.100.3
cache="${1:-${CIM_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cimlang-e2e}}"
dir="$cache/code-server-$version"
bin="$dir/node_modules/code-server/out/node/entry.js"
launcher="$dir/node_modules/.bin/code-server"

if [ -x "$launcher" ] && [ -f "$dir/.installed" ]; then
  echo "$launcher"
  exit 0
fi

log() { echo "install-code-server: $*" >&2; }
need_apt=()
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v g++ >/dev/null 2>&1 && command -v make >/dev/null 2>&1 || need_apt+=(build-essential)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    log "missing ${need_apt[*]}; install them: sudo apt-get install -y ${need_apt[*]}"
    exit 2
  fi
  log "apt-get install ${need_apt[*]}"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"; } >&2
fi

rm -rf "$dir"
mkdir -p "$dir/tmp"
# @vscode/ripgrep's postinstall downloads rg from GitHub, which is not reachable here, and its failure
# rolls back the whole install. It first looks in $TMPDIR/vscode-ripgrep-cache-<its version>/ for
# the release tarball: put one there holding Debian's rg (same major version, 13).
rg_cache="$dir/tmp/vscode-ripgrep-cache-1.15.11"
mkdir -p "$rg_cache/stage"
cp "$(command -v rg)" "$rg_cache/stage/rg"
tar -C "$rg_cache/stage" -czf "$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" rg
rm -rf "$rg_cache/stage"

echo '{ "name": "cimlang-e2e-code-server", "private": true }' > "$dir/package.json"
log "npm install code-server@$version into $dir (1-3 min, ~300 MB)"
start=$(date +%s)
# npm_config_yes: node-pty's postinstall runs `npx node-gyp`, which aborts when npx may not ask.
# npm_config_unsafe_perm: its postinstall refuses to run as root otherwise.
# npm_config_dangerously_allow_all_scripts: npm 11.19+ skips dependencies' install scripts unless
# approved, and code-server's postinstall (which installs VS Code's own dependencies with a nested
# npm) is one; this restores the default of earlier npm for this one install.
( cd "$dir" && TMPDIR="$dir/tmp" npm_config_yes=true npm_config_unsafe_perm=true \
    npm_config_dangerously_allow_all_scripts=true npm_config_fund=false npm_config_audit=false \
    timeout 1200 npm install --foreground-scripts --no-save "code-server@$version" ) >"$dir/install.log" 2>&1 || {
  log "npm install failed; the last lines of $dir/install.log:"
  tail -30 "$dir/install.log" >&2
  exit 2
}
[ -f "$bin" ] && [ -x "$launcher" ] || { log "code-server is not where expected ($bin)"; exit 2; }
rm -rf "$dir/tmp"
touch "$dir/.installed"
log "installed in $(( $(date +%s) - start )) s"
echo "$launcher"
