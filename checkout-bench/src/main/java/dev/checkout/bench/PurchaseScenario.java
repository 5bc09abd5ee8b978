package dev.checkout.bench;

import dev.checkout.bench.Invariants.Check;
import dev.checkout.bench.Invariants.OrderView;
import dev.checkout.bench.Meter.KindStats;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code purchase-h2}, {@code purchase-pg}, {@code slow-provider} and {@code mixed}: N buyers doing the whole
 * client flow over many SKUs with ample stock; optionally a slow provider or a share of declining cards. The
 * purchase scenarios first measure the provider alone (token then charge, same buyers, same sandbox process) so
 * the ratio "full purchase vs provider calls it cannot avoid" comes from one run.
 */
final class PurchaseScenario {
    /** The shape of one purchase scenario. */
    record Spec(String name, boolean postgres, int buyers, int skus, long stock, int maxLines, double declineShare,
            Duration chargeDelay, boolean baseline) {
    }

    private PurchaseScenario() {
    }

    static Spec spec(String name, Options o) {
        boolean pg = o.get("db", "h2").equals("pg");
        return switch (name) {
            case "purchase-h2" -> new Spec(name, false, o.integer("buyers", 64), 1000, 1_000_000, 2, 0, Duration.ZERO, true);
            case "purchase-pg" -> new Spec(name, true, o.integer("buyers", 64), 1000, 1_000_000, 2, 0, Duration.ZERO, true);
            case "slow-provider" -> new Spec(name, pg, o.integer("buyers", 1000), 1000, 1_000_000, 2, 0,
                    Duration.ofMillis(300), false);
            case "mixed" -> new Spec(name, pg, o.integer("buyers", 64), 1000, 1_000_000, 2, 0.3, Duration.ZERO, false);
            default -> throw new IllegalArgumentException("not a purchase scenario: " + name);
        };
    }

