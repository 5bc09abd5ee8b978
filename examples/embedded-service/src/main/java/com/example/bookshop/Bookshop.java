package com.example.bookshop;

import dev.checkout.adapter.stripe.StripePaymentGateway;
import dev.checkout.adapter.stripe.StripeSettings;
import dev.checkout.application.purchase.PurchasePolicy;
import dev.checkout.application.purchase.PurchaseService;
import dev.checkout.application.purchase.PurchaseUseCase;
import dev.checkout.application.reconcile.PaymentReconciler;
import dev.checkout.application.reconcile.ReconcilePayments;
import dev.checkout.application.reconcile.ReconcilePolicy;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.port.PaymentGateway;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.UUID;

/**
 * The bookshop's wiring, with no framework: its own stores ({@link PriceListCatalogue}, {@link ShelfInventory},
 * {@link OrderBook} on its own database) plugged into the checkout's purchase and reconciliation, and Stripe's
 * Charges API as the payment provider.
 *
 * @param purchases  steps 4-8 of the flow: what the shop's HTTP handler calls with the browser's token and total
 * @param reconciler settles purchases whose payment outcome was unknown; call it every few seconds
 * @param catalogue  the shop's prices and stock
 * @param orders     the shop's orders
 */
public record Bookshop(PurchaseUseCase purchases, ReconcilePayments reconciler, PriceListCatalogue catalogue,
                       OrderBook orders) {

    /** The bookshop on {@code database}, charging through Stripe (or a Stripe-compatible API) with {@code stripe}. */
    public static Bookshop open(DataSource database, StripeSettings stripe, Clock clock) {
        return open(database, new StripePaymentGateway(stripe), clock);
    }

    /** The bookshop with any payment adapter: the checkout's ports make the provider a parameter. */
    public static Bookshop open(DataSource database, PaymentGateway payments, Clock clock) {
        createSchema(database);
        var tx = new JdbcTransactions(database);
        var catalogue = new PriceListCatalogue(tx);
        var shelf = new ShelfInventory(tx);
        var orders = new OrderBook(tx);
        var purchases = new PurchaseService(catalogue, shelf, orders, payments, tx, clock,
                () -> OrderId.of("bk_" + UUID.randomUUID().toString().replace("-", "")), PurchasePolicy.DEFAULT);
        var reconciler = new PaymentReconciler(orders, shelf, payments, tx, clock, ReconcilePolicy.DEFAULT);
        return new Bookshop(purchases, reconciler, catalogue, orders);
    }

    /** Creates the shop's tables if they do not exist yet (a real service would use its migration tool). */
    static void createSchema(DataSource database) {
        String script;
        try (InputStream in = Bookshop.class.getResourceAsStream("/bookshop-schema.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Connection c = database.getConnection(); Statement statement = c.createStatement()) {
            for (String sql : script.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the bookshop's tables: " + e.getMessage(), e);
        }
    }
}
