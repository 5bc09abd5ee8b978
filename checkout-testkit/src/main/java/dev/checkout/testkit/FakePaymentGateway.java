package dev.checkout.testkit;

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
 * <p>Given the {@link InMemoryTransactions} in use, it fails the test (an {@link AssertionError}) when called inside
 * a transaction: a network call there would hold locks for as long as the provider takes.
 */
public final class FakePaymentGateway implements PaymentGateway {

    private sealed interface Behaviour {}
    private record Approve() implements Behaviour {}
    private record Decline(DeclineReason reason) implements Behaviour {}
    private record NotCharged(PaymentFailure failure) implements Behaviour {}
    private record Unknown(boolean chargedAnyway) implements Behaviour {}

    private record Attempt(PaymentToken token, Money amount, ChargeOutcome outcome) {}

    private final InMemoryTransactions transactions;
    private final Queue<Behaviour> script = new ArrayDeque<>();
    private final Map<PaymentKey, Attempt> attempts = new HashMap<>();
    private final Map<OrderId, ChargeOutcome> byOrder = new HashMap<>();
    private final Map<ChargeId, Charge> charges = new HashMap<>();
    private final Map<PaymentKey, Refund> refunds = new HashMap<>();
    private final Set<PaymentToken> usedTokens = new HashSet<>();
    private final Map<PaymentToken, DeclineReason> decliningTokens = new HashMap<>();
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
        return Optional.ofNullable(byOrder.get(orderId)).map(outcome -> outcome instanceof ChargeOutcome.Approved(Charge c)
                ? new ChargeOutcome.Approved(charges.get(c.id())) : outcome);
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

    /** How many times {@link #charge} reached the provider (replays included). */
    public synchronized int chargeCalls() {
        return chargeCalls;
    }

    /** The idempotency keys charges were sent with, for assertions. */
    public synchronized Set<PaymentKey> chargeKeys() {
        return Set.copyOf(attempts.keySet());
    }
}
