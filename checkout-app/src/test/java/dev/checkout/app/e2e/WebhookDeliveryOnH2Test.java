package dev.checkout.app.e2e;

import dev.checkout.testkit.db.TestDatabase;

/** Real webhook deliveries from the sandbox to the checkout, on H2 in file mode. */
class WebhookDeliveryOnH2Test extends WebhookDeliveryEndToEndTest {
    @Override
    TestDatabase newDatabase() {
        return TestDatabase.h2File();
    }
}
