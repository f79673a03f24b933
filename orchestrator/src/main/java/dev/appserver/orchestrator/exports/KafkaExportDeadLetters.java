package dev.appserver.orchestrator.exports;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.pool.InstanceSpec;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@link ExportDeadLetters} on a Kafka topic ({@code plugin_export_dlq}): one message per batch,
 * keyed by app config id, a JSON object {@code {batch_id, config_id, team_id, app, attempts,
 * error, events}} with {@code events} as they were buffered, and the reason in an {@code error}
 * header. Idempotent producer, every send acknowledged by all replicas. Thread-safe.
 */
public final class KafkaExportDeadLetters implements ExportDeadLetters, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    public KafkaExportDeadLetters(String bootstrapServers, String topic, String nodeName) {
        this.topic = requireNonNull(topic, "topic is null");
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", requireNonNull(bootstrapServers, "bootstrapServers is null"));
        p.setProperty("client.id", "appserver-export-dlq-" + nodeName);
        p.setProperty("key.serializer", ByteArraySerializer.class.getName());
        p.setProperty("value.serializer", ByteArraySerializer.class.getName());
        p.setProperty("acks", "all");
        p.setProperty("enable.idempotence", "true");
        p.setProperty("compression.type", "lz4");
        p.setProperty("max.request.size", Integer.toString(16 * 1024 * 1024));
        this.producer = new KafkaProducer<>(p);
    }

    @Override
    public CompletableFuture<Void> send(InstanceSpec spec, ExportBatch batch, String reason) {
        ObjectNode head = JSON.createObjectNode()
                .put("batch_id", batch.id())
                .put("config_id", spec.configId())
                .put("team_id", spec.teamId())
                .put("app", spec.appName())
                .put("attempts", batch.attempt() + 1)
                .put("error", reason);
        String text = head.toString();
        // The events are spliced in as they are: JSON from the output topic, not re-encoded.
        String value = text.substring(0, text.length() - 1) + ",\"events\":" + batch.eventsJson() + "}";
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, Long.toString(spec.configId()).getBytes(UTF_8),
                value.getBytes(UTF_8));
        record.headers().add("error", reason.getBytes(UTF_8));
        CompletableFuture<Void> done = new CompletableFuture<>();
        producer.send(record, (metadata, error) -> {
            if (error == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(error);
            }
        });
        return done;
    }

    @Override
    public void close() {
        producer.close();
    }
}
