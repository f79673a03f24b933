package dev.appserver.orchestrator.bench;

import dev.appserver.orchestrator.bench.density.DensityBenchCommand;
import dev.appserver.orchestrator.bench.endtoend.EndToEndBenchCommand;
import dev.appserver.orchestrator.bench.sandbox.SandboxBenchCommand;
import dev.appserver.orchestrator.bench.startup.StartupBenchCommand;
import dev.appserver.orchestrator.events.KafkaCommandOptions;
import dev.appserver.orchestrator.events.KafkaEventSender;
import dev.appserver.orchestrator.events.QuietKafkaLogs;
import dev.appserver.orchestrator.events.SendFailedException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code appserver bench}: pushes events through a running server (or, with {@code --passthrough},
 * through an in-process copier on the same broker) and reports throughput and end-to-end latency
 * ({@link BenchRun}). The report goes to standard output; problems to standard error, one line
 * each. Exit status 0 when every event arrived, 1 when some did not within the timeout or Kafka
 * failed, 2 for an unusable option.
 */
@Command(name = "bench", sortOptions = false, subcommands = {SandboxBenchCommand.class, EndToEndBenchCommand.class, DensityBenchCommand.class,
        StartupBenchCommand.class},
        description = "Send events through the running server and report events/s and end-to-end latency.")
public final class BenchCommand implements Callable<Integer> {
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaCommandOptions shared;

    @Option(names = "--events", paramLabel = "N", defaultValue = "100000",
            description = "How many events to send (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--rate", paramLabel = "EVENTS_PER_S",
            description = "Send at this rate (default: as fast as possible).")
    Double rate;

    @Option(names = "--teams", paramLabel = "K", defaultValue = "3",
            description = "Spread the events over teams 1..K, 1,000 persons each (default: ${DEFAULT-VALUE}).")
    int teams;

    @Option(names = "--event-bytes", paramLabel = "B", defaultValue = "500",
            description = "About how long each input message is (default: ${DEFAULT-VALUE}).")
    int eventBytes;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for the output after the last event was sent (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--passthrough",
            description = "Copy input to output in this process instead of the server: the raw Kafka baseline.")
    boolean passthrough;

    @Option(names = "--input-topic", paramLabel = "TOPIC", defaultValue = "events_plugin_ingestion",
            description = "Where events are sent (default: ${DEFAULT-VALUE}).")
    String inputTopic;

    @Option(names = "--output-topic", paramLabel = "TOPIC", defaultValue = "clickhouse_events_json",
            description = "Where the processed events are read (default: ${DEFAULT-VALUE}).")
    String outputTopic;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public Integer call() throws InterruptedException {
        String unusable = unusableOption();
        if (unusable != null) {
            return shared.fail(unusable, 2);
        }
        BenchSettings settings = new BenchSettings(shared.kafka(), inputTopic, outputTopic, events, teams, eventBytes,
                rate == null ? 0 : rate, Duration.ofSeconds(timeoutSeconds), passthrough);
        BenchReport report;
        try (QuietKafkaLogs quiet = QuietKafkaLogs.open()) {
            if (passthrough) {
                BenchTopics.createMissing(shared.kafka(), List.of(inputTopic, outputTopic), KAFKA_TIMEOUT);
            }
            KafkaEventSender check = new KafkaEventSender(shared.kafka(), KAFKA_TIMEOUT);
            check.requireTopic(inputTopic, "--input-topic");
            check.requireTopic(outputTopic, "--output-topic");
            report = new BenchRun(settings).run();
        } catch (SendFailedException e) {
            return shared.fail(e.getMessage(), e.exitCode());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? ReportFormat.json(settings, report) : ReportFormat.table(settings, report));
        out.flush();
        if (report.missing() > 0) {
            return shared.fail(report.missing() + " of " + report.sent() + " events did not arrive on " + outputTopic
                    + " within " + timeoutSeconds + " s of the last send", 1);
        }
        return 0;
    }

    private String unusableOption() {
        if (events <= 0) {
            return "--events must be a positive integer: " + events;
        }
        if (rate != null && !(rate > 0 && rate < Double.POSITIVE_INFINITY)) {
            return "--rate must be a positive number of events per second: " + rate;
        }
        if (teams <= 0) {
            return "--teams must be a positive integer: " + teams;
        }
        if (eventBytes <= 0) {
            return "--event-bytes must be a positive integer: " + eventBytes;
        }
        if (timeoutSeconds <= 0) {
            return "--timeout must be a positive number of seconds: " + timeoutSeconds;
        }
        return null;
    }
}
