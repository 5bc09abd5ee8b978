package dev.checkout.app.e2e;

import dev.checkout.testkit.db.TestDatabase;

/** The 3-D Secure purchase on H2 in file mode, the embedded default. */
class ThreeDSecureOnH2Test extends ThreeDSecureEndToEndTest {
    @Override
    TestDatabase newDatabase() {
        return TestDatabase.h2File();
    }
}
