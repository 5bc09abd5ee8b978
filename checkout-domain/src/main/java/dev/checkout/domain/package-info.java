/**
 * The checkout's pure model (Money, Order, PaymentToken, Charge, stock) and, in {@code port}, the outbound ports
 * through which it reaches payment providers and storage. JDK only.
 */
package dev.checkout.domain;
