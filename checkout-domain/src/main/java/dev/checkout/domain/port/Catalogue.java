package dev.checkout.domain.port;

import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;

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
 * inside its first transaction; {@link #save} takes part in the caller's transaction and is undone by its rollback.
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
     * Creates a product, or replaces name, price and available units of the one with the same SKU. Setting
     * {@code available} here overwrites the count {@link Inventory} maintains, so it is the merchant's restock,
     * not a way to reserve.
     *
     * @param product the product as it should be stored
     */
    void save(Product product);
}
