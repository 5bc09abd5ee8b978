package dev.checkout.sandbox.api;

/**
 * The final HTTP answer of one request: status, JSON bytes ({@code body[0..length)}) and the per-request headers as
 * name/value pairs. The transport adds the constant headers (content type, cache control, CORS). The body array is
 * the rendering thread's reusable buffer: the transport must copy it out before that thread renders again.
 */
public record Answer(int status, byte[] body, int length, String[] headers) {
    /** An answer owning its whole {@code body} array. */
    public Answer(int status, byte[] body, String[] headers) {
        this(status, body, body.length, headers);
    }
}
