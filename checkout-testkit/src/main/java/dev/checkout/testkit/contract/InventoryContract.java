package dev.checkout.testkit.contract;

import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.inventory.Reservation;
import dev.checkout.domain.inventory.ReservationOutcome;
import dev.checkout.domain.inventory.ReservationState;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderLine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.checkout.testkit.contract.ContractData.T0;
import static dev.checkout.testkit.contract.ContractData.line;
import static dev.checkout.testkit.contract.ContractData.orderId;
import static dev.checkout.testkit.contract.ContractData.product;
import static dev.checkout.testkit.contract.ContractData.sku;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link dev.checkout.domain.port.Inventory} must do: all-or-nothing reservations that never oversell,
 * idempotent per order. Orders are added before reserving, so stores with foreign keys pass too.
 */
public abstract class InventoryContract {

    protected abstract StoreSet stores();

    /** Threads used by the contention test; real databases are asked for more in their own suites. */
    protected int contendingBuyers() {
        return 64;
    }

    private Sku stocked(long available) {
        Sku sku = sku();
        stores().transactions().run(() -> stores().catalogue().save(product(sku, 5_00, available)));
        return sku;
    }

    private long available(Sku sku) {
        return stores().catalogue().find(sku).orElseThrow().available();
    }

    private ReservationOutcome reserve(OrderId id, List<OrderLine> lines, Instant expiresAt) {
        return stores().transactions().call(() -> {
            if (stores().orders().find(id).isEmpty()) {
                stores().orders().add(ContractData.order(id, Optional.empty(), lines, T0));
            }
            return stores().inventory().reserve(id, lines, expiresAt);
        });
    }

    @Test
    public void reserving_takes_the_units_off_sale() {
        Sku sku = stocked(10);
        OrderId id = orderId();

        assertThat(reserve(id, List.of(line(sku, 3, 5_00)), T0.plusSeconds(60))).isInstanceOf(ReservationOutcome.Reserved.class);

        assertThat(available(sku)).isEqualTo(7);
        assertThat(stores().inventory().reservationsOf(id))
                .extracting(Reservation::sku, r -> r.quantity().value(), Reservation::state, Reservation::expiresAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(sku, 3, ReservationState.RESERVED, T0.plusSeconds(60)));
    }

    @Test
    public void a_short_line_reserves_nothing_and_names_the_short_sku() {
        Sku plenty = stocked(10);
        Sku scarce = stocked(1);
        OrderId id = orderId();

        var outcome = reserve(id, List.of(line(plenty, 2, 5_00), line(scarce, 2, 5_00)), T0.plusSeconds(60));

        assertThat(outcome).isEqualTo(new ReservationOutcome.Insufficient(List.of(scarce)));
        assertThat(available(plenty)).isEqualTo(10);
        assertThat(available(scarce)).isEqualTo(1);
        assertThat(stores().inventory().reservationsOf(id)).isEmpty();
    }

    @Test
    public void an_unknown_sku_cannot_be_reserved() {
        Sku known = stocked(5);
        Sku unknown = sku();
        OrderId id = orderId();

        var outcome = reserve(id, List.of(line(known, 1, 5_00), line(unknown, 1, 5_00)), T0.plusSeconds(60));

        assertThat(outcome).isEqualTo(new ReservationOutcome.Insufficient(List.of(unknown)));
        assertThat(available(known)).isEqualTo(5);
    }

    @Test
    public void reserving_the_same_order_twice_takes_stock_once() {
        Sku sku = stocked(10);
        OrderId id = orderId();
        var lines = List.of(line(sku, 4, 5_00));

        reserve(id, lines, T0.plusSeconds(60));
        assertThat(reserve(id, lines, T0.plusSeconds(60))).isInstanceOf(ReservationOutcome.Reserved.class);

        assertThat(available(sku)).isEqualTo(6);
    }

    @Test
    public void releasing_returns_the_units_once_however_often_it_is_called() {
        Sku sku = stocked(10);
        OrderId id = orderId();
        reserve(id, List.of(line(sku, 4, 5_00)), T0.plusSeconds(60));

        stores().transactions().run(() -> stores().inventory().release(id));
        stores().transactions().run(() -> stores().inventory().release(id));

        assertThat(available(sku)).isEqualTo(10);
        assertThat(stores().inventory().reservationsOf(id)).extracting(Reservation::state).containsOnly(ReservationState.RELEASED);
    }

