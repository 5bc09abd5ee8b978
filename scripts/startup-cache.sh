#!/usr/bin/env bash
# Start-up caches for the two servers, made after each build (scripts/build.sh), so that every ./run.sh, the first
# one included, starts them fast. On JDK 25 or newer: an AOT cache per jar (<jar>.aot: its classes loaded and linked
# ahead of time), from a training start of each server on free ports with a throw-away H2 file, stopped after a few
# requests. Older JDKs get run.sh's class-data-sharing archive instead (<jar>.jsa, written when a run exits).
# A cache only speeds up start-up: run.sh uses it when it is newer than its jar and starts without it otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
. scripts/common.sh
[ "$(_jdk_major "$JAVA_HOME")" -ge 25 ] || exit 0

dir=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$dir"' EXIT

echo "Preparing the start-up caches (a training start of each server)..."
rm -f "${SANDBOX_JAR%.jar}.aot" "${CHECKOUT_JAR%.jar}.aot"
sandbox_port=$(free_port) && store_port=$(free_port "$sandbox_port") || exit 1
# the JVM writes the cache when the training run exits; the same options as run.sh's, or the cache would not fit
MICRONAUT_SERVER_PORT=$sandbox_port java -XX:AOTCacheOutput="${SANDBOX_JAR%.jar}.aot" -Xlog:aot=off -Xlog:cds=off \
  -jar "$SANDBOX_JAR" >"$dir/sandbox.log" 2>&1 &
sandbox=$!
checkout_opts=$(grep -v '^#' scripts/checkout.jvm | xargs)
(cd "$dir" && MICRONAUT_SERVER_PORT=$store_port STRIPE_API_BASE=http://127.0.0.1:$sandbox_port \
  exec java -XX:AOTCacheOutput="$OLDPWD/${CHECKOUT_JAR%.jar}.aot" -Xlog:aot=off -Xlog:cds=off \
  $checkout_opts -jar "$OLDPWD/$CHECKOUT_JAR" >"$dir/checkout.log" 2>&1) &
checkout=$!
for _ in $(seq 1 600); do
  curl -sf -o /dev/null "http://127.0.0.1:$store_port/api/products" && listening "$sandbox_port" && break
  kill -0 "$sandbox" 2>/dev/null && kill -0 "$checkout" 2>/dev/null || { tail -n 5 "$dir"/*.log >&2; exit 1; }
  sleep 0.1
done
for path in / /api/config /api/products /storefront/app.js /health; do
  curl -s -o /dev/null "http://127.0.0.1:$store_port$path"
done
curl -s -o /dev/null "http://127.0.0.1:$sandbox_port/v3/"
kill -TERM "$sandbox" "$checkout"
wait "$sandbox" "$checkout" 2>/dev/null
[ -f "${SANDBOX_JAR%.jar}.aot" ] && [ -f "${CHECKOUT_JAR%.jar}.aot" ]
