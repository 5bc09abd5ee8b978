-- The retention of the provider's events (issue #16): the sweep deletes the oldest rows of payment_events in small
-- batches (ReceivedEvents.forgetBefore); this index finds them without reading the whole table.
CREATE INDEX payment_events_received_at_ix ON payment_events (received_at);
