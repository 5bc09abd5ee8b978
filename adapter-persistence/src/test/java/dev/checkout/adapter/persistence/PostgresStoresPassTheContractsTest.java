package dev.checkout.adapter.persistence;

import dev.checkout.testkit.db.TestDatabase;

/** Every port contract of checkout-testkit, against this adapter on PostgreSQL. */
class PostgresStoresPassTheContractsTest extends StoresPassTheContracts {
    @Override
    protected TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}
