package dev.checkout.adapter.persistence;

import dev.checkout.application.TransactionRunner;
import dev.checkout.domain.port.ReceivedEvents;
import dev.checkout.testkit.contract.CatalogueContract;
import dev.checkout.testkit.contract.InventoryContract;
import dev.checkout.testkit.contract.MerchantCatalogueContract;
import dev.checkout.testkit.contract.MerchantOrdersContract;
import dev.checkout.testkit.contract.OrdersContract;
import dev.checkout.testkit.contract.ReceivedEventsContract;
import dev.checkout.testkit.contract.StoreSet;
import org.junit.jupiter.api.Nested;

/** Every port contract of checkout-testkit (the merchant's side's too), against this adapter on the database a subclass names. */
abstract class StoresPassTheContracts extends StoresOnADatabase {

    @Nested
    class Catalogue_ extends CatalogueContract {
        @Override
        protected StoreSet stores() { return StoresPassTheContracts.this.stores(); }
    }

    @Nested
    class Inventory_ extends InventoryContract {
        @Override
        protected StoreSet stores() { return StoresPassTheContracts.this.stores(); }

        @Override
        protected int contendingBuyers() { return 256; }
    }

    @Nested
    class Orders_ extends OrdersContract {
        @Override
        protected StoreSet stores() { return StoresPassTheContracts.this.stores(); }
    }

    @Nested
    class MerchantOrders_ extends MerchantOrdersContract {
        @Override
        protected StoreSet stores() { return StoresPassTheContracts.this.stores(); }
    }

    @Nested
    class ReceivedEvents_ extends ReceivedEventsContract {
        @Override
        protected ReceivedEvents events() { return stores().receivedEvents(); }

        @Override
        protected TransactionRunner transactions() { return stores().transactions(); }
    }

    @Nested
    class MerchantCatalogue_ extends MerchantCatalogueContract {
        @Override
        protected StoreSet stores() { return StoresPassTheContracts.this.stores(); }
    }
}
