package dev.checkout.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Watches the processes during the measured window: CPU time of each (so a reader sees how two cores were
 * shared between the load generator, the servers, the database and everyone else), peak RSS, threads, sockets.
 */
final class Sampler {
    private final Service sandbox;
    private final Service checkout;
    private final boolean postgres;
    private final Thread thread;
    private final Map<String, Object> cpu = new LinkedHashMap<>();
    private final Map<String, Long> peaks = new LinkedHashMap<>();
    private final Map<String, Long> cpuMillis = new LinkedHashMap<>();
    /** The checkout's own allocation and collection counters over the window (from its /metrics), when readable. */
    private final Map<String, Double> checkoutGc = new LinkedHashMap<>();
    /** The checkout's CPU milliseconds in the window by kind of thread ({@link Machine#cpuMillisByThreadKind}). */
    private final Map<String, Long> checkoutThreads = new LinkedHashMap<>();

    private final Rig rig;
    private final String label;

    private Sampler(Rig rig, String label, Service sandbox, Service checkout, boolean postgres, Duration warmup,
            Duration measure) {
        this.rig = rig;
        this.label = label;
        this.sandbox = sandbox;
        this.checkout = checkout;
        this.postgres = postgres;
        this.thread = Thread.ofVirtual().name("sampler").start(() -> watch(warmup, measure));
    }

    /** Starts watching now; the window begins after {@code warmup} and lasts {@code measure}. */
    static Sampler start(Rig rig, String label, Service sandbox, Service checkout, boolean postgres, Duration warmup,
            Duration measure) {
        return new Sampler(rig, label, sandbox, checkout, postgres, warmup, measure);
    }

    private List<Service> servers() {
        List<Service> out = new ArrayList<>();
        if (sandbox != null) {
            out.add(sandbox);
        }
        if (checkout != null) {
            out.add(checkout);
        }
        return out;
    }

    private long[] snapshot() {
        return new long[] {
            Machine.cpuMillis(ProcessHandle.current().pid()),
            sandbox == null ? 0 : Machine.cpuMillis(sandbox.pid()),
            checkout == null ? 0 : Machine.cpuMillis(checkout.pid()),
            postgres ? Machine.cpuMillisOfCommand("postgres") : 0,
            Machine.machineBusyMillis(),
        };
    }

