package dev.checkout.adapter.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.StripeCollection;
import com.stripe.net.RequestOptions;
import com.stripe.param.ChargeCreateParams;
import com.stripe.param.ChargeListParams;
import com.stripe.param.RefundCreateParams;
import dev.checkout.adapter.stripe.AttemptRecordingHttpClient.Attempts;
import dev.checkout.adapter.stripe.ErrorTranslation.Call;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.payment.Charge;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.ChargeOutcome;
import dev.checkout.domain.payment.ChargeRequest;
import dev.checkout.domain.payment.DeclineReason;
import dev.checkout.domain.payment.PaymentFailure;
import dev.checkout.domain.payment.PaymentKey;
import dev.checkout.domain.payment.PaymentToken;
import dev.checkout.domain.payment.Refund;
import dev.checkout.domain.payment.RefundId;
import dev.checkout.domain.port.PaymentGateway;
import dev.checkout.domain.port.PaymentNotCompletedException;
import dev.checkout.domain.port.PaymentOutcomeUnknownException;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link PaymentGateway} on stripe-java's {@link StripeClient} (Charges API with single-use tokens), against Stripe or
 * any Stripe-compatible API base such as the sandbox.
 *
 * <p>Every charge carries metadata {@code order_id} and the caller's idempotency key, so a retry (stripe-java's own,
 * or ours after an unknown outcome) can never charge twice, and the reconciler can find the charge of an order.
 *
 * <p>What Stripe answers becomes, at this edge:
 * <table>
 *   <caption>Exception translation</caption>
 *   <tr><th>stripe-java</th><th>charge / refund</th><th>look-ups</th></tr>
 *   <tr><td>charge {@code succeeded}</td><td>{@code Approved(Charge)}</td><td>{@code Approved} / the charge</td></tr>
 *   <tr><td>{@code CardException} (402) on a charge, or a {@code failed} charge</td>
 *       <td>{@code Declined(code, declineCode, message)}, never thrown</td>
 *       <td>{@code Declined}; {@code findCharge}: empty (a failed charge took no money)</td></tr>
 *   <tr><td>{@code InvalidRequestException} about the token ({@code token_already_used}, {@code token_in_use},
 *       {@code resource_missing} / param {@code source})</td>
 *       <td>not completed, {@code INVALID_PAYMENT_DETAILS}</td><td>-</td></tr>
 *   <tr><td>{@code InvalidRequestException} {@code resource_missing} on retrieve</td><td>-</td><td>empty</td></tr>
 *   <tr><td>other {@code InvalidRequestException}, {@code AuthenticationException} (401),
 *       {@code PermissionException} (403), {@code IdempotencyException}</td>
 *       <td>not completed, {@code MERCHANT_ERROR}</td><td>not completed, {@code MERCHANT_ERROR}</td></tr>
 *   <tr><td>{@code RateLimitException} (429), or a 400 with code {@code rate_limit} / {@code lock_timeout}</td>
 *       <td>not completed, {@code PROVIDER_UNAVAILABLE}</td><td>unknown</td></tr>
 *   <tr><td>{@code ApiConnectionException} before any connection existed (refused, no route, unknown host,
 *       connect timeout) on every attempt</td>
 *       <td>not completed, {@code PROVIDER_UNAVAILABLE}</td><td>unknown</td></tr>
 *   <tr><td>{@code ApiConnectionException} after sending (read timeout, reset, closed)</td>
 *       <td>unknown</td><td>unknown</td></tr>
 *   <tr><td>{@code ApiException}: 409 (same key in flight), 5xx, unreadable answer; a charge still
 *       {@code pending}; anything else unexpected</td><td>unknown</td><td>unknown</td></tr>
 * </table>
 * "Not completed" is {@link PaymentNotCompletedException}, "unknown" is {@link PaymentOutcomeUnknownException}.
 * A refusal counts as "not completed" only if no earlier attempt of the same call (stripe-java retries timeouts,
 * 409s and 5xx with the same key) may have reached Stripe; otherwise it is "unknown" too.
 *
 * <p>Neither the secret key nor a raw token appears in any message or cause this class produces.
 */
public final class StripePaymentGateway implements PaymentGateway {
    static final String ORDER_ID = "order_id";
    /** Stripe's maximum page size: the fewest round trips when the reconciler scans recent charges. */
    private static final long PAGE_SIZE = 100;
    /** stripe-java refuses longer idempotency keys before sending anything. */
    private static final int MAX_IDEMPOTENCY_KEY = 255;

    private final StripeSettings settings;
    private final AttemptRecordingHttpClient http;
    private final StripeClient client;
    private final ErrorTranslation errors;
    private final Redactor redactor;

