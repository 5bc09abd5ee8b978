/**
 * The outbound ports, in the domain's language: how the checkout reaches a payment provider
 * ({@link dev.checkout.domain.port.PaymentGateway}), stock ({@link dev.checkout.domain.port.Inventory}),
 * orders ({@link dev.checkout.domain.port.Orders}) and the merchant's prices ({@link dev.checkout.domain.port.Catalogue}).
 * Adapters implement them; {@code checkout-testkit} ships an in-memory fake and a contract test for each.
 */
package dev.checkout.domain.port;
