package dev.checkout.adapter.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.checkout.domain.DomainException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The one place where failures become the API's error JSON ({@link ErrorResponse}): the error types and codes,
 * the messages for malformed requests, and the beans that catch what the framework and our own code throw.
 * Business outcomes of a purchase are values and are mapped in {@link PurchaseResponses} into the same shape.
 */
final class ApiErrors {
    static final String INVALID_REQUEST = "invalid_request_error";
    static final String CARD = "card_error";
    static final String CART = "cart_error";
    static final String IDEMPOTENCY = "idempotency_error";
    static final String AUTHENTICATION = "authentication_error";
    static final String API = "api_error";

    /** Longest piece of client input echoed in a message; the rest is cut, so an error never balloons. */
    private static final int ECHO_LIMIT = 40;

    private ApiErrors() {
    }

    // ---- client mistakes, thrown while reading a request ----

    static ApiException invalid(@Nullable String field, String message) {
        return new ApiException(ApiError.of(HttpStatus.BAD_REQUEST, INVALID_REQUEST, "parameter_invalid", message).withField(field));
    }

    /** The model refused a value; its exception names the field and says what to do. */
    static ApiException invalid(DomainException refused) {
        return invalid(refused.field(), refused.getMessage());
    }

    static ApiException unknownField(String field, String expected) {
        return new ApiException(ApiError.of(HttpStatus.BAD_REQUEST, INVALID_REQUEST, "parameter_unknown",
                "unknown field \"" + echo(field) + "\"; " + expected).withField(echo(field)));
    }

    static ApiException emptyBody(String shape) {
        return new ApiException(ApiError.of(HttpStatus.BAD_REQUEST, INVALID_REQUEST, "body_missing",
                "the request body is empty; send a JSON object like " + shape));
    }

    static ApiException notAnObject(String shape) {
        return new ApiException(ApiError.of(HttpStatus.BAD_REQUEST, INVALID_REQUEST, "body_invalid",
                "the request body must be a JSON object like " + shape));
    }

    static ApiException invalidJson(@Nullable Throwable cause, String shape) {
        return new ApiException(invalidJsonError(cause, "like " + shape));
    }

    static ApiException notFound(String code, String field, String message) {
        return new ApiException(ApiError.of(HttpStatus.NOT_FOUND, INVALID_REQUEST, code, message).withField(field));
    }

    static ApiError unauthorized() {
        return ApiError.of(HttpStatus.UNAUTHORIZED, AUTHENTICATION, "admin_token_invalid",
                "this needs the admin token: send the header Authorization: Bearer <admin token>").withField("Authorization");
    }

    /** A bug or an outage: the caller learns nothing about it but the request id; the log has the cause. */
    static ApiError unexpected(String requestId) {
        return ApiError.of(HttpStatus.INTERNAL_SERVER_ERROR, API, "internal_error",
                "Something went wrong on our side. Please try again; if it keeps happening, contact us and quote request id "
                        + requestId + ".");
    }

    /** Client input echoed in a message, cut to a readable length. */
    static String echo(@Nullable Object value) {
        String text = String.valueOf(value);
        return text.length() <= ECHO_LIMIT ? text : text.substring(0, ECHO_LIMIT) + "…";
    }

    // ---- writing ----

    static MutableHttpResponse<ErrorResponse> respond(HttpRequest<?> request, ApiError error) {
        return onto(HttpResponse.status(error.status()), request, error);
    }

