# Sourced by the project's scripts: the jars they build and start, and free loopback ports.

VERSION=0.1.0-SNAPSHOT
SANDBOX_JAR=stripe-sandbox/target/stripe-sandbox-$VERSION-all.jar
CHECKOUT_JAR=checkout-app/target/checkout-app-$VERSION-all.jar
BENCH_JAR=checkout-bench/target/checkout-bench-$VERSION-all.jar
# ./run.sh demo: the use case on the testkit's in-memory fakes, from the testkit's jar and the core's
DEMO_CLASSPATH=checkout-testkit/target/checkout-testkit-$VERSION.jar:checkout-application/target/checkout-application-$VERSION.jar:checkout-domain/target/checkout-domain-$VERSION.jar

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; } # something accepts connections on port $1

# A port nothing listens on, other than $1, taken from outside the kernel's ephemeral range: a port picked before a
# two-minute build must not be handed meanwhile to one of the build's own outgoing connections (CI once failed on
# exactly that: "Address already in use" for a port that was free when it was picked).
free_port() {
  local p lo=32768 hi=60999 from=10000 span
  read -r lo hi </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
  if [ "$lo" -ge 12000 ]; then span=$((lo - from)); else from=$((hi + 1)); span=$((65535 - hi)); fi
  [ "$span" -gt 100 ] || { from=20000; span=25000; }
  for _ in $(seq 1 50); do
    p=$((from + RANDOM % span))
    [ "$p" != "${1:-}" ] || continue
    listening "$p" && continue
    if command -v ss >/dev/null 2>&1 && [ -n "$(ss -Htan "( sport = :$p )" 2>/dev/null)" ]; then continue; fi
    echo "$p"; return 0
  done
  return 1
}
