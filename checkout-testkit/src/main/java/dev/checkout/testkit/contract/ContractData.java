package dev.checkout.testkit.contract;

import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.ClientKey;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.order.OrderLine;
import dev.checkout.domain.order.Quantity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Unique test data, so contract tests never depend on each other or on the order they run in. */
public final class ContractData {
    /** Whole milliseconds: every store must round-trip them exactly. */
    public static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z").truncatedTo(ChronoUnit.MILLIS);

    private ContractData() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 13).replace("-", "");
    }

    public static Sku sku() {
        return Sku.of(unique("sku"));
    }

    public static OrderId orderId() {
        return OrderId.of(unique("ord").replace('-', '_'));
    }

    public static ClientKey clientKey() {
        return ClientKey.of(unique("client-key"));
    }

    public static Product product(Sku sku, long unitAmount, long available) {
        return new Product(sku, "Product " + sku.value(), Money.of(unitAmount, "usd"), available);
    }

    public static OrderLine line(Sku sku, int quantity, long unitAmount) {
        return new OrderLine(sku, Quantity.of(quantity), Money.of(unitAmount, "usd"));
    }

    public static Order order(OrderId id, Optional<ClientKey> key, List<OrderLine> lines, Instant at) {
        return Order.place(id, key, lines, at);
    }
}
