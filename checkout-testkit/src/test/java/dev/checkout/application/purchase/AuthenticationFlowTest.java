package dev.checkout.application.purchase;

import dev.checkout.application.purchase.PurchaseResult.AuthenticationExpired;
import dev.checkout.application.purchase.PurchaseResult.AuthenticationRequired;
import dev.checkout.application.purchase.PurchaseResult.Completed;
import dev.checkout.application.purchase.PurchaseResult.PaymentDeclined;
import dev.checkout.application.purchase.PurchaseResult.PaymentPending;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.inventory.Reservation;
import dev.checkout.domain.inventory.ReservationState;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderStatus;
import dev.checkout.domain.payment.PaymentFailure;
import dev.checkout.domain.payment.PaymentKey;
import dev.checkout.testkit.InMemoryCheckout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The purchase when the provider asks the buyer to authenticate (3-D Secure), on the in-memory fakes: the order
 * waits with its stock reserved, the confirmation finishes it, and the reconciler expires what the buyer abandoned.
 */
class AuthenticationFlowTest {
    static final Sku MUG = Sku.of("mug");

    InMemoryCheckout shop;

    @BeforeEach
    void stock() {
        shop = new InMemoryCheckout().withProduct("mug", "Mug", 12_50, "usd", 10);
    }

    static PurchaseCommand buyTwoMugs(String key) {
        return PurchaseCommand.of("tok_" + UUID.randomUUID().toString().replace("-", ""), 25_00L, "usd",
                List.of(new PurchaseCommand.RawItem("mug", 2)), key);
    }

    AuthenticationRequired askedToAuthenticate(String key) {
        shop.gateway().requireAuthenticationNext();
        var result = shop.purchases().purchase(buyTwoMugs(key));
        assertThat(result).isInstanceOf(AuthenticationRequired.class);
        return (AuthenticationRequired) result;
    }

    Order order(OrderId id) {
        return shop.orders().find(id).orElseThrow();
    }

    @Test
    void a_purchase_that_needs_authentication_waits_with_its_stock_reserved_until_a_deadline() {
        var placedAt = shop.clock().instant();

        var waiting = askedToAuthenticate(null);

        Order order = order(waiting.orderId());
        assertThat(order.status()).isEqualTo(OrderStatus.AWAITING_AUTHENTICATION);
        assertThat(order.pendingAuthentication()).hasValueSatisfying(p -> {
            assertThat(p.clientSecret()).isEqualTo(waiting.clientSecret());
            assertThat(p.deadline()).isEqualTo(placedAt.plus(PurchasePolicy.DEFAULT_AUTHENTICATION_WINDOW));
        });
        assertThat(shop.stock().available(MUG)).isEqualTo(8);
        assertThat(shop.stock().reservationsOf(waiting.orderId())).extracting(Reservation::state)
                .containsOnly(ReservationState.RESERVED);
        assertThat(shop.gateway().approvedCharges()).isEmpty();
    }

    @Test
    void after_the_buyer_authenticated_the_confirmation_pays_with_a_key_of_the_order_and_sells_the_stock() {
        var waiting = askedToAuthenticate(null);
        shop.gateway().completeAuthentication(waiting.clientSecret());

        var result = shop.purchases().confirm(waiting.orderId());

        assertThat(result).hasValueSatisfying(r -> assertThat(r).isInstanceOfSatisfying(Completed.class, done -> {
            assertThat(done.order().status()).isEqualTo(OrderStatus.PAID);
            assertThat(done.order().pendingAuthentication()).isEmpty();
        }));
        assertThat(shop.stock().reservationsOf(waiting.orderId())).extracting(Reservation::state)
                .containsOnly(ReservationState.COMMITTED);
        assertThat(shop.stock().available(MUG)).isEqualTo(8);
        assertThat(shop.gateway().approvedCharges()).singleElement();
    }

    @Test
    void confirming_again_replays_the_result_and_confirms_once() {
        var waiting = askedToAuthenticate(null);
        shop.gateway().completeAuthentication(waiting.clientSecret());
        var first = shop.purchases().confirm(waiting.orderId()).orElseThrow();
        int calls = shop.gateway().confirmCalls();

        var again = shop.purchases().confirm(waiting.orderId()).orElseThrow();

        assertThat(again).isInstanceOfSatisfying(Completed.class,
                done -> assertThat(done.order().chargeId()).isEqualTo(((Completed) first).order().chargeId()));
        assertThat(shop.gateway().confirmCalls()).as("a settled order is not confirmed again").isEqualTo(calls);
        assertThat(shop.gateway().approvedCharges()).hasSize(1);
    }

    @Test
    void confirming_before_the_buyer_finished_changes_nothing() {
        var waiting = askedToAuthenticate(null);

        var result = shop.purchases().confirm(waiting.orderId());

        assertThat(result).contains(waiting);
        assertThat(order(waiting.orderId()).status()).isEqualTo(OrderStatus.AWAITING_AUTHENTICATION);
        assertThat(shop.stock().available(MUG)).isEqualTo(8);
    }

