package dev.checkout.adapter.in.rest;

import io.micronaut.serde.annotation.Serdeable;

/** The liveness answer. */
@Serdeable
record HealthView(String status) {
}
