#!/usr/bin/env bash
# Benchmarks the shaded sandbox jar with wrk on loopback (see ../README.md, "Benchmark").
# Usage: stripe-sandbox/bench/run.sh [fill-count]   (from the repository root, after a package build)
# Phases: warm-up, tokens, charges, then fill the store with fill-count more charges (default 1,000,000, each with
# its own idempotency key) and measure again. Each measurement is ROUNDS (default 3) windows of wrk -d10s.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/jdk.sh
PORT=${PORT:-12111}
URL=http://127.0.0.1:$PORT
FILL=${1:-1000000}
JAR=stripe-sandbox/target/stripe-sandbox-0.1.0-SNAPSHOT-all.jar
JVM_FLAGS=${JVM_FLAGS:-"-Xms6g -Xmx6g -XX:+UseZGC -XX:+AlwaysPreTouch"}

if curl -s -o /dev/null "$URL/v1/charges"; then
  echo "something already listens on $URL; stop it or set PORT" >&2
  exit 1
fi
# a private copy: a reactor build running meanwhile may rewrite target/
cp "$JAR" /tmp/stripe-sandbox-bench.jar
MICRONAUT_SERVER_PORT=$PORT java $JVM_FLAGS -jar /tmp/stripe-sandbox-bench.jar > /tmp/stripe-sandbox-bench.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM
for i in $(seq 1 240); do
  curl -s -o /dev/null "$URL/v1/charges" && break
  [ "$i" = 240 ] && { echo "the sandbox did not start:"; cat /tmp/stripe-sandbox-bench.log; exit 1; }
  sleep 0.5
done

echo "== java: $(java -version 2>&1 | head -1); flags: $JVM_FLAGS"
echo "== warm-up (not counted; the JIT needs it)"
wrk -t2 -c64 -d30s -s stripe-sandbox/bench/tokens.lua "$URL" > /dev/null
wrk -t2 -c64 -d30s -s stripe-sandbox/bench/charges.lua "$URL" > /dev/null
# CPU time the sandbox process spent per answered request: unlike req/s it does not depend on how much of the
# machine other processes take, so it shows whether the store's size slows the sandbox down
# CPU ticks of the sandbox's garbage collector threads (ZGC: Z*, G1: "G1 ..." and "GC Thread#n")
gc_ticks() {
  local total=0 t
  for task in /proc/$PID/task/*; do
    case "$(cat "$task/comm" 2>/dev/null)" in
      Z*|G1\ *|GC\ Thread*) t=$(sed 's/^.*) //' "$task/stat" | awk '{print $12+$13}'); total=$((total + t)) ;;
    esac
  done
  echo "$total"
}
ROUNDS=${ROUNDS:-3}
SUMMARY=""
measure() { # $1 = title, $2 = script; ROUNDS windows of 10 s each, every one printed, then summarized at the end
  local t0 t1 g0 g1 n r rates="" p99s="" cpus=""
  for r in $(seq 1 "$ROUNDS"); do
    echo "== $1, window $r of $ROUNDS"
    t0=$(awk '{print $14+$15}' /proc/$PID/stat)
    g0=$(gc_ticks)
    wrk -t2 -c64 -d10s --latency -s "stripe-sandbox/bench/$2" "$URL" | tee /tmp/stripe-sandbox-wrk.txt
    t1=$(awk '{print $14+$15}' /proc/$PID/stat)
    g1=$(gc_ticks)
    n=$(awk '/requests in/{print $1}' /tmp/stripe-sandbox-wrk.txt)
    echo "sandbox CPU: $(( (t1 - t0) * 10000 / n )) us per request (all its threads: event loops, GC, JIT)," \
      "of which the garbage collector's threads $(( (g1 - g0) * 10000 / n )) us"
    rates="$rates $(awk '/Requests\/sec/{printf "%d", $2}' /tmp/stripe-sandbox-wrk.txt)"
    p99s="$p99s $(awk '$1=="99%"{print $2}' /tmp/stripe-sandbox-wrk.txt)"
    cpus="$cpus $(( (t1 - t0) * 10000 / n ))/$(( (g1 - g0) * 10000 / n ))"
  done
  SUMMARY="$SUMMARY$(printf '%-36s | req/s%s | p99%s | CPU/GC us per request%s' "$1" "$rates" "$p99s" "$cpus")
"
}
echo "== uptime before: $(uptime)"
measure "POST /v1/tokens" tokens.lua
measure "POST /v1/charges (source tok_visa)" charges.lua
echo "== uptime: $(uptime)"
echo "== filling: at least $FILL more charges, each with its own idempotency key (10 s rounds of charges.lua)"
FILLED=0
FILL_START=$(date +%s)
while [ "$FILLED" -lt "$FILL" ]; do
  N=$(wrk -t2 -c64 -d10s -s stripe-sandbox/bench/charges.lua "$URL" | awk '/requests in/{print $1}')
  FILLED=$((FILLED + N))
done
echo "filled $FILLED charges in $(( $(date +%s) - FILL_START ))s"
NOW=$(date +%s)
echo "== a reconciler's lookup after the fill: charges of the last 5 minutes, 100 per page"
curl -s -o /dev/null -w "GET /v1/charges?created[gte]=...&limit=100: HTTP %{http_code} in %{time_total}s\n" \
  -u sk_test_sandbox: "$URL/v1/charges?limit=100&created%5Bgte%5D=$((NOW - 300))"
echo "== sandbox RSS after the fill: $(( $(ps -o rss= -p "$PID") / 1024 )) MiB (the heap is pre-touched, -Xms = -Xmx)"
echo "== uptime before the second round: $(uptime)"
measure "POST /v1/tokens after the fill" tokens.lua
measure "POST /v1/charges after the fill" charges.lua
echo "== uptime after: $(uptime)"
echo "== summary, one value per window:"
printf '%s' "$SUMMARY"
# after the measurements, since it forces a collection: what the store holds, in objects and bytes
echo "== live heap at the end (jcmd GC.class_histogram, total and the five largest classes):"
jcmd "$PID" GC.class_histogram | awk 'NR>=4 && NR<=8 {print "  " $0} /^Total/ {print "  " $0}'
