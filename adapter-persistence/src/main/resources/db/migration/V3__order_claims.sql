-- Several checkout processes on one database: an order that needs the reconciler is claimed by one of them until
-- claimed_until (Orders.claimStale), so that no two ask the provider about it, settle it or refund it at once.
-- NULL or a past instant: nobody holds it. A claim lapses by itself, so a process that died holds nothing for long.
ALTER TABLE orders ADD COLUMN claimed_until TIMESTAMP(6) WITH TIME ZONE;
