package dev.checkout.example;

import dev.checkout.application.purchase.PurchaseCommand;
import dev.checkout.application.purchase.PurchasePolicy;
import dev.checkout.application.purchase.PurchaseResult;
import dev.checkout.application.purchase.PurchaseService;
import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.port.Catalogue;
import dev.checkout.testkit.FakePaymentGateway;
import dev.checkout.testkit.InMemoryOrders;
import dev.checkout.testkit.InMemoryStock;
import dev.checkout.testkit.InMemoryTransactions;
import dev.checkout.testkit.MutableClock;
import dev.checkout.testkit.SequentialOrderIds;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's embedding example, compiled and run: a service that keeps its prices elsewhere plugs its own
 * {@link Catalogue} adapter into the purchase and tests it with the testkit's fakes for everything else.
 */
class EmbeddingExampleTest {

    /** The embedding service's own adapter: prices from its pricing system (here a map), stock from the testkit. */
    record PriceListCatalogue(Map<Sku, Money> prices, InMemoryStock stock) implements Catalogue {
        @Override
        public Optional<Product> find(Sku sku) {
            return Optional.ofNullable(prices.get(sku))
                    .map(price -> new Product(sku, sku.value(), price, stock.available(sku)));
        }

        @Override
        public Map<Sku, Product> findAll(Collection<Sku> skus) {
            return skus.stream().map(this::find).flatMap(Optional::stream)
                    .collect(Collectors.toMap(Product::sku, Function.identity()));
        }

        @Override
        public List<Product> list() {
            return prices.keySet().stream().sorted().map(this::find).flatMap(Optional::stream).toList();
        }

        @Override
        public void save(Product product) {
            stock.save(product);
        }
    }

    @Test
    void a_service_buys_through_its_own_catalogue_adapter() {
        var tx = new InMemoryTransactions();
        var stock = new InMemoryStock(tx);
        stock.save(new Product(Sku.of("book"), "Book", Money.of(1, "eur"), 3)); // stock lives in the testkit's fake
        var catalogue = new PriceListCatalogue(Map.of(Sku.of("book"), Money.of(19_90, "eur")), stock);
        var gateway = new FakePaymentGateway(tx);
        var purchases = new PurchaseService(catalogue, stock, new InMemoryOrders(tx), gateway, tx,
                new MutableClock(), new SequentialOrderIds(), PurchasePolicy.DEFAULT);

        var result = purchases.purchase(PurchaseCommand.of("tok_from_the_browser", 39_80L, "eur",
                List.of(new PurchaseCommand.RawItem("book", 2)), "order-key-0001"));

        assertThat(result).isInstanceOf(PurchaseResult.Completed.class);
        assertThat(gateway.approvedCharges()).singleElement()
                .satisfies(charge -> assertThat(charge.amount()).isEqualTo(Money.of(39_80, "eur")));
        assertThat(stock.available(Sku.of("book"))).isEqualTo(1);
    }
}
