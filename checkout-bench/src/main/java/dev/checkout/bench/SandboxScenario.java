package dev.checkout.bench;

import dev.checkout.bench.Invariants.ChargeView;
import dev.checkout.bench.Invariants.Check;
import dev.checkout.bench.Meter.KindStats;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code sandbox}: the provider alone at 64 connections: tokens, charges (of the pre-made {@code tok_visa}, as
 * wrk does), and token-then-charge pairs, each request with its own Idempotency-Key; then the same endpoints
 * under wrk, so the figures compare with stripe-mock's measured on this machine.
 */
final class SandboxScenario {
    static final double TOKENS_GOAL = 20_000;
    static final double CHARGES_GOAL = 9_000;

    private SandboxScenario() {
    }

    static Result run(Options o) throws Exception {
        Result r = Scenarios.begin("sandbox", o);
        int buyers = o.integer("buyers", 64);
        try (Rig rig = new Rig(o, "sandbox", Duration.ofSeconds(30))) {
            Service sb = rig.startSandbox(Duration.ZERO);
            r.processes.put("sandbox start-up to first served request", Scenarios.ms(sb.startup()));
            r.config.put("sandbox JVM options", rig.jvm("sandbox"));
            String tokens = sb.base() + "/v1/tokens";
            String charges = sb.base() + "/v1/charges";
            String form = Shop.tokenForm(Shop.GOOD_CARD);

            Meter tm = new Meter();
            Sampler s1 = Sampler.start(rig, "tokens", sb, null, false, o.warmup(), o.measure());
            ClosedLoop.run(buyers, o.warmup(), o.measure(), Duration.ofSeconds(30), tm, (b, i) -> {
                long t0 = System.nanoTime();
                Client.Reply x = rig.load().postForm(tokens, Rig.PK, "tok-" + rig.runId + "-" + b + "-" + i, form);
                tm.record("token", t0, System.nanoTime(), x.label());
                return true;
            });
            Map<String, Object> cpuTokens = new java.util.LinkedHashMap<>(s1.cpu());
            perRequest(cpuTokens, s1.cpuMillis(), tm.stats("token").get("token"));
            r.phases.add(new Result.Phase("tokens", buyers, secs(o.warmup()), tm.windowSeconds(), tm.stats("token")));

            Meter cm = new Meter();
            Sampler s2 = Sampler.start(rig, "charges", sb, null, false, o.warmup(), o.measure());
            ClosedLoop.run(buyers, o.warmup(), o.measure(), Duration.ofSeconds(30), cm,
                    (b, i) -> charge(rig, charges, "ch-" + rig.runId + "-" + b + "-" + i, cm));
            Map<String, Object> cpuCharges = new java.util.LinkedHashMap<>(s2.cpu());
            perRequest(cpuCharges, s2.cpuMillis(), cm.stats("charge").get("charge"));
            r.phases.add(new Result.Phase("charges", buyers, secs(o.warmup()), cm.windowSeconds(), cm.stats("charge")));

            Meter pm = new Meter();
            Shop shop = new Shop(rig, sb, null, pm, List.of());
            ClosedLoop.run(buyers, o.warmup(), o.measure(), Duration.ofSeconds(30), pm,
                    (b, i) -> shop.tokenThenCharge("pair-" + rig.runId + "-" + b + "-" + i, 2000));
            r.phases.add(new Result.Phase("token then charge", buyers, secs(o.warmup()), pm.windowSeconds(),
                    pm.stats("token", "charge", "token+charge")));
            r.cpu.put("tokens phase", cpuTokens);
            r.cpu.put("charges phase", cpuCharges);

            KindStats t = tm.stats("token").get("token");
            KindStats c = cm.stats("charge").get("charge");
            KindStats pair = pm.stats("token+charge").get("token+charge");
            r.goal("tokens/s at " + buyers + " connections (bench)", ">= 20,000", Report.rate(t.perSecond("200")),
                    t.perSecond("200") >= TOKENS_GOAL);
            r.goal("charges/s at " + buyers + " connections (bench)", ">= 9,000", Report.rate(c.perSecond("200")),
                    c.perSecond("200") >= CHARGES_GOAL);
            r.goal("token+charge pairs/s (bench, the provider's share of a purchase)", "-",
                    Report.rate(pair.perSecond("200")), null);

            // invariants before wrk adds charges of its own: every 200 is one approved charge, nothing else is
            long t0 = System.nanoTime();
            Observer obs = new Observer(rig.client);
            List<ChargeView> own = obs.charges(sb.base(), Rig.SK);
            List<ChargeView> bench = obs.charges(sb.base(), Rig.BENCH_SK);
            Map<String, Long> all = cm.allTimeStatuses();
            Map<String, Long> allPairs = pm.allTimeStatuses();
            long answered = all.getOrDefault("charge 200", 0L);
            long answeredPairs = allPairs.getOrDefault("charge 200", 0L);
            r.invariants.add(new Check("approved charges listed = charge answers 200 (charges phase)",
                    own.stream().filter(ChargeView::approved).count() == answered && own.size() == answered,
                    own.size() + " charges listed, " + answered + " answered 200, all-time answers " + all));
            r.invariants.add(new Check("approved charges listed = charge answers 200 (token then charge)",
                    bench.stream().filter(ChargeView::approved).count() == answeredPairs
                            && bench.size() == answeredPairs,
                    bench.size() + " charges listed, " + answeredPairs + " answered 200, all-time answers " + allPairs));
            long tokenErrors = allTimeNon200(tm.allTimeStatuses()) + allTimeNon200(allPairs);
            r.invariants.add(new Check("no token or charge answered anything but 200", tokenErrors == 0
                    && allTimeNon200(all) == 0, tokenErrors + allTimeNon200(all) + " other answers"));
            r.notes.add(String.format(java.util.Locale.ROOT, "listing %d charges for the invariants took %.1f s",
                    own.size() + bench.size(), (System.nanoTime() - t0) / 1e9));

            if (!o.flag("no-wrk")) {
                if (Wrk.installed()) {
                    Path dir = o.root().resolve("checkout-bench/wrk");
                    Wrk.Figures wt = Wrk.run(dir.resolve("tokens.lua"), sb.base(), 2, 64, 10);
                    Wrk.Figures wc = Wrk.run(dir.resolve("charges.lua"), sb.base(), 2, 64, 10);
                    r.wrk.add(wt);
                    r.wrk.add(wc);
                    r.goal("tokens/s, wrk -t2 -c64 -d10s (stripe-mock: 13.3-14.9k)", ">= 20,000",
                            Report.rate(wt.requestsPerSecond()), wt.requestsPerSecond() >= TOKENS_GOAL && wt.non2xx() == 0);
                    r.goal("charges/s, wrk -t2 -c64 -d10s (stripe-mock: 4.9-6.5k)", ">= 9,000",
                            Report.rate(wc.requestsPerSecond()), wc.requestsPerSecond() >= CHARGES_GOAL && wc.non2xx() == 0);
                } else {
                    r.notes.add("wrk is not installed (apt-get install -y wrk): no wrk figures this run");
                }
            }
            r.processes.put("sandbox peak RSS MB (end)", Machine.rssKib(sb.pid()) * 1024 / 1_000_000);
            rig.stop(sb);
            r.config.put("jars (built at)", rig.jars);
            r.config.put("CDS archive present at start", rig.cdsArchives);
            r.notes.addAll(rig.profileSummaries());
        }
        return Scenarios.end(r);
    }

