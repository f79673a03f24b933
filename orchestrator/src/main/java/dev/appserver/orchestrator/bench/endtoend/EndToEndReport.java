package dev.appserver.orchestrator.bench.endtoend;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.bench.BenchReport;
import dev.appserver.orchestrator.bench.GeneratedSection;
import dev.appserver.orchestrator.bench.LatencySummary;
import dev.appserver.orchestrator.bench.Machine;
import dev.appserver.orchestrator.bench.ServerBench;
import dev.appserver.orchestrator.bench.endtoend.EndToEndBench.ModeResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The end-to-end benchmark's report: a table, one JSON object, or a section of docs/benchmarks.md. */
final class EndToEndReport implements ServerBench.Report {
    static final GeneratedSection SECTION = new GeneratedSection("end-to-end");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EndToEndBench.Settings settings;
    private final List<ModeResult> modes;
    private final Machine machine;
    private final String command;

    EndToEndReport(EndToEndBench.Settings settings, List<ModeResult> modes, Machine machine, String command) {
        this.settings = settings;
        this.modes = List.copyOf(modes);
        this.machine = machine;
        this.command = command;
    }

    @Override
    public String table() {
        StringBuilder out = new StringBuilder("end-to-end: ").append(summary()).append('\n');
        out.append("machine: ").append(machine.describe()).append('\n');
        String format = "%-14s %12s %10s %14s %9s %11s %11s %11s %12s%n";
        out.append(String.format(Locale.ROOT, format, "delivery", "events/s", "p99", "pass-through", "share",
                "paced p50", "paced p99", "paced max", "server ready"));
        for (ModeResult mode : modes) {
            Optional<LatencySummary> paced = mode.paced().map(BenchReport::latency);
            out.append(String.format(Locale.ROOT, format, mode.delivery(), count(mode.perSecond()),
                    millis(medianRun(mode).latency().p99()), count(mode.passthroughPerSecond()), percent(mode.ofPassthrough()),
                    paced.map(l -> millis(l.p50())).orElse("-"), paced.map(l -> millis(l.p99())).orElse("-"),
                    paced.map(l -> millis(l.max())).orElse("-"), wholeMillis(mode.readyMillis())));
        }
        exactlyOnceCost().ifPresent(cost -> out.append(String.format(Locale.ROOT,
                "exactly-once runs at %s of at-least-once's events/s%n", percent(cost))));
        return out.toString();
    }

