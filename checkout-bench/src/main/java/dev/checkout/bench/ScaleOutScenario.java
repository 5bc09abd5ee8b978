package dev.checkout.bench;

import dev.checkout.bench.Invariants.Check;
import dev.checkout.bench.Meter.KindStats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code scale-out}: the same buyers against one checkout instance, then against two on one PostgreSQL database,
 * spread round robin as a load balancer would, each phase on a fresh database and sandbox. Reports the rate, the
 * p99 and the CPU each instance spent per purchase it served, and checks the invariants of each phase. On a machine
 * whose cores are already busy with one instance, a second adds no speed; the goal is that it costs no more CPU per
 * purchase (within 10%) while every invariant holds.
 */
final class ScaleOutScenario {
    /** What a phase measured. */
    record Measured(double paidPerSecond, double p99, double checkoutMsPerPurchase, double postgresMsPerPurchase,
            double checkoutMsWithoutJit) {
    }

    private ScaleOutScenario() {
    }

    static Result run(Options o) throws Exception {
        Result r = Scenarios.begin("scale-out", o);
        int buyers = o.integer("buyers", 32);
        r.config.put("buyers", buyers);
        r.config.put("database", "PostgreSQL, a fresh database per phase");
        r.config.put("SKUs", 1000);
        r.config.put("cart", "1-2 distinct SKUs, 1-2 units each");
        r.config.put("spread", "round robin over the instances, purchase by purchase");
        Map<Integer, Measured> measured = new LinkedHashMap<>();
        for (int instances : List.of(1, 2)) {
            measured.put(instances, phase(o, r, instances, buyers));
        }
        Measured one = measured.get(1);
        Measured two = measured.get(2);
        for (var e : measured.entrySet()) {
            String who = e.getKey() == 1 ? "1 instance" : e.getKey() + " instances";
            r.goal("complete purchases/s (201), " + who, "-", Report.rate(e.getValue().paidPerSecond()), null);
            r.goal("p99 of POST /purchase, " + who, "-", Report.ms(e.getValue().p99()) + " ms", null);
            r.goal("checkout CPU per purchase, all instances, " + who, "-",
                    String.format(Locale.ROOT, "%.2f ms", e.getValue().checkoutMsPerPurchase()), null);
            r.goal("checkout CPU per purchase without the JIT compiler threads, " + who, "-",
                    String.format(Locale.ROOT, "%.2f ms", e.getValue().checkoutMsWithoutJit()), null);
            r.goal("PostgreSQL CPU per purchase, " + who, "-",
                    String.format(Locale.ROOT, "%.2f ms", e.getValue().postgresMsPerPurchase()), null);
        }
        if (one.checkoutMsPerPurchase() > 0) {
            double ratio = two.checkoutMsPerPurchase() / one.checkoutMsPerPurchase();
            r.goal("checkout CPU per purchase, 2 instances vs 1", "<= 110%", Report.percent(ratio), ratio <= 1.10);
        }
        if (one.checkoutMsWithoutJit() > 0) {
            // each instance compiles the same code for itself: a cost of its first minutes, shown apart
            r.goal("the same without the JIT compiler threads", "-",
                    Report.percent(two.checkoutMsWithoutJit() / one.checkoutMsWithoutJit()), null);
        }
        return Scenarios.end(r);
    }

