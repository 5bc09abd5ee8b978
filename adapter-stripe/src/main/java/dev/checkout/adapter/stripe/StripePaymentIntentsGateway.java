package dev.checkout.adapter.stripe;

import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeCollection;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentListParams;
import dev.checkout.adapter.stripe.ErrorTranslation.Call;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.payment.Charge;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.ChargeOutcome;
import dev.checkout.domain.payment.ChargeRequest;
import dev.checkout.domain.payment.ClientSecret;
import dev.checkout.domain.payment.DeclineReason;
import dev.checkout.domain.payment.PaymentAttemptId;
import dev.checkout.domain.payment.PaymentFailure;
import dev.checkout.domain.payment.PaymentKey;
import dev.checkout.domain.payment.PaymentToken;
import dev.checkout.domain.payment.Refund;
import dev.checkout.domain.port.PaymentGateway;
import dev.checkout.domain.port.PaymentNotCompletedException;
import dev.checkout.domain.port.PaymentOutcomeUnknownException;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link PaymentGateway} on Stripe's PaymentIntents API through stripe-java, with 3-D Secure: the second real payment
 * adapter, beside {@link StripePaymentGateway} (Charges API), with the same settings, the same error translation and
 * the same guarantees. The browser still makes a card token with {@code stripe.createToken}; the server decides.
 *
 * <p>How the port's calls become PaymentIntent calls:
 * <ul>
 *   <li>{@link #charge}: one {@code POST /v1/payment_intents} with {@code confirm=true}, the token as
 *       {@code payment_method_data[card][token]}, {@code capture_method=automatic},
 *       {@code confirmation_method=manual} (only this server can confirm, with its secret key), metadata
 *       {@code order_id} and the order's idempotency key. {@code succeeded} is approved (the charge is the intent's
 *       {@code latest_charge}); a 402 is a decline; {@code requires_action} means the buyer must authenticate, and
 *       answers the intent's id and {@code client_secret}.</li>
 *   <li>{@link #confirmAuthenticated}: reads the intent first. After the buyer's authentication it is
 *       {@code requires_confirmation} and is confirmed with the key {@code confirm-<order>}; a failed authentication
 *       left it {@code requires_payment_method} with {@code last_payment_error}, which is the decline; an intent
 *       still {@code requires_action} answers "authentication required" again, and nothing is sent that could make a
 *       later confirmation replay that answer.</li>
 *   <li>{@link #cancelAttempt}: {@code POST /v1/payment_intents/{id}/cancel} ({@code abandoned}), unless the intent
 *       already succeeded, whose charge is answered instead.</li>
 *   <li>{@link #findChargeForOrder}: every intent created since {@code notBefore}, every page, tagged with the order;
 *       a succeeded one is approved, then one waiting for the buyer, then the latest decline.</li>
 *   <li>{@link #refund} and {@link #findCharge}: an intent's charge is an ordinary {@code ch_...}, so these are the
 *       Charges adapter's calls.</li>
 * </ul>
 * Statuses that a card never reaches in this flow ({@code processing}, {@code requires_capture}) mean "unknown".
 * Neither the secret key, a raw token nor a client secret appears in any message this class produces.
 */
public final class StripePaymentIntentsGateway implements PaymentGateway {
    /** Stripe's code for a buyer who failed (or abandoned) 3-D Secure. */
    static final String AUTHENTICATION_FAILURE = "payment_intent_authentication_failure";
    private static final String UNEXPECTED_STATE = "payment_intent_unexpected_state";
    private static final long PAGE_SIZE = 100;

    /** The shared connection, settings and error translation; also the refunds and charge look-ups. */
    private final StripePaymentGateway charges;

    /**
     * A gateway on the PaymentIntents API.
     *
     * @param settings the API base, keys and timeouts, as for the Charges adapter
     */
    public StripePaymentIntentsGateway(StripeSettings settings) {
        this.charges = new StripePaymentGateway(settings);
    }

    @Override
    public ChargeOutcome charge(ChargeRequest request) {
        Objects.requireNonNull(request, "request");
        PaymentToken token = request.token();
        String subject = "payment intent for order " + request.orderId().value();
        var params = PaymentIntentCreateParams.builder()
                .setAmount(request.amount().minorUnits())
                .setCurrency(request.amount().currency().lowerCase())
                .setConfirm(true)
                .setConfirmationMethod(PaymentIntentCreateParams.ConfirmationMethod.MANUAL)
                .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.AUTOMATIC)
                // card only: without it the API's default (automatic payment methods) would demand a return_url
                .addPaymentMethodType("card")
                .setDescription(request.description())
                .putMetadata(StripePaymentGateway.ORDER_ID, request.orderId().value())
                // absent from the typed parameters on purpose (Stripe discourages raw card data there); a token is fine
                .putExtraParam("payment_method_data", Map.of("type", "card", "card", Map.of("token", token.reveal())))
                .build();
        RequestOptions options = charges.idempotent(request.idempotencyKey(), subject);
        return charges.call(Call.CHARGE, subject, charges.redactor().alsoHiding(token.reveal(), token.masked()),
                () -> charges.client().v1().paymentIntents().create(params, options),
                e -> e instanceof CardException declined ? new ChargeOutcome.Declined(StripePaymentGateway.declineOf(declined)) : null,
                intent -> outcomeOf(intent, subject));
    }

    @Override
    public ChargeOutcome confirmAuthenticated(PaymentAttemptId attempt, PaymentKey idempotencyKey) {
        Objects.requireNonNull(attempt, "attempt");
        String subject = "confirmation of payment intent " + attempt.value();
        PaymentIntent intent = retrieve(attempt, subject);
        if (!"requires_confirmation".equals(intent.getStatus())) {
            return outcomeOf(intent, subject); // decided already, canceled, or the buyer is not done
        }
        RequestOptions options = charges.idempotent(idempotencyKey, subject);
        return charges.call(Call.CHARGE, subject, charges.redactor(),
                () -> charges.client().v1().paymentIntents().confirm(attempt.value(),
                        PaymentIntentConfirmParams.builder().build(), options),
                e -> e instanceof CardException declined ? new ChargeOutcome.Declined(StripePaymentGateway.declineOf(declined)) : null,
                confirmed -> outcomeOf(confirmed, subject));
    }

    @Override
    public Optional<Charge> cancelAttempt(PaymentAttemptId attempt) {
        Objects.requireNonNull(attempt, "attempt");
        String subject = "cancellation of payment intent " + attempt.value();
        PaymentIntent intent = retrieve(attempt, subject);
        if ("succeeded".equals(intent.getStatus()) || "canceled".equals(intent.getStatus())) {
            return takenBy(intent, subject);
        }
        var params = PaymentIntentCancelParams.builder()
                .setCancellationReason(PaymentIntentCancelParams.CancellationReason.ABANDONED).build();
        Optional<PaymentIntent> canceled = charges.call(Call.LOOKUP, subject, charges.redactor(),
                () -> Optional.of(charges.client().v1().paymentIntents().cancel(attempt.value(), params)),
                // succeeded (or canceled) between our read and the cancel: read again below
                e -> e instanceof InvalidRequestException && UNEXPECTED_STATE.equals(e.getCode()) ? Optional.<PaymentIntent>empty() : null,
                Function.identity());
        return takenBy(canceled.orElseGet(() -> retrieve(attempt, subject)), subject);
    }

    @Override
    public Refund refund(ChargeId charge, Money amount, PaymentKey idempotencyKey) {
        return charges.refund(charge, amount, idempotencyKey);
    }

    @Override
    public Optional<Charge> findCharge(ChargeId charge) {
        return charges.findCharge(charge);
    }

    @Override
    public Optional<ChargeOutcome> findChargeForOrder(OrderId orderId, Instant notBefore) {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(notBefore, "notBefore");
        String subject = "search for the payment intents of order " + orderId.value();
        long since = notBefore.getEpochSecond(); // whole seconds, rounded down: never narrower than asked
        ChargeOutcome waiting = null;
        ChargeOutcome declined = null;
        String after = null;
        boolean more = true;
        while (more) { // every page: "nothing found" lets the reconciler release the stock
            var params = PaymentIntentListParams.builder()
                    .setCreated(PaymentIntentListParams.Created.builder().setGte(since).build())
                    .setLimit(PAGE_SIZE)
                    .setStartingAfter(after)
                    .build();
            StripeCollection<PaymentIntent> page = charges.call(Call.LOOKUP, subject, charges.redactor(),
                    () -> charges.client().v1().paymentIntents().list(params), e -> null, Function.identity());
            List<PaymentIntent> intents = page.getData() == null ? List.of() : page.getData();
            for (PaymentIntent intent : intents) {
                Map<String, String> metadata = intent.getMetadata();
                if (metadata == null || !orderId.value().equals(metadata.get(StripePaymentGateway.ORDER_ID))
                        || "canceled".equals(intent.getStatus())) {
                    continue; // another order's, or canceled: a canceled intent took nothing
                }
                ChargeOutcome outcome = charges.mapped(() -> outcomeOf(intent, subject), subject, Call.LOOKUP, charges.redactor());
                switch (outcome) {
                    case ChargeOutcome.Approved approved -> {
                        return Optional.of(approved);
                    }
                    case ChargeOutcome.AuthenticationRequired required -> waiting = waiting == null ? required : waiting;
                    case ChargeOutcome.Declined d -> declined = declined == null ? d : declined; // newest first
                }
            }
            more = Boolean.TRUE.equals(page.getHasMore()) && !intents.isEmpty();
            after = intents.isEmpty() ? after : intents.getLast().getId();
        }
        return Optional.ofNullable(waiting != null ? waiting : declined);
    }

    @Override
    public String toString() {
        return "StripePaymentIntentsGateway[" + charges + "]";
    }

    private PaymentIntent retrieve(PaymentAttemptId attempt, String subject) {
        return charges.call(Call.LOOKUP, subject, charges.redactor(),
                () -> charges.client().v1().paymentIntents().retrieve(attempt.value()), e -> null, Function.identity());
    }

    /** What a canceled or succeeded intent took: its charge as it stands now if it succeeded, else nothing. */
    private Optional<Charge> takenBy(PaymentIntent intent, String subject) {
        return switch (intent.getStatus()) {
            case "succeeded" -> Optional.of(chargeOf(intent, subject));
            case "canceled" -> Optional.empty();
            default -> throw new PaymentOutcomeUnknownException(subject + ": Stripe reports payment intent "
                    + intent.getId() + " as '" + intent.getStatus() + "' after canceling it");
        };
    }

    /** An intent's status as the port's outcome; a status without one yet is "unknown", a canceled one "not completed". */
    private ChargeOutcome outcomeOf(PaymentIntent intent, String subject) {
        String status = intent.getStatus();
        return switch (status == null ? "" : status) {
            case "succeeded" -> new ChargeOutcome.Approved(chargeOf(intent, subject));
            case "requires_action", "requires_confirmation" -> new ChargeOutcome.AuthenticationRequired(
                    new PaymentAttemptId(intent.getId()), ClientSecret.of(intent.getClientSecret()));
            case "requires_payment_method" -> {
                StripeError error = intent.getLastPaymentError();
                if (error == null) {
                    throw new PaymentNotCompletedException(new PaymentFailure(PaymentFailure.Kind.MERCHANT_ERROR,
                            "payment_method_missing", subject + ": Stripe holds payment intent " + intent.getId()
                            + " without a payment method; nothing was charged"));
                }
                yield new ChargeOutcome.Declined(declineOf(error));
            }
            case "canceled" -> throw new PaymentNotCompletedException(new PaymentFailure(PaymentFailure.Kind.INVALID_PAYMENT_DETAILS,
                    "payment_intent_canceled", "This payment was canceled; nothing was charged."));
            default -> throw new PaymentOutcomeUnknownException(subject + ": Stripe reports payment intent "
                    + intent.getId() + " as '" + status + "', not yet succeeded or failed; the card may or may not be charged");
        };
    }

    /** The charge of a succeeded intent, read as it stands now (refunds included). */
    private Charge chargeOf(PaymentIntent intent, String subject) {
        String latest = intent.getLatestCharge();
        if (latest == null) {
            throw new PaymentOutcomeUnknownException(subject + ": Stripe reports payment intent " + intent.getId()
                    + " as succeeded without a charge");
        }
        Money received = Money.of(intent.getAmountReceived(), intent.getCurrency());
        return charges.findCharge(ChargeId.of(latest)).orElseGet(() -> Charge.unrefunded(ChargeId.of(latest), received));
    }

    /** The intent's last error as a decline; a failed 3-D Secure gets words for the buyer instead of Stripe's. */
    private static DeclineReason declineOf(StripeError error) {
        String code = error.getCode() == null || error.getCode().isBlank() ? "card_declined" : error.getCode();
        String message = AUTHENTICATION_FAILURE.equals(code)
                ? "Your bank could not confirm this payment, so it was not made. Try again or use another card."
                : error.getMessage();
        return new DeclineReason(code, error.getDeclineCode(), message);
    }
}
