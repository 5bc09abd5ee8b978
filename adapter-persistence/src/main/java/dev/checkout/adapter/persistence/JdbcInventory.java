package dev.checkout.adapter.persistence;

import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.inventory.Reservation;
import dev.checkout.domain.inventory.ReservationOutcome;
import dev.checkout.domain.inventory.ReservationState;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderLine;
import dev.checkout.domain.port.Inventory;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@link Inventory} on {@code products.available} and the {@code reservations} table.
 *
 * <p>Reserving takes each line with one conditional write, {@code UPDATE products SET available = available - ?
 * WHERE sku = ? AND available >= ?}, all lines in one JDBC batch, in SKU order (so two multi-line orders lock their
 * rows in the same order and cannot deadlock). The database evaluates the condition under the row lock, so two
 * buyers can never both take the last unit, and {@code available} can never go below zero.
 *
 * <p>All or nothing without throwing: if any line is short, the lines this call did take are given back by
 * {@code available + ?} in the same transaction, before it returns {@code Insufficient}. We hold the row locks of
 * those lines since the decrement, so nobody saw the units gone and nobody can interleave. This works the same when
 * the caller's transaction surrounds the call (the purchase adds its order in that transaction first): nothing is
 * thrown, so the caller's transaction is not marked rollback-only and its own writes stay as they were; the caller
 * decides whether to commit or roll back. A savepoint would do the same, but costs two more round trips on every
 * reservation and is not supported alike by every PostgreSQL-compatible database; an exception would poison the
 * caller's transaction. A technical failure (timeout, lost connection) is thrown, and the surrounding transaction
 * must then roll back, which {@code TransactionRunner} does.
 */
@Singleton
public final class JdbcInventory implements Inventory {
    private final ProductRepository products;
    private final ReservationRepository reservations;
    private final RowMapper rows;
    private final WriteTransactions writes;

    JdbcInventory(ProductRepository products, ReservationRepository reservations, RowMapper rows,
                  WriteTransactions writes) {
        this.products = products;
        this.reservations = reservations;
        this.rows = rows;
        this.writes = writes;
    }

    @Override
    public ReservationOutcome reserve(OrderId order, List<OrderLine> lines, Instant expiresAt) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("order " + order + ": nothing to reserve");
        }
        List<OrderLine> sorted = lines.stream().sorted(Comparator.comparing(OrderLine::sku)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).sku().equals(sorted.get(i - 1).sku())) {
                throw new IllegalArgumentException("order " + order + ": sku " + sorted.get(i).sku() + " appears twice");
            }
        }
        var skus = sorted.stream().map(line -> line.sku().value()).toList();
        int[] quantities = sorted.stream().mapToInt(line -> line.quantity().value()).toArray();

        return writes.execute(status -> {
            // Idempotent per order: a retry of a reservation that is already held (in any state) takes nothing.
            if (reservations.existsByOrderId(order.value())) {
                return new ReservationOutcome.Reserved();
            }
            // The reservation rows go in before the stock is taken: the take locks each product's row until the commit,
            // and on a hot SKU every other buyer waits for that lock, so the take is the last statement here (and in
            // the purchase, reserve is the last step of its transaction). A concurrent reserve of the same order that
            // also got past exists() fails here on the primary key, before it takes anything, and rolls back whole.
            var held = new ArrayList<ReservationRow>(sorted.size());
            for (OrderLine line : sorted) {
                held.add(rows.toRow(new Reservation(order, line.sku(), line.quantity(), ReservationState.RESERVED, expiresAt)));
            }
            reservations.insert(held);
            boolean[] taken = products.take(skus, quantities);
            for (boolean t : taken) {
                if (!t) {
                    return refuse(order, sorted, skus, quantities, taken);
                }
            }
            return new ReservationOutcome.Reserved();
        });
    }

    /**
     * A line was short: the units taken go back and this transaction's own reservation rows go away, so nothing is held.
     * The lists are made here, off the path every purchase runs. When they were made before the take, one bench run
     * (JDK 25.0.3) saw {@code add} throw a NullPointerException on a fresh list's own array, at the first short line
     * after the JIT had compiled that path; that points at the JIT, and it was not seen again.
     */
    private ReservationOutcome refuse(OrderId order, List<OrderLine> sorted, List<String> skus, int[] quantities,
                                      boolean[] taken) {
        var shortSkus = new ArrayList<Sku>();
        var takenSkus = new ArrayList<String>();
        var takenUnits = new int[skus.size()];
        for (int i = 0; i < taken.length; i++) {
            if (taken[i]) {
                takenUnits[takenSkus.size()] = quantities[i];
                takenSkus.add(skus.get(i));
            } else {
                shortSkus.add(sorted.get(i).sku());
            }
        }
        products.giveBack(takenSkus, takenUnits);
        reservations.deleteUncommitted(order.value());
        return new ReservationOutcome.Insufficient(shortSkus);
    }

    @Override
    public void commit(OrderId order) {
        writes.execute(status -> reservations.commit(order.value()));
    }

    @Override
    public void release(OrderId order) {
        writes.execute(status -> {
            List<ReservationRow> reserved = reservations.findReserved(order.value());
            if (reserved.isEmpty()) {
                return null;
            }
            var skus = reserved.stream().map(ReservationRow::sku).toList();
            boolean[] released = reservations.release(order.value(), skus);
            // Only the lines this call moved out of RESERVED give their units back.
            var backSkus = new ArrayList<String>(skus.size());
            var backUnits = new int[skus.size()];
            for (int i = 0; i < released.length; i++) {
                if (released[i]) {
                    backUnits[backSkus.size()] = reserved.get(i).quantity();
                    backSkus.add(skus.get(i));
                }
            }
            products.giveBack(backSkus, backUnits);
            return null;
        });
    }

    @Override
    public List<Reservation> reservationsOf(OrderId order) {
        return reservations.findByOrder(order.value())
                .stream().map(rows::toReservation).toList();
    }

    @Override
    public List<OrderId> expiredReservations(Instant now, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        return reservations.expiredOrderIds(now, limit)
                .stream().map(OrderId::of).toList();
    }
}
