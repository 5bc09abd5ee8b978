package dev.checkout.app.lifecycle;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.Map;

/** Readiness is DOWN from the moment this instance starts draining: a load balancer should send it nothing new. */
@Singleton
@Readiness
final class DrainReadiness implements HealthIndicator {
    private final Drain drain;

    DrainReadiness(Drain drain) {
        this.drain = drain;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        var result = HealthResult.builder("drain");
        return Publishers.just(drain.draining()
                ? result.status(HealthStatus.DOWN).details(Map.of("draining", true, "inFlight", drain.inFlight())).build()
                : result.status(HealthStatus.UP).build());
    }
}