    @Test
    public void committed_units_stay_sold_even_if_release_is_called_afterwards() {
        Sku sku = stocked(10);
        OrderId id = orderId();
        reserve(id, List.of(line(sku, 4, 5_00)), T0.plusSeconds(60));

        stores().transactions().run(() -> stores().inventory().commit(id));
        stores().transactions().run(() -> stores().inventory().commit(id));
        stores().transactions().run(() -> stores().inventory().release(id));

        assertThat(available(sku)).isEqualTo(6);
        assertThat(stores().inventory().reservationsOf(id)).extracting(Reservation::state).containsOnly(ReservationState.COMMITTED);
    }

    @Test
    public void commit_and_release_of_an_order_without_reservations_do_nothing() {
        OrderId id = orderId();
        stores().transactions().run(() -> stores().inventory().commit(id));
        stores().transactions().run(() -> stores().inventory().release(id));
        assertThat(stores().inventory().reservationsOf(id)).isEmpty();
    }

    @Test
    public void a_rolled_back_reservation_returns_its_units() {
        Sku sku = stocked(10);
        OrderId id = orderId();
        try {
            stores().transactions().run(() -> {
                stores().orders().add(ContractData.order(id, Optional.empty(), List.of(line(sku, 3, 5_00)), T0));
                stores().inventory().reserve(id, List.of(line(sku, 3, 5_00)), T0.plusSeconds(60));
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // the point of the test
        }
        assertThat(available(sku)).isEqualTo(10);
        assertThat(stores().inventory().reservationsOf(id)).isEmpty();
    }

    @Test
    public void only_reserved_units_past_their_expiry_are_listed_as_expired() {
        Sku sku = stocked(100);
        Instant now = T0.plus(Duration.ofHours(1));
        OrderId expired = orderId();
        OrderId fresh = orderId();
        OrderId committed = orderId();
        reserve(expired, List.of(line(sku, 1, 5_00)), now.minusSeconds(1));
        reserve(fresh, List.of(line(sku, 1, 5_00)), now.plusSeconds(60));
        reserve(committed, List.of(line(sku, 1, 5_00)), now.minusSeconds(1));
        stores().transactions().run(() -> stores().inventory().commit(committed));

        var listed = stores().inventory().expiredReservations(now, 10_000);

        assertThat(listed).contains(expired).doesNotContain(fresh, committed);
    }

    @Test
    public void contending_buyers_never_oversell() throws Exception {
        int units = contendingBuyers() / 4;
        Sku sku = stocked(units);
        List<ReservationOutcome> outcomes = race(contendingBuyers(), i -> reserve(orderId(), List.of(line(sku, 1, 5_00)), T0.plusSeconds(60)));

        assertThat(outcomes).filteredOn(o -> o instanceof ReservationOutcome.Reserved).hasSize(units);
        assertThat(available(sku)).isZero();
    }

    @Test
    public void contending_multi_line_orders_get_all_lines_or_none() throws Exception {
        int units = contendingBuyers() / 4;
        Sku a = stocked(units);
        Sku b = stocked(units * 2L);
        // every order wants one of a and one of b, listed in either order to provoke lock-order trouble
        List<ReservationOutcome> outcomes = race(contendingBuyers(), i -> reserve(orderId(),
                i % 2 == 0 ? List.of(line(a, 1, 5_00), line(b, 1, 5_00)) : List.of(line(b, 1, 5_00), line(a, 1, 5_00)),
                T0.plusSeconds(60)));

        long reserved = outcomes.stream().filter(o -> o instanceof ReservationOutcome.Reserved).count();
        assertThat(reserved).isEqualTo(units);
        assertThat(available(a)).isZero();
        assertThat(available(b)).isEqualTo(units);
    }

    /** Runs {@code count} calls at once, released together by a latch. */
    protected static <T> List<T> race(int count, java.util.function.IntFunction<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            var start = new CountDownLatch(1);
            var futures = new ArrayList<Future<T>>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.apply(n);
                }));
            }
            start.countDown();
            var results = new ArrayList<T>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
