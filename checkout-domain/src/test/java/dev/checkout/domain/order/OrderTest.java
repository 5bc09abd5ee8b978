package dev.checkout.domain.order;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.ClientSecret;
import dev.checkout.domain.payment.DeclineReason;
import dev.checkout.domain.payment.PaymentAttemptId;
import dev.checkout.domain.payment.PaymentFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

import static dev.checkout.domain.order.OrderStatus.AWAITING_AUTHENTICATION;
import static dev.checkout.domain.order.OrderStatus.DECLINED;
import static dev.checkout.domain.order.OrderStatus.FAILED;
import static dev.checkout.domain.order.OrderStatus.PAID;
import static dev.checkout.domain.order.OrderStatus.PARTIALLY_REFUNDED;
import static dev.checkout.domain.order.OrderStatus.PAYMENT_UNKNOWN;
import static dev.checkout.domain.order.OrderStatus.PENDING_PAYMENT;
import static dev.checkout.domain.order.OrderStatus.REFUNDED;
import static dev.checkout.domain.order.OrderStatus.REFUND_PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderTest {
    static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    static final Instant T1 = T0.plusSeconds(1);
    static final ChargeId CHARGE = ChargeId.of("ch_1");
    static final DeclineReason FUNDS = new DeclineReason("card_declined", "insufficient_funds", "Your card has insufficient funds.");
    static final PaymentFailure USED = new PaymentFailure(PaymentFailure.Kind.INVALID_PAYMENT_DETAILS, "token_already_used", null);

    /** Each transition, by the status it leads to. */
    static final PendingAuthentication WAITING = new PendingAuthentication(new PaymentAttemptId("pi_1"),
            ClientSecret.of("pi_1_secret_abc"), T0.plusSeconds(600));

    static final Map<OrderStatus, Function<Order, Order>> MOVES = Map.of(
            AWAITING_AUTHENTICATION, o -> o.awaitAuthentication(WAITING, T1),
            PAID, o -> o.markPaid(CHARGE, T1),
            DECLINED, o -> o.markDeclined(FUNDS, T1),
            FAILED, o -> o.markFailed(USED, T1),
            PAYMENT_UNKNOWN, o -> o.markPaymentUnknown(T1),
            REFUND_PENDING, o -> o.markRefundPending(CHARGE, T1),
            REFUNDED, o -> o.markRefunded(CHARGE, T1));

    /** The allowed transitions; every other pair must be refused. */
    static final Map<OrderStatus, Set<OrderStatus>> ALLOWED = Map.of(
            PENDING_PAYMENT, EnumSet.of(PAID, DECLINED, FAILED, PAYMENT_UNKNOWN, REFUND_PENDING, REFUNDED, AWAITING_AUTHENTICATION),
            AWAITING_AUTHENTICATION, EnumSet.of(PAID, DECLINED, FAILED, PAYMENT_UNKNOWN, REFUND_PENDING, REFUNDED),
            PAYMENT_UNKNOWN, EnumSet.of(PAID, DECLINED, FAILED, REFUND_PENDING, REFUNDED),
            REFUND_PENDING, EnumSet.of(REFUNDED),
            PAID, EnumSet.noneOf(OrderStatus.class),
            DECLINED, EnumSet.noneOf(OrderStatus.class),
            FAILED, EnumSet.noneOf(OrderStatus.class),
            REFUNDED, EnumSet.noneOf(OrderStatus.class),
            PARTIALLY_REFUNDED, EnumSet.noneOf(OrderStatus.class));

    static Order placed() {
        return Order.place(OrderId.of("ord_1"), Optional.empty(),
                List.of(new OrderLine(Sku.of("mug"), Quantity.of(2), Money.of(12_50, "usd")),
                        new OrderLine(Sku.of("tee"), Quantity.of(1), Money.of(20_00, "usd"))), T0);
    }

    /** An order brought into {@code status} by a legal path. */
    static Order in(OrderStatus status) {
        Order o = placed();
        return switch (status) {
            case PENDING_PAYMENT -> o;
            case REFUND_PENDING -> o.markPaymentUnknown(T0).markRefundPending(CHARGE, T0);
            case PARTIALLY_REFUNDED -> o.markPaid(CHARGE, T0).requestRefund(Money.of(1_00, "usd"), List.of(), null, T0)
                    .refundSucceeded(1, new dev.checkout.domain.payment.RefundId("re_1"), T0);
            default -> MOVES.get(status).apply(o);
        };
    }

    @Test
    void a_placed_order_is_pending_with_the_total_of_its_lines() {
        Order order = placed();

        assertThat(order.status()).isEqualTo(PENDING_PAYMENT);
        assertThat(order.total()).isEqualTo(Money.of(45_00, "usd"));
        assertThat(order.version()).isZero();
        assertThat(order.createdAt()).isEqualTo(T0).isEqualTo(order.updatedAt());
    }

    @ParameterizedTest(name = "from {0}")
    @EnumSource(OrderStatus.class)
    void every_transition_is_allowed_or_refused_exactly_as_the_state_machine_says(OrderStatus from) {
        for (OrderStatus to : MOVES.keySet()) {
            Order start = in(from);
            if (ALLOWED.get(from).contains(to)) {
                Order moved = MOVES.get(to).apply(start);
                assertThat(moved.status()).as(from + " -> " + to).isEqualTo(to);
                assertThat(moved.version()).isEqualTo(start.version() + 1);
                assertThat(moved.updatedAt()).isEqualTo(T1);
                assertThat(start.status()).as("orders are immutable").isEqualTo(from);
            } else {
                assertThatThrownBy(() -> MOVES.get(to).apply(start)).as(from + " -> " + to)
                        .isInstanceOf(IllegalOrderTransitionException.class)
                        .hasMessageContaining(from.name()).hasMessageContaining(to.name());
            }
        }
    }

    @Test
    void transitions_keep_what_the_outcome_says() {
        assertThat(in(PAID).chargeId()).contains(CHARGE);
        assertThat(in(DECLINED).declineReason()).contains(FUNDS);
        assertThat(in(FAILED).failure()).contains(USED);
        assertThat(in(REFUNDED).chargeId()).contains(CHARGE);
    }

    @Test
    void an_order_waiting_for_authentication_keeps_it_only_until_it_moves_on() {
        Order waiting = in(AWAITING_AUTHENTICATION);

        assertThat(waiting.pendingAuthentication()).contains(WAITING);
        for (OrderStatus next : ALLOWED.get(AWAITING_AUTHENTICATION)) {
            assertThat(MOVES.get(next).apply(waiting).pendingAuthentication()).as("after " + next).isEmpty();
        }
        assertThat(WAITING.expiredAt(WAITING.deadline())).isFalse();
        assertThat(WAITING.expiredAt(WAITING.deadline().plusMillis(1))).isTrue();
        assertThat(WAITING.clientSecret().toString()).doesNotContain("secret_abc");
    }

    @Test
    void a_stored_order_has_a_pending_authentication_exactly_when_it_waits_for_one() {
        Order waiting = in(AWAITING_AUTHENTICATION);

        Order back = Order.rehydrate(waiting.id(), null, waiting.lines(), waiting.total(), AWAITING_AUTHENTICATION, null,
                null, null, T0, T1, 1, List.of(), null, WAITING);

        assertThat(back.pendingAuthentication()).contains(WAITING);
        assertThatThrownBy(() -> Order.rehydrate(waiting.id(), null, waiting.lines(), waiting.total(),
                AWAITING_AUTHENTICATION, null, null, null, T0, T1, 1, List.of(), null, null))
                .isInstanceOf(DomainException.class).hasMessageContaining("pending authentication");
        assertThatThrownBy(() -> Order.rehydrate(waiting.id(), null, waiting.lines(), waiting.total(), PAID, CHARGE,
                null, null, T0, T1, 1, List.of(), null, WAITING))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void final_statuses_are_the_five_ends() {
        assertThat(EnumSet.allOf(OrderStatus.class).stream().filter(OrderStatus::isFinal))
                .containsExactlyInAnyOrder(PAID, DECLINED, FAILED, REFUNDED, PARTIALLY_REFUNDED);
    }

    @Test
    void an_order_needs_lines_without_duplicates_and_within_the_limit() {
        var mug = new OrderLine(Sku.of("mug"), Quantity.of(1), Money.of(1_00, "usd"));
        assertThatThrownBy(() -> Order.place(OrderId.of("o"), Optional.empty(), List.of(), T0))
                .isInstanceOf(DomainException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> Order.place(OrderId.of("o"), Optional.empty(), List.of(mug, mug), T0))
                .isInstanceOf(DomainException.class).hasMessageContaining("twice");
        var tooMany = new ArrayList<OrderLine>();
        IntStream.rangeClosed(0, Order.MAX_LINES).forEach(i -> tooMany.add(new OrderLine(Sku.of("s" + i), Quantity.of(1), Money.of(1_00, "usd"))));
        assertThatThrownBy(() -> Order.place(OrderId.of("o"), Optional.empty(), tooMany, T0))
                .isInstanceOf(DomainException.class).hasMessageContaining("at most 100");
    }

    @Test
    void lines_in_different_currencies_cannot_make_one_order() {
        var lines = List.of(new OrderLine(Sku.of("a"), Quantity.of(1), Money.of(1_00, "usd")),
                new OrderLine(Sku.of("b"), Quantity.of(1), Money.of(1_00, "eur")));
        assertThatThrownBy(() -> Order.place(OrderId.of("o"), Optional.empty(), lines, T0)).isInstanceOf(DomainException.class);
    }

    @Test
    void rehydrate_refuses_a_total_that_does_not_match_the_lines() {
        Order order = placed();
        assertThatThrownBy(() -> Order.rehydrate(order.id(), null, order.lines(), Money.of(1, "usd"), PAID, CHARGE,
                null, null, T0, T1, 3)).isInstanceOf(DomainException.class).hasMessageContaining("does not match");
        Order back = Order.rehydrate(order.id(), null, order.lines(), order.total(), PAID, CHARGE, null, null, T0, T1, 3);
        assertThat(back.status()).isEqualTo(PAID);
        assertThat(back.version()).isEqualTo(3);
    }

    @Test
    void quantities_and_skus_validate_themselves() {
        assertThatThrownBy(() -> Quantity.of(0)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> Quantity.of(Quantity.MAX + 1)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> Sku.of("bad sku")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> Sku.of("x".repeat(65))).isInstanceOf(DomainException.class);
        assertThat(Sku.of("MUG-350.blue_1").value()).isEqualTo("MUG-350.blue_1");
    }
}
