package dev.appserver.orchestrator.events;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code appserver events read}: prints a topic's messages from its beginning, one per line
 * (committed ones only, as ClickHouse would read them), until {@code --max} messages or until none
 * came for {@code --idle} seconds (for the first one it waits up to {@code --wait} seconds, as the
 * pipeline may still be starting its workers). Joins no consumer group, so it moves nobody's offsets.
 */
@Command(name = "read", sortOptions = false,
        description = "Print the messages of a topic (by default the processed events), one per line.")
final class ReadEventsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaCommandOptions shared;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "clickhouse_events_json",
            description = "The topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N messages.")
    Integer max;

    @Option(names = "--idle", paramLabel = "SECONDS", defaultValue = "5",
            description = "Stop when no message came for this long (default: ${DEFAULT-VALUE}).")
    int idleSeconds;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for the first message (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Option(names = "--keys", description = "Print each message's key and a tab before it.")
    boolean keys;

    @Option(names = "--headers", description = "Print each message's headers (name=value, comma-separated) and a tab before it.")
    boolean headers;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int printed = 0;
        try (QuietKafkaLogs quiet = QuietKafkaLogs.open();
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (partitions == null || partitions.isEmpty()) {
                return shared.fail("there is no topic " + topic + " on " + shared.kafka(), 1);
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            long idleSince = System.nanoTime();
            while ((max == null || printed < max)
                    && System.nanoTime() - idleSince < Duration.ofSeconds(printed == 0 ? waitSeconds : idleSeconds).toNanos()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (max != null && printed >= max) {
                        break;
                    }
                    out.println(line(record));
                    printed++;
                    idleSince = System.nanoTime();
                }
                out.flush();
            }
        } catch (KafkaException e) {
            return shared.fail("cannot read " + topic + " on " + shared.kafka() + ": " + e.getMessage(), 1);
        }
        return 0;
    }

    private String line(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder line = new StringBuilder();
        if (headers) {
            StringBuilder text = new StringBuilder();
            record.headers().forEach(h -> text.append(text.isEmpty() ? "" : ",").append(h.key()).append('=')
                    .append(h.value() == null ? "" : new String(h.value(), UTF_8)));
            line.append(text).append('\t');
        }
        if (keys) {
            line.append(record.key() == null ? "" : new String(record.key(), UTF_8)).append('\t');
        }
        return line.append(record.value() == null ? "null" : new String(record.value(), UTF_8)).toString();
    }

    private Properties config() {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", shared.kafka());
        p.setProperty("isolation.level", "read_committed");
        p.setProperty("enable.auto.commit", "false");
        p.setProperty("key.deserializer", ByteArrayDeserializer.class.getName());
        p.setProperty("value.deserializer", ByteArrayDeserializer.class.getName());
        p.setProperty("default.api.timeout.ms", "10000");
        return p;
    }
}
