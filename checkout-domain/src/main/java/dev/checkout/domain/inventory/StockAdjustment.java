package dev.checkout.domain.inventory;

/** The answer to "add (or remove) units of a product, relative to what is there now". */
public sealed interface StockAdjustment {

    /** Done; {@code available} is the stock right after this change. */
    record Adjusted(long available) implements StockAdjustment {}

    /** Nothing changed: the delta would take the stock below zero; {@code available} is what there was. */
    record WouldGoNegative(long available) implements StockAdjustment {}

    /** Nothing changed: there is no such product. */
    record UnknownProduct() implements StockAdjustment {}
}
