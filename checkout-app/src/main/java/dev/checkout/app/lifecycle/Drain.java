package dev.checkout.app.lifecycle;

import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Whether this instance is draining, and the work it must finish before it may exit: purchases in flight and a
 * reconciler pass under way. Once {@link #begin()} was called, {@link #tryEnter()} refuses new work, readiness is
 * DOWN ({@link DrainReadiness}), and {@link #awaitIdle(Duration)} waits for what was admitted before.
 */
@Singleton
public final class Drain {
    private final Object lock = new Object();
    private boolean draining;
    private int inFlight;

    /** Admits one piece of work, or refuses it (false) once draining; every true must be followed by {@link #exit()}. */
    public boolean tryEnter() {
        synchronized (lock) {
            if (draining) {
                return false;
            }
            inFlight++;
            return true;
        }
    }

    /** The work admitted by {@link #tryEnter()} is done. */
    public void exit() {
        synchronized (lock) {
            inFlight--;
            if (inFlight == 0) {
                lock.notifyAll();
            }
        }
    }

    /** From now on new work is refused and readiness is DOWN; idempotent. */
    public void begin() {
        synchronized (lock) {
            draining = true;
        }
    }

    public boolean draining() {
        synchronized (lock) {
            return draining;
        }
    }

    public int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    /** Waits until no admitted work is left or {@code timeout} passed; true when none is left. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }
}
