package dev.appserver.orchestrator.bench.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.bench.GeneratedSection;
import dev.appserver.orchestrator.bench.Machine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** The sandbox benchmark's report: a table, one JSON object, or a section of docs/benchmarks.md. */
final class SandboxReport {
    static final GeneratedSection SECTION = new GeneratedSection("sandbox");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SandboxBench.Settings settings;
    private final SandboxBench.Results results;
    private final Machine machine;
    private final String command;

    SandboxReport(SandboxBench.Settings settings, SandboxBench.Results results, Machine machine, String command) {
        this.settings = settings;
        this.results = results;
        this.machine = machine;
        this.command = command;
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "sandbox: %,d events per run, median of %d runs, batches of %d, warm-up %d s;"
                + " worker JS runtime: %s%n", settings.events(), settings.runs(), SandboxBench.BATCH,
                settings.warmup().toSeconds(), results.jsRuntime()));
        out.append("machine: ").append(machine.describe()).append(nodeLine()).append('\n');
        out.append(String.format(Locale.ROOT, "%-10s %14s %11s %11s %15s %7s %18s %7s %13s %11s%n", "scenario",
                "appserver ev/s", "batch p50", "batch p99", "node-ref ev/s", "ratio", "node-ref no-timeout", "ratio",
                "worker ready", "chain load"));
        for (ScenarioResult r : results.scenarios()) {
            out.append(String.format(Locale.ROOT, "%-10s %14s %11s %11s %15s %7s %18s %7s %13s %11s%n", r.scenario().name(),
                    count(r.perSecond()), millis(r.batchPercentile(50)), millis(r.batchPercentile(99)),
                    count(r.nodePerSecond()), ratio(r.ratio()), count(r.nodeUnprotectedPerSecond()),
                    ratio(r.unprotectedRatio()), wholeMillis(r.workerReadyMillis()), wholeMillis(r.loadMillis())));
        }
        return out.toString();
    }

    String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("events", settings.events()).put("runs", settings.runs()).put("batch", SandboxBench.BATCH)
                .put("warmup_seconds", settings.warmup().toSeconds()).put("js_runtime", results.jsRuntime())
                .put("node_version", results.nodeVersion()).put("node_note", results.nodeNote())
                .put("machine", machine.describe());
        ArrayNode scenarios = root.putArray("scenarios");
        for (ScenarioResult r : results.scenarios()) {
            ObjectNode s = scenarios.addObject().put("name", r.scenario().name())
                    .put("description", r.scenario().description());
            r.runsPerSecond().forEach(s.putArray("runs_events_per_second")::add);
            s.put("events_per_second", r.perSecond()).put("batch_p50_ms", r.batchPercentile(50))
                    .put("batch_p99_ms", r.batchPercentile(99));
            number(s, "node_events_per_second", r.nodePerSecond());
            number(s, "node_no_timeout_events_per_second", r.nodeUnprotectedPerSecond());
            number(s, "ratio", r.ratio());
            number(s, "ratio_no_timeout", r.unprotectedRatio());
            s.put("worker_ready_ms", r.workerReadyMillis()).put("chain_load_ms", r.loadMillis());
        }
        return root.toString() + "\n";
    }

    /** The report as Markdown, for the generated section that {@link #writeInto} replaces. */
    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(GeneratedSection.header(command));
        out.append("Machine: ").append(machine.describe()).append(nodeLine()).append(". Worker JS runtime: ")
                .append(results.jsRuntime()).append(".\n\n");
        out.append(String.format(Locale.ROOT, "%,d events per run, median of %d runs, batches of %d, after a %d s warm-up"
                + " of the worker.%n%n", settings.events(), settings.runs(), SandboxBench.BATCH, settings.warmup().toSeconds()));
        out.append("| scenario | appserver events/s | runs | batch p50 | batch p99 | node-ref events/s | ratio |"
                + " node-ref, no vm timeout | ratio | worker ready | chain load |\n");
        out.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ScenarioResult r : results.scenarios()) {
            StringBuilder runs = new StringBuilder();
            r.runsPerSecond().forEach(v -> runs.append(runs.isEmpty() ? "" : ", ").append(count(v)));
            out.append(String.format(Locale.ROOT, "| %s (%s) | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    r.scenario().name(), r.scenario().description(), count(r.perSecond()), runs, millis(r.batchPercentile(50)),
                    millis(r.batchPercentile(99)), count(r.nodePerSecond()), ratio(r.ratio()),
                    count(r.nodeUnprotectedPerSecond()), ratio(r.unprotectedRatio()), wholeMillis(r.workerReadyMillis()),
                    wholeMillis(r.loadMillis())));
        }
        if (!results.nodeNote().isEmpty()) {
            out.append("\nnode-ref did not run: ").append(results.nodeNote()).append('\n');
        }
        return out.toString();
    }

    /** Replaces the generated sandbox section of {@code file} (or appends one) with {@link #markdown}. */
    void writeInto(Path file) throws IOException {
        SECTION.writeInto(file, markdown());
    }

    private String nodeLine() {
        return results.nodeVersion().isEmpty() ? "" : "; node " + results.nodeVersion();
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

    private static String millis(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f ms", value);
    }

    private static String wholeMillis(double value) {
        return String.format(Locale.ROOT, "%,.0f ms", value);
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }
}
