package dev.appserver.orchestrator.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.appserver.orchestrator.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TenantQuotasTest {
    private static final long TEAM = 7;
    private static final long OTHER = 8;

    private final MutableClock clock = new MutableClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TenantQuotas quotas = new TenantQuotas(new QuotaSettings(Duration.ofSeconds(6), 100, 3, 10), clock, registry);

    @Test
    void eventsPastTheRateThrottleTheTenantUntilTheDebtIsPaid() {
        quotas.chargeEvents(TEAM, 100);
        assertThat(quotas.throttle(TEAM)).isEmpty();

        quotas.chargeEvents(TEAM, 50);

        assertThat(quotas.throttle(TEAM)).contains(new Throttle("events", Duration.ofMillis(500)));
        assertThat(quotas.throttle(OTHER)).as("another tenant is not touched").isEmpty();
        clock.advance(Duration.ofMillis(500));
        assertThat(quotas.throttle(TEAM)).isEmpty();
    }

    @Test
    void cpuTimePastTheQuotaThrottlesForAsLongAsItTakesToEarnItBack() {
        quotas.chargeCpu(TEAM, Duration.ofSeconds(7).toNanos());

        // 6 s per minute is 0.1 s per second: 1 s of debt takes 10 s to pay off.
        assertThat(quotas.throttle(TEAM)).contains(new Throttle("cpu", Duration.ofSeconds(10)));
        assertThat(quotas.readyIn(TEAM)).isEqualTo(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(10));
        assertThat(quotas.readyIn(TEAM)).isZero();
    }

    @Test
    void fetchCallsPastTheQuotaAreRefusedAndThrottleTheTenant() {
        assertThat(quotas.tryFetch(TEAM)).isTrue();
        assertThat(quotas.tryFetch(TEAM)).isTrue();
        assertThat(quotas.tryFetch(TEAM)).isTrue();

        assertThat(quotas.tryFetch(TEAM)).isFalse();
        assertThat(quotas.throttle(TEAM)).contains(new Throttle("fetch", Duration.ofSeconds(20)));
        clock.advance(Duration.ofSeconds(20));
        assertThat(quotas.tryFetch(TEAM)).isTrue();
    }

    @Test
    void logLinesPastTheQuotaAreCountedAsDropped() {
        assertThat(quotas.admitLogLines(TEAM, 8)).isEqualTo(8);
        assertThat(quotas.admitLogLines(TEAM, 8)).isEqualTo(2);

        assertThat(registry.get("appserver.log.lines.dropped").counter().count()).isEqualTo(6);
        clock.advance(Duration.ofSeconds(30));
        assertThat(quotas.admitLogLines(TEAM, 8)).isEqualTo(5);
    }

    @Test
    void waitingEventsThrottleLaterOnesUntilTheyAreCaughtUp() {
        Throttle events = new Throttle("events", Duration.ofSeconds(1));
        quotas.deferred(TEAM, 30, events);

        assertThat(quotas.throttle(TEAM)).as("within its quota, but earlier events wait")
                .contains(new Throttle("backlog", Duration.ZERO));
        assertThat(registry.get("appserver.events.throttled").tag("quota", "events").counter().count()).isEqualTo(30);
        assertThat(registry.get("appserver.tenants.throttled").gauge().value()).isEqualTo(1);

        quotas.caughtUp(TEAM, 20);
        assertThat(quotas.backlog(TEAM)).isEqualTo(10);
        quotas.caughtUp(TEAM, 20);
        assertThat(quotas.backlog(TEAM)).isZero();
        assertThat(quotas.throttle(TEAM)).isEqualTo(Optional.empty());
        assertThat(registry.get("appserver.tenants.throttled").gauge().value()).isZero();
    }

    @Test
    void aBacklogNobodyCountsDownExpires() {
        quotas.deferred(TEAM, 30, new Throttle("events", Duration.ofSeconds(1)));
        clock.advance(Duration.ofMinutes(9));
        assertThat(quotas.throttle(TEAM)).isPresent();

        clock.advance(Duration.ofMinutes(1));
        assertThat(quotas.throttle(TEAM)).as("another orchestrator's overflow consumer took those events").isEmpty();
    }

    @Test
    void settingsRefuseZeroQuotas() {
        assertThatThrownBy(() -> new QuotaSettings(Duration.ZERO, 1, 1, 1)).hasMessageContaining("CPU quota");
        assertThatThrownBy(() -> new QuotaSettings(Duration.ofSeconds(1), 0, 1, 1)).hasMessageContaining("events per second");
    }

    @Test
    void storedBytesStartFromWhatTheTenantStoresReadOnceWhenFirstNeeded() {
        Map<Long, Long> stored = Map.of(TEAM, 90L, OTHER, 0L);
        List<Long> reads = new ArrayList<>();
        TenantQuotas restarted = new TenantQuotas(new QuotaSettings(Duration.ofSeconds(6), 100, 3, 10, 100), clock, registry,
                teamId -> {
                    reads.add(teamId);
                    return stored.get(teamId);
                });
        assertThat(reads).as("nothing read before a tenant's storage is used").isEmpty();

        restarted.prepare(TEAM);
        restarted.prepare(TEAM);
        assertThat(reads).containsExactly(TEAM);
        assertThat(restarted.change(TEAM, 11)).as("90 + 11 > 100").isFalse();
        assertThat(restarted.change(TEAM, 10)).isTrue();
        assertThat(restarted.change(OTHER, 100)).as("read without prepare, too").isTrue();
        assertThat(reads).containsExactly(TEAM, OTHER);
        assertThat(restarted.change(TEAM, -100)).isTrue();
        assertThat(restarted.change(TEAM, 100)).isTrue();
    }

    @Test
    void aFailedReadOfTheStoredBytesIsThrownAndTriedAgain() {
        List<Long> reads = new ArrayList<>();
        TenantQuotas quotas = new TenantQuotas(new QuotaSettings(Duration.ofSeconds(6), 100, 3, 10, 100), clock, registry,
                teamId -> {
                    reads.add(teamId);
                    if (reads.size() == 1) {
                        throw new IllegalStateException("database down");
                    }
                    return 100;
                });

        assertThatThrownBy(() -> quotas.prepare(TEAM)).hasMessage("database down");
        assertThat(quotas.change(TEAM, 1)).isFalse();
        assertThat(reads).hasSize(2);
    }
}
