#!/usr/bin/env bash
# Runs the JMH benchmarks of the compiler (src/test/java/org/cimlang/compiler/bench) on the test classpath.
# Usage: compiler/bench.sh [JMH options], e.g. compiler/bench.sh -f 1 -wi 3 -i 5 CompilerBenchmark
# Defaults: 1 fork, 3 warm-up and 5 measured iterations of 1 s each.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
args=("$@")
if [ ${#args[@]} -eq 0 ]; then
    args=(-f 1 -wi 3 -w 1s -i 5 -r 1s CompilerBenchmark)
fi
cd "$root"
# install what the compiler depends on, then compile its tests (the JMH annotation processor generates the harness)
mvn -q -B -pl compiler -am install -DskipTests
mvn -q -B -pl compiler test-compile
# exec:exec starts a plain JVM with the test classpath, so JMH's forks inherit a real java.class.path
mvn -q -B -pl compiler exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
    -Dexec.args="-cp %classpath org.openjdk.jmh.Main ${args[*]}"
