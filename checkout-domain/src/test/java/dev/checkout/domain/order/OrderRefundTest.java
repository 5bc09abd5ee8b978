package dev.checkout.domain.order;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.PaymentFailure;
import dev.checkout.domain.payment.RefundId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The merchant's refunds of a paid order: they add up, never beyond the total, and restock never beyond the units sold. */
class OrderRefundTest {
    static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    static final Instant T1 = T0.plusSeconds(60);
    static final Sku MUG = Sku.of("mug");
    static final Sku TEE = Sku.of("tee");
    static final PaymentFailure REFUSED = new PaymentFailure(PaymentFailure.Kind.MERCHANT_ERROR, "charge_disputed", "disputed");

    /** 2 mugs at 12.50 and 1 tee at 20.00: 45.00 USD, paid. */
    static Order paid() {
        return Order.place(OrderId.of("ord_r"), Optional.empty(),
                List.of(new OrderLine(MUG, Quantity.of(2), Money.of(12_50, "usd")),
                        new OrderLine(TEE, Quantity.of(1), Money.of(20_00, "usd"))), T0)
                .markPaid(ChargeId.of("ch_1"), T0);
    }

    static Money usd(long minor) {
        return Money.of(minor, "usd");
    }

    static List<RestockLine> restock(Sku sku, int units) {
        return List.of(new RestockLine(sku, Quantity.of(units)));
    }

    @Test
    void a_requested_refund_is_pending_numbered_and_keeps_the_status_until_the_provider_answers() {
        Order asked = paid().requestRefund(usd(12_50), restock(MUG, 1), "returned", T1);

        assertThat(asked.status()).isEqualTo(OrderStatus.PAID);
        assertThat(asked.refunds()).singleElement().satisfies(r -> {
            assertThat(r.sequence()).isEqualTo(1);
            assertThat(r.status()).isEqualTo(OrderRefund.Status.PENDING);
            assertThat(r.idempotencyKey(asked.id()).value()).isEqualTo("refund-ord_r-1");
            assertThat(r.reasonText()).contains("returned");
        });
        assertThat(asked.pendingRefunds()).isEqualTo(usd(12_50));
        assertThat(asked.refundable()).isEqualTo(usd(32_50));
        assertThat(asked.version()).isEqualTo(paid().version() + 1);
    }

