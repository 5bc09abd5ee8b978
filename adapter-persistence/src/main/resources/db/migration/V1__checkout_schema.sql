-- The checkout's stores. One file set for H2 (2.x, DATABASE_TO_LOWER=TRUE) and PostgreSQL (13+), so only portable SQL:
-- no partial indexes, no ON CONFLICT, no SERIAL. Money is in minor units (BIGINT) with an ISO currency.
-- Tokens are never stored: there is no token column anywhere, by design.

CREATE TABLE products (
    sku         VARCHAR(64)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    unit_amount BIGINT       NOT NULL,
    currency    CHAR(3)      NOT NULL,
    -- decremented only by a conditional UPDATE ... WHERE available >= ?; the CHECK is the last line of defence
    available   BIGINT       NOT NULL,
    CONSTRAINT products_pk PRIMARY KEY (sku),
    CONSTRAINT products_unit_amount_positive CHECK (unit_amount > 0),
    CONSTRAINT products_available_not_negative CHECK (available >= 0)
);

CREATE TABLE orders (
    id              VARCHAR(64)  NOT NULL,
    -- the buyer's Idempotency-Key; NULL when none was sent (NULLs never collide in a UNIQUE constraint)
    client_key      VARCHAR(255),
    status          VARCHAR(20)  NOT NULL,
    amount          BIGINT       NOT NULL,
    currency        CHAR(3)      NOT NULL,
    charge_id       VARCHAR(255),
    -- DeclineReason: the provider's code (card_declined), its finer decline_code (insufficient_funds), the message
    decline_code    VARCHAR(100),
    decline_detail  VARCHAR(100),
    decline_message VARCHAR(1000),
    -- PaymentFailure: who can fix it (kind), the provider's code and message
    failure_kind    VARCHAR(40),
    failure_code    VARCHAR(100),
    failure_message VARCHAR(1000),
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    -- optimistic lock: every transition writes WHERE version = <the version it read>
    version         BIGINT       NOT NULL,
    CONSTRAINT orders_pk PRIMARY KEY (id),
    -- two requests with one Idempotency-Key make one order: the database decides, not a prior read
    CONSTRAINT orders_client_key_uq UNIQUE (client_key),
    CONSTRAINT orders_status_known CHECK (status IN
        ('PENDING_PAYMENT', 'PAID', 'DECLINED', 'FAILED', 'PAYMENT_UNKNOWN', 'REFUND_PENDING', 'REFUNDED')),
    CONSTRAINT orders_amount_not_negative CHECK (amount >= 0)
);

-- the reconciler's findStale: WHERE status IN (...) AND updated_at < ? ORDER BY updated_at
CREATE INDEX orders_status_updated_at_ix ON orders (status, updated_at);

CREATE TABLE order_lines (
    order_id    VARCHAR(64) NOT NULL,
    -- the position in the buyer's cart, so lines come back in the order they were placed
    line_no     INTEGER     NOT NULL,
    sku         VARCHAR(64) NOT NULL,
    quantity    INTEGER     NOT NULL,
    unit_amount BIGINT      NOT NULL,
    currency    CHAR(3)     NOT NULL,
    CONSTRAINT order_lines_pk PRIMARY KEY (order_id, line_no),
    CONSTRAINT order_lines_sku_uq UNIQUE (order_id, sku),
    CONSTRAINT order_lines_order_fk FOREIGN KEY (order_id) REFERENCES orders (id),
    CONSTRAINT order_lines_quantity_positive CHECK (quantity > 0)
);

-- Units held for an order. No foreign key to orders or products: Inventory is a port of its own and the
-- hot path should not pay for extra key-share locks; the purchase writes order and reservation in one transaction.
CREATE TABLE reservations (
    order_id   VARCHAR(64) NOT NULL,
    sku        VARCHAR(64) NOT NULL,
    quantity   INTEGER     NOT NULL,
    state      VARCHAR(16) NOT NULL,
    expires_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT reservations_pk PRIMARY KEY (order_id, sku),
    CONSTRAINT reservations_state_known CHECK (state IN ('RESERVED', 'COMMITTED', 'RELEASED')),
    CONSTRAINT reservations_quantity_positive CHECK (quantity > 0)
);

-- the reconciler's expiredReservations: WHERE state = 'RESERVED' AND expires_at < ?
CREATE INDEX reservations_state_expires_at_ix ON reservations (state, expires_at);
