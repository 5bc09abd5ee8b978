#!/usr/bin/env bash
# A newcomer's first minute, checked from this tree as the README tells it: ./run.sh on free ports with an empty
# ./data, the README's "Buying with curl" steps as written, one purchase in the storefront in headless Chromium, the
# webhooks ./run.sh wires (a verified charge.succeeded, a refund at the sandbox shown within 2 s), Ctrl-C,
# a second start that reuses the jars and still has what was sold, PostgreSQL mode, ./run.sh demo, and ./bench.sh
# (--help, a short run).
#   scripts/smoke.sh
# Needs what ./run.sh needs (a JDK >= 21), curl, Debian's chromium + chromium-driver for the browser step, and the
# PostgreSQL the tests use (127.0.0.1:5432, database test, user postgres) for the PostgreSQL step.
# SMOKE_MAVEN_REPO=DIR builds with DIR as the local Maven repository (.ci/run gives it an empty one, so the first
# build proves that everything comes from Maven Central). Logs: target/smoke/. Exits 1 naming the step that failed.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
. scripts/common.sh

OUT=target/smoke
JARS=("$SANDBOX_JAR" "$CHECKOUT_JAR" target/build.stamp)
SKU=mug-350                    # a product of the demo catalogue, the one the README's curl purchase buys
FIRST_START_LIMIT=${SMOKE_FIRST_START_LIMIT:-1500} # seconds; the first start builds, maybe with an empty repository
RESTART_LIMIT=${SMOKE_RESTART_LIMIT:-5}            # seconds from ./run.sh to the first answer when nothing changed
STOP_LIMIT=10                                      # seconds from Ctrl-C until both processes are gone
step=""
run_pid=""
run_log=""

say() { echo "smoke: $*"; }
begin() { step=$1; say "$step"; }
fail() {
  echo "smoke: FAILED at step '$step': $*" >&2
  if [ -n "$run_log" ] && [ -f "$run_log" ]; then
    echo "---- the end of ./run.sh's output ($run_log) ----" >&2
    tail -n 30 "$run_log" >&2
  fi
  exit 1
}
stop_store() { # Ctrl-C: SIGINT to ./run.sh's process group, as a terminal sends it to the foreground job
  [ -n "$run_pid" ] && kill -INT -- -"$run_pid" 2>/dev/null
}
trap 'if [ -n "$run_pid" ] && kill -0 "$run_pid" 2>/dev/null; then kill -TERM -- -"$run_pid" 2>/dev/null; fi' EXIT

stock_of() { # the available units of $1 in a GET /api/products answer on stdin
  grep -o "{[^{}]*\"sku\" *: *\"$1\"[^{}]*}" | sed -n 's/.*"available" *: *\([0-9]*\).*/\1/p'
}
mtimes() { stat -c '%n %Y' "${JARS[@]}" 2>/dev/null; }

