package dev.checkout.application.query;

import dev.checkout.domain.catalogue.Product;
import dev.checkout.domain.order.Order;
import dev.checkout.domain.order.OrderId;

import java.util.List;
import java.util.Optional;

/** The read side of the shop: what is for sale, and what became of an order. */
public interface ShopQueries {

    List<Product> products();

    Optional<Order> order(OrderId id);
}
