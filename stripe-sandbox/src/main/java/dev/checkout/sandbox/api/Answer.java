package dev.checkout.sandbox.api;

/**
 * The final HTTP answer of one request: status, JSON bytes and the per-request headers as name/value pairs.
 * The transport adds the constant headers (content type, cache control, CORS).
 */
public record Answer(int status, byte[] body, String[] headers) {
}
