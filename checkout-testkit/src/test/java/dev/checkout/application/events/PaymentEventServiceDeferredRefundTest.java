package dev.checkout.application.events;

import dev.checkout.application.events.ReceivePaymentEvents.Receipt;
import dev.checkout.application.events.ReceivePaymentEvents.Result;
import dev.checkout.application.purchase.PurchaseCommand;
import dev.checkout.application.purchase.PurchaseResult;
import dev.checkout.application.reconcile.ChargeSettlement;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderStatus;
import dev.checkout.domain.payment.Charge;
import dev.checkout.domain.payment.ChargeOutcome;
import dev.checkout.domain.payment.PaymentEvent;
import dev.checkout.domain.payment.PaymentKey;
import dev.checkout.domain.payment.Refund;
import dev.checkout.domain.payment.RefundId;
import dev.checkout.testkit.FakePaymentEvents;
import dev.checkout.testkit.InMemoryCheckout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partial refund made at the provider while the order's payment is still unknown (issue 16): kept as a deferred
 * refund and recorded on the order once it holds the charge, whichever of refund event, charge event and reconciler
 * comes first, and once.
 */
class PaymentEventServiceDeferredRefundTest {
    static final Sku MUG = Sku.of("mug");
    static final AtomicInteger EVENTS = new AtomicInteger();

    InMemoryCheckout shop;
    final List<LogRecord> settlementLog = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            settlementLog.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void stock() {
        shop = new InMemoryCheckout().withProduct("mug", "Mug", 12_50, "usd", 10);
        Logger.getLogger(ChargeSettlement.class.getName()).addHandler(capture);
    }

    @AfterEach
    void quiet() {
        Logger.getLogger(ChargeSettlement.class.getName()).removeHandler(capture);
    }

    /** A purchase whose answer was lost after the provider charged 25.00: PAYMENT_UNKNOWN, 2 mugs held. */
    OrderId unknownButCharged() {
        shop.gateway().failNextUnknown(true);
        var result = shop.purchases().purchase(PurchaseCommand.of("tok_" + UUID.randomUUID(), 25_00L, "usd",
                List.of(new PurchaseCommand.RawItem("mug", 2)), null));
        assertThat(result).isInstanceOf(PurchaseResult.PaymentPending.class);
        OrderId id = ((PurchaseResult.PaymentPending) result).orderId();
        assertThat(order(id).status()).isEqualTo(OrderStatus.PAYMENT_UNKNOWN);
        assertThat(order(id).chargeId()).isEmpty();
        return id;
    }

    Order order(OrderId id) {
        return shop.orders().find(id).orElseThrow();
    }

    /** The charge as the provider holds it now. */
    Charge chargeAtProvider() {
        return shop.gateway().findCharge(shop.gateway().approvedCharges().getLast().id()).orElseThrow();
    }

    /** A refund made in the provider's dashboard: the charge shows it, the checkout is not told but by an event. */
    Refund refundInTheDashboard(long amount) {
        return shop.gateway().refund(chargeAtProvider().id(), Money.of(amount, "usd"), new PaymentKey("dash_" + UUID.randomUUID()));
    }

    static PaymentEvent event(String type, PaymentEvent.Subject subject) {
        return new PaymentEvent("evt_d" + EVENTS.incrementAndGet(), type, Instant.parse("2026-12-05T12:00:00Z"), subject);
    }

    static PaymentEvent refundEvent(String type, Refund refund) {
        return event(type, new PaymentEvent.RefundChanged(refund.id(), refund.chargeId(), refund.amount(), true, Optional.empty()));
    }

    static PaymentEvent succeeded(OrderId order, Charge charge) {
        return event("charge.succeeded", new PaymentEvent.ChargeChanged(Optional.of(order), new ChargeOutcome.Approved(charge)));
    }

    Receipt deliver(PaymentEvent event) {
        return shop.events().receive(shop.paymentEvents().sign(event), FakePaymentEvents.VALID_SIGNATURE);
    }

