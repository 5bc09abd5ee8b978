package dev.checkout.sandbox.api;

import java.util.function.Supplier;

/** The result of dispatching a request: an answer now, or work to run after a delay (the configured charge delay). */
public sealed interface Handled {
    /** Answer immediately. */
    record Now(Answer answer) implements Handled {
    }

    /** Run {@code task} after {@code delayNanos} without blocking a thread meanwhile, then send its answer. */
    record Later(long delayNanos, Supplier<Answer> task) implements Handled {
    }
}
