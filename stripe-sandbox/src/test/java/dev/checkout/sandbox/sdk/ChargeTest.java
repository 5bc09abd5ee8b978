package dev.checkout.sandbox.sdk;

import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Charge;
import com.stripe.model.Refund;
import com.stripe.param.ChargeCaptureParams;
import com.stripe.param.ChargeCreateParams;
import com.stripe.param.ChargeListParams;
import com.stripe.param.ChargeRetrieveParams;
import com.stripe.param.ChargeUpdateParams;
import dev.checkout.sandbox.TestSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Charges through stripe-java: create, amount rules, capture, update, retrieve and list (spec 4, 9, 10). */
class ChargeTest {
    private final TestSandbox t = TestSandbox.shared();

    private Charge create(ChargeCreateParams.Builder b) throws Exception {
        return t.secret.v1().charges().create(b.build());
    }

    @Test
    void a_successful_charge_has_the_shape_the_sdk_expects() throws Exception {
        String order = TestSandbox.unique("order");
        Charge c = create(ChargeCreateParams.builder().setAmount(2000L).setCurrency("USD").setSource("tok_visa")
                .setDescription("Order a b*(c)").putMetadata("order_id", order).setReceiptEmail("a@example.com")
                .setStatementDescriptorSuffix("ORDER 1"));

        assertThat(c.getId()).startsWith("ch_");
        assertThat(c.getObject()).isEqualTo("charge");
        assertThat(c.getAmount()).isEqualTo(2000L);
        assertThat(c.getAmountCaptured()).isEqualTo(2000L);
        assertThat(c.getAmountRefunded()).isZero();
        assertThat(c.getCurrency()).isEqualTo("usd");
        assertThat(c.getCaptured()).isTrue();
        assertThat(c.getPaid()).isTrue();
        assertThat(c.getRefunded()).isFalse();
        assertThat(c.getStatus()).isEqualTo("succeeded");
        assertThat(c.getBalanceTransaction()).startsWith("txn_");
        assertThat(c.getDescription()).isEqualTo("Order a b*(c)");
        assertThat(c.getMetadata()).containsExactly(Map.entry("order_id", order));
        assertThat(c.getReceiptEmail()).isEqualTo("a@example.com");
        assertThat(c.getCalculatedStatementDescriptor()).isEqualTo("SANDBOX* ORDER 1");
        assertThat(c.getOutcome().getSellerMessage()).isEqualTo("Payment complete.");
        assertThat(c.getOutcome().getRiskLevel()).isEqualTo("normal");
        assertThat(c.getFailureCode()).isNull();
        assertThat(c.getLivemode()).isFalse();
        assertThat(c.getPaymentMethodDetails().getType()).isEqualTo("card");
        var card = c.getPaymentMethodDetails().getCard();
        assertThat(card.getBrand()).isEqualTo("visa");
        assertThat(card.getLast4()).isEqualTo("4242");
        assertThat(card.getAmountAuthorized()).isEqualTo(2000L);
        assertThat(card.getNetwork()).isEqualTo("visa");
        assertThat(c.getRefunds()).isNull();

        Charge again = t.secret.v1().charges().retrieve(c.getId());
        assertThat(again.getRawJsonObject()).isEqualTo(c.getRawJsonObject());
    }

