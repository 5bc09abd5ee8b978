package dev.checkout.archfixture.domain;

import java.time.Instant;
import java.util.UUID;

/** Deliberately broken: a "domain" class that reads the wall clock, invents ids and reaches for JDBC and DI. */
@jakarta.inject.Singleton
public class LeakyOrder {
    public final String id = UUID.randomUUID().toString();
    public final Instant at = Instant.now();

    public java.sql.Connection connection() {
        return null;
    }
}
