package dev.checkout.domain.port;

import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.payment.Charge;
import dev.checkout.domain.payment.ChargeId;
import dev.checkout.domain.payment.ChargeOutcome;
import dev.checkout.domain.payment.ChargeRequest;
import dev.checkout.domain.payment.PaymentAttemptId;
import dev.checkout.domain.payment.PaymentFailure;
import dev.checkout.domain.payment.PaymentKey;
import dev.checkout.domain.payment.Refund;

import java.time.Instant;
import java.util.Optional;

/**
 * A payment provider that charges single-use tokens (Stripe's Charges API, its PaymentIntents API, or anything that
 * behaves like either).
 *
 * <p><b>Strong customer authentication.</b> A provider may answer a charge with
 * {@link ChargeOutcome.AuthenticationRequired} instead of a decision: the buyer must authenticate with their bank
 * (3-D Secure) first. The caller hands the client secret to the buyer's browser, and once the buyer authenticated
 * it calls {@link #confirmAuthenticated} with a key derived from the order, which answers with the decision; an
 * attempt the buyer never finishes is canceled with {@link #cancelAttempt}. A gateway that never asks for
 * authentication (Stripe's Charges API) keeps the default implementations of these two methods, which refuse with
 * {@link PaymentNotCompletedException}: it issued no attempt, so there is none to confirm or cancel.
 *
 * <p><b>Never inside a transaction.</b> Every method is a network call that may take as long as the provider's
 * timeouts; callers make it between database transactions, never inside one, so that no lock or pooled connection
 * is held while the provider thinks. (The purchase commits its order and reservation first, charges, then records
 * the outcome in a second transaction.) The fake in {@code checkout-testkit} fails a test that breaks this rule.
 *
 * <p><b>Three ways a call ends</b>, and an adapter must pick the right one, because the caller's next step (give the
 * stock back, or keep it) depends on it:
 * <ol>
 *   <li>It returns what the provider decided. For a charge this includes a decline by the issuer:
 *       {@link ChargeOutcome.Declined} is a value, never an exception.</li>
 *   <li>It throws {@link PaymentNotCompletedException} when the provider <em>certainly</em> did not act: it
 *       received the request and refused it (a used or unknown token, bad keys, rate limited), or the request
 *       certainly never left this machine (the connection was refused on every attempt). The caller may release
 *       the stock.</li>
 *   <li>It throws {@link PaymentOutcomeUnknownException} in every other case: a read timeout or reset after the
 *       request was sent, a 5xx, an answer that cannot be read, a charge still pending, or a refusal that comes
 *       after an earlier attempt of the same call may already have reached the provider. The caller keeps the
 *       stock and lets the reconciler ask the provider later.</li>
 * </ol>
 * When in doubt, "unknown": claiming "not completed" without proof can give away stock that was paid for.
 * For the look-ups ({@link #findCharge}, {@link #findChargeForOrder}) either exception only means "could not find
 * out"; a look-up never moves money.
 *
 * <p><b>Idempotency.</b> Charges and refunds carry a {@link PaymentKey} derived from the order id
 * ({@code order-<id>}, {@code refund-<id>}); the adapter passes it to the provider as its idempotency key, and the
 * provider answers a repeated key with the first answer instead of acting again. That is what makes the caller's
 * retries safe. An adapter must not invent keys of its own, and may retry internally only with the same key.
 *
 * <p>Implementations are called concurrently by many purchases and must be thread-safe. {@code PaymentGatewayContract}
 * in {@code checkout-testkit} is the executable form of this contract, run against a provider in test mode;
 * {@code FakePaymentGateway} there is the scriptable in-memory provider.
 */
public interface PaymentGateway {

    /**
     * Charges {@code request.token()} for {@code request.amount()}, sending {@code request.idempotencyKey()} as the
     * provider's idempotency key and tagging the charge with {@code request.orderId()} (Stripe: metadata
     * {@code order_id}), so that {@link #findChargeForOrder} can find it later.
     *
     * <p>Idempotent per key: the same key with the same token and amount answers the first outcome again, approved
     * or declined, and never charges twice. The same key with a different token or amount is refused with
     * {@link PaymentNotCompletedException} ({@code MERCHANT_ERROR}). A token is single-use: charging it again under
     * another key is refused with {@link PaymentNotCompletedException} ({@code INVALID_PAYMENT_DETAILS}), also when
     * its first charge was declined.
     *
     * @param request the token, the server's own total, the order and the key
     * @return {@link ChargeOutcome.Approved} with the charge (nothing refunded yet) when the money was taken, or
     *         {@link ChargeOutcome.Declined} with the issuer's reason (code such as {@code card_declined}, a decline
     *         code such as {@code insufficient_funds} when the provider gives one, a message for the buyer)
     * @throws PaymentNotCompletedException if the provider certainly did not charge; its failure's
     *         {@link dev.checkout.domain.payment.PaymentFailure.Kind kind} tells who can fix it (the buyer, by
     *         entering the card again; nobody, by waiting; the merchant)
     * @throws PaymentOutcomeUnknownException if the card may or may not have been charged
     */
    ChargeOutcome charge(ChargeRequest request);

