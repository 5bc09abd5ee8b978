package dev.checkout.application.events;

import dev.checkout.application.TransactionRunner;
import dev.checkout.domain.port.ReceivedEvents;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Keeps the record of received provider events from growing for ever: each {@link #sweep} forgets the events received
 * longer than the retention ago, oldest first, in small batches of one short transaction each, and stops after a few
 * batches so that one pass never holds the database for long; the next pass goes on where it stopped. The deferred
 * refunds ({@link ReceivedEvents#defer}) received as long ago go the same way, done or not: a refund whose charge no
 * order came to hold within the retention never will. The reconciler's schedule runs it.
 *
 * <p>The retention must stay well beyond the provider's redelivery window (Stripe retries for up to three days): an
 * event that came again after its id was forgotten would be applied again.
 */
public final class EventRetention {
    /** Rows one batch forgets, unless configured. */
    public static final int DEFAULT_BATCH = 500;
    /** Batches one pass runs at most, unless configured. */
    public static final int DEFAULT_BATCHES_PER_SWEEP = 20;

    private final ReceivedEvents received;
    private final TransactionRunner transactions;
    private final Clock clock;
    private final Duration retention;
    private final int batch;
    private final int batchesPerSweep;

    /**
     * A retention with the default batch sizes.
     *
     * @param received     the record of received events
     * @param transactions the transactions each batch runs in
     * @param clock        the time the retention counts back from
     * @param retention    how long an event's id is kept after it was received; positive
     * @throws IllegalArgumentException if {@code retention} is not positive
     * @throws NullPointerException     if an argument is null
     */
    public EventRetention(ReceivedEvents received, TransactionRunner transactions, Clock clock, Duration retention) {
        this(received, transactions, clock, retention, DEFAULT_BATCH, DEFAULT_BATCHES_PER_SWEEP);
    }

    /**
     * A retention.
     *
     * @param received        the record of received events
     * @param transactions    the transactions each batch runs in
     * @param clock           the time the retention counts back from
     * @param retention       how long an event's id is kept after it was received; positive
     * @param batch           how many events one batch forgets at most; at least 1
     * @param batchesPerSweep how many batches one {@link #sweep} runs at most; at least 1
     * @throws IllegalArgumentException if a duration or count is out of range
     * @throws NullPointerException     if an argument is null
     */
    public EventRetention(ReceivedEvents received, TransactionRunner transactions, Clock clock, Duration retention,
                          int batch, int batchesPerSweep) {
        this.received = Objects.requireNonNull(received, "received");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the retention of received events must be positive, was " + retention);
        }
        if (batch < 1 || batchesPerSweep < 1) {
            throw new IllegalArgumentException("batch (" + batch + ") and batchesPerSweep (" + batchesPerSweep
                    + ") must be at least 1");
        }
        this.batch = batch;
        this.batchesPerSweep = batchesPerSweep;
    }

    /**
     * Forgets the events received before now minus the retention, up to {@code batch * batchesPerSweep} of them,
     * and as many deferred refunds received before then.
     *
     * @return how many events were forgotten (deferred refunds not counted)
     */
    public int sweep() {
        var cutoff = clock.instant().minus(retention);
        int total = 0;
        for (int i = 0; i < batchesPerSweep; i++) {
            int n = transactions.call(() -> received.forgetBefore(cutoff, batch));
            total += n;
            if (n < batch) {
                break;
            }
        }
        for (int i = 0; i < batchesPerSweep; i++) {
            if (transactions.call(() -> received.forgetDeferredRefundsBefore(cutoff, batch)) < batch) {
                break;
            }
        }
        return total;
    }

    /**
     * How long an event's id is kept.
     *
     * @return the retention
     */
    public Duration retention() {
        return retention;
    }
}
