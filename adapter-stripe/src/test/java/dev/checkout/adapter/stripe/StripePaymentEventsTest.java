package dev.checkout.adapter.stripe;

import com.sun.net.httpserver.HttpServer;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.OrderId;
import dev.checkout.domain.payment.ChargeOutcome;
import dev.checkout.domain.payment.ChargeRequest;
import dev.checkout.domain.payment.PaymentEvent;
import dev.checkout.domain.payment.PaymentKey;
import dev.checkout.domain.port.PaymentEventRejectedException;
import dev.checkout.sandbox.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The adapter verifies what the sandbox really delivers (its Stripe-CLI-like forwarding, signed with a known secret)
 * and maps charge and refund events into the checkout's terms; forged, missing and stale signatures are refused.
 */
class StripePaymentEventsTest {
    static final String SECRET = "whsec_adapterTestSecret000000000000";
    static HttpServer receiver;
    static final List<String[]> deliveries = new CopyOnWriteArrayList<>();
    static Sandbox sandbox;
    static SandboxCards cards;
    static StripePaymentGateway gateway;
    final StripePaymentEvents events = new StripePaymentEvents(SECRET, Duration.ofMinutes(5), Clock.systemUTC());

    @BeforeAll
    static void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            deliveries.add(new String[] {new String(body, StandardCharsets.UTF_8), exchange.getRequestHeaders().getFirst("Stripe-Signature")});
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        sandbox = Sandbox.start(Map.of("sandbox.forward-to", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks",
                "sandbox.webhook-secret", SECRET));
        cards = new SandboxCards(sandbox);
        gateway = new StripePaymentGateway(cards.settings());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        receiver.stop(0);
    }

    /** The delivery of the event of this type whose body mentions {@code needle}. */
    static String[] delivered(String type, String needle) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (String[] d : deliveries) {
                if (d[0].contains("\"type\": \"" + type + "\"") || d[0].contains("\"type\":\"" + type + "\"")) {
                    if (d[0].contains(needle)) {
                        return d;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + type + " event about " + needle + " delivered; got " + deliveries.size());
    }

    static OrderId orderId() {
        return OrderId.of("ord_" + UUID.randomUUID().toString().replace("-", ""));
    }

    @Test
    void a_delivered_charge_succeeded_is_verified_and_names_the_order_and_the_charge() throws Exception {
        OrderId order = orderId();
        var approved = (ChargeOutcome.Approved) gateway.charge(ChargeRequest.forOrder(cards.token(SandboxCards.APPROVED),
                Money.of(25_00, "usd"), order));

        String[] d = delivered("charge.succeeded", order.value());
        PaymentEvent event = events.verify(d[0].getBytes(StandardCharsets.UTF_8), d[1]);

        assertThat(event.type()).isEqualTo("charge.succeeded");
        assertThat(event.id()).startsWith("evt_");
        assertThat(event.subject()).isInstanceOfSatisfying(PaymentEvent.ChargeChanged.class, c -> {
            assertThat(c.order()).contains(order);
            assertThat(c.outcome()).isEqualTo(approved);
        });
    }

    @Test
    void a_refund_event_carries_the_refund_its_charge_and_the_key_it_was_made_with() throws Exception {
        OrderId order = orderId();
        var approved = (ChargeOutcome.Approved) gateway.charge(ChargeRequest.forOrder(cards.token(SandboxCards.APPROVED),
                Money.of(30_00, "usd"), order));
        var refund = gateway.refund(approved.charge().id(), Money.of(10_00, "usd"), PaymentKey.forRefund(order, 1));

        String[] d = delivered("refund.created", refund.id().value());
        PaymentEvent event = events.verify(d[0].getBytes(StandardCharsets.UTF_8), d[1]);

        assertThat(event.subject()).isInstanceOfSatisfying(PaymentEvent.RefundChanged.class, r -> {
            assertThat(r.refund()).isEqualTo(refund.id());
            assertThat(r.charge()).isEqualTo(approved.charge().id());
            assertThat(r.amount()).isEqualTo(Money.of(10_00, "usd"));
            assertThat(r.succeeded()).isTrue();
            assertThat(r.requestKey()).contains(PaymentKey.forRefund(order, 1));
        });
    }

    @Test
    void a_missing_forged_or_stale_signature_and_another_secret_are_refused() throws Exception {
        OrderId order = orderId();
        gateway.charge(ChargeRequest.forOrder(cards.token(SandboxCards.APPROVED), Money.of(12_00, "usd"), order));
        String[] d = delivered("charge.succeeded", order.value());
        byte[] body = d[0].getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> events.verify(body, null)).isInstanceOf(PaymentEventRejectedException.class)
                .hasMessageContaining("no Stripe-Signature");
        byte[] tampered = d[0].replace("1200", "1").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> events.verify(tampered, d[1])).isInstanceOf(PaymentEventRejectedException.class);
        assertThatThrownBy(() -> new StripePaymentEvents("whsec_someOtherSecret0000000000000000", Duration.ofMinutes(5),
                Clock.systemUTC()).verify(body, d[1])).isInstanceOf(PaymentEventRejectedException.class)
                .hasMessageNotContaining(SECRET);
        // the same genuine delivery, replayed ten minutes later
        var later = new StripePaymentEvents(SECRET, Duration.ofMinutes(5),
                Clock.fixed(Instant.now().plus(Duration.ofMinutes(10)), ZoneOffset.UTC));
        assertThatThrownBy(() -> later.verify(body, d[1])).isInstanceOf(PaymentEventRejectedException.class)
                .hasMessageContaining("tolerance");
        assertThatThrownBy(() -> events.verify("not json".getBytes(StandardCharsets.UTF_8), d[1]))
                .isInstanceOf(PaymentEventRejectedException.class);
    }
}
