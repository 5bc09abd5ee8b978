package dev.checkout.adapter.persistence;

import dev.checkout.testkit.db.TestDatabase;

/** {@link PersistenceBehaviour} on H2 in file mode, the embedded default. */
class H2PersistenceTest extends PersistenceBehaviour {
    @Override
    protected TestDatabase newDatabase() {
        return TestDatabase.h2File();
    }
}
