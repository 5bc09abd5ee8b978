package dev.checkout.testkit;

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
import dev.checkout.domain.payment.RefundId;
import dev.checkout.domain.port.PaymentGateway;
import dev.checkout.domain.port.PaymentNotCompletedException;
import dev.checkout.domain.port.PaymentOutcomeUnknownException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;

/**
 * A payment provider in memory that behaves like Stripe where the checkout depends on it (idempotency keys replay
 * the first answer, tokens are single-use even when declined, refunds cannot exceed the charge) and can be scripted
 * with named failure switches: {@link #declineNext}, {@link #failNextNotCharged}, {@link #failNextUnknown},
 * {@link #failNextRefund}, {@link #failNextRefundAfterRefunding}, {@link #refuseNextRefund}, {@link #setUnreachable},
 * {@link #setDelay}.
 *
 * <p>It can also ask for strong customer authentication, as a PaymentIntents provider does with 3-D Secure cards:
 * {@link #requireAuthenticationNext} or {@link #requiringAuthentication} make a charge answer
 * {@link ChargeOutcome.AuthenticationRequired}; the buyer's side is {@link #completeAuthentication} and
 * {@link #failAuthentication}; {@link #failNextConfirmUnknown} loses a confirmation's answer. Until the buyer
 * completes, a confirmation answers "authentication required" again; after a failed authentication it declines with
 * {@code payment_intent_authentication_failure}; a canceled attempt can never be confirmed.
 *
 * <p>Given the {@link InMemoryTransactions} in use, it fails the test (an {@link AssertionError}) when called inside
 * a transaction: a network call there would hold locks for as long as the provider takes.
 */
public final class FakePaymentGateway implements PaymentGateway {

    private sealed interface Behaviour {}
    private record Approve() implements Behaviour {}
    private record Decline(DeclineReason reason) implements Behaviour {}
    private record NotCharged(PaymentFailure failure) implements Behaviour {}
    private record Unknown(boolean chargedAnyway) implements Behaviour {}
    private record Authenticate() implements Behaviour {}

    /** Where an attempt that asked for authentication stands, as a PaymentIntent's status would say. */
    private enum AttemptState { REQUIRES_ACTION, AUTHENTICATED, AUTHENTICATION_FAILED, DECIDED, CANCELED }

    private static final class Authentication {
        final ChargeRequest request;
        final ClientSecret secret;
        AttemptState state = AttemptState.REQUIRES_ACTION;
        ChargeOutcome decision;

        Authentication(ChargeRequest request, ClientSecret secret) {
            this.request = request;
            this.secret = secret;
        }
    }

    private record Attempt(PaymentToken token, Money amount, ChargeOutcome outcome) {}

    private final InMemoryTransactions transactions;
    private final Queue<Behaviour> script = new ArrayDeque<>();
    private final Map<PaymentKey, Attempt> attempts = new HashMap<>();
    private final Map<OrderId, ChargeOutcome> byOrder = new HashMap<>();
    private final Map<ChargeId, Charge> charges = new HashMap<>();
    private final Map<PaymentKey, Refund> refunds = new HashMap<>();
    private final Set<PaymentToken> usedTokens = new HashSet<>();
    private final Map<PaymentToken, DeclineReason> decliningTokens = new HashMap<>();
    private final Set<PaymentToken> authenticatingTokens = new HashSet<>();
    private final Map<PaymentAttemptId, Authentication> authentications = new HashMap<>();
    private final Map<PaymentKey, ChargeOutcome> confirmations = new HashMap<>();
    private final Queue<Boolean> confirmUnknown = new ArrayDeque<>();
    private int confirmCalls;
    private int failRefunds;
    private int failRefundsAfterRefunding;
    private final Queue<PaymentFailure> refuseRefunds = new ArrayDeque<>();
    private int refundCalls;
    private int chargeCalls;
    private int sequence;
    private volatile boolean unreachable;
    private volatile Duration delay = Duration.ZERO;

    /** A gateway that does not check for transactions. */
    public FakePaymentGateway() {
        this(null);
    }

