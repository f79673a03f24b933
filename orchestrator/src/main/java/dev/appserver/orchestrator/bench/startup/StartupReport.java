package dev.appserver.orchestrator.bench.startup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.bench.GeneratedSection;
import dev.appserver.orchestrator.bench.Machine;
import dev.appserver.orchestrator.bench.Median;
import dev.appserver.orchestrator.bench.ServerBench;
import dev.appserver.orchestrator.bench.startup.StartupBench.ChainResult;
import dev.appserver.orchestrator.bench.startup.StartupBench.ColdStart;
import dev.appserver.orchestrator.bench.startup.StartupBench.ServerStart;
import dev.appserver.orchestrator.pool.WorkerLimits;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The start-up benchmark's report: a table, one JSON object, or a section of docs/benchmarks.md.
 * Each time is the median of the runs with their lowest and highest beside it; the ratio is
 * node-ref's time over appserver's, so that 1 or more means appserver is as quick.
 */
final class StartupReport implements ServerBench.Report {
    static final GeneratedSection SECTION = new GeneratedSection("start-up");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StartupBench.Settings settings;
    private final StartupBench.Results results;
    private final Machine machine;
    private final String command;

    StartupReport(StartupBench.Settings settings, StartupBench.Results results, Machine machine, String command) {
        this.settings = settings;
        this.results = results;
        this.machine = machine;
        this.command = command;
    }

