package dev.appserver.orchestrator.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadBackoffTest {
    private final MutableClock clock = new MutableClock();
    private final LoadBackoff backoff = new LoadBackoff(clock, Duration.ofSeconds(30));
    private final InstanceSpec.Key v1 = new InstanceSpec.Key(7, 1);
    private final InstanceSpec.Key v2 = new InstanceSpec.Key(7, 2);

    @Test
    void waitsTheBackoffAfterAFailedLoad() {
        assertThat(backoff.mayLoad(v1)).isTrue();
        backoff.failed(v1);
        assertThat(backoff.mayLoad(v1)).isFalse();
        assertThat(backoff.mayLoad(v2)).isTrue();
        clock.advance(Duration.ofSeconds(29));
        assertThat(backoff.mayLoad(v1)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(backoff.mayLoad(v1)).isTrue();
    }

    @Test
    void forgetsOnLoadAndOnRetirement() {
        backoff.failed(v1);
        backoff.loaded(v1);
        assertThat(backoff.mayLoad(v1)).isTrue();

        backoff.failed(v1);
        backoff.failed(v2);
        backoff.forget(7, 2);
        assertThat(backoff.mayLoad(v1)).isTrue();
        assertThat(backoff.mayLoad(v2)).isFalse();
        backoff.forget(7, Long.MIN_VALUE);
        assertThat(backoff.mayLoad(v2)).isTrue();
    }
}