    static Result run(Options o, Spec spec) throws Exception {
        Result r = Scenarios.begin(spec.name(), o);
        r.config.put("buyers", spec.buyers());
        r.config.put("database", spec.postgres() ? "PostgreSQL" : "H2 file");
        r.config.put("SKUs", spec.skus());
        r.config.put("stock per SKU", spec.stock());
        r.config.put("cart", "1-" + spec.maxLines() + " distinct SKUs, 1-2 units each");
        r.config.put("declining share", spec.declineShare());
        r.config.put("sandbox charge delay ms", spec.chargeDelay().toMillis());
        // the slow provider answers in 300 ms; a purchase still unanswered after 60 s is lost, not slow
        try (Rig rig = new Rig(o, spec.name(), Duration.ofSeconds(60))) {
            r.config.put("checkout JVM options", rig.jvm("checkout"));
            r.config.put("sandbox JVM options", rig.jvm("sandbox"));
            Service sb = rig.startSandbox(spec.chargeDelay());
            Database db = spec.postgres() ? rig.postgres() : rig.h2();
            Service co = rig.startCheckout(sb, db);
            r.processes.put("checkout start-up to first served request", Scenarios.ms(co.startup()));
            r.processes.put("sandbox start-up to first served request", Scenarios.ms(sb.startup()));
            Meter meter = new Meter();
            Shop shop = new Shop(rig, sb, co, meter, Shop.catalogue("sku", spec.skus(), spec.stock()));
            shop.seed();
            Map<String, Long> initial = new Observer(rig.client).stock(co.base());

            KindStats baseline = null;
            if (spec.baseline()) {
                Meter bm = new Meter();
                Shop provider = new Shop(rig, sb, co, bm, shop.products);
                Duration w = Duration.ofSeconds(Math.min(5, o.warmup().toSeconds()));
                Duration m = Duration.ofSeconds(Math.max(5, o.measure().toSeconds() / 2));
                ClosedLoop.run(spec.buyers(), w, m, Duration.ofSeconds(30), bm,
                        (b, i) -> provider.tokenThenCharge("base-" + rig.runId + "-" + b + "-" + i, 2000));
                r.phases.add(new Result.Phase("provider alone", spec.buyers(), SandboxScenario.secs(w),
                        bm.windowSeconds(), bm.stats("token", "charge", "token+charge")));
                baseline = bm.stats("token+charge").get("token+charge");
            }

            SplittableRandom[] rnd = new SplittableRandom[spec.buyers()];
            for (int b = 0; b < rnd.length; b++) {
                rnd[b] = new SplittableRandom(7919L * (b + 1));
            }
            Duration jitLimit = o.duration("jit-settle", Duration.ZERO);
            if (!jitLimit.isZero()) {
                // the steady state: load until the checkout's JIT compiler is (nearly) idle, then the usual warm-up
                r.processes.put("load before the warm-up, until the JIT compiler quieted", JitSettle.settleJit(
                        List.of(co.pid()), spec.buyers(), jitLimit, meter, (chunk, b, i) -> {
                            shop.buy("jit-" + rig.runId + "-" + chunk + "-" + b + "-" + i, Shop.GOOD_CARD,
                                    shop.cart(rnd[b], spec.maxLines()));
                            return true;
                        }));
            }
            Sampler sampler = Sampler.start(rig, "purchases", sb, co, spec.postgres(), o.warmup(), o.measure());
            ClosedLoop.Outcome out = ClosedLoop.run(spec.buyers(), o.warmup(), o.measure(), Duration.ofSeconds(60),
                    meter, (b, i) -> {
                        String card = spec.declineShare() > 0 && rnd[b].nextDouble() < spec.declineShare()
                                ? Shop.DECLINING_CARD : Shop.GOOD_CARD;
                        shop.buy("bench-" + rig.runId + "-" + b + "-" + i, card, shop.cart(rnd[b], spec.maxLines()));
                        return true;
                    });
            r.cpu.putAll(sampler.cpu());
            Map<String, Long> peaks = sampler.peaks();
            r.processes.putAll(peaks);
            r.processes.put("buyers stuck past the grace period", out.stuckBuyers());
            Map<String, KindStats> kinds = meter.stats("token", "purchase", "whole purchase");
            r.phases.add(new Result.Phase("purchases", spec.buyers(), SandboxScenario.secs(o.warmup()),
                    meter.windowSeconds(), kinds));
            KindStats done = kinds.get("purchase");
            if (done != null && done.count() > 0) {
                // CPU per purchase depends far less on what else the machine runs than a rate does
                sampler.cpuMillis().forEach((who, ms) -> {
                    if (!who.equals("machine total")) {
                        r.cpu.put(who + " ms per purchase", String.format(Locale.ROOT, "%.2f", (double) ms / done.count()));
                    }
                });
                sampler.putGcPer(r.cpu, "purchase", done.count());
                sampler.putThreadsPer(r.cpu, "purchase", done.count());
            }

            Boolean cds = rig.cdsArchives.get("checkout.jar");
            goals(r, spec, kinds, baseline, co, peaks, out,
                    cds == null ? " (no start-up cache)" : cds ? (Rig.AOT ? " (AOT cache)" : " (CDS archive)")
                            : " (first start of this build: no start-up cache yet)",
                    meter.allTimeStatuses());
            Scenarios.Verification v = Scenarios.verify(rig, r, sb, co, db, initial, o.settle());
            r.invariants.addAll(v.checks());
            if (spec.declineShare() > 0) {
                r.invariants.add(declinedReleased(v));
            }
            rig.stop(sb);
            r.config.put("jars (built at)", rig.jars);
            r.config.put("CDS archive present at start", rig.cdsArchives);
            r.notes.addAll(rig.profileSummaries());
        }
        return Scenarios.end(r);
    }

