package dev.checkout.testkit;

import dev.checkout.application.OrderIdGenerator;
import dev.checkout.domain.order.OrderId;

import java.util.concurrent.atomic.AtomicLong;

/** Order ids {@code ord_000001}, {@code ord_000002}, ... with an optional prefix to keep test runs apart. */
public final class SequentialOrderIds implements OrderIdGenerator {
    private final String prefix;
    private final AtomicLong next = new AtomicLong();

    public SequentialOrderIds() {
        this("ord_");
    }

    public SequentialOrderIds(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public OrderId next() {
        return OrderId.of(prefix + String.format("%06d", next.incrementAndGet()));
    }
}
