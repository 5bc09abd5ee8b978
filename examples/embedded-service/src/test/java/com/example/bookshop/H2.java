package com.example.bookshop;

import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.util.UUID;

/** A fresh in-memory database per call, kept open until the test JVM exits. */
final class H2 {
    private H2() {
    }

    static DataSource fresh() {
        var h2 = new JdbcDataSource();
        // row locks are waited for, not failed at once: the contract's 64 contending buyers queue on one shelf row
        h2.setURL("jdbc:h2:mem:bookshop-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        return h2;
    }
}
