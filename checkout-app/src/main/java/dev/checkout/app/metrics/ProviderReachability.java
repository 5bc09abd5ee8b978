package dev.checkout.app.metrics;

import dev.checkout.app.StripeProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

/**
 * Whether the payment provider's API base accepts TCP connections, as the gauge {@code checkout_provider_reachable}
 * (1 or 0) in {@code GET /metrics}: a cheap probe (no request, so no key is sent or logged), cached for
 * {@code checkout.provider-probe-interval} (10 s) so that scraping never becomes load on the provider.
 *
 * <p>It is a metric to alert on, not a health check: a provider outage is shared by every instance, and taking
 * instances out of the load balancer would not fix it but turn the checkout's own answer (503
 * {@code provider_unavailable}, nothing charged) into the load balancer's error page. So readiness ignores it.
 */
@Context
public final class ProviderReachability {
    private final InetSocketAddress address;
    private final int connectTimeoutMillis;
    private final long intervalNanos;
    private volatile boolean last;
    private volatile long probedAt;
    private volatile boolean probed;

    ProviderReachability(StripeProperties stripe, MeterRegistry registry,
                         @Value("${checkout.provider-probe-interval:10s}") Duration interval) {
        URI base = URI.create(stripe.apiBase());
        int port = base.getPort() != -1 ? base.getPort() : "https".equalsIgnoreCase(base.getScheme()) ? 443 : 80;
        this.address = InetSocketAddress.createUnresolved(base.getHost(), port);
        // at most the configured connect timeout, and never so long that a scrape hangs
        this.connectTimeoutMillis = (int) Math.min(stripe.connectTimeout().toMillis(), 2_000);
        this.intervalNanos = interval.toNanos();
        Gauge.builder("checkout.provider.reachable", this, p -> p.reachable() ? 1 : 0)
                .description("1 when the payment provider's API base accepts connections (cached probe), else 0")
                .register(registry);
    }

    /** The last probe's answer, probing again when it is older than the interval. */
    public boolean reachable() {
        long now = System.nanoTime();
        if (!probed || now - probedAt >= intervalNanos) {
            last = probe();
            probedAt = now;
            probed = true;
        }
        return last;
    }

    private boolean probe() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.getHostString(), address.getPort()), connectTimeoutMillis);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
