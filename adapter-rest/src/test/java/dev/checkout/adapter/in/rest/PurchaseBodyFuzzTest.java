package dev.checkout.adapter.in.rest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.checkout.application.purchase.PurchaseCommand;
import dev.checkout.domain.DomainException;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer over the purchase body: whatever bytes arrive, the result is a command or a refusal that names the problem
 * (which the API answers with a 4xx), never another exception (which would be a 500). Every build runs the seeds
 * under {@code PurchaseBodyFuzzTestInputs} through Jazzer, plus a fixed number of deterministic mutations of them;
 * the surefire execution "fuzz" of this module then fuzzes it, coverage-guided, for {@code fuzz.duration} (30 s).
 * {@code maxDuration} applies only when it is run with {@code JAZZER_FUZZ=1} outside Maven (an IDE).
 */
class PurchaseBodyFuzzTest {
    private final RequestBodies bodies = new RequestBodies();

    @Test
    void twenty_thousand_mutations_of_the_seeds_are_purchases_or_named_refusals() throws Exception {
        byte[][] seeds = Mutations.seeds(getClass(), "PurchaseBodyFuzzTestInputs/any_bytes_are_a_purchase_or_a_named_refusal");
        Mutations.run(seeds, 20_000, 20261125L, this::any_bytes_are_a_purchase_or_a_named_refusal);
    }

    @FuzzTest(maxDuration = "60s")
    void any_bytes_are_a_purchase_or_a_named_refusal(byte[] body) {
        PurchaseRequest parsed;
        try {
            parsed = bodies.purchase(body);
        } catch (ApiException refused) {
            assertThat(refused.error().message()).isNotBlank();
            return;
        }
        try {
            List<PurchaseCommand.RawItem> items = parsed.items() == null ? null
                    : parsed.items().stream().map(i -> new PurchaseCommand.RawItem(i.sku(), i.quantity())).toList();
            PurchaseCommand.of(parsed.token(), parsed.amount(), parsed.currency(), items, null);
        } catch (DomainException refused) {
            assertThat(refused.field()).isNotBlank();
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
