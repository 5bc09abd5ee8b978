package dev.checkout.sandbox.api;

import dev.checkout.sandbox.card.Fingerprinter;
import dev.checkout.sandbox.store.Charge;
import dev.checkout.sandbox.store.Event;
import dev.checkout.sandbox.store.Refund;
import dev.checkout.sandbox.store.Table;
import dev.checkout.sandbox.store.Token;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * The business of the API, one class per resource ({@link TokenEndpoints}, {@link ChargeEndpoints},
 * {@link RefundEndpoints}, {@link PaymentMethodEndpoints}, {@link PaymentIntentEndpoints}, {@link DisputeEndpoints}, {@link EventEndpoints},
 * {@link Webhooks}) over one {@link Ledger}. Each call is split in
 * two: {@code prepare} checks the parameters (its errors are never stored under an idempotency key, spec 7) and
 * returns a {@link Prepared} whose {@code execute} has the effects (its answer, success or business error, is stored
 * and replayed).
 */
final class Endpoints implements AutoCloseable {
    /** A checked call, ready to run. */
    interface Prepared {
        Reply execute();

        /** Whether the configured charge delay applies. */
        default boolean delayed() {
            return false;
        }

        /** Whether the configured refund delay applies. */
        default boolean refundDelayed() {
            return false;
        }
    }

    final Table<Token> tokens;
    final Table<Charge> charges;
    final Table<Refund> refunds;
    final Table<Event> events;
    final Table<dev.checkout.sandbox.store.PaymentMethod> paymentMethods;
    final Table<dev.checkout.sandbox.store.PaymentIntent> paymentIntents;
    private final TokenEndpoints tokenEndpoints;
    private final ChargeEndpoints chargeEndpoints;
    private final RefundEndpoints refundEndpoints;
    private final EventEndpoints eventEndpoints;
    private final PaymentMethodEndpoints paymentMethodEndpoints;
    private final PaymentIntentEndpoints paymentIntentEndpoints;
    private final DisputeEndpoints disputeEndpoints;
    private final ChallengePage challengePage;
    private final Webhooks webhooks;
    private final Deliveries deliveries;
    private final Ledger ledger;

    Endpoints(SandboxSettings settings, Clock clock) {
        this.ledger = new Ledger(settings, clock);
        this.tokens = ledger.tokens;
        this.charges = ledger.charges;
        this.refunds = ledger.refunds;
        this.events = ledger.events;
        this.paymentMethods = ledger.paymentMethods;
        this.paymentIntents = ledger.paymentIntents;
        byte[] secret = settings.fingerprintSecret();
        if (secret == null || secret.length == 0) {
            // a fresh key per process: fingerprints are stable for the life of the sandbox and reveal nothing
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
        }
        Fingerprinter fingerprinter = new Fingerprinter(secret);
        this.tokenEndpoints = new TokenEndpoints(ledger, settings, clock, fingerprinter);
        this.chargeEndpoints = new ChargeEndpoints(ledger, settings, clock, fingerprinter);
        this.refundEndpoints = new RefundEndpoints(ledger);
        this.eventEndpoints = new EventEndpoints(ledger);
        this.paymentMethodEndpoints = new PaymentMethodEndpoints(ledger, chargeEndpoints);
        this.paymentIntentEndpoints = new PaymentIntentEndpoints(ledger, chargeEndpoints, paymentMethodEndpoints);
        this.disputeEndpoints = new DisputeEndpoints(ledger);
        this.challengePage = new ChallengePage(paymentIntentEndpoints, settings.accounts(),
                settings.statementDescriptor());
        this.webhooks = new Webhooks(settings.webhooks(), ledger, settings.accounts());
        this.deliveries = new Deliveries(settings.webhooks(), ledger, webhooks, clock);
        ledger.deliverThrough(webhooks, deliveries);
    }

    /** Deliveries queued or waiting for a retry. */
    int pendingDeliveries() {
        return deliveries.pending();
    }

    /** Stops delivering (queued deliveries and retries are dropped). */
    @Override
    public void close() {
        ledger.close();
        deliveries.close();
    }

    /** The 3-D Secure test page (PaymentIntents spec 5.4). */
    Answer challengePage(ApiRequest req) {
        return challengePage.answer(req);
    }

    Prepared prepare(Route.Op op, SandboxApi.Call call) {
        return switch (op) {
            case CREATE_TOKEN -> tokenEndpoints.create(call);
            case GET_TOKEN -> tokenEndpoints.get(call);
            case CREATE_CHARGE -> chargeEndpoints.create(call);
            case GET_CHARGE -> chargeEndpoints.get(call);
            case UPDATE_CHARGE -> chargeEndpoints.update(call);
            case CAPTURE_CHARGE -> chargeEndpoints.capture(call);
            case LIST_CHARGES -> chargeEndpoints.list(call);
            case LIST_CHARGE_REFUNDS -> chargeEndpoints.listRefunds(call);
            case CREATE_REFUND -> refundEndpoints.create(call);
            case GET_REFUND -> refundEndpoints.get(call);
            case UPDATE_REFUND -> refundEndpoints.update(call);
            case LIST_REFUNDS -> refundEndpoints.list(call);
            case GET_EVENT -> eventEndpoints.get(call);
            case LIST_EVENTS -> eventEndpoints.list(call);
            case CREATE_WEBHOOK_ENDPOINT -> webhooks.create(call);
            case GET_WEBHOOK_ENDPOINT -> webhooks.get(call);
            case UPDATE_WEBHOOK_ENDPOINT -> webhooks.update(call);
            case DELETE_WEBHOOK_ENDPOINT -> webhooks.delete(call);
            case LIST_WEBHOOK_ENDPOINTS -> webhooks.list(call);
            case CREATE_PAYMENT_METHOD -> paymentMethodEndpoints.create(call);
            case GET_PAYMENT_METHOD -> paymentMethodEndpoints.get(call);
            case CREATE_PAYMENT_INTENT -> paymentIntentEndpoints.create(call);
            case GET_PAYMENT_INTENT -> paymentIntentEndpoints.get(call);
            case CONFIRM_PAYMENT_INTENT -> paymentIntentEndpoints.confirm(call);
            case UPDATE_PAYMENT_INTENT -> paymentIntentEndpoints.update(call);
            case CAPTURE_PAYMENT_INTENT -> paymentIntentEndpoints.capture(call);
            case CANCEL_PAYMENT_INTENT -> paymentIntentEndpoints.cancel(call);
            case LIST_PAYMENT_INTENTS -> paymentIntentEndpoints.list(call);
            case LIST_DISPUTES -> disputeEndpoints.list(call);
            case GET_DISPUTE -> disputeEndpoints.get(call);
            case UPDATE_DISPUTE -> disputeEndpoints.update(call);
            case CLOSE_DISPUTE -> disputeEndpoints.close(call);
            case UNSUPPORTED_PAYMENT_INTENT_ACTION -> throw ApiError.invalid(null, null, "The sandbox does not offer "
                    + call.pathId() + " for PaymentIntents: it serves card payments with create, confirm, capture, "
                    + "cancel, retrieve, update and list.");
        };
    }
}
