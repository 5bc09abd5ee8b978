package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.money.Money;

import java.time.Instant;

/**
 * A dispute (chargeback) of a charge, as the provider last reported it. The checkout only records it for the
 * merchant: money and stock are the provider's and the merchant's business while it runs.
 *
 * @param id        the provider's dispute id ({@code dp_...})
 * @param amount    the disputed amount
 * @param status    the provider's status, e.g. {@code needs_response}, {@code under_review}, {@code won},
 *                  {@code lost}
 * @param reason    the provider's reason, e.g. {@code fraudulent}, {@code product_not_received}
 * @param updatedAt when the provider reported this state (the event's creation time); an older report never
 *                  replaces a newer one
 */
public record Dispute(String id, Money amount, String status, String reason, Instant updatedAt) {
    /**
     * Validates the dispute.
     *
     * @throws DomainException if a component is null or blank
     */
    public Dispute {
        DomainException.require(id, "disputeId");
        DomainException.require(amount, "amount");
        DomainException.require(status, "status");
        DomainException.require(reason, "reason");
        DomainException.require(updatedAt, "updatedAt");
        if (id.isBlank() || status.isBlank() || reason.isBlank()) {
            throw new DomainException("dispute", "a dispute needs an id, a status and a reason");
        }
    }
}
