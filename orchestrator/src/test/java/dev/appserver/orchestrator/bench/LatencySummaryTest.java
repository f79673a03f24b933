package dev.appserver.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {
    @Test
    void nearestRankPercentilesOfAHundredSamples() {
        long[] samples = LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray(); // 100 down to 1

        LatencySummary summary = LatencySummary.of(samples, 100);

        assertThat(summary).isEqualTo(new LatencySummary(100, 50, 90, 99, 100));
        assertThat(samples[0]).as("the samples are left as they were").isEqualTo(100);
    }

    @Test
    void aPercentileIsAlwaysAMeasuredSample() {
        long[] sorted = {10, 20, 30};

        assertThat(LatencySummary.percentile(sorted, 50)).isEqualTo(20);
        assertThat(LatencySummary.percentile(sorted, 90)).isEqualTo(30);
        assertThat(LatencySummary.percentile(sorted, 33.3)).isEqualTo(10);
        assertThat(LatencySummary.percentile(sorted, 100)).isEqualTo(30);
        assertThat(LatencySummary.percentile(new long[] {7}, 99)).isEqualTo(7);
    }

    @Test
    void onlyTheFirstCountSamplesCount() {
        long[] samples = {5, 1, 3, 1_000, 1_000};

        assertThat(LatencySummary.of(samples, 3)).isEqualTo(new LatencySummary(3, 3, 5, 5, 5));
    }

    @Test
    void noSamplesIsAllZero() {
        assertThat(LatencySummary.of(new long[4], 0)).isEqualTo(new LatencySummary(0, 0, 0, 0, 0));
    }

    @Test
    void rejectsImpossibleArguments() {
        assertThatThrownBy(() -> LatencySummary.of(new long[2], 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencySummary.percentile(new long[0], 50)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencySummary.percentile(new long[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
