package dev.checkout.app.e2e;

import dev.checkout.testkit.db.TestDatabase;

/** The merchant's side end to end on PostgreSQL. */
class AdminOnPostgresTest extends AdminEndToEndTest {
    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}
