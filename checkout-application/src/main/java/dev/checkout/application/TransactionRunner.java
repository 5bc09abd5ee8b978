package dev.checkout.application;

import java.util.function.Supplier;

/**
 * A short local transaction chosen by the use case. The work commits when it returns and rolls back when it throws;
 * an exception thrown by the commit itself reaches the caller. Never wrap a network call in one.
 */
public interface TransactionRunner {

    <T> T call(Supplier<T> work);

    default void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
