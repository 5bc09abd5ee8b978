package dev.checkout.domain.order;

/** A transition the order state machine does not allow, e.g. PAID to DECLINED: a bug, not a business outcome. */
public final class IllegalOrderTransitionException extends IllegalStateException {
    /** The status the order was in. */
    private final OrderStatus from;
    /** The status it was asked to move to. */
    private final OrderStatus to;

    /**
     * Creates the exception.
     *
     * @param id the order
     * @param from the status it was in
     * @param to the status it was asked to move to
     */
    public IllegalOrderTransitionException(OrderId id, OrderStatus from, OrderStatus to) {
        super("order " + id + " cannot move from " + from + " to " + to);
        this.from = from;
        this.to = to;
    }

    /**
     * The status the order was in.
     *
     * @return the current status
     */
    public OrderStatus from() { return from; }

    /**
     * The status it was asked to move to.
     *
     * @return the refused target status
     */
    public OrderStatus to() { return to; }
}
