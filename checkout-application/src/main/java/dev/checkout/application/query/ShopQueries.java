package dev.checkout.application.query;

import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;

import java.util.List;
import java.util.Optional;

/** The read side of the shop: what is for sale, and what became of an order. */
public interface ShopQueries {

    /**
     * What is for sale.
     *
     * @return every product with its price and available units, ordered by SKU
     */
    List<Product> products();

    /**
     * What became of an order, e.g. after a {@link dev.checkout.application.purchase.PurchaseResult.PaymentPending}.
     *
     * @param id the order's id
     * @return the order as last stored, or empty if there is no such order
     */
    Optional<Order> order(OrderId id);
}
