package dev.checkout.adapter.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * All SQL of {@code products}. Reads and the upsert are micronaut-data queries, but for the purchase's lookup by SKU;
 * that lookup and the stock moves are JDBC on the current transaction's connection: the lookup because it runs in
 * every purchase, the stock moves because their per-line update counts are the answer (one conditional write per
 * line, never read-then-write), which a repository method cannot return.
 */
@JdbcRepository(dialect = Dialect.ANSI)
abstract class ProductRepository implements GenericRepository<ProductRow, String> {
    /** Takes units only if that many are there: the database decides, atomically, under the row lock. */
    static final String TAKE = "UPDATE products SET available = available - ? WHERE sku = ? AND available >= ?";
    static final String GIVE_BACK = "UPDATE products SET available = available + ? WHERE sku = ?";

    private final JdbcOperations jdbc;

    ProductRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    abstract Optional<ProductRow> findById(String sku);

    /**
     * The products of {@code skus} (distinct), in no particular order. Hand-written on the transaction's connection:
     * it runs in every purchase, and micronaut-data's interception and query building cost more than the lookup.
     */
    List<ProductRow> findBySkuIn(Collection<String> skus) {
        if (skus.isEmpty()) {
            return List.of();
        }
        return jdbc.prepareStatement(selectBySku(skus.size()), ps -> {
            int i = 1;
            for (String sku : skus) {
                ps.setString(i++, sku);
            }
            var rows = new ArrayList<ProductRow>(skus.size());
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ProductRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getLong(5)));
                }
            }
            return rows;
        });
    }

    /** The lookup's SQL per number of SKUs, made once for the sizes a cart usually has. */
    private static final String[] SELECT_BY_SKU = new String[17];

    static {
        for (int n = 1; n < SELECT_BY_SKU.length; n++) {
            SELECT_BY_SKU[n] = selectBySkuSql(n);
        }
    }

    private static String selectBySku(int n) {
        return n < SELECT_BY_SKU.length ? SELECT_BY_SKU[n] : selectBySkuSql(n);
    }

    private static String selectBySkuSql(int n) {
        return "SELECT sku, name, unit_amount, currency, available FROM products WHERE sku IN (" + "?,".repeat(n - 1) + "?)";
    }

    @Query("SELECT sku, name, unit_amount, currency, available FROM products ORDER BY sku")
    abstract List<ProductRow> listAll();

    /**
     * Replaces an existing product; 0 when there is none. Together with {@link #insert} this is the upsert: portable
     * to every PostgreSQL version and to H2 (no ON CONFLICT, no MERGE); two admins creating one new SKU at the same
     * instant get a unique violation for the second, which is the right answer for an admin write.
     */
    @Query("UPDATE products SET name = :name, unit_amount = :unitAmount, currency = :currency, available = :available WHERE sku = :sku")
    abstract int update(String sku, String name, long unitAmount, String currency, long available);

    abstract void insert(ProductRow row);

    @Query("SELECT sku, name, unit_amount, currency, available FROM products ORDER BY sku FETCH FIRST :limit ROWS ONLY")
    abstract List<ProductRow> firstPage(int limit);

    /** The page after {@code after}, in the database's own order of SKUs, so that pages never overlap or skip. */
    @Query("SELECT sku, name, unit_amount, currency, available FROM products WHERE sku > :after ORDER BY sku FETCH FIRST :limit ROWS ONLY")
    abstract List<ProductRow> pageAfter(String after, int limit);

    /** Name and price only: the stock is left to the conditional writes. */
    @Query("UPDATE products SET name = :name, unit_amount = :unitAmount, currency = :currency WHERE sku = :sku")
    abstract int updateDetails(String sku, String name, long unitAmount, String currency);

    /**
     * Adds {@code delta} (a negative one removes) relative to the stock at this instant, if the result is not negative:
     * one conditional write, evaluated under the row lock, so a concurrent sale is never lost.
     */
    @Query("UPDATE products SET available = available + :delta WHERE sku = :sku AND available + :delta >= 0")
    abstract int adjust(String sku, long delta);

    @Query("SELECT available FROM products WHERE sku = :sku")
    abstract Optional<Long> findAvailable(String sku);

    /**
     * Takes {@code quantities[i]} units of {@code skus[i]} where that many are available, in the order given
     * (callers sort by SKU so that concurrent multi-line orders lock rows in one order and cannot deadlock).
     *
     * @return per line, whether the units were taken
     */
    boolean[] take(List<String> skus, int[] quantities) {
        return jdbc.prepareStatement(TAKE, ps -> {
            for (int i = 0; i < skus.size(); i++) {
                ps.setLong(1, quantities[i]);
                ps.setString(2, skus.get(i));
                ps.setLong(3, quantities[i]);
                ps.addBatch();
            }
            return updated(ps, skus.size());
        });
    }

    /** Returns units to stock; used for units this transaction took or a reservation it just released. */
    void giveBack(List<String> skus, int[] quantities) {
        if (skus.isEmpty()) {
            return;
        }
        jdbc.prepareStatement(GIVE_BACK, ps -> {
            for (int i = 0; i < skus.size(); i++) {
                ps.setLong(1, quantities[i]);
                ps.setString(2, skus.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
            return null;
        });
    }

    /** Runs a batch of single-row conditional updates and says, per statement, whether it changed its row. */
    static boolean[] updated(PreparedStatement ps, int size) throws SQLException {
        int[] counts = ps.executeBatch();
        if (counts.length != size) {
            throw new IllegalStateException("the driver answered " + counts.length + " update counts for " + size + " statements");
        }
        boolean[] changed = new boolean[size];
        for (int i = 0; i < size; i++) {
            if (counts[i] == Statement.SUCCESS_NO_INFO) {
                // Correctness depends on the counts; a driver that hides them cannot be used here.
                throw new IllegalStateException("the JDBC driver does not report batch update counts");
            }
            changed[i] = counts[i] > 0;
        }
        return changed;
    }
}
