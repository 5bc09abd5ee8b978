package dev.checkout.bench;

import dev.checkout.bench.Invariants.Check;
import dev.checkout.bench.Meter.KindStats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.stream.Collectors;

/**
 * {@code hot-sku-h2} / {@code hot-sku-pg}: one SKU with 1,000 units and 256 buyers who each buy one unit at a time
 * until told "sold out" (409). Exactly 1,000 must be paid and every buyer must end with a 409; the rate is paid
 * units over the time from the start to the last 201. One such rush lasts about a second, so it runs
 * {@code --rounds} times (5 by default), each on a hot SKU of its own, one after the other, and the verdict is the
 * median of the rounds' rates; the invariants hold for every round. A warm-up on other SKUs comes first, so the JIT
 * is not what is measured; with {@code --jit-settle} (off unless given) the same load on those SKUs runs before it
 * until the checkout's JIT compiler is idle. No hot SKU is touched before its rush.
 *
 * <p>After the rushes the buyers keep coming for the last hot SKU, sold out, as they do after a flash sale
 * ({@code --sold-out=10s}, 0s: skip): every answer must be 409 out_of_stock, and the report gives the refusals' rate,
 * their p99 and what one costs the checkout and the sandbox (its token) in CPU.
 */
final class HotSkuScenario {
    static final int UNITS = 1_000;

    private HotSkuScenario() {
    }