    List<String> warnings() {
        return settlementLog.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .map(r -> java.text.MessageFormat.format(r.getMessage(), r.getParameters())).toList();
    }

    @Test
    void refund_event_before_a_charge_event_settles_the_order_the_refund_is_recorded_with_the_settlement() {
        OrderId id = unknownButCharged();
        Refund refund = refundInTheDashboard(10_00);
        PaymentEvent created = refundEvent("refund.created", refund);

        Receipt early = deliver(created);

        assertThat(early.result()).isEqualTo(Result.DEFERRED);
        assertThat(order(id).status()).isEqualTo(OrderStatus.PAYMENT_UNKNOWN);
        assertThat(shop.receivedEvents().deferredRefunds(refund.chargeId())).hasSize(1);

        Receipt settles = deliver(succeeded(id, chargeAtProvider()));

        assertThat(settles.result()).isEqualTo(Result.APPLIED);
        Order after = order(id);
        assertThat(after.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(after.refunded()).isEqualTo(Money.of(10_00, "usd"));
        assertThat(after.holdsRefund(refund.id())).isTrue();
        assertThat(after.refunds().getFirst().restock()).isEmpty();
        assertThat(shop.stock().available(MUG)).as("the order was paid: its units are sold, none go back").isEqualTo(8);
        assertThat(shop.receivedEvents().deferredRefunds(refund.chargeId())).as("done").isEmpty();
        assertThat(warnings()).as("the charge's refunded amount is explained").isEmpty();

        // redeliveries and the refund's other events count nothing twice
        assertThat(deliver(created).result()).isEqualTo(Result.DUPLICATE);
        assertThat(deliver(refundEvent("charge.refund.updated", refund)).result()).isEqualTo(Result.DUPLICATE);
        shop.clock().advance(Duration.ofMinutes(1));
        shop.reconciler().reconcile();
        assertThat(order(id).refunds()).hasSize(1);
        assertThat(order(id).version()).isEqualTo(after.version());
    }

    @Test
    void refund_event_before_the_reconciler_settles_the_order_the_refund_is_recorded_with_the_settlement() {
        OrderId id = unknownButCharged();
        Refund refund = refundInTheDashboard(7_50);
        assertThat(deliver(refundEvent("refund.created", refund)).result()).isEqualTo(Result.DEFERRED);

        shop.clock().advance(Duration.ofMinutes(1));
        var report = shop.reconciler().reconcile();

        assertThat(report.paid()).isEqualTo(1);
        assertThat(report.deferredRefundsRecorded()).isEqualTo(1);
        assertThat(report.unexplainedRefunds()).isZero();
        Order after = order(id);
        assertThat(after.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(after.chargeId()).contains(refund.chargeId());
        assertThat(after.refunded()).isEqualTo(Money.of(7_50, "usd"));
        assertThat(shop.stock().available(MUG)).isEqualTo(8);
        assertThat(shop.receivedEvents().deferredRefunds(refund.chargeId())).isEmpty();
        assertThat(warnings()).isEmpty();

        // the late charge event and a second pass change nothing
        assertThat(deliver(succeeded(id, chargeAtProvider())).result()).isEqualTo(Result.IGNORED);
        shop.clock().advance(Duration.ofMinutes(1));
        shop.reconciler().reconcile();
        assertThat(order(id).version()).isEqualTo(after.version());
    }

    @Test
    void refund_event_after_the_settlement_is_recorded_at_once_as_before() {
        OrderId id = unknownButCharged();
        shop.clock().advance(Duration.ofMinutes(1));
        assertThat(shop.reconciler().reconcile().paid()).isEqualTo(1);
        Refund refund = refundInTheDashboard(5_00);

        assertThat(deliver(refundEvent("refund.created", refund)).result()).isEqualTo(Result.APPLIED);

        assertThat(order(id).status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(order(id).refunded()).isEqualTo(Money.of(5_00, "usd"));
        assertThat(shop.receivedEvents().deferredSize()).as("nothing deferred").isZero();
    }

    @Test
    void a_redelivered_or_repeated_deferred_refund_is_a_duplicate_and_is_kept_once() {
        OrderId id = unknownButCharged();
        Refund refund = refundInTheDashboard(10_00);
        PaymentEvent created = refundEvent("refund.created", refund);

        assertThat(deliver(created).result()).isEqualTo(Result.DEFERRED);
        assertThat(deliver(created).result()).as("the same event again").isEqualTo(Result.DUPLICATE);
        assertThat(deliver(refundEvent("refund.updated", refund)).result()).as("another event of the refund")
                .isEqualTo(Result.DUPLICATE);
        assertThat(shop.receivedEvents().deferredSize()).isEqualTo(1);

        deliver(succeeded(id, chargeAtProvider()));
        assertThat(order(id).refunded()).as("counted once").isEqualTo(Money.of(10_00, "usd"));
    }

    @Test
    void two_deferred_refunds_of_one_charge_are_both_recorded() {
        OrderId id = unknownButCharged();
        Refund first = refundInTheDashboard(5_00);
        Refund second = refundInTheDashboard(6_00);
        deliver(refundEvent("refund.created", second));
        deliver(refundEvent("refund.created", first));

        deliver(succeeded(id, chargeAtProvider()));

        assertThat(order(id).status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(order(id).refunded()).isEqualTo(Money.of(11_00, "usd"));
        assertThat(order(id).holdsRefund(first.id()) && order(id).holdsRefund(second.id())).isTrue();
    }

    @Test
    void the_reconciler_records_a_deferred_refund_whose_order_got_its_charge_without_looking_for_it() {
        OrderId id = unknownButCharged();
        Refund refund = refundInTheDashboard(10_00);
        // a settlement that read the deferred refunds just before this one was kept: it made the order PAID without it
        Order unknown = order(id);
        assertThat(deliver(refundEvent("refund.created", refund)).result()).isEqualTo(Result.DEFERRED);
        shop.orders().update(unknown.markPaid(refund.chargeId(), shop.clock().instant()));
        assertThat(order(id).status()).isEqualTo(OrderStatus.PAID);

        assertThat(shop.reconciler().reconcile().deferredRefundsRecorded()).isEqualTo(1);

        assertThat(order(id).status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(order(id).refunded()).isEqualTo(Money.of(10_00, "usd"));
        assertThat(shop.receivedEvents().deferredRefunds(refund.chargeId())).isEmpty();
        long version = order(id).version();
        assertThat(shop.reconciler().reconcile().deferredRefundsRecorded()).isZero();
        assertThat(order(id).version()).as("once").isEqualTo(version);
    }

    @Test
    void a_deferred_refund_whose_charge_no_order_holds_stays_pending_and_goes_with_the_retention() {
        Refund elsewhere = new Refund(new RefundId("re_elsewhere"), dev.checkout.domain.payment.ChargeId.of("ch_elsewhere"),
                Money.of(1_00, "usd"));
        assertThat(deliver(refundEvent("refund.created", elsewhere)).result()).isEqualTo(Result.DEFERRED);

        shop.reconciler().reconcile();
        assertThat(shop.receivedEvents().deferredRefunds(elsewhere.chargeId())).hasSize(1);

        var retention = new EventRetention(shop.receivedEvents(), shop.transactions(), shop.clock(), Duration.ofDays(30));
        assertThat(retention.sweep()).isZero();
        assertThat(shop.receivedEvents().deferredSize()).isEqualTo(1);
        shop.clock().advance(Duration.ofDays(31));
        assertThat(retention.sweep()).as("the event").isEqualTo(1);
        assertThat(shop.receivedEvents().deferredSize()).as("and its deferred refund").isZero();
    }

    @Test
    void a_full_refund_before_the_settlement_ends_refunded_with_the_stock_back_and_the_deferred_refund_done() {
        OrderId id = unknownButCharged();
        Refund all = refundInTheDashboard(25_00);
        assertThat(deliver(refundEvent("refund.created", all)).result()).isEqualTo(Result.DEFERRED);

        shop.clock().advance(Duration.ofMinutes(1));
        assertThat(shop.reconciler().reconcile().refunded()).isEqualTo(1);

        assertThat(order(id).status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(shop.stock().available(MUG)).isEqualTo(10);
        assertThat(shop.receivedEvents().deferredRefunds(all.chargeId())).as("nothing is left to refund").isEmpty();
    }

    @Test
    void a_partial_refund_the_checkout_was_never_told_of_is_logged_as_a_warning_and_no_refund_is_made_up() {
        OrderId id = unknownButCharged();
        refundInTheDashboard(4_00); // its event never arrives

        shop.clock().advance(Duration.ofMinutes(1));
        var report = shop.reconciler().reconcile();
        assertThat(report.paid()).isEqualTo(1);
        assertThat(report.unexplainedRefunds()).as("counted for the metric").isEqualTo(1);

        assertThat(order(id).status()).isEqualTo(OrderStatus.PAID);
        assertThat(order(id).refunds()).isEmpty();
        assertThat(warnings()).singleElement().asString().contains(id.value()).contains("400 of it not known");
    }

    @Test
    void a_deferred_refund_explains_part_of_the_charges_refunds_the_rest_is_warned_of() {
        OrderId id = unknownButCharged();
        Refund told = refundInTheDashboard(3_00);
        refundInTheDashboard(2_00); // its event never arrives
        deliver(refundEvent("refund.created", told));

        Receipt settles = deliver(succeeded(id, chargeAtProvider()));

        assertThat(settles.detail()).contains("1 deferred refund(s) recorded").contains("200 refunded at the provider not known");
        assertThat(order(id).refunded()).isEqualTo(Money.of(3_00, "usd"));
        assertThat(warnings()).singleElement().asString().contains(id.value()).contains("200 of it not known");
    }

    @Test
    void refunds_no_order_will_ever_hold_do_not_hide_a_newer_one_from_the_reconciler() {
        // a pass looks at one deferred refund: the older refunds of other charges come first
        shop = new InMemoryCheckout(dev.checkout.application.purchase.PurchasePolicy.DEFAULT,
                new dev.checkout.application.reconcile.ReconcilePolicy(Duration.ofSeconds(30), Duration.ofMinutes(15),
                        Duration.ofMinutes(2), 1)).withProduct("mug", "Mug", 12_50, "usd", 10);
        for (int i = 0; i < 2; i++) {
            var other = new Refund(new RefundId("re_other" + i), dev.checkout.domain.payment.ChargeId.of("ch_other" + i),
                    Money.of(1_00, "usd"));
            assertThat(deliver(refundEvent("refund.created", other)).result()).isEqualTo(Result.DEFERRED);
            shop.clock().advance(Duration.ofSeconds(1));
        }
        OrderId id = unknownButCharged();
        Refund refund = refundInTheDashboard(10_00);
        Order unknown = order(id);
        assertThat(deliver(refundEvent("refund.created", refund)).result()).isEqualTo(Result.DEFERRED);
        shop.orders().update(unknown.markPaid(refund.chargeId(), shop.clock().instant())); // without looking

        int recorded = 0;
        for (int pass = 0; pass < 3; pass++) {
            recorded += shop.reconciler().reconcile().deferredRefundsRecorded();
        }

        assertThat(recorded).isEqualTo(1);
        assertThat(order(id).refunded()).isEqualTo(Money.of(10_00, "usd"));
        assertThat(shop.receivedEvents().deferredRefunds(null, 5)).as("the others stay pending")
                .extracting(d -> d.refund().value()).containsExactly("re_other0", "re_other1");
    }
}
