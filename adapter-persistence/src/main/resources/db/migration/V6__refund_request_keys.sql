-- The merchant's Idempotency-Key of each refund request (issue #17): a retried request finds the refund it made
-- instead of making a second one. Null for refunds asked for without a key. Unique per order: of two racing requests
-- with one key, the order's version check lets one store its refund, and this index holds even if a writer forgot it.
ALTER TABLE order_refunds ADD COLUMN request_key VARCHAR(255);
CREATE UNIQUE INDEX order_refunds_request_key_uq ON order_refunds (order_id, request_key);
