package dev.checkout.adapter.persistence;

import dev.checkout.testkit.db.TestDatabase;

/** Every port contract of checkout-testkit, against this adapter on H2 in file mode. */
class H2StoresPassTheContractsTest extends StoresPassTheContracts {
    @Override
    protected TestDatabase newDatabase() {
        return TestDatabase.h2File();
    }
}
