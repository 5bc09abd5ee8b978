package dev.checkout.bench;

import dev.checkout.bench.Meter.KindStats;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code framework-floor-h2}, {@code framework-floor-pg}: what the checkout's server costs before the purchase does
 * anything of its own. The same checkout jar, database and buyers as {@code purchase-*}, loading two of its existing
 * endpoints one after the other, each in its own window:
 * <ol>
 *   <li>{@code GET /health}: Netty, routing, a filter chain and a JSON answer, no database;</li>
 *   <li>{@code POST /api/admin/products/{sku}/stock} with {@code {"delta":1}}: the same plus a JSON body, the admin
 *       token filter, one durable write transaction through micronaut-data (a conditional UPDATE) and a read of the
 *       product for the answer.</li>
 * </ol>
 * The checkout's CPU per request of each is the floor a purchase (two write transactions, a provider call, a bigger
 * body) cannot go below on this stack.
 */
final class FrameworkFloorScenario {
    private FrameworkFloorScenario() {
    }

    static Result run(Options o, boolean postgres) throws Exception {
        String name = postgres ? "framework-floor-pg" : "framework-floor-h2";
        int buyers = o.integer("buyers", 64);
        Result r = Scenarios.begin(name, o);
        r.config.put("buyers", buyers);
        r.config.put("database", postgres ? "PostgreSQL" : "H2 file");
        try (Rig rig = new Rig(o, name, Duration.ofSeconds(30))) {
            r.config.put("checkout JVM options", rig.jvm("checkout"));
            Service sb = rig.startSandbox(Duration.ZERO);
            Database db = postgres ? rig.postgres() : rig.h2();
            Service co = rig.startCheckout(sb, db);
            var products = Shop.catalogue("floor", 1000, 1_000_000);
            new Shop(rig, sb, co, new Meter(), products).seed();

            Map<String, Double> perRequest = new java.util.LinkedHashMap<>();
            phase(r, rig, co, sb, postgres, o, buyers, "GET /health", perRequest, (b, i, rnd) ->
                    rig.load().get(co.base() + "/health", null));
            phase(r, rig, co, sb, postgres, o, buyers, "POST stock delta", perRequest, (b, i, rnd) ->
                    rig.load().postJson(co.base() + "/api/admin/products/" + products.get(rnd.nextInt(products.size())).sku()
                            + "/stock", rig.adminToken, null, "{\"delta\":1}"));
            perRequest.forEach((what, ms) -> r.goal("checkout CPU per request: " + what, "-",
                    String.format(Locale.ROOT, "%.3f ms", ms), null));
            r.notes.add("the checkout's purchase needs two write transactions and a provider call on top of the second "
                    + "figure; compare with purchase-" + (postgres ? "pg" : "h2") + "'s checkout ms per purchase");
            r.config.put("jars (built at)", rig.jars);
            r.notes.addAll(rig.profileSummaries());
        }
        return Scenarios.end(r);
    }

    /** One request kind. */
    private interface Request {
        Client.Reply send(int buyer, long iteration, SplittableRandom rnd);
    }

    private static void phase(Result r, Rig rig, Service co, Service sb, boolean postgres, Options o, int buyers,
            String label, Map<String, Double> perRequest, Request request) throws Exception {
        Meter meter = new Meter();
        SplittableRandom[] rnd = new SplittableRandom[buyers];
        for (int b = 0; b < buyers; b++) {
            rnd[b] = new SplittableRandom(31L * (b + 1));
        }
        String tag = label.replaceAll("[^A-Za-z]+", "-").toLowerCase(Locale.ROOT);
        Sampler sampler = Sampler.start(rig, tag, sb, co, postgres, o.warmup(), o.measure());
        ClosedLoop.run(buyers, o.warmup(), o.measure(), Duration.ofSeconds(30), meter, (b, i) -> {
            long t0 = System.nanoTime();
            Client.Reply reply = request.send(b, i, rnd[b]);
            meter.record(label, t0, System.nanoTime(), reply.label());
            return true;
        });
        Map<String, Object> shares = sampler.cpu();
        shares.forEach((who, share) -> r.cpu.put(label + ": " + who, share));
        Map<String, KindStats> kinds = meter.stats(label);
        r.phases.add(new Result.Phase(label, buyers, SandboxScenario.secs(o.warmup()), meter.windowSeconds(), kinds));
        long refused = meter.allTimeStatuses().entrySet().stream()
                .filter(e -> e.getKey().startsWith(label + " ") && !e.getKey().equals(label + " 200"))
                .mapToLong(Map.Entry::getValue).sum();
        r.invariants.add(new Invariants.Check("every " + label + " answered 200", refused == 0,
                refused + " other answers: " + meter.allTimeStatuses()));
        KindStats k = kinds.get(label);
        if (k != null && k.count() > 0) {
            Long ms = sampler.cpuMillis().get("checkout");
            perRequest.put(label, (double) ms / k.count());
            if (postgres && sampler.cpuMillis().containsKey("postgres")) {
                perRequest.put(label + " (PostgreSQL)", (double) sampler.cpuMillis().get("postgres") / k.count());
            }
            Map<String, Object> gc = new java.util.LinkedHashMap<>();
            sampler.putGcPer(gc, "request", k.count());
            sampler.putThreadsPer(gc, "request", k.count());
            gc.forEach((what, v) -> r.cpu.put(label + ": " + what, v));
            r.cpu.put(label + ": bench ms per request",
                    String.format(Locale.ROOT, "%.3f", (double) sampler.cpuMillis().get("bench") / k.count()));
        }
    }
}
