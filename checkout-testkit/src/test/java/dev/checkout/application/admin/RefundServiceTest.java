package dev.checkout.application.admin;

import dev.checkout.application.purchase.PurchaseCommand;
import dev.checkout.application.purchase.PurchaseResult;
import dev.checkout.application.reconcile.ReconcilePolicy;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderRefund;
import dev.checkout.domain.order.OrderStatus;
import dev.checkout.domain.order.Quantity;
import dev.checkout.domain.order.RefundRefusedException;
import dev.checkout.domain.order.RestockLine;
import dev.checkout.domain.payment.PaymentFailure;
import dev.checkout.domain.payment.PaymentKey;
import dev.checkout.testkit.InMemoryCheckout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The merchant's refund on the in-memory fakes; the fake gateway fails the test if called inside a transaction. */
class RefundServiceTest {
    static final Sku MUG = Sku.of("mug");
    static final Sku TEE = Sku.of("tee");

    InMemoryCheckout shop;

    @BeforeEach
    void stock() {
        shop = new InMemoryCheckout()
                .withProduct("mug", "Mug", 12_50, "usd", 10)
                .withProduct("tee", "T-shirt", 20_00, "usd", 5);
    }

    /** 2 mugs and 1 tee, 45.00 USD, paid. */
    OrderId paidOrder() {
        var result = shop.purchases().purchase(PurchaseCommand.of("tok_" + UUID.randomUUID(), 45_00L, "usd",
                List.of(new PurchaseCommand.RawItem("mug", 2), new PurchaseCommand.RawItem("tee", 1)), null));
        assertThat(result).isInstanceOf(PurchaseResult.Completed.class);
        return ((PurchaseResult.Completed) result).order().id();
    }

    Order order(OrderId id) {
        return shop.orders().find(id).orElseThrow();
    }

    static RefundCommand refund(OrderId id, long amount, RestockLine... restock) {
        return new RefundCommand(id, OptionalLong.of(amount), new RefundCommand.Restock.Lines(List.of(restock)), "returned");
    }

    static RestockLine units(Sku sku, int n) {
        return new RestockLine(sku, Quantity.of(n));
    }

