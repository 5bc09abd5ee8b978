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
 * The merchant's products: its own prices (the only ones the server trusts; the purchase re-prices every cart from
 * here and refuses a total that differs) and the units available.
 *
 * <p>{@code available} is the same count {@link Inventory} decrements and gives back, so an adapter usually keeps
 * both ports over one table (the in-memory fake {@code InMemoryStock} implements both). The purchase reads prices
 * inside its first transaction, and refuses a line whose quantity exceeds the {@code available} it read there as out
 * of stock without asking the {@link Inventory}: a catalogue that shows fewer units than the inventory holds turns
 * buyers away. {@link #save} takes part in the caller's transaction and is undone by its rollback.
 *
 * <p>{@link #page}, {@link #updateDetails} and {@link #adjustStock} serve the merchant's side (the admin use cases and
 * the restock of a refund). They are default methods that throw {@link UnsupportedOperationException}, so that a
 * catalogue which only sells (one backed by another pricing system, say) keeps compiling; a store that backs the
 * merchant's side implements all three and passes {@code MerchantCatalogueContract} too.
 *
 * <p>{@code CatalogueContract} in {@code checkout-testkit} is the executable form of this contract.
 */
public interface Catalogue {

    /**
     * One product.
     *
     * @param sku the product's SKU
     * @return the product with its current price and available units, or empty if the catalogue has no such SKU
     */
    Optional<Product> find(Sku sku);

    /**
     * The products among {@code skus} that exist, in one read (one query for a database), however many SKUs.
     *
     * @param skus the SKUs to look up; may be empty, and may name SKUs the catalogue does not have
     * @return a map from SKU to product holding only the SKUs found; unknown SKUs are simply absent (the purchase
     *         reports them as {@code UnknownProducts}), and an empty collection gives an empty map
     */
    Map<Sku, Product> findAll(Collection<Sku> skus);

    /**
     * Every product.
     *
     * @return all products ordered by {@link Sku#compareTo} (the SKU's characters, not a database collation);
     *         empty if there are none
     */
    List<Product> list();

    /**
     * Up to {@code limit} products after {@code after}, in the store's SKU order (its own collation, the same for
     * every page). Paging with the last SKU of each page visits every product once.
     *
     * @param after the last SKU of the previous page, exclusive; empty for the first page
     * @param limit the most products to answer, at least 1
     * @return the page, possibly empty
     */
    default List<Product> page(Optional<Sku> after, int limit) {
        throw new UnsupportedOperationException(getClass().getName() + " does not page its products");
    }

    /**
     * Creates a product, or replaces name, price and available units of the one with the same SKU. Setting
     * {@code available} here overwrites the count {@link Inventory} maintains, so it is the merchant's restock,
     * not a way to reserve.
     *
     * @param product the product as it should be stored
     */
    void save(Product product);

    /**
     * Changes name and price of an existing product and leaves its stock alone, so no sale made meanwhile is lost.
     * Takes part in the caller's transaction.
     *
     * @param sku       the product
     * @param name      the new name, already valid for a {@link Product}
     * @param unitPrice the new price of one unit
     * @return false, changing nothing, when there is no such product
     */
    default boolean updateDetails(Sku sku, String name, Money unitPrice) {
        throw new UnsupportedOperationException(getClass().getName() + " does not edit products");
    }

    /**
     * Adds {@code delta} units (removes them when negative) relative to the stock as it is at that instant, in one
     * conditional write: never read-then-write, so a sale made meanwhile is never lost, and never below zero. Takes
     * part in the caller's transaction.
     *
     * @param sku   the product
     * @param delta units to add, or negative to remove
     * @return {@code Adjusted} with the new stock, {@code WouldGoNegative} (nothing changed) or {@code UnknownProduct}
     */
    default StockAdjustment adjustStock(Sku sku, long delta) {
        throw new UnsupportedOperationException(getClass().getName() + " does not adjust stock");
    }
}
