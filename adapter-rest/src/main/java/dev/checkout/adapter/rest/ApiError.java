package dev.checkout.adapter.rest;

import dev.checkout.domain.catalogue.Sku;
import dev.checkout.domain.money.Money;
import dev.checkout.domain.order.OrderId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;

import java.util.List;

/** An error before it is written out: the HTTP status and what the body will say, minus the request id. */
record ApiError(HttpStatus status, String type, String code, String message, @Nullable String field,
                @Nullable String orderId, @Nullable String declineCode, @Nullable List<String> skus,
                @Nullable Money expected) {

    static ApiError of(HttpStatus status, String type, String code, String message) {
        return new ApiError(status, type, code, message, null, null, null, null, null);
    }

    ApiError withField(@Nullable String name) {
        return new ApiError(status, type, code, message, name, orderId, declineCode, skus, expected);
    }

    ApiError withOrderId(OrderId id) {
        return new ApiError(status, type, code, message, field, id.value(), declineCode, skus, expected);
    }

    ApiError withDeclineCode(@Nullable String decline) {
        return new ApiError(status, type, code, message, field, orderId, decline, skus, expected);
    }

    ApiError withSkus(List<Sku> these) {
        return new ApiError(status, type, code, message, field, orderId, declineCode,
                these.stream().map(Sku::value).toList(), expected);
    }

    ApiError withExpected(Money total) {
        return new ApiError(status, type, code, message, field, orderId, declineCode, skus, total);
    }

    ErrorResponse body(String requestId) {
        return new ErrorResponse(new ErrorResponse.Detail(type, code, message, field, declineCode, skus,
                expected == null ? null : expected.minorUnits(),
                expected == null ? null : expected.currency().lowerCase(),
                requestId), orderId);
    }
}
