package dev.appserver.orchestrator.events;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.services.ServiceEndpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces messages to one topic, in order, with {@code acks=all} and idempotence (a retried
 * send is not duplicated). First it asks the cluster for the topic, so that an unreachable broker
 * and a missing topic each get their own message, within the timeout, before anything is sent.
 * A failure part-way through a send leaves the messages before it sent.
 *
 * <p>{@code bench} uses {@link #requireTopic} for its own checks. Each call makes and closes its own
 * clients; not meant for concurrent use.
 */
public final class KafkaEventSender {
    private static final String CLIENT_ID = "appserver-events-send";

    private final String bootstrapServers;
    private final Duration timeout;

    /** @param timeout how long to wait for the cluster before giving up; a send may take it twice */
    public KafkaEventSender(String bootstrapServers, Duration timeout) {
        this.bootstrapServers = requireNonNull(bootstrapServers, "bootstrapServers is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    /** @throws SendFailedException exit status 2 for an unusable address, 1 for anything else */
    void send(String topic, List<TopicMessage> messages) throws SendFailedException, InterruptedException {
        requireTopic(topic, "--topic");
        try (KafkaProducer<String, String> producer = newProducer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(messages.size());
            for (TopicMessage message : messages) {
                sent.add(producer.send(new ProducerRecord<>(topic, message.key(), message.value())));
            }
            producer.flush();
            for (int i = 0; i < sent.size(); i++) {
                try {
                    sent.get(i).get();
                } catch (ExecutionException e) {
                    throw new SendFailedException("the event on line " + messages.get(i).line() + " was not sent ("
                            + e.getCause().getMessage() + "); " + i + " of " + messages.size() + " events before it were", 1);
                }
            }
        } catch (KafkaException e) {
            throw failure(e);
        }
    }

    /**
     * Fails unless the cluster answers within the timeout and has {@code topic}; {@code topicFlag}
     * is the option that chooses the topic, named in the message when it is missing.
     *
     * @throws SendFailedException exit status 2 for an unusable address, 1 for anything else
     */
    public void requireTopic(String topic, String topicFlag) throws SendFailedException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis(timeout),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis(timeout)))) {
            admin.describeTopics(List.of(topic)).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw unreachable();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new SendFailedException("there is no topic " + topic + " on Kafka at " + bootstrapServers
                        + " (it is created when the server starts; or use " + topicFlag + ")", 1);
            }
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable();
            }
            throw new SendFailedException("Kafka at " + bootstrapServers + " refused to describe topic " + topic + ": "
                    + e.getCause().getMessage(), 1);
        } catch (KafkaException e) {
            throw failure(e);
        }
    }

    private KafkaProducer<String, String> newProducer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, millis(timeout),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis(timeout),
                // Must cover linger.ms + request.timeout.ms; past it an unacknowledged send fails.
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis(timeout.plusSeconds(5))),
                new StringSerializer(), new StringSerializer());
    }

    private SendFailedException unreachable() {
        return new SendFailedException("cannot reach Kafka at " + bootstrapServers + " within " + timeout.toSeconds()
                + " s (is it running? --kafka or " + ServiceEndpoints.KAFKA_VARIABLE + " says where)", 1);
    }

    private SendFailedException failure(KafkaException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigException) {
                return new SendFailedException("--kafka " + bootstrapServers + ": " + cause.getMessage(), 2);
            }
        }
        return new SendFailedException("Kafka at " + bootstrapServers + ": " + e.getMessage(), 1);
    }

    private static int millis(Duration duration) {
        return Math.toIntExact(duration.toMillis());
    }
}
