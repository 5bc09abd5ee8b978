#!/usr/bin/env bash
# Benchmarks the shaded sandbox jar with wrk on loopback (see ../README.md, "Benchmark").
# Usage: stripe-sandbox/bench/run.sh [fill-seconds]   (from the repository root, after a package build)
# Phases: warm-up, tokens, charges, then fill the store towards a million objects and measure again.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/jdk.sh
PORT=${PORT:-12111}
URL=http://127.0.0.1:$PORT
FILL=${1:-120}
JAR=stripe-sandbox/target/stripe-sandbox-0.1.0-SNAPSHOT-all.jar
JVM_FLAGS=${JVM_FLAGS:-"-Xms4g -Xmx4g -XX:+UseZGC -XX:+AlwaysPreTouch"}

# a private copy: a reactor build running meanwhile may rewrite target/
cp "$JAR" /tmp/stripe-sandbox-bench.jar
MICRONAUT_SERVER_PORT=$PORT java $JVM_FLAGS -jar /tmp/stripe-sandbox-bench.jar > /tmp/stripe-sandbox-bench.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for i in $(seq 1 120); do
  curl -s -o /dev/null "$URL/v1/charges" && break
  [ "$i" = 120 ] && { echo "the sandbox did not start:"; cat /tmp/stripe-sandbox-bench.log; exit 1; }
  sleep 0.5
done

echo "== java: $(java -version 2>&1 | head -1); flags: $JVM_FLAGS"
echo "== warm-up (not counted)"
wrk -t2 -c64 -d10s -s stripe-sandbox/bench/tokens.lua "$URL" > /dev/null
wrk -t2 -c64 -d10s -s stripe-sandbox/bench/charges.lua "$URL" > /dev/null
echo "== uptime before: $(uptime)"
echo "== POST /v1/tokens"
wrk -t2 -c64 -d10s --latency -s stripe-sandbox/bench/tokens.lua "$URL"
echo "== POST /v1/charges (source tok_visa)"
wrk -t2 -c64 -d10s --latency -s stripe-sandbox/bench/charges.lua "$URL"
echo "== uptime: $(uptime)"
echo "== filling for ${FILL}s with charges (each also stores an idempotency key)"
wrk -t2 -c64 -d${FILL}s -s stripe-sandbox/bench/charges.lua "$URL" | grep -E "requests in|Requests/sec"
curl -s -u sk_test_sandbox: "$URL/v1/charges?limit=1" > /dev/null
echo "== uptime before the second round: $(uptime)"
echo "== POST /v1/tokens after the fill"
wrk -t2 -c64 -d10s --latency -s stripe-sandbox/bench/tokens.lua "$URL"
echo "== POST /v1/charges after the fill"
wrk -t2 -c64 -d10s --latency -s stripe-sandbox/bench/charges.lua "$URL"
echo "== uptime after: $(uptime)"