# ./run.sh in a process group of its own (job control on), with the two variables that choose the ports and whatever
# else the README's mode names (given as NAME=value after the log file)
start_store() { # $1: log file
  run_log=$1
  shift
  started_at=$(millis)
  set -m
  env MAVEN_ARGS="$RUN_MAVEN_ARGS" STRIPE_API_BASE="http://127.0.0.1:$SANDBOX_PORT" MICRONAUT_SERVER_PORT="$STORE_PORT" "$@" \
    ./run.sh >"$run_log" 2>&1 &
  run_pid=$!
  set +m
}
stop_store_and_check() { # Ctrl-C, then both processes and both ports must be gone within STOP_LIMIT seconds
  local children alive busy
  children=$(pgrep -P "$run_pid" | xargs)
  [ -n "$children" ] || fail "./run.sh has no child processes to stop"
  stop_store
  for _ in $(seq 1 $((STOP_LIMIT * 10))); do
    alive=""
    for p in $run_pid $children; do kill -0 "$p" 2>/dev/null && alive="$alive $p"; done
    busy=""
    for port in "$SANDBOX_PORT" "$STORE_PORT"; do listening "$port" && busy="$busy $port"; done
    [ -z "$alive$busy" ] && break
    sleep 0.1
  done
  [ -z "$alive" ] || fail "still running ${STOP_LIMIT}s after Ctrl-C:$(for p in $alive; do ps -o pid=,args= -p "$p" | cut -c1-90; done)"
  [ -z "$busy" ] || fail "ports still taken ${STOP_LIMIT}s after Ctrl-C:$busy"
  say "./run.sh ($run_pid) and its servers ($children) exited; ports $SANDBOX_PORT and $STORE_PORT are free"
  wait "$run_pid" 2>/dev/null
  run_pid=""
}
buy_with_curl() { # the README's block as written, the default ports replaced; sets order and status
  awk '/^## Buying with curl/ {s=1} s && /^```bash/ {b=1; next} b && /^```/ {exit} b' README.md \
    | sed -e "s|127\.0\.0\.1:12111|127.0.0.1:$SANDBOX_PORT|g" -e "s|localhost:8080|localhost:$STORE_PORT|g" >"$OUT/curl-steps.sh"
  [ -s "$OUT/curl-steps.sh" ] || fail "README.md has no bash block under '## Buying with curl'"
  echo 'echo; echo "smoke-token: ${TOKEN:-}"' >>"$OUT/curl-steps.sh"
  bash -eo pipefail "$OUT/curl-steps.sh" >"$OUT/$1" 2>&1 || fail "the steps exited with an error: $(tail -n 5 "$OUT/$1")"
  grep -q '^smoke-token: tok_' "$OUT/$1" || fail "the sandbox gave no token: $(head -c 300 "$OUT/$1")"
  grep -q "\"$SKU\"" "$OUT/$1" || fail "the product list does not name $SKU"
  status=$(grep -o 'HTTP/[0-9.]* [0-9]*' "$OUT/$1" | tail -n 1)
  [ "${status##* }" = 201 ] || fail "POST /purchase answered '${status:-nothing}', not 201: $(grep -o '{"error".*' "$OUT/$1")"
  order=$(grep -o '"orderId" *: *"ord_[^"]*"' "$OUT/$1" | head -n 1 | sed 's/.*"\(ord_[^"]*\)"/\1/')
  [ -n "$order" ] || fail "the 201 carries no orderId"
}
millis() { echo $(( $(date +%s%N) / 1000000 )); }
await_store() { # $1: seconds; prints the milliseconds since start_store when the store first answered
  local limit=$1
  while ! curl -sf -o /dev/null "$STORE/api/products"; do
    kill -0 "$run_pid" 2>/dev/null || fail "./run.sh exited before the store answered"
    [ $(( $(millis) - started_at )) -lt $((limit * 1000)) ] || fail "the store did not answer GET /api/products within ${limit}s"
    sleep 0.05
  done
  echo $(( $(millis) - started_at ))
}

