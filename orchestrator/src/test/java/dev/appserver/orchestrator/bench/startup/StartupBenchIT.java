package dev.appserver.orchestrator.bench.startup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appserver.orchestrator.bench.sandbox.StandInNodeRef;
import dev.appserver.orchestrator.testing.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code appserver bench start-up} in its short mode, as CI runs it: real sandbox workers started
 * cold, a real single-node server of the bench's own, no timing asserted beyond each being
 * measured. node-ref is stood in for by a script ({@link StandInNodeRef}).
 */
class StartupBenchIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void everyChainStartsColdAndEveryServerStepIsTimed() throws Exception {
        CommandRun run = CommandRun.of("bench", "start-up", "--runs", "1", "--server-runs", "1", "--no-node-ref", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("js_runtime").asText()).isNotEqualTo("Interpreted").isNotEmpty();
        assertThat(report.get("worker_limits").asText()).isEqualTo("heap 512 MB, 1 core");
        assertThat(report.get("chains")).extracting(c -> c.get("name").asText()).containsExactly("one-app", "chain-3");
        for (JsonNode chain : report.get("chains")) {
            JsonNode start = chain.get("starts").get(0);
            assertThat(chain.get("starts")).hasSize(1);
            assertThat(start.get("worker_ready_ms").asDouble()).isPositive();
            assertThat(start.get("load_ms").asDouble()).isPositive();
            assertThat(start.get("first_event_ms").asDouble()).isPositive();
            assertThat(start.get("total_ms").asDouble()).isEqualTo(start.get("worker_ready_ms").asDouble()
                    + start.get("load_ms").asDouble() + start.get("first_event_ms").asDouble());
            assertThat(chain.get("node_ref_ms")).isEmpty();
            assertThat(chain.get("ratio").isNull()).isTrue();
        }
        assertThat(report.get("node_note").asText()).contains("--node-ref");
        JsonNode server = report.get("server_starts_ms").get(0);
        long ready = server.get("ready_ms").asLong();
        // Every step the single-node server prints is found in its output, none after its ready line.
        assertThat(server.get("steps").properties()).extracting(step -> step.getKey())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ServerMilestones.values())
                        .map(m -> m.name().toLowerCase(Locale.ROOT)).toList());
        assertThat(server.get("steps").properties()).allSatisfy(step -> assertThat(step.getValue().asLong())
                .isPositive().isLessThanOrEqualTo(ready));
    }

    @Test
    void nodeRefsColdStartIsTimedBesideItAndTheReportIsWrittenIntoTheDocs() throws Exception {
        Path nodeRef = StandInNodeRef.directory(temp);
        Path node = StandInNodeRef.node(temp, StandInNodeRef.ANSWERING);
        Path docs = temp.resolve("benchmarks.md");
        Files.writeString(docs, "# Benchmarks\n\nBefore.\n\n" + StartupReport.SECTION.begin() + "\nold numbers\n"
                + StartupReport.SECTION.end() + "\n\nAfter.\n");

        CommandRun run = CommandRun.of("bench", "start-up", "--runs", "2", "--server-runs", "0", "--node-ref",
                nodeRef.toString(), "--node", node.toString(), "--write-docs", docs.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("one-app").contains("chain-3").contains("node v0.0.0-stand-in")
                .doesNotContain("single-node server");
        String written = Files.readString(docs);
        assertThat(written).startsWith("# Benchmarks\n\nBefore.\n\n" + StartupReport.SECTION.begin())
                .endsWith(StartupReport.SECTION.end() + "\n\nAfter.\n")
                .doesNotContain("old numbers")
                .contains("./appserver bench start-up --runs 2 --server-runs 0")
                .containsPattern("\\| chain-3 \\(case 14's apps and a third like them\\)( \\| [0-9,]+ ms \\([0-9,]+ to [0-9,]+\\)){5}"
                        + " \\| [0-9.]+ \\|");
    }
}
