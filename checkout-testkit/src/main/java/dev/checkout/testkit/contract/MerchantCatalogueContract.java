package dev.checkout.testkit.contract;

import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.inventory.StockAdjustment;
import dev.checkout.domain.money.Money;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.checkout.testkit.contract.ContractData.product;
import static dev.checkout.testkit.contract.ContractData.sku;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a {@link dev.checkout.domain.port.Catalogue} that backs the merchant's side must do beyond
 * {@link CatalogueContract}: page through products, change name and price without the stock, and move the stock by a
 * delta in one conditional write that never loses a concurrent change and never goes below zero.
 */
public abstract class MerchantCatalogueContract {

    protected abstract StoreSet stores();

    @Test
    public void pages_visit_every_product_once() {
        var mine = new ArrayList<Sku>();
        for (int i = 0; i < 5; i++) {
            Sku sku = sku();
            mine.add(sku);
            stores().transactions().run(() -> stores().catalogue().save(product(sku, 1_00, 1)));
        }
        var seen = new ArrayList<Sku>();
        Optional<Sku> after = Optional.empty();
        while (true) {
            List<Product> page = stores().catalogue().page(after, 2);
            assertThat(page.size()).isLessThanOrEqualTo(2);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(p -> seen.add(p.sku()));
            after = Optional.of(page.getLast().sku());
        }

        assertThat(seen).doesNotHaveDuplicates().containsAll(mine);
        assertThat(seen).hasSameSizeAs(stores().catalogue().list());
    }

    @Test
    public void details_change_name_and_price_and_leave_the_stock() {
        Sku sku = sku();
        stores().transactions().run(() -> stores().catalogue().save(product(sku, 10_00, 7)));

        boolean changed = stores().transactions().call(() -> stores().catalogue().updateDetails(sku, "Renamed", Money.of(12_00, "eur")));

        assertThat(changed).isTrue();
        assertThat(stores().catalogue().find(sku)).contains(new Product(sku, "Renamed", Money.of(12_00, "eur"), 7));
        assertThat(stores().transactions().call(() -> stores().catalogue().updateDetails(sku(), "Nobody", Money.of(1_00, "usd"))))
                .isFalse();
    }

    @Test
    public void stock_moves_by_a_delta_and_never_below_zero() {
        Sku sku = sku();
        stores().transactions().run(() -> stores().catalogue().save(product(sku, 1_00, 5)));

        assertThat(adjust(sku, 3)).isEqualTo(new StockAdjustment.Adjusted(8));
        assertThat(adjust(sku, -8)).isEqualTo(new StockAdjustment.Adjusted(0));
        assertThat(adjust(sku, -1)).isEqualTo(new StockAdjustment.WouldGoNegative(0));
        assertThat(adjust(sku(), 1)).isInstanceOf(StockAdjustment.UnknownProduct.class);
        assertThat(stores().catalogue().find(sku).orElseThrow().available()).isZero();
    }

    @Test
    public void concurrent_deltas_all_count() throws Exception {
        Sku sku = sku();
        stores().transactions().run(() -> stores().catalogue().save(product(sku, 1_00, 100)));

        var results = InventoryContract.race(32, i -> adjust(sku, i % 2 == 0 ? 5 : -3));

        assertThat(results).allMatch(r -> r instanceof StockAdjustment.Adjusted);
        assertThat(stores().catalogue().find(sku).orElseThrow().available()).isEqualTo(100 + 16 * 5 - 16 * 3);
    }

    @Test
    public void concurrent_removals_never_take_the_stock_below_zero() throws Exception {
        Sku sku = sku();
        stores().transactions().run(() -> stores().catalogue().save(product(sku, 1_00, 10)));

        var results = InventoryContract.race(32, i -> adjust(sku, -1));

        assertThat(results).filteredOn(r -> r instanceof StockAdjustment.Adjusted).hasSize(10);
        assertThat(results).filteredOn(r -> r instanceof StockAdjustment.WouldGoNegative).hasSize(22);
        assertThat(stores().catalogue().find(sku).orElseThrow().available()).isZero();
    }

    private StockAdjustment adjust(Sku sku, long delta) {
        return stores().transactions().call(() -> stores().catalogue().adjustStock(sku, delta));
    }
}
