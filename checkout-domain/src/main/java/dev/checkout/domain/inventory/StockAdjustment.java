package dev.checkout.domain.inventory;

/** The answer to "add (or remove) units of a product, relative to what is there now". */
public sealed interface StockAdjustment {

    /**
     * Done.
     *
     * @param available the stock right after this change
     */
    record Adjusted(long available) implements StockAdjustment {}

    /**
     * Nothing changed: the delta would take the stock below zero.
     *
     * @param available the stock there was, and still is
     */
    record WouldGoNegative(long available) implements StockAdjustment {}

    /** Nothing changed: there is no such product. */
    record UnknownProduct() implements StockAdjustment {}
}
