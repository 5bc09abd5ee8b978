package dev.checkout.adapter.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A row of {@code orders}: the aggregate's scalar state, flat; its lines are {@link OrderLineRow}s. The three
 * {@code auth*} columns hold the pending authentication of an AWAITING_AUTHENTICATION order, null otherwise.
 */
@MappedEntity("orders")
record OrderRow(
        @Id String id,
        @Nullable String clientKey,
        String status,
        long amount,
        String currency,
        @Nullable String chargeId,
        @Nullable String declineCode,
        @Nullable String declineDetail,
        @Nullable String declineMessage,
        @Nullable String failureKind,
        @Nullable String failureCode,
        @Nullable String failureMessage,
        Instant createdAt,
        Instant updatedAt,
        long version,
        @Nullable String authAttempt,
        @Nullable String authClientSecret,
        @Nullable Instant authDeadline) {
}
