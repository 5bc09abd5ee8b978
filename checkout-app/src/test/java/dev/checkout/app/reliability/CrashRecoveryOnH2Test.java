package dev.checkout.app.reliability;

import dev.checkout.testkit.db.TestDatabase;

/** Crash recovery on H2 files. */
class CrashRecoveryOnH2Test extends CrashRecoveryTest {
    @Override
    TestDatabase newDatabase() {
        return TestDatabase.h2File();
    }
}
