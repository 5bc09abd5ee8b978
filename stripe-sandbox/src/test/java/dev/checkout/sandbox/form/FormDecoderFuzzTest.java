package dev.checkout.sandbox.form;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer over the form decoder every /v1 POST goes through: any bytes decode to a form or fail with
 * {@link FormException} (a 400 naming the problem), never another exception (a 500) and never a hang. The seeds
 * under {@code FormDecoderFuzzTestInputs} run with the other tests; the surefire execution "fuzz" of this module
 * then fuzzes it, coverage-guided, for {@code fuzz.duration} (30 s) in every build. {@code maxDuration} applies only
 * when it is run with {@code JAZZER_FUZZ=1} outside Maven (an IDE).
 */
class FormDecoderFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void any_bytes_decode_to_a_form_or_a_form_error(byte[] body) {
        try {
            assertThat(FormDecoder.decode(body)).isNotNull();
        } catch (FormException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