    @ParameterizedTest(name = "{0} {1} -> {2} on {3}")
    @CsvSource(nullValues = "-", value = {
            "0, usd, parameter_invalid_integer, amount",
            "-5, usd, parameter_invalid_integer, amount",
            "49, usd, amount_too_small, amount",
            "29, gbp, amount_too_small, amount",
            "399, hkd, amount_too_small, amount",
            "49, jpy, amount_too_small, amount",
            "100000000, usd, amount_too_large, amount",
            "100000000, jpy, amount_too_large, amount",
            "5125, kwd, invalid_charge_amount, amount",
            "1050, isk, invalid_charge_amount, amount",
            "1000, xyz, -, currency",
    })
    void amounts_outside_the_currency_rules_are_refused(long amount, String currency, String code, String param) {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> create(
                ChargeCreateParams.builder().setAmount(amount).setCurrency(currency).setSource("tok_visa")));

        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getCode()).isEqualTo(code);
        assertThat(e.getParam()).isEqualTo(param);
    }

    @Test
    void amount_messages_name_the_limit() {
        var small = catchThrowableOfType(InvalidRequestException.class, () -> create(
                ChargeCreateParams.builder().setAmount(49L).setCurrency("usd").setSource("tok_visa")));
        var large = catchThrowableOfType(InvalidRequestException.class, () -> create(
                ChargeCreateParams.builder().setAmount(100_000_000L).setCurrency("usd").setSource("tok_visa")));

        assertThat(small.getStripeError().getMessage()).isEqualTo("Amount must be at least $0.50 usd");
        assertThat(large.getStripeError().getMessage()).isEqualTo("Amount must be no more than $999,999.99");
    }

    @ParameterizedTest(name = "{0} {1} is accepted")
    @CsvSource({"50, usd", "99999999, usd", "50, jpy", "30, gbp", "5120, kwd", "1000, isk", "5000, krw"})
    void amounts_inside_the_rules_are_accepted(long amount, String currency) throws Exception {
        Charge c = create(ChargeCreateParams.builder().setAmount(amount).setCurrency(currency).setSource("tok_visa"));
        assertThat(c.getAmount()).isEqualTo(amount);
        assertThat(c.getCurrency()).isEqualTo(currency);
    }

    @Test
    void missing_amount_currency_or_source_is_named() {
        var noAmount = catchThrowableOfType(InvalidRequestException.class, () -> create(
                ChargeCreateParams.builder().setCurrency("usd").setSource("tok_visa")));
        var noCurrency = catchThrowableOfType(InvalidRequestException.class, () -> create(
                ChargeCreateParams.builder().setAmount(1000L).setSource("tok_visa")));
        var noSource = catchThrowableOfType(InvalidRequestException.class, () -> create(
                ChargeCreateParams.builder().setAmount(1000L).setCurrency("usd")));

        assertThat(noAmount.getCode()).isEqualTo("parameter_missing");
        assertThat(noAmount.getParam()).isEqualTo("amount");
        assertThat(noAmount.getStripeError().getMessage()).isEqualTo("Missing required param: amount.");
        assertThat(noCurrency.getParam()).isEqualTo("currency");
        assertThat(noSource.getCode()).isEqualTo("parameter_missing");
        assertThat(noSource.getStripeError().getMessage()).isEqualTo("Must provide source or customer.");
    }

    @Test
    void an_authorization_can_be_captured_in_full() throws Exception {
        Charge auth = create(ChargeCreateParams.builder().setAmount(3000L).setCurrency("usd").setSource("tok_visa")
                .setCapture(false));
        assertThat(auth.getCaptured()).isFalse();
        assertThat(auth.getPaid()).isTrue();
        assertThat(auth.getAmountCaptured()).isZero();
        assertThat(auth.getBalanceTransaction()).isNull();

        Charge captured = t.secret.v1().charges().capture(auth.getId());

        assertThat(captured.getCaptured()).isTrue();
        assertThat(captured.getAmountCaptured()).isEqualTo(3000L);
        assertThat(captured.getAmountRefunded()).isZero();
        assertThat(captured.getBalanceTransaction()).startsWith("txn_");

        InvalidRequestException twice = catchThrowableOfType(InvalidRequestException.class,
                () -> t.secret.v1().charges().capture(auth.getId()));
        assertThat(twice.getCode()).isEqualTo("charge_already_captured");
        assertThat(twice.getStripeError().getMessage()).isEqualTo("Charge " + auth.getId()
                + " has already been captured.");
    }

    @Test
    void a_partial_capture_releases_the_rest_as_a_refund() throws Exception {
        Charge auth = create(ChargeCreateParams.builder().setAmount(5000L).setCurrency("usd").setSource("tok_visa")
                .setCapture(false));

        Charge captured = t.secret.v1().charges().capture(auth.getId(),
                ChargeCaptureParams.builder().setAmount(3500L).addExpand("refunds").build());

        assertThat(captured.getAmountCaptured()).isEqualTo(3500L);
        assertThat(captured.getAmountRefunded()).isEqualTo(1500L);
        assertThat(captured.getRefunded()).isFalse();
        assertThat(captured.getRefunds().getData()).hasSize(1);
        Refund released = captured.getRefunds().getData().getFirst();
        assertThat(released.getAmount()).isEqualTo(1500L);
        assertThat(released.getCharge()).isEqualTo(auth.getId());
        assertThat(captured.getRefunds().getUrl()).isEqualTo("/v1/charges/" + auth.getId() + "/refunds");
    }

    @Test
    void capture_refuses_too_much_too_little_failed_and_unknown_charges() throws Exception {
        Charge auth = create(ChargeCreateParams.builder().setAmount(1000L).setCurrency("usd").setSource("tok_visa")
                .setCapture(false));
        var tooMuch = catchThrowableOfType(InvalidRequestException.class, () -> t.secret.v1().charges()
                .capture(auth.getId(), ChargeCaptureParams.builder().setAmount(1001L).build()));
        var tooLittle = catchThrowableOfType(InvalidRequestException.class, () -> t.secret.v1().charges()
                .capture(auth.getId(), ChargeCaptureParams.builder().setAmount(10L).build()));
        assertThat(tooMuch.getCode()).isEqualTo("amount_too_large");
        assertThat(tooMuch.getParam()).isEqualTo("amount");
        assertThat(tooLittle.getCode()).isEqualTo("amount_too_small");

        String failedId = catchThrowableOfType(CardException.class, () -> t.charge("tok_chargeDeclined", 1000))
                .getCharge();
        var failed = catchThrowableOfType(InvalidRequestException.class,
                () -> t.secret.v1().charges().capture(failedId));
        assertThat(failed.getStatusCode()).isEqualTo(400);

        var unknown = catchThrowableOfType(InvalidRequestException.class,
                () -> t.secret.v1().charges().capture("ch_missing"));
        assertThat(unknown.getStatusCode()).isEqualTo(404);
        assertThat(unknown.getCode()).isEqualTo("resource_missing");
        assertThat(unknown.getStripeError().getMessage()).isEqualTo("No such charge: 'ch_missing'");
    }

    @Test
    void an_unknown_charge_is_a_404_resource_missing() {
        var e = catchThrowableOfType(InvalidRequestException.class,
                () -> t.secret.v1().charges().retrieve("ch_missing"));

        assertThat(e.getStatusCode()).isEqualTo(404);
        assertThat(e.getCode()).isEqualTo("resource_missing");
        assertThat(e.getParam()).isEqualTo("id");
        assertThat(e.getStripeError().getMessage()).isEqualTo("No such charge: 'ch_missing'");
    }

    @Test
    void description_and_metadata_can_be_updated_merged_and_cleared() throws Exception {
        Charge c = create(ChargeCreateParams.builder().setAmount(1000L).setCurrency("usd").setSource("tok_visa")
                .setDescription("first").putMetadata("order_id", "1").putMetadata("keep", "yes"));

        Charge merged = t.secret.v1().charges().update(c.getId(), ChargeUpdateParams.builder()
                .setDescription("second").putMetadata("order_id", "2").putMetadata("extra", "x").build());
        assertThat(merged.getDescription()).isEqualTo("second");
        assertThat(merged.getMetadata()).containsOnly(Map.entry("order_id", "2"), Map.entry("keep", "yes"),
                Map.entry("extra", "x"));

        Charge deleted = t.secret.v1().charges().update(c.getId(), ChargeUpdateParams.builder()
                .putMetadata("keep", "").build());
        assertThat(deleted.getMetadata()).containsOnly(Map.entry("order_id", "2"), Map.entry("extra", "x"));

        Charge cleared = t.secret.v1().charges().update(c.getId(), ChargeUpdateParams.builder()
                .setMetadata(com.stripe.param.common.EmptyParam.EMPTY).setDescription(
                        com.stripe.param.common.EmptyParam.EMPTY).build());
        assertThat(cleared.getMetadata()).isEmpty();
        assertThat(cleared.getDescription()).isNull();
        assertThat(t.secret.v1().charges().retrieve(c.getId()).getMetadata()).isEmpty();
    }

    @Test
    void update_refuses_parameters_it_cannot_change() {
        var e = catchThrowableOfType(InvalidRequestException.class, () -> t.secret.v1().charges().update("ch_x",
                ChargeUpdateParams.builder().putExtraParam("amount", 5).build()));

        assertThat(e.getCode()).isEqualTo("parameter_unknown");
        assertThat(e.getParam()).isEqualTo("amount");
    }

    @Test
    void expand_balance_transaction_gives_the_object() throws Exception {
        Charge c = t.charge("tok_visa", 1234);

        Charge expanded = t.secret.v1().charges().retrieve(c.getId(),
                ChargeRetrieveParams.builder().addExpand("balance_transaction").build());

        assertThat(expanded.getBalanceTransactionObject().getId()).isEqualTo(c.getBalanceTransaction());
        assertThat(expanded.getBalanceTransactionObject().getAmount()).isEqualTo(1234L);
        var bad = catchThrowableOfType(InvalidRequestException.class, () -> t.secret.v1().charges()
                .retrieve(c.getId(), ChargeRetrieveParams.builder().addExpand("nonsense").build()));
        assertThat(bad.getParam()).isEqualTo("expand");
    }

    @Test
    void a_merchant_finds_the_charge_of_its_order_by_listing_with_created_filters() throws Exception {
        String order = TestSandbox.unique("order");
        long before = java.time.Instant.now().getEpochSecond() - 1;
        Charge mine = create(ChargeCreateParams.builder().setAmount(1000L).setCurrency("usd").setSource("tok_visa")
                .putMetadata("order_id", order));
        long after = java.time.Instant.now().getEpochSecond() + 1;

        List<Charge> found = new ArrayList<>();
        for (Charge c : t.secret.v1().charges().list(ChargeListParams.builder().setLimit(100L)
                .setCreated(ChargeListParams.Created.builder().setGte(before).setLte(after).build()).build())
                .autoPagingIterable()) {
            if (order.equals(c.getMetadata().get("order_id"))) {
                found.add(c);
            }
        }

        assertThat(found).extracting(Charge::getId).containsExactly(mine.getId());
        var none = t.secret.v1().charges().list(ChargeListParams.builder()
                .setCreated(ChargeListParams.Created.builder().setGt(after + 100).build()).build());
        assertThat(none.getData()).isEmpty();
        assertThat(none.getHasMore()).isFalse();
        assertThat(none.getUrl()).isEqualTo("/v1/charges");
    }

    @Test
    void lists_are_newest_first_and_page_both_ways() throws Exception {
        // a private account, so that other tests' charges do not interleave
        try (var s = dev.checkout.sandbox.Sandbox.start(Map.of("sandbox.keys", "pk_test_list:sk_test_list"))) {
            TestSandbox o = new TestSandbox(s);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                ids.add(o.charge("tok_visa", 1000 + i).getId());
            }
            List<String> newestFirst = new ArrayList<>(ids).reversed();

            var page1 = o.secret.v1().charges().list(ChargeListParams.builder().setLimit(3L).build());
            assertThat(page1.getData()).extracting(Charge::getId).containsExactlyElementsOf(newestFirst.subList(0, 3));
            assertThat(page1.getHasMore()).isTrue();

            var page2 = o.secret.v1().charges().list(ChargeListParams.builder().setLimit(3L)
                    .setStartingAfter(newestFirst.get(2)).build());
            assertThat(page2.getData()).extracting(Charge::getId).containsExactlyElementsOf(newestFirst.subList(3, 6));
            assertThat(page2.getHasMore()).isTrue();

            var back = o.secret.v1().charges().list(ChargeListParams.builder().setLimit(2L)
                    .setEndingBefore(newestFirst.get(3)).build());
            assertThat(back.getData()).extracting(Charge::getId).containsExactlyElementsOf(newestFirst.subList(1, 3));
            assertThat(back.getHasMore()).isTrue();

            List<String> all = new ArrayList<>();
            o.secret.v1().charges().list(ChargeListParams.builder().setLimit(2L).build()).autoPagingIterable()
                    .forEach(c -> all.add(c.getId()));
            assertThat(all).containsExactlyElementsOf(newestFirst);

            var both = catchThrowableOfType(InvalidRequestException.class, () -> o.secret.v1().charges().list(
                    ChargeListParams.builder().setStartingAfter(ids.get(0)).setEndingBefore(ids.get(1)).build()));
            assertThat(both.getCode()).isEqualTo("parameters_exclusive");
            var badLimit = catchThrowableOfType(InvalidRequestException.class, () -> o.secret.v1().charges().list(
                    ChargeListParams.builder().setLimit(101L).build()));
            assertThat(badLimit.getParam()).isEqualTo("limit");
            var badCursor = catchThrowableOfType(InvalidRequestException.class, () -> o.secret.v1().charges().list(
                    ChargeListParams.builder().setStartingAfter("ch_missing").build()));
            assertThat(badCursor.getParam()).isEqualTo("starting_after");
        }
    }

    @Test
    void failed_charges_are_listed_too() throws Exception {
        try (var s = dev.checkout.sandbox.Sandbox.start(Map.of("sandbox.keys", "pk_test_fail:sk_test_fail"))) {
            TestSandbox o = new TestSandbox(s);
            String ok = o.charge("tok_visa", 1000).getId();
            String failed = catchThrowableOfType(CardException.class, () -> o.charge("tok_chargeDeclined", 1000))
                    .getCharge();

            var list = o.secret.v1().charges().list(ChargeListParams.builder().build());

            assertThat(list.getData()).extracting(Charge::getId).containsExactly(failed, ok);
            assertThat(list.getData().getFirst().getStatus()).isEqualTo("failed");
        }
    }

    @Test
    void another_account_cannot_see_a_charge() throws Exception {
        try (var s = dev.checkout.sandbox.Sandbox.start(Map.of("sandbox.keys",
                "pk_test_one:sk_test_one,pk_test_two:sk_test_two"))) {
            TestSandbox o = new TestSandbox(s);
            String id = o.charge("tok_visa", 1000).getId();
            var two = o.client("sk_test_two");

            var e = catchThrowableOfType(InvalidRequestException.class, () -> two.v1().charges().retrieve(id));

            assertThat(e.getCode()).isEqualTo("resource_missing");
            assertThat(two.v1().charges().list().getData()).isEmpty();
        }
    }
}