    private void watch(Duration warmup, Duration measure) {
        try {
            Thread.sleep(warmup);
            boolean profile = rig.options.flag("profile");
            if (profile) {
                servers().forEach(s -> Jfr.start(s.pid()));
            }
            long t0 = System.nanoTime();
            Map<String, Double> gcA = gcCounters();
            Map<String, Long> threadsA = checkout == null ? Map.of() : Machine.cpuMillisByThreadKind(checkout.pid());
            long[] a = snapshot();
            long end = t0 + measure.toNanos();
            while (System.nanoTime() < end) {
                peak("checkout RSS MiB", checkout == null ? -1 : Machine.rssKib(checkout.pid()) / 1024);
                peak("sandbox RSS MiB", sandbox == null ? -1 : Machine.rssKib(sandbox.pid()) / 1024);
                peak("checkout threads", checkout == null ? -1 : Machine.threads(checkout.pid()));
                peak("checkout sockets", checkout == null ? -1 : Machine.openSockets(checkout.pid()));
                peak("sandbox sockets", sandbox == null ? -1 : Machine.openSockets(sandbox.pid()));
                peak("TIME_WAIT sockets", Machine.timeWaitSockets());
                Thread.sleep(Math.min(250, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            }
            long[] b = snapshot();
            if (checkout != null) {
                Machine.cpuMillisByThreadKind(checkout.pid()).forEach((kind, ms) ->
                        checkoutThreads.put(kind, ms - threadsA.getOrDefault(kind, 0L)));
            }
            Map<String, Double> gcB = gcCounters();
            gcB.forEach((k, v) -> {
                if (gcA.containsKey(k)) {
                    checkoutGc.put(k, v - gcA.get(k));
                }
            });
            double ms = (System.nanoTime() - t0) / 1e6;
            if (profile) {
                servers().forEach(s -> rig.profiled(s.name() + "-" + label, f -> Jfr.stop(s.pid(), f)));
            }
            String[] names = {"bench", "sandbox", "checkout", "postgres", "machine total"};
            long ours = 0;
            for (int i = 0; i < names.length; i++) {
                if ((i == 1 && sandbox == null) || (i == 2 && checkout == null) || (i == 3 && !postgres)) {
                    continue;
                }
                long d = b[i] - a[i];
                if (i < 4) {
                    ours += d;
                }
                cpu.put(names[i], Report.percent(d / ms));
                cpuMillis.put(names[i], d);
            }
            cpu.put("everything else", Report.percent(Math.max(0, (b[4] - a[4]) - ours) / ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The checkout's cumulative bytes allocated, GC pause seconds and collections, read from its Prometheus
     * {@code /metrics}. Unlike CPU time, the bytes a purchase allocates do not grow when neighbours crowd the cores,
     * so they compare runs on a busy host. Empty when the checkout does not serve them.
     */
    private Map<String, Double> gcCounters() {
        Map<String, Double> out = new LinkedHashMap<>();
        if (checkout == null) {
            return out;
        }
        Client.Reply r = rig.client.get(checkout.base() + "/metrics", null);
        if (r.status() != 200) {
            return out;
        }
        for (String line : r.body().split("\n")) {
            String name = line.startsWith("jvm_gc_memory_allocated_bytes_total") ? "allocated bytes"
                    : line.startsWith("jvm_gc_pause_seconds_sum") ? "gc pause seconds"
                    : line.startsWith("jvm_gc_pause_seconds_count") ? "collections" : null;
            if (name != null) {
                out.merge(name, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
            }
        }
        return out;
    }

    /** The checkout's allocation and collections in the window (call after {@link #cpu()}); empty if unknown. */
    Map<String, Double> checkoutGc() {
        return checkoutGc;
    }

    /** Adds the checkout's allocated KB, GC pause ms and collections per {@code what} to {@code cpu}. */
    void putGcPer(Map<String, Object> cpu, String what, long count) {
        if (count <= 0 || checkoutGc.isEmpty()) {
            return;
        }
        Double bytes = checkoutGc.get("allocated bytes");
        Double pause = checkoutGc.get("gc pause seconds");
        Double collections = checkoutGc.get("collections");
        if (bytes != null) {
            cpu.put("checkout KB allocated per " + what, String.format(java.util.Locale.ROOT, "%.0f", bytes / 1000 / count));
        }
        if (pause != null) {
            cpu.put("checkout GC pause ms per " + what, String.format(java.util.Locale.ROOT, "%.3f", pause * 1000 / count));
        }
        if (collections != null) {
            cpu.put("checkout collections in the window", String.format(java.util.Locale.ROOT, "%.0f", collections));
        }
    }

    /**
     * Adds where the checkout's CPU went per {@code what}, by kind of thread, and its CPU per {@code what} without the
     * JIT compiler threads: compiling is a cost of each JVM's first minutes, not of a purchase, and on a busy host
     * it still ran in the window after a short warm-up (a third of the checkout's CPU in one run), so the second
     * figure is the one that tells the steady state. Call after {@link #cpu()}.
     */
    void putThreadsPer(Map<String, Object> cpu, String what, long count) {
        if (count <= 0 || checkoutThreads.isEmpty()) {
            return;
        }
        cpu.put("checkout ms per " + what + ", by thread", JitSettle.byThread(Map.of(), checkoutThreads, count));
        Long total = cpuMillis.get("checkout");
        if (total != null) {
            long compiling = compilerMillis(checkoutThreads);
            cpu.put("checkout JIT compiler ms per " + what, String.format(java.util.Locale.ROOT, "%.2f",
                    compiling / (double) count));
            cpu.put("checkout ms per " + what + " without the JIT compiler", String.format(java.util.Locale.ROOT,
                    "%.2f", (total - compiling) / (double) count));
        }
    }

    /** The CPU of the JIT compiler threads (HotSpot names them "C1 CompilerThread<n>", "C2 CompilerThread<n>"). */
    static long compilerMillis(Map<String, Long> byKind) {
        long ms = 0;
        for (var e : byKind.entrySet()) {
            if (e.getKey().contains("CompilerThre")) {
                ms += e.getValue();
            }
        }
        return ms;
    }

    private synchronized void peak(String name, long v) {
        if (v >= 0) {
            peaks.merge(name, v, Math::max);
        }
    }

    /** Waits for the window to close and returns the CPU shares. */
    Map<String, Object> cpu() throws InterruptedException {
        thread.join();
        return cpu;
    }

    /** CPU milliseconds each process used in the window (call after {@link #cpu()}). */
    Map<String, Long> cpuMillis() {
        return cpuMillis;
    }

    synchronized Map<String, Long> peaks() {
        return new LinkedHashMap<>(peaks);
    }
}
