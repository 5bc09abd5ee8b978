package dev.checkout.adapter.persistence;

import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.inventory.StockAdjustment;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.port.Catalogue;
import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Catalogue} on the {@code products} table. */
@Singleton
public final class JdbcCatalogue implements Catalogue {
    private final ProductRepository products;
    private final RowMapper rows;
    private final WriteTransactions writes;
    private final ConnectionOperations<Connection> connections;

    JdbcCatalogue(ProductRepository products, RowMapper rows, WriteTransactions writes,
                  @Named("default") ConnectionOperations<Connection> connections) {
        this.products = products;
        this.rows = rows;
        this.writes = writes;
        this.connections = connections;
    }

    @Override
    public Optional<Product> find(Sku sku) {
        return products.findById(sku.value()).map(rows::toProduct);
    }

    @Override
    public Map<Sku, Product> findAll(Collection<Sku> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        // the purchase calls this inside its transaction (and joins its connection); other callers get one for the read
        var found = connections.execute(ConnectionDefinition.DEFAULT,
                status -> products.findBySkuIn(skus.stream().map(Sku::value).distinct().toList()));
        var bySku = new HashMap<Sku, Product>(found.size() * 2);
        for (ProductRow row : found) {
            Product product = rows.toProduct(row);
            bySku.put(product.sku(), product);
        }
        return bySku;
    }

    @Override
    public List<Product> list() {
        // The database sorts by its collation (locale-aware on many PostgreSQL installs); the port promises SKU order.
        return products.listAll().stream().map(rows::toProduct).sorted(Comparator.comparing(Product::sku)).toList();
    }

    @Override
    public List<Product> page(Optional<Sku> after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        List<ProductRow> found = after.isPresent() ? products.pageAfter(after.get().value(), limit) : products.firstPage(limit);
        return found.stream().map(rows::toProduct).toList();
    }

    @Override
    public boolean updateDetails(Sku sku, String name, Money unitPrice) {
        return writes.execute(status -> products.updateDetails(sku.value(), name, unitPrice.minorUnits(),
                unitPrice.currency().code())) > 0;
    }

    @Override
    public StockAdjustment adjustStock(Sku sku, long delta) {
        return writes.execute(status -> {
            boolean adjusted = products.adjust(sku.value(), delta) > 0;
            // Read after the write, in its transaction: the row lock the update took (or the row's absence) makes
            // this the figure the write left, not a basis for a decision.
            Optional<Long> now = products.findAvailable(sku.value());
            if (now.isEmpty()) {
                return new StockAdjustment.UnknownProduct();
            }
            return adjusted ? new StockAdjustment.Adjusted(now.get()) : new StockAdjustment.WouldGoNegative(now.get());
        });
    }

    @Override
    public void save(Product product) {
        ProductRow row = rows.toRow(product);
        writes.execute(status -> {
            if (products.update(row.sku(), row.name(), row.unitAmount(), row.currency(), row.available()) == 0) {
                products.insert(row);
            }
            return null;
        });
    }
}
