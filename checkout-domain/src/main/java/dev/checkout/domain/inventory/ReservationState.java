package dev.checkout.domain.inventory;

/** A reservation holds units for an order until the payment is known: then it is committed or released. */
public enum ReservationState {
    /** Units taken from {@code available}, held for the order until its payment is known. */
    RESERVED,
    /** The order was paid: the units are sold. */
    COMMITTED,
    /** The order was not paid: the units went back to {@code available}. */
    RELEASED
}
