package dev.checkout.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The command line: a scenario and {@code --name=value} options, every one with a default. */
record Options(String scenario, Path root, Map<String, String> values) {
    static final String USAGE = """
            usage: bench.sh <scenario> [--option=value ...]
              scenarios: sandbox | sandbox-webhooks (charges as in sandbox; after the warm-up and JIT settle,
                         --rounds=3 rounds of phases a0 b1 a1 c1 a2 b2 a3 c2 a4 ...: a no webhook endpoint, b one
                         answering 200, c one answering 500, each endpoint created before its phase and deleted
                         after; each b and c against the mean of its two a neighbours, verdict the median over
                         the rounds; phases --warmup=5s --duration=15s by default; --sandbox-store=200000 caps the
                         sandbox's charges, tokens, idempotency keys and events (0: its defaults);
                         --verify-every=10 signatures checked; --drain=5s pause before the sandbox's heap is read,
                         after the last b, the last c and the last a only)
                         | purchase-h2 | purchase-pg | hot-sku (= hot-sku-h2 + hot-sku-pg) | hot-sku-h2 |
                         hot-sku-pg (--rounds=5 rushes one after the other, each on a hot SKU of its own;
                         the verdict is the median of their rates; then --sold-out=10s of buyers still coming
                         for the last one, sold out: every answer a 409, the CPU per refusal) | slow-provider
                         | mixed | all
                         | scale-out (1 then 2 checkout instances on PostgreSQL, buyers round robin; --buyers=32)
                         | sql-floor-h2 | sql-floor-pg (the purchase's SQL alone, plain JDBC; --variant=commit:
                         one bare commit; --threads=4; --write-delay=0 H2's write delay (0: a write at every commit);
                         --group-commit=true H2 only: commits written in groups as the checkout's are, write delay 500;
                         --query-cache=128 H2's parsed statements per session, as the checkout sets it (8: H2's own);
                         --h2-settings=';CACHE_SIZE=8192' added to the H2 URL; --then='SQL;SQL' run after the schema,
                         e.g. to drop an index and see what it costs; --keys=random client keys and charge ids as
                         the checkout gets them, ordered: both following the order id; --skus=1000 products bought,
                         1: every purchase takes the same one, the hot SKU's case)
                         | framework-floor-h2 | framework-floor-pg (the checkout's server alone: GET /health,
                         then a POST with one write transaction, the admin stock delta; CPU per request)
                         | provider-floor (the checkout's Stripe adapter alone in a JVM of its own, started from the
                         checkout's jar: --buyers=64 virtual threads charging tok_visa through it; CPU per charge;
                         --jit-settle=120s by default)
              --warmup=10s --duration=20s   warm-up and measured window of each phase (sandbox-webhooks: 5s, 15s)
              --buyers=N                    concurrent buyers (default: the scenario's goal)
              --db=h2|pg                    database for slow-provider and mixed (default h2)
              --profile                     record JFR in the sandbox and the checkout; summary in target/bench
              --server-jvm='...'            extra JVM options for both servers (the bench's defaults come first)
              --checkout-jvm='...'          extra JVM options for the checkout only
              --sandbox-jvm='...'           extra JVM options for the sandbox only
              --pg-settings='k=v,k=v'       per-database PostgreSQL settings (e.g. commit_delay=100)
              --settle=200s                 how long unsettled orders may take (the reconciler's 3 min) before the checks
              --no-wrk                      skip the wrk figures in the sandbox scenario
              --jars-from=DIR               take the servers' jars from another tree (e.g. a clean export of HEAD)
              --clients=4                   HttpClients the buyers are spread over (each has one selector thread)
              --client-executor=direct|pool how the bench's HttpClient completes responses (default direct)
              --instance-cpus=all|share     scale-out: each instance sized for every core (all, the default) or
                                            for its share, -XX:ActiveProcessorCount=cores/N, as in N containers
              --jit-settle=240s             before the warm-up, load until no checkout's JIT compiler uses over 3%
                                            of a core, at most this long (scale-out: 240s by default; sandbox-webhooks:
                                            180s, the sandbox's and the bench's compilers; provider-floor: 120s,
                                            the adapter JVM's; purchase-h2, purchase-pg,
                                            slow-provider, mixed, hot-sku-h2, hot-sku-pg: off unless given, hot-sku
                                            on its 100 warm-up SKUs, never the hot one; 0s: skip)
              --cds=false                   no class-data-sharing archive for the servers (default: one per build)
              --tag=NAME                    also write results as <scenario>-NAME (before/after comparisons)
            """;

    static Options parse(String[] args) {
        String scenario = null;
        Map<String, String> values = new HashMap<>();
        for (String a : args) {
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                if (eq < 0) {
                    values.put(a.substring(2), "true");
                } else {
                    values.put(a.substring(2, eq), a.substring(eq + 1));
                }
            } else if (scenario == null) {
                scenario = a;
            } else {
                throw new IllegalArgumentException("one scenario at a time (got " + scenario + " and " + a + ")\n" + USAGE);
            }
        }
        if (scenario == null) {
            throw new IllegalArgumentException(USAGE);
        }
        Path root = Path.of(values.getOrDefault("root", ".")).toAbsolutePath().normalize();
        return new Options(scenario, root, values);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }

    int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    Duration duration(String name, Duration fallback) {
        return values.containsKey(name) ? parseDuration(values.get(name)) : fallback;
    }

    Duration warmup() {
        return duration("warmup", Duration.ofSeconds(10));
    }

    /**
     * How long orders that are not final after the load may take to settle before the invariants are checked: the
     * checkout's reconciler takes over an order abandoned for 3 min (checkout.abandoned-after) every 10 s.
     */
    Duration settle() {
        return duration("settle", Duration.ofSeconds(200));
    }

    Duration measure() {
        return duration("duration", Duration.ofSeconds(20));
    }

    /** Splits a JVM option string on blanks (no quoting: JVM options here never contain blanks). */
    List<String> jvm(String name) {
        List<String> out = new ArrayList<>();
        for (String s : get(name, "").trim().split("\\s+")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** {@code 10s}, {@code 500ms}, {@code 2m}. */
    static Duration parseDuration(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
        }
        if (v.endsWith("m")) {
            return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
        }
        return Duration.ofSeconds(Long.parseLong(v));
    }
}