    public FakePaymentGateway(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    /** The next charge is declined by the issuer with this code and decline code. */
    public synchronized FakePaymentGateway declineNext(String code, String declineCode, String message) {
        script.add(new Decline(new DeclineReason(code, declineCode, message)));
        return this;
    }

    /** Any charge of this token is declined (as a test card number would be), whatever the script says. */
    public synchronized FakePaymentGateway declining(PaymentToken token, DeclineReason reason) {
        decliningTokens.put(token, reason);
        return this;
    }

    /** The next charge asks the buyer to authenticate (3-D Secure) instead of deciding. */
    public synchronized FakePaymentGateway requireAuthenticationNext() {
        script.add(new Authenticate());
        return this;
    }

    /** Any charge of this token asks the buyer to authenticate (as a 3-D Secure test card would), whatever the script. */
    public synchronized FakePaymentGateway requiringAuthentication(PaymentToken token) {
        authenticatingTokens.add(token);
        return this;
    }

    /**
     * The buyer completes the authentication of the attempt with this client secret (what Stripe.js's
     * {@code handleCardAction} does after the bank's page): the next confirmation decides.
     *
     * @throws IllegalStateException if no attempt with this secret waits for authentication
     */
    public synchronized FakePaymentGateway completeAuthentication(ClientSecret secret) {
        waiting(secret).state = AttemptState.AUTHENTICATED;
        return this;
    }

    /**
     * The buyer fails the authentication of the attempt with this client secret: the next confirmation declines.
     *
     * @throws IllegalStateException if no attempt with this secret waits for authentication
     */
    public synchronized FakePaymentGateway failAuthentication(ClientSecret secret) {
        waiting(secret).state = AttemptState.AUTHENTICATION_FAILED;
        return this;
    }

    private Authentication waiting(ClientSecret secret) {
        return authentications.values().stream()
                .filter(a -> a.secret.equals(secret) && a.state == AttemptState.REQUIRES_ACTION)
                .findFirst().orElseThrow(() -> new IllegalStateException("no attempt waits for authentication with " + secret));
    }

    /**
     * The next confirmation's answer is lost; {@code decidedAnyway} says whether the provider decided (and, for an
     * authenticated attempt, charged) before the line dropped.
     */
    public synchronized FakePaymentGateway failNextConfirmUnknown(boolean decidedAnyway) {
        confirmUnknown.add(decidedAnyway);
        return this;
    }

    /** The next charge certainly does not happen, for this reason. */
    public synchronized FakePaymentGateway failNextNotCharged(PaymentFailure.Kind kind, String code) {
        script.add(new NotCharged(new PaymentFailure(kind, code, null)));
        return this;
    }

    /** The next charge times out; {@code chargedAnyway} says whether the provider charged before the line dropped. */
    public synchronized FakePaymentGateway failNextUnknown(boolean chargedAnyway) {
        script.add(new Unknown(chargedAnyway));
        return this;
    }

    /** The next {@code count} refunds fail without refunding. */
    public synchronized FakePaymentGateway failNextRefund(int count) {
        failRefunds += count;
        return this;
    }

    /** The next {@code count} refunds are made, but their answer is lost: the caller sees an unknown outcome. */
    public synchronized FakePaymentGateway failNextRefundAfterRefunding(int count) {
        failRefundsAfterRefunding += count;
        return this;
    }

    /** The next refund is certainly not made: the provider refuses it for this reason. */
    public synchronized FakePaymentGateway refuseNextRefund(PaymentFailure.Kind kind, String code) {
        refuseRefunds.add(new PaymentFailure(kind, code, null));
        return this;
    }

    /** While set, every call fails as if the provider could not be reached. */
    public FakePaymentGateway setUnreachable(boolean down) {
        unreachable = down;
        return this;
    }

    /** Every charge takes this long (outside the lock, so concurrent charges overlap). */
    public FakePaymentGateway setDelay(Duration perCharge) {
        delay = perCharge;
        return this;
    }

    @Override
    public ChargeOutcome charge(ChargeRequest request) {
        checkNotInTransaction("charge");
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PaymentOutcomeUnknownException("interrupted while charging", e);
            }
        }
        synchronized (this) {
            chargeCalls++;
            if (unreachable) {
                throw new PaymentNotCompletedException(new PaymentFailure(PaymentFailure.Kind.PROVIDER_UNAVAILABLE, null, null));
            }
            Attempt earlier = attempts.get(request.idempotencyKey());
            if (earlier != null) {
                if (!earlier.token().equals(request.token()) || !earlier.amount().equals(request.amount())) {
                    throw new PaymentNotCompletedException(new PaymentFailure(PaymentFailure.Kind.MERCHANT_ERROR, "idempotency_error",
                            "Keys for idempotent requests can only be used with the same parameters they were first used with."));
                }
                return earlier.outcome();
            }
            Behaviour behaviour = script.isEmpty() ? new Approve() : script.poll();
            if (behaviour instanceof NotCharged(PaymentFailure failure)) {
                throw new PaymentNotCompletedException(failure);
            }
            if (behaviour instanceof Unknown(boolean chargedAnyway)) {
                if (chargedAnyway) {
                    record(request, approve(request));
                }
                throw new PaymentOutcomeUnknownException("read timed out (scripted)");
            }
            if (usedTokens.contains(request.token())) {
                throw new PaymentNotCompletedException(new PaymentFailure(PaymentFailure.Kind.INVALID_PAYMENT_DETAILS,
                        "token_already_used", "You cannot use a Stripe token more than once."));
            }
            if (authenticatingTokens.contains(request.token()) || behaviour instanceof Authenticate) {
                var attempt = new PaymentAttemptId("pi_fake_" + (++sequence));
                var secret = ClientSecret.of(attempt.value() + "_secret_" + Long.toHexString(Double.doubleToLongBits(Math.random())));
                authentications.put(attempt, new Authentication(request, secret));
                ChargeOutcome waiting = new ChargeOutcome.AuthenticationRequired(attempt, secret);
                record(request, waiting);
                return waiting;
            }
            DeclineReason tokenDecline = decliningTokens.get(request.token());
            ChargeOutcome outcome = tokenDecline != null ? new ChargeOutcome.Declined(tokenDecline)
                    : behaviour instanceof Decline(DeclineReason reason) ? new ChargeOutcome.Declined(reason)
                    : approve(request);
            record(request, outcome);
            return outcome;
        }
    }

    private ChargeOutcome approve(ChargeRequest request) {
        var charge = Charge.unrefunded(new ChargeId("ch_fake_" + (++sequence)), request.amount());
        charges.put(charge.id(), charge);
        return new ChargeOutcome.Approved(charge);
    }

    private void record(ChargeRequest request, ChargeOutcome outcome) {
        usedTokens.add(request.token());
        attempts.put(request.idempotencyKey(), new Attempt(request.token(), request.amount(), outcome));
        byOrder.put(request.orderId(), outcome);
    }

    @Override
    public synchronized Refund refund(ChargeId chargeId, Money amount, PaymentKey idempotencyKey) {
        checkNotInTransaction("refund");
        if (unreachable) {
            throw new PaymentOutcomeUnknownException("provider unreachable");
        }
        refundCalls++;
        Refund earlier = refunds.get(idempotencyKey);
        if (earlier != null) {
            if (!earlier.amount().equals(amount) || !earlier.chargeId().equals(chargeId)) {
                throw new PaymentNotCompletedException(new PaymentFailure(PaymentFailure.Kind.MERCHANT_ERROR, "idempotency_error",
                        "Keys for idempotent requests can only be used with the same parameters they were first used with."));
            }
            return earlier;
        }
        if (failRefunds > 0) {
            failRefunds--;
            throw new PaymentOutcomeUnknownException("refund timed out (scripted)");
        }
        if (!refuseRefunds.isEmpty()) {
            throw new PaymentNotCompletedException(refuseRefunds.poll());
        }
        Charge charge = charges.get(chargeId);
        if (charge == null) {
            throw new PaymentNotCompletedException(new PaymentFailure(PaymentFailure.Kind.MERCHANT_ERROR, "resource_missing", "No such charge: " + chargeId));
        }
        Money refunded = charge.amountRefunded().plus(amount);
        if (refunded.compareTo(charge.amount()) > 0) {
            throw new PaymentNotCompletedException(new PaymentFailure(PaymentFailure.Kind.MERCHANT_ERROR, "charge_already_refunded",
                    "Refund amount exceeds the charge's unrefunded amount."));
        }
        charges.put(chargeId, new Charge(chargeId, charge.amount(), refunded));
        var refund = new Refund(new RefundId("re_fake_" + (++sequence)), chargeId, amount);
        refunds.put(idempotencyKey, refund);
        if (failRefundsAfterRefunding > 0) {
            failRefundsAfterRefunding--;
            throw new PaymentOutcomeUnknownException("refund answer lost (scripted)");
        }
        return refund;
    }

    @Override
    public synchronized Optional<Charge> findCharge(ChargeId chargeId) {
        checkNotInTransaction("findCharge");
        if (unreachable) {
            throw new PaymentOutcomeUnknownException("provider unreachable");
        }
        return Optional.ofNullable(charges.get(chargeId));
    }

    @Override
    public synchronized Optional<ChargeOutcome> findChargeForOrder(OrderId orderId, Instant notBefore) {
        checkNotInTransaction("findChargeForOrder");
        if (unreachable) {
            throw new PaymentOutcomeUnknownException("provider unreachable");
        }
        return Optional.ofNullable(byOrder.get(orderId)).map(this::current);
    }

    @Override
    public synchronized ChargeOutcome confirmAuthenticated(PaymentAttemptId attempt, PaymentKey idempotencyKey) {
        checkNotInTransaction("confirmAuthenticated");
        if (unreachable) {
            throw new PaymentNotCompletedException(new PaymentFailure(PaymentFailure.Kind.PROVIDER_UNAVAILABLE, null, null));
        }
        confirmCalls++;
        ChargeOutcome earlier = confirmations.get(idempotencyKey);
        if (earlier != null) {
            return current(earlier);
        }
        Authentication auth = authentications.get(attempt);
        if (auth == null) {
            throw new PaymentNotCompletedException(new PaymentFailure(PaymentFailure.Kind.MERCHANT_ERROR, "resource_missing",
                    "No such payment attempt: " + attempt));
        }
        ChargeOutcome decision = switch (auth.state) {
            case REQUIRES_ACTION -> null;
            case CANCELED -> throw new PaymentNotCompletedException(new PaymentFailure(PaymentFailure.Kind.INVALID_PAYMENT_DETAILS,
                    "payment_intent_unexpected_state", "This payment was canceled; nothing was charged."));
            case DECIDED -> auth.decision;
            case AUTHENTICATION_FAILED -> new ChargeOutcome.Declined(new DeclineReason("payment_intent_authentication_failure",
                    null, "Your bank could not authenticate this payment; nothing was charged."));
            case AUTHENTICATED -> {
                DeclineReason tokenDecline = decliningTokens.get(auth.request.token());
                yield tokenDecline != null ? new ChargeOutcome.Declined(tokenDecline) : approve(auth.request);
            }
        };
        if (decision == null) {
            return new ChargeOutcome.AuthenticationRequired(attempt, auth.secret); // the buyer has not finished
        }
        auth.state = AttemptState.DECIDED;
        auth.decision = decision;
        confirmations.put(idempotencyKey, decision);
        byOrder.put(auth.request.orderId(), decision);
        Boolean lost = confirmUnknown.poll();
        if (lost != null) {
            if (!lost) { // not decided after all: undo
                auth.state = AttemptState.AUTHENTICATED;
                confirmations.remove(idempotencyKey);
                byOrder.put(auth.request.orderId(), new ChargeOutcome.AuthenticationRequired(attempt, auth.secret));
                if (decision instanceof ChargeOutcome.Approved(Charge c)) {
                    charges.remove(c.id());
                }
            }
            throw new PaymentOutcomeUnknownException("confirmation answer lost (scripted)");
        }
        return decision;
    }

    @Override
    public synchronized Optional<Charge> cancelAttempt(PaymentAttemptId attempt) {
        checkNotInTransaction("cancelAttempt");
        if (unreachable) {
            throw new PaymentOutcomeUnknownException("provider unreachable");
        }
        Authentication auth = authentications.get(attempt);
        if (auth == null) {
            throw new PaymentNotCompletedException(new PaymentFailure(PaymentFailure.Kind.MERCHANT_ERROR, "resource_missing",
                    "No such payment attempt: " + attempt));
        }
        if (auth.state == AttemptState.DECIDED && auth.decision instanceof ChargeOutcome.Approved(Charge c)) {
            return Optional.of(charges.get(c.id()));
        }
        auth.state = AttemptState.CANCELED;
        byOrder.remove(auth.request.orderId()); // a canceled attempt holds no charge: the reconciler finds none
        return Optional.empty();
    }

    /** An approval as its charge stands now (refunds included); other outcomes as they are. */
    private ChargeOutcome current(ChargeOutcome outcome) {
        return outcome instanceof ChargeOutcome.Approved(Charge c) ? new ChargeOutcome.Approved(charges.get(c.id())) : outcome;
    }

    private void checkNotInTransaction(String call) {
        if (transactions != null && transactions.inTransaction()) {
            throw new AssertionError("PaymentGateway." + call + " was called inside a transaction: "
                    + "a network call must never hold database locks");
        }
    }

    /** Charges that succeeded (with their current refunded amount), for assertions. */
    public synchronized List<Charge> approvedCharges() {
        return List.copyOf(charges.values());
    }

    /** Refunds made, for assertions. */
    public synchronized Map<PaymentKey, Refund> refunds() {
        return Map.copyOf(refunds);
    }

    /** How many times {@link #refund} reached the provider (replays included). */
    public synchronized int refundCalls() {
        return refundCalls;
    }

    /** How many times {@link #confirmAuthenticated} reached the provider (replays included). */
    public synchronized int confirmCalls() {
        return confirmCalls;
    }

    /** Whether the attempt was canceled, for assertions. */
    public synchronized boolean isCanceled(PaymentAttemptId attempt) {
        Authentication auth = authentications.get(attempt);
        return auth != null && auth.state == AttemptState.CANCELED;
    }

    /** How many times {@link #charge} reached the provider (replays included). */
    public synchronized int chargeCalls() {
        return chargeCalls;
    }

    /** The idempotency keys charges were sent with, for assertions. */
    public synchronized Set<PaymentKey> chargeKeys() {
        return Set.copyOf(attempts.keySet());
    }
}
