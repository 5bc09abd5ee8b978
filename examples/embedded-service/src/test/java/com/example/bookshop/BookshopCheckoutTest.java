package com.example.bookshop;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.param.TokenCreateParams;
import dev.checkout.adapter.stripe.StripeSettings;
import dev.checkout.application.purchase.PurchaseCommand;
import dev.checkout.application.purchase.PurchaseCommand.RawItem;
import dev.checkout.application.purchase.PurchaseResult;
import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.OrderStatus;
import dev.checkout.sandbox.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bookshop's purchase end to end: its own stores, the checkout's use case, the Charges adapter, and the offline
 * Stripe from the sandbox artifact, reached over HTTP through stripe-java exactly as Stripe would be.
 */
class BookshopCheckoutTest {
    private static final String VISA = "4242424242424242";
    private static final String INSUFFICIENT_FUNDS = "4000000000009995";

    private static Sandbox sandbox;
    private static StripeClient browser;
    private static StripeClient dashboard;
    private static Bookshop shop;

    @BeforeAll
    static void open() {
        sandbox = Sandbox.start();
        browser = StripeClient.builder().setApiKey(sandbox.publishableKey()).setApiBase(sandbox.baseUrl()).build();
        dashboard = StripeClient.builder().setApiKey(sandbox.secretKey()).setApiBase(sandbox.baseUrl()).build();
        var stripe = new StripeSettings(sandbox.baseUrl(), sandbox.secretKey(), Duration.ofSeconds(2),
                Duration.ofSeconds(10), 0);
        shop = Bookshop.open(H2.fresh(), stripe, Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        sandbox.close();
    }

    /** Steps 1-3, the browser's part: card data and the publishable key become a single-use token. */
    private static String token(String card) throws StripeException {
        var params = TokenCreateParams.builder().setCard(TokenCreateParams.Card.builder()
                .setNumber(card).setExpMonth("12").setExpYear("2034").setCvc("123").build()).build();
        return browser.v1().tokens().create(params).getId();
    }

    private static Sku shelved(long priceMinor, long copies) {
        Sku sku = Sku.of("book-" + UUID.randomUUID().toString().substring(0, 8));
        shop.catalogue().save(new Product(sku, "A book", Money.of(priceMinor, "eur"), copies));
        return sku;
    }

    private static long onShelf(Sku sku) {
        return shop.catalogue().find(sku).orElseThrow().available();
    }

    @Test
    void a_book_bought_with_a_good_card_is_charged_once_at_the_shops_price_and_leaves_the_shelf() throws Exception {
        Sku dune = shelved(9_99, 3);

        var result = shop.purchases().purchase(PurchaseCommand.of(token(VISA), 19_98L, "eur",
                List.of(new RawItem(dune.value(), 2)), null));

        assertThat(result).isInstanceOf(PurchaseResult.Completed.class);
        var order = ((PurchaseResult.Completed) result).order();
        assertThat(shop.orders().find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
        assertThat(onShelf(dune)).isEqualTo(1);
        Charge charge = dashboard.v1().charges().retrieve(order.chargeId().orElseThrow().value());
        assertThat(charge.getAmount()).isEqualTo(19_98L);
        assertThat(charge.getCurrency()).isEqualTo("eur");
        assertThat(charge.getPaid()).isTrue();
        assertThat(charge.getMetadata()).containsEntry("order_id", order.id().value());
    }

    @Test
    void a_declined_card_is_told_why_and_puts_the_copies_back() throws Exception {
        Sku emma = shelved(12_50, 2);

        var result = shop.purchases().purchase(PurchaseCommand.of(token(INSUFFICIENT_FUNDS), 12_50L, "eur",
                List.of(new RawItem(emma.value(), 1)), null));

        assertThat(result).isInstanceOfSatisfying(PurchaseResult.PaymentDeclined.class, declined -> {
            assertThat(declined.reason().declineCode()).isEqualTo("insufficient_funds");
            assertThat(shop.orders().find(declined.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.DECLINED);
        });
        assertThat(onShelf(emma)).isEqualTo(2);
    }

    @Test
    void a_total_that_is_not_the_shops_price_is_refused_before_any_charge() throws Exception {
        Sku ulysses = shelved(15_00, 1);
        String token = token(VISA);

        var result = shop.purchases().purchase(PurchaseCommand.of(token, 1_00L, "eur",
                List.of(new RawItem(ulysses.value(), 1)), null));

        assertThat(result).isEqualTo(new PurchaseResult.PriceMismatch(Money.of(1_00, "eur"), Money.of(15_00, "eur")));
        assertThat(onShelf(ulysses)).isEqualTo(1);
        // the token was never spent: a charge with it now succeeds
        var retry = shop.purchases().purchase(PurchaseCommand.of(token, 15_00L, "eur",
                List.of(new RawItem(ulysses.value(), 1)), null));
        assertThat(retry).isInstanceOf(PurchaseResult.Completed.class);
        assertThat(onShelf(ulysses)).isZero();
    }
}
