package dev.appserver.orchestrator.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code appserver events send FILE|-}: checks every event in the file, then sends them all as
 * capture envelopes ({@link CaptureEnvelopes}) to the input topic. Prints
 * {@code sent N events to TOPIC on HOST:PORT} on standard output (the command's result, as the
 * admin commands print theirs); problems go to standard error, one line each. Exit status 0 when all were sent, 2 when the input or an option is unusable
 * (nothing is sent), 1 when Kafka cannot be reached or refuses.
 */
@Command(name = "send", sortOptions = false,
        description = "Send JSON events, one object per line, to the input topic as PostHog capture messages.")
final class SendEventsCommand implements Callable<Integer> {
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);
    private static final int PROBLEMS_SHOWN = 20;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE|-", description = "The events; - reads standard input.")
    String file;

    @Mixin
    KafkaCommandOptions shared;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "events_plugin_ingestion",
            description = "The input topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--team-id", paramLabel = "N", defaultValue = "2",
            description = "team_id of events that have none (default: ${DEFAULT-VALUE}).")
    long teamId;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public Integer call() throws InterruptedException {
        if (teamId <= 0) {
            return shared.fail("--team-id must be a positive integer: " + teamId, 2);
        }
        EventsInput.Result input;
        try (BufferedReader reader = open()) {
            Clock clock = Clock.systemUTC();
            input = EventsInput.read(reader, new CaptureEnvelopes(teamId, clock, new UuidV7(clock, new SecureRandom())));
        } catch (IOException e) {
            return shared.fail("cannot read " + file + ": " + e.getMessage(), 2);
        }
        if (!input.problems().isEmpty()) {
            return unusable(input.problems());
        }
        try (QuietKafkaLogs quiet = QuietKafkaLogs.open()) {
            new KafkaEventSender(shared.kafka(), KAFKA_TIMEOUT).send(topic, input.messages());
        } catch (SendFailedException e) {
            return shared.fail(e.getMessage(), e.exitCode());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("sent " + input.messages().size() + " events to " + topic + " on " + shared.kafka());
        out.flush();
        return 0;
    }

    private BufferedReader open() throws IOException {
        if (file.equals("-")) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        return Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
    }

    private int unusable(List<String> problems) {
        PrintWriter err = spec.commandLine().getErr();
        for (String problem : problems.subList(0, Math.min(PROBLEMS_SHOWN, problems.size()))) {
            err.println(spec.qualifiedName() + ": " + (file.equals("-") ? "standard input" : file) + " " + problem);
        }
        if (problems.size() > PROBLEMS_SHOWN) {
            err.println(spec.qualifiedName() + ": ... and " + (problems.size() - PROBLEMS_SHOWN) + " more unusable lines");
        }
        return shared.fail("nothing was sent: " + problems.size() + (problems.size() == 1 ? " line is" : " lines are") + " unusable", 2);
    }
}
