package dev.checkout.application.admin;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.order.ClientKey;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.RestockLine;

import java.util.List;
import java.util.OptionalLong;

/**
 * The merchant asks to refund an order.
 *
 * @param orderId the order to refund
 * @param amount  minor units in the order's currency; empty refunds everything not yet refunded
 * @param restock which units go back to stock once the refund succeeds
 * @param reason  the merchant's note, optional
 * @param requestKey the request's Idempotency-Key, or null: a request repeated with its key (a retry after a lost
 *                answer) gets the first request's refund and answer, and never refunds twice
 */
public record RefundCommand(OrderId orderId, OptionalLong amount, Restock restock, String reason, ClientKey requestKey) {

    /**
     * A refund asked for without an Idempotency-Key.
     *
     * @param orderId the order to refund
     * @param amount  minor units in the order's currency; empty refunds everything not yet refunded
     * @param restock which units go back to stock once the refund succeeds
     * @param reason  the merchant's note, optional
     */
    public RefundCommand(OrderId orderId, OptionalLong amount, Restock restock, String reason) {
        this(orderId, amount, restock, reason, null);
    }

    /** Which units a refund puts back into stock. */
    public sealed interface Restock {
        /** Nothing goes back (the goods were not returned, or are not fit to sell). */
        record Nothing() implements Restock {}

        /** Every unit of the order that has not gone back yet. */
        record Everything() implements Restock {}

        /**
         * These units.
         *
         * @param lines the units of each product, at most what the order sold
         */
        record Lines(List<RestockLine> lines) implements Restock {
            /**
             * Copies the lines.
             *
             * @throws DomainException if they are null
             */
            public Lines {
                lines = List.copyOf(DomainException.require(lines, "restock"));
            }
        }
    }

    /**
     * Checks the command.
     *
     * @throws DomainException if a part is missing or the amount is below 1
     */
    public RefundCommand {
        DomainException.require(orderId, "orderId");
        DomainException.require(amount, "amount");
        DomainException.require(restock, "restock");
        if (amount.isPresent() && amount.getAsLong() < 1) {
            throw new DomainException("amount", "amount must be at least 1 minor unit, was " + amount.getAsLong()
                    + "; leave it out to refund everything not yet refunded");
        }
    }
}
