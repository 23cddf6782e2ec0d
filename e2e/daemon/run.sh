#!/usr/bin/env bash
# `cim daemon` with the real jar and real processes: start it, check that `cim check` and `cim compile`
# print, exit and write exactly what they do without it (CIM_DAEMON=off), time both ways, stop it.
# Uses a private socket folder (XDG_RUNTIME_DIR) so that a daemon the user runs is not touched.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
./cim --version > /dev/null   # builds the jar and the class-data archive when needed

work=$(mktemp -d)
export XDG_RUNTIME_DIR="$work/run"
mkdir -m 700 "$XDG_RUNTIME_DIR"
cleanup() { ./cim daemon stop > /dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "daemon e2e: FAIL: $*" >&2; exit 1; }

if ./cim daemon status > "$work/status" 2>&1; then fail "a daemon runs before the start: $(cat "$work/status")"; fi
grep -q "none running" "$work/status" || fail "status without a daemon: $(cat "$work/status")"
./cim daemon start --idle-minutes 5 | tee "$work/start"
grep -q "^cim daemon: started: daemon pid " "$work/start" || fail "start: $(cat "$work/start")"
./cim daemon status | grep -q "requests served" || fail "status after the start"

served() { "$repo/cim" daemon status | sed -n 's/.*, \([0-9,]*\) requests served.*/\1/p' | tr -d ,; }
# the same bytes and exit code both ways (and the first way did go through the daemon)
same() {
  local label="$1"; shift
  local rc_d=0 rc_o=0 before
  before=$(served)
  "$@" > "$work/d.out" 2> "$work/d.err" || rc_d=$?
  [ "$(served)" = $((before + 1)) ] || fail "$label: the daemon did not serve it ($before requests before, $(served) after)"
  CIM_DAEMON=off "$@" > "$work/o.out" 2> "$work/o.err" || rc_o=$?
  [ "$rc_d" = "$rc_o" ] || fail "$label: exit $rc_d through the daemon, $rc_o without"
  cmp -s "$work/d.out" "$work/o.out" || { diff "$work/d.out" "$work/o.out" | head; fail "$label: stdout differs"; }
  cmp -s "$work/d.err" "$work/o.err" || { diff "$work/d.err" "$work/o.err" | head; fail "$label: stderr differs"; }
  echo "  same output and exit code ($rc_d) both ways: $label"
}
same "cim check examples/mlp/mlp.cim" ./cim check examples/mlp/mlp.cim
same "cim check examples/ (every example)" ./cim check examples/
same "cim check --format sarif examples/chips" ./cim check --format sarif examples/chips
printf 'chip Broken { arrays 0 of 128 x 128 }\n' > "$work/broken.cim"
same "cim check of a file with errors" ./cim check "$work/broken.cim"
same "cim check of a missing file" ./cim check "$work/missing.cim"
(cd examples && same "cim check with a relative path from examples/" ../cim check resnet18/resnet18.cim)
# one that must not be served: picocli would read @FILE in the daemon's folder
printf 'examples/mlp/mlp.cim\n' > "$work/args.txt"
before=$(served)
./cim check "@$work/args.txt" > /dev/null
[ "$(served)" = "$before" ] || fail "an @file command line went through the daemon"
echo "  not served, run in its own JVM: cim check @FILE"

mkdir "$work/with" "$work/without"
before=$(served)
./cim compile examples/resnet18/resnet18.cim -o "$work/with" > "$work/with.txt" 2> /dev/null
CIM_DAEMON=off ./cim compile examples/resnet18/resnet18.cim -o "$work/without" > "$work/without.txt" 2> /dev/null
[ "$(served)" = $((before + 1)) ] || fail "compile: the daemon did not serve it"
cmp -s "$work/with.txt" "$work/without.txt" || fail "compile: the reports differ"
cmp -s "$work/with/ResNet18OnPimcomp.program.json" "$work/without/ResNet18OnPimcomp.program.json" \
  || fail "compile: the programs differ"
