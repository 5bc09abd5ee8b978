package dev.checkout.app.e2e;

import dev.checkout.testkit.db.TestDatabase;

/** The merchant's side end to end on H2 in file mode, the embedded default. */
class AdminOnH2Test extends AdminEndToEndTest {
    @Override
    TestDatabase newDatabase() {
        return TestDatabase.h2File();
    }
}
