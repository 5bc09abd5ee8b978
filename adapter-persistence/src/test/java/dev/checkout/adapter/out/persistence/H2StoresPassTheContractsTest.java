package dev.checkout.adapter.out.persistence;

import dev.checkout.testkit.db.TestDatabase;
import dev.checkout.testkit.contract.CatalogueContract;
import dev.checkout.testkit.contract.InventoryContract;
import dev.checkout.testkit.contract.OrdersContract;
import dev.checkout.testkit.contract.StoreSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** Every port contract of checkout-testkit, against this adapter on H2. */
class H2StoresPassTheContractsTest {
    static TestDatabase database;
    static Stores stores;

    @BeforeAll
    static void start() {
        database = TestDatabase.h2File();
        stores = Stores.start(database);
    }

    @AfterAll
    static void stop() throws Exception {
        if (stores != null) {
            stores.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Nested
    class Catalogue_ extends CatalogueContract {
        @Override
        protected StoreSet stores() { return stores; }
    }

    @Nested
    class Inventory_ extends InventoryContract {
        @Override
        protected StoreSet stores() { return stores; }

        @Override
        protected int contendingBuyers() { return 256; }
    }

    @Nested
    class Orders_ extends OrdersContract {
        @Override
        protected StoreSet stores() { return stores; }
    }
}
