package dev.checkout.application.purchase;

import dev.checkout.domain.order.OrderId;

import java.util.Optional;

/**
 * The inbound port: buy the items of a cart with a payment token (steps 4-8 of the token + charges flow; the browser
 * has already turned the card into a token with the provider). {@link PurchaseService} implements it on the domain's
 * ports.
 */
public interface PurchaseUseCase {

    /**
     * Re-prices the cart from the merchant's catalogue, places the order and reserves its stock, charges the token
     * for the server's own total, and records the outcome. Call it outside any transaction: it opens its own short
     * ones and makes the charge between them. Safe to call from many threads at once.
     *
     * <p><b>Outcomes are values.</b> Every business outcome is a {@link PurchaseResult}: paid, declined, out of
     * stock, unknown products, mixed currencies, a total that is not the catalogue's, payment failed (certainly not
     * charged), payment pending (outcome not known yet, or charged and not yet recorded: the reconciler settles the
     * order), refunded (charged but not recordable), key reused, or authentication required (the provider asks the
     * buyer to authenticate first; finish with {@link #confirm}).
     *
     * <p><b>Idempotent per client key.</b> A command with a client key that an earlier purchase used, for the same
     * items and total, answers that purchase's result as its order stands now (pending while it is still in
     * flight), and never places a second order or charges again; the same key with different items or total
     * answers {@link PurchaseResult.KeyReused}. Without a key every call is a new purchase (and a token reused
     * then fails at the provider as already used).
     *
     * @param command a validated command: token, the total the buyer was shown, the items, optionally a client key
     * @return how the purchase ended, never null
     * @throws RuntimeException a technical failure of the stores before the charge (nothing was charged, and the
     *         order and reservation were rolled back), or an unexpected exception from the payment gateway, other
     *         than its two declared ones, after the order was placed (the order then stays PENDING_PAYMENT with its
     *         stock reserved, and the reconciler settles it from the provider's records). A
     *         {@code DuplicateClientKeyException} escapes only if the order holding the key cannot be found right
     *         after the store refused the key.
     */
    PurchaseResult purchase(PurchaseCommand command);

    /**
     * Finishes a purchase after the buyer authenticated (3-D Secure): confirms the order's payment attempt with the
     * provider, with a key derived from the order, and records the decision as a purchase does (PAID and stock
     * committed; DECLINED, including a failed authentication, or FAILED with the stock released; PAYMENT_UNKNOWN with
     * the stock kept). Call it outside any transaction; safe from many threads at once.
     *
     * <p><b>Idempotent.</b> An order that is no longer AWAITING_AUTHENTICATION is not confirmed again: the answer is
     * its result as it stands now, the same a purchase replay gets (a paid order {@link PurchaseResult.Completed}, an
     * expired one {@link PurchaseResult.AuthenticationExpired}, ...). An order whose buyer has not finished
     * authenticating answers {@link PurchaseResult.AuthenticationRequired} again, unchanged.
     *
     * @param orderId the order of {@link PurchaseResult.AuthenticationRequired}
     * @return how the purchase ended, or empty if there is no such order
     * @throws RuntimeException a technical failure of the store while reading the order (nothing was confirmed), or
     *         an unexpected exception from the payment gateway (the order stays as it was, and the reconciler
     *         settles it)
     */
    Optional<PurchaseResult> confirm(OrderId orderId);
}
