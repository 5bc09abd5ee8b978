package dev.checkout.application.admin;

/** The inbound port of the merchant's refunds. */
public interface RefundUseCase {

    /**
     * Refunds (part of) a paid order through the payment provider and puts the returned units back into stock. Never
     * call it inside a transaction: it calls the provider.
     *
     * @param command what to refund and restock
     * @return what became of it; business refusals and provider failures are values, not exceptions
     */
    RefundResult refund(RefundCommand command);
}
