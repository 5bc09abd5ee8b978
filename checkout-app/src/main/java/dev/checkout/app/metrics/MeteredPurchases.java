package dev.checkout.app.metrics;

import dev.checkout.application.purchase.PurchaseCommand;
import dev.checkout.application.purchase.PurchaseResult;
import dev.checkout.application.purchase.PurchaseUseCase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Locale;
import java.util.Map;
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
            byResult.computeIfAbsent(result, r -> Timer.builder("checkout.purchases").description("purchases by result")
                            .tag("result", snake(r)).register(registry))
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    /** {@code PaymentDeclined} -> {@code payment_declined}. */
    static String snake(String name) {
        return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
