package dev.checkout.app;

import dev.checkout.application.OrderIdGenerator;
import dev.checkout.domain.order.OrderId;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Order ids like {@code ord_0mhx3k9f2a_4f1c9e2b7a6d}: milliseconds in base 36 (so ids sort by creation time, which
 * keeps index inserts local) and 48 random bits (so two nodes never collide).
 */
final class TimeOrderedOrderIds implements OrderIdGenerator {
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    TimeOrderedOrderIds(Clock clock) {
        this.clock = clock;
    }

    @Override
    public OrderId next() {
        byte[] entropy = new byte[6];
        random.nextBytes(entropy);
        String millis = Long.toString(clock.millis(), 36);
        return OrderId.of("ord_" + "0".repeat(Math.max(0, 9 - millis.length())) + millis + "_" + HexFormat.of().formatHex(entropy));
    }
}
