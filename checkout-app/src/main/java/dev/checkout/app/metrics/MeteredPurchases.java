package dev.checkout.app.metrics;

import dev.checkout.application.purchase.PurchaseCommand;
import dev.checkout.application.purchase.PurchaseResult;
import dev.checkout.application.purchase.PurchaseUseCase;
import dev.checkout.domain.order.OrderId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Counts and times purchases by result ({@code checkout_purchases_seconds_count{result="completed"}}). */
public final class MeteredPurchases implements PurchaseUseCase {
    private final PurchaseUseCase purchases;
    private final MeterRegistry registry;
    /** One timer per result, made at its first use: no registry lookup or name conversion per purchase. */
    private final Map<String, Timer> byResult = new ConcurrentHashMap<>();

    public MeteredPurchases(PurchaseUseCase purchases, MeterRegistry registry) {
        this.purchases = purchases;
        this.registry = registry;
    }

    @Override
    public PurchaseResult purchase(PurchaseCommand command) {
        long start = System.nanoTime();
        String result = "error";
        try {
            PurchaseResult outcome = purchases.purchase(command);
            result = outcome.getClass().getSimpleName();
            return outcome;
        } finally {
            record("checkout.purchases", "purchases by result", result, start);
        }
    }

    /** Confirmations after 3-D Secure, timed apart ({@code checkout_purchase_confirmations_seconds}). */
    @Override
    public Optional<PurchaseResult> confirm(OrderId orderId) {
        long start = System.nanoTime();
        String result = "error";
        try {
            Optional<PurchaseResult> outcome = purchases.confirm(orderId);
            result = outcome.map(r -> r.getClass().getSimpleName()).orElse("UnknownOrder");
            return outcome;
        } finally {
            record("checkout.purchase.confirmations", "confirmations after authentication by result", result, start);
        }
    }

    private void record(String name, String description, String result, long start) {
        byResult.computeIfAbsent(name + ' ' + result, key -> Timer.builder(name).description(description)
                        .tag("result", snake(result)).register(registry))
                .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** {@code PaymentDeclined} -> {@code payment_declined}. */
    static String snake(String name) {
        return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
