#!/usr/bin/env bash
# Neovim end-to-end test of the cimlang language server (Debian's neovim 0.7.2, headless):
# opens a .cim file whose mapping overflows its chip, waits for the overflow error, raises the
# tiles, and checks that the error clears. Exit code 0 pass, 1 fail, 2 could not run.
#   e2e/neovim/run.sh                  uses lsp-server/target/cim-lsp.jar
#   CIM_LSP_JAR=/path/cim-lsp.jar e2e/neovim/run.sh
# Installs neovim with apt-get when it is missing (as root). Takes ~5-10 s.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
jar="${CIM_LSP_JAR:-$repo/lsp-server/target/cim-lsp.jar}"
target="$here/target"

if [ ! -f "$jar" ]; then
  echo "neovim e2e: no language server jar at $jar; build it: cd $repo && mvn -q -B -pl lsp-server -am install -DskipTests" >&2
  exit 2
fi
if ! command -v nvim >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "neovim e2e: installing neovim with apt-get" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq neovim; } >&2 || { echo "neovim e2e: apt-get install neovim failed" >&2; exit 2; }
  else
    echo "neovim e2e: nvim not found; install it: sudo apt-get install -y neovim" >&2
    exit 2
  fi
fi
command -v java >/dev/null 2>&1 || { echo "neovim e2e: java not found on PATH (the server needs Java 17+)" >&2; exit 2; }
nvim_version=$(nvim --version | head -1)
case "$nvim_version" in
  "NVIM v0.7"*|"NVIM v0.8"*|"NVIM v0.9"*|"NVIM v0.1"[0-9]*) ;;
  *) echo "neovim e2e: $nvim_version found; the test needs Neovim 0.7 or newer (built-in LSP client)" >&2; exit 2 ;;
esac

tmp="$(mktemp -d "${TMPDIR:-/tmp}/cim-nvim-e2e.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/work" "$tmp/config" "$tmp/data" "$tmp/state" "$tmp/cache"
# its own folder: the server checks every .cim file of the workspace (names are unique per package)
cp "$repo/e2e/fixtures/overflow.cim" "$tmp/work/overflow.cim"

export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache"
export CIM_E2E_JAR="$jar" CIM_E2E_RESULT="$tmp/result.txt" CIM_E2E_TIMEOUT_MS="${CIM_E2E_TIMEOUT_MS:-60000}"

echo "== neovim e2e: $nvim_version, $(java -version 2>&1 | head -1), jar $(date -r "$jar" '+%Y-%m-%d %H:%M')"
start=$(date +%s%N)
# the outer bound covers both waits of init.lua plus start and shutdown
timeout --kill-after=10 240 nvim --headless -n -i NONE -u "$here/init.lua" "$tmp/work/overflow.cim" +'lua Check()' \
  </dev/null >"$tmp/nvim.out" 2>&1
rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))

if [ -f "$tmp/result.txt" ]; then
  sed 's/^/  /' "$tmp/result.txt"
else
  echo "  (init.lua wrote no result; nvim output:)"
  sed 's/^/  /' "$tmp/nvim.out"
fi
if [ "$rc" = 0 ] && grep -q 'PASS$' "$tmp/result.txt" 2>/dev/null; then
  echo "neovim e2e: PASS in ${ms} ms"
  exit 0
fi
# keep what explains the failure
mkdir -p "$target"
cp "$tmp/result.txt" "$tmp/nvim.out" "$target/" 2>/dev/null
cp "$tmp/cache/nvim/lsp.log" "$target/lsp.log" 2>/dev/null
[ "$rc" = 124 ] && echo "neovim e2e: nvim did not finish within 240 s" >&2
echo "neovim e2e: FAIL (exit $rc) in ${ms} ms; result, nvim output and lsp.log (server stderr) in $target" >&2
exit 1
