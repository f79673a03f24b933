package dev.appserver.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ArrivalsTest {
    private static final UUID FIRST = UUID.fromString("0194d2a0-0000-7000-8000-000000000001");
    private static final UUID SECOND = UUID.fromString("0194d2a0-0000-7000-8000-000000000002");

    @Test
    void theFirstSightingOfAUuidIsAnArrivalWithItsLatency() {
        Arrivals arrivals = new Arrivals(2);

        arrivals.record(new OutputMatcher.Match(FIRST, 1_000), 4_000);
        arrivals.record(new OutputMatcher.Match(SECOND, 2_000), 9_000);

        assertThat(arrivals.arrived()).isEqualTo(2);
        assertThat(arrivals.duplicates()).isZero();
        assertThat(arrivals.lastArrivalNanos()).isEqualTo(9_000);
        assertThat(arrivals.latency()).isEqualTo(new LatencySummary(2, 3_000, 7_000, 7_000, 7_000));
    }

    @Test
    void aLaterSightingIsADuplicateAndChangesNeitherLatencyNorLastArrival() {
        Arrivals arrivals = new Arrivals(1);

        arrivals.record(new OutputMatcher.Match(FIRST, 1_000), 2_000);
        arrivals.record(new OutputMatcher.Match(FIRST, 1_000), 50_000);
        arrivals.record(new OutputMatcher.Match(FIRST, 1_000), 60_000);

        assertThat(arrivals.arrived()).isEqualTo(1);
        assertThat(arrivals.duplicates()).isEqualTo(2);
        assertThat(arrivals.lastArrivalNanos()).isEqualTo(2_000);
        assertThat(arrivals.latency().max()).isEqualTo(1_000);
    }

    @Test
    void moreArrivalsThanExpectedAreStillCounted() {
        Arrivals arrivals = new Arrivals(1);

        for (int i = 0; i < 5; i++) {
            arrivals.record(new OutputMatcher.Match(new UUID(7, i), 0), i);
        }

        assertThat(arrivals.arrived()).isEqualTo(5);
        assertThat(arrivals.latency().count()).isEqualTo(5);
    }

    @Test
    void latenciesAreSummarizedByTheSecondTheEventsWereSentIn() {
        Arrivals arrivals = new Arrivals(4);
        long origin = 5_000_000_000L;

        arrivals.record(new OutputMatcher.Match(new UUID(7, 1), origin + 100_000_000L), origin + 150_000_000L);
        arrivals.record(new OutputMatcher.Match(new UUID(7, 2), origin + 900_000_000L), origin + 1_200_000_000L);
        arrivals.record(new OutputMatcher.Match(new UUID(7, 3), origin + 2_999_000_000L), origin + 3_009_000_000L);
        arrivals.record(new OutputMatcher.Match(new UUID(7, 3), origin + 2_999_000_000L), origin + 9_000_000_000L);

        assertThat(arrivals.bySecondSent(origin)).containsExactly(
                new LatencySummary(2, 50_000_000L, 300_000_000L, 300_000_000L, 300_000_000L),
                new LatencySummary(0, 0, 0, 0, 0),
                new LatencySummary(1, 10_000_000L, 10_000_000L, 10_000_000L, 10_000_000L));
    }

    @Test
    void noArrivalsGiveNoSeconds() {
        assertThat(new Arrivals(3).bySecondSent(0)).isEmpty();
    }
}
