package dev.checkout.sandbox.sdk;

import com.stripe.StripeClient;
import com.stripe.exception.ApiException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Charge;
import com.stripe.net.RequestOptions;
import com.stripe.param.ChargeCreateParams;
import com.stripe.param.ChargeListParams;
import com.stripe.param.RefundCreateParams;
import dev.checkout.sandbox.MutableClock;
import dev.checkout.sandbox.Sandbox;
import dev.checkout.sandbox.TestSandbox;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Idempotency keys (spec 7) through stripe-java, plus the headers only raw HTTP shows. */
class IdempotencyTest {
    private final TestSandbox t = TestSandbox.shared();

    private static RequestOptions key(String k) {
        return RequestOptions.builder().setIdempotencyKey(k).build();
    }

    private static ChargeCreateParams params(long amount, String source) {
        return ChargeCreateParams.builder().setAmount(amount).setCurrency("usd").setSource(source).build();
    }

    @Test
    void a_retry_with_the_same_key_replays_the_first_answer_even_after_the_token_was_used() throws Exception {
        String k = TestSandbox.unique("key");
        String token = t.token("4242424242424242").getId();

        Charge first = t.secret.v1().charges().create(params(1000, token), key(k));
        Charge second = t.secret.v1().charges().create(params(1000, token), key(k));

        assertThat(second.getId()).isEqualTo(first.getId());
        assertThat(second.getRawJsonObject()).isEqualTo(first.getRawJsonObject());
    }

    @Test
    void a_replay_is_byte_identical_and_says_so_in_its_headers() {
        String k = TestSandbox.unique("key");
        String body = "amount=1000&currency=usd&source=tok_visa&metadata[order_id]=" + k;

        HttpResponse<String> first = t.post("/v1/charges", body, "Idempotency-Key", k);
        HttpResponse<String> replay = t.post("/v1/charges", "source=tok_visa&metadata[order_id]=" + k
                + "&currency=usd&amount=1000", "Idempotency-Key", k);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo(first.body());
        String firstId = first.headers().firstValue("Request-Id").orElseThrow();
        assertThat(first.headers().firstValue("Original-Request")).contains(firstId);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(replay.headers().firstValue("Request-Id")).isPresent().isNotEqualTo(java.util.Optional.of(firstId));
        assertThat(replay.headers().firstValue("Original-Request")).contains(firstId);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(replay.headers().firstValue("Idempotency-Key")).contains(k);
        assertThat(replay.headers().firstValue("Stripe-Should-Retry")).contains("false");
    }

    @Test
    void a_decline_is_replayed_and_makes_one_failed_charge() {
        String k = TestSandbox.unique("key");

        CardException first = catchThrowableOfType(CardException.class,
                () -> t.secret.v1().charges().create(params(1000, "tok_chargeDeclinedInsufficientFunds"), key(k)));
        CardException second = catchThrowableOfType(CardException.class,
                () -> t.secret.v1().charges().create(params(1000, "tok_chargeDeclinedInsufficientFunds"), key(k)));

        assertThat(second.getCharge()).isEqualTo(first.getCharge());
        assertThat(second.getDeclineCode()).isEqualTo("insufficient_funds");
    }

