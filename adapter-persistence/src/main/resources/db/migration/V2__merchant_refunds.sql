-- The merchant's side (issue #17): refunds of paid orders, the PARTIALLY_REFUNDED status, and an index for listing
-- orders newest first. Portable SQL for H2 2.x and PostgreSQL 13+, as V1.

ALTER TABLE orders DROP CONSTRAINT orders_status_known;
ALTER TABLE orders ADD CONSTRAINT orders_status_known CHECK (status IN
    ('PENDING_PAYMENT', 'PAID', 'DECLINED', 'FAILED', 'PAYMENT_UNKNOWN', 'REFUND_PENDING', 'REFUNDED', 'PARTIALLY_REFUNDED'));

-- the admin list: ORDER BY created_at DESC, id DESC, with a (created_at, id) cursor and a created range
CREATE INDEX orders_created_at_ix ON orders (created_at, id);

-- One row per refund the merchant asked for. Written with its order, under the order's version check, so two
-- refunds computed from one read of the order cannot both be stored; the order's rules (never beyond the amount
-- paid, never more units than sold) are checked on that read.
CREATE TABLE order_refunds (
    order_id           VARCHAR(64)  NOT NULL,
    -- 1, 2, ... per order; the provider's idempotency key is derived from it
    seq                INTEGER      NOT NULL,
    amount             BIGINT       NOT NULL,
    currency           CHAR(3)      NOT NULL,
    reason             VARCHAR(500),
    status             VARCHAR(16)  NOT NULL,
    -- refund-<order id>-<seq>: every attempt at this refund is one request to the provider
    idempotency_key    VARCHAR(100) NOT NULL,
    -- the provider's re_... once it answered. Unique: a later event (webhook) about the same refund finds it here
    -- and is recognised as already counted, whichever order it names
    provider_refund_id VARCHAR(255),
    failure_kind       VARCHAR(40),
    failure_code       VARCHAR(100),
    failure_message    VARCHAR(1000),
    created_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT order_refunds_pk PRIMARY KEY (order_id, seq),
    CONSTRAINT order_refunds_order_fk FOREIGN KEY (order_id) REFERENCES orders (id),
    CONSTRAINT order_refunds_key_uq UNIQUE (idempotency_key),
    CONSTRAINT order_refunds_provider_id_uq UNIQUE (provider_refund_id),
    CONSTRAINT order_refunds_amount_positive CHECK (amount > 0),
    CONSTRAINT order_refunds_status_known CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED'))
);

-- the reconciler's pending refunds (status = 'PENDING' AND created_at < ?) and the sales of a period
CREATE INDEX order_refunds_status_created_at_ix ON order_refunds (status, created_at);

-- The units a refund puts back into stock once it succeeds.
CREATE TABLE order_refund_items (
    order_id VARCHAR(64) NOT NULL,
    seq      INTEGER     NOT NULL,
    line_no  INTEGER     NOT NULL,
    sku      VARCHAR(64) NOT NULL,
    quantity INTEGER     NOT NULL,
    CONSTRAINT order_refund_items_pk PRIMARY KEY (order_id, seq, line_no),
    CONSTRAINT order_refund_items_refund_fk FOREIGN KEY (order_id, seq) REFERENCES order_refunds (order_id, seq),
    CONSTRAINT order_refund_items_quantity_positive CHECK (quantity > 0)
);
