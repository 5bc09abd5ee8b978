package dev.checkout.testkit.contract;

import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.checkout.testkit.contract.ContractData.product;
import static dev.checkout.testkit.contract.ContractData.sku;
import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link dev.checkout.domain.port.Catalogue} must do. */
public abstract class CatalogueContract {

    protected abstract StoreSet stores();

    @Test
    public void a_saved_product_is_found_with_its_price_and_stock() {
        Sku sku = sku();
        Product mug = new Product(sku, "Mug — ceramic, 350 ml", Money.of(12_50, "eur"), 7);
        stores().transactions().run(() -> stores().catalogue().save(mug));

        assertThat(stores().catalogue().find(sku)).contains(mug);
    }

    @Test
    public void saving_again_replaces_name_price_and_stock() {
        Sku sku = sku();
        stores().transactions().run(() -> stores().catalogue().save(product(sku, 10_00, 5)));
        Product replaced = new Product(sku, "Renamed", Money.of(3_000, "jpy"), 42);
        stores().transactions().run(() -> stores().catalogue().save(replaced));

        assertThat(stores().catalogue().find(sku)).contains(replaced);
    }

    @Test
    public void an_unknown_sku_is_not_found() {
        assertThat(stores().catalogue().find(sku())).isEmpty();
    }

    @Test
    public void find_all_returns_only_the_skus_that_exist() {
        Sku a = sku();
        Sku b = sku();
        Sku missing = sku();
        stores().transactions().run(() -> {
            stores().catalogue().save(product(a, 1_00, 1));
            stores().catalogue().save(product(b, 2_00, 2));
        });

        var found = stores().catalogue().findAll(List.of(a, b, missing));

        assertThat(found).containsOnlyKeys(a, b);
        assertThat(found.get(b).unitPrice()).isEqualTo(Money.of(2_00, "usd"));
    }

    @Test
    public void the_list_is_ordered_by_sku() {
        Sku first = Sku.of(ContractData.unique("aaa"));
        Sku second = Sku.of(ContractData.unique("aab"));
        stores().transactions().run(() -> {
            stores().catalogue().save(product(second, 1_00, 1));
            stores().catalogue().save(product(first, 1_00, 1));
        });

        var skus = stores().catalogue().list().stream().map(Product::sku).toList();

        assertThat(skus).contains(first, second);
        assertThat(skus).isSortedAccordingTo(Sku::compareTo);
    }

    @Test
    public void a_rolled_back_save_leaves_nothing() {
        Sku sku = sku();
        try {
            stores().transactions().run(() -> {
                stores().catalogue().save(product(sku, 1_00, 1));
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // the point of the test
        }
        assertThat(stores().catalogue().find(sku)).isEmpty();
    }
}
