package dev.checkout.testkit;

import dev.checkout.domain.payment.PaymentEvent;
import dev.checkout.domain.port.PaymentEventRejectedException;
import dev.checkout.domain.port.PaymentEvents;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link PaymentEvents} for use-case tests: {@link #sign} registers an event and gives the payload a delivery sends;
 * {@link #verify} gives the event back when the signature header is {@link #VALID_SIGNATURE}, and rejects anything
 * else (a missing or other header, a payload it never signed). The real check is the Stripe adapter's.
 */
public final class FakePaymentEvents implements PaymentEvents {
    /** The only signature header this fake accepts. */
    public static final String VALID_SIGNATURE = "t=1,v1=fake";
    private final Map<String, PaymentEvent> signed = new ConcurrentHashMap<>();

    /** Registers {@code event} and returns its payload: deliver it with {@link #VALID_SIGNATURE}. */
    public byte[] sign(PaymentEvent event) {
        signed.put(event.id(), event);
        return event.id().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public PaymentEvent verify(byte[] payload, String signatureHeader) {
        if (signatureHeader == null || !signatureHeader.equals(VALID_SIGNATURE)) {
            throw new PaymentEventRejectedException(signatureHeader == null ? "no signature header" : "signature does not match", null);
        }
        PaymentEvent event = signed.get(new String(payload, StandardCharsets.UTF_8));
        if (event == null) {
            throw new PaymentEventRejectedException("not an event this provider signed", null);
        }
        return event;
    }
}
