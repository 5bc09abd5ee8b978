package dev.checkout.sandbox.sdk;

import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Charge;
import com.stripe.model.Refund;
import com.stripe.param.ChargeCreateParams;
import com.stripe.param.ChargeRetrieveParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundListParams;
import com.stripe.param.RefundUpdateParams;
import dev.checkout.sandbox.TestSandbox;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Refunds through stripe-java (spec 5): full, partial, errors, lists, and concurrent partials. */
class RefundTest {
    private final TestSandbox t = TestSandbox.shared();

    private Refund refund(String charge, Long amount) throws Exception {
        RefundCreateParams.Builder b = RefundCreateParams.builder().setCharge(charge);
        if (amount != null) {
            b.setAmount(amount);
        }
        return t.secret.v1().refunds().create(b.build());
    }

    @Test
    void a_full_refund_refunds_the_charge() throws Exception {
        Charge c = t.charge("tok_visa", 2500);

        Refund r = t.secret.v1().refunds().create(RefundCreateParams.builder().setCharge(c.getId())
                .setReason(RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER).putMetadata("ticket", "42").build());

        assertThat(r.getId()).startsWith("re_");
        assertThat(r.getObject()).isEqualTo("refund");
        assertThat(r.getAmount()).isEqualTo(2500L);
        assertThat(r.getCharge()).isEqualTo(c.getId());
        assertThat(r.getCurrency()).isEqualTo("usd");
        assertThat(r.getStatus()).isEqualTo("succeeded");
        assertThat(r.getReason()).isEqualTo("requested_by_customer");
        assertThat(r.getBalanceTransaction()).startsWith("txn_");
        assertThat(r.getPaymentMethod()).isEqualTo(c.getPaymentMethod());
        assertThat(r.getMetadata()).containsExactly(Map.entry("ticket", "42"));
        Charge after = t.secret.v1().charges().retrieve(c.getId());
        assertThat(after.getAmountRefunded()).isEqualTo(2500L);
        assertThat(after.getRefunded()).isTrue();
        assertThat(t.secret.v1().refunds().retrieve(r.getId()).getRawJsonObject()).isEqualTo(r.getRawJsonObject());

        var again = catchThrowableOfType(InvalidRequestException.class, () -> refund(c.getId(), null));
        assertThat(again.getCode()).isEqualTo("charge_already_refunded");
        assertThat(again.getStripeError().getMessage()).isEqualTo("Charge " + c.getId()
                + " has already been refunded.");
    }

    @Test
    void several_partial_refunds_add_up_and_over_refunding_is_refused() throws Exception {
        Charge c = t.charge("tok_visa", 1000);

        refund(c.getId(), 300L);
        refund(c.getId(), 200L);
        Charge mid = t.secret.v1().charges().retrieve(c.getId());
        assertThat(mid.getAmountRefunded()).isEqualTo(500L);
        assertThat(mid.getRefunded()).isFalse();

        var over = catchThrowableOfType(InvalidRequestException.class, () -> refund(c.getId(), 501L));
        assertThat(over.getStatusCode()).isEqualTo(400);
        assertThat(over.getParam()).isEqualTo("amount");
        assertThat(over.getStripeError().getMessage())
                .isEqualTo("Refund amount ($5.01) is greater than unrefunded amount on charge ($5.00)");

        Refund rest = refund(c.getId(), null);
        assertThat(rest.getAmount()).isEqualTo(500L);
        Charge done = t.secret.v1().charges().retrieve(c.getId(),
                ChargeRetrieveParams.builder().addExpand("refunds").build());
        assertThat(done.getRefunded()).isTrue();
        assertThat(done.getAmountRefunded()).isEqualTo(1000L);
        assertThat(done.getRefunds().getData()).extracting(Refund::getAmount).containsExactly(500L, 200L, 300L);
    }

