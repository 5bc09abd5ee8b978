/**
 * The checkout's use cases, framework-free: the purchase (steps 4-8 of the flow), payment reconciliation and the
 * read side, plus the mechanics that are not domain language ({@link dev.checkout.application.TransactionRunner},
 * {@link dev.checkout.application.OrderIdGenerator}). JDK + domain only.
 */
package dev.checkout.application;
