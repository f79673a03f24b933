package dev.appserver.orchestrator.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.testing.MutableClock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidV7Test {
    private final MutableClock clock = new MutableClock();
    private final UuidV7 uuids = new UuidV7(clock, new SplittableRandom(7));

    @Test
    void isAVersion7UuidCarryingTheMilliseconds() {
        UUID uuid = uuids.get();

        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(clock.millis());
    }

    @Test
    void laterUuidsSortAfterEarlierOnes() {
        UUID earlier = uuids.get();
        clock.advance(Duration.ofMillis(1));

        assertThat(uuids.get().toString()).isGreaterThan(earlier.toString());
    }
}
