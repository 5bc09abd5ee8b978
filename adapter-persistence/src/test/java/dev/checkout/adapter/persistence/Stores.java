package dev.checkout.adapter.persistence;

import dev.checkout.testkit.db.TestDatabase;
import dev.checkout.application.TransactionRunner;
import dev.checkout.domain.port.Catalogue;
import dev.checkout.domain.port.Inventory;
import dev.checkout.domain.port.Orders;
import dev.checkout.testkit.contract.StoreSet;
import io.micronaut.context.ApplicationContext;

import java.util.Map;

/** The adapter's beans in a running Micronaut context over one {@link TestDatabase}. */
final class Stores implements StoreSet, AutoCloseable {
    private final ApplicationContext context;
    private final Catalogue catalogue;
    private final Inventory inventory;
    private final Orders orders;
    private final TransactionRunner transactions;
    private final JdbcReceivedEvents receivedEvents;

    private Stores(ApplicationContext context) {
        this.context = context;
        this.catalogue = context.getBean(JdbcCatalogue.class);
        this.inventory = context.getBean(JdbcInventory.class);
        this.orders = context.getBean(JdbcOrders.class);
        this.transactions = context.getBean(MicronautTransactionRunner.class);
        this.receivedEvents = context.getBean(JdbcReceivedEvents.class);
    }

    static Stores start(TestDatabase database) {
        return start(database.properties());
    }

    static Stores start(Map<String, Object> properties) {
        return new Stores(ApplicationContext.run(properties, "test"));
    }

    ApplicationContext context() {
        return context;
    }

    @Override public Catalogue catalogue() { return catalogue; }
    @Override public Inventory inventory() { return inventory; }
    @Override public Orders orders() { return orders; }
    @Override public TransactionRunner transactions() { return transactions; }
    JdbcReceivedEvents receivedEvents() { return receivedEvents; }

    @Override
    public void close() {
        context.close();
    }
}
