package dev.checkout.adapter.rest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.checkout.application.purchase.PurchaseCommand;
import dev.checkout.domain.DomainException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer over the purchase body: whatever bytes arrive, the result is a command or a refusal that names the problem
 * (which the API answers with a 4xx), never another exception (which would be a 500) and never a hang. The seeds
 * under {@code PurchaseBodyFuzzTestInputs} run with the other tests; the surefire execution "fuzz" of this module
 * then fuzzes it, coverage-guided, for {@code fuzz.duration} (30 s) in every build. {@code maxDuration} applies only
 * when it is run with {@code JAZZER_FUZZ=1} outside Maven (an IDE).
 */
class PurchaseBodyFuzzTest {
    private final RequestBodies bodies = new RequestBodies();
    private final RestMapper mapper = new RestMapperImpl(); // PurchaseController's mapping, null items included

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
            PurchaseCommand.of(parsed.token(), parsed.amount(), parsed.currency(), mapper.toRawItems(parsed.items()), null);
        } catch (DomainException refused) {
            assertThat(refused.field()).isNotBlank();
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