mkdir -p "$OUT"
rm -f "$OUT"/*.log "$OUT"/*.out

begin "preconditions"
if [ -d data ] && [ -n "$(ls -A data)" ]; then
  fail "./data is not empty; this checks what a first start does. Move it away (mv data data.bak) and run again."
fi
command -v curl >/dev/null || fail "curl is missing (apt-get install curl)"
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  fail "the browser step needs Debian's Chromium and its driver (apt-get install chromium chromium-driver)"
fi
listening 5432 || fail "the PostgreSQL step needs PostgreSQL on 127.0.0.1:5432, database test, user postgres (start it:\
 pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start)"
SANDBOX_PORT=$(free_port) && STORE_PORT=$(free_port "$SANDBOX_PORT") || fail "no free port found"
STORE=http://localhost:$STORE_PORT
RUN_MAVEN_ARGS=${MAVEN_ARGS:-}
if [ -n "${SMOKE_MAVEN_REPO:-}" ]; then # for ./run.sh's build only; the browser step uses the usual repository
  mkdir -p "$SMOKE_MAVEN_REPO"
  RUN_MAVEN_ARGS="-Dmaven.repo.local=$(cd "$SMOKE_MAVEN_REPO" && pwd) $RUN_MAVEN_ARGS"
  say "building with the local Maven repository $SMOKE_MAVEN_REPO ($(find "$SMOKE_MAVEN_REPO" -name '*.jar' | wc -l) jars in it)"
fi
say "sandbox on 127.0.0.1:$SANDBOX_PORT, store on $STORE"

begin "first start: ./run.sh builds and serves the store"
start_store "$OUT/run-1.log"
took=$(await_store "$FIRST_START_LIMIT") || exit 1
say "the store answered ${took} ms after ./run.sh started"
grep -q "Building the jars" "$run_log" || say "(no build was needed: the jars were up to date)"
initial=$(curl -sf "$STORE/api/products" | stock_of "$SKU")
[ -n "$initial" ] || fail "GET /api/products does not list $SKU (the demo catalogue)"

begin "the README's \"Buying with curl\" steps, as written"
buy_with_curl curl.out
say "token, product list, and $status with order $order"

begin "one purchase in the storefront, in headless Chromium"
# the suite's Selenium setup (checkout-app's browser tests), pointed at the running store; CI=true turns a missing
# browser into a failure instead of a skipped test
if ! CI=true ./mvnw -B -ntp -q -pl checkout-app -am test -Dtest=RunningStoreSmoke -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfuzz.skip=true -Dsmoke.store="$STORE" -Dsmoke.sku="$SKU" >"$OUT/browser.log" 2>&1; then
  grep -E 'smoke:|AssertionError|expected|Expect|Exception' "$OUT/browser.log" | head -n 15 >&2
  fail "the browser purchase failed (Maven's output: $OUT/browser.log; screenshots: checkout-app/target/browser/)"
fi
grep 'smoke: the browser' "$OUT/browser.log" | sed 's/^/  /'
sold=$(curl -sf "$STORE/api/products" | stock_of "$SKU")
[ "$sold" = $((initial - 3)) ] || fail "$SKU shows $sold left after 3 were sold, not $((initial - 3))"

begin "webhooks: a purchase's charge.succeeded verified at the checkout, a refund made at the sandbox shown within 2s"
# another product than $SKU, so that the stock counts above and below are not disturbed; a refund does not restock
hook_token=$(curl -sf "http://127.0.0.1:$SANDBOX_PORT/v1/tokens" -u pk_test_sandbox: -d 'card[number]=4242424242424242' \
  -d 'card[exp_month]=12' -d 'card[exp_year]=2030' -d 'card[cvc]=123' | sed -n 's/.*"id" *: *"\(tok_[^"]*\)".*/\1/p')
[ -n "$hook_token" ] || fail "the sandbox gave no token"
hook_paid=$(curl -s "$STORE/purchase" -H 'Content-Type: application/json' -H "Idempotency-Key: smoke-hook-$RANDOM$RANDOM" \
  -d "{\"token\":\"$hook_token\",\"amount\":400,\"currency\":\"usd\",\"items\":[{\"sku\":\"sticker-pack\",\"quantity\":1}]}")
hook_order=$(echo "$hook_paid" | sed -n 's/.*"orderId" *: *"\(ord_[^"]*\)".*/\1/p')
hook_charge=$(echo "$hook_paid" | sed -n 's/.*"chargeId" *: *"\(ch_[^"]*\)".*/\1/p')
[ -n "$hook_order" ] && [ -n "$hook_charge" ] || fail "the purchase of sticker-pack was not paid: $hook_paid"
verified=""
for _ in $(seq 1 50); do
  verified=$(curl -sf "$STORE/metrics" | grep -E '^checkout_webhook_events_total\{result="(applied|ignored)",type="charge.succeeded"' | head -n 1)
  [ -n "$verified" ] && break
  sleep 0.1
done
[ -n "$verified" ] || fail "no verified charge.succeeded in /metrics 5s after the purchase (is SANDBOX_FORWARD_TO wired?)"
say "in /metrics: $verified"
curl -sf "http://127.0.0.1:$SANDBOX_PORT/v1/refunds" -u sk_test_sandbox: -d "charge=$hook_charge" >/dev/null \
  || fail "the sandbox refused the refund of $hook_charge"
refunded_at=$(millis)
until curl -sf "$STORE/api/orders/$hook_order" | grep -q '"status" *: *"REFUNDED"'; do
  [ $(( $(millis) - refunded_at )) -lt 2000 ] || fail "order $hook_order is not REFUNDED 2s after the refund at the sandbox"
  sleep 0.05
done
say "order $hook_order REFUNDED $(( $(millis) - refunded_at )) ms after the refund at the sandbox"

begin "Ctrl-C stops both processes and frees both ports within ${STOP_LIMIT}s"
jars_before=$(mtimes)
stop_store_and_check

