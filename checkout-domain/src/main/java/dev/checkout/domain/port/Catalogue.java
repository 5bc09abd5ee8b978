package dev.checkout.domain.port;

import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.inventory.StockAdjustment;
import dev.checkout.domain.money.Money;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The merchant's products: its own prices (the only ones the server trusts) and the units available. */
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
    List<Product> page(Optional<Sku> after, int limit);

    /** Creates or replaces a product, its price and its available units. */
    void save(Product product);

    /**
     * Changes name and price of an existing product and leaves its stock alone, so no sale made meanwhile is lost.
     * Returns false, changing nothing, when there is no such product.
     */
    boolean updateDetails(Sku sku, String name, Money unitPrice);

    /**
     * Adds {@code delta} units (removes them when negative) relative to the stock as it is at that instant, in one
     * conditional write: never read-then-write, so a sale made meanwhile is never lost, and never below zero.
     */
    StockAdjustment adjustStock(Sku sku, long delta);
}
