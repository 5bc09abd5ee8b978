package dev.checkout.app.e2e;

import dev.checkout.testkit.db.TestDatabase;

/** The end-to-end purchase on H2 in file mode, the embedded default. */
class PurchaseOnH2Test extends PurchaseEndToEndTest {
    @Override
    TestDatabase newDatabase() {
        return TestDatabase.h2File();
    }
}
