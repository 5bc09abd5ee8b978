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
 *                  replaces a newer one (see {@link #supersedes})
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
     * Whether this report replaces {@code held}, the report recorded before it. A report of another dispute always
     * does; one of the same dispute does when it is newer, or when it is as new and further along the lifecycle
     * ({@code warning_needs_response}, {@code warning_under_review}, {@code needs_response}, {@code under_review},
     * then the final {@code won}, {@code lost}, {@code warning_closed}, {@code prevented}): event times have whole
     * seconds, and a dispute may be answered and closed within the second it was opened in, its events arriving in
     * any order.
     *
     * @param held the report recorded so far
     * @return true if this report should be recorded instead of {@code held}
     * @throws DomainException if {@code held} is null
     */
    public boolean supersedes(Dispute held) {
        DomainException.require(held, "held");
        if (!id.equals(held.id) || updatedAt.isAfter(held.updatedAt)) {
            return true;
        }
        return updatedAt.equals(held.updatedAt) && stage(status) > stage(held.status);
    }

    /** The status's place in the lifecycle; an unknown status ranks lowest, so it never wins a tie. */
    private static int stage(String status) {
        if (CLOSED_STATUSES.contains(status)) {
            return 4;
        }
        return switch (status) {
            case "warning_needs_response" -> 0;
            case "warning_under_review" -> 1;
            case "needs_response" -> 2;
            case "under_review" -> 3;
            default -> -1;
        };
    }

    /**
     * The statuses in which the provider has closed a dispute, and sends {@code charge.dispute.closed}: {@code won},
     * {@code lost}, {@code warning_closed} (an inquiry that was not escalated) and {@code prevented}.
     */
    public static final Set<String> CLOSED_STATUSES = Set.of("won", "lost", "warning_closed", "prevented");

    /**
     * Whether the provider has closed this dispute; an open one may still need the merchant's response.
     *
     * @return true if the status is one of {@link #CLOSED_STATUSES}
     */
    public boolean closed() {
        return CLOSED_STATUSES.contains(status);
    }
}
