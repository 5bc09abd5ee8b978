package dev.checkout.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * N buyers on virtual threads, each doing one iteration after another with no think time (a closed loop): the
 * offered load is whatever the system lets through, and Little's law ties rate, concurrency and latency together.
 */
final class ClosedLoop {
    /** One buyer's iteration; returns false when this buyer is done (e.g. told "sold out"). */
    interface Iteration {
        boolean run(int buyer, long iteration) throws Exception;
    }

    /** How a loop ended. */
    record Outcome(long iterations, long failures, int stuckBuyers, Duration elapsed) {
    }

    private ClosedLoop() {
    }

    /**
     * Runs {@code buyers} loops for warm-up plus measured time (the meter's window is the measured part), then lets
     * every buyer finish the iteration it is in, waiting at most {@code grace}.
     */
    static Outcome run(int buyers, Duration warmup, Duration measure, Duration grace, Meter meter, Iteration it)
            throws InterruptedException {
        long start = System.nanoTime();
        long measureStart = start + warmup.toNanos();
        long end = measureStart + measure.toNanos();
        meter.window(measureStart, end);
        return runUntil(buyers, end, grace, it, start);
    }

    /** Runs until every buyer returned false or {@code deadline} passed (no warm-up, no window). */
    static Outcome runUntilDone(int buyers, Duration limit, Duration grace, Iteration it) throws InterruptedException {
        long start = System.nanoTime();
        return runUntil(buyers, start + limit.toNanos(), grace, it, start);
    }

    private static Outcome runUntil(int buyers, long end, Duration grace, Iteration it, long start)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        long[] iterations = new long[buyers];
        long[] failures = new long[buyers];
        List<Thread> threads = new ArrayList<>(buyers);
        for (int b = 0; b < buyers; b++) {
            int buyer = b;
            threads.add(Thread.ofVirtual().name("buyer-" + b).start(() -> {
                long i = 0;
                while (!stop.get() && System.nanoTime() < end) {
                    try {
                        if (!it.run(buyer, i++)) {
                            break;
                        }
                    } catch (Exception e) {
                        failures[buyer]++;
                    }
                }
                iterations[buyer] = i;
            }));
        }
        long graceEnd = end + grace.toNanos();
        int stuck = 0;
        for (Thread t : threads) {
            long left = Math.max(1, (graceEnd - System.nanoTime()) / 1_000_000);
            if (!t.join(Duration.ofMillis(left))) {
                stuck++;
            }
        }
        stop.set(true);
        for (Thread t : threads) {
            t.interrupt(); // a buyer stuck past the grace period is abandoned, and counted
        }
        long n = 0;
        long f = 0;
        for (int b = 0; b < buyers; b++) {
            n += iterations[b];
            f += failures[b];
        }
        return new Outcome(n, f, stuck, Duration.ofNanos(System.nanoTime() - start));
    }
}
