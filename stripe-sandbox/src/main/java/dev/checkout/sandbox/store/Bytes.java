package dev.checkout.sandbox.store;

import dev.checkout.sandbox.api.Currencies;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The primitives of the store's binary records: a stored object is one {@code byte[]} rather than a graph of small
 * objects, so that a million of them cost the garbage collector a million arrays to trace, not 25 million objects.
 *
 * <p>The format is for one process's memory only (dictionary indices and enum ordinals are not stable across
 * versions), so it has no version tag. Its pieces:
 * <ul>
 * <li>{@code long64}/{@code int32}: fixed 8 or 4 bytes, big-endian.</li>
 * <li>{@code varLong}/{@code varInt}: zig-zag ({@code 0, -1, 1, -2, ...} become {@code 0, 1, 2, 3, ...}), then
 * unsigned LEB128 (7 bits a byte, low group first, high bit set while more bytes follow): values between -64 and
 * 63 take one byte, 99,999,999 takes four, a long at most ten, an int at most five.</li>
 * <li>{@code unsignedVarInt}: LEB128 without zig-zag, for counts and lengths (0 to 127 in one byte).</li>
 * <li>{@code bool}, {@code u8}: one byte.</li>
 * <li>{@code string}: a tag byte, then data. {@code NULL}; {@code LATIN1}: length in chars, then one byte a char
 * (every char below U+0100, so ASCII too; decoded by {@code new String(bytes, off, len, ISO_8859_1)} without a
 * scan); {@code UTF16}: length in chars, then two big-endian bytes a char (a string with a char from U+0100 on,
 * which the sandbox rarely stores: copied as it is, so unpaired surrogates round-trip too); any tag from
 * {@code DICTIONARY_BASE} on: entry {@code tag - DICTIONARY_BASE} of a static dictionary of the constant strings the
 * sandbox stores most (statuses, currencies, checks, outcome values, decline messages...), decoded to the one
 * canonical instance.</li>
 * </ul>
 */
public final class Bytes {
    static final int NULL = 0;
    static final int LATIN1 = 1;
    static final int UTF16 = 2;
    static final int DICTIONARY_BASE = 3;

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private static final String TESTMODE_DECLINE = "Your card was declined. Your request was in test mode, but used a "
            + "non test (live) card. For a list of valid test cards, visit: https://stripe.com/docs/testing.";

    /**
     * Frequent constant strings, most frequent first: those of the endpoints ({@code ChargeEndpoints} above all),
     * {@code TestCards} and {@code Currencies}, the shipping hash's keys and the bench's metadata key. A string missing here is still
     * stored, as a literal; only the order of entries is part of the (in-memory) format.
     */
    private static final String[] DICTIONARY = withCurrencies(
        "", "succeeded", "failed", "pending", "usd", "eur", "gbp", "credit", "debit", "prepaid", "unknown", "US",
        "unchecked", "pass", "fail", "unavailable", "order_id",
        // outcome
        "authorized", "approved_by_network", "declined_by_network", "not_sent_to_network", "reversed_after_approval",
        "issuer_declined", "blocked", "manual_review", "invalid", "normal", "elevated", "highest", "not_assessed",
        "Payment complete.", "highest_risk_level", "elevated_risk_level", "try_again_later", "do_not_try_again",
        "confirm_card_data",
        // refunds
        "refund", "reversal", "requested_by_customer", "duplicate", "fraudulent", "expired_uncaptured_charge",
        "safe",
        // declines: failure codes, decline codes, messages
        "card_declined", "expired_card", "incorrect_cvc", "processing_error", "generic_decline", "testmode_decline",
        "insufficient_funds", "lost_card", "stolen_card", "card_velocity_exceeded", "authentication_required",
        "Your card was declined.", "Your card has insufficient funds.",
        "Your card was declined for making repeated attempts too frequently or exceeding its amount limit.",
        "Your card has expired.", "Your card's security code is incorrect.",
        "An error occurred while processing your card. Try again in a little bit.",
        "Your card was declined. This transaction requires authentication.", TESTMODE_DECLINE,
        "The bank did not return any further details with this decline.",
        "Stripe blocked this payment as too risky.",
        bankCode("testmode_decline"), bankCode("insufficient_funds"), bankCode("lost_card"),
        bankCode("stolen_card"), bankCode("card_velocity_exceeded"), bankCode("expired_card"),
        bankCode("incorrect_cvc"), bankCode("processing_error"), bankCode("authentication_required"),
        // shipping keys, client addresses
        "address", "carrier", "name", "phone", "tracking_number", "city", "country", "line1", "line2", "postal_code",
        "state", "127.0.0.1", "0:0:0:0:0:0:0:1");

    /** Each dictionary string's entry number. */
    private static final Map<String, Integer> ENTRY = entries();
    /** Longer strings are not looked up at all (a 500-character metadata value is not hashed for nothing). */
    private static final int DICTIONARY_MAX_LENGTH = Arrays.stream(DICTIONARY).mapToInt(String::length).max()
            .orElse(0);

