package dev.appserver.orchestrator.bench.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appserver.orchestrator.testing.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code appserver bench sandbox} in its short mode, as CI runs it: real sandbox workers, a few
 * hundred events, no timing asserted. node-ref is stood in for by a script ({@link StandInNodeRef}).
 */
class SandboxBenchIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void everyScenarioAskedForRunsInAWarmWorkerAndIsReported() throws Exception {
        CommandRun run = CommandRun.of("bench", "sandbox", "--events", "1000", "--runs", "2", "--warmup", "0",
                "--no-node-ref", "--scenario", "one-app", "chain-3", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("js_runtime").asText()).isNotEqualTo("Interpreted").isNotEmpty();
        assertThat(report.get("events").asInt()).isEqualTo(1000);
        assertThat(report.get("scenarios")).extracting(s -> s.get("name").asText()).containsExactly("one-app", "chain-3");
        for (JsonNode scenario : report.get("scenarios")) {
            assertThat(scenario.get("runs_events_per_second")).hasSize(2).allMatch(v -> v.asDouble() > 0);
            assertThat(scenario.get("batch_p99_ms").asDouble()).isGreaterThanOrEqualTo(scenario.get("batch_p50_ms").asDouble())
                    .isPositive();
            assertThat(scenario.get("worker_ready_ms").asDouble()).isPositive();
            assertThat(scenario.get("chain_load_ms").asDouble()).isPositive();
            assertThat(scenario.get("node_events_per_second").isNull()).isTrue();
            assertThat(scenario.get("ratio").isNull()).isTrue();
        }
        assertThat(report.get("node_note").asText()).contains("--node-ref");
    }

    @Test
    void nodeRefRunsOnTheSameEventsAndTheRatiosAreReportedAndWrittenIntoTheDocs() throws Exception {
        Path nodeRef = StandInNodeRef.directory(temp);
        Path node = StandInNodeRef.node(temp, StandInNodeRef.ANSWERING);
        Path docs = temp.resolve("benchmarks.md");
        Files.writeString(docs, "# Benchmarks\n\nBefore.\n\n" + SandboxReport.SECTION.begin() + "\nold numbers\n"
                + SandboxReport.SECTION.end() + "\n\nAfter.\n");

        CommandRun run = CommandRun.of("bench", "sandbox", "--events", "500", "--runs", "1", "--warmup", "0",
                "--scenario", "chain-2", "--node-ref", nodeRef.toString(), "--node", node.toString(),
                "--write-docs", docs.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("chain-2").contains("node v0.0.0-stand-in");
        String written = Files.readString(docs);
        assertThat(written).startsWith("# Benchmarks\n\nBefore.\n\n" + SandboxReport.SECTION.begin())
                .endsWith(SandboxReport.SECTION.end() + "\n\nAfter.\n")
                .doesNotContain("old numbers")
                .contains("./appserver bench sandbox --events 500 --runs 1")
                .containsPattern("\\| chain-2 \\(2-app chain: the apps of conformance case 14\\) \\| [0-9,]+ \\| [0-9,]+ \\| [0-9.]+ ms"
                        + " \\| [0-9.]+ ms \\| [0-9,]+ \\| [0-9.]+ \\| [0-9,]+ \\| [0-9.]+ \\| [0-9,]+ ms \\| [0-9,]+ ms \\|");
    }

    @Test
    void aNodeRefThatLosesEventsFailsTheBench() throws Exception {
        Path nodeRef = StandInNodeRef.directory(temp);
        Path node = StandInNodeRef.node(temp, "#!/bin/sh\n[ \"$1\" = --version ] && echo v0 && exit 0\necho '{}'\n");

        CommandRun run = CommandRun.of("bench", "sandbox", "--events", "500", "--runs", "1", "--warmup", "0",
                "--scenario", "one-app", "--node-ref", nodeRef.toString(), "--node", node.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        // Its first run is the small one: a tenth of the events.
        assertThat(run.err()).contains("one-app: node-ref wrote 1 lines for 50 events");
    }

    @Test
    void anUnknownScenarioIsOneLineAndExitsTwo() {
        CommandRun run = CommandRun.of("bench", "sandbox", "--scenario", "no-such");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo(
                "appserver bench sandbox: no scenario no-such; there are one-app, chain-2, chain-3, cpu-heavy");
    }
}
