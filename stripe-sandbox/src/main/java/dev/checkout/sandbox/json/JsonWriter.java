package dev.checkout.sandbox.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A small, allocation-light JSON writer into a growable byte array (the hot path renders every body with it). */
public final class JsonWriter {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] buf;
    private int len;
    // one flag per nesting level: does the next member need a leading comma?
    private boolean[] needComma = new boolean[16];
    private int depth;

    public JsonWriter(int initialCapacity) {
        buf = new byte[initialCapacity];
    }

    public JsonWriter() {
        this(1024);
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    public int length() {
        return len;
    }

    /** The internal buffer; valid up to {@link #length()} until this writer is reset. */
    public byte[] buffer() {
        return buf;
    }

    public JsonWriter beginObject() {
        comma();
        put((byte) '{');
        push();
        return this;
    }

    public JsonWriter endObject() {
        depth--;
        put((byte) '}');
        return this;
    }

    public JsonWriter beginArray() {
        comma();
        put((byte) '[');
        push();
        return this;
    }

    public JsonWriter endArray() {
        depth--;
        put((byte) ']');
        return this;
    }

    /** Starts a member; the caller then writes exactly one value. */
    public JsonWriter name(String name) {
        comma();
        put((byte) '"');
        ascii(name);
        put((byte) '"');
        put((byte) ':');
        // the value that follows must not get its own comma
        needComma[depth] = false;
        return this;
    }

    public JsonWriter value(String s) {
        comma();
        if (s == null) {
            raw("null");
        } else {
            string(s);
        }
        return this;
    }

    public JsonWriter value(long v) {
        comma();
        if (v == 0) {
            put((byte) '0');
        } else {
            raw(Long.toString(v));
        }
        return this;
    }

    public JsonWriter value(boolean v) {
        comma();
        raw(v ? "true" : "false");
        return this;
    }

    public JsonWriter nullValue() {
        comma();
        raw("null");
        return this;
    }

    public JsonWriter field(String name, String v) {
        return name(name).value(v);
    }

    public JsonWriter field(String name, long v) {
        return name(name).value(v);
    }

    public JsonWriter field(String name, boolean v) {
        return name(name).value(v);
    }

    public JsonWriter nullField(String name) {
        return name(name).nullValue();
    }

    /** Writes a string-to-string map (metadata) as an object. */
    public JsonWriter field(String name, Map<String, String> map) {
        name(name).beginObject();
        for (Map.Entry<String, String> e : map.entrySet()) {
            comma();
            string(e.getKey());
            put((byte) ':');
            needComma[depth] = false;
            value(e.getValue());
        }
        return endObject();
    }

    /** Writes a value tree of String, Long/Integer, Boolean, Map and List (used for free-form hashes such as shipping). */
    @SuppressWarnings("unchecked")
    public JsonWriter tree(Object v) {
        switch (v) {
            case null -> nullValue();
            case String s -> value(s);
            case Long l -> value(l.longValue());
            case Integer i -> value(i.longValue());
            case Boolean b -> value(b.booleanValue());
            case Map<?, ?> m -> {
                beginObject();
                for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                    comma();
                    string(e.getKey());
                    put((byte) ':');
                    needComma[depth] = false;
                    tree(e.getValue());
                }
                endObject();
            }
            case List<?> list -> {
                beginArray();
                for (Object o : list) {
                    tree(o);
                }
                endArray();
            }
            default -> value(v.toString());
        }
        return this;
    }

    private void push() {
        depth++;
        if (depth == needComma.length) {
            needComma = Arrays.copyOf(needComma, depth * 2);
        }
        needComma[depth] = false;
    }

    private void comma() {
        if (needComma[depth]) {
            put((byte) ',');
        } else {
            needComma[depth] = true;
        }
    }

    private void raw(String ascii) {
        ascii(ascii);
    }

    /** Forgets the content so a thread can reuse this writer (and its grown buffer) for the next body. */
    public JsonWriter reset() {
        len = 0;
        depth = 0;
        needComma[0] = false;
        return this;
    }

    @SuppressWarnings("deprecation")
    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        // the deprecated low-byte copy is a plain array copy for Latin-1 strings: right for ASCII names
        s.getBytes(0, n, buf, len);
        len += n;
    }

    @SuppressWarnings("deprecation")
    private void string(String s) {
        int n = s.length();
        ensure(n + 2);
        buf[len++] = '"';
        int safe = 0;
        while (safe < n) {
            char c = s.charAt(safe);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                break;
            }
            safe++;
        }
        s.getBytes(0, safe, buf, len);
        len += safe;
        for (int i = safe; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                if (len == buf.length) {
                    ensure(1);
                }
                buf[len++] = (byte) c;
            } else {
                escapeOrEncode(s, c, i);
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                }
            }
        }
        put((byte) '"');
    }

    private void escapeOrEncode(String s, char c, int i) {
        ensure(12);
        switch (c) {
            case '"' -> { buf[len++] = '\\'; buf[len++] = '"'; }
            case '\\' -> { buf[len++] = '\\'; buf[len++] = '\\'; }
            case '\n' -> { buf[len++] = '\\'; buf[len++] = 'n'; }
            case '\r' -> { buf[len++] = '\\'; buf[len++] = 'r'; }
            case '\t' -> { buf[len++] = '\\'; buf[len++] = 't'; }
            default -> {
                if (c < 0x20 || c == 0x7f) {
                    buf[len++] = '\\';
                    buf[len++] = 'u';
                    buf[len++] = '0';
                    buf[len++] = '0';
                    buf[len++] = HEX[(c >> 4) & 0xf];
                    buf[len++] = HEX[c & 0xf];
                } else if (c < 0x800) {
                    buf[len++] = (byte) (0xc0 | (c >> 6));
                    buf[len++] = (byte) (0x80 | (c & 0x3f));
                } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(i + 1));
                    buf[len++] = (byte) (0xf0 | (cp >> 18));
                    buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                    buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                    buf[len++] = (byte) (0x80 | (cp & 0x3f));
                } else if (Character.isSurrogate(c)) {
                    // a lone surrogate cannot be UTF-8 encoded: write the replacement character
                    buf[len++] = (byte) 0xef;
                    buf[len++] = (byte) 0xbf;
                    buf[len++] = (byte) 0xbd;
                } else {
                    buf[len++] = (byte) (0xe0 | (c >> 12));
                    buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                    buf[len++] = (byte) (0x80 | (c & 0x3f));
                }
            }
        }
    }

    private void put(byte b) {
        if (len == buf.length) {
            ensure(1);
        }
        buf[len++] = b;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }
}
