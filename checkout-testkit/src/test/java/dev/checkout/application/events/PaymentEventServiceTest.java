package dev.checkout.application.events;

import dev.checkout.application.events.ReceivePaymentEvents.Receipt;
import dev.checkout.application.events.ReceivePaymentEvents.Result;
import dev.checkout.application.purchase.PurchaseCommand;
import dev.checkout.application.purchase.PurchaseResult;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderRefund;
import dev.checkout.domain.order.OrderStatus;
import dev.checkout.domain.payment.Charge;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.ChargeOutcome;
import dev.checkout.domain.payment.DeclineReason;
import dev.checkout.domain.payment.Dispute;
import dev.checkout.domain.payment.PaymentEvent;
import dev.checkout.domain.payment.PaymentKey;
import dev.checkout.domain.payment.RefundId;
import dev.checkout.testkit.FakePaymentEvents;
import dev.checkout.testkit.InMemoryCheckout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The provider's events on the in-memory fakes: what each does, once, in any order, beside the reconciler. */
class PaymentEventServiceTest {
    static final Sku MUG = Sku.of("mug");
    static final AtomicInteger EVENTS = new AtomicInteger();

    InMemoryCheckout shop;

    @BeforeEach
    void stock() {
        shop = new InMemoryCheckout().withProduct("mug", "Mug", 12_50, "usd", 10);
    }

    PurchaseResult buy() {
        return shop.purchases().purchase(PurchaseCommand.of("tok_" + UUID.randomUUID(), 25_00L, "usd",
                List.of(new PurchaseCommand.RawItem("mug", 2)), null));
    }

    /** A purchase whose answer was lost after the provider charged: PAYMENT_UNKNOWN, 2 mugs held. */
    OrderId unknownButCharged() {
        shop.gateway().failNextUnknown(true);
        var result = buy();
        assertThat(result).isInstanceOf(PurchaseResult.PaymentPending.class);
        OrderId id = ((PurchaseResult.PaymentPending) result).orderId();
        assertThat(order(id).status()).isEqualTo(OrderStatus.PAYMENT_UNKNOWN);
        return id;
    }

    OrderId paid() {
        var result = buy();
        assertThat(result).isInstanceOf(PurchaseResult.Completed.class);
        return ((PurchaseResult.Completed) result).order().id();
    }

    Order order(OrderId id) {
        return shop.orders().find(id).orElseThrow();
    }

    Charge chargeAtProvider() {
        return shop.gateway().approvedCharges().getLast();
    }

    static PaymentEvent event(String type, PaymentEvent.Subject subject) {
        return new PaymentEvent("evt_" + EVENTS.incrementAndGet(), type, Instant.parse("2026-12-05T12:00:00Z"), subject);
    }

    static PaymentEvent succeeded(OrderId order, Charge charge) {
        return event("charge.succeeded", new PaymentEvent.ChargeChanged(Optional.of(order), new ChargeOutcome.Approved(charge)));
    }

    static PaymentEvent refundCreated(Charge charge, RefundId refund, long amount, Optional<PaymentKey> key) {
        return event("refund.created", new PaymentEvent.RefundChanged(refund, charge.id(), Money.of(amount, "usd"), true, key));
    }

    Receipt deliver(PaymentEvent event) {
        return shop.events().receive(shop.paymentEvents().sign(event), FakePaymentEvents.VALID_SIGNATURE);
    }

    @Test
    void a_charge_event_settles_an_unknown_order_by_the_reconcilers_rules_and_sells_its_stock() {
        OrderId id = unknownButCharged();
        Charge charge = chargeAtProvider();

        Receipt receipt = deliver(succeeded(id, charge));

        assertThat(receipt.result()).isEqualTo(Result.APPLIED);
        assertThat(order(id).status()).isEqualTo(OrderStatus.PAID);
        assertThat(order(id).chargeId()).contains(charge.id());
        assertThat(shop.stock().reservedUnits()).isZero();
        assertThat(shop.stock().available(MUG)).isEqualTo(8);
        // the reconciler finds nothing left to do
        shop.clock().advance(Duration.ofMinutes(1));
        assertThat(shop.reconciler().reconcile().paid()).isZero();
    }

