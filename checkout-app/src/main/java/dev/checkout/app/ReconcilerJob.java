package dev.checkout.app;

import dev.checkout.app.lifecycle.Drain;
import dev.checkout.application.events.EventRetention;
import dev.checkout.application.reconcile.ReconcilePayments;
import dev.checkout.application.reconcile.ReconcileReport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the reconciler at start-up (so a restart after a crash settles what the crash left) and then every
 * {@code checkout.reconcile-interval}. Every instance runs it: the orders a pass works on are claimed in the database
 * ({@code Orders.claimStale}), and every settlement is a versioned write. A draining instance starts no pass. Each
 * pass then forgets the provider's events older than {@code checkout.webhooks.retention} (30 days unless set), a few
 * small batches at a time ({@link EventRetention}); several instances sweeping at once only share the work.
 */
@Singleton
@Requires(property = "checkout.reconciler.enabled", notEquals = "false")
class ReconcilerJob {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcilerJob.class);
    private final ReconcilePayments reconciler;
    private final MeterRegistry registry;

    private final Drain drain;
    private final EventRetention retention;

    ReconcilerJob(ReconcilePayments reconciler, MeterRegistry registry, Drain drain, EventRetention retention) {
        this.reconciler = reconciler;
        this.registry = registry;
        this.drain = drain;
        this.retention = retention;
    }

    @Scheduled(initialDelay = "0s", fixedDelay = "${checkout.reconcile-interval:10s}")
    void run() {
        // a draining instance starts no pass (another instance's reconciler takes over), but finishes one under way
        if (!drain.tryEnter()) {
            return;
        }
        try {
            reconcile();
            forgetOldEvents();
        } finally {
            drain.exit();
        }
    }

    private void reconcile() {
        try {
            ReconcileReport report = reconciler.reconcile();
            count("paid", report.paid());
            count("declined", report.declined());
            count("failed", report.failed());
            count("refunded", report.refunded());
            count("deferred", report.deferred());
            count("reservation_settled", report.reservationsSettled());
            count("deferred_refund_recorded", report.deferredRefundsRecorded());
            count("refund_unexplained", report.unexplainedRefunds());
        } catch (RuntimeException e) {
            // The next run tries again; a failing pass must not stop the schedule.
            LOG.warn("reconciliation pass failed: {}", e.toString());
            count("pass_failed", 1);
        }
    }

    private void forgetOldEvents() {
        try {
            count("events_forgotten", retention.sweep());
        } catch (RuntimeException e) {
            // as with a failed pass: the next run tries again
            LOG.warn("forgetting old provider events failed: {}", e.toString());
            count("retention_failed", 1);
        }
    }

    private void count(String action, int n) {
        if (n > 0) {
            registry.counter("checkout.reconciler.actions", "action", action).increment(n);
        }
    }
}
