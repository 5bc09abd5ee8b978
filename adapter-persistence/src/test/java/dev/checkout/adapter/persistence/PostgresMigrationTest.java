package dev.checkout.adapter.persistence;

import dev.checkout.testkit.db.TestDatabase;

/** {@link MigrationBehaviour} on a fresh PostgreSQL schema. */
class PostgresMigrationTest extends MigrationBehaviour {
    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}
