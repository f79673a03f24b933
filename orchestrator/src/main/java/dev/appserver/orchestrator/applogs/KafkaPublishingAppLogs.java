package dev.appserver.orchestrator.applogs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.events.UuidV7;
import dev.appserver.orchestrator.store.AppConfigRepository;
import dev.appserver.orchestrator.store.AppLogEntry;
import dev.appserver.orchestrator.store.AppLogPage;
import dev.appserver.orchestrator.store.AppLogQuery;
import dev.appserver.orchestrator.store.AppLogRepository;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AppLogRepository} that stores each entry in the one it wraps and then publishes it to
 * the log entries topic ({@link PluginLogEntry}, keyed by the app config id so that one config's
 * entries stay in order), for whatever reads PostHog's {@code plugin_log_entries}.
 *
 * <p>Publishing never blocks or fails {@link #append}: entries are handed to one publishing
 * thread through a bounded queue, which looks up the app config's team and app ({@link
 * ConfigOwners}) and sends with a plain idempotent producer (no transactions: a log entry needs no
 * exactly-once, and ingestion's transactions must not wait for it). An entry that does not fit in
 * the queue, or that the producer cannot send, is counted and warned about at most once a minute
 * ({@link PublishFailures}); it stays stored. Entries of an app config that no longer exists are
 * not published (their tenant is unknown). Reads go to the wrapped repository.
 *
 * <p>Thread-safe. {@link #close} publishes what is queued (for a few seconds at most) and closes
 * the producer; entries appended afterwards are stored and not published.
 */
public final class KafkaPublishingAppLogs implements AppLogRepository, AutoCloseable {
    public static final String DEFAULT_TOPIC = "plugin_log_entries";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPublishingAppLogs.class);
    private static final int QUEUE_CAPACITY = 10_000;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final AppLogRepository store;
    private final Producer<String, byte[]> producer;
    private final String topic;
    private final ConfigOwners owners;
    private final UUID instanceId;
    private final UuidV7 ids;
    private final ExecutorService publisher;
    private final PublishFailures failures;

    KafkaPublishingAppLogs(AppLogRepository store, Producer<String, byte[]> producer, String topic,
            AppConfigRepository configs, String nodeName, ExecutorService publisher, Clock clock, MeterRegistry registry) {
        this.store = requireNonNull(store, "store is null");
        this.producer = requireNonNull(producer, "producer is null");
        this.topic = requireNonNull(topic, "topic is null");
        this.owners = new ConfigOwners(configs);
        this.instanceId = UUID.nameUUIDFromBytes(("appserver-node:" + requireNonNull(nodeName, "nodeName is null")).getBytes(UTF_8));
        this.ids = new UuidV7(clock, new SecureRandom());
        this.publisher = requireNonNull(publisher, "publisher is null");
        this.failures = new PublishFailures(warning -> LOG.warn("{}: {}", topic, warning), clock, registry);
    }

    /**
     * Wraps {@code store}, publishing to {@code topic} on {@code bootstrapServers}; the instance id
     * of the published entries is derived from {@code nodeName}.
     */
    public static KafkaPublishingAppLogs create(AppLogRepository store, String bootstrapServers, String topic,
            AppConfigRepository configs, String nodeName, Clock clock, MeterRegistry registry) {
        ThreadPoolExecutor publisher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), Thread.ofPlatform().name("app-logs-publisher").daemon().factory());
        return new KafkaPublishingAppLogs(store, new KafkaProducer<>(producerConfig(bootstrapServers, nodeName),
                new StringSerializer(), new ByteArraySerializer()), topic, configs, nodeName, publisher, clock, registry);
    }

    private static Properties producerConfig(String bootstrapServers, String nodeName) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrapServers);
        p.setProperty("client.id", "appserver-logs-" + nodeName);
        p.setProperty("acks", "all");
        p.setProperty("enable.idempotence", "true");
        p.setProperty("linger.ms", "20");
        p.setProperty("compression.type", "lz4");
        // Blocks only the publishing thread; meanwhile appends queue up, then count as failures.
        p.setProperty("max.block.ms", "10000");
        return p;
    }

    @Override
    public void append(AppLogEntry entry) {
        store.append(entry);
        try {
            publisher.execute(() -> publish(entry));
        } catch (RejectedExecutionException e) {
            failures.failed("the publishing queue is full (or closed)");
        }
    }

    @Override
    public AppLogPage query(AppLogQuery query) {
        return store.query(query);
    }

    /** Log entries not published so far (queue full, unknown topic, broker unreachable, ...). */
    public long publishFailures() {
        return failures.total();
    }

    private void publish(AppLogEntry entry) {
        try {
            Optional<ConfigOwners.Owner> owner = owners.of(entry.configId());
            if (owner.isEmpty()) {
                return;
            }
            PluginLogEntry message = new PluginLogEntry(ids.get(), owner.get().teamId(), owner.get().appId(),
                    entry.configId(), entry.timestamp(), entry.source(), entry.type(), entry.message(), instanceId);
            producer.send(new ProducerRecord<>(topic, Long.toString(entry.configId()), message.json()), (metadata, e) -> {
                if (e != null) {
                    failures.failed(e.toString());
                }
            });
        } catch (RuntimeException e) {
            failures.failed(e.toString());
        }
    }

    @Override
    public void close() {
        publisher.shutdown();
        try {
            if (!publisher.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                publisher.shutdownNow();
            }
        } catch (InterruptedException e) {
            publisher.shutdownNow();
            Thread.currentThread().interrupt();
        }
        producer.close(CLOSE_GRACE);
    }
}
