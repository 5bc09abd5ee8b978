package dev.checkout.adapter.persistence;

/** A row of {@code order_lines}; {@code lineNo} keeps the cart's order. */
record OrderLineRow(String orderId, int lineNo, String sku, int quantity, long unitAmount, String currency) {
}
