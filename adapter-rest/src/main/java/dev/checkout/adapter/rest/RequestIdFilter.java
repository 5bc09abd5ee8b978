package dev.checkout.adapter.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.MDC;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} if it is sane, else a new one. The id goes back in
 * the response header, into every error body, and into the log MDC as {@code requestId} (carried to the virtual
 * thread that runs the controller).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestIdFilter implements Ordered {
    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    private static final String ATTRIBUTE = RequestIdFilter.class.getName();
    /** Printable and short: an incoming id lands in logs and headers, so nothing that could forge a line. */
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @RequestFilter
    void assign(HttpRequest<?> request, MutablePropagatedContext context) {
        context.add(new LogContext(idOf(request)));
    }

    @ResponseFilter
    void stamp(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.getHeaders().set(HEADER, idOf(request));
    }

    @Override
    public int getOrder() {
        // First in, last out: even a request another filter turns away gets its id.
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** The request's id, assigned on first use (an error can be written before any filter ran). */
    static String idOf(HttpRequest<?> request) {
        var existing = request.getAttribute(ATTRIBUTE, String.class);
        if (existing.isPresent()) {
            return existing.get();
        }
        String incoming = request.getHeaders().get(HEADER);
        String id = incoming != null && SANE.matcher(incoming).matches() ? incoming : newId();
        request.setAttribute(ATTRIBUTE, id);
        return id;
    }

    /** 128 random bits in hex; ids need to be unique, not secret, so no SecureRandom on the hot path. */
    private static String newId() {
        var random = ThreadLocalRandom.current();
        return HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
    }

    /** Puts the id into the MDC of whichever thread runs the request, and takes it out again. */
    private record LogContext(String requestId) implements ThreadPropagatedContextElement<String> {
        @Override
        public @Nullable String updateThreadContext() {
            String previous = MDC.get(MDC_KEY);
            MDC.put(MDC_KEY, requestId);
            return previous;
        }

        @Override
        public void restoreThreadContext(@Nullable String previous) {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }
}
