/**
 * In-memory fakes of every outbound port, with the same semantics as the real adapters, plus a ready-wired
 * {@link dev.checkout.testkit.InMemoryCheckout}; {@code contract} holds the abstract tests every adapter must pass.
 * Shipped, so that services embedding the checkout can test their own code against it.
 */
package dev.checkout.testkit;
