package dev.appserver.orchestrator.bench.density;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.bench.GeneratedSection;
import dev.appserver.orchestrator.bench.Machine;
import dev.appserver.orchestrator.bench.ServerBench;
import dev.appserver.orchestrator.bench.density.DensityBench.CountResult;
import dev.appserver.orchestrator.bench.density.DensityBench.NodeRefResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The density benchmark's report: a table, one JSON object, or a section of docs/benchmarks.md. */
final class DensityReport implements ServerBench.Report {
    static final GeneratedSection SECTION = new GeneratedSection("density");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROW = "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n";

    private final List<CountResult> results;
    private final DensityBench.Results all;
    private final Machine machine;
    private final String command;

    DensityReport(DensityBench.Results results, Machine machine, String command) {
        this.all = results;
        this.results = results.counts();
        this.machine = machine;
        this.command = command;
    }

    @Override
    public String table() {
        StringBuilder out = new StringBuilder("density: idle instances of the hello-world app, one config per team;"
                + " heap after a full GC\nmachine: ").append(machine.describe()).append('\n');
        String format = "%8s %9s %7s %15s %14s %15s %15s %13s %11s%n";
        out.append(String.format(Locale.ROOT, format, "configs", "instances", "workers", "heap/instance", "RSS/instance",
                "orch heap/config", "workers' heap", "node RSS", "load time"));
        for (CountResult r : results) {
            out.append(String.format(Locale.ROOT, format, count(r.configs()), count(r.instances()), r.loaded().workers().size(),
                    kib(r.workerHeapPerInstance()), kib(r.workerRssPerInstance()), kib(r.orchestratorHeapPerConfig()),
                    mib(r.loaded().workersHeap()), mib(r.loaded().rss()), seconds(r.loadMillis())));
        }
        for (NodeRefResult n : all.nodeRef()) {
            out.append(String.format(Locale.ROOT, "node-ref, %s apps: %s heap and %s RSS per app; appserver holds %s of"
                    + " the heap and %s of the RSS%n", count(n.apps()), kib(n.heapPerApp()), kib(n.rssPerApp()),
                    share(appserverFor(n).workerHeapPerInstance(), n.heapPerApp()),
                    share(appserverFor(n).workerRssPerInstance(), n.rssPerApp())));
        }
        if (!all.nodeNote().isEmpty()) {
            out.append("node-ref did not run: ").append(all.nodeNote()).append('\n');
        }
        return out.toString();
    }

    @Override
    public String json() {
        ObjectNode root = JSON.createObjectNode().put("app", DensityBench.APP).put("machine", machine.describe())
                .put("node_version", all.nodeVersion()).put("node_note", all.nodeNote());
        ArrayNode counts = root.putArray("counts");
        for (CountResult r : results) {
            ObjectNode node = counts.addObject().put("configs", r.configs()).put("instances", r.instances())
                    .put("server_ready_ms", r.readyMillis()).put("configure_ms", r.configureMillis())
                    .put("load_ms", r.loadMillis()).put("worker_heap_per_instance_bytes", r.workerHeapPerInstance())
                    .put("worker_rss_per_instance_bytes", r.workerRssPerInstance())
                    .put("orchestrator_heap_per_config_bytes", r.orchestratorHeapPerConfig());
            memory(node.putObject("empty"), r.empty());
            memory(node.putObject("configured"), r.configured());
            memory(node.putObject("loaded"), r.loaded());
            all.nodeRef().stream().filter(n -> n.apps() == r.configs()).findFirst().ifPresentOrElse(n -> node.putObject("node_ref")
                    .put("apps", n.apps()).put("heap_per_app_bytes", n.heapPerApp()).put("rss_per_app_bytes", n.rssPerApp())
                    .put("one_app_heap_bytes", n.one().heapUsedBytes()).put("one_app_rss_bytes", n.one().rssBytes())
                    .put("heap_bytes", n.loaded().heapUsedBytes()).put("rss_bytes", n.loaded().rssBytes()),
                    () -> node.putNull("node_ref"));
        }
        return root.toString() + "\n";
    }

