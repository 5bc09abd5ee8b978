package dev.checkout.testkit.contract;

import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.order.ClientKey;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderStatus;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.DeclineReason;
import dev.checkout.domain.payment.PaymentFailure;
import dev.checkout.domain.port.ConcurrentOrderUpdateException;
import dev.checkout.domain.port.DuplicateClientKeyException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import static dev.checkout.testkit.contract.ContractData.T0;
import static dev.checkout.testkit.contract.ContractData.clientKey;
import static dev.checkout.testkit.contract.ContractData.line;
import static dev.checkout.testkit.contract.ContractData.orderId;
import static dev.checkout.testkit.contract.ContractData.product;
import static dev.checkout.testkit.contract.ContractData.sku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link dev.checkout.domain.port.Orders} must do. */
public abstract class OrdersContract {

    protected abstract StoreSet stores();

    private Sku stocked() {
        Sku sku = sku();
        stores().transactions().run(() -> stores().catalogue().save(product(sku, 5_00, 100)));
        return sku;
    }

    private Order placed(Optional<ClientKey> key) {
        Sku a = stocked();
        Sku b = stocked();
        Order order = ContractData.order(orderId(), key, List.of(line(a, 2, 5_00), line(b, 1, 12_99)), T0);
        stores().transactions().run(() -> stores().orders().add(order));
        return order;
    }

    private static void assertSame(Order actual, Order expected) {
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.clientKey()).isEqualTo(expected.clientKey());
        assertThat(actual.lines()).containsExactlyInAnyOrderElementsOf(expected.lines());
        assertThat(actual.total()).isEqualTo(expected.total());
        assertThat(actual.status()).isEqualTo(expected.status());
        assertThat(actual.chargeId()).isEqualTo(expected.chargeId());
        assertThat(actual.declineReason()).isEqualTo(expected.declineReason());
        assertThat(actual.failure()).isEqualTo(expected.failure());
        assertThat(actual.createdAt()).isEqualTo(expected.createdAt());
        assertThat(actual.updatedAt()).isEqualTo(expected.updatedAt());
        assertThat(actual.version()).isEqualTo(expected.version());
        assertThat(actual.refunds()).isEqualTo(expected.refunds());
    }

    @Test
    public void an_added_order_comes_back_whole() {
        Order order = placed(Optional.of(clientKey()));

        assertSame(stores().orders().find(order.id()).orElseThrow(), order);
        assertSame(stores().orders().findByClientKey(order.clientKey().orElseThrow()).orElseThrow(), order);
    }

    @Test
    public void an_unknown_order_is_not_found() {
        assertThat(stores().orders().find(orderId())).isEmpty();
        assertThat(stores().orders().findByClientKey(clientKey())).isEmpty();
    }

    @Test
    public void every_transition_round_trips_with_its_details() {
        var decline = new DeclineReason("card_declined", "insufficient_funds", "Your card has insufficient funds.");
        var failure = new PaymentFailure(PaymentFailure.Kind.INVALID_PAYMENT_DETAILS, "token_already_used", "used");
        Order declined = placed(Optional.empty()).markDeclined(decline, T0.plusSeconds(1));
        Order failed = placed(Optional.empty()).markFailed(failure, T0.plusSeconds(2));
        Order paid = placed(Optional.empty()).markPaid(ChargeId.of("ch_123"), T0.plusSeconds(3));
        Order unknownThenRefunded = placed(Optional.empty()).markPaymentUnknown(T0.plusSeconds(4))
                .markRefundPending(ChargeId.of("ch_456"), T0.plusSeconds(5));
        Order refunded = unknownThenRefunded.markRefunded(ChargeId.of("ch_456"), T0.plusSeconds(6));
        Order declineWithoutCode = placed(Optional.empty())
                .markDeclined(new DeclineReason("expired_card", null, "Your card has expired."), T0.plusSeconds(7));

        for (Order o : List.of(declined, failed, paid, declineWithoutCode)) {
            stores().transactions().run(() -> stores().orders().update(o));
            assertSame(stores().orders().find(o.id()).orElseThrow(), o);
        }
        Order pending = unknownThenRefunded;
        stores().transactions().run(() -> {
            Order stored = stores().orders().find(pending.id()).orElseThrow();
            stores().orders().update(stored.markPaymentUnknown(T0.plusSeconds(4)));
        });
        stores().transactions().run(() -> stores().orders().update(pending));
        stores().transactions().run(() -> stores().orders().update(refunded));
        assertSame(stores().orders().find(refunded.id()).orElseThrow(), refunded);
    }

    @Test
    public void a_second_order_with_the_same_client_key_is_refused_by_the_store() {
        ClientKey key = clientKey();
        placed(Optional.of(key));
        Sku sku = stocked();
        Order second = ContractData.order(orderId(), Optional.of(key), List.of(line(sku, 1, 5_00)), T0);

        assertThatThrownBy(() -> stores().transactions().run(() -> stores().orders().add(second)))
                .isInstanceOf(DuplicateClientKeyException.class);
        assertThat(stores().orders().find(second.id())).isEmpty();
    }

    @Test
    public void concurrent_orders_with_one_client_key_make_exactly_one_order() throws Exception {
        ClientKey key = clientKey();
        Sku sku = stocked();
        var results = InventoryContract.race(16, i -> {
            Order order = ContractData.order(orderId(), Optional.of(key), List.of(line(sku, 1, 5_00)), T0);
            try {
                stores().transactions().run(() -> stores().orders().add(order));
                return "added";
            } catch (DuplicateClientKeyException e) {
                return "duplicate";
            }
        });
        assertThat(results).filteredOn("added"::equals).hasSize(1);
        assertThat(results).filteredOn("duplicate"::equals).hasSize(15);
    }

    @Test
    public void a_stale_update_is_refused() {
        Order order = placed(Optional.empty());
        Order paid = order.markPaid(ChargeId.of("ch_1"), T0.plusSeconds(1));
        Order declined = order.markDeclined(new DeclineReason("card_declined", "generic_decline", "no"), T0.plusSeconds(1));
        stores().transactions().run(() -> stores().orders().update(paid));

        assertThatThrownBy(() -> stores().transactions().run(() -> stores().orders().update(declined)))
                .isInstanceOf(ConcurrentOrderUpdateException.class);
        assertThat(stores().orders().find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    public void stale_orders_are_found_by_status_and_age_oldest_first() {
        var later = T0.plus(Duration.ofDays(400));
        Order oldUnknown = placed(Optional.empty()).markPaymentUnknown(later.minusSeconds(30));
        Order newerUnknown = placed(Optional.empty()).markPaymentUnknown(later.minusSeconds(20));
        Order fresh = placed(Optional.empty()).markPaymentUnknown(later.plusSeconds(10));
        Order paid = placed(Optional.empty()).markPaid(ChargeId.of("ch_9"), later.minusSeconds(40));
        for (Order o : List.of(oldUnknown, newerUnknown, fresh, paid)) {
            stores().transactions().run(() -> stores().orders().update(o));
        }

        List<OrderId> stale = stores().orders().findStale(EnumSet.of(OrderStatus.PAYMENT_UNKNOWN), later, 10_000)
                .stream().map(Order::id).toList();

        assertThat(stale).contains(oldUnknown.id(), newerUnknown.id()).doesNotContain(fresh.id(), paid.id());
        assertThat(stale.indexOf(oldUnknown.id())).isLessThan(stale.indexOf(newerUnknown.id()));
        assertThat(stores().orders().findStale(EnumSet.of(OrderStatus.PAYMENT_UNKNOWN), later, 1)).hasSize(1);
    }
}
