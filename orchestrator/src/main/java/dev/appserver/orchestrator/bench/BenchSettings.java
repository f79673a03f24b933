package dev.appserver.orchestrator.bench;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What a run does, as the command's options say (checked there).
 *
 * @param kafka the bootstrap servers
 * @param events how many events to send
 * @param teams over how many teams (1..teams) the events spread
 * @param eventBytes about how long each input message is
 * @param rate events per second; 0 sends flat out
 * @param timeout how long to wait for missing events after the last was sent
 * @param passthrough whether an in-process {@link PassThrough} stands in for the server
 */
public record BenchSettings(String kafka, String inputTopic, String outputTopic, int events, int teams, int eventBytes,
        double rate, Duration timeout, boolean passthrough) {
    public BenchSettings {
        requireNonNull(kafka, "kafka is null");
        requireNonNull(inputTopic, "inputTopic is null");
        requireNonNull(outputTopic, "outputTopic is null");
        requireNonNull(timeout, "timeout is null");
    }

    boolean flatOut() {
        return rate == 0;
    }

    /** @return {@code the server} or {@code the in-process pass-through}, for the report */
    String path() {
        return passthrough ? "the in-process pass-through" : "the server";
    }
}