    /** The report as Markdown, for the generated section that {@link #writeInto} replaces. */
    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(GeneratedSection.header(command));
        out.append("Machine: ").append(machine.describe())
                .append(all.nodeVersion().isEmpty() ? "" : "; node " + all.nodeVersion()).append(".\n\n");
        out.append("Idle instances of the hello-world app, one config per team, each loaded by one event; every figure"
                + " taken after a full GC in each JVM (`jcmd GC.run`, then `jstat -gc`).\n\n");
        out.append("| configs | instances | workers | worker heap per instance | worker RSS per instance |"
                + " orchestrator heap per config | workers' heap | node RSS (orchestrator + workers) | load time |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (CountResult r : results) {
            out.append(String.format(Locale.ROOT, ROW, count(r.configs()), count(r.instances()), r.loaded().workers().size(),
                    kib(r.workerHeapPerInstance()), kib(r.workerRssPerInstance()), kib(r.orchestratorHeapPerConfig()),
                    mib(r.loaded().workersHeap()), mib(r.loaded().rss()), seconds(r.loadMillis())));
        }
        for (CountResult r : results) {
            out.append(String.format(Locale.ROOT, "%n%,d configs: orchestrator heap %s empty, %s configured, %s loaded;"
                    + " workers' heap %s configured, %s loaded; node RSS %s empty, %s loaded (orchestrator %s and %s,"
                    + " workers %s and %s).%n", r.configs(),
                    mib(r.empty().orchestrator().heapBytes()), mib(r.configured().orchestrator().heapBytes()),
                    mib(r.loaded().orchestrator().heapBytes()), mib(r.configured().workersHeap()),
                    mib(r.loaded().workersHeap()), mib(r.empty().rss()), mib(r.loaded().rss()),
                    mib(r.empty().orchestrator().rssBytes()), mib(r.loaded().orchestrator().rssBytes()),
                    mib(r.empty().workersRss()), mib(r.loaded().workersRss())));
        }
        if (!all.nodeRef().isEmpty()) {
            out.append("\nnode-ref, in the same invocation: `node --expose-gc appserver.js run-app APP ... --events FIFO` with"
                    + " the app given as many times as there were configs (a `vm` context each) and once, read when it"
                    + " opens its events (a FIFO, so it waits there) after a full collection (`global.gc()` from a"
                    + " preloaded script), as `process.memoryUsage()` reports it. Per app: what the extra apps added, over"
                    + " how many they are. Ratio: node-ref's figure per app over appserver's per instance (1 or"
                    + " more: appserver holds no more).\n\n");
            out.append("| apps | node-ref heap per app | appserver worker heap per instance | ratio | node-ref RSS per app |"
                    + " appserver worker RSS per instance | ratio | node-ref heap, RSS |\n");
            out.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (NodeRefResult n : all.nodeRef()) {
                CountResult r = appserverFor(n);
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s, %s |%n", count(n.apps()),
                        kib(n.heapPerApp()), kib(r.workerHeapPerInstance()), ratio(r.workerHeapPerInstance(), n.heapPerApp()),
                        kib(n.rssPerApp()), kib(r.workerRssPerInstance()), ratio(r.workerRssPerInstance(), n.rssPerApp()),
                        mib(n.loaded().heapUsedBytes()), mib(n.loaded().rssBytes())));
            }
        }
        if (!all.nodeNote().isEmpty()) {
            out.append("\nnode-ref did not run: ").append(all.nodeNote()).append('\n');
        }
        return out.toString();
    }

    /** The count node-ref's figure stands beside. */
    private CountResult appserverFor(NodeRefResult n) {
        return results.stream().filter(r -> r.configs() == n.apps()).findFirst().orElseThrow();
    }

    private static String ratio(double appserver, double nodeRef) {
        return String.format(Locale.ROOT, "%.2f", nodeRef / appserver);
    }

    private static String share(double appserver, double nodeRef) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * appserver / nodeRef);
    }

    @Override
    public void writeInto(Path file) throws IOException {
        SECTION.writeInto(file, markdown());
    }

    private static void memory(ObjectNode node, NodeMemory memory) {
        node.put("orchestrator_heap_bytes", memory.orchestrator().heapBytes())
                .put("orchestrator_rss_bytes", memory.orchestrator().rssBytes())
                .put("workers_heap_bytes", memory.workersHeap()).put("workers_rss_bytes", memory.workersRss())
                .put("workers", memory.workers().size());
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String kib(double bytes) {
        return String.format(Locale.ROOT, "%,.1f KiB", bytes / 1024);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,.0f MiB", bytes / (1024.0 * 1024));
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
