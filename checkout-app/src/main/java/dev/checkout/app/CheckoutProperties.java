package dev.checkout.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The checkout's own settings ({@code checkout.*}).
 *
 * @param reservationHold   how long stock of an unknown payment stays held before the reconciler must decide
 * @param reconcileInterval how often the reconciler runs (it also runs once at start-up)
 * @param unknownAfter      a PAYMENT_UNKNOWN order is looked up once it is this old
 * @param abandonedAfter    a PENDING_PAYMENT order this old was abandoned by a crash; keep it above the longest charge
 *                          call (connect + read timeout, times 1 + retries)
 * @param chargeLandsWithin a charge the provider does not know this long after the order was placed never happened
 * @param demoData          put a handful of products in an empty catalogue at start
 * @param concurrentPlacements how many purchases may place their order (TX1) at once, the rest queue first come
 *                          first served; keep it below the connection pool (8 by default) so that recording an
 *                          approved charge never waits behind new orders; 0 = no limit
 * @param paymentAdapter    {@code charges} (Stripe's Charges API) or {@code payment-intents} (PaymentIntents, with
 *                          3-D Secure); picked at start
 * @param authenticationWindow how long a buyer asked to authenticate (3-D Secure) has for it, the stock reserved
 *                          meanwhile; the reconciler then cancels the payment and releases the stock
 */
@ConfigurationProperties("checkout")
public record CheckoutProperties(
        @Bindable(defaultValue = "15m") Duration reservationHold,
        @Bindable(defaultValue = "10s") Duration reconcileInterval,
        @Bindable(defaultValue = "5s") Duration unknownAfter,
        @Bindable(defaultValue = "3m") Duration abandonedAfter,
        @Bindable(defaultValue = "5m") Duration chargeLandsWithin,
        @Bindable(defaultValue = "true") boolean demoData,
        @Bindable(defaultValue = "4") int concurrentPlacements,
        @Bindable(defaultValue = "charges") String paymentAdapter,
        @Bindable(defaultValue = "10m") Duration authenticationWindow) {
}
