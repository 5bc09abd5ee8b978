package dev.checkout.app.errors;

import dev.checkout.app.support.Http;
import dev.checkout.application.TransactionRunner;
import dev.checkout.testkit.db.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.exceptions.TransactionSystemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With its database gone or out of connections, the checkout answers 503 "try again" in the API's error shape, with
 * {@code Retry-After} and the request id, not 500 ({@link DatabaseUnavailable}).
 */
class DatabaseUnavailableHandlerTest {

    @Test
    void a_lost_database_answers_503_with_a_message_to_try_again() throws Exception {
        try (TestDatabase database = TestDatabase.h2File()) {
            database.connect().close(); // create it, so that the application may open it only if it exists
            try (ApplicationContext app = start(database, Map.of("datasources.default.url", database.url() + ";IFEXISTS=TRUE"))) {
                URI base = base(app);
                var http = new Http();
                assertThat(http.send(HttpRequest.newBuilder(base.resolve("/api/products")).build()).statusCode()).isEqualTo(200);

                // the database goes away under the running application, for good: its file moved away first (the open
                // database keeps its handle), then shut down. In the other order the pool, refilling itself, could
                // reopen the file in between, and the next request would find the database back (seen once in CI).
                Path file = Path.of(database.url().substring("jdbc:h2:file:".length()).split(";")[0] + ".mv.db");
                try (var c = database.connect()) {
                    Files.move(file, file.resolveSibling("gone.mv.db"));
                    c.createStatement().execute("SHUTDOWN");
                }

                // both a pooled connection found dead and a new one refused must answer the same
                for (int i = 0; i < 3; i++) {
                    assertDatabaseUnavailable(http.send(HttpRequest.newBuilder(base.resolve("/api/products")).build()));
                    Thread.sleep(600); // past Hikari's 500 ms in which it hands out a connection without checking it
                }
            }
        }
    }

    @Test
    void a_pool_with_no_free_connection_answers_503_not_500() throws Exception {
        int poolSize = 2; // Flyway needs two at start
        try (TestDatabase database = TestDatabase.h2File();
             ApplicationContext app = start(database, Map.of("datasources.default.maximum-pool-size", poolSize))) {
            URI base = base(app);
            var http = new Http();
            assertThat(http.send(HttpRequest.newBuilder(base.resolve("/api/products")).build()).statusCode()).isEqualTo(200);

            // every connection of the pool is held by a transaction that waits, so the next request times out in the pool
            var holding = new CountDownLatch(poolSize);
            var release = new CountDownLatch(1);
            var holders = new ArrayList<Future<?>>();
            try (ExecutorService threads = Executors.newFixedThreadPool(poolSize)) {
                try {
                    for (int i = 0; i < poolSize; i++) {
                        holders.add(threads.submit(() -> app.getBean(TransactionRunner.class).run(() -> {
                            holding.countDown();
                            await(release);
                        })));
                    }
                    assertThat(holding.await(10, TimeUnit.SECONDS)).as("the holders got every connection").isTrue();
                    var response = http.send(HttpRequest.newBuilder(base.resolve("/api/products"))
                            .header("X-Request-Id", "pool-timeout-1").build());
                    assertDatabaseUnavailable(response);
                    assertThat(response.headers().firstValue("X-Request-Id")).contains("pool-timeout-1");
                } finally {
                    release.countDown();
                }
                for (var holder : holders) {
                    holder.get(10, TimeUnit.SECONDS);
                }
            }

            // the connection is back in the pool: the service carries on
            assertThat(http.send(HttpRequest.newBuilder(base.resolve("/api/products")).build()).statusCode()).isEqualTo(200);
        }
    }

    static Stream<Arguments> failures() {
        var refused = new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
        var adminShutdown = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
        var ioError = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        var constraint = new SQLException("duplicate key value violates unique constraint", "23505");
        return Stream.of(
                Arguments.of("pool timeout", new io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException(
                        "Failed to obtain JDBC Connection", new SQLTransientConnectionException("HikariPool-1 - Connection is not available")), true),
                Arguments.of("connection refused", new io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException(
                        "Failed to obtain JDBC Connection", refused), true),
                Arguments.of("server shut down mid-statement", new DataAccessException("Error executing SQL UPDATE", adminShutdown), true),
                Arguments.of("connection lost at commit", new TransactionSystemException("Could not commit JDBC transaction", ioError), true),
                Arguments.of("a bug's SQL error", new DataAccessException("Error executing SQL INSERT", constraint), false),
                Arguments.of("not the database", new IllegalStateException("boom"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void an_outage_is_told_from_a_bug_by_its_causes(String what, RuntimeException failure, boolean outage) {
        assertThat(new DatabaseUnavailable().recognise(failure)).as(what).isEqualTo(outage ? Optional.of(DatabaseUnavailable.OUTAGE) : Optional.empty());
    }

    private static ApplicationContext start(TestDatabase database, Map<String, Object> settings) {
        var props = new HashMap<String, Object>(database.properties());
        props.put("micronaut.server.port", -1);
        props.put("checkout.demo-data", false);
        props.put("checkout.reconciler.enabled", false);
        props.put("datasources.default.connection-timeout", 1000);
        props.putAll(settings);
        return ApplicationContext.run(EmbeddedServer.class, props).getApplicationContext();
    }

    private static URI base(ApplicationContext app) {
        return URI.create(app.getBean(EmbeddedServer.class).getURL().toString());
    }

    /** 503, the API's one error shape with the request id of the header, and when to try again. */
    private static void assertDatabaseUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
        JsonNode error = Http.parse(response.body()).get("error");
        assertThat(error.get("type").getStringValue()).isEqualTo("api_error");
        assertThat(error.get("code").getStringValue()).isEqualTo("database_unavailable");
        assertThat(error.get("message").getStringValue()).contains("try again");
        assertThat(error.get("requestId").getStringValue()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
