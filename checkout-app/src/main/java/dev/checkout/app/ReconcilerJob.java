package dev.checkout.app;

import dev.checkout.app.lifecycle.Drain;
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
 * ({@code Orders.claimStale}), and every settlement is a versioned write. A draining instance starts no pass.
 */
@Singleton
@Requires(property = "checkout.reconciler.enabled", notEquals = "false")
class ReconcilerJob {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcilerJob.class);
    private final ReconcilePayments reconciler;
    private final MeterRegistry registry;

    private final Drain drain;

    ReconcilerJob(ReconcilePayments reconciler, MeterRegistry registry, Drain drain) {
        this.reconciler = reconciler;
        this.registry = registry;
        this.drain = drain;
    }

    @Scheduled(initialDelay = "0s", fixedDelay = "${checkout.reconcile-interval:10s}")
    void run() {
        // a draining instance starts no pass (another instance's reconciler takes over), but finishes one under way
        if (!drain.tryEnter()) {
            return;
        }
        try {
            ReconcileReport report = reconciler.reconcile();
            count("paid", report.paid());
            count("declined", report.declined());
            count("failed", report.failed());
            count("refunded", report.refunded());
            count("deferred", report.deferred());
            count("reservation_settled", report.reservationsSettled());
        } catch (RuntimeException e) {
            // The next run tries again; a failing pass must not stop the schedule.
            LOG.warn("reconciliation pass failed: {}", e.toString());
            count("pass_failed", 1);
        } finally {
            drain.exit();
        }
    }

    private void count(String action, int n) {
        if (n > 0) {
            registry.counter("checkout.reconciler.actions", "action", action).increment(n);
        }
    }
}
