package dev.checkout.app;

import dev.checkout.application.query.ManageCatalogue;
import dev.checkout.application.query.ShopQueries;
import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

import java.util.List;

/** Stocks an empty catalogue with a few products, so a fresh store has something to sell. */
@Singleton
@Requires(property = "checkout.demo-data", notEquals = "false")
class DemoCatalogue {
    static final List<Product> PRODUCTS = List.of(
            new Product(Sku.of("mug-350"), "Stoneware mug, 350 ml", Money.of(14_00, "usd"), 25),
            new Product(Sku.of("tee-organic"), "Organic cotton T-shirt", Money.of(24_00, "usd"), 40),
            new Product(Sku.of("tote-canvas"), "Canvas tote bag", Money.of(18_50, "usd"), 30),
            new Product(Sku.of("notebook-a5"), "Dot-grid notebook, A5", Money.of(9_75, "usd"), 60),
            new Product(Sku.of("sticker-pack"), "Sticker pack (6)", Money.of(4_00, "usd"), 100));

    private final ShopQueries queries;
    private final ManageCatalogue catalogue;

    DemoCatalogue(ShopQueries queries, ManageCatalogue catalogue) {
        this.queries = queries;
        this.catalogue = catalogue;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (queries.products().isEmpty()) {
            PRODUCTS.forEach(catalogue::save);
        }
    }
}
