package dev.checkout.sandbox.form;

import java.util.Map;

/**
 * A decoded form: the nested parameters (values are String, Map or List) and an order-insensitive 128-bit
 * fingerprint of the raw pairs, which the idempotency layer compares instead of keeping the parameters.
 */
public record Form(Map<String, Object> params, long hashHi, long hashLo) {
}
