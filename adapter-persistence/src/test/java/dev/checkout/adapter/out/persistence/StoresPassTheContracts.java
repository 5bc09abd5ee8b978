package dev.checkout.adapter.out.persistence;

import dev.checkout.testkit.contract.CatalogueContract;
import dev.checkout.testkit.contract.InventoryContract;
import dev.checkout.testkit.contract.OrdersContract;
import dev.checkout.testkit.contract.StoreSet;
import dev.checkout.testkit.db.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/** Every port contract of checkout-testkit, against this adapter on the database a subclass names. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoresPassTheContracts {
    private TestDatabase database;
    private Stores stores;

    abstract TestDatabase newDatabase();

    @BeforeAll
    void start() {
        database = newDatabase();
        stores = Stores.start(database);
    }

    @AfterAll
    void stop() throws Exception {
        try (TestDatabase db = database) {
            if (stores != null) {
                stores.close();
            }
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
