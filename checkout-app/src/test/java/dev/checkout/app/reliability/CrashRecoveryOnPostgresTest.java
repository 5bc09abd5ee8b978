package dev.checkout.app.reliability;

import dev.checkout.testkit.db.TestDatabase;

/** Crash recovery on PostgreSQL. */
class CrashRecoveryOnPostgresTest extends CrashRecoveryTest {
    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}