    @Override
    public String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("events", settings.events()).put("runs", settings.runs()).put("warmup_seconds", settings.warmup().toSeconds())
                .put("teams", settings.teams()).put("event_bytes", settings.eventBytes())
                .put("latency_rate", settings.latencyRate()).put("latency_events", settings.latencyEvents())
                .put("machine", machine.describe());
        ArrayNode apps = root.putArray("apps");
        EndToEndBench.APPS.forEach(apps::add);
        ArrayNode array = root.putArray("modes");
        for (ModeResult mode : modes) {
            ObjectNode node = array.addObject().put("delivery", mode.delivery()).put("server_ready_ms", mode.readyMillis());
            mode.warmupRates().forEach(node.putArray("warmup_events_per_second")::add);
            mode.runs().forEach(run -> node.withArray("runs").add(run(run)));
            mode.passthroughRuns().forEach(run -> node.withArray("passthrough_runs").add(run(run)));
            number(node, "events_per_second", mode.perSecond());
            number(node, "passthrough_events_per_second", mode.passthroughPerSecond());
            number(node, "share_of_passthrough", mode.ofPassthrough());
            mode.paced().ifPresent(paced -> {
                ObjectNode run = run(paced);
                paced.bySecond().forEach(second -> run.withArray("p99_by_second_ms").add(second.p99() / 1e6));
                node.set("paced", run);
            });
            ObjectNode processed = node.putObject("processed");
            mode.processed().forEach(processed::put);
            node.put("sent", mode.sent());
        }
        exactlyOnceCost().ifPresent(cost -> root.put("exactly_once_of_at_least_once", cost));
        return root.toString() + "\n";
    }

    /** The report as Markdown, for the generated section that {@link #writeInto} replaces. */
    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(GeneratedSection.header(command));
        out.append("Machine: ").append(machine.describe()).append(".\n\n");
        out.append(summary()).append(".\n\n");
        out.append("| delivery | events/s | runs | p99 (flat out) | pass-through events/s | share of pass-through |"
                + " paced p50 | paced p99 | paced max | server start to ready |\n");
        out.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ModeResult mode : modes) {
            StringBuilder runs = new StringBuilder();
            mode.runs().forEach(run -> runs.append(runs.isEmpty() ? "" : ", ").append(count(run.eventsPerSecond())));
            Optional<LatencySummary> paced = mode.paced().map(BenchReport::latency);
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", mode.delivery(),
                    count(mode.perSecond()), runs, millis(medianRun(mode).latency().p99()), count(mode.passthroughPerSecond()),
                    percent(mode.ofPassthrough()), paced.map(l -> millis(l.p50())).orElse("-"),
                    paced.map(l -> millis(l.p99())).orElse("-"), paced.map(l -> millis(l.max())).orElse("-"),
                    wholeMillis(mode.readyMillis())));
        }
        exactlyOnceCost().ifPresent(cost -> out.append(String.format(Locale.ROOT,
                "%nExactly-once ran at %s of at-least-once's events/s.%n", percent(cost))));
        for (ModeResult mode : modes) {
            out.append(String.format(Locale.ROOT, "%n%s: %,d events sent to the server in all (warm-up included); processed"
                    + " by each app: %s.", mode.delivery(), mode.sent(), mode.processed().toString()));
            if (!mode.passthroughRuns().isEmpty()) {
                StringBuilder copied = new StringBuilder();
                mode.passthroughRuns().forEach(run -> copied.append(copied.isEmpty() ? "" : ", ").append(count(run.eventsPerSecond())));
                out.append(" Pass-through runs: ").append(copied).append(" events/s.");
            }
            if (!mode.warmupRates().isEmpty()) {
                StringBuilder warm = new StringBuilder();
                mode.warmupRates().forEach(rate -> warm.append(warm.isEmpty() ? "" : ", ").append(count(rate)));
                out.append(" Warm-up runs: ").append(warm).append(" events/s.");
            }
            mode.paced().ifPresent(paced -> out.append(" Paced run, p99 of the events sent in each second: ")
                    .append(p99BySecond(paced)).append(" ms."));
            out.append('\n');
        }
        return out.toString();
    }

    /** Replaces the generated end-to-end section of {@code file} (or appends one) with {@link #markdown}. */
    @Override
    public void writeInto(Path file) throws IOException {
        SECTION.writeInto(file, markdown());
    }

    private String summary() {
        String paced = settings.latencyEvents() > 0 ? String.format(Locale.ROOT, "; then %,d events offered at %,.0f events/s"
                + " (paced)", settings.latencyEvents(), settings.latencyRate()) : "";
        return String.format(Locale.ROOT, "Kafka in, the 3-app chain %s for teams 1..%d, Kafka out; %,d events of ~%d bytes"
                + " per run, median of %d runs flat out, after %d s of warm-up runs%s", EndToEndBench.APPS,
                settings.teams(), settings.events(), settings.eventBytes(), settings.runs(), settings.warmup().toSeconds(), paced);
    }

    /** @return exactly-once's median events/s over at-least-once's, when both ran */
    private Optional<Double> exactlyOnceCost() {
        Optional<ModeResult> exactly = modes.stream().filter(m -> m.delivery().equals("exactly-once")).findFirst();
        Optional<ModeResult> atLeast = modes.stream().filter(m -> m.delivery().equals("at-least-once")).findFirst();
        return exactly.flatMap(e -> atLeast.map(a -> e.perSecond() / a.perSecond()));
    }

    /** @return the run whose events/s is the median (the upper one of an even count) */
    private static BenchReport medianRun(ModeResult mode) {
        List<BenchReport> sorted = mode.runs().stream()
                .sorted((a, b) -> Double.compare(a.eventsPerSecond(), b.eventsPerSecond())).toList();
        return sorted.get(sorted.size() / 2);
    }

    private static ObjectNode run(BenchReport run) {
        ObjectNode node = JSON.createObjectNode().put("sent", run.sent()).put("received", run.received())
                .put("duplicates", run.duplicates()).put("events_per_second", run.eventsPerSecond())
                .put("wall_seconds", run.wallNanos() / 1e9);
        LatencySummary latency = run.latency();
        node.putObject("latency_ms").put("p50", latency.p50() / 1e6).put("p90", latency.p90() / 1e6)
                .put("p99", latency.p99() / 1e6).put("max", latency.max() / 1e6);
        return node;
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static String count(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String percent(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f %%", value * 100);
    }

    /** The p99 of the events sent in each second of {@code run}, in whole milliseconds: "148, 127, 99". */
    static String p99BySecond(BenchReport run) {
        return run.bySecond().stream().map(second -> String.format(Locale.ROOT, "%.0f", second.p99() / 1e6))
                .collect(Collectors.joining(", "));
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%,.0f ms", nanos / 1e6);
    }

    private static String wholeMillis(long millis) {
        return String.format(Locale.ROOT, "%,d ms", millis);
    }
}
