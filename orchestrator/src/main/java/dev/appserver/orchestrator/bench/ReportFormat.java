package dev.appserver.orchestrator.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** A run's report as a table for people, or as one JSON object for scripts ({@code --json}). */
final class ReportFormat {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportFormat() {
    }

    static String table(BenchSettings settings, BenchReport report) {
        LatencySummary latency = report.latency();
        return String.join("\n",
                "appserver bench: " + settings.events() + " events of ~" + settings.eventBytes() + " bytes from "
                        + settings.teams() + (settings.teams() == 1 ? " team, " : " teams, ") + rate(settings)
                        + ", through " + settings.path() + " (Kafka at " + settings.kafka() + ")",
                row("run id", report.runId()),
                row("events sent", Integer.toString(report.sent())),
                row("events received", Integer.toString(report.received())),
                row("missing", Integer.toString(report.missing())),
                row("duplicates", Long.toString(report.duplicates())),
                row("send time", format("%.2f s", report.sendNanos() / 1e9)),
                row("wall time", format("%.2f s", report.wallNanos() / 1e9)),
                row("throughput", format("%.0f events/s", report.eventsPerSecond())),
                row("latency p50", millis(latency, latency.p50())),
                row("latency p90", millis(latency, latency.p90())),
                row("latency p99", millis(latency, latency.p99())),
                row("latency max", millis(latency, latency.max()))) + "\n";
    }

    static String json(BenchSettings settings, BenchReport report) {
        ObjectNode json = JSON.createObjectNode()
                .put("run_id", report.runId())
                .put("path", settings.passthrough() ? "passthrough" : "server")
                .put("kafka", settings.kafka())
                .put("input_topic", settings.inputTopic())
                .put("output_topic", settings.outputTopic())
                .put("events", settings.events())
                .put("teams", settings.teams())
                .put("event_bytes", settings.eventBytes())
                .put("rate", settings.flatOut() ? null : settings.rate())
                .put("sent", report.sent())
                .put("received", report.received())
                .put("missing", report.missing())
                .put("duplicates", report.duplicates())
                .put("send_seconds", rounded(report.sendNanos() / 1e9))
                .put("wall_seconds", rounded(report.wallNanos() / 1e9))
                .put("events_per_second", rounded(report.eventsPerSecond()));
        LatencySummary latency = report.latency();
        ObjectNode millis = json.putObject("latency_ms");
        millis.put("p50", latency.count() == 0 ? null : rounded(latency.p50() / 1e6));
        millis.put("p90", latency.count() == 0 ? null : rounded(latency.p90() / 1e6));
        millis.put("p99", latency.count() == 0 ? null : rounded(latency.p99() / 1e6));
        millis.put("max", latency.count() == 0 ? null : rounded(latency.max() / 1e6));
        try {
            return JSON.writeValueAsString(json) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static String rate(BenchSettings settings) {
        return settings.flatOut() ? "flat out" : format("%s events/s", trimmed(settings.rate()));
    }

    private static String row(String name, String value) {
        return format("  %-16s %s", name, value);
    }

    private static String millis(LatencySummary latency, long nanos) {
        return latency.count() == 0 ? "-" : format("%.1f ms", nanos / 1e6);
    }

    private static String trimmed(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** Three decimals: finer would claim a precision the measurement does not have. */
    private static Double rounded(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static String format(String pattern, Object... arguments) {
        return String.format(Locale.ROOT, pattern, arguments);
    }
}
