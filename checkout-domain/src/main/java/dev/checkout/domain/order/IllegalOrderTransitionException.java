package dev.checkout.domain.order;

/** A transition the order state machine does not allow, e.g. PAID to DECLINED: a bug, not a business outcome. */
public final class IllegalOrderTransitionException extends IllegalStateException {
    private final OrderStatus from;
    private final OrderStatus to;

    public IllegalOrderTransitionException(OrderId id, OrderStatus from, OrderStatus to) {
        super("order " + id + " cannot move from " + from + " to " + to);
        this.from = from;
        this.to = to;
    }

    public OrderStatus from() { return from; }
    public OrderStatus to() { return to; }
}
