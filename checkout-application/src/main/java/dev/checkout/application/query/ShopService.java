package dev.checkout.application.query;

import dev.checkout.application.TransactionRunner;
import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.port.Catalogue;
import dev.checkout.domain.port.Orders;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads straight from the ports; writes the catalogue in a transaction of its own. */
public final class ShopService implements ShopQueries, ManageCatalogue {
    private final Catalogue catalogue;
    private final Orders orders;
    private final TransactionRunner transactions;

    /**
     * Wires the read side and the catalogue's management to their ports. Every argument is required.
     *
     * @param catalogue the merchant's products
     * @param orders where orders are kept
     * @param transactions the transaction each catalogue write runs in
     * @throws NullPointerException if an argument is null
     */
    public ShopService(Catalogue catalogue, Orders orders, TransactionRunner transactions) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public List<Product> products() {
        return catalogue.list();
    }

    @Override
    public Optional<Order> order(OrderId id) {
        return orders.find(id);
    }

    @Override
    public void save(Product product) {
        transactions.run(() -> catalogue.save(product));
    }
}
