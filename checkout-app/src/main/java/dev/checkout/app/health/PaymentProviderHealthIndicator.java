package dev.checkout.app.health;

import dev.checkout.app.StripeProperties;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Readiness of the payment provider for {@code GET /health}: can a TCP connection to the API base be opened? A cheap
 * probe (no request, so no key is sent or logged), cached for {@code checkout.provider-probe-interval} (10 s) so a
 * busy health check never becomes load on the provider.
 */
@Singleton
@Readiness
public final class PaymentProviderHealthIndicator implements HealthIndicator {
    private final InetSocketAddress address;
    private final int connectTimeoutMillis;
    private final long intervalNanos;
    private volatile HealthResult last;
    private volatile long probedAt;

    PaymentProviderHealthIndicator(StripeProperties stripe,
                                   @Value("${checkout.provider-probe-interval:10s}") Duration interval) {
        URI base = URI.create(stripe.apiBase());
        int port = base.getPort() != -1 ? base.getPort() : "https".equalsIgnoreCase(base.getScheme()) ? 443 : 80;
        this.address = InetSocketAddress.createUnresolved(base.getHost(), port);
        // at most the configured connect timeout, and never so long that a health check hangs
        this.connectTimeoutMillis = (int) Math.min(stripe.connectTimeout().toMillis(), 2_000);
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public Publisher<HealthResult> getResult() {
        long now = System.nanoTime();
        HealthResult cached = last;
        if (cached == null || now - probedAt >= intervalNanos) {
            cached = probe();
            last = cached;
            probedAt = now;
        }
        return Publishers.just(cached);
    }

    private HealthResult probe() {
        var result = HealthResult.builder("paymentProvider");
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.getHostString(), address.getPort()), connectTimeoutMillis);
            return result.status(HealthStatus.UP).build();
        } catch (IOException | RuntimeException e) {
            // the host and port only: the API base carries no credentials, the key is never part of this
            return result.status(HealthStatus.DOWN)
                    .details(Map.of("error", "cannot connect to " + address.getHostString() + ":" + address.getPort()))
                    .build();
        }
    }
}
