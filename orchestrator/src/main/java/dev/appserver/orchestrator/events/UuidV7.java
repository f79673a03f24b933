package dev.appserver.orchestrator.events;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Version 7 UUIDs (RFC 9562): 48 bits of Unix milliseconds, then random bits, so event ids sort
 * roughly by creation time, as PostHog's own event UUIDs do. Thread-safe when the random
 * generator is.
 */
public final class UuidV7 implements Supplier<UUID> {
    private final Clock clock;
    private final RandomGenerator random;

    public UuidV7(Clock clock, RandomGenerator random) {
        this.clock = requireNonNull(clock, "clock is null");
        this.random = requireNonNull(random, "random is null");
    }

    @Override
    public UUID get() {
        long millis = clock.millis() & 0xFFFF_FFFF_FFFFL;
        long mostSignificant = millis << 16 | 0x7000L | random.nextLong() & 0x0FFFL;
        long leastSignificant = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant);
    }
}
