package dev.appserver.orchestrator.bench.density;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appserver.orchestrator.testing.CommandRun;
import org.junit.jupiter.api.Test;

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
    }
}
