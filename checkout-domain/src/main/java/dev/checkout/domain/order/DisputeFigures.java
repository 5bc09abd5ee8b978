package dev.checkout.domain.order;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.money.CurrencyCode;
import dev.checkout.domain.money.Money;

/**
 * The open disputes of one currency's orders: those the provider reported and has not closed
 * ({@link dev.checkout.domain.payment.Dispute#closed()}), inquiries included, and the amount they put at stake.
 *
 * @param currency the currency of the orders and the amount
 * @param open     how many orders have an open dispute
 * @param amount   the disputed amount of those disputes together
 */
public record DisputeFigures(CurrencyCode currency, long open, Money amount) {
    /**
     * Checks the parts.
     *
     * @throws DomainException if the currency or amount is null, the count negative, or the amount in another
     *                         currency
     */
    public DisputeFigures {
        DomainException.require(currency, "currency");
        DomainException.require(amount, "amount");
        if (open < 0) {
            throw new DomainException("open", "a count of disputes cannot be negative: " + open);
        }
        if (!amount.currency().equals(currency)) {
            throw new DomainException("amount", "the disputed amount is in " + amount.currency() + ", not " + currency);
        }
    }

    /**
     * No open dispute.
     *
     * @param currency the currency
     * @return zero disputes of zero
     */
    public static DisputeFigures none(CurrencyCode currency) {
        return new DisputeFigures(currency, 0, Money.zero(currency));
    }
}
