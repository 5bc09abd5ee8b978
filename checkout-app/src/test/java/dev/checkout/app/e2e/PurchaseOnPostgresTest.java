package dev.checkout.app.e2e;

import dev.checkout.testkit.db.TestDatabase;

/** The end-to-end purchase on PostgreSQL, in a schema of its own. */
class PurchaseOnPostgresTest extends PurchaseEndToEndTest {
    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}
