package dev.checkout.sandbox.sdk;

import com.google.gson.JsonObject;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.ChargeListParams;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentListParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.PaymentIntentUpdateParams;
import com.stripe.param.RefundCreateParams;
import dev.checkout.sandbox.TestSandbox;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * PaymentIntents through stripe-java (PaymentIntents spec 2): create and confirm with a token, declines, the state
 * machine and its wrong-state errors, capture, cancel, update, list, refunds by intent, idempotency and the
 * publishable-key view.
 */
class PaymentIntentTest {
    private final TestSandbox t = TestSandbox.shared();

    /** The request shape spec 1 recommends for a token flow: card only, explicit automatic capture. */
    static PaymentIntentCreateParams.Builder withToken(String token, long amount) {
        return PaymentIntentCreateParams.builder().setAmount(amount).setCurrency("usd").setConfirm(true)
                .addAllowedPaymentMethodType(PaymentIntentCreateParams.AllowedPaymentMethodType.CARD)
                .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.AUTOMATIC)
                .putExtraParam("payment_method_data", Map.of("type", "card", "card", Map.of("token", token)));
    }

    private PaymentIntent create(PaymentIntentCreateParams.Builder b) throws Exception {
        return t.secret.v1().paymentIntents().create(b.build());
    }

    private String token(String number) throws Exception {
        return t.token(number).getId();
    }

    @Test
    void a_token_pays_in_one_call_and_the_charge_names_the_intent() throws Exception {
        String order = TestSandbox.unique("order");
        String tok = token("4242424242424242");
        PaymentIntent pi = create(withToken(tok, 2000).putMetadata("order_id", order).setDescription("Order 1")
                .setStatementDescriptorSuffix("ORDER 1"));

        assertThat(pi.getId()).startsWith("pi_");
        assertThat(pi.getObject()).isEqualTo("payment_intent");
        assertThat(pi.getStatus()).isEqualTo("succeeded");
        assertThat(pi.getAmount()).isEqualTo(2000L);
        assertThat(pi.getAmountReceived()).isEqualTo(2000L);
        assertThat(pi.getAmountCapturable()).isZero();
        assertThat(pi.getCaptureMethod()).isEqualTo("automatic");
        assertThat(pi.getConfirmationMethod()).isEqualTo("automatic");
        assertThat(pi.getClientSecret()).startsWith(pi.getId() + "_secret_");
        assertThat(pi.getMetadata()).containsExactly(Map.entry("order_id", order));
        assertThat(pi.getPaymentMethod()).startsWith("pm_");
        assertThat(pi.getAllowedPaymentMethodTypes()).containsExactly("card");
        assertThat(pi.getAutomaticPaymentMethods()).isNull();
        assertThat(pi.getPaymentMethodTypes()).containsExactly("card");
        assertThat(pi.getNextAction()).isNull();
        assertThat(pi.getLastPaymentError()).isNull();
        assertThat(pi.getPaymentMethodOptions().getCard().getRequestThreeDSecure()).isEqualTo("automatic");

        Charge charge = t.secret.v1().charges().retrieve(pi.getLatestCharge());
        assertThat(charge.getPaymentIntent()).isEqualTo(pi.getId());
        assertThat(charge.getPaymentMethod()).isEqualTo(pi.getPaymentMethod());
        assertThat(charge.getSource()).isNull();
        assertThat(charge.getStatus()).isEqualTo("succeeded");
        assertThat(charge.getCaptured()).isTrue();
        assertThat(charge.getMetadata()).containsExactly(Map.entry("order_id", order));
        assertThat(charge.getDescription()).isEqualTo("Order 1");
        assertThat(charge.getPaymentMethodDetails().getCard().getLast4()).isEqualTo("4242");
        assertThat(charge.getPaymentMethodDetails().getCard().getThreeDSecure()).isNull();
        // the token was consumed by the PaymentMethod the intent made
        assertThat(t.secret.v1().tokens().retrieve(tok).getUsed()).isTrue();

        PaymentIntent again = t.secret.v1().paymentIntents().retrieve(pi.getId());
        assertThat(again.getRawJsonObject()).isEqualTo(pi.getRawJsonObject());
        var attempts = t.secret.v1().charges().list(ChargeListParams.builder().setPaymentIntent(pi.getId()).build());
        assertThat(attempts.getData()).extracting(Charge::getId).containsExactly(charge.getId());
    }

    @Test
    void expanding_latest_charge_and_payment_method_gives_the_objects() throws Exception {
        PaymentIntent pi = create(withToken("tok_visa", 1500).addExpand("latest_charge").addExpand("payment_method"));
        assertThat(pi.getLatestChargeObject().getPaymentIntent()).isEqualTo(pi.getId());
        assertThat(pi.getPaymentMethodObject().getCard().getBrand()).isEqualTo("visa");
    }

    @Test
    void a_decline_throws_402_with_the_intent_back_in_requires_payment_method() throws Exception {
        String tok = token("4000000000009995");
        CardException e = catchThrowableOfType(CardException.class, () -> create(withToken(tok, 2000)));

        assertThat(e.getStatusCode()).isEqualTo(402);
        assertThat(e.getCode()).isEqualTo("card_declined");
        assertThat(e.getDeclineCode()).isEqualTo("insufficient_funds");
        assertThat(e.getCharge()).startsWith("ch_");
        PaymentIntent pi = e.getStripeError().getPaymentIntent();
        assertThat(pi.getId()).startsWith("pi_");
        assertThat(pi.getStatus()).isEqualTo("requires_payment_method");
        assertThat(pi.getPaymentMethod()).isNull();
        assertThat(pi.getLatestCharge()).isEqualTo(e.getCharge());
        assertThat(pi.getLastPaymentError().getCode()).isEqualTo("card_declined");
        assertThat(pi.getLastPaymentError().getDeclineCode()).isEqualTo("insufficient_funds");
        assertThat(pi.getLastPaymentError().getType()).isEqualTo("card_error");
        assertThat(pi.getLastPaymentError().getPaymentMethod().getCard().getLast4()).isEqualTo("9995");
        assertThat(e.getStripeError().getPaymentMethod().getId()).startsWith("pm_");

        PaymentIntent stored = t.secret.v1().paymentIntents().retrieve(pi.getId());
        assertThat(stored.getStatus()).isEqualTo("requires_payment_method");
        Charge failed = t.secret.v1().charges().retrieve(e.getCharge());
        assertThat(failed.getStatus()).isEqualTo("failed");
        assertThat(failed.getPaymentIntent()).isEqualTo(pi.getId());

        // the buyer tries another card on the same intent: the error is cleared and it succeeds
        PaymentIntent retried = t.secret.v1().paymentIntents().confirm(pi.getId(), PaymentIntentConfirmParams.builder()
                .setPaymentMethod("pm_card_visa").build());
        assertThat(retried.getStatus()).isEqualTo("succeeded");
        assertThat(retried.getLastPaymentError()).isNull();
        var attempts = t.secret.v1().charges().list(ChargeListParams.builder().setPaymentIntent(pi.getId()).build());
        assertThat(attempts.getData()).extracting(Charge::getStatus).containsExactly("succeeded", "failed");
    }

    @Test
    void default_automatic_payment_methods_need_a_return_url_unless_redirects_are_off() throws Exception {
        String tok = token("4242424242424242");
        PaymentIntentCreateParams.Builder b = PaymentIntentCreateParams.builder().setAmount(2000L).setCurrency("usd")
                .setConfirm(true).putExtraParam("payment_method_data", Map.of("type", "card", "card",
                        Map.of("token", tok)));
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> create(b));
        assertThat(e.getStripeError().getParam()).isEqualTo("return_url");
        assertThat(e.getMessage()).contains("allow_redirects");
        // refused before anything happened: the token is still unused
        assertThat(t.secret.v1().tokens().retrieve(tok).getUsed()).isFalse();

        PaymentIntent waiting = create(PaymentIntentCreateParams.builder().setAmount(2000L).setCurrency("usd")
                .setPaymentMethod("pm_card_visa"));
        InvalidRequestException onConfirm = catchThrowableOfType(InvalidRequestException.class,
                () -> t.secret.v1().paymentIntents().confirm(waiting.getId()));
        assertThat(onConfirm.getStripeError().getParam()).isEqualTo("return_url");
        assertThat(t.secret.v1().paymentIntents().retrieve(waiting.getId()).getStatus())
                .isEqualTo("requires_confirmation");
        PaymentIntent redirected = t.secret.v1().paymentIntents().confirm(waiting.getId(), PaymentIntentConfirmParams
                .builder().setReturnUrl("https://shop.example/back").build());
        assertThat(redirected.getStatus()).isEqualTo("succeeded");

        PaymentIntent ok = create(PaymentIntentCreateParams.builder().setAmount(2000L).setCurrency("usd")
                .setConfirm(true).setPaymentMethod("pm_card_visa")
                .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder().setEnabled(true)
                        .setAllowRedirects(PaymentIntentCreateParams.AutomaticPaymentMethods.AllowRedirects.NEVER)
                        .build()));
        assertThat(ok.getStatus()).isEqualTo("succeeded");
        assertThat(ok.getCaptureMethod()).isEqualTo("automatic_async");
        assertThat(ok.getAutomaticPaymentMethods().getAllowRedirects()).isEqualTo("never");
    }

    @Test
    void create_without_confirm_waits_and_confirm_pays() throws Exception {
        PaymentIntent pi = create(PaymentIntentCreateParams.builder().setAmount(1000L).setCurrency("eur")
                .addPaymentMethodType("card"));
        assertThat(pi.getStatus()).isEqualTo("requires_payment_method");
        assertThat(pi.getLatestCharge()).isNull();

        InvalidRequestException missing = catchThrowableOfType(InvalidRequestException.class,
                () -> t.secret.v1().paymentIntents().confirm(pi.getId()));
        assertThat(missing.getCode()).isEqualTo("payment_intent_unexpected_state");
        assertThat(missing.getMessage()).contains("missing a payment method");
        assertThat(missing.getStripeError().getPaymentIntent().getId()).isEqualTo(pi.getId());

        PaymentIntent attached = t.secret.v1().paymentIntents().update(pi.getId(), PaymentIntentUpdateParams.builder()
                .setPaymentMethod("pm_card_mastercard").build());
        assertThat(attached.getStatus()).isEqualTo("requires_confirmation");

        PaymentIntent paid = t.secret.v1().paymentIntents().confirm(pi.getId());
        assertThat(paid.getStatus()).isEqualTo("succeeded");
        assertThat(paid.getAmountReceived()).isEqualTo(1000L);

        InvalidRequestException again = catchThrowableOfType(InvalidRequestException.class,
                () -> t.secret.v1().paymentIntents().confirm(pi.getId()));
        assertThat(again.getCode()).isEqualTo("payment_intent_unexpected_state");
        assertThat(again.getStripeError().getMessage()).isEqualTo("You cannot confirm this PaymentIntent because it has already "
                + "succeeded after being previously confirmed.");
        assertThat(again.getStripeError().getPaymentIntent().getStatus()).isEqualTo("succeeded");

        InvalidRequestException cancel = catchThrowableOfType(InvalidRequestException.class,
                () -> t.secret.v1().paymentIntents().cancel(pi.getId()));
        assertThat(cancel.getCode()).isEqualTo("payment_intent_unexpected_state");
        assertThat(cancel.getMessage()).startsWith("You cannot cancel this PaymentIntent because it has a status of "
                + "succeeded.");

        InvalidRequestException capture = catchThrowableOfType(InvalidRequestException.class,
                () -> t.secret.v1().paymentIntents().capture(pi.getId()));
        assertThat(capture.getMessage()).startsWith("This PaymentIntent could not be captured because it has a "
                + "status of succeeded.");

        InvalidRequestException update = catchThrowableOfType(InvalidRequestException.class,
                () -> t.secret.v1().paymentIntents().update(pi.getId(), PaymentIntentUpdateParams.builder()
                        .setPaymentMethod("pm_card_visa").build()));
        assertThat(update.getCode()).isEqualTo("payment_intent_unexpected_state");
        assertThat(update.getStripeError().getParam()).isEqualTo("payment_method");

        // metadata stays updatable after success
        PaymentIntent tagged = t.secret.v1().paymentIntents().update(pi.getId(), PaymentIntentUpdateParams.builder()
                .putMetadata("note", "shipped").build());
        assertThat(tagged.getMetadata()).containsEntry("note", "shipped");
        assertThat(tagged.getStatus()).isEqualTo("succeeded");
    }

    @Test
    void manual_capture_holds_then_captures_in_part_and_releases_the_rest() throws Exception {
        PaymentIntent held = create(withToken("tok_visa", 3000)
                .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL));
        assertThat(held.getStatus()).isEqualTo("requires_capture");
        assertThat(held.getAmountCapturable()).isEqualTo(3000L);
        assertThat(t.secret.v1().charges().retrieve(held.getLatestCharge()).getCaptured()).isFalse();

        InvalidRequestException tooMuch = catchThrowableOfType(InvalidRequestException.class,
                () -> t.secret.v1().paymentIntents().capture(held.getId(), PaymentIntentCaptureParams.builder()
                        .setAmountToCapture(3001L).build()));
        assertThat(tooMuch.getCode()).isEqualTo("amount_too_large");
        assertThat(tooMuch.getStripeError().getParam()).isEqualTo("amount_to_capture");

        PaymentIntent captured = t.secret.v1().paymentIntents().capture(held.getId(),
                PaymentIntentCaptureParams.builder().setAmountToCapture(2000L).build());
        assertThat(captured.getStatus()).isEqualTo("succeeded");
        assertThat(captured.getAmountReceived()).isEqualTo(2000L);
        assertThat(captured.getAmountCapturable()).isZero();
        Charge charge = t.secret.v1().charges().retrieve(held.getLatestCharge());
        assertThat(charge.getCaptured()).isTrue();
        assertThat(charge.getAmountCaptured()).isEqualTo(2000L);
        assertThat(charge.getAmountRefunded()).isEqualTo(1000L);
    }

    @Test
    void cancel_releases_a_held_authorization() throws Exception {
        PaymentIntent held = create(withToken("tok_visa", 2500)
                .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL));
        PaymentIntent canceled = t.secret.v1().paymentIntents().cancel(held.getId(), PaymentIntentCancelParams
                .builder().setCancellationReason(PaymentIntentCancelParams.CancellationReason.REQUESTED_BY_CUSTOMER)
                .build());
        assertThat(canceled.getStatus()).isEqualTo("canceled");
        assertThat(canceled.getCancellationReason()).isEqualTo("requested_by_customer");
        assertThat(canceled.getCanceledAt()).isNotNull();
        Charge charge = t.secret.v1().charges().retrieve(held.getLatestCharge());
        assertThat(charge.getRefunded()).isTrue();
        assertThat(charge.getCaptured()).isFalse();

        InvalidRequestException confirm = catchThrowableOfType(InvalidRequestException.class,
                () -> t.secret.v1().paymentIntents().confirm(held.getId()));
        assertThat(confirm.getCode()).isEqualTo("payment_intent_unexpected_state");
        assertThat(confirm.getMessage()).contains("status of canceled");
        InvalidRequestException twice = catchThrowableOfType(InvalidRequestException.class,
                () -> t.secret.v1().paymentIntents().cancel(held.getId()));
        assertThat(twice.getMessage()).contains("status of canceled");
    }

    @Test
    void an_intent_waiting_for_a_payment_method_can_be_canceled() throws Exception {
        PaymentIntent pi = create(PaymentIntentCreateParams.builder().setAmount(1000L).setCurrency("usd"));
        PaymentIntent canceled = t.secret.v1().paymentIntents().cancel(pi.getId());
        assertThat(canceled.getStatus()).isEqualTo("canceled");
        assertThat(canceled.getCancellationReason()).isNull();
    }

    @Test
    void a_token_as_payment_method_is_refused_with_stripes_hint() {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> create(PaymentIntentCreateParams.builder().setAmount(2000L).setCurrency("usd")
                        .setPaymentMethod("tok_visa")));
        assertThat(e.getStripeError().getParam()).isEqualTo("payment_method");
        assertThat(e.getMessage()).startsWith("A token may not be passed in as a PaymentMethod.");

        InvalidRequestException unknown = catchThrowableOfType(InvalidRequestException.class,
                () -> create(PaymentIntentCreateParams.builder().setAmount(2000L).setCurrency("usd")
                        .setPaymentMethod("pm_doesnotexist")));
        assertThat(unknown.getCode()).isEqualTo("resource_missing");
        assertThat(unknown.getStripeError().getMessage()).isEqualTo("No such PaymentMethod: 'pm_doesnotexist'");
    }

    @Test
    void bad_parameters_name_the_field_and_create_nothing() throws Exception {
        InvalidRequestException amount = catchThrowableOfType(InvalidRequestException.class,
                () -> create(withToken("tok_visa", 10)));
        assertThat(amount.getCode()).isEqualTo("amount_too_small");
        assertThat(amount.getStripeError().getParam()).isEqualTo("amount");

        HttpResponse<String> r = t.post("/v1/payment_intents", "amount=2000&currency=usd&return_url=https://x.example");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestSandbox.error(r).get("param").getAsString()).isEqualTo("return_url");
        assertThat(TestSandbox.error(r).get("message").getAsString()).contains("confirm=true");

        HttpResponse<String> raw = t.post("/v1/payment_intents", "amount=2000&currency=usd&confirm=true"
                + "&payment_method_data[type]=card&payment_method_data[card][number]=4242424242424242");
        assertThat(raw.statusCode()).isEqualTo(400);
        assertThat(TestSandbox.error(raw).get("param").getAsString()).isEqualTo("payment_method_data[card][number]");

        HttpResponse<String> increment = t.post("/v1/payment_intents/pi_x/increment_authorization", "");
        assertThat(increment.statusCode()).isEqualTo(400);
        assertThat(TestSandbox.error(increment).get("message").getAsString()).contains("increment_authorization");

        HttpResponse<String> capture = t.post("/v1/payment_intents", "amount=2000&currency=usd&capture_method=later");
        assertThat(TestSandbox.error(capture).get("param").getAsString()).isEqualTo("capture_method");
    }

    @Test
    void an_idempotent_declined_create_replays_the_same_402_and_makes_one_intent() throws Exception {
        String key = TestSandbox.unique("key");
        String tok = token("4000000000000002");
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(key).build();
        PaymentIntentCreateParams params = withToken(tok, 2000).build();
        CardException first = catchThrowableOfType(CardException.class,
                () -> t.secret.v1().paymentIntents().create(params, options));
        CardException second = catchThrowableOfType(CardException.class,
                () -> t.secret.v1().paymentIntents().create(params, options));
        String id = first.getStripeError().getPaymentIntent().getId();
        assertThat(second.getStripeError().getPaymentIntent().getId()).isEqualTo(id);
        assertThat(second.getCharge()).isEqualTo(first.getCharge());
        var attempts = t.secret.v1().charges().list(ChargeListParams.builder().setPaymentIntent(id).build());
        assertThat(attempts.getData()).hasSize(1);

        String okKey = TestSandbox.unique("key");
        RequestOptions okOptions = RequestOptions.builder().setIdempotencyKey(okKey).build();
        PaymentIntentCreateParams ok = withToken("tok_visa", 2000).build();
        PaymentIntent a = t.secret.v1().paymentIntents().create(ok, okOptions);
        PaymentIntent b = t.secret.v1().paymentIntents().create(ok, okOptions);
        assertThat(b.getId()).isEqualTo(a.getId());
        assertThat(b.getLastResponse().headers().firstValue("Idempotent-Replayed")).contains("true");
    }

    @Test
    void refunds_accept_payment_intent_and_carry_it() throws Exception {
        PaymentIntent pi = create(withToken("tok_visa", 2000));
        Refund refund = t.secret.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(pi.getId())
                .setAmount(500L).build());
        assertThat(refund.getCharge()).isEqualTo(pi.getLatestCharge());
        assertThat(refund.getPaymentIntent()).isEqualTo(pi.getId());
        assertThat(refund.getPaymentMethod()).isEqualTo(pi.getPaymentMethod());
        assertThat(t.secret.v1().charges().retrieve(pi.getLatestCharge()).getAmountRefunded()).isEqualTo(500L);
        assertThat(t.secret.v1().paymentIntents().retrieve(pi.getId()).getStatus()).isEqualTo("succeeded");

        PaymentIntent open = create(PaymentIntentCreateParams.builder().setAmount(1000L).setCurrency("usd"));
        InvalidRequestException none = catchThrowableOfType(InvalidRequestException.class,
                () -> t.secret.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(open.getId())
                        .build()));
        assertThat(none.getStripeError().getParam()).isEqualTo("payment_intent");
        assertThat(none.getMessage()).contains("does not have a successful charge");
    }

    @Test
    void list_shows_metadata_newest_first() throws Exception {
        String order = TestSandbox.unique("order");
        PaymentIntent older = create(withToken("tok_visa", 2000).putMetadata("order_id", order + "-1"));
        PaymentIntent newer = create(withToken("tok_visa", 2000).putMetadata("order_id", order + "-2"));
        var page = t.secret.v1().paymentIntents().list(PaymentIntentListParams.builder().setLimit(2L).build());
        assertThat(page.getData()).extracting(PaymentIntent::getId).containsExactly(newer.getId(), older.getId());
        assertThat(page.getData().get(0).getMetadata()).containsEntry("order_id", order + "-2");
        assertThat(page.getUrl()).isEqualTo("/v1/payment_intents");
    }

    @Test
    void a_publishable_key_sees_the_client_safe_intent_only_with_its_client_secret() throws Exception {
        PaymentIntent pi = create(PaymentIntentCreateParams.builder().setAmount(2000L).setCurrency("usd")
                .addPaymentMethodType("card").putMetadata("order_id", "secret-ish"));
        PaymentIntent seen = t.publishable.v1().paymentIntents().retrieve(pi.getId(), PaymentIntentRetrieveParams
                .builder().setClientSecret(pi.getClientSecret()).build());
        assertThat(seen.getStatus()).isEqualTo("requires_payment_method");
        JsonObject raw = seen.getRawJsonObject();
        assertThat(raw.has("metadata")).isFalse();
        assertThat(raw.has("latest_charge")).isFalse();
        assertThat(raw.get("client_secret").getAsString()).isEqualTo(pi.getClientSecret());

        InvalidRequestException wrong = catchThrowableOfType(InvalidRequestException.class,
                () -> t.publishable.v1().paymentIntents().retrieve(pi.getId(), PaymentIntentRetrieveParams.builder()
                        .setClientSecret(pi.getId() + "_secret_wrong").build()));
        assertThat(wrong.getStripeError().getMessage()).isEqualTo("The client_secret provided does not match the client_secret "
                + "associated with the PaymentIntent.");
        InvalidRequestException none = catchThrowableOfType(InvalidRequestException.class,
                () -> t.publishable.v1().paymentIntents().retrieve(pi.getId()));
        assertThat(none.getStripeError().getParam()).isEqualTo("client_secret");

        // the browser confirms with the publishable key, as Stripe.js does
        HttpResponse<String> confirmed = t.raw("POST", "/v1/payment_intents/" + pi.getId() + "/confirm",
                "key=" + t.sandbox.publishableKey() + "&client_secret=" + pi.getClientSecret()
                        + "&payment_method=pm_card_visa&expected_payment_method_type=card&use_stripe_sdk=true");
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(TestSandbox.json(confirmed).get("status").getAsString()).isEqualTo("succeeded");
        assertThat(TestSandbox.json(confirmed).has("metadata")).isFalse();

        // other calls stay secret-key only
        HttpResponse<String> list = t.raw("GET", "/v1/payment_intents?key=" + t.sandbox.publishableKey(), null);
        assertThat(list.statusCode()).isEqualTo(401);
    }

    @Test
    void payment_intent_events_are_recorded_with_the_request_and_deserialize_in_the_sdk() throws Exception {
        String key = TestSandbox.unique("key");
        PaymentIntent pi = t.secret.v1().paymentIntents().create(withToken("tok_visa", 2000).build(),
                RequestOptions.builder().setIdempotencyKey(key).build());
        CardException declined = catchThrowableOfType(CardException.class,
                () -> create(withToken("tok_chargeDeclined", 2000)));
        String failedId = declined.getStripeError().getPaymentIntent().getId();

        var events = t.secret.v1().events().list(com.stripe.param.EventListParams.builder()
                .setType("payment_intent.*").setLimit(20L).build()).getData();
        var types = new java.util.ArrayList<String>();
        for (var e : events) {
            PaymentIntent inEvent = (PaymentIntent) e.getDataObjectDeserializer().getObject().orElseThrow();
            if (inEvent.getId().equals(pi.getId())) {
                types.add(e.getType());
                assertThat(e.getRequest().getIdempotencyKey()).isEqualTo(key);
                assertThat(inEvent.getMetadata()).isEmpty();
            }
            if (inEvent.getId().equals(failedId) && e.getType().equals("payment_intent.payment_failed")) {
                assertThat(inEvent.getLastPaymentError().getCode()).isEqualTo("card_declined");
                assertThat(inEvent.getStatus()).isEqualTo("requires_payment_method");
            }
        }
        assertThat(types).containsExactly("payment_intent.succeeded", "payment_intent.created");
        assertThat(events).anySatisfy(e -> assertThat(e.getType()).isEqualTo("payment_intent.payment_failed"));
    }

    @Test
    void the_request_version_switches_defaults_and_endive_refuses_payment_method_types() {
        HttpResponse<String> endive = t.post("/v1/payment_intents", "amount=2000&currency=usd"
                + "&payment_method_types[]=card", "Stripe-Version", "2026-10-28.endive");
        assertThat(endive.statusCode()).isEqualTo(400);
        assertThat(TestSandbox.error(endive).get("code").getAsString())
                .isEqualTo("payment_method_types_no_longer_supported");
        assertThat(TestSandbox.error(endive).get("param").getAsString()).isEqualTo("payment_method_types");

        HttpResponse<String> endiveAllowed = t.post("/v1/payment_intents", "amount=2000&currency=usd&confirm=true"
                + "&allowed_payment_method_types[]=card&payment_method=pm_card_visa", "Stripe-Version",
                "2026-10-28.endive");
        assertThat(TestSandbox.json(endiveAllowed).get("status").getAsString()).isEqualTo("succeeded");

        // 2020: card-only by default (no return_url needed) and automatic capture
        HttpResponse<String> old = t.post("/v1/payment_intents", "amount=2000&currency=usd&confirm=true"
                + "&payment_method=pm_card_visa", "Stripe-Version", "2020-08-27");
        JsonObject pi = TestSandbox.json(old);
        assertThat(pi.get("status").getAsString()).isEqualTo("succeeded");
        assertThat(pi.get("capture_method").getAsString()).isEqualTo("automatic");
        assertThat(pi.get("automatic_payment_methods").isJsonNull()).isTrue();
    }

    @Test
    void concurrent_confirmations_of_one_intent_authorize_once() throws Exception {
        PaymentIntent pi = create(PaymentIntentCreateParams.builder().setAmount(2000L).setCurrency("usd")
                .addPaymentMethodType("card").setPaymentMethod("pm_card_visa"));
        int n = 8;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        var start = new java.util.concurrent.CountDownLatch(1);
        var answers = new java.util.ArrayList<java.util.concurrent.Future<HttpResponse<String>>>();
        for (int i = 0; i < n; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return t.post("/v1/payment_intents/" + pi.getId() + "/confirm", "");
            }));
        }
        start.countDown();
        int succeeded = 0;
        for (var f : answers) {
            HttpResponse<String> r = f.get();
            if (r.statusCode() == 200) {
                succeeded++;
            } else {
                assertThat(r.statusCode()).isEqualTo(400);
                assertThat(TestSandbox.error(r).get("code").getAsString()).isEqualTo("payment_intent_unexpected_state");
            }
        }
        pool.shutdown();
        assertThat(succeeded).isEqualTo(1);
        var attempts = t.secret.v1().charges().list(ChargeListParams.builder().setPaymentIntent(pi.getId()).build());
        assertThat(attempts.getData()).hasSize(1);
    }
}
