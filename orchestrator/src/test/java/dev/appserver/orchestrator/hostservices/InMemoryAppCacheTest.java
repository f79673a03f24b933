package dev.appserver.orchestrator.hostservices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.testing.MutableClock;
import java.time.Duration;
import java.util.concurrent.Callable;

/** The {@link AppCacheContract} on {@link InMemoryAppCache}, its TTLs on a clock moved by hand. */
class InMemoryAppCacheTest extends AppCacheContract {
    private final MutableClock clock = new MutableClock();

    @Override
    protected AppCache newCache() {
        return new InMemoryAppCache(clock);
    }

    /** To a millisecond before the TTL, where {@code expired} does not hold yet, then to the TTL. */
    @Override
    protected void afterTtl(Duration ttl, Callable<Boolean> expired) throws Exception {
        clock.advance(ttl.minusMillis(1));
        assertThat(expired.call()).as("expired a millisecond early").isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(expired.call()).as("expired after the TTL").isTrue();
    }
}
