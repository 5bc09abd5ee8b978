package dev.checkout.domain.port;

import dev.checkout.domain.payment.PaymentEvent;

/**
 * Where the provider's own reports (webhooks) come in: checks that a request really comes from the provider and turns
 * it into a {@link PaymentEvent}.
 *
 * <p>An adapter must check the signature over the exact bytes received, with the secret the provider shares with
 * this endpoint, and refuse a timestamp outside its tolerance (a replay); it must never act on anything it could
 * not verify. It holds no state: deduplication is the receiver's ({@link ReceivedEvents}).
 */
public interface PaymentEvents {

    /**
     * Verifies and reads one delivery.
     *
     * @param payload         the request body, byte for byte as received
     * @param signatureHeader the provider's signature header ({@code Stripe-Signature}), or null if none was sent
     * @return the event
     * @throws PaymentEventRejectedException if the signature is missing or wrong, the timestamp is outside the
     *         tolerance, or the payload is not an event; nothing may be done with such a request
     */
    PaymentEvent verify(byte[] payload, String signatureHeader);
}