    @Test
    void a_partial_refund_with_restock_refunds_at_the_provider_and_puts_the_units_back() {
        OrderId id = paidOrder();
        assertThat(shop.stock().available(MUG)).isEqualTo(8);

        var result = shop.refunds().refund(refund(id, 12_50, units(MUG, 1)));

        assertThat(result).isInstanceOfSatisfying(RefundResult.Refunded.class, done -> {
            assertThat(done.order().status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
            assertThat(done.order().refunded()).isEqualTo(Money.of(12_50, "usd"));
            assertThat(done.refund().status()).isEqualTo(OrderRefund.Status.SUCCEEDED);
            assertThat(done.refund().providerRefund()).isPresent();
        });
        assertThat(shop.stock().available(MUG)).isEqualTo(9);
        assertThat(shop.gateway().refunds()).containsOnlyKeys(PaymentKey.forRefund(id, 1));
        assertThat(shop.gateway().approvedCharges().getFirst().amountRefunded()).isEqualTo(Money.of(12_50, "usd"));
    }

    @Test
    void partial_refunds_add_up_and_the_last_makes_the_order_refunded() {
        OrderId id = paidOrder();
        shop.refunds().refund(refund(id, 20_00, units(TEE, 1)));
        var rest = shop.refunds().refund(new RefundCommand(id, OptionalLong.empty(), new RefundCommand.Restock.Everything(), null));

        assertThat(rest).isInstanceOf(RefundResult.Refunded.class);
        Order refunded = order(id);
        assertThat(refunded.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(refunded.refunds()).extracting(r -> r.amount().minorUnits()).containsExactly(20_00L, 25_00L);
        assertThat(shop.stock().available(MUG)).isEqualTo(10);
        assertThat(shop.stock().available(TEE)).isEqualTo(5);
        assertThat(shop.gateway().refunds()).containsOnlyKeys(PaymentKey.forRefund(id, 1), PaymentKey.forRefund(id, 2));
    }

    @Test
    void a_refund_beyond_the_amount_paid_is_refused_and_changes_nothing() {
        OrderId id = paidOrder();
        shop.refunds().refund(refund(id, 40_00));

        var result = shop.refunds().refund(refund(id, 5_01));

        assertThat(result).isInstanceOfSatisfying(RefundResult.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(RefundRefusedException.Reason.EXCEEDS_PAID);
            assertThat(refused.message()).contains("at most 500");
        });
        assertThat(order(id).refunds()).hasSize(1);
        assertThat(shop.gateway().refundCalls()).isEqualTo(1);
    }

    @Test
    void restocking_more_than_was_sold_is_refused_before_the_provider_is_asked() {
        OrderId id = paidOrder();

        var result = shop.refunds().refund(refund(id, 1_00, units(MUG, 3)));

        assertThat(result).isInstanceOfSatisfying(RefundResult.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(RefundRefusedException.Reason.EXCEEDS_SOLD));
        assertThat(shop.gateway().refundCalls()).isZero();
        assertThat(shop.stock().available(MUG)).isEqualTo(8);
    }

    @Test
    void an_unpaid_order_is_not_refunded() {
        shop.gateway().declineNext("card_declined", "generic_decline", "Your card was declined.");
        var declined = shop.purchases().purchase(PurchaseCommand.of("tok_x", 12_50L, "usd",
                List.of(new PurchaseCommand.RawItem("mug", 1)), null));
        OrderId id = ((PurchaseResult.PaymentDeclined) declined).orderId();

        var result = shop.refunds().refund(new RefundCommand(id, OptionalLong.empty(), new RefundCommand.Restock.Nothing(), null));

        assertThat(result).isInstanceOfSatisfying(RefundResult.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(RefundRefusedException.Reason.NOT_REFUNDABLE));
        assertThat(shop.gateway().refundCalls()).isZero();
    }

    @Test
    void an_unknown_order_is_not_found() {
        assertThat(shop.refunds().refund(refund(OrderId.of("nope"), 1_00))).isInstanceOf(RefundResult.OrderNotFound.class);
    }

    @Test
    void a_refund_the_provider_certainly_did_not_make_leaves_the_order_and_stock_as_they_were() {
        OrderId id = paidOrder();
        shop.gateway().refuseNextRefund(PaymentFailure.Kind.MERCHANT_ERROR, "charge_disputed");

        var result = shop.refunds().refund(refund(id, 12_50, units(MUG, 1)));

        assertThat(result).isInstanceOfSatisfying(RefundResult.NotRefunded.class,
                failed -> assertThat(failed.failure().code()).isEqualTo("charge_disputed"));
        Order after = order(id);
        assertThat(after.status()).isEqualTo(OrderStatus.PAID);
        assertThat(after.refundable()).isEqualTo(after.total());
        assertThat(after.refunds().getFirst().status()).isEqualTo(OrderRefund.Status.FAILED);
        assertThat(shop.stock().available(MUG)).isEqualTo(8);
        assertThat(shop.refunds().refund(refund(id, 12_50, units(MUG, 1)))).isInstanceOf(RefundResult.Refunded.class);
    }

    @Test
    void an_unknown_refund_holds_its_money_and_the_reconciler_finishes_it_with_the_same_key() {
        OrderId id = paidOrder();
        shop.gateway().failNextRefundAfterRefunding(1);

        var result = shop.refunds().refund(refund(id, 12_50, units(MUG, 1)));

        assertThat(result).isInstanceOf(RefundResult.Pending.class);
        assertThat(order(id).status()).isEqualTo(OrderStatus.PAID);
        assertThat(order(id).refundable()).isEqualTo(Money.of(32_50, "usd"));
        assertThat(shop.stock().available(MUG)).as("restocked only once the refund is known").isEqualTo(8);
        assertThat(shop.orders().countNeedingAttention()).containsExactly(java.util.Map.entry(
                dev.checkout.domain.money.CurrencyCode.of("usd"), 1L));

        shop.clock().advance(ReconcilePolicy.DEFAULT.unknownAfter().plusSeconds(1));
        var report = shop.reconciler().reconcile();

        assertThat(report.refunded()).isEqualTo(1);
        assertThat(order(id).status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(shop.stock().available(MUG)).isEqualTo(9);
        assertThat(shop.gateway().refunds()).hasSize(1);
        assertThat(shop.gateway().approvedCharges().getFirst().amountRefunded()).isEqualTo(Money.of(12_50, "usd"));
        assertThat(shop.reconciler().reconcile().refunded()).as("settled once").isZero();
    }

    static RefundCommand keyed(RefundCommand command, String key) {
        return new RefundCommand(command.orderId(), command.amount(), command.restock(), command.reason(),
                dev.checkout.domain.order.ClientKey.of(key));
    }

    @Test
    void a_request_repeated_with_its_key_gets_the_first_refund_and_refunds_once() {
        OrderId id = paidOrder();
        var ask = keyed(refund(id, 12_50, units(MUG, 1)), "merchant-retry-0001");

        var first = shop.refunds().refund(ask);
        var again = shop.refunds().refund(ask);

        assertThat(first).isInstanceOf(RefundResult.Refunded.class);
        assertThat(again).isInstanceOfSatisfying(RefundResult.Refunded.class, repeat -> {
            assertThat(repeat.refund().sequence()).isEqualTo(1);
            assertThat(repeat.refund().providerRefund()).isEqualTo(((RefundResult.Refunded) first).refund().providerRefund());
            assertThat(repeat.refund().requestedWith()).hasValue(dev.checkout.domain.order.ClientKey.of("merchant-retry-0001"));
        });
        assertThat(order(id).refunds()).hasSize(1);
        assertThat(shop.gateway().refundCalls()).isEqualTo(1);
        assertThat(shop.stock().available(MUG)).as("restocked once").isEqualTo(9);
    }

    @Test
    void the_same_key_for_a_different_refund_is_refused_and_changes_nothing() {
        OrderId id = paidOrder();
        shop.refunds().refund(keyed(refund(id, 12_50, units(MUG, 1)), "merchant-retry-0002"));

        var otherAmount = shop.refunds().refund(keyed(refund(id, 1_00, units(MUG, 1)), "merchant-retry-0002"));
        var otherRestock = shop.refunds().refund(keyed(refund(id, 12_50), "merchant-retry-0002"));
        var otherReason = shop.refunds().refund(new RefundCommand(id, OptionalLong.of(12_50),
                new RefundCommand.Restock.Lines(List.of(units(MUG, 1))), "damaged",
                dev.checkout.domain.order.ClientKey.of("merchant-retry-0002")));

        for (var result : List.of(otherAmount, otherRestock, otherReason)) {
            assertThat(result).isInstanceOfSatisfying(RefundResult.Refused.class, refused -> {
                assertThat(refused.reason()).isEqualTo(RefundRefusedException.Reason.REQUEST_KEY_USED);
                assertThat(refused.field()).isEqualTo("Idempotency-Key");
            });
        }
        assertThat(order(id).refunds()).hasSize(1);
        assertThat(shop.gateway().refundCalls()).isEqualTo(1);
    }

    @Test
    void a_full_refund_repeated_after_it_emptied_the_order_is_the_same_refund_not_a_refusal() {
        OrderId id = paidOrder();
        var all = keyed(new RefundCommand(id, OptionalLong.empty(), new RefundCommand.Restock.Everything(), null), "merchant-full-0001");

        assertThat(shop.refunds().refund(all)).isInstanceOf(RefundResult.Refunded.class);
        var again = shop.refunds().refund(all);

        assertThat(again).isInstanceOfSatisfying(RefundResult.Refunded.class, repeat -> {
            assertThat(repeat.order().status()).isEqualTo(OrderStatus.REFUNDED);
            assertThat(repeat.refund().amount()).isEqualTo(Money.of(45_00, "usd"));
        });
        assertThat(shop.gateway().refundCalls()).isEqualTo(1);
        assertThat(shop.stock().available(MUG)).isEqualTo(10);
    }

    @Test
    void a_repeat_of_a_refund_whose_answer_was_lost_finishes_it_with_the_same_provider_key() {
        OrderId id = paidOrder();
        shop.gateway().failNextRefundAfterRefunding(1);
        var ask = keyed(refund(id, 12_50, units(MUG, 1)), "merchant-lost-0001");

        assertThat(shop.refunds().refund(ask)).isInstanceOf(RefundResult.Pending.class);
        var again = shop.refunds().refund(ask);

        assertThat(again).isInstanceOfSatisfying(RefundResult.Refunded.class,
                done -> assertThat(done.order().status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED));
        assertThat(shop.gateway().refunds()).containsOnlyKeys(PaymentKey.forRefund(id, 1));
        assertThat(shop.gateway().approvedCharges().getFirst().amountRefunded()).isEqualTo(Money.of(12_50, "usd"));
        assertThat(shop.stock().available(MUG)).isEqualTo(9);
    }

    @Test
    void racing_requests_with_one_key_make_one_refund() throws Exception {
        OrderId id = paidOrder();
        var ask = keyed(refund(id, 12_50, units(MUG, 1)), "merchant-race-0001");
        var answers = new ArrayList<Future<RefundResult>>();
        try (var merchants = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                answers.add(merchants.submit(() -> shop.refunds().refund(ask)));
            }
        }
        for (var answer : answers) {
            assertThat(answer.get()).isInstanceOfAny(RefundResult.Refunded.class, RefundResult.Pending.class, RefundResult.Busy.class);
        }
        assertThat(order(id).refunds()).hasSize(1);
        assertThat(order(id).refunded()).isEqualTo(Money.of(12_50, "usd"));
        assertThat(shop.gateway().refunds()).containsOnlyKeys(PaymentKey.forRefund(id, 1));
        assertThat(shop.stock().available(MUG)).isEqualTo(9);
    }

    @Test
    void an_unknown_refund_that_never_happened_is_made_by_the_reconciler() {
        OrderId id = paidOrder();
        shop.gateway().failNextRefund(1);

        assertThat(shop.refunds().refund(refund(id, 45_00))).isInstanceOf(RefundResult.Pending.class);
        assertThat(shop.gateway().refunds()).isEmpty();
        shop.reconciler().reconcile();
        assertThat(order(id).hasPendingRefund()).as("too young to retry: it may still be in flight").isTrue();

        shop.clock().advance(Duration.ofMinutes(1));
        shop.reconciler().reconcile();

        assertThat(order(id).status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(shop.gateway().refunds()).containsOnlyKeys(PaymentKey.forRefund(id, 1));
    }

    @Test
    void a_refund_made_but_not_recorded_is_pending_and_recorded_once_by_the_reconciler() {
        OrderId id = paidOrder();
        shop.transactions().failTransaction(2); // TX1 records the request; the second, recording the answer, fails

        var result = shop.refunds().refund(refund(id, 12_50, units(MUG, 1)));

        assertThat(result).isInstanceOf(RefundResult.Pending.class);
        assertThat(shop.gateway().refunds()).hasSize(1);
        assertThat(shop.stock().available(MUG)).isEqualTo(8);
        shop.clock().advance(Duration.ofMinutes(1));
        shop.reconciler().reconcile();

        assertThat(order(id).status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(order(id).refunds().getFirst().providerRefundId()).isEqualTo(
                shop.gateway().refunds().get(PaymentKey.forRefund(id, 1)).id());
        assertThat(shop.gateway().refunds()).as("the repeat with the same key made no second refund").hasSize(1);
        assertThat(shop.gateway().refundCalls()).isEqualTo(2);
        assertThat(shop.stock().available(MUG)).isEqualTo(9);
    }

    @Test
    void fifty_racing_refunds_of_the_same_money_make_one_refund() throws Exception {
        OrderId id = paidOrder();
        shop.gateway().setDelay(Duration.ZERO);
        var results = new ArrayList<Future<RefundResult>>();
        try (var merchants = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                results.add(merchants.submit(() -> shop.refunds().refund(refund(id, 45_00, units(MUG, 2)))));
            }
        }
        var answers = new ArrayList<RefundResult>();
        for (var r : results) {
            answers.add(r.get());
        }

        assertThat(answers).filteredOn(r -> r instanceof RefundResult.Refunded).hasSize(1);
        assertThat(answers).filteredOn(r -> r instanceof RefundResult.Refunded).hasSize(1);
        assertThat(answers).allMatch(r -> r instanceof RefundResult.Refunded || r instanceof RefundResult.Refused
                || r instanceof RefundResult.Busy);
        assertThat(shop.gateway().refunds()).hasSize(1);
        assertThat(order(id).refunds()).hasSize(1);
        assertThat(order(id).status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(shop.stock().available(MUG)).isEqualTo(10);
    }
}
