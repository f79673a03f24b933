package dev.appserver.orchestrator.server;

import dev.appserver.orchestrator.ingest.IngestTopics;
import dev.appserver.orchestrator.services.KafkaTopics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates the server's topics when missing: the ingestion topics and PostHog's log and export topics. */
final class ServerTopics {
    static final String EXPORT_DEAD_LETTERS = "plugin_export_dlq";

    private ServerTopics() {}

    /**
     * @param logEntries the app log entries topic
     * @return the topics created now
     */
    static List<String> createMissing(String bootstrapServers, IngestTopics topics, String logEntries, int partitions,
            short replication)
            throws InterruptedException, ExecutionException, TimeoutException {
        Properties config = new Properties();
        config.setProperty("bootstrap.servers", bootstrapServers);
        config.setProperty("client.id", "appserver-topics");
        try (Admin admin = Admin.create(config)) {
            return new KafkaTopics(admin).createMissing(List.of(
                    new NewTopic(topics.input(), partitions, replication),
                    new NewTopic(topics.output(), partitions, replication),
                    new NewTopic(topics.deadLetters(), 1, replication),
                    new NewTopic(topics.overflow(), partitions, replication),
                    new NewTopic(logEntries, 1, replication),
                    new NewTopic(EXPORT_DEAD_LETTERS, 1, replication).configs(Map.of())), Duration.ofSeconds(30));
        }
    }
}
