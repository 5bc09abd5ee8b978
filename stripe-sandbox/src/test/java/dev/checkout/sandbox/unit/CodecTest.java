package dev.checkout.sandbox.unit;

import dev.checkout.sandbox.card.Behaviour;
import dev.checkout.sandbox.card.Brand;
import dev.checkout.sandbox.store.Bytes;
import dev.checkout.sandbox.store.Card;
import dev.checkout.sandbox.store.Charge;
import dev.checkout.sandbox.store.Codecs;
import dev.checkout.sandbox.store.Dispute;
import dev.checkout.sandbox.store.Event;
import dev.checkout.sandbox.store.Outcome;
import dev.checkout.sandbox.store.Refund;
import dev.checkout.sandbox.store.Stored;
import dev.checkout.sandbox.store.Token;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store's binary codec: every charge, refund and token comes back equal, in the shapes the sandbox uses. */
class CodecTest {
    private static final long CREATED = 1_767_225_600L; // 2026-01-01T00:00:00Z
    private static final String ACCOUNT = "acct_1SandboxDefault000000";
    private static final String ORDER_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    // "\uD83D\uDE00" is U+1F600 (a surrogate pair); "\uD800" alone is an unpaired surrogate
    private static final String EMOJI = "\uD83D\uDE00";
    private static final String UNPAIRED = "broken \uD800 high, low \uDC00 and a trailing \uDBFF";

    // ---------------------------------------------------------------- fixtures as the endpoints make them

    private static Card premadeVisa(String cvc, String line1, String zip, Behaviour b) {
        return new Card("card_1Nv0FGQ9RKHgCVdK2ZzH5X7a", Brand.VISA, "credit", "4242", 12, 2027, "Xt5EWLLDS7FJjR1c",
                "US", null, null, null, null, null, null, null, cvc, line1, zip, b);
    }

    private static Charge approved() {
        Outcome outcome = new Outcome("authorized", "approved_by_network", null, "normal", 20, "Payment complete.",
                null);
        return new Charge("ch_3Nv0FGQ9RKHgCVdK0abcdefg", ACCOUNT, false, Stored.sortKey(CREATED, 12345), CREATED,
                2000, 2000, 0, "usd", true, "succeeded", true, true, null, Map.of("order_id", ORDER_ID), null, null,
                null, null, null, null, premadeVisa("pass", null, null, Behaviour.SUCCEED), outcome, null, null,
                List.of(), null, false, null);
    }

    private static Charge declined() {
        Outcome outcome = new Outcome("issuer_declined", "declined_by_network", null, "normal", 20,
                "The bank did not return any further details with this decline.", null);
        return new Charge("ch_3Nv0FGQ9RKHgCVdK0declined", ACCOUNT, false, Stored.sortKey(CREATED, 7), CREATED,
                1999, 0, 0, "eur", false, "failed", false, false, "order 42", Map.of(), "a@example.com", null, null,
                null, null, null, premadeVisa("pass", null, null, Behaviour.DECLINE_GENERIC), outcome,
                "card_declined", "Your card was declined.", List.of(), null, false, null);
    }

    private static Charge allNull() {
        Card card = new Card(null, null, null, null, 0, 0, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
        return new Charge("ch_nulls", ACCOUNT, false, 0, 0, 0, 0, 0, null, false, null, false, false, null, null,
                null, null, null, null, null, null, card, null, null, null, null, null, false, null);
    }

    private static Charge everything(Brand brand, Behaviour behaviour) {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            // 40-char keys, 500-char values; insertion order is not hash order
            String key = String.format("k%02d_", 49 - i) + "x".repeat(36);
            String value = switch (i % 5) {
                case 0 -> "a".repeat(500);
                case 1 -> "caf\u00e9 \u00fc\u00df ".repeat(63).substring(0, 500);
                case 2 -> EMOJI.repeat(250);
                case 3 -> "\u65e5\u672c\u8a9e".repeat(166) + "!!";
                default -> (UNPAIRED + " ").repeat(20).substring(0, 500);
            };
            metadata.put(key, value);
        }
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("city", "Z\u00fcrich");
        address.put("country", "CH");
        address.put("line1", "Bahnhofstrasse 1 " + EMOJI);
        address.put("line2", null);
        address.put("postal_code", "8001");
        address.put("state", null);
        Map<String, Object> shipping = new LinkedHashMap<>();
        shipping.put("address", address);
        shipping.put("carrier", null);
        shipping.put("name", "J\u00f8rgen " + UNPAIRED);
        shipping.put("phone", "");
        shipping.put("tracking_number", "1Z999AA10123456784");
        Card card = new Card("card_every", brand, "prepaid", "0004", Integer.MIN_VALUE, Integer.MAX_VALUE,
                "fp\u00e9" + EMOJI, "GB", "Zo\u00eb " + UNPAIRED, "1 Main St", "Apt \u2116 5", "Springfield", "IL",
                "62701", "US", "fail", "unavailable", "pass", behaviour);
        Outcome outcome = new Outcome("blocked", "not_sent_to_network", "highest_risk_level", "highest", -1,
                "Stripe blocked this payment as too risky.", "do_not_try_again");
        return new Charge("ch_every", ACCOUNT, true, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE,
                -1, "jpy", true, "pending", true, true, "desc \u00e9 " + EMOJI + " " + UNPAIRED,
                Collections.unmodifiableMap(metadata), "z\u00fc@example.com", "SANDBOX* SHOP", "\u00c9TAPE",
                Collections.unmodifiableMap(shipping), "group_\u4e00", "fraudulent", card, outcome,
                "processing_error", UNPAIRED, List.copyOf(List.of("re_1", "re_2", "re_3", "re_" + EMOJI, "")), null, false, "dp_every");
    }

