package dev.checkout.adapter.persistence;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.value.PropertyResolver;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import java.util.Locale;

/**
 * Fills in what the application's {@code datasources.*} configuration leaves unset, before the pool starts: pool size
 * and per-connection statement and lock timeouts, per database. Anything configured explicitly wins. Turn off with
 * {@code checkout.persistence.datasource-defaults.enabled=false}.
 */
@Singleton
@Requires(property = "checkout.persistence.datasource-defaults.enabled", notEquals = "false")
final class DatasourceDefaults implements BeanCreatedEventListener<DatasourceConfiguration> {
    /**
     * The application and the database share a 2-core machine. A connection is only useful while a core runs its
     * statement; (2 cores x 2) + 1 for the moments one waits on I/O or a row lock gives 5, and a little headroom for
     * lock waits on hot SKUs gives 8. More connections would only queue inside the database instead of in the pool.
     */
    static final int POOL_SIZE = 8;
    /** A caller waits at most this long for a free connection, then fails fast instead of piling up. */
    static final long CONNECTION_TIMEOUT_MS = 5_000;
    /** Every statement here is a short indexed read or write: 10 s means something is wrong. */
    static final int STATEMENT_TIMEOUT_MS = 10_000;
    /** A row lock held longer than this is not a hot SKU but a stuck transaction. */
    static final int LOCK_TIMEOUT_MS = 5_000;

    /** Distinct statements each H2 session keeps parsed: the purchase's, the reconciler's and the merchant's. */
    static final int H2_QUERY_CACHE_SIZE = 128;

    private final PropertyResolver properties;

    DatasourceDefaults(PropertyResolver properties) {
        this.properties = properties;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        // Hikari's own defaults (10 connections, 30 s to wait for one) cannot be told apart from a configured value,
        // so ask the configuration whether the key was set.
        if (!configured(config, "maximum-pool-size")) {
            config.setMaximumPoolSize(POOL_SIZE);
        }
        if (!configured(config, "minimum-idle")) {
            // a fixed-size pool: no connection set-up in the middle of a burst
            config.setMinimumIdle(config.getMaximumPoolSize());
        }
        if (!configured(config, "connection-timeout")) {
            config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        }
        String url = config.getUrl() == null ? "" : config.getUrl().toLowerCase(Locale.ROOT);
        if (!configured(config, "connection-init-sql")) {
            if (url.startsWith("jdbc:postgresql:")) {
                config.setConnectionInitSql("SET statement_timeout = " + STATEMENT_TIMEOUT_MS
                        + "; SET lock_timeout = " + LOCK_TIMEOUT_MS
                        + "; SET idle_in_transaction_session_timeout = 60000");
            } else if (url.startsWith("jdbc:h2:")) {
                config.setConnectionInitSql("SET QUERY_TIMEOUT " + STATEMENT_TIMEOUT_MS + "; SET LOCK_TIMEOUT " + LOCK_TIMEOUT_MS);
            }
        }
        if (url.startsWith("jdbc:h2:") && !url.contains(";query_cache_size=")) {
            // H2 parses a statement again unless it is among the session's last QUERY_CACHE_SIZE (default 8) distinct
            // ones. A purchase alone runs more than 8 (the IN list of each cart size is its own statement), so every
            // statement was parsed and planned anew: 4% of the checkout's CPU under load.
            config.setUrl(config.getUrl() + ";QUERY_CACHE_SIZE=" + H2_QUERY_CACHE_SIZE);
        }
        if (url.startsWith("jdbc:postgresql:") && !config.getDataSourceProperties().containsKey("reWriteBatchedInserts")) {
            // order lines and reservations are inserted as batches: one multi-row INSERT instead of one per row
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return config;
    }

    private boolean configured(DatasourceConfiguration config, String key) {
        return properties.containsProperty("datasources." + config.getName() + "." + key);
    }
}
