package dev.checkout.domain.order;

import dev.checkout.domain.DomainException;
import dev.checkout.domain.money.CurrencyCode;
import dev.checkout.domain.money.Money;

/**
 * What one currency did in a period: orders paid (placed in the period and paid, refunded later or not) and their
 * amount; merchant refunds that succeeded (made in the period) and their amount. The checkout's own compensating
 * refunds of charges it could not record are not sales and count in neither.
 */
public record SalesFigures(CurrencyCode currency, long paidOrders, Money paid, long refunds, Money refunded) {
    public SalesFigures {
        DomainException.require(currency, "currency");
        DomainException.require(paid, "paid");
        DomainException.require(refunded, "refunded");
    }

    public static SalesFigures none(CurrencyCode currency) {
        return new SalesFigures(currency, 0, Money.zero(currency), 0, Money.zero(currency));
    }

    public SalesFigures plus(SalesFigures other) {
        return new SalesFigures(currency, paidOrders + other.paidOrders, paid.plus(other.paid),
                refunds + other.refunds, refunded.plus(other.refunded));
    }
}
