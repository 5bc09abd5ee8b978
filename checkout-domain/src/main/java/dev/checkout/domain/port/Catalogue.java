package dev.checkout.domain.port;

import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;

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

    /** Creates or replaces a product, its price and its available units. */
    void save(Product product);
}