    @Test
    void the_same_key_with_other_parameters_is_an_idempotency_error() throws Exception {
        String k = TestSandbox.unique("key");
        t.secret.v1().charges().create(params(1000, "tok_visa"), key(k));

        IdempotencyException e = catchThrowableOfType(IdempotencyException.class,
                () -> t.secret.v1().charges().create(params(2000, "tok_visa"), key(k)));

        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getStripeError().getType()).isEqualTo("idempotency_error");
        assertThat(e.getStripeError().getMessage()).isEqualTo("Keys for idempotent requests can only be used with "
                + "the same parameters they were first used with. Try using a key other than '" + k
                + "' if you meant to execute a different request.");
    }

    @Test
    void the_same_key_on_another_endpoint_is_an_idempotency_error() throws Exception {
        String k = TestSandbox.unique("key");
        Charge c = t.secret.v1().charges().create(params(1000, "tok_visa"), key(k));

        IdempotencyException e = catchThrowableOfType(IdempotencyException.class, () -> t.secret.v1().refunds()
                .create(RefundCreateParams.builder().setCharge(c.getId()).build(), key(k)));

        assertThat(e.getStripeError().getType()).isEqualTo("idempotency_error");
    }

    @Test
    void a_request_refused_by_validation_is_not_stored_under_its_key() throws Exception {
        String k = TestSandbox.unique("key");
        var bad = catchThrowableOfType(InvalidRequestException.class, () -> t.secret.v1().charges().create(
                ChargeCreateParams.builder().setAmount(10L).setCurrency("usd").setSource("tok_visa").build(), key(k)));
        assertThat(bad.getCode()).isEqualTo("amount_too_small");

        Charge fixed = t.secret.v1().charges().create(params(1000, "tok_visa"), key(k));

        assertThat(fixed.getStatus()).isEqualTo("succeeded");
    }

    @Test
    void keys_are_scoped_per_account() throws Exception {
        try (Sandbox s = Sandbox.start(Map.of("sandbox.keys", "pk_test_k1:sk_test_k1,pk_test_k2:sk_test_k2"))) {
            TestSandbox o = new TestSandbox(s);
            String k = TestSandbox.unique("key");

            Charge one = o.client("sk_test_k1").v1().charges().create(params(1000, "tok_visa"), key(k));
            Charge two = o.client("sk_test_k2").v1().charges().create(params(2000, "tok_visa"), key(k));

            assertThat(two.getId()).isNotEqualTo(one.getId());
            assertThat(two.getAmount()).isEqualTo(2000L);
        }
    }

    @Test
    void keys_expire_after_24_hours_and_then_start_afresh() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        try (Sandbox s = Sandbox.start(Map.of(), clock)) {
            TestSandbox o = new TestSandbox(s);
            String k = TestSandbox.unique("key");
            Charge first = o.secret.v1().charges().create(params(1000, "tok_visa"), key(k));

            clock.advance(Duration.ofHours(23));
            assertThat(o.secret.v1().charges().create(params(1000, "tok_visa"), key(k)).getId())
                    .isEqualTo(first.getId());

            clock.advance(Duration.ofHours(1));
            Charge fresh = o.secret.v1().charges().create(params(1000, "tok_visa"), key(k));
            assertThat(fresh.getId()).isNotEqualTo(first.getId());
        }
    }

    @Test
    void ten_parallel_requests_with_one_key_make_one_charge() throws Exception {
        try (Sandbox s = Sandbox.start(Map.of("sandbox.keys", "pk_test_par:sk_test_par"))) {
            TestSandbox o = new TestSandbox(s);
            // the SDK retries the 409 of a request that overlaps the first one, as it does against Stripe
            StripeClient client = StripeClient.builder().setApiKey(s.secretKey()).setApiBase(s.baseUrl())
                    .setMaxNetworkRetries(5).build();
            String k = TestSandbox.unique("key");
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(10);
            try {
                List<Callable<String>> tasks = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    tasks.add(() -> {
                        start.await();
                        return client.v1().charges().create(params(1000, "tok_visa"), key(k)).getId();
                    });
                }
                List<Future<String>> futures = new ArrayList<>();
                for (Callable<String> task : tasks) {
                    futures.add(pool.submit(task));
                }
                start.countDown();
                Set<String> ids = new HashSet<>();
                for (Future<String> f : futures) {
                    ids.add(f.get());
                }

                assertThat(ids).hasSize(1);
                assertThat(o.secret.v1().charges().list(ChargeListParams.builder().setLimit(100L).build())
                        .getData()).extracting(Charge::getId).containsExactlyElementsOf(ids);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void a_request_while_the_first_with_its_key_is_in_flight_gets_409_should_retry() throws Exception {
        try (Sandbox s = Sandbox.start(Map.of("sandbox.charge-delay", "8s"))) {
            TestSandbox o = new TestSandbox(s);
            String body = "amount=1000&currency=usd&source=tok_visa";
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                // two requests with one key, sent together: whichever arrives first holds the key for the 8 s delay
                String k = TestSandbox.unique("key");
                CountDownLatch go = new CountDownLatch(1);
                List<Future<HttpResponse<String>>> both = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    both.add(pool.submit(() -> {
                        go.await();
                        return o.post("/v1/charges", body, "Idempotency-Key", k);
                    }));
                }
                go.countDown();
                HttpResponse<String> a = both.get(0).get();
                HttpResponse<String> b = both.get(1).get();
                HttpResponse<String> ok = a.statusCode() == 200 ? a : b;
                HttpResponse<String> busy = a.statusCode() == 200 ? b : a;

                assertThat(ok.statusCode()).isEqualTo(200);
                assertThat(busy.statusCode()).isEqualTo(409);
                assertThat(busy.headers().firstValue("Stripe-Should-Retry")).contains("true");
                assertThat(TestSandbox.error(busy).get("code").getAsString()).isEqualTo("idempotency_key_in_use");
                assertThat(o.post("/v1/charges", body, "Idempotency-Key", k).body()).isEqualTo(ok.body());

                // stripe-java without retries maps the 409 to its generic ApiException. The raw request goes first and
                // holds the key for 8 s; the SDK's follows half a second later (on loopback the first arrives within
                // milliseconds). Should the SDK's still arrive first on a starved machine, it holds the key itself
                // and the attempt is repeated with a fresh key.
                ApiException viaSdk = null;
                for (int attempt = 0; attempt < 5 && viaSdk == null; attempt++) {
                    String k2 = TestSandbox.unique("key");
                    Future<HttpResponse<String>> holder = pool.submit(() -> o.post("/v1/charges", body,
                            "Idempotency-Key", k2));
                    Thread.sleep(500);
                    try {
                        o.secret.v1().charges().create(params(1000, "tok_visa"), key(k2));
                    } catch (ApiException e) {
                        viaSdk = e;
                    }
                    holder.get();
                }
                assertThat(viaSdk).isNotNull();
                assertThat(viaSdk.getStatusCode()).isEqualTo(409);
                assertThat(viaSdk.getCode()).isEqualTo("idempotency_key_in_use");
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
