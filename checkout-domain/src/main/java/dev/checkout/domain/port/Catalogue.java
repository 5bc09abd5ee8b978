package dev.checkout.domain.port;

import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.inventory.StockAdjustment;
import dev.checkout.domain.money.Money;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The merchant's products: its own prices (the only ones the server trusts) and the units available.
 *
 * <p>{@link #page}, {@link #updateDetails} and {@link #adjustStock} serve the merchant's side (the admin use cases and
 * the restock of a refund). They are default methods that throw {@link UnsupportedOperationException}, so that a
 * catalogue which only sells (one backed by another pricing system, say) keeps compiling; a store that backs the
 * admin side implements all three and passes their contract.
 */
public interface Catalogue {

    Optional<Product> find(Sku sku);

    /** The products among {@code skus} that exist, by SKU, in one read. */
    Map<Sku, Product> findAll(Collection<Sku> skus);

    /** Every product, ordered by SKU. */
    List<Product> list();

    /**
     * Up to {@code limit} products after {@code after} (exclusive; empty for the first page), in the store's SKU order.
     * Paging with the last SKU of each page visits every product once.
     */
    default List<Product> page(Optional<Sku> after, int limit) {
        throw new UnsupportedOperationException(getClass().getName() + " does not page its products");
    }

    /** Creates or replaces a product, its price and its available units. */
    void save(Product product);

    /**
     * Changes name and price of an existing product and leaves its stock alone, so no sale made meanwhile is lost.
     * Returns false, changing nothing, when there is no such product.
     */
    default boolean updateDetails(Sku sku, String name, Money unitPrice) {
        throw new UnsupportedOperationException(getClass().getName() + " does not edit products");
    }

    /**
     * Adds {@code delta} units (removes them when negative) relative to the stock as it is at that instant, in one
     * conditional write: never read-then-write, so a sale made meanwhile is never lost, and never below zero.
     */
    default StockAdjustment adjustStock(Sku sku, long delta) {
        throw new UnsupportedOperationException(getClass().getName() + " does not adjust stock");
    }
}
