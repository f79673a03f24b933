package dev.appserver.orchestrator.bench;

import dev.appserver.orchestrator.events.SendFailedException;
import dev.appserver.orchestrator.services.KafkaTopics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the pass-through run's topics when they are missing, with as many partitions as the
 * server gives its own, so that {@code --passthrough} can run on topics of its own beside a
 * running server (whose consumer group would otherwise take the events).
 */
public final class BenchTopics {
    public static final int PARTITIONS = 4;

    private BenchTopics() {}

    public static void createMissing(String bootstrapServers, List<String> topics, Duration timeout) throws SendFailedException {
        Properties config = new Properties();
        config.setProperty("bootstrap.servers", bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            new KafkaTopics(admin).createMissing(topics.stream().map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList(), timeout);
        } catch (Exception e) {
            throw new SendFailedException("cannot create the pass-through topics " + topics + " on " + bootstrapServers
                    + ": " + e.getMessage(), 1);
        }
    }
}
