package dev.checkout.application.purchase;

/** The inbound port: buy the items of a cart with a payment token. */
public interface PurchaseUseCase {

    /**
     * Runs steps 4-8 of the purchase for a validated command. Business outcomes (declined, out of stock, price
     * mismatch, pending) are returned; only bugs and infrastructure failures before any charge are thrown.
     */
    PurchaseResult purchase(PurchaseCommand command);
}