    // ---------------------------------------------------------------- helpers

    private static <T extends Stored> byte[] encode(Codecs.Codec<T> codec, T value) {
        Bytes.Out out = Bytes.local();
        codec.write(value, out);
        return out.toArray();
    }

    private static <T extends Stored> T roundTrip(Codecs.Codec<T> codec, T value) {
        byte[] bytes = encode(codec, value);
        Bytes.In in = new Bytes.In(bytes, 0);
        T back = codec.read(value.id(), value.accountId(), value.sortKey(), in);
        assertThat(in.position()).as("every byte read").isEqualTo(bytes.length);
        return back;
    }

    // ---------------------------------------------------------------- charges

    @Test
    void a_typical_approved_charge_round_trips_in_under_250_bytes() {
        Charge c = approved();
        byte[] bytes = encode(Codecs.CHARGE, c);
        Charge back = roundTrip(Codecs.CHARGE, c);

        assertThat(back).isEqualTo(c);
        assertThat(back.metadata()).isInstanceOf(Map.of("k", "v").getClass()).containsEntry("order_id", ORDER_ID);
        assertThat(back.refundIds()).isSameAs(List.of());
        // 139 bytes at the time of writing: card id 31, metadata 40, fingerprint 18, last4 6, the other fields 44
        assertThat(bytes.length).as("encoded size of a tok_visa charge with metadata[order_id]: %d", bytes.length)
                .isBetween(100, 250);
    }

    @Test
    void a_declined_charge_keeps_its_failure_and_an_outcome_without_reason() {
        Charge c = declined();
        Charge back = roundTrip(Codecs.CHARGE, c);

        assertThat(back).isEqualTo(c);
        assertThat(back.outcome().reason()).isNull();
        assertThat(back.failureMessage()).isEqualTo("Your card was declined.");
        assertThat(back.metadata()).isSameAs(Map.of());
    }

    @Test
    void a_charge_with_every_nullable_field_null_round_trips() {
        Charge c = allNull();
        assertThat(roundTrip(Codecs.CHARGE, c)).isEqualTo(c);

        Charge noCard = new Charge("ch_nocard", ACCOUNT, false, 5, 5, 1, 1, 1, "usd", true, "succeeded", true, true,
                null, Map.of(), null, null, null, null, null, null, null, null, null, null, List.of(), null, false, null);
        assertThat(roundTrip(Codecs.CHARGE, noCard)).isEqualTo(noCard);
    }

