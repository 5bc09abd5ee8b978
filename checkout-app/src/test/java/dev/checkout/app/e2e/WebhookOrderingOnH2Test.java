package dev.checkout.app.e2e;

import dev.checkout.testkit.db.TestDatabase;

/** Events and the reconciler in both orders of arrival, on H2 in file mode. */
class WebhookOrderingOnH2Test extends WebhookOrderingEndToEndTest {
    @Override
    TestDatabase newDatabase() {
        return TestDatabase.h2File();
    }
}
