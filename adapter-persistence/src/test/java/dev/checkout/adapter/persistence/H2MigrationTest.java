package dev.checkout.adapter.persistence;

import dev.checkout.testkit.db.TestDatabase;

/** {@link MigrationBehaviour} on an H2 file, as the application's default runs it. */
class H2MigrationTest extends MigrationBehaviour {
    @Override
    protected TestDatabase database() {
        return TestDatabase.h2File();
    }
}
