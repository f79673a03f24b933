package dev.appserver.orchestrator.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.appserver.orchestrator.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final MutableClock clock = new MutableClock();
    private final TokenBucket bucket = new TokenBucket(100, Duration.ofSeconds(10), clock);

    @Test
    void startsFullAndRefillsAtCapacityPerPeriodUpToCapacity() {
        assertThat(bucket.tryTake(100)).isTrue();
        assertThat(bucket.tryTake(1)).isFalse();

        clock.advance(Duration.ofSeconds(1));
        assertThat(bucket.balance()).isEqualTo(10.0, org.assertj.core.data.Offset.offset(1e-6));

        clock.advance(Duration.ofHours(1));
        assertThat(bucket.balance()).isEqualTo(100.0);
    }

    @Test
    void chargeGoesIntoDebtAndDebtSaysWhenItIsPaidOff() {
        bucket.charge(150);

        assertThat(bucket.debt()).isEqualTo(Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(4));
        assertThat(bucket.debt()).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(bucket.debt()).isZero();
    }

    @Test
    void tryTakeTakesNothingWhenTheBalanceIsShort() {
        bucket.charge(95);

        assertThat(bucket.tryTake(6)).isFalse();
        assertThat(bucket.tryTake(5)).isTrue();
        assertThat(bucket.timeUntil(1)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void takeUpToTakesWholeTokensThatAreThere() {
        bucket.charge(97.5);

        assertThat(bucket.takeUpTo(10)).isEqualTo(2);
        assertThat(bucket.takeUpTo(10)).isZero();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new TokenBucket(0, Duration.ofSeconds(1), clock)).hasMessageContaining("capacity");
        assertThatThrownBy(() -> new TokenBucket(1, Duration.ZERO, clock)).hasMessageContaining("period");
    }
}
