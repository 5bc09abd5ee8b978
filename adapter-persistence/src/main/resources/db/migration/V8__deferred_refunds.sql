-- Refunds made at the provider before the checkout knew the charge (issue #16): a succeeded refund event for a charge
-- that no order holds yet (its order was still PENDING_PAYMENT or PAYMENT_UNKNOWN) is kept here, in the transaction
-- that records the event, until an order holds the charge; the settlement or the reconciler then records it on the
-- order and sets done_at in the order's transaction. One row per provider refund, whatever events tell of it.
-- Rows received longer than checkout.webhooks.retention ago go with the retention's sweep, done or not.
CREATE TABLE deferred_refunds (
    refund_id   VARCHAR(255) NOT NULL,
    charge_id   VARCHAR(255) NOT NULL,
    amount      BIGINT       NOT NULL,
    currency    CHAR(3)      NOT NULL,
    -- the idempotency key of the request that made the refund; null when made without one (the dashboard)
    request_key VARCHAR(255),
    event_id    VARCHAR(255) NOT NULL,
    received_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    done_at     TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT deferred_refunds_pk PRIMARY KEY (refund_id)
);

-- a settlement looks for the refunds of the charge it settles by
CREATE INDEX deferred_refunds_charge_ix ON deferred_refunds (charge_id);
-- the reconciler takes the oldest pending ones, the retention the oldest of all
CREATE INDEX deferred_refunds_received_at_ix ON deferred_refunds (received_at);