    private static Measured phase(Options o, Result r, int instances, int buyers) throws Exception {
        String label = instances == 1 ? "1 instance" : instances + " instances";
        try (Rig rig = new Rig(o, "scale-out-" + instances, Duration.ofSeconds(60))) {
            Service sandbox = rig.startSandbox(Duration.ZERO);
            Database db = rig.postgres();
            List<Service> checkouts = new ArrayList<>();
            List<String> share = cpuShare(o, instances);
            r.config.put(label + ": each instance's own JVM options", share.isEmpty() ? "none" : String.join(" ", share));
            for (int i = 1; i <= instances; i++) {
                checkouts.add(rig.startCheckout(sandbox, db, "checkout-" + i, share));
            }
            Meter meter = new Meter();
            Shop shop = Shop.spread(rig, sandbox, checkouts, meter, Shop.catalogue("sku", 1000, 1_000_000));
            shop.seed();
            Map<String, Long> initial = new Observer(rig.client).stock(checkouts.get(0).base());
            SplittableRandom[] rnd = new SplittableRandom[buyers];
            for (int b = 0; b < rnd.length; b++) {
                rnd[b] = new SplittableRandom(7919L * (b + 1));
            }
            Duration jitLimit = o.duration("jit-settle", Duration.ofSeconds(240));
            if (!jitLimit.isZero()) {
                r.processes.put(label + ": load before the warm-up, until the JIT compilers quieted",
                        JitSettle.settleJit(checkouts.stream().map(Service::pid).toList(), buyers, jitLimit, meter, (chunk, b, i) -> {
                            shop.buy("jit-" + rig.runId + "-" + instances + "-" + chunk + "-" + b + "-" + i,
                                    Shop.GOOD_CARD, shop.cart(rnd[b], 2));
                            return true;
                        }));
            }
            // CPU of each process over the measured window only: sampled when the warm-up ends and when the window does
            long[][] cpu = new long[2][];
            List<List<Map<String, Long>>> threadCpu = new ArrayList<>(List.of(List.of(), List.of()));
            Thread window = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(o.warmup());
                    if (o.flag("profile")) {
                        checkouts.forEach(c -> Jfr.start(c.pid()));
                    }
                    threadCpu.set(0, checkouts.stream().map(c -> Machine.cpuMillisByThreadKind(c.pid())).toList());
                    cpu[0] = cpuOf(checkouts);
                    Thread.sleep(o.measure());
                    cpu[1] = cpuOf(checkouts);
                    threadCpu.set(1, checkouts.stream().map(c -> Machine.cpuMillisByThreadKind(c.pid())).toList());
                    if (o.flag("profile")) {
                        checkouts.forEach(c -> rig.profiled(c.name() + "-window", f -> Jfr.stop(c.pid(), f)));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            ClosedLoop.Outcome out = ClosedLoop.run(buyers, o.warmup(), o.measure(), Duration.ofSeconds(60), meter,
                    (b, i) -> {
                        shop.buy("scale-" + rig.runId + "-" + instances + "-" + b + "-" + i, Shop.GOOD_CARD,
                                shop.cart(rnd[b], 2));
                        return true;
                    });
            window.join();
            Map<String, KindStats> kinds = meter.stats("token", "purchase", "whole purchase");
            r.phases.add(new Result.Phase(label, buyers, SandboxScenario.secs(o.warmup()), meter.windowSeconds(), kinds));
            r.processes.put(label + ": buyers stuck past the grace period", out.stuckBuyers());
            KindStats p = kinds.get("purchase");
            long purchases = p == null ? 0 : p.count();
            double checkoutMs = 0;
            double postgresMs = 0;
            double compilingMs = 0;
            if (purchases > 0 && cpu[0] != null && cpu[1] != null) {
                for (int i = 0; i < instances; i++) {
                    long ms = cpu[1][i] - cpu[0][i];
                    checkoutMs += ms;
                    // round robin: each instance served 1/N of the window's purchases (to within one per buyer)
                    r.cpu.put(label + ": checkout-" + (i + 1) + " ms per purchase it served",
                            String.format(Locale.ROOT, "%.2f", ms / (purchases / (double) instances)));
                    r.cpu.put(label + ": checkout-" + (i + 1) + " CPU",
                            Report.percent(ms / (o.measure().toMillis() * 1.0)));
                    if (threadCpu.get(1).size() > i) {
                        Map<String, Long> before = threadCpu.get(0).get(i);
                        Map<String, Long> spent = new LinkedHashMap<>();
                        threadCpu.get(1).get(i).forEach((kind, t) -> spent.put(kind, t - before.getOrDefault(kind, 0L)));
                        compilingMs += Sampler.compilerMillis(spent);
                        r.cpu.put(label + ": checkout-" + (i + 1) + " ms per purchase it served, by thread",
                                JitSettle.byThread(threadCpu.get(0).get(i), threadCpu.get(1).get(i), purchases / (double) instances));
                    }
                }
                postgresMs = cpu[1][instances] - cpu[0][instances];
                r.cpu.put(label + ": postgres (every backend on the machine) CPU", Report.percent(postgresMs / o.measure().toMillis()));
                long machine = cpu[1][instances + 1] - cpu[0][instances + 1];
                r.cpu.put(label + ": machine busy", Report.percent(machine / (double) o.measure().toMillis()));
            }
            r.notes.addAll(rig.profileSummaries());
            Scenarios.Verification v = Scenarios.verify(rig, r, sandbox, checkouts.get(0), db, initial, o.settle());
            for (Check c : v.checks()) {
                r.invariants.add(new Check(label + ": " + c.name(), c.ok(), c.detail()));
            }
            return new Measured(p == null ? 0 : p.perSecond("201"), p == null ? 0 : p.p99(),
                    purchases == 0 ? 0 : checkoutMs / purchases, purchases == 0 ? 0 : postgresMs / purchases,
                    purchases == 0 ? 0 : (checkoutMs - compilingMs) / purchases);
        }
    }

    /**
     * {@code --instance-cpus=share}: each of N instances sized for its share of the cores
     * ({@code -XX:ActiveProcessorCount}), as N containers with a CPU limit each would be, so that their thread pools
     * (virtual-thread carriers, event loops, collector and compiler threads) add up to the machine rather than to N
     * machines. {@code all} (the default): every instance sizes itself for every core.
     */
    static List<String> cpuShare(Options o, int instances) {
        String mode = o.get("instance-cpus", "all");
        return switch (mode) {
            case "all" -> List.of();
            case "share" -> List.of("-XX:ActiveProcessorCount=" + Math.max(1, Machine.cores() / instances));
            default -> throw new IllegalArgumentException("--instance-cpus is 'all' or 'share', not '" + mode + "'");
        };
    }

    /** CPU milliseconds so far: each checkout, then every postgres process, then the machine's busy time. */
    private static long[] cpuOf(List<Service> checkouts) {
        long[] out = new long[checkouts.size() + 2];
        for (int i = 0; i < checkouts.size(); i++) {
            out[i] = Machine.cpuMillis(checkouts.get(i).pid());
        }
        out[checkouts.size()] = Machine.cpuMillisOfCommand("postgres");
        out[checkouts.size() + 1] = Machine.machineBusyMillis();
        return out;
    }
}
