package dev.checkout.application.admin;

/** The inbound port of the merchant's refunds. */
public interface RefundUseCase {

    /** Refunds (part of) a paid order through the payment provider and puts the returned units back into stock. */
    RefundResult refund(RefundCommand command);
}
