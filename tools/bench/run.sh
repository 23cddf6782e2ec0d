#!/usr/bin/env bash
# The speed figures of issue 17 in one run, printed with the machine's load (not a test: the figures go to the
# closing notes and docs/simulator.md, docs/editor.md). Whole processes, medians of N runs.
#   1. the simulator: `cim bench` (the plain int8 GEMM of the same products as the machine's limit, then the
#      MLP 784-256-10 on 1,000 MNIST digits on an ideal, a noisy, an 'adc ideal' and an exact chip)
#   2. start-up and compile: `cim check` of one file, `cim compile` of ResNet-18 on PIMCOMP's default chip,
#      wall time and peak memory, each in a JVM of its own and then through a warm `cim daemon`
#   3. the language server jar over stdio (LspBenchmark): cold start to the first diagnostics; with --full also
#      edits, completion, hover and inlay hints on ResNet-50 and a 1,000-layer file, and edits of a 70,000-layer
#      file (3.76 MB) and of a 93,000-layer one (5.0 MB, the size issue 17 names; files beyond 6 MiB are refused)
# The first squiggle in a real editor is measured by e2e/vscode (it prints it). The anchors of the issue, for
# comparison: CrossSim 3.2 AnalogCore.matmat 1.12 s in-process (1.66 s whole process) on the same MLP work;
# PIMCOMP-NN ResNet-18 4.46 s and 2.78 GB (measured on this machine type, issue 17).
# Usage: tools/bench/run.sh [--runs N] [--full]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=5
full=false
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --full) full=true; shift ;;
    *) echo "usage: tools/bench/run.sh [--runs N] [--full]" >&2; exit 2 ;;
  esac
done

# each command in a JVM of its own, even when the user runs a daemon; section 2 then starts one of its own
export CIM_DAEMON=off
load() { cut -d' ' -f1-3 /proc/loadavg; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load average $(load)"
./cim check examples/mlp/mlp.cim > /dev/null   # builds the jars and the class-data archive when needed

echo "== 1. simulator (cim bench), load $(load)"
./cim bench

echo "== 2. start-up and compile, $runs runs each, load $(load)"
measure() {
  local label="$1"; shift
  local times=() rss=() out
  local record
  record=$(mktemp)
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$record" "$@" > /dev/null 2>&1
    out=$(tail -1 "$record")
    times+=("${out% *}"); rss+=("${out#* }")
  done
  rm -f "$record"
  printf '%s: median %s s (runs: %s), peak RSS median %s MB\n' "$label" \
    "$(printf '%s\n' "${times[@]}" | median)" "${times[*]}" \
    "$(printf '%s\n' "${rss[@]}" | median | awk '{printf "%.0f", $1 / 1024}')"
}
measure "cim check examples/mlp/mlp.cim" ./cim check examples/mlp/mlp.cim
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
measure "cim compile examples/resnet18/resnet18.cim (PIMCOMP's chip)" ./cim compile examples/resnet18/resnet18.cim -o "$tmp"
echo "where one run's time goes (CIM_TIMING=1):"
CIM_TIMING=1 ./cim check examples/mlp/mlp.cim 2>&1 >/dev/null | grep '^cim: timing:'
CIM_TIMING=1 ./cim compile examples/resnet18/resnet18.cim -o "$tmp" 2>&1 >/dev/null | grep '^cim: timing:'
echo "the same through a warm daemon (cim daemon start; its own socket folder, stopped after), load $(load)"
(
  unset CIM_DAEMON
  export XDG_RUNTIME_DIR="$tmp/run"
  mkdir -m 700 "$XDG_RUNTIME_DIR"
  trap './cim daemon stop > /dev/null 2>&1 || true' EXIT
  ./cim daemon start --idle-minutes 5 > /dev/null
  measure "cim check examples/mlp/mlp.cim, daemon" ./cim check examples/mlp/mlp.cim
  measure "cim compile examples/resnet18/resnet18.cim, daemon" ./cim compile examples/resnet18/resnet18.cim -o "$tmp"
  CIM_TIMING=1 ./cim check examples/mlp/mlp.cim 2>&1 >/dev/null | grep '^cim: timing:'
  CIM_TIMING=1 ./cim compile examples/resnet18/resnet18.cim -o "$tmp" 2>&1 >/dev/null | grep '^cim: timing:'
)

echo "== 3. language server over stdio (LspBenchmark), load $(load)"
if [ ! -f lsp-server/target/cim-lsp.jar ] || [ ! -d lsp-server/target/test-classes ]; then
  mvn -B -q -o install -DskipTests -pl lsp-server >&2 || mvn -B -q install -DskipTests -pl lsp-server >&2
  mvn -B -q -o test-compile -pl lsp-server >&2 || mvn -B -q test-compile -pl lsp-server >&2
fi
if $full; then
  java -cp lsp-server/target/test-classes:lsp-server/target/cim-lsp.jar org.cimlang.lsp.LspBenchmark
  for layers in 70000 93000; do
    java -cp lsp-server/target/test-classes:lsp-server/target/cim-lsp.jar org.cimlang.lsp.LspBenchmark --big-only \
      --big-layers "$layers" --edits 6 --cold-runs 0
  done
else
  java -cp lsp-server/target/test-classes:lsp-server/target/cim-lsp.jar org.cimlang.lsp.LspBenchmark --cold-only
fi
echo "done, load average $(load)"
