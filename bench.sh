#!/usr/bin/env bash
# Load tests of the sandbox and the whole purchase, with invariants checked after every run.
#   ./bench.sh <scenario> [--option=value ...]     scenarios and options: ./bench.sh --help, checkout-bench/README.md
# Starts what it measures itself (the README's jars, on free loopback ports; PostgreSQL must be on 127.0.0.1:5432),
# stops it afterwards, and writes checkout-bench/target/bench/<scenario>.json and .md.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh
. scripts/common.sh

scripts/build.sh # the jars the bench starts, built only when a source or build file changed; no test is run

# The bench's own JVM: a fixed heap so its GC stays out of the way of the servers it shares the cores with.
exec java -Xms512m -Xmx512m -jar "$BENCH_JAR" --root="$PWD" "$@"
