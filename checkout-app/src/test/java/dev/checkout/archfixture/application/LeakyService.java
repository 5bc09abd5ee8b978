package dev.checkout.archfixture.application;

/** Deliberately broken: a use case implementation that uses a framework annotation and a SQL type. */
public class LeakyService implements UseCase {
    public jakarta.inject.Singleton marker;
    public java.sql.Timestamp stamp;
}
