package dev.checkout.app.lifecycle;

import dev.checkout.application.purchase.PurchaseCommand;
import dev.checkout.application.purchase.PurchaseResult;
import dev.checkout.application.purchase.PurchaseUseCase;
import dev.checkout.domain.order.OrderId;

import java.util.Optional;

/**
 * Admits a purchase only while the instance is not draining, and counts it in flight until its use case returned
 * (so after its TX2): a draining instance refuses new purchases with {@link ShuttingDown} (503, {@code Retry-After})
 * before anything is written or charged, and waits for the admitted ones.
 */
public final class DrainingPurchases implements PurchaseUseCase {
    private final PurchaseUseCase purchases;
    private final Drain drain;

    public DrainingPurchases(PurchaseUseCase purchases, Drain drain) {
        this.purchases = purchases;
        this.drain = drain;
    }

    @Override
    public PurchaseResult purchase(PurchaseCommand command) {
        if (!drain.tryEnter()) {
            throw new ShuttingDown();
        }
        try {
            return purchases.purchase(command);
        } finally {
            drain.exit();
        }
    }

    /** A confirmation is admitted like a purchase: it calls the provider and writes TX2. */
    @Override
    public Optional<PurchaseResult> confirm(OrderId orderId) {
        if (!drain.tryEnter()) {
            throw new ShuttingDown();
        }
        try {
            return purchases.confirm(orderId);
        } finally {
            drain.exit();
        }
    }
}
