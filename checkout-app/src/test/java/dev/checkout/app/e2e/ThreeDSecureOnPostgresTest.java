package dev.checkout.app.e2e;

import dev.checkout.testkit.db.TestDatabase;

/** The 3-D Secure purchase on PostgreSQL, in a schema of its own. */
class ThreeDSecureOnPostgresTest extends ThreeDSecureEndToEndTest {
    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}
