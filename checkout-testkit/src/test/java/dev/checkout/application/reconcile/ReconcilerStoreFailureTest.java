package dev.checkout.application.reconcile;

import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.inventory.ReservationState;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.ClientKey;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderLine;
import dev.checkout.domain.order.OrderStatus;
import dev.checkout.domain.order.Quantity;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.port.Orders;
import dev.checkout.testkit.FakePaymentGateway;
import dev.checkout.testkit.InMemoryOrders;
import dev.checkout.testkit.InMemoryStock;
import dev.checkout.testkit.InMemoryTransactions;
import dev.checkout.testkit.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** One order the store cannot read must not stop a pass from settling the others' expired reservations. */
class ReconcilerStoreFailureTest {

    /** Orders whose read of one order fails, as a store with a broken row or a dropped connection would. */
    private record FailingOnOne(InMemoryOrders delegate, OrderId broken) implements Orders {
        @Override
        public void add(Order order) {
            delegate.add(order);
        }

        @Override
        public void update(Order order) {
            delegate.update(order);
        }

        @Override
        public Optional<Order> find(OrderId id) {
            if (id.equals(broken)) {
                throw new IllegalStateException("the store could not read " + id);
            }
            return delegate.find(id);
        }

        @Override
        public Optional<Order> findByClientKey(ClientKey key) {
            return delegate.findByClientKey(key);
        }

        @Override
        public List<Order> findStale(Set<OrderStatus> statuses, Instant updatedBefore, int limit) {
            return delegate.findStale(statuses, updatedBefore, limit);
        }

        @Override
        public List<Order> claimStale(Set<OrderStatus> statuses, Instant updatedBefore, int limit, Instant now,
                                      Instant claimUntil) {
            return delegate.claimStale(statuses, updatedBefore, limit, now, claimUntil);
        }

        @Override
        public void releaseClaim(OrderId id, Instant claimUntil) {
            delegate.releaseClaim(id, claimUntil);
        }
    }

    @Test
    void an_unreadable_order_is_deferred_and_the_next_reservation_is_still_settled() {
        var clock = new MutableClock(Instant.parse("2026-12-05T12:00:00Z"));
        var tx = new InMemoryTransactions();
        var stock = new InMemoryStock(tx);
        var store = new InMemoryOrders(tx);
        Sku sku = Sku.of("mug");
        stock.save(new Product(sku, "Mug", Money.of(5_00, "eur"), 10));
        // two orders paid, whose reservations were never committed (a crash between the two steps) and have expired
        OrderId first = OrderId.of("ord_first");
        OrderId second = OrderId.of("ord_second");
        for (OrderId id : List.of(first, second)) {
            var lines = List.of(new OrderLine(sku, Quantity.of(1), Money.of(5_00, "eur")));
            store.add(Order.place(id, Optional.empty(), lines, clock.instant()).markPaid(ChargeId.of("ch_" + id.value()),
                    clock.instant()));
            stock.reserve(id, lines, clock.instant().plusSeconds(1));
        }
        clock.advance(java.time.Duration.ofMinutes(1));
        var reconciler = new PaymentReconciler(new FailingOnOne(store, first), stock, new FakePaymentGateway(tx), tx,
                clock, ReconcilePolicy.DEFAULT);

        ReconcileReport report = reconciler.reconcile();

        assertThat(report.reservationsSettled()).isEqualTo(1);
        assertThat(report.deferred()).isEqualTo(1);
        assertThat(stock.reservationsOf(second)).extracting(r -> r.state()).containsOnly(ReservationState.COMMITTED);
        assertThat(stock.reservationsOf(first)).extracting(r -> r.state()).containsOnly(ReservationState.RESERVED);
    }
}