    @Test
    void a_charge_with_every_field_set_round_trips_for_every_brand_and_behaviour() {
        List<Behaviour> behaviours = new ArrayList<>(List.of(Behaviour.values()));
        behaviours.add(null);
        List<Brand> brands = new ArrayList<>(List.of(Brand.values()));
        brands.add(null);
        for (Brand brand : brands) {
            for (Behaviour behaviour : behaviours) {
                Charge c = everything(brand, behaviour);
                Charge back = roundTrip(Codecs.CHARGE, c);
                assertThat(back).as("%s / %s", brand, behaviour).isEqualTo(c);
                assertThat(back.card().brand()).isSameAs(brand);
                assertThat(back.card().behaviour()).isSameAs(behaviour);
            }
        }
        Charge c = everything(Brand.AMEX, Behaviour.RISK_HIGHEST);
        Charge back = roundTrip(Codecs.CHARGE, c);
        // same order, same text to the last char, even the unpaired surrogates
        assertThat(back.metadata().keySet()).containsExactlyElementsOf(c.metadata().keySet());
        assertThat(c.metadata()).hasSize(50).allSatisfy((k, v) -> {
            assertThat(k).hasSize(40);
            assertThat(v).hasSize(500);
        });
        assertThat(back.shipping().keySet()).containsExactly("address", "carrier", "name", "phone",
                "tracking_number");
        @SuppressWarnings("unchecked")
        Map<String, Object> address = (Map<String, Object>) back.shipping().get("address");
        assertThat(address.keySet()).containsExactly("city", "country", "line1", "line2", "postal_code", "state");
        assertThat(address).containsEntry("line2", null).containsEntry("city", "Z\u00fcrich");
        assertThat(back.failureMessage()).isEqualTo(UNPAIRED).hasSize(UNPAIRED.length());
        assertThat(back.created()).isEqualTo(Long.MAX_VALUE);
        assertThat(back.sortKey()).isEqualTo(Long.MIN_VALUE);
        assertThat(back.amountCaptured()).isEqualTo(Long.MAX_VALUE);
        assertThat(back.refundIds()).containsExactly("re_1", "re_2", "re_3", "re_" + EMOJI, "");
        // decoded objects are as immutable as the ones the endpoints make
        assertThatThrownBy(() -> back.metadata().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> back.shipping().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> address.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> back.refundIds().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void metadata_comes_back_in_the_shapes_endpoints_makes() {
        Map<String, String> two = new LinkedHashMap<>();
        two.put("zeta", "1");
        two.put("alpha", "2");
        Charge c = approved().withUpdate(null, Collections.unmodifiableMap(two), null, null, null, null);
        Charge back = roundTrip(Codecs.CHARGE, c);

        assertThat(back).isEqualTo(c);
        assertThat(back.metadata().keySet()).containsExactly("zeta", "alpha");
        assertThat(roundTrip(Codecs.CHARGE, approved().withUpdate(null, Map.of(), null, null, null, null)).metadata())
                .isSameAs(Map.of());
    }

    @Test
    void a_charge_updated_captured_and_refunded_round_trips() {
        Charge c = approved()
                .withCapture(1500, 500, "r@example.com", "SHOP", "SFX", List.of("re_released"))
                .withRefund(300, List.of("re_released", "re_second"));
        Charge back = roundTrip(Codecs.CHARGE, c);

        assertThat(back).isEqualTo(c);
        assertThat(back.amountRefunded()).isEqualTo(800);
        assertThat(back.amountCaptured()).isEqualTo(1500);
    }

    // ---------------------------------------------------------------- refunds and tokens

    @Test
    void disputes_round_trip_opened_answered_escalated_and_won() {
        long key = Stored.sortKey(CREATED, 9);
        Dispute opened = new Dispute("dp_1", ACCOUNT, false, key, CREATED, "ch_1", null, 2500, "usd",
                "warning_needs_response", "general", true, 0, Map.of(), Map.of(), 0, 0, 0);
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("customer_name", "Ada " + EMOJI);
        evidence.put("uncategorized_text", "x".repeat(150_000));
        Dispute answered = opened.withResponse(Collections.unmodifiableMap(evidence), Map.of("case", "7"),
                "warning_under_review", 1);
        Dispute escalated = answered.escalated(CREATED + 60, CREATED + 60 + 7 * 24 * 3600);
        Dispute won = new Dispute("dp_2", ACCOUNT, true, key, CREATED, "ch_2", "pi_2", 1, "jpy", "under_review",
                "fraudulent", false, CREATED + 10, Map.of(), Map.of(), 3, CREATED, 0).won(CREATED + 99);

        for (Dispute d : List.of(opened, answered, escalated, won)) {
            assertThat(roundTrip(Codecs.DISPUTE, d)).isEqualTo(d);
        }
        assertThat(escalated.inquiry()).isFalse();
        assertThat(escalated.withdrawalId()).isEqualTo("txn_1");
        assertThat(won.reinstatementId()).isEqualTo("txn_r2");
        assertThat(won.closed()).isTrue();
    }

    @Test
    void refunds_round_trip_with_and_without_reason_metadata_and_balance_transaction() {
        Refund plain = new Refund("re_3Nv0FGQ9RKHgCVdK0refund01", ACCOUNT, false, Stored.sortKey(CREATED + 60, 99),
                CREATED + 60, 500, "ch_3Nv0FGQ9RKHgCVdK0abcdefg", "usd", "card_1Nv0FGQ9RKHgCVdK2ZzH5X7a", null,
                Map.of(), false, "reversal");
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ticket", "T-1");
        m.put("note", "r\u00fcckerstattung " + EMOJI);
        Refund full = new Refund("re_full", ACCOUNT, true, Stored.sortKey(CREATED, 3), CREATED + 5, 99_999_999,
                "ch_x", "gbp", "card_y", "requested_by_customer", Collections.unmodifiableMap(m), true, "refund");
        Refund nulls = new Refund("re_nulls", ACCOUNT, false, Long.MAX_VALUE, Long.MIN_VALUE, -1, null, null, null,
                null, null, false, null);

        assertThat(roundTrip(Codecs.REFUND, plain)).isEqualTo(plain);
        assertThat(roundTrip(Codecs.REFUND, full)).isEqualTo(full);
        assertThat(roundTrip(Codecs.REFUND, full.withMetadata(Map.of("only", "one"))))
                .isEqualTo(full.withMetadata(Map.of("only", "one")));
        assertThat(roundTrip(Codecs.REFUND, nulls)).isEqualTo(nulls);
        assertThat(roundTrip(Codecs.REFUND, full).balanceTransaction()).isEqualTo("txn_full");
    }

    @Test
    void events_round_trip_with_their_snapshots_copied_whole_and_without_a_previous_one() {
        byte[] charge = encode(Codecs.CHARGE, approved());
        byte[] before = encode(Codecs.CHARGE, approved().withUpdate("gift", Map.of(), null, null, null, null));
        Event updated = new Event("evt_1", ACCOUNT, false, Stored.sortKey(CREATED, 7), CREATED, "charge.updated",
                charge, before, "req_abc", "key-" + EMOJI, 2);
        Event created = new Event("evt_2", ACCOUNT, true, Stored.sortKey(CREATED, 8), CREATED + 1, "refund.created",
                new byte[0], null, "req_def", null, 0);

        Event back = roundTrip(Codecs.EVENT, updated);
        assertThat(back).usingRecursiveComparison().isEqualTo(updated);
        assertThat(back.object()).isNotSameAs(charge).isEqualTo(charge);
        assertThat(Codecs.CHARGE.read(approved().id(), ACCOUNT, approved().sortKey(), new Bytes.In(back.object(), 0)))
                .isEqualTo(approved());
        Event back2 = roundTrip(Codecs.EVENT, created);
        assertThat(back2).usingRecursiveComparison().isEqualTo(created);
        assertThat(back2.previous()).isNull();
        assertThat(back2.aboutRefund()).isTrue();
        assertThat(back2.withPendingWebhooks(3).pendingWebhooks()).isEqualTo(3);
    }

    @Test
    void tokens_round_trip_used_and_unused_with_and_without_client_ip() {
        Card card = new Card("card_1Nv0FGQ9RKHgCVdK2ZzH5X7a", Brand.MASTERCARD, "debit", "4444", 3, 2031,
                "Xt5EWLLDS7FJjR1c", "US", "Jane Doe", "1 Main St", null, "Springfield", null, "62701", "US",
                "unchecked", "unchecked", "unchecked", Behaviour.SUCCEED);
        Token unused = new Token("tok_1Nv0FGQ9RKHgCVdK0tokenAB", ACCOUNT, false, card, "203.0.113.7", CREATED,
                false);
        Token noIp = new Token("tok_noip", ACCOUNT, true, card.withId("card_other"), null, -CREATED, false);

        assertThat(roundTrip(Codecs.TOKEN, unused)).isEqualTo(unused);
        assertThat(roundTrip(Codecs.TOKEN, unused.markUsed())).isEqualTo(unused.markUsed());
        assertThat(roundTrip(Codecs.TOKEN, noIp)).isEqualTo(noIp);
        assertThat(roundTrip(Codecs.TOKEN, noIp.markUsed())).isEqualTo(noIp.markUsed());
        Token fromLocalhost = new Token("tok_x", ACCOUNT, false, premadeVisa("unchecked", null, null, null),
                "127.0.0.1", CREATED, false);
        assertThat(roundTrip(Codecs.TOKEN, fromLocalhost)).isEqualTo(fromLocalhost);

        // the sort key passed back is ignored: a token's derives from created
        Token back = Codecs.TOKEN.read(unused.id(), ACCOUNT, 42, new Bytes.In(encode(Codecs.TOKEN, unused), 0));
        assertThat(back).isEqualTo(unused);

        // as POST /v1/tokens makes it from card[number], card[exp_month], card[exp_year] and card[cvc] only
        Token typical = new Token("tok_1Nv0FGQ9RKHgCVdK0tokenAB", ACCOUNT, false,
                premadeVisa("unchecked", null, null, Behaviour.SUCCEED), "203.0.113.7", CREATED, false);
        byte[] bytes = encode(Codecs.TOKEN, typical);
        assertThat(roundTrip(Codecs.TOKEN, typical)).isEqualTo(typical);
        // 92 bytes at the time of writing (80 from 127.0.0.1, a dictionary string)
        assertThat(bytes.length).as("encoded size of a typical token: %d", bytes.length).isBetween(50, 120);
    }

    // ---------------------------------------------------------------- the primitives

    @Test
    void dictionary_strings_decode_to_the_canonical_constants() {
        // built at run time, so equal to the constants but not the same instances
        String succeeded = new StringBuilder("succee").append("ded").toString();
        String usd = new String(new char[] {'u', 's', 'd'});
        Outcome outcome = new Outcome(new String("authorized"), "approved_by_network", null, new String("normal"),
                20, new String("Payment complete."), null);
        Charge c = new Charge("ch_dict", ACCOUNT, false, Stored.sortKey(CREATED, 1), CREATED, 2000, 2000, 0, usd,
                true, succeeded, true, true, null, Map.of(new String("order_id"), ORDER_ID), null, null, null, null,
                null, null, premadeVisa(new String("pass"), null, null, Behaviour.SUCCEED), outcome, null, null,
                List.of(), null, false, null);
        assertThat(succeeded).isNotSameAs("succeeded");

        Charge back = roundTrip(Codecs.CHARGE, c);

        assertThat(back).isEqualTo(c);
        assertThat(back.status()).isSameAs("succeeded");
        assertThat(back.currency()).isSameAs("usd");
        assertThat(back.outcome().type()).isSameAs("authorized");
        assertThat(back.outcome().riskLevel()).isSameAs("normal");
        assertThat(back.outcome().sellerMessage()).isSameAs("Payment complete.");
        assertThat(back.card().funding()).isSameAs("credit");
        assertThat(back.card().country()).isSameAs("US");
        assertThat(back.card().cvcCheck()).isSameAs("pass");
        assertThat(back.metadata().keySet().iterator().next()).isSameAs("order_id");

        for (String s : List.of("failed", "eur", "gbp", "debit", "prepaid", "unknown", "unchecked", "fail",
                "unavailable", "declined_by_network", "not_sent_to_network", "issuer_declined", "blocked",
                "elevated", "highest", "refund", "reversal", "card_declined", "generic_decline",
                "requested_by_customer", "duplicate", "fraudulent", "jpy", "")) {
            Bytes.Out out = Bytes.local();
            out.string(new String(s));
            assertThat(out.writtenLength()).as("\"%s\" is one tag byte", s).isEqualTo(1);
            assertThat(new Bytes.In(out.toArray(), 0).string()).isSameAs(s);
        }
    }

    @Test
    void strings_round_trip_exactly_whatever_their_chars() {
        List<String> samples = new ArrayList<>(List.of("", "a", "plain ascii", "caf\u00e9", "\u00ff\u0000\u007f",
                "\u0100", "\u65e5\u672c", EMOJI, "x" + EMOJI + "y", UNPAIRED, "\uD800", "\uDC00", "\uDBFF\uDFFF",
                "\uDC00\uD800", "\uFFFF\uFFFE", "a".repeat(200), "\u00e9".repeat(70_000)));
        samples.add(null);
        Bytes.Out out = new Bytes.Out(16);
        for (String s : samples) {
            out.string(s);
        }
        Bytes.In in = new Bytes.In(out.toArray(), 0);
        for (String s : samples) {
            assertThat(in.string()).isEqualTo(s);
        }
        assertThat(in.position()).isEqualTo(out.writtenLength());
        // Latin-1 is one byte a char: tag, length, 4 bytes
        out.reset();
        out.string("caf\u00e9");
        assertThat(out.writtenLength()).isEqualTo(6);
    }

    @Test
    void numbers_round_trip_at_their_limits_and_small_ones_take_one_byte() {
        long[] longs = {0, 1, -1, 63, -64, 64, -65, 99_999_999, CREATED, Long.MAX_VALUE, Long.MIN_VALUE};
        int[] ints = {0, 1, -1, 127, 128, Integer.MAX_VALUE, Integer.MIN_VALUE};
        Bytes.Out out = new Bytes.Out(16);
        for (long v : longs) {
            out.varLong(v);
            out.long64(v);
        }
        for (int v : ints) {
            out.varInt(v);
            out.unsignedVarInt(v);
            out.int32(v);
        }
        out.bool(true);
        out.bool(false);
        out.u8(255);
        Bytes.In in = new Bytes.In(out.toArray(), 0);
        for (long v : longs) {
            assertThat(in.varLong()).isEqualTo(v);
            assertThat(in.long64()).isEqualTo(v);
        }
        for (int v : ints) {
            assertThat(in.varInt()).isEqualTo(v);
            assertThat(in.unsignedVarInt()).isEqualTo(v);
            assertThat(in.int32()).isEqualTo(v);
        }
        assertThat(in.bool()).isTrue();
        assertThat(in.bool()).isFalse();
        assertThat(in.u8()).isEqualTo(255);
        assertThat(in.remaining()).isZero();

        out.reset();
        out.varLong(-64);
        out.varLong(63);
        out.varInt(-64);
        assertThat(out.writtenLength()).isEqualTo(3);
    }

    @Test
    void a_record_with_the_callers_header_first_decodes_from_an_offset() {
        Charge c = declined();
        Bytes.Out out = Bytes.local();
        // a header as the caller might write it: id, account, sort key
        out.string(c.id());
        out.string(c.accountId());
        out.long64(c.sortKey());
        int bodyStart = out.writtenLength();
        Codecs.CHARGE.write(c, out);
        byte[] record = out.toArray();

        Bytes.In in = new Bytes.In(record, 0);
        String id = in.string();
        String account = in.string();
        long sortKey = in.long64();
        assertThat(in.position()).isEqualTo(bodyStart);
        assertThat(Bytes.long64(record, bodyStart - 8)).isEqualTo(c.sortKey());
        assertThat(Codecs.CHARGE.read(id, account, sortKey, in)).isEqualTo(c);
        assertThat(in.position()).isEqualTo(record.length);

        // the same body inside a larger array, after unrelated bytes
        byte[] shifted = new byte[13 + record.length - bodyStart];
        java.util.Arrays.fill(shifted, (byte) 0x7F);
        System.arraycopy(record, bodyStart, shifted, 13, record.length - bodyStart);
        Bytes.In at = new Bytes.In(shifted, 13);
        assertThat(Codecs.CHARGE.read(c.id(), ACCOUNT, c.sortKey(), at)).isEqualTo(c);
        assertThat(at.position()).isEqualTo(shifted.length);
    }

    @Test
    void the_thread_local_writer_is_reused_and_comes_back_reset() {
        Bytes.Out first = Bytes.local();
        first.string("something");
        Bytes.Out second = Bytes.local();

        assertThat(second).isSameAs(first);
        assertThat(second.writtenLength()).isZero();
    }

    @Test
    void a_changed_field_or_a_wrong_sort_key_is_noticed() {
        // guards the round-trip tests themselves: equality is checked field by field, not merely "no exception"
        Charge c = approved();
        byte[] bytes = encode(Codecs.CHARGE, c);
        Charge shifted = Codecs.CHARGE.read(c.id(), ACCOUNT, Stored.sortKey(CREATED + 1, 0), new Bytes.In(bytes, 0));
        assertThat(shifted).isNotEqualTo(c);
        assertThat(shifted.created()).isEqualTo(CREATED + 1);
        assertThat(roundTrip(Codecs.CHARGE, c.withRefund(1, List.of("re_a")))).isNotEqualTo(c);
    }

    @Test
    void unsupported_shipping_values_are_refused_when_written() {
        Map<String, Object> shipping = new LinkedHashMap<>();
        shipping.put("weight", 12);
        Charge c = approved().withUpdate(null, Map.of(), null, shipping, null, null);

        assertThatThrownBy(() -> encode(Codecs.CHARGE, c)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Integer");
    }

    @Test
    void a_truncated_record_fails_instead_of_decoding_garbage() {
        byte[] bytes = encode(Codecs.CHARGE, everything(Brand.VISA, Behaviour.SUCCEED));
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);

        assertThatThrownBy(() -> Codecs.CHARGE.read("ch_every", ACCOUNT, Long.MIN_VALUE, new Bytes.In(truncated, 0)))
                .isInstanceOfAny(IllegalStateException.class, IndexOutOfBoundsException.class);
    }
}
