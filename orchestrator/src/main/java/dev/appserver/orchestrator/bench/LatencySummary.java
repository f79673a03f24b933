package dev.appserver.orchestrator.bench;

import java.util.Arrays;

/**
 * The spread of a run's end-to-end latencies, in nanoseconds: nearest-rank percentiles (the
 * smallest sample that at least that share of the samples do not exceed), so every figure is a
 * latency that was really measured. All zero when there were no samples.
 *
 * @param count how many samples there were
 */
public record LatencySummary(int count, long p50, long p90, long p99, long max) {
    /** Summarizes the first {@code count} of {@code samples}, which it leaves as they are. */
    static LatencySummary of(long[] samples, int count) {
        if (count < 0 || count > samples.length) {
            throw new IllegalArgumentException("count must be within 0.." + samples.length + ": " + count);
        }
        if (count == 0) {
            return new LatencySummary(0, 0, 0, 0, 0);
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return new LatencySummary(count, percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
                sorted[count - 1]);
    }

    /** The nearest-rank {@code percent}th percentile of non-empty, ascending {@code sorted}. */
    static long percentile(long[] sorted, double percent) {
        if (sorted.length == 0 || !(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("need samples and a percentile in (0, 100]: " + sorted.length + ", " + percent);
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[rank - 1];
    }
}
