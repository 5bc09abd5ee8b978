#!/usr/bin/env bash
# Starts the store: the Stripe sandbox on 127.0.0.1:12111 (unless STRIPE_API_BASE points elsewhere) and the
# checkout on http://localhost:8080, with H2 files under ./data; the sandbox forwards its events (webhooks) to the
# checkout's /webhooks/stripe, both with one signing secret. Ctrl-C stops both.
#   ./run.sh demo   runs the purchase use case against the in-memory fakes instead and prints three purchases.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh
. scripts/common.sh

scripts/build.sh # builds the jars only when a source or build file changed; never compiles or runs a test

JAVA_OPTS=${JAVA_OPTS:-}
CHECKOUT_JAVA_OPTS=${CHECKOUT_JAVA_OPTS:-$(grep -v '^#' scripts/checkout.jvm | xargs)}
# start-up caches: the AOT cache that scripts/startup-cache.sh trains after each build (JDK 25+), or else a
# class-data-sharing archive, written when a jar's first run exits and mapped by later ones. A cache older than its
# jar no longer fits it, and the JVM would not replace an unfit archive: it is removed.
cds() {
  local aot=${1%.jar}.aot archive=${1%.jar}.jsa
  if [ -f "$aot" ] && [ ! "$1" -nt "$aot" ]; then
    echo "-XX:AOTCache=$aot -Xlog:aot=off -Xlog:cds=off"
    return
  fi
  if [ "$1" -nt "$archive" ]; then rm -f "$archive"; fi
  echo "-XX:SharedArchiveFile=$archive -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off"
}

if [ "${1:-}" = "demo" ]; then
  exec java -cp "$DEMO_CLASSPATH" dev.checkout.testkit.demo.InMemoryDemo # no server, no database
fi

API_BASE=${STRIPE_API_BASE:-http://127.0.0.1:12111}
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

sandbox_port=""
case "$API_BASE" in
  http://127.0.0.1:*|http://localhost:*)
    sandbox_port=${API_BASE##*:}; sandbox_port=${sandbox_port%%/*}
    # webhooks with no setup, like `stripe listen --forward-to`: the sandbox signs every event with one secret and
    # delivers it to the checkout's /webhooks/stripe, which verifies it with the same secret
    export STRIPE_WEBHOOK_SECRET=${STRIPE_WEBHOOK_SECRET:-${SANDBOX_WEBHOOK_SECRET:-whsec_sandboxLocalForwardingSecret0000}}
    SANDBOX_FORWARD_TO=${SANDBOX_FORWARD_TO:-http://127.0.0.1:${MICRONAUT_SERVER_PORT:-8080}/webhooks/stripe} \
      SANDBOX_WEBHOOK_SECRET=$STRIPE_WEBHOOK_SECRET MICRONAUT_SERVER_PORT=$sandbox_port \
      java $(cds "$SANDBOX_JAR") $JAVA_OPTS -jar "$SANDBOX_JAR" &
    pids+=($!)
    ;;
  *) echo "Using the payment provider at $API_BASE (no sandbox started)." ;;
esac

# the checkout starts beside the sandbox, not after it: on two cores that serves the store sooner, and the sandbox is
# up well before the checkout first calls it (its reconciler, once started, retries a missed pass anyway)
mkdir -p data
java $(cds "$CHECKOUT_JAR") $CHECKOUT_JAVA_OPTS $JAVA_OPTS -jar "$CHECKOUT_JAR" &
pids+=($!)
if [ -n "$sandbox_port" ]; then
  for _ in $(seq 1 100); do
    listening "$sandbox_port" && break
    kill -0 "${pids[0]}" 2>/dev/null || { echo "the sandbox did not start (is port $sandbox_port taken?)" >&2; exit 1; }
    sleep 0.1
  done
fi
wait -n "${pids[@]}"
