package dev.checkout.adapter.rest;

import io.micronaut.serde.annotation.Serdeable;

/** The liveness answer. */
@Serdeable
record HealthView(String status) {
}
