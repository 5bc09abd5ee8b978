package dev.checkout.app.lifecycle;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGTERM drains the instance before it exits. At once: readiness turns DOWN and new purchases are answered 503
 * {@code shutting_down} with {@code Retry-After}; then it waits for the purchases in flight (each one gets its TX2)
 * and a reconciler pass under way, at least {@code checkout.drain-delay} (so a load balancer's health checks see
 * DOWN before the port closes) and at most {@code checkout.drain-timeout}; then the JVM exits through its normal
 * shutdown (the HTTP server stops, the pool closes). A second SIGTERM exits without waiting.
 *
 * <p>The JVM's own SIGTERM handling would run the shutdown hooks at once, stopping the HTTP server under purchases
 * that already charged; this handler replaces it, and only in the real process ({@code CheckoutApplication} sets
 * {@code checkout.drain.on-sigterm}), never in a test JVM that starts a checkout in-process. SIGINT (Ctrl-C) keeps
 * the JVM's immediate stop.
 */
@Context
@Requires(property = "checkout.drain.on-sigterm", value = "true")
final class GracefulStop {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);
    private final Drain drain;
    private final Duration timeout;
    private final Duration delay;
    private final AtomicBoolean stopping = new AtomicBoolean();

    GracefulStop(Drain drain,
                 @Value("${checkout.drain-timeout:30s}") Duration timeout,
                 @Value("${checkout.drain-delay:0s}") Duration delay) {
        this.drain = drain;
        this.timeout = timeout;
        this.delay = delay.compareTo(timeout) > 0 ? timeout : delay;
        Signal.handle(new Signal("TERM"), signal -> onTerm());
    }

    private void onTerm() {
        if (stopping.getAndSet(true)) {
            LOG.warn("second SIGTERM: exiting without waiting for {} in flight", drain.inFlight());
            exit(143);
            return;
        }
        Thread.ofPlatform().name("drain").daemon(false).start(this::drainThenExit);
    }

    private void drainThenExit() {
        long started = System.nanoTime();
        drain.begin();
        LOG.info("SIGTERM: draining (not ready, new purchases answered 503); {} in flight, waiting up to {}",
                drain.inFlight(), timeout);
        boolean idle;
        try {
            idle = drain.awaitIdle(timeout);
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            if (waited.compareTo(delay) < 0) {
                Thread.sleep(delay.minus(waited));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            idle = drain.inFlight() == 0;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (idle) {
            LOG.info("drained in {} ms; stopping", took.toMillis());
        } else {
            // what is cut off now is left PENDING_PAYMENT and settled by a reconciler after checkout.abandoned-after
            LOG.warn("drain timeout ({}) reached with {} still in flight; stopping anyway", timeout, drain.inFlight());
        }
        exit(0);
    }

    private static void exit(int status) {
        // on its own thread: System.exit blocks until the shutdown hooks are done, and must not run on the signal's
        Thread.ofPlatform().name("exit").start(() -> System.exit(status));
    }
}
