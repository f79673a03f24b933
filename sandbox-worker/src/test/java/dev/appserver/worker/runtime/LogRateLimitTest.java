package dev.appserver.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogRateLimitTest {
    private final AtomicLong clock = new AtomicLong(1_000);

    @Test
    void letsABurstThroughThenCountsWhatItDrops() {
        LogRateLimit limit = new LogRateLimit(clock::get, 3, 1_000);
        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isFalse();
        assertThat(limit.tryAcquire()).isFalse();
        assertThat(limit.takeDropped()).isEqualTo(2);
        assertThat(limit.takeDropped()).as("counting starts again").isZero();
    }

    @Test
    void refillsAtItsRateUpToTheBurst() {
        LogRateLimit limit = new LogRateLimit(clock::get, 2, 1_000);
        limit.tryAcquire();
        limit.tryAcquire();
        assertThat(limit.tryAcquire()).isFalse();
        clock.addAndGet(1_000);
        assertThat(limit.tryAcquire()).as("one line's worth of time gives one line").isTrue();
        assertThat(limit.tryAcquire()).isFalse();
        clock.addAndGet(1_000_000);
        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).as("a long pause refills no more than the burst").isFalse();
    }

    @Test
    void theDefaultsAreAThousandAtOnceAndAHundredASecond() {
        LogRateLimit limit = new LogRateLimit(clock::get);
        int passed = 0;
        for (int i = 0; i < 5_000; i++) {
            passed += limit.tryAcquire() ? 1 : 0;
        }
        assertThat(passed).isEqualTo(1_000);
        clock.addAndGet(1_000_000_000L);
        for (int i = 0; i < 5_000; i++) {
            passed += limit.tryAcquire() ? 1 : 0;
        }
        assertThat(passed).isEqualTo(1_100);
        assertThat(LogRateLimit.droppedNote(limit.takeDropped())).startsWith("8900 log lines dropped");
    }

    @Test
    void refusesLimitsThatAreNotPositive() {
        assertThatThrownBy(() -> new LogRateLimit(clock::get, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
