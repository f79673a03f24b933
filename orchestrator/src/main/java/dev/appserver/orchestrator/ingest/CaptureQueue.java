package dev.appserver.orchestrator.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.appserver.orchestrator.hostservices.CaptureSink;
import dev.appserver.orchestrator.hostservices.InstanceBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Events apps captured ({@code posthog.capture}) waiting to be produced to the input topic with
 * the next batch's outputs (in its transaction, under exactly-once). A batch that is not delivered
 * hands its captures back, so a capture is delivered at least once. Thread-safe.
 */
public final class CaptureQueue implements CaptureSink {
    private final ConcurrentLinkedQueue<ProducerRecord<byte[], byte[]>> pending = new ConcurrentLinkedQueue<>();
    private final String topic;

    public CaptureQueue(IngestTopics topics) {
        this.topic = topics.input();
    }

    @Override
    public void capture(InstanceBinding from, String eventJson) {
        String distinctId = DistinctIds.of(eventJson);
        byte[] key = (from.teamId() + ":" + distinctId).getBytes(UTF_8);
        pending.add(new ProducerRecord<>(topic, key, eventJson.getBytes(UTF_8)));
    }

    /** Takes every waiting capture. */
    List<ProducerRecord<byte[], byte[]>> drain() {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        ProducerRecord<byte[], byte[]> next;
        while ((next = pending.poll()) != null) {
            out.add(next);
        }
        return out;
    }

    /** Puts back captures whose batch was not delivered. */
    void giveBack(List<ProducerRecord<byte[], byte[]>> captures) {
        pending.addAll(captures);
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }
}