begin "second start: no rebuild, the first answer within ${RESTART_LIMIT}s, and the sales are still there"
start_store "$OUT/run-2.log"
took=$(await_store 60) || exit 1
grep -q "Reusing the jars" "$run_log" || fail "./run.sh did not say that it reuses the built jars"
! grep -q "Building the jars" "$run_log" || fail "./run.sh rebuilt although nothing changed"
[ "$(mtimes)" = "$jars_before" ] || fail "the jars or the build stamp changed: $(mtimes)"
if [ "$took" -gt $((RESTART_LIMIT * 1000)) ]; then
  # timed once more: on a shared host a neighbour can stall one start; both times are printed, the better one counts
  first_try=$took
  say "the first answer took ${took} ms; timing one more restart"
  stop_store_and_check
  start_store "$OUT/run-2b.log"
  took=$(await_store 60) || exit 1
  grep -q "Reusing the jars" "$run_log" || fail "./run.sh did not say that it reuses the built jars"
  [ "$took" -le $((RESTART_LIMIT * 1000)) ] \
    || fail "the store took ${first_try} ms, then ${took} ms to answer its first request (limit ${RESTART_LIMIT}s)"
fi
after=$(curl -sf "$STORE/api/products" | stock_of "$SKU")
[ "$after" = "$sold" ] || fail "$SKU shows $after left after the restart, not the $sold left before it (was ./data kept?)"
curl -sf "$STORE/api/orders/$order" | grep -q '"status" *: *"PAID"' || fail "order $order is not PAID after the restart"
say "first answer after ${took} ms; $SKU still at $after; order $order still PAID"
stop_store_and_check

begin "PostgreSQL mode as the README gives it: a curl purchase, then Ctrl-C"
# a schema of its own in the README's database, so the run starts empty and leaves the rest of 'test' alone
schema=smoke_$(date +%s)_$RANDOM
start_store "$OUT/run-pg.log" "DATASOURCES_DEFAULT_URL=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$schema" \
  DATASOURCES_DEFAULT_USERNAME=postgres
await_store 60 >/dev/null || exit 1
grep -q "Reusing the jars" "$run_log" || fail "./run.sh did not reuse the built jars"
buy_with_curl curl-pg.out
curl -sf "$STORE/api/orders/$order" | grep -q '"status" *: *"PAID"' || fail "order $order is not PAID"
say "$status with order $order, on PostgreSQL (schema $schema)"
stop_store_and_check
if command -v psql >/dev/null; then
  psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1 || say "(could not drop schema $schema)"
else
  say "(no psql here: schema $schema stays in database test)"
fi

begin "./run.sh demo prints its three purchases"
./run.sh demo >"$OUT/demo.out" 2>&1 || fail "./run.sh demo exited with an error: $(tail -n 5 "$OUT/demo.out")"
for outcome in "-> PAID" "-> DECLINED" "-> SOLD OUT"; do
  grep -qF -- "$outcome" "$OUT/demo.out" || fail "./run.sh demo printed no '$outcome' line: $(cat "$OUT/demo.out")"
done
grep -F -- '->' "$OUT/demo.out" | sed 's/^/  /'

begin "./bench.sh --help, and a short purchase-h2 run whose invariants hold"
./bench.sh --help >"$OUT/bench-help.out" 2>&1 || fail "./bench.sh --help exited with an error: $(tail -n 5 "$OUT/bench-help.out")"
grep -q 'usage: bench.sh' "$OUT/bench-help.out" || fail "./bench.sh --help printed no usage"
# the bench starts its own sandbox and checkout on free ports and a fresh H2 file; exit status 2 = an invariant broke
./bench.sh purchase-h2 --warmup=2s --duration=3s --buyers=4 --settle=30s --tag=smoke >"$OUT/bench.out" 2>&1 \
  || fail "./bench.sh purchase-h2 exited with $? (2: an invariant was violated): $(grep -E '^- \[ \]|rror' "$OUT/bench.out" | head -n 5)"
grep -q 'Invariants: \*\*all hold\*\*' "$OUT/bench.out" || fail "the bench did not report its invariants: $(tail -n 5 "$OUT/bench.out")"
grep -E '^\| purchases .*\| whole purchase' "$OUT/bench.out" | sed 's/^/  /'

say "all steps passed"
