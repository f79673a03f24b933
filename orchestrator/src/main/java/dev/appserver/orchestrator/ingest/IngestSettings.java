package dev.appserver.orchestrator.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the ingestion consumer group connects and delivers.
 *
 * @param bootstrapServers Kafka's {@code host:port} list
 * @param groupId the consumer group every orchestrator of a cluster joins
 * @param topics the topics read and written
 * @param mode exactly-once (transactions, the default) or at-least-once
 * @param limits how the input is cut into batches
 * @param nodeName names this orchestrator in client ids and transactional ids
 * @param shutdownGrace how long shutdown waits for the batch in flight before handing it back
 * @param overflow whether this is the overflow consumer (reads the overflow topic, where events of
 *     tenants past a quota wait) rather than the input consumer
 */
public record IngestSettings(
        String bootstrapServers,
        String groupId,
        IngestTopics topics,
        DeliveryMode mode,
        BatchLimits limits,
        String nodeName,
        Duration shutdownGrace,
        boolean overflow) {
    public static final String DEFAULT_GROUP = "appserver-ingestion";
    public static final String OVERFLOW_GROUP = "appserver-ingestion-overflow";

    public IngestSettings {
        requireNonNull(bootstrapServers, "bootstrapServers is null");
        requireNonNull(groupId, "groupId is null");
        requireNonNull(topics, "topics is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(limits, "limits is null");
        requireNonNull(nodeName, "nodeName is null");
        requireNonNull(shutdownGrace, "shutdownGrace is null");
    }

    public static IngestSettings defaults(String bootstrapServers, String nodeName) {
        return new IngestSettings(bootstrapServers, DEFAULT_GROUP, IngestTopics.DEFAULT, DeliveryMode.EXACTLY_ONCE,
                BatchLimits.DEFAULT, nodeName, Duration.ofSeconds(30), false);
    }

    public IngestSettings withMode(DeliveryMode newMode) {
        return new IngestSettings(bootstrapServers, groupId, topics, newMode, limits, nodeName, shutdownGrace, overflow);
    }

    /** The same, for the overflow consumer: its own group, client ids and transactional ids. */
    public IngestSettings forOverflow() {
        return new IngestSettings(bootstrapServers, OVERFLOW_GROUP, topics, mode, limits, nodeName + "-overflow",
                shutdownGrace, true);
    }
}
