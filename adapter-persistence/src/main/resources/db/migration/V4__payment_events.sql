-- The provider's events (webhooks, issue #16).

-- Every verified event the checkout acted on (or decided to ignore), by the provider's id, inserted in the transaction
-- of the change it caused: a redelivered event finds its id here and is acknowledged without being applied again, and
-- of two deliveries racing at two instances the primary key lets one commit.
CREATE TABLE payment_events (
    event_id    VARCHAR(255) NOT NULL,
    type        VARCHAR(100) NOT NULL,
    received_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT payment_events_pk PRIMARY KEY (event_id)
);

-- The dispute of an order's charge as the provider last reported it; written with the order's versioned update.
CREATE TABLE order_disputes (
    order_id    VARCHAR(64)  NOT NULL,
    dispute_id  VARCHAR(255) NOT NULL,
    amount      BIGINT       NOT NULL,
    currency    CHAR(3)      NOT NULL,
    -- the provider's words: needs_response, under_review, won, lost, ...; fraudulent, product_not_received, ...
    status      VARCHAR(40)  NOT NULL,
    reason      VARCHAR(60)  NOT NULL,
    -- when the provider reported this state; an older report never replaces a newer one
    reported_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT order_disputes_pk PRIMARY KEY (order_id),
    CONSTRAINT order_disputes_order_fk FOREIGN KEY (order_id) REFERENCES orders (id)
);

-- refund and dispute events name the charge, not the order (Orders.findByCharge)
CREATE INDEX orders_charge_id_ix ON orders (charge_id);
