# Sourced by the project's scripts: the jars they build and start, and free loopback ports.

VERSION=0.1.0-SNAPSHOT
SANDBOX_JAR=stripe-sandbox/target/stripe-sandbox-$VERSION-all.jar
CHECKOUT_JAR=checkout-app/target/checkout-app-$VERSION-all.jar
BENCH_JAR=checkout-bench/target/checkout-bench-$VERSION-all.jar
# ./run.sh demo: the use case on the testkit's in-memory fakes, from the testkit's jar and the core's
DEMO_CLASSPATH=checkout-testkit/target/checkout-testkit-$VERSION.jar:checkout-application/target/checkout-application-$VERSION.jar:checkout-domain/target/checkout-domain-$VERSION.jar

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; } # something accepts connections on port $1

free_port() { # a port nothing listens on, other than $1
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 25000))
    if ! listening "$p" && [ "$p" != "${1:-}" ]; then echo "$p"; return 0; fi
  done
  return 1
}
