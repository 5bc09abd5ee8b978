package dev.checkout.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The steady state before a measurement: load the system until the JIT compilers of the processes measured are
 * (nearly) idle ({@code --jit-settle}), and where a process's CPU went by kind of thread. Compiling is a cost of a
 * JVM's first minutes, not of a request; after a fixed warm-up the compilers still took a fifth to over a third of a
 * server's CPU in the measured window on this host, and the code not compiled yet ran slower.
 */
final class JitSettle {
    /** One request (or purchase) of a settle chunk. */
    interface ChunkIteration {
        boolean next(int chunk, int buyer, long iteration) throws Exception;
    }

    /** Below this share of one core spent compiling, an instance counts as warmed up. */
    static final double JIT_QUIET = 0.03;
    private static final Duration JIT_CHUNK = Duration.ofSeconds(10);

    private JitSettle() {
    }

    /**
     * Runs the load in 10 s chunks until, in the last chunk, none of the processes {@code pids} spent more than
     * {@value #JIT_QUIET} of a core in its JIT compiler threads, or {@code limit} passed. Each instance compiles the same code for itself, at the
     * rate of the half of the purchases it serves, so after a fixed warm-up two instances were still compiling
     * (1.45 ms of compiler CPU per purchase against 0.40 for one instance after 60 s): the window measured their
     * warm-up, not their steady state. Returns what happened, for the report.
     */
    static String settleJit(List<Long> pids, int buyers, Duration limit, Meter meter, ChunkIteration it)
            throws InterruptedException {
        return settle(pids, limit, n -> ClosedLoop.run(buyers, Duration.ZERO, JIT_CHUNK, Duration.ofSeconds(60), meter,
                (b, i) -> it.next(n, b, i)));
    }

    /**
     * As {@link #settleJit}, for a process that loads itself (the {@code provider-floor} child): the chunks are only
     * waited through.
     */
    static String awaitQuietCompiler(long pid, Duration limit) throws InterruptedException {
        return settle(List.of(pid), limit, n -> Thread.sleep(JIT_CHUNK));
    }

    /** One 10 s chunk of load, numbered from 0. */
    private interface Chunk {
        void run(int n) throws InterruptedException;
    }

    private static String settle(List<Long> pids, Duration limit, Chunk chunk) throws InterruptedException {
        long start = System.nanoTime();
        int n = 0;
        double busiest = Double.NaN;
        while (System.nanoTime() - start < limit.toNanos()) {
            long[] before = compilerMillisOf(pids);
            long t0 = System.nanoTime();
            chunk.run(n++);
            double ms = (System.nanoTime() - t0) / 1e6;
            long[] after = compilerMillisOf(pids);
            busiest = 0;
            for (int i = 0; i < after.length; i++) {
                busiest = Math.max(busiest, (after[i] - before[i]) / ms);
            }
            if (busiest <= JIT_QUIET) {
                return String.format(Locale.ROOT, "%d s; the busiest compiler then %s of a core",
                        Math.round((System.nanoTime() - start) / 1e9), Report.percent(busiest));
            }
        }
        return String.format(Locale.ROOT, "%d s (the limit, --jit-settle); the busiest compiler still %s of a core",
                Math.round((System.nanoTime() - start) / 1e9), Report.percent(busiest));
    }

    private static long[] compilerMillisOf(List<Long> pids) {
        long[] out = new long[pids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Sampler.compilerMillis(Machine.cpuMillisByThreadKind(pids.get(i)));
        }
        return out;
    }

    /**
     * Where an instance's CPU went in the window, per purchase it served, by kind of thread (carriers of the virtual
     * threads, event loops, compiler, collector, ...), the biggest first; kinds under 0.01 ms are left out.
     */
    static String byThread(Map<String, Long> before, Map<String, Long> after, double purchases) {
        List<Map.Entry<String, Long>> spent = new ArrayList<>();
        after.forEach((kind, ms) -> spent.add(Map.entry(kind, ms - before.getOrDefault(kind, 0L))));
        spent.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        StringBuilder out = new StringBuilder();
        for (var e : spent) {
            double perPurchase = e.getValue() / purchases;
            if (perPurchase >= 0.01) {
                out.append(out.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
                        .append(String.format(Locale.ROOT, "%.2f", perPurchase));
            }
        }
        return out.toString();
    }
}