    /**
     * One charge of the pre-made {@code tok_visa} (2000 usd cents, as wrk's charges.lua) with the secret key and its
     * own Idempotency-Key {@code key} (also its {@code metadata[order_id]}), recorded on {@code m} as "charge".
     * Always true: a closed-loop buyer goes on.
     */
    static boolean charge(Rig rig, String chargesUrl, String key, Meter m) {
        long t0 = System.nanoTime();
        Client.Reply x = rig.load().postForm(chargesUrl, Rig.SK, key,
                "amount=2000&currency=usd&source=tok_visa&metadata[order_id]=" + key);
        m.record("charge", t0, System.nanoTime(), x.label());
        return true;
    }

    private static void perRequest(Map<String, Object> out, Map<String, Long> cpuMillis, KindStats k) {
        if (k != null && k.count() > 0) {
            for (String who : new String[] {"bench", "sandbox"}) {
                out.put(who + " ms per request", String.format(java.util.Locale.ROOT, "%.3f",
                        (double) cpuMillis.getOrDefault(who, 0L) / k.count()));
            }
        }
    }

    private static long allTimeNon200(Map<String, Long> statuses) {
        return statuses.entrySet().stream().filter(e -> !e.getKey().endsWith(" 200")).mapToLong(Map.Entry::getValue)
                .sum();
    }

    static double secs(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
