package dev.checkout.testkit;

import dev.checkout.application.TransactionRunner;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A {@link TransactionRunner} for the in-memory fakes: the fakes record an undo action for every write made inside a
 * transaction, and a rollback plays them back, newest first. Writes are atomic per call but not isolated from other
 * threads (like READ COMMITTED with row locks held only for a single statement).
 *
 * <p>{@link #failTransaction(int)} makes the Nth transaction from now fail at commit, after its work ran, so tests can
 * prove what happens when a database write is lost.
 */
public final class InMemoryTransactions implements TransactionRunner {
    private final ThreadLocal<Deque<Runnable>> undo = new ThreadLocal<>();
    private final AtomicInteger started = new AtomicInteger();
    private final java.util.Set<Integer> failAt = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public <T> T call(Supplier<T> work) {
        if (undo.get() != null) {
            return work.get(); // joins the surrounding transaction, as REQUIRED propagation does
        }
        int number = started.incrementAndGet();
        var journal = new ArrayDeque<Runnable>();
        undo.set(journal);
        try {
            T result = work.get();
            if (failAt.remove(number)) {
                throw new TransactionFailedException("transaction #" + number + " failed at commit (scripted)");
            }
            return result;
        } catch (RuntimeException | Error e) {
            journal.forEach(Runnable::run);
            throw e;
        } finally {
            undo.remove();
        }
    }

    /** Whether the calling thread is inside a transaction. */
    public boolean inTransaction() {
        return undo.get() != null;
    }

    /** Records how to undo a write just made; no effect outside a transaction (the write is then final). */
    public void onRollback(Runnable action) {
        Deque<Runnable> journal = undo.get();
        if (journal != null) {
            journal.push(action);
        }
    }

    /**
     * The {@code n}th transaction started from now on (1 = the next one) fails at commit and rolls back. Calls add up:
     * {@code failTransaction(2); failTransaction(3)} fails the second and third.
     */
    public void failTransaction(int n) {
        failAt.add(started.get() + n);
    }

    /** How many transactions have been started. */
    public int count() {
        return started.get();
    }

    /** Thrown for a scripted commit failure. */
    public static final class TransactionFailedException extends RuntimeException {
        public TransactionFailedException(String message) {
            super(message);
        }
    }
}
