package dev.appserver.orchestrator.bench.density;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appserver.orchestrator.bench.sandbox.StandInNodeRef;
import dev.appserver.orchestrator.testing.CommandRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code appserver bench density} with a few configs: a real single-node server of the bench's own
 * whose real workers load an instance per config. Memory figures are reported, never asserted
 * beyond being measured at all.
 */
class DensityBenchIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyConfigGetsAnIdleInstanceAndItsMemoryIsRead() throws Exception {
        CommandRun run = CommandRun.of("bench", "density", "--configs", "30", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode count = JSON.readTree(run.out()).get("counts").get(0);
        assertThat(count.get("configs").asInt()).isEqualTo(30);
        assertThat(count.get("instances").asLong()).isEqualTo(30);
        for (String state : new String[] {"empty", "configured", "loaded"}) {
            JsonNode memory = count.get(state);
            assertThat(memory.get("workers").asInt()).as(state).isEqualTo(2);
            assertThat(memory.get("orchestrator_heap_bytes").asLong()).as(state).isPositive();
            assertThat(memory.get("workers_heap_bytes").asLong()).as(state).isPositive();
            assertThat(memory.get("workers_rss_bytes").asLong()).as(state).isGreaterThan(memory.get("workers_heap_bytes").asLong());
        }
        // Thirty loaded contexts hold more live heap than none.
        assertThat(count.get("loaded").get("workers_heap_bytes").asLong())
                .isGreaterThan(count.get("configured").get("workers_heap_bytes").asLong());
        assertThat(count.get("node_ref").isNull()).isTrue();
    }

    /**
     * node-ref's side with a stand-in for node that reports as the bench's preload would: a heap of
     * 1,000 bytes and 100 more per app, an RSS of 5,000 and 300 more per app, once it has opened
     * its events (the FIFO), then reads them until the bench closes its end. The per-app figures are those increments.
     */
    @Test
    void nodeRefIsReadWithOneAppAndWithAsManyAsThereAreConfigs(@TempDir Path temp) throws Exception {
        Path nodeRef = StandInNodeRef.directory(temp);
        Path node = StandInNodeRef.node(temp, """
                #!/bin/sh
                if [ "$1" = --version ]; then echo v0.0.0-stand-in; exit 0; fi
                apps=0
                for arg in "$@"; do
                  case "$arg" in */hello-world) apps=$((apps + 1)) ;; esac
                done
                exec 3< "$APPSERVER_BENCH_EVENTS"
                echo "appserver-bench-idle heapUsed=$((1000 + 100 * apps)) rss=$((5000 + 300 * apps))" >&2
                cat <&3 > /dev/null
                """);

        CommandRun run = CommandRun.of("bench", "density", "--configs", "5", "--node-ref", nodeRef.toString(), "--node",
                node.toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("node_version").asText()).isEqualTo("v0.0.0-stand-in");
        JsonNode nodeRefCount = report.get("counts").get(0).get("node_ref");
        assertThat(nodeRefCount.get("apps").asInt()).isEqualTo(5);
        assertThat(nodeRefCount.get("one_app_heap_bytes").asLong()).isEqualTo(1100);
        assertThat(nodeRefCount.get("heap_bytes").asLong()).isEqualTo(1500);
        assertThat(nodeRefCount.get("heap_per_app_bytes").asDouble()).isEqualTo(100);
        assertThat(nodeRefCount.get("rss_per_app_bytes").asDouble()).isEqualTo(300);
    }
}
