package dev.checkout.adapter.persistence;

import dev.checkout.testkit.db.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One database of its own per test class (the one a subclass names, H2 or PostgreSQL) with this adapter's stores on
 * it, started before the class's tests and closed after them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoresOnADatabase {
    private TestDatabase database;
    private Stores stores;

    protected abstract TestDatabase newDatabase();

    @BeforeAll
    void start() {
        database = newDatabase();
        stores = Stores.start(database);
    }

    @AfterAll
    void stop() throws Exception {
        try (TestDatabase db = database) {
            if (stores != null) {
                stores.close();
            }
        }
    }

    protected final TestDatabase database() {
        return database;
    }

    protected final Stores stores() {
        return stores;
    }
}
