package dev.checkout.app.metrics;

import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.payment.Charge;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.ChargeOutcome;
import dev.checkout.domain.payment.ChargeRequest;
import dev.checkout.domain.payment.PaymentAttemptId;
import dev.checkout.domain.payment.PaymentKey;
import dev.checkout.domain.payment.Refund;
import dev.checkout.domain.port.PaymentGateway;
import dev.checkout.domain.port.PaymentNotCompletedException;
import dev.checkout.domain.port.PaymentOutcomeUnknownException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/** Times every provider call by call and outcome ({@code checkout_provider_calls_seconds{call="charge",outcome="approved"}}). */
public final class MeteredPaymentGateway implements PaymentGateway {
    private final PaymentGateway gateway;
    private final MeterRegistry registry;
    /** One timer per call and outcome, made at its first use: no registry lookup per provider call. */
    private final Map<String, Timer> byCallAndOutcome = new ConcurrentHashMap<>();

    public MeteredPaymentGateway(PaymentGateway gateway, MeterRegistry registry) {
        this.gateway = gateway;
        this.registry = registry;
    }

    @Override
    public ChargeOutcome charge(ChargeRequest request) {
        return timed("charge", () -> gateway.charge(request), MeteredPaymentGateway::outcomeName);
    }

    @Override
    public ChargeOutcome confirmAuthenticated(PaymentAttemptId attempt, PaymentKey idempotencyKey) {
        return timed("confirm", () -> gateway.confirmAuthenticated(attempt, idempotencyKey), MeteredPaymentGateway::outcomeName);
    }

    @Override
    public Optional<Charge> cancelAttempt(PaymentAttemptId attempt) {
        return timed("cancel_attempt", () -> gateway.cancelAttempt(attempt), paid -> paid.isPresent() ? "already_paid" : "canceled");
    }

    private static String outcomeName(ChargeOutcome outcome) {
        return switch (outcome) {
            case ChargeOutcome.Approved approved -> "approved";
            case ChargeOutcome.Declined declined -> "declined";
            case ChargeOutcome.AuthenticationRequired waiting -> "requires_action";
        };
    }

    @Override
    public Refund refund(ChargeId charge, Money amount, PaymentKey idempotencyKey) {
        return timed("refund", () -> gateway.refund(charge, amount, idempotencyKey), refund -> "refunded");
    }

    @Override
    public Optional<Charge> findCharge(ChargeId charge) {
        return timed("find_charge", () -> gateway.findCharge(charge), found -> found.isPresent() ? "found" : "absent");
    }

    @Override
    public Optional<ChargeOutcome> findChargeForOrder(OrderId orderId, Instant notBefore) {
        return timed("find_charge_for_order", () -> gateway.findChargeForOrder(orderId, notBefore),
                found -> found.isPresent() ? "found" : "absent");
    }

    private <T> T timed(String call, Supplier<T> work, Function<T, String> outcomeOf) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            T result = work.get();
            outcome = outcomeOf.apply(result);
            return result;
        } catch (PaymentNotCompletedException e) {
            outcome = "not_charged";
            throw e;
        } catch (PaymentOutcomeUnknownException e) {
            outcome = "unknown";
            throw e;
        } finally {
            String as = outcome;
            byCallAndOutcome.computeIfAbsent(call + ' ' + as, key -> Timer.builder("checkout.provider.calls")
                            .description("payment provider calls by outcome").tag("call", call).tag("outcome", as)
                            .register(registry))
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