    /**
     * Refunds {@code amount} of a successful charge, sending {@code idempotencyKey} as the provider's idempotency
     * key: the same key refunds once and answers the first refund again. The purchase and the reconciler refund the
     * whole amount with {@link PaymentKey#forRefund}.
     *
     * @param charge the provider's id of the charge
     * @param amount how much to give back, in the charge's currency; at most what is not refunded yet
     * @param idempotencyKey the key that makes a retry refund once
     * @return the refund the provider made (or made earlier under the same key)
     * @throws PaymentNotCompletedException if the money certainly did not go back: no such charge, more than its
     *         unrefunded amount, or the provider failed or canceled the refund
     * @throws PaymentOutcomeUnknownException if the refund may or may not have been made; retry with the same key
     */
    Refund refund(ChargeId charge, Money amount, PaymentKey idempotencyKey);

    /**
     * The charge as the provider sees it now, including how much of it has been refunded by any means (this
     * checkout, or the provider's dashboard).
     *
     * @param charge the provider's id of the charge
     * @return the charge if it took money; empty if the provider has no such charge, or has it as failed
     *         (declined), since a failed charge took nothing
     * @throws PaymentOutcomeUnknownException if the provider could not be asked or its answer not read
     * @throws PaymentNotCompletedException if the provider refused the look-up (e.g. the merchant's key is wrong)
     */
    Optional<Charge> findCharge(ChargeId charge);

    /**
     * What became of the charge this checkout attempted for {@code orderId}: the reconciler's question about an
     * order whose outcome is unknown. It cannot simply charge again, because tokens are never stored, so it reads
     * the provider's records; a read can never charge twice.
     *
     * <p>The search covers every charge created from {@code notBefore} on (an adapter may widen the window, e.g. to
     * whole seconds, but never narrow it) and must be exhaustive, across every page of results: an empty answer
     * lets the reconciler fail the order and release its stock, so it must mean "no charge exists", not "none
     * found on the first page".
     *
     * @param orderId the order whose charge is looked for, as tagged by {@link #charge}
     * @param notBefore no charge for the order was created before this instant (the reconciler passes the order's
     *                  creation time minus a margin for clock skew)
     * @return {@link ChargeOutcome.Approved} with the charge as it stands now (its refunded amount included) if one
     *         of the order's charges took money; otherwise {@link ChargeOutcome.AuthenticationRequired} if an attempt
     *         for the order still waits for the buyer to authenticate (or to be confirmed after it; only a gateway
     *         that asks for authentication answers this); otherwise {@link ChargeOutcome.Declined} with the latest
     *         decline; empty if the provider holds no charge for the order, i.e. the attempt never reached it
     * @throws PaymentOutcomeUnknownException if the provider could not be asked, or a charge for the order is
     *         still pending (neither succeeded nor failed)
     * @throws PaymentNotCompletedException if the provider refused the look-up (e.g. the merchant's key is wrong)
     */
    Optional<ChargeOutcome> findChargeForOrder(OrderId orderId, Instant notBefore);

    /**
     * Finishes a payment attempt after the buyer authenticated: asks the provider to decide, sending
     * {@code idempotencyKey} ({@link PaymentKey#forConfirmation}) so that repeating the call confirms once and answers
     * the first decision again. Also the way to learn how an authentication ended: a failed authentication is a
     * decline.
     *
     * @param attempt the reference of {@link ChargeOutcome.AuthenticationRequired}
     * @param idempotencyKey the key that makes a retry confirm once
     * @return {@link ChargeOutcome.Approved} with the charge when the money was taken (also when it had been taken
     *         before this call); {@link ChargeOutcome.Declined} when the authentication failed (code
     *         {@code payment_intent_authentication_failure} on Stripe) or the issuer declined after it;
     *         {@link ChargeOutcome.AuthenticationRequired} again when the buyer has not finished authenticating
     * @throws PaymentNotCompletedException if the provider certainly will not take money for this attempt: it does
     *         not know it, or it was canceled. The default implementation always throws this
     *         ({@code MERCHANT_ERROR}, code {@code authentication_not_supported}).
     * @throws PaymentOutcomeUnknownException if the money may or may not have been taken; retry with the same key
     */
    default ChargeOutcome confirmAuthenticated(PaymentAttemptId attempt, PaymentKey idempotencyKey) {
        throw notSupported(attempt);
    }

    /**
     * Cancels a payment attempt that waits for the buyer (its order expired, or the buyer never learned of it), so
     * that it can never take money. Repeating the call is harmless.
     *
     * @param attempt the reference of {@link ChargeOutcome.AuthenticationRequired}
     * @return empty when the attempt is canceled (now or earlier) and took nothing; the charge when the attempt had
     *         already taken the money, which can no longer be canceled (the caller records the payment instead)
     * @throws PaymentNotCompletedException if the provider refused: it does not know the attempt, or the merchant's
     *         key is wrong. The default implementation always throws this ({@code MERCHANT_ERROR}, code
     *         {@code authentication_not_supported}).
     * @throws PaymentOutcomeUnknownException if the provider could not be asked or its answer not read
     */
    default Optional<Charge> cancelAttempt(PaymentAttemptId attempt) {
        throw notSupported(attempt);
    }

    private PaymentNotCompletedException notSupported(PaymentAttemptId attempt) {
        return new PaymentNotCompletedException(new PaymentFailure(PaymentFailure.Kind.MERCHANT_ERROR,
                "authentication_not_supported", getClass().getSimpleName() + " never asks buyers to authenticate, so it"
                + " has no payment attempt " + attempt + " to confirm or cancel"));
    }
}
