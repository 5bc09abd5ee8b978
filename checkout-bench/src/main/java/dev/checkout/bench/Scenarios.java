package dev.checkout.bench;

import dev.checkout.bench.Invariants.Check;
import dev.checkout.bench.Invariants.DbView;
import dev.checkout.bench.Invariants.OrderView;
import dev.checkout.bench.Invariants.Seen;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What every scenario does around its load: machine facts before and after, and the after-run verification. */
final class Scenarios {
    private Scenarios() {
    }

    static Result begin(String name, Options o) {
        Result r = new Result(name);
        r.machine.put("cores", Machine.cores());
        r.machine.put("loadBefore", Machine.loadText(Machine.loadAverage()));
        r.machine.put("when", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                .format(Instant.now().atOffset(ZoneOffset.UTC)));
        r.machine.put("java", Runtime.version().toString());
        r.machine.put("commit", gitHead(o));
        r.config.put("warmup s", SandboxScenario.secs(o.warmup()));
        r.config.put("measured s", SandboxScenario.secs(o.measure()));
        System.out.printf(Locale.ROOT, "== %s: %d cores, load %s%n", name, Machine.cores(), r.machine.get("loadBefore"));
        return r;
    }

    private static String gitHead(Options o) {
        Path exported = Path.of(o.get("jars-from", "/nonexistent")).resolve(".commit");
        try {
            if (Files.exists(exported)) {
                return Files.readString(exported).trim() + " (jars from " + exported.getParent() + ")";
            }
            Process p = new ProcessBuilder("git", "-C", o.root().toString(), "log", "-1", "--format=%h %cI")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? out : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }

    static Result end(Result r) {
        r.machine.put("loadAfter", Machine.loadText(Machine.loadAverage()));
        return r;
    }

    static String ms(Duration d) {
        return d.toMillis() + " ms";
    }

    /** What the verification found: the checks, and the orders, stock and tables it read (for scenario checks). */
    record Verification(List<Check> checks, Map<String, OrderView> orders, Map<String, Long> stock, DbView db) {
    }

    /**
     * Reads everything back after the load stopped and checks the invariants: waits (bounded) for orders that are
     * not final yet to settle, reads stock and the sandbox's charges, stops the checkout (so an H2 file can be
     * opened) and reads the database's own counts.
     */
    static Verification verify(Rig rig, Result r, Service sandbox, Service checkout, Database db,
            Map<String, Long> initial, Duration settleLimit) throws Exception {
        long t0 = System.nanoTime();
        Observer obs = new Observer(rig.client);
        List<Seen> seen = List.copyOf(rig.ledger);
        Set<String> ids = new LinkedHashSet<>();
        seen.forEach(s -> {
            if (s.orderId() != null) {
                ids.add(s.orderId());
            }
        });
        Observer.Orders read = obs.orders(checkout.base(), ids, 32);
        Map<String, OrderView> views = new HashMap<>(read.views());
        int unreadable = read.unreadable();
        long settleEnd = System.nanoTime() + settleLimit.toNanos();
        // orders still PENDING/UNKNOWN are the reconciler's: give it a bounded time, re-reading only those
        long settleStart = System.nanoTime();
        int openAtFirst = -1;
        while (System.nanoTime() < settleEnd) {
            List<String> open = views.values().stream().filter(v -> !Invariants.FINAL.contains(v.status()))
                    .map(OrderView::id).toList();
            if (openAtFirst < 0) {
                openAtFirst = open.size();
            }
            if (open.isEmpty()) {
                break;
            }
            Thread.sleep(2000);
            views.putAll(obs.orders(checkout.base(), open, 32).views());
        }
        if (openAtFirst > 0) {
            r.notes.add(String.format(Locale.ROOT, "%d orders were not final when the load stopped; waited %.0f s "
                    + "(at most %d s) for them to settle", openAtFirst, (System.nanoTime() - settleStart) / 1e9,
                    settleLimit.toSeconds()));
        }
        Map<String, Long> now = obs.stock(checkout.base());
        List<Invariants.ChargeView> charges = obs.charges(sandbox.base(), Rig.SK);
        rig.stop(checkout);
        DbView dbv = null;
        try {
            dbv = db.read();
        } catch (Exception e) {
            r.notes.add("the database could not be read after the run (" + e.getMessage() + "): its checks are missing");
        }
        List<Check> checks = Invariants.check(new Invariants.Observed(seen, views, unreadable, initial, now, charges, dbv));
        r.notes.add(String.format(Locale.ROOT, "verification read %d orders and %d charges in %.1f s",
                views.size(), charges.size(), (System.nanoTime() - t0) / 1e9));
        return new Verification(checks, views, now, dbv);
    }
}