    @Test
    void a_failed_charge_event_declines_the_order_and_gives_its_stock_back() {
        OrderId id = unknownButCharged();
        var declined = new ChargeOutcome.Declined(new DeclineReason("card_declined", "insufficient_funds", "Your card has insufficient funds."));

        Receipt receipt = deliver(event("charge.failed", new PaymentEvent.ChargeChanged(Optional.of(id), declined)));

        assertThat(receipt.result()).isEqualTo(Result.APPLIED);
        assertThat(order(id).status()).isEqualTo(OrderStatus.DECLINED);
        assertThat(shop.stock().available(MUG)).isEqualTo(10);
    }

    @Test
    void a_redelivered_event_is_acknowledged_as_a_duplicate_and_changes_nothing() {
        OrderId id = unknownButCharged();
        PaymentEvent event = succeeded(id, chargeAtProvider());
        deliver(event);
        Order after = order(id);

        Receipt again = deliver(event);

        assertThat(again.result()).isEqualTo(Result.DUPLICATE);
        assertThat(order(id).version()).isEqualTo(after.version());
        assertThat(shop.receivedEvents().size()).isEqualTo(1);
    }

    @Test
    void a_missing_or_wrong_signature_is_rejected_and_changes_nothing() {
        OrderId id = unknownButCharged();
        PaymentEvent event = succeeded(id, chargeAtProvider());
        byte[] payload = shop.paymentEvents().sign(event);

        assertThat(shop.events().receive(payload, null).result()).isEqualTo(Result.REJECTED);
        assertThat(shop.events().receive(payload, "t=1,v1=forged").result()).isEqualTo(Result.REJECTED);

        assertThat(order(id).status()).isEqualTo(OrderStatus.PAYMENT_UNKNOWN);
        assertThat(shop.receivedEvents().size()).isZero();
        // and the genuine delivery still applies afterwards
        assertThat(shop.events().receive(payload, FakePaymentEvents.VALID_SIGNATURE).result()).isEqualTo(Result.APPLIED);
    }

