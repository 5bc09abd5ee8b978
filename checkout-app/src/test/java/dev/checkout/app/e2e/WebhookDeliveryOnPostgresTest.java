package dev.checkout.app.e2e;

import dev.checkout.testkit.db.TestDatabase;

/** Real webhook deliveries from the sandbox to the checkout, on PostgreSQL, in a schema of its own. */
class WebhookDeliveryOnPostgresTest extends WebhookDeliveryEndToEndTest {
    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}
