package dev.checkout.domain.order;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.money.CurrencyCode;
import dev.checkout.domain.money.Money;

/**
 * What one currency did in a period: orders paid (placed in the period and paid, refunded later or not) and their
 * amount; merchant refunds that succeeded (made in the period) and their amount. The checkout's own compensating
 * refunds of charges it could not record are not sales and count in neither.
 *
 * @param currency   the currency all amounts are in
 * @param paidOrders orders placed in the period that were paid
 * @param paid       their total
 * @param refunds    merchant refunds that succeeded in the period
 * @param refunded   their total
 */
public record SalesFigures(CurrencyCode currency, long paidOrders, Money paid, long refunds, Money refunded) {
    /**
     * Checks that every part is there.
     *
     * @throws DomainException if a currency or amount is null
     */
    public SalesFigures {
        DomainException.require(currency, "currency");
        DomainException.require(paid, "paid");
        DomainException.require(refunded, "refunded");
    }

    /**
     * A period with nothing in it.
     *
     * @param currency the currency
     * @return zero orders, zero refunds, zero amounts
     */
    public static SalesFigures none(CurrencyCode currency) {
        return new SalesFigures(currency, 0, Money.zero(currency), 0, Money.zero(currency));
    }

    /**
     * Both periods' figures together.
     *
     * @param other figures in the same currency
     * @return the sums
     * @throws DomainException if the currencies differ
     */
    public SalesFigures plus(SalesFigures other) {
        return new SalesFigures(currency, paidOrders + other.paidOrders, paid.plus(other.paid),
                refunds + other.refunds, refunded.plus(other.refunded));
    }
}
