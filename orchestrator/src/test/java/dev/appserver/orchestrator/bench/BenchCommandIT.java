package dev.appserver.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appserver.orchestrator.services.KafkaTopics;
import dev.appserver.orchestrator.services.SharedServices;
import dev.appserver.orchestrator.testing.CommandRun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code appserver bench} against the embedded broker, shared JVM-wide ({@link SharedServices}), on
 * topics of its own with three partitions each. Where no server runs, a {@link PassThrough} copier
 * stands in for it: as is, or dropping or repeating some events.
 */
class BenchCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String kafka = SharedServices.endpoints().kafkaBootstrapServers();
    private String input;
    private String output;

    @BeforeEach
    void createTopics() throws Exception {
        String suffix = UUID.randomUUID().toString();
        input = "bench-in-" + suffix;
        output = "bench-out-" + suffix;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            new KafkaTopics(admin).createMissing(List.of(new NewTopic(input, 3, (short) 1), new NewTopic(output, 3, (short) 1)),
                    Duration.ofSeconds(30));
        }
    }

    @Test
    void thePassthroughModeDeliversEveryEventOnce() throws Exception {
        CommandRun run = bench("--passthrough", "--events", "3000", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("path").asText()).isEqualTo("passthrough");
        assertThat(report.get("sent").asInt()).isEqualTo(3000);
        assertThat(report.get("received").asInt()).isEqualTo(3000);
        assertThat(report.get("missing").asInt()).isZero();
        assertThat(report.get("duplicates").asInt()).isZero();
        assertThat(report.get("events_per_second").asDouble()).isPositive();
        JsonNode latency = report.get("latency_ms");
        assertThat(latency.get("p50").asDouble()).isPositive()
                .isLessThanOrEqualTo(latency.get("p90").asDouble())
                .isLessThanOrEqualTo(latency.get("p99").asDouble())
                .isLessThanOrEqualTo(latency.get("max").asDouble());
        assertThat(latency.get("max").asDouble() / 1000).isLessThanOrEqualTo(report.get("wall_seconds").asDouble());
    }

    @Test
    void aPacedRunThroughARunningCopierCountsEveryEvent() {
        CommandRun run;
        try (PassThrough copier = PassThrough.start(kafka, input, output, PassThrough.AS_THE_SERVER, TIMEOUT)) {
            run = bench("--events", "500", "--rate", "1000", "--teams", "2");
        }

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("appserver bench: 500 events of ~500 bytes from 2 teams, 1000 events/s, "
                + "through the server (Kafka at " + kafka + ")\n");
        assertThat(run.out()).contains("  events sent      500\n", "  events received  500\n", "  missing          0\n",
                "  duplicates       0\n");
        // 500 events at 1,000 a second: the last is due 499 ms after the first.
        Matcher sendTime = Pattern.compile("  send time        (\\d+\\.\\d\\d) s\n").matcher(run.out());
        assertThat(sendTime.find()).as(run.out()).isTrue();
        assertThat(Double.parseDouble(sendTime.group(1))).isBetween(0.49, 5.0);
    }

    @Test
    void eventsThatNeverArriveAreReportedMissingAndExitOne() throws Exception {
        CommandRun run = throughCopier(everyTenth(copy -> List.of()), "--events", "1000", "--timeout", "2", "--json");

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("sent").asInt()).isEqualTo(1000);
        assertThat(report.get("received").asInt()).isEqualTo(900);
        assertThat(report.get("missing").asInt()).isEqualTo(100);
        assertThat(run.err()).isEqualTo("appserver bench: 100 of 1000 events did not arrive on " + output
                + " within 2 s of the last send\n");
    }

    @Test
    void eventsThatArriveTwiceAreCountedAsDuplicates() throws Exception {
        CommandRun run = throughCopier(everyTenth(copy -> List.of(copy, copy)), "--events", "1000", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("received").asInt()).isEqualTo(1000);
        assertThat(report.get("missing").asInt()).isZero();
        assertThat(report.get("duplicates").asInt()).isEqualTo(100);
    }

    @Test
    void aMissingOutputTopicIsOneLineAndExitsOne() {
        CommandRun run = CommandRun.of("bench", "--kafka", kafka, "--input-topic", input, "--output-topic", "no-such-topic");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("appserver bench: there is no topic no-such-topic on Kafka at " + kafka
                + " (it is created when the server starts; or use --output-topic)\n");
    }

    private CommandRun bench(String... options) {
        String[] args = new String[options.length + 7];
        System.arraycopy(new String[] {"bench", "--kafka", kafka, "--input-topic", input, "--output-topic", output}, 0, args, 0, 7);
        System.arraycopy(options, 0, args, 7, options.length);
        return CommandRun.of(args);
    }

    private CommandRun throughCopier(Function<String, List<String>> copies, String... options) {
        try (PassThrough copier = PassThrough.start(kafka, input, output, copies, TIMEOUT)) {
            return bench(options);
        }
    }

    /** Copies as the server would, except that every tenth message becomes {@code odd}'s copies of its output. */
    private static Function<String, List<String>> everyTenth(Function<String, List<String>> odd) {
        AtomicInteger messages = new AtomicInteger();
        return message -> {
            String copy = CaptureMerge.merge(message);
            return messages.incrementAndGet() % 10 == 0 ? odd.apply(copy) : List.of(copy);
        };
    }
}
