package dev.appserver.orchestrator.exports;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The async handlers' consumer.
 *
 * @param bootstrapServers the Kafka cluster
 * @param groupId its consumer group, apart from ingestion's ({@link #DEFAULT_GROUP})
 * @param topic the processed events ({@code clickhouse_events_json})
 * @param nodeName this orchestrator's name, in client ids
 * @param maxOpenBatches how many polled batches may wait for their handlers before the consumer pauses
 * @param closeTimeout how long closing waits for the last exports before leaving their offsets uncommitted
 */
public record AsyncSettings(
        String bootstrapServers, String groupId, String topic, String nodeName, int maxOpenBatches, Duration closeTimeout) {
    public static final String DEFAULT_GROUP = "appserver-async-handlers";

    public AsyncSettings {
        requireNonNull(bootstrapServers, "bootstrapServers is null");
        requireNonNull(groupId, "groupId is null");
        requireNonNull(topic, "topic is null");
        requireNonNull(nodeName, "nodeName is null");
        requireNonNull(closeTimeout, "closeTimeout is null");
        if (maxOpenBatches < 1) {
            throw new IllegalArgumentException("maxOpenBatches must be positive: " + maxOpenBatches);
        }
    }

    /** The consumer's configuration: manual commits, committed records only, earliest offset for a new group. */
    Properties consumerProperties() {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrapServers);
        p.setProperty("group.id", groupId);
        p.setProperty("client.id", "appserver-async-" + nodeName);
        p.setProperty("key.deserializer", ByteArrayDeserializer.class.getName());
        p.setProperty("value.deserializer", ByteArrayDeserializer.class.getName());
        p.setProperty("enable.auto.commit", "false");
        p.setProperty("auto.offset.reset", "earliest");
        // Exactly-once output is transactional: read only what committed.
        p.setProperty("isolation.level", "read_committed");
        p.setProperty("max.poll.records", "1000");
        p.setProperty("session.timeout.ms", "10000");
        p.setProperty("heartbeat.interval.ms", "3000");
        // Exports can take a while to drain on a rebalance: give the drain its time.
        p.setProperty("max.poll.interval.ms", "300000");
        return p;
    }

    public static AsyncSettings defaults(String bootstrapServers, String topic, String nodeName) {
        return new AsyncSettings(bootstrapServers, DEFAULT_GROUP, topic, nodeName, 200, Duration.ofSeconds(30));
    }
}
