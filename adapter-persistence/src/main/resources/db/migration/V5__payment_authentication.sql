-- Strong customer authentication (issue #15): an order may wait for its buyer to authenticate (3-D Secure) with its
-- stock reserved until a deadline. Portable SQL for H2 2.x and PostgreSQL 13+, as V1.

-- 'AWAITING_AUTHENTICATION' is 23 characters, longer than the 20 V1 allowed
ALTER TABLE orders ALTER COLUMN status SET DATA TYPE VARCHAR(32);
ALTER TABLE orders DROP CONSTRAINT orders_status_known;
ALTER TABLE orders ADD CONSTRAINT orders_status_known CHECK (status IN
    ('PENDING_PAYMENT', 'PAID', 'DECLINED', 'FAILED', 'PAYMENT_UNKNOWN', 'REFUND_PENDING', 'REFUNDED', 'PARTIALLY_REFUNDED',
     'AWAITING_AUTHENTICATION'));

-- The authentication an AWAITING_AUTHENTICATION order waits for, NULL in every other status (each transition out of
-- it clears them): the provider's attempt (pi_...), the client secret the buyer's browser authenticates with (kept
-- so that a repeated purchase or confirmation can answer it again; it only lets its holder complete this one
-- payment, and is gone once the order is settled), and the deadline after which the reconciler cancels the attempt
-- and releases the stock. The reconciler finds waiting orders by status (orders_status_updated_at_ix).
ALTER TABLE orders ADD COLUMN auth_attempt VARCHAR(255);
ALTER TABLE orders ADD COLUMN auth_client_secret VARCHAR(255);
ALTER TABLE orders ADD COLUMN auth_deadline TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE orders ADD CONSTRAINT orders_auth_only_while_awaiting CHECK (
    (status = 'AWAITING_AUTHENTICATION' AND auth_attempt IS NOT NULL AND auth_client_secret IS NOT NULL
        AND auth_deadline IS NOT NULL)
    OR (status <> 'AWAITING_AUTHENTICATION' AND auth_attempt IS NULL AND auth_client_secret IS NULL
        AND auth_deadline IS NULL));
