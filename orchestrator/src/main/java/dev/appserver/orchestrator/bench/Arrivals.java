package dev.appserver.orchestrator.bench;

import java.util.Arrays;
import java.util.HashSet;
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
    private int arrived;
    private long duplicates;
    private long lastArrivalNanos;

    /** @param expected how many events the run sends (sizes the tables; more may be recorded) */
    Arrivals(int expected) {
        seen = HashSet.newHashSet(expected);
        latencies = new long[Math.max(expected, 1)];
    }

    /** Records one sighting, received at {@code receivedNanos} ({@link System#nanoTime}). */
    void record(OutputMatcher.Match match, long receivedNanos) {
        if (!seen.add(match.uuid())) {
            duplicates++;
            return;
        }
        if (arrived == latencies.length) {
            latencies = Arrays.copyOf(latencies, arrived * 2);
        }
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
}
