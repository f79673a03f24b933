package dev.appserver.orchestrator.services;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the orchestrator's topics, idempotently: a topic that already exists is left as it is
 * (its partitions and settings are not compared). Brokers here never create topics on their own.
 */
public final class KafkaTopics {
    private final Admin admin;

    public KafkaTopics(Admin admin) {
        this.admin = requireNonNull(admin, "admin is null");
    }

    /** @return the names of the topics this call created; the others existed already */
    public List<String> createMissing(Collection<NewTopic> topics, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
            try {
                result.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                created.add(result.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        return List.copyOf(created);
    }
}