    @Test
    void an_order_never_takes_two_refunds_with_one_request_key() {
        ClientKey key = ClientKey.of("merchant-key-0001");
        Order asked = paid().requestRefund(usd(12_50), restock(MUG, 1), "returned", key, T1);

        assertThat(asked.refundRequestedWith(key)).map(OrderRefund::sequence).hasValue(1);
        assertThat(asked.refundRequestedWith(ClientKey.of("merchant-key-0002"))).isEmpty();
        assertThatThrownBy(() -> asked.requestRefund(usd(1_00), List.of(), null, key, T1))
                .isInstanceOfSatisfying(RefundRefusedException.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(RefundRefusedException.Reason.REQUEST_KEY_USED);
                    assertThat(refused.field()).isEqualTo("Idempotency-Key");
                });
        Order answered = asked.refundSucceeded(1, new RefundId("re_k1"), T1);
        assertThat(answered.refundRequestedWith(key)).map(OrderRefund::status).hasValue(OrderRefund.Status.SUCCEEDED);
    }

    @Test
    void a_retry_is_the_same_request_only_with_the_same_amount_restock_and_reason() {
        OrderRefund refund = paid().requestRefund(usd(12_50), restock(MUG, 1), "returned", ClientKey.of("merchant-key-0003"), T1)
                .refunds().getFirst();

        assertThat(refund.sameRequest(usd(12_50), restock(MUG, 1), " returned ")).isTrue();
        assertThat(refund.sameRequest(null, null, "returned")).as("amount left out, restock everything").isTrue();
        assertThat(refund.sameRequest(usd(12_49), restock(MUG, 1), "returned")).isFalse();
        assertThat(refund.sameRequest(usd(12_50), List.of(), "returned")).isFalse();
        assertThat(refund.sameRequest(usd(12_50), restock(MUG, 1), null)).isFalse();
    }

    @Test
    void partial_refunds_add_up_to_partially_refunded_then_refunded() {
        Order first = paid().requestRefund(usd(12_50), restock(MUG, 1), null, T1).refundSucceeded(1, new RefundId("re_1"), T1);
        assertThat(first.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(first.refunded()).isEqualTo(usd(12_50));

        Order second = first.requestRefund(usd(32_50), List.of(), null, T1).refundSucceeded(2, new RefundId("re_2"), T1);
        assertThat(second.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(second.refunded()).isEqualTo(second.total());
        assertThat(second.refunds().get(1).idempotencyKey(second.id()).value()).isEqualTo("refund-ord_r-2");
        assertThat(second.refundable()).isEqualTo(usd(0));
    }

    @Test
    void refunds_never_exceed_the_amount_paid_counting_pending_ones() {
        Order pending = paid().requestRefund(usd(40_00), List.of(), null, T1);

        assertThatThrownBy(() -> pending.requestRefund(usd(5_01), List.of(), null, T1))
                .isInstanceOfSatisfying(RefundRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RefundRefusedException.Reason.EXCEEDS_PAID);
                    assertThat(e.field()).isEqualTo("amount");
                })
                .hasMessageContaining("at most 500");
        assertThat(pending.requestRefund(usd(5_00), List.of(), null, T1).refundable()).isEqualTo(usd(0));
    }

    @Test
    void a_failed_refund_frees_its_money_and_its_units_again() {
        Order failed = paid().requestRefund(usd(45_00), restock(MUG, 2), null, T1).refundFailed(1, REFUSED, T1);

        assertThat(failed.status()).isEqualTo(OrderStatus.PAID);
        assertThat(failed.refunds().getFirst().failureReason()).contains(REFUSED);
        assertThat(failed.refundable()).isEqualTo(usd(45_00));
        assertThat(failed.restockable(MUG)).isEqualTo(2);
        assertThat(failed.requestRefund(usd(45_00), restock(MUG, 2), null, T1).refunds()).hasSize(2);
    }

    @Test
    void restock_never_exceeds_the_units_sold_over_all_refunds() {
        Order one = paid().requestRefund(usd(12_50), restock(MUG, 1), null, T1);

        assertThatThrownBy(() -> one.requestRefund(usd(12_50), restock(MUG, 2), null, T1))
                .isInstanceOfSatisfying(RefundRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RefundRefusedException.Reason.EXCEEDS_SOLD);
                    assertThat(e.field()).isEqualTo("restock[0].quantity");
                });
        assertThatThrownBy(() -> paid().requestRefund(usd(1_00),
                List.of(new RestockLine(MUG, Quantity.of(1)), new RestockLine(MUG, Quantity.of(2))), null, T1))
                .isInstanceOfSatisfying(RefundRefusedException.class, e -> assertThat(e.field()).isEqualTo("restock[1].quantity"));
        assertThatThrownBy(() -> paid().requestRefund(usd(1_00), restock(Sku.of("hat"), 1), null, T1))
                .isInstanceOfSatisfying(RefundRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RefundRefusedException.Reason.NOT_IN_ORDER));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = OrderStatus.class, names = {"PENDING_PAYMENT", "PAYMENT_UNKNOWN", "DECLINED", "FAILED", "REFUND_PENDING", "REFUNDED"})
    void an_order_that_is_not_paid_cannot_be_refunded(OrderStatus status) {
        Order order = OrderTest.in(status);

        assertThatThrownBy(() -> order.requestRefund(usd(1_00), List.of(), null, T1))
                .isInstanceOfSatisfying(RefundRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RefundRefusedException.Reason.NOT_REFUNDABLE));
    }

    @Test
    void a_refund_is_answered_once() {
        Order done = paid().requestRefund(usd(1_00), List.of(), null, T1).refundSucceeded(1, new RefundId("re_1"), T1);

        assertThatThrownBy(() -> done.refundSucceeded(1, new RefundId("re_1"), T1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> done.refundFailed(1, REFUSED, T1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> done.refundSucceeded(2, new RefundId("re_2"), T1)).isInstanceOf(DomainException.class);
    }

    @Test
    void a_refund_must_be_positive_and_in_the_orders_currency() {
        assertThatThrownBy(() -> paid().requestRefund(usd(0), List.of(), null, T1)).isInstanceOf(DomainException.class)
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> paid().requestRefund(Money.of(1_00, "eur"), List.of(), null, T1))
                .isInstanceOf(DomainException.class).hasMessageContaining("USD");
    }
}
