package dev.checkout.app.metrics;

import dev.checkout.application.purchase.PurchaseCommand;
import dev.checkout.application.purchase.PurchaseResult;
import dev.checkout.application.purchase.PurchaseUseCase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Locale;

/** Counts and times purchases by result ({@code checkout_purchases_seconds_count{result="completed"}}). */
public final class MeteredPurchases implements PurchaseUseCase {
    private final PurchaseUseCase purchases;
    private final MeterRegistry registry;

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
            Timer.builder("checkout.purchases").description("purchases by result")
                    .tag("result", snake(result)).register(registry)
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    /** {@code PaymentDeclined} -> {@code payment_declined}. */
    static String snake(String name) {
        return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
