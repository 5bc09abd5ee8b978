package dev.checkout.app.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import dev.checkout.app.reliability.InProcessCheckout;
import dev.checkout.app.support.StoreClient;
import dev.checkout.testkit.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Buyer flows with distinctive test cards through the real sandbox and checkout, then a search for the card numbers
 * and CVCs (plain, spaced, dashed) in every log line of both, every response body, the H2 files' raw bytes or every
 * text column of the PostgreSQL schema; and for the secret key in responses, the storefront and the logs, and for
 * unmasked token ids in the logs.
 */
class CardDataLeakTest {
    /** number, CVC; the last one is declined. */
    private static final List<String[]> CARDS = List.of(
            new String[]{"4000056655665556", "917"}, new String[]{"5555555555554444", "864"},
            new String[]{"378282246310005", "7391"}, new String[]{"4000000000000002", "538"});

    @Test
    void no_card_data_on_h2() throws Exception {
        try (TestDatabase db = TestDatabase.h2File()) {
            Path dir = Path.of(db.url().substring("jdbc:h2:file:".length(), db.url().indexOf(';'))).getParent();
            List<String> scanned = run(db);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    scanned.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                }
            }
            assertNoCardData(scanned, "H2 files, logs and responses");
        }
    }

    @Test
    void no_card_data_on_postgres() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            List<String> scanned = run(db);
            try (Connection c = db.connect()) {
                String schema = c.getSchema();
                List<String[]> columns = new ArrayList<>();
                try (ResultSet rs = c.getMetaData().getColumns(null, schema, "%", "%")) {
                    while (rs.next()) {
                        columns.add(new String[]{rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME")});
                    }
                }
                assertThat(columns).as("columns in " + schema).isNotEmpty();
                for (String[] col : columns) {
                    try (ResultSet rs = c.createStatement().executeQuery(
                            "SELECT CAST(\"" + col[1] + "\" AS TEXT) FROM " + schema + ".\"" + col[0] + "\"")) {
                        while (rs.next()) {
                            scanned.add(String.valueOf(rs.getString(1)));
                        }
                    }
                }
            }
            assertNoCardData(scanned, "PostgreSQL rows, logs and responses");
        }
    }

    /** Runs the flows; returns every captured log line and response body (the log lines already checked for keys). */
    private List<String> run(TestDatabase db) {
        var logs = new ConcurrentLinkedQueue<String>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                logs.add(event.getFormattedMessage() + " " + event.getMDCPropertyMap()
                        + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())));
            }
        };
        capture.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        capture.start();
        root.addAppender(capture);
        List<String> responses = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        String secret;
        try (var shop = InProcessCheckout.start(Map.of(), db.properties())) {
            secret = shop.secretKey();
            StoreClient store = shop.store();
            String sku = "leak-" + UUID.randomUUID().toString().substring(0, 8);
            store.stock(sku, 12_00, 100);
            var http = new dev.checkout.app.support.Http();
            for (String[] card : CARDS) {
                var tokenResponse = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(shop.sandboxBase() + "/v1/tokens"))
                        .header("Authorization", "Bearer " + shop.publishableKey())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(dev.checkout.app.support.Http.form(Map.of(
                                "card[number]", card[0], "card[exp_month]", "11", "card[exp_year]", "2033", "card[cvc]", card[1]))))
                        .build());
                responses.add(tokenResponse.body());
                assertThat(tokenResponse.statusCode()).as(tokenResponse.body()).isEqualTo(200);
                String token = dev.checkout.app.support.Http.parse(tokenResponse.body()).get("id").getStringValue();
                tokens.add(token);
                var purchase = store.purchase(StoreClient.purchaseJson(token, 12_00, sku, 1), UUID.randomUUID().toString());
                responses.add(purchase.body());
                assertThat(purchase.statusCode()).as(purchase.body()).isIn(201, 402);
                String orderId = dev.checkout.app.support.Http.parse(purchase.body()).get("orderId").getStringValue();
                responses.add(store.get("/api/orders/" + orderId).body());
                // a replay of the same token, which the provider refuses
                responses.add(store.purchase(StoreClient.purchaseJson(token, 12_00, sku, 1), UUID.randomUUID().toString()).body());
            }
            assertThat(store.available(sku)).as("three approved, one declined").isEqualTo(97);
            shop.provider().charges().forEach(c -> responses.add(c.toString()));
            String storefront = store.get("/").body() + store.get("/api/config").body() + store.get("/api/products").body()
                    + store.get("/health").body() + store.get("/metrics").body();
            responses.add(storefront);
            for (String body : responses) {
                assertThat(body).as("a response body").doesNotContain(secret);
            }
        } finally {
            root.detachAppender(capture);
            capture.stop();
        }
        assertThat(logs).as("captured log lines").isNotEmpty();
        for (String line : logs) {
            assertThat(line).as("a log line").doesNotContain(secret);
            for (String token : tokens) {
                assertThat(line).as("a log line shows token %s unmasked", token).doesNotContain(token);
            }
        }
        List<String> scanned = new ArrayList<>(logs);
        scanned.addAll(responses);
        return scanned;
    }

    private static void assertNoCardData(List<String> texts, String where) {
        List<Pattern> patterns = new ArrayList<>();
        for (String[] card : CARDS) {
            patterns.add(Pattern.compile(spaced(card[0])));
            // A CVC is short: look for it as a value of its own, not inside longer numbers, ids or decimals
            // (a gauge in /metrics reading "917.0" is a count, not the CVC 917).
            patterns.add(Pattern.compile("(?<![0-9A-Za-z_.])" + card[1] + "(?![0-9A-Za-z_.])"));
        }
        List<String> found = new ArrayList<>();
        for (String text : texts) {
            for (Pattern p : patterns) {
                Matcher m = p.matcher(text);
                if (m.find()) {
                    int from = Math.max(0, m.start() - 40);
                    found.add(p + " in ..." + text.substring(from, Math.min(text.length(), m.end() + 40)) + "...");
                }
            }
        }
        assertThat(found).as("card data in " + where + " (" + texts.size() + " texts scanned)").isEmpty();
    }

    /** The digits with an optional space or dash between any two. */
    private static String spaced(String digits) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0) {
                sb.append("[ -]?");
            }
            sb.append(digits.charAt(i));
        }
        return sb.toString();
    }
}