    private static final int INITIAL_CAPACITY = 512;
    // a thread's writer grown past this (a charge with 50 long metadata values) is not kept for the next record
    private static final int MAX_RETAINED_CAPACITY = 128 * 1024;
    private static final ThreadLocal<Out> LOCAL = ThreadLocal.withInitial(Out::new);

    private Bytes() {
    }

    /** The frequent strings, then every other currency code the sandbox accepts (a charge always stores one). */
    private static String[] withCurrencies(String... frequent) {
        LinkedHashSet<String> all = new LinkedHashSet<>(List.of(frequent));
        all.addAll(Currencies.supported());
        return all.toArray(new String[0]);
    }

    private static String bankCode(String code) {
        return "The bank returned the decline code `" + code + "`.";
    }

    private static Map<String, Integer> entries() {
        if (DICTIONARY.length > 256 - DICTIONARY_BASE) {
            throw new IllegalStateException("the string dictionary has more entries than one-byte tags");
        }
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < DICTIONARY.length; i++) {
            m.put(DICTIONARY[i], i);
        }
        return Map.copyOf(m);
    }

    /** The dictionary entry equal to {@code s}, or -1. */
    static int dictionaryIndex(String s) {
        if (s.length() > DICTIONARY_MAX_LENGTH) {
            return -1;
        }
        Integer i = ENTRY.get(s);
        return i == null ? -1 : i;
    }

    /**
     * This thread's writer, reset. One per thread so that encoding allocates nothing but the final array; the writer
     * is valid until the same thread calls {@code local()} again (so never hold it across a call that may encode).
     */
    public static Out local() {
        Out out = LOCAL.get();
        if (out.buf.length > MAX_RETAINED_CAPACITY) {
            out.buf = new byte[INITIAL_CAPACITY];
        }
        return out.reset();
    }

    /** The fixed 8-byte big-endian long at {@code offset}, as {@link Out#long64} wrote it. */
    public static long long64(byte[] bytes, int offset) {
        return (long) LONG.get(bytes, offset);
    }

    /** The fixed 4-byte big-endian int at {@code offset}, as {@link Out#int32} wrote it. */
    public static int int32(byte[] bytes, int offset) {
        return (int) INT.get(bytes, offset);
    }

    /** A growable byte writer for one record at a time; not thread-safe. See {@link Bytes} for the format. */
    public static final class Out {
        private byte[] buf;
        private int len;

        public Out() {
            this(INITIAL_CAPACITY);
        }

        public Out(int initialCapacity) {
            buf = new byte[Math.max(16, initialCapacity)];
        }

        /** Forgets what was written; the buffer is kept. */
        public Out reset() {
            len = 0;
            return this;
        }

        public int writtenLength() {
            return len;
        }

        /** A copy of the bytes written since the last reset. */
        public byte[] toArray() {
            return Arrays.copyOf(buf, len);
        }

        private void ensure(int more) {
            if (more > buf.length - len) {
                grow(more);
            }
        }

        private void grow(int more) {
            long needed = (long) len + more;
            if (needed > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("record too large: " + needed + " bytes");
            }
            buf = Arrays.copyOf(buf, (int) Math.max(needed, Math.min((long) buf.length * 2, Integer.MAX_VALUE - 16)));
        }

        public void u8(int b) {
            ensure(1);
            buf[len++] = (byte) b;
        }

        public void bool(boolean b) {
            u8(b ? 1 : 0);
        }

        public void int32(int v) {
            ensure(4);
            INT.set(buf, len, v);
            len += 4;
        }

        public void long64(long v) {
            ensure(8);
            LONG.set(buf, len, v);
            len += 8;
        }

        /** Zig-zag LEB128: one byte from -64 to 63, at most five. */
        public void varInt(int v) {
            unsignedVarInt((v << 1) ^ (v >> 31));
        }

        /** Zig-zag LEB128: one byte from -64 to 63, at most ten. */
        public void varLong(long v) {
            long u = (v << 1) ^ (v >> 63);
            ensure(10);
            while ((u & ~0x7FL) != 0) {
                buf[len++] = (byte) ((u & 0x7F) | 0x80);
                u >>>= 7;
            }
            buf[len++] = (byte) u;
        }

        /** LEB128 of {@code v} read as an unsigned 32-bit number (counts, lengths): one byte up to 127. */
        public void unsignedVarInt(int v) {
            ensure(5);
            putUnsignedVarInt(v);
        }

        private void putUnsignedVarInt(int v) {
            while ((v & ~0x7F) != 0) {
                buf[len++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[len++] = (byte) v;
        }

        /** A nullable byte array: its length plus one (0 for null), then the bytes. */
        public void bytes(byte[] b) {
            if (b == null) {
                unsignedVarInt(0);
                return;
            }
            unsignedVarInt(b.length + 1);
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        /** A nullable string: one byte for null and dictionary strings, else a literal (see {@link Bytes}). */
        public void string(String s) {
            if (s == null) {
                u8(NULL);
                return;
            }
            int d = dictionaryIndex(s);
            if (d >= 0) {
                u8(DICTIONARY_BASE + d);
                return;
            }
            int n = s.length();
            if (n > (Integer.MAX_VALUE - 32) / 3) {
                throw new IllegalArgumentException("string too long to store: " + n + " chars");
            }
            // the common case in one pass: Latin-1 (ASCII included), one byte a char
            ensure(6 + n);
            int start = len;
            buf[len++] = LATIN1;
            putUnsignedVarInt(n);
            byte[] b = buf;
            int p = len;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c > 0xFF) {
                    len = start;
                    utf16String(s);
                    return;
                }
                b[p++] = (byte) c;
            }
            len = p;
        }

        /** A string with a char from U+0100 on: its UTF-16 chars as they are, so unpaired surrogates survive. */
        private void utf16String(String s) {
            int n = s.length();
            ensure(6 + 2 * n);
            buf[len++] = UTF16;
            putUnsignedVarInt(n);
            byte[] b = buf;
            int p = len;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                b[p++] = (byte) (c >> 8);
                b[p++] = (byte) c;
            }
            len = p;
        }
    }

    /**
     * A reader over a record, from an offset (the caller's header may come first); not thread-safe. Corrupt input
     * fails with an {@link IllegalStateException} or an {@link IndexOutOfBoundsException}.
     */
    public static final class In {
        private final byte[] buf;
        private int pos;

        public In(byte[] buf, int offset) {
            if (offset < 0 || offset > buf.length) {
                throw new IndexOutOfBoundsException("offset " + offset + " outside an array of " + buf.length);
            }
            this.buf = buf;
            this.pos = offset;
        }

        /** The offset of the next byte to read. */
        public int position() {
            return pos;
        }

        /** How many bytes are left after {@link #position()}. */
        public int remaining() {
            return buf.length - pos;
        }

        public int u8() {
            return buf[pos++] & 0xFF;
        }

        /** A byte array as {@link Out#bytes} wrote it (a copy), or null. */
        public byte[] bytes() {
            int n = unsignedVarInt();
            if (n == 0) {
                return null;
            }
            byte[] b = java.util.Arrays.copyOfRange(buf, pos, pos + n - 1);
            pos += n - 1;
            return b;
        }

        public boolean bool() {
            return buf[pos++] != 0;
        }

        public int int32() {
            int v = (int) INT.get(buf, pos);
            pos += 4;
            return v;
        }

        public long long64() {
            long v = (long) LONG.get(buf, pos);
            pos += 8;
            return v;
        }

        public int varInt() {
            int u = unsignedVarInt();
            return (u >>> 1) ^ -(u & 1);
        }

        public long varLong() {
            byte[] b = buf;
            int p = pos;
            long u = 0;
            for (int shift = 0; ; shift += 7) {
                if (shift > 63) {
                    throw new IllegalStateException("corrupt record: varLong longer than ten bytes at " + pos);
                }
                byte x = b[p++];
                u |= (long) (x & 0x7F) << shift;
                if (x >= 0) {
                    break;
                }
            }
            pos = p;
            return (u >>> 1) ^ -(u & 1);
        }

        public int unsignedVarInt() {
            byte[] b = buf;
            int p = pos;
            byte x = b[p++];
            if (x >= 0) {
                pos = p;
                return x;
            }
            int u = x & 0x7F;
            for (int shift = 7; ; shift += 7) {
                if (shift > 28) {
                    throw new IllegalStateException("corrupt record: varInt longer than five bytes at " + pos);
                }
                x = b[p++];
                u |= (x & 0x7F) << shift;
                if (x >= 0) {
                    break;
                }
            }
            pos = p;
            return u;
        }

        /** A string written by {@link Out#string}; dictionary strings come back as their canonical instance. */
        public String string() {
            int tag = buf[pos++] & 0xFF;
            switch (tag) {
                case NULL:
                    return null;
                case LATIN1: {
                    int n = length(1);
                    String s = new String(buf, pos, n, StandardCharsets.ISO_8859_1);
                    pos += n;
                    return s;
                }
                case UTF16: {
                    int n = length(2);
                    char[] cs = new char[n];
                    byte[] b = buf;
                    int p = pos;
                    for (int i = 0; i < n; i++) {
                        cs[i] = (char) (((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF));
                        p += 2;
                    }
                    pos = p;
                    return new String(cs);
                }
                default: {
                    int d = tag - DICTIONARY_BASE;
                    if (d >= DICTIONARY.length) {
                        throw new IllegalStateException("corrupt record: string tag " + tag + " at " + (pos - 1));
                    }
                    return DICTIONARY[d];
                }
            }
        }

        /** A literal's length, checked against what is left of the array. */
        private int length(int bytesPerUnit) {
            int n = unsignedVarInt();
            if (n < 0 || (long) n * bytesPerUnit > buf.length - pos) {
                throw new IllegalStateException("corrupt record: string of " + (n & 0xFFFFFFFFL) + " at " + pos
                        + " runs past the end");
            }
            return n;
        }
    }
}
