#!/usr/bin/env bash
# Builds the cimlang VS Code extension into vscode-extension/cim-<version>.vsix:
# npm ci (when package-lock.json changed), tsc, unit tests, copy the language server jar,
# vsce package. Needs Node 20+ and npm; builds the server jar with Maven if it is missing.
#   ./build.sh            build (the jar from lsp-server/target/cim-lsp.jar)
#   CIM_NPM_CI=1 ./build.sh   force a fresh npm ci
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
cd "$here"

command -v node >/dev/null || { echo "build.sh: node not found; install Node.js 20+ (e.g. apt-get install nodejs npm)" >&2; exit 2; }
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "build.sh: Node $(node --version) found; the extension build (@vscode/vsce 3) needs Node 20+" >&2
  exit 2
fi

# npm ci wipes node_modules; skip it when the installed tree already matches the lock file
if [ "${CIM_NPM_CI:-0}" = 1 ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== npm ci"
  npm ci --no-audit --no-fund
fi

# one file for VS Code to load (esbuild): the ~100 modules of tsc's output and vscode-languageclient
# took 200 ms to load in code-server's extension host, part of the first squiggle's wait
echo "== tsc, esbuild"
npm run --silent compile
echo "== unit tests"
npm test --silent

jar="$repo/lsp-server/target/cim-lsp.jar"
if [ ! -f "$jar" ]; then
  echo "== building the language server jar (mvn -pl lsp-server -am package)"
  (cd "$repo" && mvn -q -B -pl lsp-server -am package -DskipTests)
fi
[ -f "$jar" ] || { echo "build.sh: $jar is missing after the Maven build" >&2; exit 2; }
mkdir -p server
rm -f server/cim-lsp.jsa server/cim-lsp.jsa.properties
# cp -p: the class-data archive beside the jar only loads with the jar's time stamp of the build
cp -p "$jar" server/cim-lsp.jar
# the archive the lsp-server build trains (target/cim-lsp.jsa): the server uses it from the first start
# when the user's JVM is the one that wrote it (see lsp-server's ShippedArchive), else its cache's
archive="$(dirname "$jar")/cim-lsp.jsa"
if [ -f "$archive" ] && [ -f "$archive.properties" ] && [ "$archive.properties" -nt "$jar" ]; then
  cp -p "$archive" "$archive.properties" server/
  echo "== bundled the class-data archive ($(du -h server/cim-lsp.jsa | cut -f1), $(grep '^java.vm.version=' server/cim-lsp.jsa.properties))"
fi
echo "== bundled $(du -h server/cim-lsp.jar | cut -f1) server jar built $(date -r "$jar" '+%Y-%m-%d %H:%M')"

version=$(node -p 'require("./package.json").version')
vsix="$here/cim-$version.vsix"
rm -f "$here"/cim-*.vsix
echo "== vsce package"
# no stdin: vsce must never wait for an answer
npx --no-install vsce package --out "$vsix" < /dev/null
contents="$(unzip -Z1 "$vsix")"
for f in extension/server/cim-lsp.jar extension/out/bundle/extension.js extension/node_modules/vscode-languageclient/node.js \
         extension/syntaxes/cim.tmLanguage.json extension/LICENSE.txt; do
  grep -qx "$f" <<<"$contents" || { echo "build.sh: $vsix lacks $f" >&2; exit 1; }
done
echo "== built $vsix ($(du -h "$vsix" | cut -f1))"