    @Override
    public String table() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "start-up: %s; worker JS runtime: %s%n", runs(),
                results.jsRuntime()));
        out.append("machine: ").append(machine.describe()).append(nodeLine()).append('\n');
        String format = "%-8s %26s %26s %22s %26s %22s %6s%n";
        out.append(String.format(Locale.ROOT, format, "chain", "worker ready", "chain load", "first event",
                "spawn to first event", "node-ref, 1 event", "ratio"));
        for (ChainResult r : results.chains()) {
            out.append(String.format(Locale.ROOT, format, r.chain().name(), spread(r, ColdStart::workerReady),
                    spread(r, ColdStart::load), spread(r, ColdStart::firstEvent), spread(r, ColdStart::total),
                    spread(nodeMillis(r)), ratio(r)));
        }
        if (!results.servers().isEmpty()) {
            out.append(String.format(Locale.ROOT, "%nsingle-node server, spawn to each step's line:%n"));
            serverSteps(out, "%-36s %26s%n");
        }
        return out.toString();
    }

    @Override
    public String json() {
        ObjectNode root = JSON.createObjectNode().put("cold_starts", settings.coldStarts())
                .put("server_starts", settings.serverStarts()).put("js_runtime", results.jsRuntime())
                .put("worker_limits", limits(settings.limits())).put("node_version", results.nodeVersion())
                .put("node_note", results.nodeNote()).put("machine", machine.describe());
        ArrayNode chains = root.putArray("chains");
        for (ChainResult r : results.chains()) {
            ObjectNode chain = chains.addObject().put("name", r.chain().name()).put("description", r.chain().description());
            ArrayNode starts = chain.putArray("starts");
            for (ColdStart start : r.starts()) {
                starts.addObject().put("worker_ready_ms", start.workerReady()).put("load_ms", start.load())
                        .put("first_event_ms", start.firstEvent()).put("total_ms", start.total());
            }
            nodeMillis(r).forEach(chain.putArray("node_ref_ms")::add);
            double ratio = ratioValue(r);
            if (Double.isNaN(ratio)) {
                chain.putNull("ratio");
            } else {
                chain.put("ratio", ratio);
            }
        }
        ArrayNode servers = root.putArray("server_starts_ms");
        for (ServerStart server : results.servers()) {
            ObjectNode start = servers.addObject().put("ready_ms", server.readyMillis());
            ObjectNode steps = start.putObject("steps");
            for (Map.Entry<ServerMilestones, Long> step : server.milestones().entrySet()) {
                steps.put(step.getKey().name().toLowerCase(Locale.ROOT), step.getValue());
            }
        }
        return root.toString() + "\n";
    }

    /** The report as Markdown, for the generated section that {@link #writeInto} replaces. */
    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(GeneratedSection.header(command));
        out.append("Machine: ").append(machine.describe()).append(nodeLine()).append(". Worker JS runtime: ")
                .append(results.jsRuntime()).append(".\n\n");
        out.append("Medians of ").append(runs()).append(", with the lowest and highest in brackets. Each cold start spawns a"
                + " sandbox worker as the server's pool does (").append(limits(settings.limits())).append("; two cores until"
                + " it is ready; a cgroup of its own; its seccomp filter), loads the chain into it and sends one event"
                + " through it. The chain's apps were read and transpiled before the worker was spawned, as a running"
                + " server has them."
                + " node-ref runs the same chain on the same event as a whole process (`node appserver.js run-app APPS"
                + " --events FILE`, with its `vm` timeout): node's cold start to its first event out. Ratio: node-ref's"
                + " time over appserver's spawn to first event (1 or more: appserver is as quick).\n\n");
        out.append("| chain | worker ready | chain load | first event | spawn to first event | node-ref, one event |"
                + " ratio |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (ChainResult r : results.chains()) {
            out.append(String.format(Locale.ROOT, "| %s (%s) | %s | %s | %s | %s | %s | %s |%n", r.chain().name(),
                    r.chain().description(), spread(r, ColdStart::workerReady), spread(r, ColdStart::load),
                    spread(r, ColdStart::firstEvent), spread(r, ColdStart::total), spread(nodeMillis(r)), ratio(r)));
        }
        if (!results.nodeNote().isEmpty()) {
            out.append("\nnode-ref did not run: ").append(results.nodeNote()).append('\n');
        }
        if (!results.servers().isEmpty()) {
            out.append("\nThe single-node server (`./appserver start` with its data in a fresh directory and free ports),"
                    + " from its spawn to the line that says each step is done:\n\n");
            out.append("| step | after spawn |\n|---|---:|\n");
            serverSteps(out, "| %s | %s |%n");
        }
        return out.toString();
    }

    @Override
    public void writeInto(Path file) throws IOException {
        SECTION.writeInto(file, markdown());
    }

    private String runs() {
        return String.format(Locale.ROOT, "%d cold start%s of each chain and %d server start%s", settings.coldStarts(),
                settings.coldStarts() == 1 ? "" : "s", settings.serverStarts(), settings.serverStarts() == 1 ? "" : "s");
    }

    private String nodeLine() {
        return results.nodeVersion().isEmpty() ? "" : "; node " + results.nodeVersion();
    }

    /** A line in {@code format} (the step, then its times) for each step that some server start printed. */
    private void serverSteps(StringBuilder out, String format) {
        for (ServerMilestones milestone : ServerMilestones.values()) {
            List<Double> times = results.servers().stream().filter(s -> s.milestones().containsKey(milestone))
                    .map(s -> (double) s.milestones().get(milestone)).toList();
            if (!times.isEmpty()) {
                out.append(String.format(Locale.ROOT, format, milestone.description(), spread(times)));
            }
        }
    }

    private static List<Double> nodeMillis(ChainResult r) {
        return r.nodeSeconds().stream().map(seconds -> seconds * 1000).toList();
    }

    /** node-ref's median time over appserver's median spawn to first event; NaN when node-ref did not run. */
    private static double ratioValue(ChainResult r) {
        return Median.of(nodeMillis(r)) / Median.of(r.starts().stream().map(ColdStart::total).toList());
    }

    private static String ratio(ChainResult r) {
        double ratio = ratioValue(r);
        return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    private static String spread(ChainResult r, ToDoubleFunction<ColdStart> part) {
        return spread(r.starts().stream().map(start -> part.applyAsDouble(start)).toList());
    }

    /** "1,234 ms (1,100 to 1,400)": the median, then the lowest and highest when there is more than one. */
    static String spread(List<Double> millis) {
        if (millis.isEmpty()) {
            return "-";
        }
        String median = String.format(Locale.ROOT, "%,.0f ms", Median.of(millis));
        if (millis.size() == 1) {
            return median;
        }
        double low = millis.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double high = millis.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return String.format(Locale.ROOT, "%s (%,.0f to %,.0f)", median, low, high);
    }

    private static String limits(WorkerLimits limits) {
        return String.format(Locale.ROOT, "heap %d MB, %s core%s", limits.heapMegabytes(),
                new BigDecimal(Double.toString(limits.cgroup().cpus())).stripTrailingZeros().toPlainString(),
                limits.cgroup().cpus() == 1 ? "" : "s");
    }
}