    static Result run(Options o, boolean postgres) throws Exception {
        String name = postgres ? "hot-sku-pg" : "hot-sku-h2";
        int buyers = o.integer("buyers", 256);
        int rounds = Math.max(1, o.integer("rounds", 5));
        Result r = Scenarios.begin(name, o);
        r.config.put("buyers", buyers);
        r.config.put("database", postgres ? "PostgreSQL" : "H2 file");
        r.config.put("hot SKU units", UNITS);
        r.config.put("rounds (a hot SKU each)", rounds);
        try (Rig rig = new Rig(o, name, Duration.ofSeconds(60))) {
            r.config.put("checkout JVM options", rig.jvm("checkout"));
            Service sb = rig.startSandbox(Duration.ZERO);
            Database db = postgres ? rig.postgres() : rig.h2();
            Service co = rig.startCheckout(sb, db);
            r.processes.put("checkout start-up to first served request", Scenarios.ms(co.startup()));
            Meter warm = new Meter();
            List<Shop.Product> products = new ArrayList<>(Shop.catalogue("warm", 100, 1_000_000));
            List<Shop.Product> hot = new ArrayList<>();
            for (int k = 0; k < rounds; k++) {
                hot.add(new Shop.Product(String.format(Locale.ROOT, "hot-%04d", k), 25_00, UNITS));
            }
            products.addAll(hot);
            Shop warmShop = new Shop(rig, sb, co, warm, products.subList(0, 100));
            new Shop(rig, sb, co, warm, products).seed();
            Map<String, Long> initial = new Observer(rig.client).stock(co.base());

            SplittableRandom[] rnd = new SplittableRandom[buyers];
            for (int b = 0; b < buyers; b++) {
                rnd[b] = new SplittableRandom(31L * (b + 1));
            }
            Duration jitLimit = o.duration("jit-settle", Duration.ZERO);
            if (!jitLimit.isZero()) {
                // the steady state: load until the checkout's JIT compiler is (nearly) idle, then the usual warm-up;
                // on the warm-up SKUs only, never a hot one (their 1,000 units each are the rushes', all of them)
                r.processes.put("load before the warm-up (100 other SKUs), until the JIT compiler quieted",
                        JitSettle.settleJit(List.of(co.pid()), buyers, jitLimit, warm, (chunk, b, i) -> {
                            warmShop.buy("jit-" + rig.runId + "-" + chunk + "-" + b + "-" + i, Shop.GOOD_CARD,
                                    warmShop.cart(rnd[b], 1));
                            return true;
                        }));
            }
            ClosedLoop.run(buyers, Duration.ZERO, o.warmup(), Duration.ofSeconds(30), warm, (b, i) -> {
                warmShop.buy("warm-" + rig.runId + "-" + b + "-" + i, Shop.GOOD_CARD, warmShop.cart(rnd[b], 1));
                return true;
            });
            r.phases.add(new Result.Phase("warm-up on 100 other SKUs", buyers, 0, warm.windowSeconds(),
                    warm.stats("token", "purchase", "whole purchase")));

            // each round a hot SKU of its own, seeded with the rest and untouched until its rush: one rush lasts about
            // a second, so whatever else the host does in that second moves it by a third either way; the verdict is
            // the median over the rounds
            List<Round> rush = new ArrayList<>();
            for (Shop.Product h : hot) {
                rush.add(rush(rig, sb, co, h, buyers, r));
            }
            Duration soldOutFor = o.duration("sold-out", Duration.ofSeconds(10));
            if (!soldOutFor.isZero()) {
                soldOut(rig, sb, co, hot.getLast(), buyers, soldOutFor, r);
            }
            List<Double> rates = rush.stream().map(Round::rate).toList();
            double median = Report.median(rates);
            r.goal(String.format(Locale.ROOT, "sold out at (paid units / time to the last 201), the median of %d round%s",
                            rounds, rounds == 1 ? "" : "s"), ">= 1,000 purchases/s",
                    Report.rate(median) + "/s (rounds: " + rush.stream().map(x -> Report.rate(x.rate()) + "/s in "
                            + String.format(Locale.ROOT, "%.2f", x.soldOutSeconds()) + " s").collect(Collectors.joining(", "))
                            + ")", median >= 1_000);
            r.goal("p99 of POST /purchase during the rushes, each round", "-", rush.stream()
                    .map(x -> Double.isNaN(x.p99()) ? "-" : Report.ms(x.p99()) + " ms").collect(Collectors.joining(", ")), null);

            Scenarios.Verification v = Scenarios.verify(rig, r, sb, co, db, initial, o.settle());
            r.invariants.addAll(v.checks());
            for (int k = 0; k < hot.size(); k++) {
                Shop.Product h = hot.get(k);
                Round x = rush.get(k);
                long paidUnits = v.orders().values().stream()
                        .filter(y -> "PAID".equals(y.status()) && y.lines().containsKey(h.sku()))
                        .mapToLong(y -> y.lines().get(h.sku())).sum();
                Long dbUnits = v.db() == null ? null : v.db().paidUnitsBySku().getOrDefault(h.sku(), 0L);
                String of = hot.size() == 1 ? "" : " (round " + (k + 1) + ", " + h.sku() + ")";
                r.invariants.add(new Check("exactly 1,000 units of the hot SKU paid, none left" + of, paidUnits == UNITS
                        && x.paid() == UNITS && v.stock().getOrDefault(h.sku(), -1L) == 0
                        && (dbUnits == null || dbUnits == UNITS),
                        x.paid() + " answers 201, " + paidUnits + " units in PAID orders read back, " + dbUnits
                                + " in PAID order lines in the database, " + v.stock().get(h.sku()) + " available"));
                r.invariants.add(new Check("every buyer ended told sold out (409 out_of_stock), no other answer" + of,
                        x.told() == buyers && x.other().isEmpty() && x.stuck() == 0,
                        x.told() + " of " + buyers + " buyers got 409; other answers " + x.other().size()
                                + (x.other().isEmpty() ? "" : " e.g. " + x.other().peek()) + "; stuck " + x.stuck()));
            }
            rig.stop(sb);
            r.config.put("jars (built at)", rig.jars);
            r.config.put("CDS archive present at start", rig.cdsArchives);
            r.notes.addAll(rig.profileSummaries());
        }
        return Scenarios.end(r);
    }