    @Test
    void refunds_of_failed_unknown_or_uncaptured_charges_follow_the_rules() throws Exception {
        String failed = catchThrowableOfType(CardException.class, () -> t.charge("tok_chargeDeclined", 1000))
                .getCharge();
        var ofFailed = catchThrowableOfType(InvalidRequestException.class, () -> refund(failed, null));
        assertThat(ofFailed.getStatusCode()).isEqualTo(400);
        assertThat(ofFailed.getCode()).isEqualTo("charge_not_refundable");

        var unknown = catchThrowableOfType(InvalidRequestException.class, () -> refund("ch_missing", null));
        assertThat(unknown.getStatusCode()).isEqualTo(404);
        assertThat(unknown.getCode()).isEqualTo("resource_missing");
        assertThat(unknown.getParam()).isEqualTo("charge");

        var zero = catchThrowableOfType(InvalidRequestException.class, () -> refund("ch_missing", 0L));
        assertThat(zero.getCode()).isEqualTo("parameter_invalid_integer");
        assertThat(zero.getParam()).isEqualTo("amount");

        Charge auth = t.secret.v1().charges().create(ChargeCreateParams.builder().setAmount(1000L)
                .setCurrency("usd").setSource("tok_visa").setCapture(false).build());
        var partial = catchThrowableOfType(InvalidRequestException.class, () -> refund(auth.getId(), 100L));
        assertThat(partial.getParam()).isEqualTo("amount");
        assertThat(partial.getStripeError().getMessage()).startsWith("You cannot partially refund an uncaptured charge.");

        Refund release = refund(auth.getId(), null);
        assertThat(release.getAmount()).isEqualTo(1000L);
        assertThat(release.getBalanceTransaction()).isNull();
        Charge released = t.secret.v1().charges().retrieve(auth.getId());
        assertThat(released.getRefunded()).isTrue();
        assertThat(released.getCaptured()).isFalse();
        var capture = catchThrowableOfType(InvalidRequestException.class,
                () -> t.secret.v1().charges().capture(auth.getId()));
        assertThat(capture.getStatusCode()).isEqualTo(400);
    }

    @Test
    void refunds_can_be_listed_by_charge_and_their_metadata_updated() throws Exception {
        Charge c = t.charge("tok_visa", 1000);
        Refund a = refund(c.getId(), 100L);
        Refund b = refund(c.getId(), 200L);

        var list = t.secret.v1().refunds().list(RefundListParams.builder().setCharge(c.getId()).build());
        assertThat(list.getData()).extracting(Refund::getId).containsExactly(b.getId(), a.getId());
        assertThat(list.getUrl()).isEqualTo("/v1/refunds");

        List<String> sub = new ArrayList<>();
        Charge expanded = t.secret.v1().charges().retrieve(c.getId(),
                ChargeRetrieveParams.builder().addExpand("refunds").build());
        expanded.getRefunds().autoPagingIterable().forEach(r -> sub.add(r.getId()));
        assertThat(sub).containsExactly(b.getId(), a.getId());

        Refund updated = t.secret.v1().refunds().update(a.getId(),
                RefundUpdateParams.builder().putMetadata("note", "x").build());
        assertThat(updated.getMetadata()).containsExactly(Map.entry("note", "x"));
        var missing = catchThrowableOfType(InvalidRequestException.class,
                () -> t.secret.v1().refunds().retrieve("re_missing"));
        assertThat(missing.getStatusCode()).isEqualTo(404);
        assertThat(missing.getStripeError().getMessage()).isEqualTo("No such refund: 're_missing'");
    }

    @Test
    void concurrent_partial_refunds_never_exceed_the_amount() throws Exception {
        Charge c = t.charge("tok_visa", 1000);
        int workers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Callable<Long>> tasks = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                tasks.add(() -> {
                    try {
                        return refund(c.getId(), 150L).getAmount();
                    } catch (InvalidRequestException e) {
                        assertThat(e.getParam()).isEqualTo("amount");
                        return 0L;
                    }
                });
            }
            long refunded = 0;
            int succeeded = 0;
            for (Future<Long> f : pool.invokeAll(tasks)) {
                long got = f.get();
                refunded += got;
                succeeded += got > 0 ? 1 : 0;
            }

            Charge after = t.secret.v1().charges().retrieve(c.getId());
            assertThat(succeeded).isEqualTo(6);
            assertThat(refunded).isEqualTo(900L);
            assertThat(after.getAmountRefunded()).isEqualTo(900L);
            assertThat(after.getRefunded()).isFalse();
            assertThat(t.secret.v1().refunds().list(RefundListParams.builder().setCharge(c.getId()).setLimit(100L)
                    .build()).getData()).hasSize(6);
        } finally {
            pool.shutdownNow();
        }
    }
}
