package dev.appserver.orchestrator.bench.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appserver.orchestrator.testing.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code appserver bench end-to-end} in a short mode, as CI runs it: a real single-node server of
 * the bench's own ({@code ./appserver start}: embedded Kafka, PostgreSQL and Redis, sandbox
 * workers), the 3-app chain, and the pass-through on the same broker. Only one delivery mode, to
 * start one server; timings are reported, never asserted.
 */
class EndToEndBenchIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void aShortRunDeliversEveryEventThroughTheChainAndWritesItsSection() throws Exception {
        Path docs = temp.resolve("benchmarks.md");
        Files.writeString(docs, "# Benchmarks\n\nBefore.\n\n" + EndToEndReport.SECTION.begin() + "\nold numbers\n"
                + EndToEndReport.SECTION.end() + "\n\nAfter.\n");

        CommandRun run = CommandRun.of("bench", "end-to-end", "--events", "1000", "--runs", "1", "--warmup", "0",
                "--latency-events", "500", "--latency-rate", "1000", "--delivery", "exactly-once", "--json",
                "--write-docs", docs.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("modes")).hasSize(1);
        JsonNode mode = report.get("modes").get(0);
        assertThat(mode.get("delivery").asText()).isEqualTo("exactly-once");
        assertThat(mode.get("server_ready_ms").asLong()).isPositive();
        JsonNode timed = mode.get("runs").get(0);
        assertThat(timed.get("received").asInt()).isEqualTo(1000);
        assertThat(timed.get("duplicates").asInt()).isZero();
        assertThat(mode.get("passthrough_runs").get(0).get("received").asInt()).isEqualTo(1000);
        assertThat(mode.get("paced").get("received").asInt()).isEqualTo(500);
        // 500 events at 1,000 a second are all sent within the run's first second.
        assertThat(mode.get("paced").get("p99_by_second_ms")).hasSize(1);
        assertThat(mode.get("paced").get("p99_by_second_ms").get(0).asDouble())
                .isEqualTo(mode.get("paced").get("latency_ms").get("p99").asDouble());
        assertThat(mode.get("sent").asLong()).isEqualTo(1500);
        // Every event went through each app of the chain: the server's own counters say so.
        assertThat(mode.get("processed").get("App A").asLong()).isEqualTo(1500);
        assertThat(mode.get("processed").get("App B").asLong()).isEqualTo(1500);
        assertThat(mode.get("processed").get("App C").asLong()).isEqualTo(1500);
        assertThat(mode.get("share_of_passthrough").asDouble()).isPositive();

        String written = Files.readString(docs);
        assertThat(written).startsWith("# Benchmarks\n\nBefore.\n\n" + EndToEndReport.SECTION.begin())
                .endsWith(EndToEndReport.SECTION.end() + "\n\nAfter.\n")
                .doesNotContain("old numbers")
                .contains("./appserver bench end-to-end --events 1000 --runs 1")
                .containsPattern("\\| exactly-once \\| [0-9,]+ \\| [0-9,]+ \\| [0-9,]+ ms \\| [0-9,]+ \\| [0-9]+ % \\|"
                        + " [0-9,]+ ms \\| [0-9,]+ ms \\| [0-9,]+ ms \\| [0-9,]+ ms \\|")
                .containsPattern("Paced run, p99 of the events sent in each second: [0-9]+ ms\\.");
    }
}
