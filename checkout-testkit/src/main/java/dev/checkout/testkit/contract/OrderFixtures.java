package dev.checkout.testkit.contract;

import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.order.ClientKey;
import dev.checkout.domain.order.Order;

import java.util.List;
import java.util.Optional;

import static dev.checkout.testkit.contract.ContractData.T0;
import static dev.checkout.testkit.contract.ContractData.line;
import static dev.checkout.testkit.contract.ContractData.orderId;
import static dev.checkout.testkit.contract.ContractData.product;
import static dev.checkout.testkit.contract.ContractData.sku;
import static org.assertj.core.api.Assertions.assertThat;

/** The orders both order contracts start from, and how they compare a stored order with the one they wrote. */
final class OrderFixtures {
    private OrderFixtures() {
    }

    /** A new product with 100 units at 5.00 USD. */
    static Sku stocked(StoreSet stores) {
        Sku sku = sku();
        stores.transactions().run(() -> stores.catalogue().save(product(sku, 5_00, 100)));
        return sku;
    }

    /** A stored PENDING_PAYMENT order of two lines over two new products. */
    static Order placed(StoreSet stores, Optional<ClientKey> key) {
        Sku a = stocked(stores);
        Sku b = stocked(stores);
        Order order = ContractData.order(orderId(), key, List.of(line(a, 2, 5_00), line(b, 1, 12_99)), T0);
        stores.transactions().run(() -> stores.orders().add(order));
        return order;
    }

    /** Every field of the order, refunds and dispute included, as the store gives it back. */
    static void assertSameOrder(Order actual, Order expected) {
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.clientKey()).isEqualTo(expected.clientKey());
        assertThat(actual.lines()).containsExactlyInAnyOrderElementsOf(expected.lines());
        assertThat(actual.total()).isEqualTo(expected.total());
        assertThat(actual.status()).isEqualTo(expected.status());
        assertThat(actual.chargeId()).isEqualTo(expected.chargeId());
        assertThat(actual.declineReason()).isEqualTo(expected.declineReason());
        assertThat(actual.failure()).isEqualTo(expected.failure());
        assertThat(actual.createdAt()).isEqualTo(expected.createdAt());
        assertThat(actual.updatedAt()).isEqualTo(expected.updatedAt());
        assertThat(actual.version()).isEqualTo(expected.version());
        assertThat(actual.refunds()).isEqualTo(expected.refunds());
        assertThat(actual.dispute()).isEqualTo(expected.dispute());
        assertThat(actual.pendingAuthentication()).isEqualTo(expected.pendingAuthentication());
    }
}
