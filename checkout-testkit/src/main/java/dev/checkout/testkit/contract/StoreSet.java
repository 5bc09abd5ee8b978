package dev.checkout.testkit.contract;

import dev.checkout.application.TransactionRunner;
import dev.checkout.domain.port.Catalogue;
import dev.checkout.domain.port.Inventory;
import dev.checkout.domain.port.Orders;

/** The stores a contract test exercises, all over one database (or one in-memory fake set). */
public interface StoreSet {
    Catalogue catalogue();

    Inventory inventory();

    Orders orders();

    TransactionRunner transactions();
}
