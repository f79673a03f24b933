package dev.appserver.orchestrator.bench;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Watches the output topic for a run's events: a {@code read_committed} consumer of every partition,
 * placed at their ends when opened, before anything is sent. An event's receive time is when the
 * poll that returned it returned.
 *
 * <p>Not thread-safe (the consumer is not): open, poll and close on one thread.
 */
final class OutputReader implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final OutputMatcher matcher;
    private final LongSupplier nanoTime;

    private OutputReader(KafkaConsumer<String, String> consumer, OutputMatcher matcher, LongSupplier nanoTime) {
        this.consumer = consumer;
        this.matcher = matcher;
        this.nanoTime = nanoTime;
    }

    static OutputReader open(String bootstrapServers, String topic, OutputMatcher matcher, LongSupplier nanoTime,
            Duration timeout) {
        requireNonNull(matcher, "matcher is null");
        requireNonNull(nanoTime, "nanoTime is null");
        return new OutputReader(BenchClients.consumerAtEnd(bootstrapServers, "appserver-bench-reader", topic, timeout),
                matcher, nanoTime);
    }

    /** Waits up to {@code wait} for output and records the run's events among it in {@code arrivals}. */
    void poll(Arrivals arrivals, Duration wait) {
        ConsumerRecords<String, String> records = consumer.poll(wait);
        long received = nanoTime.getAsLong();
        for (ConsumerRecord<String, String> record : records) {
            OutputMatcher.Match match = matcher.match(record.value());
            if (match != null) {
                arrivals.record(match, received);
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