    public StripePaymentGateway(StripeSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = new AttemptRecordingHttpClient();
        this.client = StripeClient.builder()
                .setApiKey(settings.secretKey())
                .setApiBase(settings.apiBase())
                .setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()))
                .setReadTimeout(Math.toIntExact(settings.readTimeout().toMillis()))
                .setMaxNetworkRetries(settings.maxNetworkRetries())
                .setHttpClient(http)
                .build();
        this.errors = new ErrorTranslation(settings.apiBase(), settings.readTimeout());
        this.redactor = Redactor.hiding(settings.secretKey(), settings.maskedSecretKey());
    }

    @Override
    public ChargeOutcome charge(ChargeRequest request) {
        Objects.requireNonNull(request, "request");
        PaymentToken token = request.token();
        String subject = "charge for order " + request.orderId().value();
        var params = ChargeCreateParams.builder()
                .setSource(token.reveal())
                .setAmount(request.amount().minorUnits())
                .setCurrency(request.amount().currency().lowerCase())
                .setDescription(request.description())
                .putMetadata(ORDER_ID, request.orderId().value())
                .build();
        RequestOptions options = idempotent(request.idempotencyKey(), subject);
        return call(Call.CHARGE, subject, redactor.alsoHiding(token.reveal(), token.masked()),
                () -> client.v1().charges().create(params, options),
                e -> e instanceof CardException declined ? new ChargeOutcome.Declined(declineOf(declined)) : null,
                charge -> outcomeOf(charge, subject));
    }

    @Override
    public Refund refund(ChargeId charge, Money amount, PaymentKey idempotencyKey) {
        Objects.requireNonNull(charge, "charge");
        Objects.requireNonNull(amount, "amount");
        String subject = "refund of " + amount + " on charge " + charge.value();
        var params = RefundCreateParams.builder().setCharge(charge.value()).setAmount(amount.minorUnits()).build();
        RequestOptions options = idempotent(idempotencyKey, subject);
        return call(Call.REFUND, subject, redactor,
                () -> client.v1().refunds().create(params, options),
                e -> null,
                refund -> refundOf(refund, subject));
    }

    @Override
    public Optional<Charge> findCharge(ChargeId charge) {
        Objects.requireNonNull(charge, "charge");
        String subject = "look-up of charge " + charge.value();
        return call(Call.LOOKUP, subject, redactor,
                () -> client.v1().charges().retrieve(charge.value()),
                e -> isMissing(e) ? Optional.<Charge>empty() : null,
                found -> switch (outcomeOf(found, subject)) {
                    case ChargeOutcome.Approved approved -> Optional.of(approved.charge());
                    // The port's Charge is money taken; a failed charge took none.
                    case ChargeOutcome.Declined declined -> Optional.<Charge>empty();
                });
    }

    @Override
    public Optional<ChargeOutcome> findChargeForOrder(OrderId orderId, Instant notBefore) {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(notBefore, "notBefore");
        String subject = "search for the charge of order " + orderId.value();
        // Whole seconds, rounded down: Stripe's created is in seconds, and rounding up could skip the charge.
        long since = notBefore.getEpochSecond();
        ChargeOutcome.Declined declined = null;
        String after = null;
        boolean more = true;
        // Every page, not just the first: "no charge" lets the reconciler release the stock, so it must be true.
        while (more) {
            var params = ChargeListParams.builder()
                    .setCreated(ChargeListParams.Created.builder().setGte(since).build())
                    .setLimit(PAGE_SIZE)
                    .setStartingAfter(after)
                    .build();
            StripeCollection<com.stripe.model.Charge> page = call(Call.LOOKUP, subject, redactor,
                    () -> client.v1().charges().list(params), e -> null, Function.identity());
            List<com.stripe.model.Charge> charges = page.getData() == null ? List.of() : page.getData();
            for (var charge : charges) {
                Map<String, String> metadata = charge.getMetadata();
                if (metadata == null || !orderId.value().equals(metadata.get(ORDER_ID))) {
                    continue;
                }
                // A pending charge throws "unknown"; newest first, so the first decline seen is the latest one.
                switch (mapped(() -> outcomeOf(charge, subject), subject, Call.LOOKUP, redactor)) {
                    case ChargeOutcome.Approved approved -> {
                        return Optional.of(approved);
                    }
                    case ChargeOutcome.Declined d -> declined = declined == null ? d : declined;
                }
            }
            more = Boolean.TRUE.equals(page.getHasMore()) && !charges.isEmpty();
            after = charges.isEmpty() ? after : charges.getLast().getId();
        }
        return Optional.ofNullable(declined);
    }

    @Override
    public String toString() {
        return "StripePaymentGateway[" + settings + "]";
    }

    /** One call to Stripe, its attempts recorded, its failures translated at this edge. */
    private <S, T> T call(Call call, String subject, Redactor redactor, StripeCall<S> send, Recovery<T> recovery,
                          Function<S, T> map) {
        Attempts attempts = http.start();
        S answer;
        try {
            answer = send.run();
        } catch (StripeException e) {
            T recovered = recovery.recover(e);
            if (recovered != null) {
                return recovered;
            }
            throw errors.translate(e, call, subject, attempts, redactor);
        } catch (RuntimeException e) {
            // stripe-java throws unchecked exceptions for answers it cannot parse (JsonSyntaxException, NPE).
            throw errors.unexpected(e, call, subject, redactor);
        } finally {
            http.stop();
        }
        return mapped(() -> map.apply(answer), subject, call, redactor);
    }

    /** Maps an answer; an answer that does not fit the domain (no amount, an odd currency) means we do not know. */
    private <T> T mapped(Supplier<T> mapping, String subject, Call call, Redactor redactor) {
        try {
            return mapping.get();
        } catch (PaymentNotCompletedException | PaymentOutcomeUnknownException translated) {
            throw translated;
        } catch (RuntimeException e) {
            throw errors.unexpected(e, call, subject, redactor);
        }
    }

    private RequestOptions idempotent(PaymentKey key, String subject) {
        Objects.requireNonNull(key, "idempotencyKey");
        String value = key.value().strip();
        if (value.isEmpty() || value.length() > MAX_IDEMPOTENCY_KEY) {
            // Caught here, before anything is sent: stripe-java would refuse it with an unchecked exception.
            throw new PaymentNotCompletedException(new PaymentFailure(PaymentFailure.Kind.MERCHANT_ERROR, "idempotency_key_invalid",
                    subject + ": the idempotency key must be 1-" + MAX_IDEMPOTENCY_KEY + " characters, was " + value.length()));
        }
        return RequestOptions.builder().setIdempotencyKey(value).build();
    }

    private static boolean isMissing(StripeException e) {
        return e instanceof InvalidRequestException && "resource_missing".equals(e.getCode());
    }

    private static DeclineReason declineOf(CardException e) {
        String code = e.getCode() == null || e.getCode().isBlank() ? "card_declined" : e.getCode();
        return new DeclineReason(code, e.getDeclineCode(), ProviderError.providerMessage(e));
    }

    /** A charge object as the port's outcome; a charge neither succeeded nor failed has no outcome yet. */
    static ChargeOutcome outcomeOf(com.stripe.model.Charge charge, String subject) {
        String status = charge.getStatus();
        if ("succeeded".equals(status)) {
            Money amount = Money.of(charge.getAmount(), charge.getCurrency());
            long refunded = charge.getAmountRefunded() == null ? 0 : charge.getAmountRefunded();
            return new ChargeOutcome.Approved(new Charge(ChargeId.of(charge.getId()), amount, Money.of(refunded, amount.currency())));
        }
        if ("failed".equals(status)) {
            return new ChargeOutcome.Declined(declineOf(charge));
        }
        throw new PaymentOutcomeUnknownException(subject + ": Stripe reports charge " + charge.getId() + " as '" + status
                + "', not yet succeeded or failed; the card may or may not be charged");
    }

    /**
     * The decline as the failed charge records it, in the words the {@link CardException} used at the time: the
     * charge has no {@code decline_code}; Stripe gives one only for {@code card_declined}, and keeps the issuer's as
     * {@code outcome.reason}. A Radar block ({@code outcome.type} "blocked") was reported as {@code fraudulent},
     * while its {@code outcome.reason} names the rule ({@code highest_risk_level}, ...).
     */
    private static DeclineReason declineOf(com.stripe.model.Charge charge) {
        String code = charge.getFailureCode() == null || charge.getFailureCode().isBlank() ? "card_declined" : charge.getFailureCode();
        var outcome = charge.getOutcome();
        String declineCode = null;
        if (code.equals("card_declined") && outcome != null) {
            declineCode = "blocked".equals(outcome.getType()) ? "fraudulent" : outcome.getReason();
        }
        return new DeclineReason(code, declineCode, charge.getFailureMessage());
    }

    private static Refund refundOf(com.stripe.model.Refund refund, String subject) {
        if ("failed".equals(refund.getStatus()) || "canceled".equals(refund.getStatus())) {
            // Money did not go back: say so, so the order stays "refund pending" and someone looks at it.
            throw new PaymentNotCompletedException(new PaymentFailure(PaymentFailure.Kind.MERCHANT_ERROR, "refund_" + refund.getStatus(),
                    subject + ": Stripe " + refund.getStatus() + " refund " + refund.getId()
                            + (refund.getFailureReason() == null ? "" : " (" + refund.getFailureReason() + ")")));
        }
        return new Refund(new RefundId(refund.getId()), ChargeId.of(refund.getCharge()), Money.of(refund.getAmount(), refund.getCurrency()));
    }

    /** A stripe-java call. */
    @FunctionalInterface
    private interface StripeCall<S> {
        S run() throws StripeException;
    }

    /** An answer for an exception that is an expected outcome (a decline, a missing charge), or null. */
    @FunctionalInterface
    private interface Recovery<T> {
        T recover(StripeException e);
    }
}
