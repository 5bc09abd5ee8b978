/**
 * Abstract contract tests, one per outbound port. The in-memory fakes pass them, and so must every real adapter:
 * subclass, supply the stores, and the fakes stay honest.
 */
package dev.checkout.testkit.contract;
