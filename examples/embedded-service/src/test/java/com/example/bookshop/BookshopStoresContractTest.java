package com.example.bookshop;

import dev.checkout.application.TransactionRunner;
import dev.checkout.domain.port.Catalogue;
import dev.checkout.domain.port.Inventory;
import dev.checkout.domain.port.Orders;
import dev.checkout.testkit.contract.CatalogueContract;
import dev.checkout.testkit.contract.InventoryContract;
import dev.checkout.testkit.contract.OrdersContract;
import dev.checkout.testkit.contract.StoreSet;
import org.junit.jupiter.api.Nested;

import javax.sql.DataSource;

/**
 * The checkout's port contracts, from the testkit artifact, run against the bookshop's own stores: the same tests
 * the checkout's in-memory fakes and its JDBC adapter pass.
 */
class BookshopStoresContractTest {
    private static final DataSource DATABASE = H2.fresh();
    private static final StoreSet STORES = storesOn(DATABASE);

    static StoreSet storesOn(DataSource database) {
        Bookshop.createSchema(database);
        var tx = new JdbcTransactions(database);
        var catalogue = new PriceListCatalogue(tx);
        var inventory = new ShelfInventory(tx);
        var orders = new OrderBook(tx);
        return new StoreSet() {
            @Override
            public Catalogue catalogue() {
                return catalogue;
            }

            @Override
            public Inventory inventory() {
                return inventory;
            }

            @Override
            public Orders orders() {
                return orders;
            }

            @Override
            public TransactionRunner transactions() {
                return tx;
            }
        };
    }

    @Nested
    class PriceListCatalogueContract extends CatalogueContract {
        @Override
        protected StoreSet stores() {
            return STORES;
        }
    }

    @Nested
    class ShelfInventoryContract extends InventoryContract {
        @Override
        protected StoreSet stores() {
            return STORES;
        }
    }

    @Nested
    class OrderBookContract extends OrdersContract {
        @Override
        protected StoreSet stores() {
            return STORES;
        }
    }
}
