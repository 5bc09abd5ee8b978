package dev.checkout.adapter.stripe;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.model.StripeObject;
import com.stripe.net.Webhook;
import dev.checkout.domain.DomainException;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.ChargeOutcome;
import dev.checkout.domain.payment.Dispute;
import dev.checkout.domain.payment.PaymentEvent;
import dev.checkout.domain.payment.PaymentKey;
import dev.checkout.domain.payment.RefundId;
import dev.checkout.domain.port.PaymentEventRejectedException;
import dev.checkout.domain.port.PaymentEvents;
import dev.checkout.domain.port.PaymentOutcomeUnknownException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link PaymentEvents} on stripe-java's {@link Webhook#constructEvent}: the {@code Stripe-Signature} header is checked
 * over the exact body with the endpoint's {@code whsec_...} secret, and a timestamp outside the tolerance (a replay)
 * is refused, all by stripe-java. The verified event becomes, at this edge:
 * <ul>
 *   <li>{@code charge.*} (not disputes): the charge's outcome as {@link StripePaymentGateway} maps a charge, with the
 *       order from its {@code order_id} metadata; a charge neither succeeded nor failed is {@code Other};</li>
 *   <li>{@code refund.*} and {@code charge.refund.updated}: the refund, succeeded only when its status is
 *       {@code succeeded}, with the idempotency key of the request that made it;</li>
 *   <li>{@code charge.dispute.*}: the dispute, its state dated by the event's creation;</li>
 *   <li>anything else: {@code Other}.</li>
 * </ul>
 * Neither the secret nor the payload appears in any message this class produces.
 */
public final class StripePaymentEvents implements PaymentEvents {
    private final String secret;
    private final long toleranceSeconds;
    private final Clock clock;

    /**
     * @param secret    the endpoint's signing secret ({@code whsec_...}); for the sandbox's forwarding, its
     *                  {@code SANDBOX_WEBHOOK_SECRET}
     * @param tolerance the oldest signature timestamp accepted (Stripe's libraries default to 5 minutes)
     * @param clock     the time the timestamp is compared with
     */
    public StripePaymentEvents(String secret, Duration tolerance, Clock clock) {
        this.secret = Objects.requireNonNull(secret, "secret");
        if (secret.isBlank()) {
            throw new IllegalArgumentException("the webhook secret is empty; set STRIPE_WEBHOOK_SECRET to the endpoint's whsec_...");
        }
        this.toleranceSeconds = Objects.requireNonNull(tolerance, "tolerance").toSeconds();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public PaymentEvent verify(byte[] payload, String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new PaymentEventRejectedException("no Stripe-Signature header", null);
        }
        Event event;
        try {
            event = Webhook.constructEvent(new String(payload, StandardCharsets.UTF_8), signatureHeader, secret,
                    toleranceSeconds, clock);
        } catch (SignatureVerificationException e) {
            throw new PaymentEventRejectedException("Stripe-Signature refused: " + e.getMessage(), null);
        } catch (RuntimeException notJson) {
            throw new PaymentEventRejectedException("the body is not a Stripe event", null);
        }
        if (event.getId() == null || event.getType() == null || event.getCreated() == null) {
            throw new PaymentEventRejectedException("the body is not a Stripe event (no id, type or created)", null);
        }
        Instant created = Instant.ofEpochSecond(event.getCreated());
        PaymentEvent.Subject subject;
        try {
            subject = subjectOf(event, created);
        } catch (DomainException | PaymentOutcomeUnknownException | EventDataObjectDeserializationException
                 | NullPointerException odd) {
            // a verified event whose object does not fit the checkout's terms: nothing to act on
            subject = new PaymentEvent.Other();
        }
        return new PaymentEvent(event.getId(), event.getType(), created, subject);
    }

    private static PaymentEvent.Subject subjectOf(Event event, Instant created) throws EventDataObjectDeserializationException {
        String type = event.getType();
        boolean dispute = type.startsWith("charge.dispute.");
        boolean refund = type.startsWith("refund.") || type.equals("charge.refund.updated");
        boolean charge = type.startsWith("charge.") && !dispute && !refund;
        if (!dispute && !refund && !charge) {
            return new PaymentEvent.Other();
        }
        StripeObject object = dataObject(event);
        if (charge && object instanceof com.stripe.model.Charge c) {
            ChargeOutcome outcome = StripePaymentGateway.outcomeOf(c, "event " + event.getId());
            return new PaymentEvent.ChargeChanged(orderOf(c), outcome);
        }
        if (refund && object instanceof com.stripe.model.Refund r) {
            String key = event.getRequest() == null ? null : event.getRequest().getIdempotencyKey();
            return new PaymentEvent.RefundChanged(new RefundId(r.getId()), ChargeId.of(r.getCharge()),
                    Money.of(r.getAmount(), r.getCurrency()), "succeeded".equals(r.getStatus()),
                    key == null || key.isBlank() ? Optional.empty() : Optional.of(new PaymentKey(key)));
        }
        if (dispute && object instanceof com.stripe.model.Dispute d) {
            return new PaymentEvent.DisputeChanged(new Dispute(d.getId(), Money.of(d.getAmount(), d.getCurrency()),
                    d.getStatus(), d.getReason(), created), ChargeId.of(d.getCharge()));
        }
        return new PaymentEvent.Other();
    }

    /**
     * The event's object; when the event's API version is not stripe-java's own, stripe-java declines to pick a
     * shape, and the object is read anyway: the fields used here are the same in every version.
     */
    private static StripeObject dataObject(Event event) throws EventDataObjectDeserializationException {
        var data = event.getDataObjectDeserializer();
        Optional<StripeObject> object = data.getObject();
        return object.isPresent() ? object.get() : data.deserializeUnsafe();
    }

    private static Optional<OrderId> orderOf(com.stripe.model.Charge charge) {
        var metadata = charge.getMetadata();
        String id = metadata == null ? null : metadata.get(StripePaymentGateway.ORDER_ID);
        if (id == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OrderId.of(id));
        } catch (DomainException notOurs) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "StripePaymentEvents[secret=whsec_..., tolerance=" + toleranceSeconds + "s]";
    }
}