    private static void goals(Result r, Spec spec, Map<String, KindStats> kinds, KindStats baseline, Service co,
            Map<String, Long> peaks, ClosedLoop.Outcome out, String startNote, Map<String, Long> allTime) {
        KindStats p = kinds.get("purchase");
        KindStats whole = kinds.get("whole purchase");
        if (p == null || whole == null) {
            r.notes.add("no purchase completed inside the measured window");
            return;
        }
        double paid = p.perSecond("201");
        switch (spec.name()) {
            case "purchase-h2", "purchase-pg" -> {
                double goal = spec.postgres() ? 1_500 : 2_500;
                r.goal("complete purchases/s (201), " + spec.buyers() + " buyers", ">= " + Report.rate(goal),
                        Report.rate(paid), paid >= goal);
                r.goal("p99 of POST /purchase", "<= 50 ms", Report.ms(p.p99()) + " ms", p.p99() <= 50);
                if (baseline != null) {
                    double ratio = paid / baseline.perSecond("200");
                    r.goal("full purchases/s vs the provider alone (token+charge pairs/s, same buyers)", ">= 60%",
                            Report.percent(ratio) + " of " + Report.rate(baseline.perSecond("200")) + "/s", ratio >= 0.6);
                }
                if (!spec.postgres()) {
                    long startMs = co.startup().toMillis();
                    r.goal("checkout start-up to first served request", "<= 2 s", startMs + " ms" + startNote, startMs <= 2000);
                    long rssMb = peaks.getOrDefault("checkout RSS MiB", -1L) * 1024 * 1024 / 1_000_000;
                    r.goal("checkout resident memory under load (peak VmRSS)", "<= 300 MB", rssMb + " MB",
                            rssMb > 0 && rssMb <= 300);
                }
            }
            case "slow-provider" -> {
                double little = spec.buyers() / (spec.chargeDelay().toMillis() / 1000.0);
                r.goal("complete purchases/s (201), " + spec.buyers() + " buyers, 300 ms charges",
                        ">= 2,830 (85% of Little's bound " + Report.rate(little) + ")",
                        Report.rate(paid) + " (" + Report.percent(paid / little) + ")", paid >= 0.85 * little);
                // every purchase of the run counts here, warm-up and grace included: a buyer left without an
                // answer after the window is exhaustion too
                long errors = allTime.entrySet().stream()
                        .filter(e -> e.getKey().startsWith("purchase ") && !e.getKey().equals("purchase 201"))
                        .mapToLong(Map.Entry::getValue).sum();
                r.goal("no thread or connection exhaustion (non-201 answers in the whole run, stuck buyers)", "0",
                        errors + " non-201 " + allTime.entrySet().stream().filter(e -> e.getKey().startsWith("purchase ")
                                && !e.getKey().equals("purchase 201")).map(e -> e.getKey().substring(9) + ": "
                                + e.getValue()).toList() + ", " + out.stuckBuyers() + " stuck; peak checkout threads "
                                + peaks.get("checkout threads") + ", sockets " + peaks.get("checkout sockets")
                                + ", TIME_WAIT " + peaks.get("TIME_WAIT sockets"),
                        errors == 0 && out.stuckBuyers() == 0);
                r.goal("p99 of POST /purchase", "-", Report.ms(p.p99()) + " ms", null);
            }
            case "mixed" -> {
                r.goal("purchases/s (201 + 402)", "-", Report.rate(p.perSecond("201") + p.perSecond("402")), null);
                r.goal("declined share of answers", "~30%", Report.percent(p.perSecond("402") / p.perSecond()), null);
                r.goal("p99 of POST /purchase", "-", Report.ms(p.p99()) + " ms", null);
            }
            default -> { }
        }
    }

    /** Mixed: declined orders exist, and the stock equation (which counts PAID units only) held for them too. */
    static Check declinedReleased(Scenarios.Verification v) {
        long declined = v.orders().values().stream().filter(o -> "DECLINED".equals(o.status())).count();
        long declinedUnits = v.orders().values().stream().filter(o -> "DECLINED".equals(o.status()))
                .mapToLong(PurchaseScenario::units).sum();
        boolean stockOk = v.checks().stream().filter(c -> c.name().startsWith("stock = initial")).allMatch(Check::ok);
        return new Check("every declined purchase released its stock", declined > 0 && stockOk,
                String.format(Locale.ROOT, "%d DECLINED orders that had reserved %d units; the stock equation (PAID "
                        + "units only) %s", declined, declinedUnits, stockOk ? "holds, so all were released" : "is broken"));
    }

    static long units(OrderView v) {
        return v.lines().values().stream().mapToLong(Integer::longValue).sum();
    }
}
