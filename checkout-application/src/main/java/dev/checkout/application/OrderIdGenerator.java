package dev.checkout.application;

import dev.checkout.domain.order.OrderId;

/** The source of new order ids; injected so that the core never invents randomness or time itself. */
@FunctionalInterface
public interface OrderIdGenerator {
    OrderId next();
}
