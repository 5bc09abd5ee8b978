package dev.checkout.sandbox.api;

import java.util.function.Function;

/** One HTTP request as the API sees it, independent of the transport. {@code header} looks up a header by name. */
public record ApiRequest(String method, String path, String rawQuery, Function<String, String> header, byte[] body,
        String clientIp) {
}
