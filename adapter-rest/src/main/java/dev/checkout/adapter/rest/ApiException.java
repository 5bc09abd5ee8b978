package dev.checkout.adapter.rest;

/**
 * A request this API refuses, carrying the error to show. Thrown while reading a request, rendered by
 * {@link ApiErrors.ApiExceptionHandler}. A client mistake, not a bug: no stack trace is taken.
 */
final class ApiException extends RuntimeException {
    private final ApiError error;

    ApiException(ApiError error) {
        super(error.code() + ": " + error.message(), null, false, false);
        this.error = error;
    }

    ApiError error() {
        return error;
    }
}
