package dev.checkout.app.e2e;

import dev.checkout.testkit.db.TestDatabase;

/** Events and the reconciler in both orders of arrival, on PostgreSQL, in a schema of its own. */
class WebhookOrderingOnPostgresTest extends WebhookOrderingEndToEndTest {
    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}
