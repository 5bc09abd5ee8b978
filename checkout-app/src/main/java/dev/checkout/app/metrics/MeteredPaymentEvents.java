package dev.checkout.app.metrics;

import dev.checkout.application.events.ReceivePaymentEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the provider's events by type and result
 * ({@code checkout_webhook_events_total{type="charge.succeeded",result="applied"}}); a rejected delivery has no
 * verified type and counts as {@code type="unverified"}. Types come from verified events only, so a forger cannot
 * invent meters.
 */
public final class MeteredPaymentEvents implements ReceivePaymentEvents {
    private final ReceivePaymentEvents events;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public MeteredPaymentEvents(ReceivePaymentEvents events, MeterRegistry registry) {
        this.events = events;
        this.registry = registry;
    }

    @Override
    public Receipt receive(byte[] payload, String signatureHeader) {
        String type = "unverified";
        String result = "error";
        try {
            Receipt receipt = events.receive(payload, signatureHeader);
            type = receipt.type() == null ? type : receipt.type();
            result = receipt.result().name().toLowerCase(Locale.ROOT);
            return receipt;
        } finally {
            String t = type;
            String r = result;
            counters.computeIfAbsent(t + " " + r, k -> Counter.builder("checkout.webhook.events")
                    .description("provider events received, by type and result").tag("type", t).tag("result", r)
                    .register(registry)).increment();
        }
    }
}