    /** One rush: 256 buyers (by default) on {@code hot} until each is told it is sold out. */
    private static Round rush(Rig rig, Service sb, Service co, Shop.Product hot, int buyers, Result r)
            throws InterruptedException {
        Meter meter = new Meter();
        Shop hotShop = new Shop(rig, sb, co, meter, List.of(hot));
        AtomicLong paid = new AtomicLong();
        AtomicLong told = new AtomicLong();
        LongAccumulator lastPaid = new LongAccumulator(Math::max, 0);
        LongAccumulator lastTold = new LongAccumulator(Math::max, 0);
        ConcurrentLinkedQueue<String> other = new ConcurrentLinkedQueue<>();
        long t0 = System.nanoTime();
        meter.window(t0, Long.MAX_VALUE);
        // bounded: 60 s and 100 tries per buyer; a correct checkout finishes in a few seconds
        ClosedLoop.Outcome out = ClosedLoop.runUntilDone(buyers, Duration.ofSeconds(60), Duration.ofSeconds(30),
                (b, i) -> {
                    Client.Reply a = hotShop.buy(hot.sku() + "-" + rig.runId + "-" + b + "-" + i, Shop.GOOD_CARD,
                            Map.of(hot, 1));
                    int s = a == null ? -1 : a.status();
                    if (s == 201) {
                        paid.incrementAndGet();
                        lastPaid.accumulate(System.nanoTime());
                    } else if (s == 409 && "out_of_stock".equals(Shop.errorCode(a))) {
                        told.incrementAndGet();
                        lastTold.accumulate(System.nanoTime());
                        return false;
                    } else {
                        other.add(s + " " + (a == null ? "no token" : Shop.errorCode(a)));
                    }
                    return i < 100;
                });
        double soldOutSeconds = (lastPaid.get() - t0) / 1e9;
        meter.endWindow(t0 + Math.max(1, lastTold.get() - t0)); // so rates are per second of the rush
        Map<String, KindStats> kinds = meter.stats("token", "purchase", "whole purchase");
        r.phases.add(new Result.Phase(hot.sku() + " until sold out", buyers, 0, meter.windowSeconds(), kinds));
        KindStats p = kinds.get("purchase");
        return new Round(paid.get(), told.get(), other, out.stuckBuyers(), soldOutSeconds,
                paid.get() / soldOutSeconds, p == null ? Double.NaN : p.p99());
    }

    /** Buyers who keep coming for {@code gone}, sold out: every one must be refused, and the refusals' cost is measured. */
    private static void soldOut(Rig rig, Service sb, Service co, Shop.Product gone, int buyers, Duration measure, Result r)
            throws InterruptedException {
        Meter meter = new Meter();
        Shop goneShop = new Shop(rig, sb, co, meter, List.of(gone));
        AtomicLong told = new AtomicLong();
        ConcurrentLinkedQueue<String> other = new ConcurrentLinkedQueue<>();
        long checkout0 = Machine.cpuMillis(co.pid());
        long sandbox0 = Machine.cpuMillis(sb.pid());
        ClosedLoop.Outcome out = ClosedLoop.run(buyers, Duration.ZERO, measure, Duration.ofSeconds(30), meter, (b, i) -> {
            Client.Reply a = goneShop.buy(gone.sku() + "-gone-" + rig.runId + "-" + b + "-" + i, Shop.GOOD_CARD,
                    Map.of(gone, 1));
            int s = a == null ? -1 : a.status();
            if (s == 409 && "out_of_stock".equals(Shop.errorCode(a))) {
                told.incrementAndGet();
            } else {
                other.add(s + " " + (a == null ? "no token" : Shop.errorCode(a)));
            }
            return true;
        });
        long checkoutMs = Machine.cpuMillis(co.pid()) - checkout0;
        long sandboxMs = Machine.cpuMillis(sb.pid()) - sandbox0;
        long answered = told.get() + other.size();
        Map<String, KindStats> kinds = meter.stats("token", "purchase", "whole purchase");
        r.phases.add(new Result.Phase(gone.sku() + " sold out, buyers still coming", buyers, 0, meter.windowSeconds(), kinds));
        KindStats p = kinds.get("purchase");
        r.goal("refusals of a sold-out SKU (" + buyers + " buyers, " + measure.toSeconds() + " s): answers/s, p99,"
                        + " CPU per refusal of the checkout and of the sandbox (its token)", "-",
                p == null || answered == 0 ? "none" : String.format(Locale.ROOT, "%s/s, p99 %s ms, checkout %.3f ms, sandbox %.3f ms",
                        Report.rate(p.perSecond()), Report.ms(p.p99()), (double) checkoutMs / answered, (double) sandboxMs / answered),
                null);
        r.invariants.add(new Check("every buyer of the sold-out SKU told 409 out_of_stock, no other answer",
                answered > 0 && other.isEmpty() && out.stuckBuyers() == 0,
                told.get() + " answers 409 out_of_stock; other answers " + other.size()
                        + (other.isEmpty() ? "" : " e.g. " + other.peek()) + "; stuck " + out.stuckBuyers()));
    }

    /** What one rush did: answers by kind, stuck buyers, the time to the last 201 and the rate it gives. */
    private record Round(long paid, long told, ConcurrentLinkedQueue<String> other, int stuck, double soldOutSeconds,
                         double rate, double p99) {
    }
}