    @Test
    void a_failed_authentication_declines_the_order_and_gives_the_stock_back() {
        var waiting = askedToAuthenticate(null);
        shop.gateway().failAuthentication(waiting.clientSecret());

        var result = shop.purchases().confirm(waiting.orderId()).orElseThrow();

        assertThat(result).isInstanceOfSatisfying(PaymentDeclined.class,
                declined -> assertThat(declined.reason().code()).isEqualTo("payment_intent_authentication_failure"));
        assertThat(order(waiting.orderId()).status()).isEqualTo(OrderStatus.DECLINED);
        assertThat(shop.stock().available(MUG)).isEqualTo(10);
        assertThat(shop.gateway().approvedCharges()).isEmpty();
    }

    @Test
    void a_confirmation_whose_answer_is_lost_keeps_the_stock_and_the_reconciler_settles_it() {
        var waiting = askedToAuthenticate(null);
        shop.gateway().completeAuthentication(waiting.clientSecret()).failNextConfirmUnknown(true);

        var result = shop.purchases().confirm(waiting.orderId()).orElseThrow();

        assertThat(result).isEqualTo(new PaymentPending(waiting.orderId()));
        assertThat(order(waiting.orderId()).status()).isEqualTo(OrderStatus.PAYMENT_UNKNOWN);
        assertThat(shop.stock().available(MUG)).isEqualTo(8);

        shop.clock().advance(Duration.ofMinutes(1));
        shop.reconciler().reconcile();

        assertThat(order(waiting.orderId()).status()).isEqualTo(OrderStatus.PAID);
        assertThat(shop.stock().reservationsOf(waiting.orderId())).extracting(Reservation::state)
                .containsOnly(ReservationState.COMMITTED);
    }

    @Test
    void an_abandoned_authentication_expires_after_its_deadline_the_attempt_canceled_and_the_stock_released() {
        var waiting = askedToAuthenticate(null);
        var attempt = order(waiting.orderId()).pendingAuthentication().orElseThrow().attempt();

        shop.clock().advance(PurchasePolicy.DEFAULT_AUTHENTICATION_WINDOW.minusSeconds(1));
        shop.reconciler().reconcile();
        assertThat(order(waiting.orderId()).status()).as("before the deadline").isEqualTo(OrderStatus.AWAITING_AUTHENTICATION);
        assertThat(shop.gateway().isCanceled(attempt)).isFalse();

        shop.clock().advance(Duration.ofSeconds(2));
        var report = shop.reconciler().reconcile();

        assertThat(report.failed()).isEqualTo(1);
        Order expired = order(waiting.orderId());
        assertThat(expired.status()).isEqualTo(OrderStatus.FAILED);
        assertThat(expired.failure()).hasValueSatisfying(f -> assertThat(f.isAuthenticationExpired()).isTrue());
        assertThat(shop.gateway().isCanceled(attempt)).isTrue();
        assertThat(shop.stock().available(MUG)).isEqualTo(10);
        assertThat(shop.purchases().confirm(waiting.orderId())).contains(new AuthenticationExpired(waiting.orderId()));
    }

    @Test
    void an_order_the_buyer_paid_but_whose_confirmation_was_not_recorded_is_paid_at_its_deadline() {
        var waiting = askedToAuthenticate(null);
        shop.gateway().completeAuthentication(waiting.clientSecret());
        // the buyer's confirmation reached the provider, but its process died before TX2
        var attempt = order(waiting.orderId()).pendingAuthentication().orElseThrow().attempt();
        shop.gateway().confirmAuthenticated(attempt, PaymentKey.forConfirmation(waiting.orderId()));

        shop.clock().advance(PurchasePolicy.DEFAULT_AUTHENTICATION_WINDOW.plusSeconds(1));
        shop.reconciler().reconcile();

        assertThat(order(waiting.orderId()).status()).isEqualTo(OrderStatus.PAID);
        assertThat(shop.stock().available(MUG)).isEqualTo(8);
        assertThat(shop.stock().reservedUnits()).isZero();
    }

    @Test
    void a_repeated_purchase_with_the_same_key_answers_the_same_authentication() {
        var waiting = askedToAuthenticate("key-" + UUID.randomUUID());
        var key = order(waiting.orderId()).clientKey().orElseThrow().value();

        var again = shop.purchases().purchase(buyTwoMugs(key));

        assertThat(again).isEqualTo(waiting);
        assertThat(shop.stock().available(MUG)).isEqualTo(8);
    }

    @Test
    void an_attempt_the_buyer_never_learned_of_is_canceled_by_the_reconciler() {
        shop.gateway().requireAuthenticationNext();
        // the provider asked for authentication, but the purchase's TX2 could not record it
        shop.transactions().failTransaction(2);

        var result = shop.purchases().purchase(buyTwoMugs(null));

        assertThat(result).isInstanceOf(PaymentPending.class);
        OrderId id = ((PaymentPending) result).orderId();
        assertThat(order(id).status()).isEqualTo(OrderStatus.PENDING_PAYMENT);

        shop.clock().advance(Duration.ofMinutes(10));
        shop.reconciler().reconcile();

        assertThat(order(id).status()).isEqualTo(OrderStatus.FAILED);
        assertThat(order(id).failure()).map(PaymentFailure::code).contains(PaymentFailure.AUTHENTICATION_EXPIRED);
        assertThat(shop.stock().available(MUG)).isEqualTo(10);
    }

    @Test
    void confirming_an_unknown_order_finds_nothing() {
        assertThat(shop.purchases().confirm(OrderId.of("ord_missing"))).isEmpty();
    }
}