    @Test
    void event_before_poll_the_reconciler_finds_the_order_settled() {
        OrderId id = unknownButCharged();
        deliver(succeeded(id, chargeAtProvider()));

        shop.clock().advance(Duration.ofMinutes(1));
        var report = shop.reconciler().reconcile();

        assertThat(report.paid() + report.deferred()).isZero();
        assertThat(order(id).status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void poll_before_event_the_late_event_is_ignored() {
        OrderId id = unknownButCharged();
        shop.clock().advance(Duration.ofMinutes(1));
        assertThat(shop.reconciler().reconcile().paid()).isEqualTo(1);
        long version = order(id).version();

        Receipt late = deliver(succeeded(id, chargeAtProvider()));

        assertThat(late.result()).isEqualTo(Result.IGNORED);
        assertThat(order(id).version()).isEqualTo(version);
        assertThat(shop.stock().available(MUG)).isEqualTo(8);
    }

    @Test
    void out_of_order_a_full_refund_seen_before_the_success_ends_refunded_and_the_stale_success_is_ignored() {
        OrderId id = unknownButCharged();
        Charge charge = chargeAtProvider();
        Charge refunded = new Charge(charge.id(), charge.amount(), charge.amount());

        Receipt refundFirst = deliver(event("charge.refunded",
                new PaymentEvent.ChargeChanged(Optional.of(id), new ChargeOutcome.Approved(refunded))));
        Receipt staleSuccess = deliver(succeeded(id, charge));

        assertThat(refundFirst.result()).isEqualTo(Result.APPLIED);
        assertThat(staleSuccess.result()).isEqualTo(Result.IGNORED);
        assertThat(order(id).status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(shop.stock().available(MUG)).isEqualTo(10);
    }

    @Test
    void a_refund_made_at_the_provider_marks_the_order_refunded_without_restocking() {
        OrderId id = paid();
        Charge charge = chargeAtProvider();

        Receipt partial = deliver(refundCreated(charge, new RefundId("re_dash1"), 10_00, Optional.empty()));
        assertThat(partial.result()).isEqualTo(Result.APPLIED);
        assertThat(order(id).status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(order(id).refunded()).isEqualTo(Money.of(10_00, "usd"));

        Receipt rest = deliver(refundCreated(charge, new RefundId("re_dash2"), 15_00, Optional.empty()));
        assertThat(rest.result()).isEqualTo(Result.APPLIED);
        assertThat(order(id).status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(order(id).refunds()).extracting(OrderRefund::restock).containsOnly(List.of());
        assertThat(shop.stock().available(MUG)).isEqualTo(8);
    }

    @Test
    void the_checkouts_own_refund_is_counted_once_whichever_arrives_first() {
        OrderId id = paid();
        Charge charge = chargeAtProvider();
        // the merchant refunds through the checkout; its refund's event arrives afterwards
        var done = shop.refunds().refund(new dev.checkout.application.admin.RefundCommand(id, java.util.OptionalLong.of(5_00),
                new dev.checkout.application.admin.RefundCommand.Restock.Lines(List.of()), "returned"));
        assertThat(done).isInstanceOf(dev.checkout.application.admin.RefundResult.Refunded.class);
        RefundId made = order(id).refunds().getFirst().providerRefund().orElseThrow();

        Receipt echo = deliver(refundCreated(charge, made, 5_00, Optional.of(PaymentKey.forRefund(id, 1))));

        assertThat(echo.result()).isEqualTo(Result.DUPLICATE);
        assertThat(order(id).refunds()).hasSize(1);
        assertThat(order(id).refunded()).isEqualTo(Money.of(5_00, "usd"));
    }

    @Test
    void a_refund_event_in_flight_with_the_checkouts_own_key_is_left_to_the_refund() {
        OrderId id = paid();
        Charge charge = chargeAtProvider();
        Order asked = order(id).requestRefund(Money.of(5_00, "usd"), List.of(), null, shop.clock().instant());
        shop.orders().update(asked); // PENDING: the provider's answer has not been recorded yet

        Receipt early = deliver(refundCreated(charge, new RefundId("re_early"), 5_00, Optional.of(PaymentKey.forRefund(id, 1))));

        assertThat(early.result()).isEqualTo(Result.DUPLICATE);
        assertThat(order(id).refunds()).singleElement().extracting(OrderRefund::status).isEqualTo(OrderRefund.Status.PENDING);
    }

    @Test
    void a_dispute_is_recorded_on_the_order_and_an_older_report_does_not_replace_a_newer_one() {
        OrderId id = paid();
        Charge charge = chargeAtProvider();
        Instant t = Instant.parse("2026-12-05T12:00:00Z");
        var opened = new Dispute("dp_1", charge.amount(), "needs_response", "fraudulent", t);
        var lost = new Dispute("dp_1", charge.amount(), "lost", "fraudulent", t.plusSeconds(60));

        assertThat(deliver(event("charge.dispute.closed", new PaymentEvent.DisputeChanged(lost, charge.id()))).result())
                .isEqualTo(Result.APPLIED);
        assertThat(deliver(event("charge.dispute.created", new PaymentEvent.DisputeChanged(opened, charge.id()))).result())
                .isEqualTo(Result.IGNORED);

        assertThat(order(id).dispute()).contains(lost);
        assertThat(order(id).status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void events_for_unknown_orders_and_charges_are_acknowledged_and_ignored_a_refund_kept_for_later() {
        var charge = Charge.unrefunded(ChargeId.of("ch_elsewhere"), Money.of(1_00, "usd"));

        assertThat(deliver(succeeded(OrderId.of("ord_nobody"), charge)).result()).isEqualTo(Result.IGNORED);
        assertThat(deliver(event("charge.succeeded", new PaymentEvent.ChargeChanged(Optional.empty(),
                new ChargeOutcome.Approved(charge)))).result()).isEqualTo(Result.IGNORED);
        // a refund of a charge no order holds yet may be of an order whose payment is not settled: kept, acknowledged
        assertThat(deliver(refundCreated(charge, new RefundId("re_x"), 1_00, Optional.empty())).result()).isEqualTo(Result.DEFERRED);
        assertThat(deliver(event("charge.dispute.created", new PaymentEvent.DisputeChanged(new Dispute("dp_x", charge.amount(),
                "needs_response", "fraudulent", Instant.parse("2026-12-05T12:00:00Z")), charge.id()))).result()).isEqualTo(Result.IGNORED);
        assertThat(deliver(event("customer.created", new PaymentEvent.Other())).result()).isEqualTo(Result.IGNORED);
    }

    @Test
    void a_change_that_fails_to_commit_leaves_the_event_unrecorded_so_a_redelivery_applies_it() {
        OrderId id = unknownButCharged();
        PaymentEvent event = succeeded(id, chargeAtProvider());
        shop.transactions().failTransaction(1);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> deliver(event)).isInstanceOf(RuntimeException.class);
        assertThat(order(id).status()).isEqualTo(OrderStatus.PAYMENT_UNKNOWN);
        assertThat(shop.receivedEvents().size()).isZero();

        assertThat(deliver(event).result()).isEqualTo(Result.APPLIED);
        assertThat(order(id).status()).isEqualTo(OrderStatus.PAID);
    }
}
