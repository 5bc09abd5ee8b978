package dev.checkout.domain.payment;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.money.Money;

import java.time.Instant;
import java.util.Set;

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

    /**
     * The statuses in which the provider has closed a dispute, and sends {@code charge.dispute.closed}: {@code won},
     * {@code lost} and {@code warning_closed} (an inquiry that was not escalated).
     */
    public static final Set<String> CLOSED_STATUSES = Set.of("won", "lost", "warning_closed");

    /**
     * Whether the provider has closed this dispute; an open one may still need the merchant's response.
     *
     * @return true if the status is one of {@link #CLOSED_STATUSES}
     */
    public boolean closed() {
        return CLOSED_STATUSES.contains(status);
    }
}
