package com.example.bookshop;

import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.port.Catalogue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bookshop's {@link Catalogue}: prices and titles from its own pricing table ({@code price_list}), copies on
 * the shelf from {@code shelf}. The checkout trusts only these prices; what the browser says the total is gets
 * compared with them.
 */
public final class PriceListCatalogue implements Catalogue {
    private static final String SELECT = "SELECT p.sku, p.title, p.currency, p.price_minor, s.on_hand "
            + "FROM price_list p JOIN shelf s ON s.sku = p.sku";

    private final JdbcTransactions tx;

    public PriceListCatalogue(JdbcTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<Product> find(Sku sku) {
        return tx.withConnection("find " + sku, c -> {
            try (PreparedStatement select = c.prepareStatement(SELECT + " WHERE p.sku = ?")) {
                select.setString(1, sku.value());
                List<Product> found = read(select);
                return found.stream().findFirst();
            }
        });
    }

    @Override
    public Map<Sku, Product> findAll(Collection<Sku> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        return tx.withConnection("find products", c -> {
            String marks = String.join(",", java.util.Collections.nCopies(skus.size(), "?"));
            try (PreparedStatement select = c.prepareStatement(SELECT + " WHERE p.sku IN (" + marks + ")")) {
                int i = 1;
                for (Sku sku : skus) {
                    select.setString(i++, sku.value());
                }
                Map<Sku, Product> bySku = new LinkedHashMap<>();
                read(select).forEach(p -> bySku.put(p.sku(), p));
                return bySku;
            }
        });
    }

    @Override
    public List<Product> list() {
        return tx.withConnection("list products", c -> {
            try (PreparedStatement select = c.prepareStatement(SELECT + " ORDER BY p.sku")) {
                return read(select);
            }
        });
    }

    @Override
    public void save(Product product) {
        tx.withConnection("save " + product.sku(), c -> {
            Money price = product.unitPrice();
            int priced = update(c, "UPDATE price_list SET title = ?, currency = ?, price_minor = ? WHERE sku = ?",
                    product.name(), price.currency().code(), price.minorUnits(), product.sku().value());
            if (priced == 0) {
                update(c, "INSERT INTO price_list (title, currency, price_minor, sku) VALUES (?, ?, ?, ?)",
                        product.name(), price.currency().code(), price.minorUnits(), product.sku().value());
                update(c, "INSERT INTO shelf (on_hand, sku) VALUES (?, ?)", product.available(), product.sku().value());
            } else {
                update(c, "UPDATE shelf SET on_hand = ? WHERE sku = ?", product.available(), product.sku().value());
            }
            return null;
        });
    }

    private static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            return statement.executeUpdate();
        }
    }

    private static List<Product> read(PreparedStatement select) throws SQLException {
        var products = new ArrayList<Product>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                products.add(new Product(Sku.of(rows.getString(1)), rows.getString(2),
                        Money.of(rows.getLong(4), rows.getString(3)), rows.getLong(5)));
            }
        }
        return products;
    }
}
