package dev.appserver.orchestrator.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Tallies a run's events as they come off the output topic, by uuid: the first sighting of a uuid
 * is an arrival, with its latency (receive time minus send time); a later one is a duplicate,
 * which exactly-once delivery should never produce.
 *
 * <p>Not thread-safe: one reading thread records; others read the totals after it finished.
 */
final class Arrivals {
    private final Set<UUID> seen;
    private long[] latencies;
    private long[] sentAt;
    private int arrived;
    private long duplicates;
    private long lastArrivalNanos;

    /** @param expected how many events the run sends (sizes the tables; more may be recorded) */
    Arrivals(int expected) {
        seen = HashSet.newHashSet(expected);
        latencies = new long[Math.max(expected, 1)];
        sentAt = new long[latencies.length];
    }

    /** Records one sighting, received at {@code receivedNanos} ({@link System#nanoTime}). */
    void record(OutputMatcher.Match match, long receivedNanos) {
        if (!seen.add(match.uuid())) {
            duplicates++;
            return;
        }
        if (arrived == latencies.length) {
            latencies = Arrays.copyOf(latencies, arrived * 2);
            sentAt = Arrays.copyOf(sentAt, arrived * 2);
        }
        sentAt[arrived] = match.sentNanos();
        latencies[arrived++] = receivedNanos - match.sentNanos();
        lastArrivalNanos = receivedNanos;
    }

    /** @return how many distinct events arrived */
    int arrived() {
        return arrived;
    }

    /** @return how many sightings repeated an event that had arrived already */
    long duplicates() {
        return duplicates;
    }

    /** @return when the last distinct event arrived; meaningless before the first */
    long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    LatencySummary latency() {
        return LatencySummary.of(latencies, arrived);
    }

    /**
     * The latencies of the events sent in each second from {@code originNanos}: element {@code i}
     * summarizes those sent in {@code [origin + i s, origin + (i + 1) s)}, up to the last second
     * an arrival was sent in; a second none was sent in has an empty summary. A run's p99 can come
     * from one stall: this says when it was. Arrivals sent before the origin count in second 0.
     */
    List<LatencySummary> bySecondSent(long originNanos) {
        int[] seconds = new int[arrived];
        int[] counts = new int[0];
        for (int i = 0; i < arrived; i++) {
            seconds[i] = second(sentAt[i], originNanos);
            if (seconds[i] >= counts.length) {
                counts = Arrays.copyOf(counts, seconds[i] + 1);
            }
            counts[seconds[i]]++;
        }
        long[][] bins = new long[counts.length][];
        for (int second = 0; second < counts.length; second++) {
            bins[second] = new long[counts[second]];
        }
        int[] filled = new int[counts.length];
        for (int i = 0; i < arrived; i++) {
            bins[seconds[i]][filled[seconds[i]]++] = latencies[i];
        }
        List<LatencySummary> summaries = new ArrayList<>(bins.length);
        for (long[] bin : bins) {
            summaries.add(LatencySummary.of(bin, bin.length));
        }
        return summaries;
    }

    private static int second(long sentNanos, long originNanos) {
        return (int) (Math.max(0, sentNanos - originNanos) / 1_000_000_000L);
    }
}
