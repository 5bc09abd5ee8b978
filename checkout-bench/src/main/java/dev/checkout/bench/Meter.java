package dev.checkout.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latency and status counts per request kind, for requests that <em>complete</em> inside the measured window:
 * counting completions (not starts) gives the steady-state rate without an edge bias, even when a request takes
 * longer than the gap between window and warm-up.
 */
final class Meter {
    /** Latencies are recorded in microseconds, up to a minute, 3 significant digits. */
    private static final long MAX_MICROS = 60_000_000L;

    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> allTimeStatuses = new ConcurrentHashMap<>();
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    /** One kind of request (token, charge, purchase, the whole flow): its histogram and statuses. */
    static final class Kind {
        final Histogram histogram = new ConcurrentHistogram(1, MAX_MICROS, 3);
        final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    }

    /**
     * Opens the measured window [start, end) in {@link System#nanoTime()} terms, and forgets what earlier windows
     * counted: the figures are this window's alone. (A meter that kept counting across windows gave the JIT settle's
     * chunks, each a window of its own, to the measured window that followed them: up to four times its purchases,
     * and a quarter of the CPU per purchase.) Every request still counts in {@link #allTimeStatuses}.
     */
    void window(long startNanos, long endNanos) {
        this.windowStart = startNanos;
        this.windowEnd = endNanos;
        kinds.clear();
    }

    /**
     * Ends the open window at {@code endNanos} and keeps what it counted: for a window whose end is known only once
     * it is over (the hot SKU's rush ends at its last "sold out"). A request that ended later was counted already.
     */
    void endWindow(long endNanos) {
        this.windowEnd = endNanos;
    }

    double windowSeconds() {
        return (windowEnd - windowStart) / 1e9;
    }

    /** Records one request of {@code kind} that ran from {@code startNanos} to {@code endNanos}. */
    void record(String kind, long startNanos, long endNanos, String status) {
        allTimeStatuses.computeIfAbsent(kind + " " + status, k -> new LongAdder()).increment();
        if (endNanos < windowStart || endNanos >= windowEnd) {
            return;
        }
        Kind k = kinds.computeIfAbsent(kind, x -> new Kind());
        k.histogram.recordValue(Math.min(MAX_MICROS, Math.max(1, (endNanos - startNanos) / 1000)));
        k.statuses.computeIfAbsent(status, x -> new LongAdder()).increment();
    }

    /** Every request ever recorded (warm-up too), by "kind status". */
    Map<String, Long> allTimeStatuses() {
        Map<String, Long> out = new TreeMap<>();
        allTimeStatuses.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** The window's figures per kind, in the order given. */
    Map<String, KindStats> stats(String... order) {
        Map<String, KindStats> out = new LinkedHashMap<>();
        for (String name : order) {
            Kind k = kinds.get(name);
            if (k != null) {
                out.put(name, KindStats.of(k.histogram, statuses(k), windowSeconds()));
            }
        }
        return out;
    }

    private static Map<String, Long> statuses(Kind k) {
        Map<String, Long> out = new TreeMap<>();
        k.statuses.forEach((s, n) -> out.put(s, n.sum()));
        return out;
    }

    /** A kind's figures for one window: rate, percentiles in milliseconds, statuses. */
    record KindStats(long count, double perSecond, double p50, double p90, double p99, double max,
            Map<String, Long> statuses) {
        static KindStats of(Histogram h, Map<String, Long> statuses, double seconds) {
            long n = h.getTotalCount();
            return new KindStats(n, n / seconds, ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                    ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()), statuses);
        }

        private static double ms(long micros) {
            return micros / 1000.0;
        }

        /** Responses with this status per second of the window. */
        double perSecond(String status) {
            return count == 0 ? 0 : perSecond * statuses.getOrDefault(status, 0L) / count;
        }
    }
}
