package dev.checkout.sandbox.unit;

import dev.checkout.sandbox.form.Form;
import dev.checkout.sandbox.form.FormDecoder;
import dev.checkout.sandbox.form.FormException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Spec 1.3's decoding rules, one by one. */
class FormDecoderTest {
    private static Form decode(String s) {
        return FormDecoder.decode(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void nests_hashes_to_any_depth() {
        assertThat(decode("shipping[address][line1]=1+Main&shipping[name]=A").params())
                .isEqualTo(Map.of("shipping", Map.of("address", Map.of("line1", "1 Main"), "name", "A")));
    }

    @Test
    void reads_indexed_and_empty_bracket_arrays_in_order() {
        assertThat(decode("expand[1]=b&expand[0]=a").params()).isEqualTo(Map.of("expand", List.of("a", "b")));
        assertThat(decode("expand[]=a&expand[]=b").params()).isEqualTo(Map.of("expand", List.of("a", "b")));
        assertThat(decode("items[0][price]=x&items[0][quantity]=2&items[1][price]=y").params()).isEqualTo(
                Map.of("items", List.of(Map.of("price", "x", "quantity", "2"), Map.of("price", "y"))));
    }

    @Test
    void decodes_plus_percent_and_escaped_brackets_as_utf8() {
        assertThat(decode("d=a+b%20c%2A%28%29&m%5Bk%5D=%C3%A9").params())
                .isEqualTo(Map.of("d", "a b c*()", "m", Map.of("k", "é")));
    }

    @Test
    void keeps_empty_values_as_unset_markers_and_last_scalar_wins() {
        assertThat(decode("description=&metadata=&a=1&a=2").params())
                .isEqualTo(Map.of("description", "", "metadata", "", "a", "2"));
    }

    @Test
    void the_fingerprint_ignores_order_and_stripe_js_bookkeeping_but_not_values() {
        Form a = decode("amount=1&currency=usd&key=pk_test_x&guid=1");
        Form b = decode("currency=usd&amount=1&muid=2");
        Form c = decode("currency=usd&amount=2");

        assertThat(a.hashHi()).isEqualTo(b.hashHi());
        assertThat(a.hashLo()).isEqualTo(b.hashLo());
        assertThat(c.hashHi()).isNotEqualTo(a.hashHi());
    }

    @Test
    void the_fingerprint_ignores_stripe_js_bookkeeping_inside_payment_method_data_too() {
        Form a = decode("client_secret=s&payment_method_data[type]=card&payment_method_data[card][token]=tok_1"
                + "&payment_method_data[guid]=g1&payment_method_data[time_on_page]=5"
                + "&payment_method_data[client_attribution_metadata][client_session_id]=x");
        Form b = decode("client_secret=s&payment_method_data[type]=card&payment_method_data[card][token]=tok_1"
                + "&payment_method_data[guid]=g2&payment_method_data[time_on_page]=9");
        Form c = decode("client_secret=s&payment_method_data[type]=card&payment_method_data[card][token]=tok_2");

        assertThat(a.hashHi()).isEqualTo(b.hashHi());
        assertThat(a.hashLo()).isEqualTo(b.hashLo());
        assertThat(c.hashHi()).isNotEqualTo(a.hashHi());
        assertThat(a.params()).containsKey("payment_method_data");
    }

    @Test
    void refuses_malformed_input_naming_the_key() {
        assertThatThrownBy(() -> decode("a=%zz")).isInstanceOf(FormException.class);
        assertThatThrownBy(() -> decode("a=%4")).isInstanceOf(FormException.class);
        assertThatThrownBy(() -> decode("card[number=1")).isInstanceOf(FormException.class)
                .extracting(e -> ((FormException) e).param()).isEqualTo("card[number");
        assertThatThrownBy(() -> decode("a=1&a[b]=2")).isInstanceOf(FormException.class);
        assertThatThrownBy(() -> decode("a[b]=1&a=2")).isInstanceOf(FormException.class);
        assertThatThrownBy(() -> decode("[x]=1")).isInstanceOf(FormException.class);
        assertThatThrownBy(() -> decode("a[b][c][d][e][f][g][h][i]=1")).isInstanceOf(FormException.class);
    }
}
