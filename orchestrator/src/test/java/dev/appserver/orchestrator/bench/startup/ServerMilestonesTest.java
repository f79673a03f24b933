package dev.appserver.orchestrator.bench.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.appserver.orchestrator.bench.BenchServer.TimedLine;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerMilestonesTest {
    @Test
    void eachStepIsTheFirstLineWithItsMarkerInStartUpOrder() {
        List<TimedLine> lines = List.of(
                new TimedLine(900, "19:36:46.414 INFO  OrchestratorServer - untrusted pool: 2 workers: heap 512 MB"),
                new TimedLine(1300, "19:36:46.841 INFO  SingleNodeServices - redis listening on 127.0.0.1:44635, ready in 0.4 s"),
                new TimedLine(3900, "19:36:49.457 INFO  SingleNodeServices - postgres listening on 127.0.0.1:35355, ready in 3.0 s"),
                new TimedLine(5000, "19:36:50.507 INFO  SingleNodeServices - kafka listening on 127.0.0.1:35395, ready in 4.1 s"),
                new TimedLine(6100, "19:36:51.651 INFO  OrchestratorServer - store ready (schema migrated) in 0.9 s"),
                new TimedLine(10400, "19:36:56.914 INFO  OrchestratorServer - worker pools ready in 4.0 s"),
                new TimedLine(11700, "19:36:58.239 INFO  KafkaIngestion - ingestion assigned [events_plugin_ingestion_overflow-0]"),
                new TimedLine(11701, "19:36:58.240 INFO  KafkaIngestion - ingestion assigned [events_plugin_ingestion-0]"),
                new TimedLine(12200, "appserver ready: admin API http://127.0.0.1:46499, kafka 127.0.0.1:35395"));

        assertThat(ServerMilestones.of(lines)).containsExactly(
                entry(ServerMilestones.FIRST_LINE, 900L), entry(ServerMilestones.REDIS, 1300L),
                entry(ServerMilestones.POSTGRES, 3900L), entry(ServerMilestones.KAFKA, 5000L),
                entry(ServerMilestones.STORE, 6100L), entry(ServerMilestones.WORKERS, 10400L),
                entry(ServerMilestones.INGESTION, 11700L), entry(ServerMilestones.READY, 12200L));
    }

    @Test
    void aStepTheServerDidNotPrintIsLeftOut() {
        List<TimedLine> lines = List.of(
                new TimedLine(800, "12:00:00.000 INFO  OrchestratorServer - worker pools ready in 4.0 s"),
                new TimedLine(900, "appserver ready: admin API http://127.0.0.1:1, kafka 10.0.0.1:9092"));

        assertThat(ServerMilestones.of(lines)).containsExactly(entry(ServerMilestones.FIRST_LINE, 800L),
                entry(ServerMilestones.WORKERS, 800L), entry(ServerMilestones.READY, 900L));
    }
}
