package dev.appserver.orchestrator.bench;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of a run. Times are in nanoseconds, measured from the first event handed to the
 * producer.
 *
 * @param sent events that Kafka acknowledged on the input topic
 * @param received distinct events of the run seen on the output topic
 * @param duplicates sightings of events already received (exactly-once delivery makes none)
 * @param sendNanos until the last event was handed to the producer
 * @param wallNanos until the last distinct event arrived; 0 when none did
 * @param started when the first event was handed to the producer, by the wall clock
 * @param bySecond the latency of the events sent in each second of the run, from the first send
 */
public record BenchReport(String runId, int sent, int received, long duplicates, long sendNanos, long wallNanos,
        LatencySummary latency, Instant started, List<LatencySummary> bySecond) {
    public BenchReport {
        requireNonNull(runId, "runId is null");
        requireNonNull(latency, "latency is null");
        requireNonNull(started, "started is null");
        bySecond = List.copyOf(bySecond);
    }

    /** @return events sent but not received */
    public int missing() {
        return Math.max(0, sent - received);
    }

    /** @return events received per second of wall time, 0 when none arrived */
    public double eventsPerSecond() {
        return wallNanos > 0 ? received * 1e9 / wallNanos : 0;
    }
}
