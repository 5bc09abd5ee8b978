package dev.checkout.app;

import dev.checkout.application.reconcile.ReconcilePayments;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the reconciler at start-up (so a restart after a crash settles what the crash left) and then every
 * {@code checkout.reconcile-interval}. Several nodes may run it at once: every settlement is a versioned write.
 */
@Singleton
@Requires(property = "checkout.reconciler.enabled", notEquals = "false")
class ReconcilerJob {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcilerJob.class);
    private final ReconcilePayments reconciler;

    ReconcilerJob(ReconcilePayments reconciler) {
        this.reconciler = reconciler;
    }

    @Scheduled(initialDelay = "0s", fixedDelay = "${checkout.reconcile-interval:10s}")
    void run() {
        try {
            reconciler.reconcile();
        } catch (RuntimeException e) {
            // The next run tries again; a failing pass must not stop the schedule.
            LOG.warn("reconciliation pass failed: {}", e.toString());
        }
    }
}
