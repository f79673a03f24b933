package dev.appserver.orchestrator.ingest;

import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The Kafka client settings ingestion runs with, in one place. */
final class KafkaClientConfigs {
    /** Longer than any batch's delivery; short, so that a crashed orchestrator's open transaction blocks readers briefly. */
    private static final int TRANSACTION_TIMEOUT_MS = 15_000;

    private KafkaClientConfigs() {}

    static Properties consumer(IngestSettings settings) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", settings.bootstrapServers());
        p.setProperty("group.id", settings.groupId());
        p.setProperty("client.id", "appserver-ingest-" + settings.nodeName());
        p.setProperty("key.deserializer", ByteArrayDeserializer.class.getName());
        p.setProperty("value.deserializer", ByteArrayDeserializer.class.getName());
        p.setProperty("enable.auto.commit", "false");
        p.setProperty("auto.offset.reset", "earliest");
        // Captured events come back to the input topic inside our transactions: read only committed ones.
        p.setProperty("isolation.level", "read_committed");
        p.setProperty("max.poll.records", Integer.toString(settings.limits().maxEvents()));
        // A dead orchestrator's partitions move to the others after 10 s instead of the default 45 s.
        p.setProperty("session.timeout.ms", "10000");
        p.setProperty("heartbeat.interval.ms", "3000");
        p.setProperty("partition.assignment.strategy", "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
        return p;
    }

    static Properties producer(IngestSettings settings) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", settings.bootstrapServers());
        p.setProperty("client.id", "appserver-ingest-" + settings.nodeName());
        p.setProperty("key.serializer", ByteArraySerializer.class.getName());
        p.setProperty("value.serializer", ByteArraySerializer.class.getName());
        p.setProperty("acks", "all");
        p.setProperty("enable.idempotence", "true");
        p.setProperty("linger.ms", "5");
        p.setProperty("batch.size", Integer.toString(256 * 1024));
        p.setProperty("compression.type", "lz4");
        p.setProperty("max.block.ms", "30000");
        return p;
    }

    /**
     * A transactional id unique to this producer. Fencing between orchestrators comes from the
     * consumer group metadata sent with the offsets (KIP-447), not from the id, so a random part
     * keeps two orchestrators given the same node name from fencing each other.
     */
    static Properties transactionalProducer(IngestSettings settings) {
        Properties p = producer(settings);
        p.setProperty("transactional.id", "appserver-ingest-" + settings.nodeName() + "-" + UUID.randomUUID());
        p.setProperty("transaction.timeout.ms", Integer.toString(TRANSACTION_TIMEOUT_MS));
        return p;
    }
}
