package dev.appserver.orchestrator.bench.endtoend;

import dev.appserver.orchestrator.bench.GeneratedSection;
import dev.appserver.orchestrator.bench.Machine;
import dev.appserver.orchestrator.bench.ServerBench;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code appserver bench end-to-end}: a single-node server of the bench's own per delivery mode,
 * the 3-app chain, Kafka in to Kafka out, beside raw Kafka pass-through ({@link EndToEndBench}).
 * Exit status 0 when every run delivered every event, 1 when the bench failed (the server did not
 * start, events went missing, exactly-once delivered duplicates), 2 for an unusable option.
 */
@Command(name = "end-to-end", sortOptions = false,
        description = "Events through a single-node server of the bench's own (Kafka in, a 3-app chain, Kafka out),"
                + " beside raw Kafka pass-through on the same broker.")
public final class EndToEndBenchCommand implements Callable<Integer> {
    private static final List<String> DELIVERIES = List.of("at-least-once", "exactly-once");

    @Spec
    CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", defaultValue = "100000",
            description = "Events per run (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--runs", paramLabel = "R", defaultValue = "3",
            description = "Timed runs per delivery mode; the report gives their median (default: ${DEFAULT-VALUE}).")
    int runs;

    // Two workers compiling on two cores level off after about 100 s of traffic (docs/benchmarks.md).
    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "150",
            description = "How long flat-out runs warm each server up before the timed ones (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--latency-rate", paramLabel = "EVENTS_PER_S", defaultValue = "10000",
            description = "The rate of the paced run that measures latency (default: ${DEFAULT-VALUE}).")
    double latencyRate;

    @Option(names = "--latency-events", paramLabel = "N", defaultValue = "100000",
            description = "Events in the paced run; 0 leaves it out (default: ${DEFAULT-VALUE}).")
    int latencyEvents;

    @Option(names = "--teams", paramLabel = "K", defaultValue = "3",
            description = "Teams 1..K each get the chain and a share of the events (default: ${DEFAULT-VALUE}).")
    int teams;

    @Option(names = "--event-bytes", paramLabel = "B", defaultValue = "500",
            description = "About how long each input message is (default: ${DEFAULT-VALUE}).")
    int eventBytes;

    @Option(names = "--delivery", arity = "1..*", paramLabel = "MODE",
            description = "Only these: at-least-once, exactly-once (default: both, in that order).")
    List<String> deliveries = new ArrayList<>();

    @Option(names = "--no-passthrough", description = "Leave the raw Kafka pass-through runs out.")
    boolean noPassthrough;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long a run waits for missing output after its last send (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Mixin
    ServerBench server = new ServerBench();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public Integer call() throws InterruptedException {
        // Progress goes straight to standard error, as the sandbox bench's does.
        return server.run("appserver bench end-to-end", spec, unusableOption(), (launcher, scratch) -> {
            EndToEndBench.Settings settings = new EndToEndBench.Settings(events, runs, Duration.ofSeconds(warmupSeconds),
                    latencyRate, latencyEvents, teams, eventBytes, deliveries.isEmpty() ? DELIVERIES : deliveries,
                    !noPassthrough, Duration.ofSeconds(timeoutSeconds), launcher, scratch, server.serverArguments());
            return new EndToEndReport(settings, new EndToEndBench(settings, System.err).run(), Machine.here(),
                    GeneratedSection.commandLine(spec));
        });
    }

    private String unusableOption() {
        if (events <= 0) {
            return "--events must be a positive integer: " + events;
        }
        if (runs <= 0) {
            return "--runs must be a positive integer: " + runs;
        }
        if (warmupSeconds < 0) {
            return "--warmup must be zero or more seconds: " + warmupSeconds;
        }
        if (!(latencyRate > 0 && latencyRate < Double.POSITIVE_INFINITY)) {
            return "--latency-rate must be a positive number of events per second: " + latencyRate;
        }
        if (latencyEvents < 0) {
            return "--latency-events must be zero or more: " + latencyEvents;
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
        for (String delivery : deliveries) {
            if (!DELIVERIES.contains(delivery)) {
                return "--delivery must be at-least-once or exactly-once: " + delivery;
            }
        }
        if (deliveries.stream().distinct().count() < deliveries.size()) {
            return "--delivery names a mode twice: " + deliveries;
        }
        return null;
    }
}
