package dev.checkout.adapter.persistence;

import dev.checkout.testkit.db.TestDatabase;

/** {@link PersistenceBehaviour} on PostgreSQL, in a schema of its own. */
class PostgresPersistenceTest extends PersistenceBehaviour {
    @Override
    protected TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}