echo "  same report and program both ways: cim compile examples/resnet18/resnet18.cim"

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
timed() {
  local label="$1"; shift
  local times=()
  local t0
  for _ in 1 2 3 4 5; do
    t0=$EPOCHREALTIME
    "$@" > /dev/null 2>&1 || true
    times+=("$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.2f", b - a}')")
  done
  echo "  $label: median $(printf '%s\n' "${times[@]}" | median) s (runs: ${times[*]})"
}
timed "check, daemon" ./cim check examples/mlp/mlp.cim
timed "check, no daemon" env CIM_DAEMON=off ./cim check examples/mlp/mlp.cim
timed "compile ResNet-18, daemon" ./cim compile examples/resnet18/resnet18.cim -o "$work/with"
timed "compile ResNet-18, no daemon" env CIM_DAEMON=off ./cim compile examples/resnet18/resnet18.cim -o "$work/with"

./cim daemon stop | grep -q "^cim daemon: stopping daemon pid " || fail "stop"
if ./cim daemon status > /dev/null 2>&1; then fail "the daemon still answers after stop"; fi
[ -z "$(find "$XDG_RUNTIME_DIR" -name '*.sock')" ] || fail "the socket is left after stop"
# stop waits until the daemon has let go of its lock, so a start right after it works
./cim daemon start --idle-minutes 5 | grep -q "^cim daemon: started: " || fail "start right after stop"
./cim daemon stop > /dev/null || fail "the second stop"
echo "  started again right after stop, and stopped"

# a check typed at a terminal (script(1) gives it one) leaves a daemon behind for the next command; one without
# a terminal, or with CIM_DAEMON=manual, does not
at_terminal() { script -qec "$*" /dev/null < /dev/null; }
# a daemon just started answers only after its warm-up (seconds), but its log is created at once
rm -f "$XDG_RUNTIME_DIR"/cimlang/*.log
./cim check examples/mlp/mlp.cim > /dev/null
CIM_DAEMON=manual at_terminal ./cim check examples/mlp/mlp.cim > "$work/tty.txt"
[ -z "$(find "$XDG_RUNTIME_DIR" -name '*.log')" ] \
  || fail "a check without a terminal or with CIM_DAEMON=manual started a daemon"
grep -q "starting a daemon" "$work/tty.txt" && fail "CIM_DAEMON=manual said it started a daemon"
at_terminal ./cim check examples/mlp/mlp.cim > "$work/tty.txt" || fail "the check at a terminal: $(cat "$work/tty.txt")"
grep -q "cim: starting a daemon in the background" "$work/tty.txt" \
  || fail "the check at a terminal did not say it started a daemon: $(cat "$work/tty.txt")"
for _ in $(seq 1 600); do ./cim daemon status > /dev/null 2>&1 && break; sleep 0.1; done
./cim daemon status > /dev/null 2>&1 || fail "no daemon 60 s after the check at a terminal"
before=$(served)
at_terminal ./cim check examples/mlp/mlp.cim > "$work/tty.txt"
[ "$(served)" = $((before + 1)) ] || fail "the next check at a terminal did not go through the started daemon"
grep -q "starting a daemon" "$work/tty.txt" && fail "a served check said it started a daemon"
./cim daemon stop > /dev/null || fail "stopping the started daemon"
echo "  a check at a terminal started a daemon that served the next one; none without a terminal or with manual"
# the message says `cim daemon stop` stops it: so it does at once, while the daemon still warms up
at_terminal ./cim check examples/mlp/mlp.cim > "$work/tty.txt"
grep -q "starting a daemon" "$work/tty.txt" || fail "the second check at a terminal did not start a daemon"
./cim daemon status > "$work/status" 2>&1 && fail "status answered during the warm-up: $(cat "$work/status")"
grep -q "is starting" "$work/status" || fail "status during the warm-up: $(cat "$work/status")"
./cim daemon stop | grep -q "^cim daemon: stopping daemon pid " || fail "stop during the warm-up"
sleep 5
if ./cim daemon status > /dev/null 2>&1; then fail "a daemon runs after a stop during its warm-up"; fi
echo "  a stop right after a check at a terminal started a daemon stops it"
echo "daemon e2e: PASS"