    /** Puts the error on a response the framework prepared (keeping headers such as {@code Allow}). */
    @SuppressWarnings("unchecked")
    static MutableHttpResponse<ErrorResponse> onto(MutableHttpResponse<?> response, HttpRequest<?> request, ApiError error) {
        MutableHttpResponse<ErrorResponse> typed = (MutableHttpResponse<ErrorResponse>) response.status(error.status());
        if (request.getMethod() == HttpMethod.HEAD) {
            return typed; // a HEAD answer carries no body
        }
        return typed.body(error.body(RequestIdFilter.idOf(request))).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    // ---- what the framework reports (no route, wrong method, body too large, unreadable JSON, ...) ----

    static ApiError fromFramework(HttpStatus status, @Nullable Throwable cause, HttpRequest<?> request,
                                  @Nullable String allowedMethods, long maxRequestSize) {
        if (cause instanceof JsonSyntaxException || cause instanceof JsonProcessingException) {
            return invalidJsonError(cause, "as the API description shows");
        }
        if (cause instanceof ConversionErrorException conversion) {
            String name = conversion.getArgument().getName();
            return ApiError.of(HttpStatus.BAD_REQUEST, INVALID_REQUEST, "parameter_invalid",
                    name + " has the wrong format; check the value you sent").withField(name);
        }
        if (cause instanceof UnsatisfiedRouteException unsatisfied) {
            String name = unsatisfied.getArgument().getName();
            return ApiError.of(HttpStatus.BAD_REQUEST, INVALID_REQUEST, "parameter_missing", name + " is required").withField(name);
        }
        if (cause instanceof ContentLengthExceededException || status == HttpStatus.REQUEST_ENTITY_TOO_LARGE) {
            return ApiError.of(HttpStatus.REQUEST_ENTITY_TOO_LARGE, INVALID_REQUEST, "body_too_large",
                    "the request body is larger than " + maxRequestSize + " bytes; send a smaller body"
                            + " (a cart has at most 100 items)");
        }
        String route = request.getMethodName() + " " + echo(request.getPath());
        return switch (status) {
            case NOT_FOUND -> ApiError.of(status, INVALID_REQUEST, "not_found",
                    "there is no " + route + "; this API has GET /api/products, POST /purchase, GET /api/orders/{id}"
                            + " and the merchant's /api/admin/... (see /swagger/checkout-api.yml)");
            case METHOD_NOT_ALLOWED -> ApiError.of(status, INVALID_REQUEST, "method_not_allowed",
                    route + " is not supported" + (allowedMethods == null ? "" : "; use " + allowedMethods));
            case UNSUPPORTED_MEDIA_TYPE -> ApiError.of(status, INVALID_REQUEST, "unsupported_media_type",
                    "send the body as JSON with the header Content-Type: application/json").withField("Content-Type");
            case NOT_ACCEPTABLE -> ApiError.of(status, INVALID_REQUEST, "not_acceptable",
                    "this API answers in JSON; send Accept: application/json").withField("Accept");
            case UNAUTHORIZED -> unauthorized();
            default -> status.getCode() >= 500
                    ? unexpected(RequestIdFilter.idOf(request))
                    : ApiError.of(status, INVALID_REQUEST, "bad_request",
                    "the request could not be handled (" + status.getCode() + " " + status.getReason()
                            + "); check its URL, headers and body");
        };
    }

    /** {@code expected} completes "send a JSON object ...". */
    private static ApiError invalidJsonError(@Nullable Throwable cause, String expected) {
        String where = "";
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException parse && parse.getLocation() != null) {
                where = " (at line " + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr() + ")";
                break;
            }
        }
        return ApiError.of(HttpStatus.BAD_REQUEST, INVALID_REQUEST, "invalid_json",
                "the request body is not valid JSON" + where + "; send one JSON object " + expected);
    }

    // ---- the beans that apply the above ----

    /** Writes the errors our own code refuses a request with. */
    @Singleton
    @Produces(MediaType.APPLICATION_JSON)
    static final class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<ErrorResponse>> {
        private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

        @Override
        @SuppressWarnings("rawtypes") // ExceptionHandler declares the request raw
        public HttpResponse<ErrorResponse> handle(HttpRequest request, ApiException refused) {
            // A client mistake is routine; DEBUG keeps it out of the hot path's log volume.
            LOG.debug("{} {} refused: {}", request.getMethodName(), request.getPath(), refused.getMessage());
            return respond(request, refused.error());
        }
    }

    /**
     * Any other exception is a bug or an outage. An outage that an {@link Outages} bean recognises (the database is
     * unreachable, say) is a 503 with {@code Retry-After}, logged in one line; anything else is a bug: logged with its
     * stack trace and the request id, answered 500 with nothing but that id. Framework exceptions with a handler of
     * their own (a closer type) never reach this one.
     */
    @Singleton
    @Produces(MediaType.APPLICATION_JSON)
    static final class UnexpectedErrorHandler implements ExceptionHandler<RuntimeException, HttpResponse<ErrorResponse>> {
        private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);
        private final List<Outages> outages;

        UnexpectedErrorHandler(List<Outages> outages) {
            this.outages = List.copyOf(outages);
        }

        @Override
        @SuppressWarnings("rawtypes") // ExceptionHandler declares the request raw
        public HttpResponse<ErrorResponse> handle(HttpRequest request, RuntimeException failure) {
            String requestId = RequestIdFilter.idOf(request);
            for (Outages recogniser : outages) {
                var outage = recogniser.recognise(failure);
                if (outage.isPresent()) {
                    // expected while it lasts, and possibly on every request: one line, no stack trace
                    LOG.warn("request {} ({} {}): {}: {}", requestId, request.getMethodName(), request.getPath(),
                            outage.get().code(), causes(failure));
                    return unavailable(request, outage.get());
                }
            }
            LOG.error("request {} ({} {}) failed", requestId, request.getMethodName(), request.getPath(), failure);
            return respond(request, unexpected(requestId));
        }

        private static MutableHttpResponse<ErrorResponse> unavailable(HttpRequest<?> request, Outages.Outage outage) {
            // Retry-After takes whole seconds; round up so that "in a moment" never reads as "now"
            long seconds = Math.max(1, (outage.retryAfter().toMillis() + 999) / 1000);
            return respond(request, ApiError.of(HttpStatus.SERVICE_UNAVAILABLE, API, outage.code(), outage.message()))
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }

        /** The exception and its causes, each as type and message, so one line says what failed and why. */
        private static String causes(Throwable failure) {
            var text = new StringBuilder(failure.toString());
            int depth = 0;
            for (Throwable t = failure.getCause(); t != null && depth < 5; t = t.getCause() == t ? null : t.getCause(), depth++) {
                text.append(" <- ").append(t);
            }
            return text.toString();
        }
    }

    /**
     * Replaces Micronaut's error body (its handlers for route misses, unreadable bodies, oversize bodies and
     * unhandled exceptions all end here), so the framework's errors have our shape and never show its internals.
     */
    @Singleton
    static final class FrameworkErrorProcessor implements ErrorResponseProcessor<ErrorResponse> {
        private final long maxRequestSize;

        FrameworkErrorProcessor(HttpServerConfiguration server) {
            this.maxRequestSize = server.getMaxRequestSize();
        }

        @Override
        public MutableHttpResponse<ErrorResponse> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
            ApiError error = fromFramework(response.status(), context.getRootCause().orElse(null), context.getRequest(),
                    response.getHeaders().get(HttpHeaders.ALLOW), maxRequestSize);
            return onto(response, context.getRequest(), error);
        }
    }
}
