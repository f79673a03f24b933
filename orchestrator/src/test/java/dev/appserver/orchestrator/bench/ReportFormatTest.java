package dev.appserver.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportFormatTest {
    private static final BenchSettings SETTINGS = new BenchSettings("127.0.0.1:9092", "in", "out", 1000, 3, 500, 0,
            Duration.ofSeconds(60), false);
    private static final BenchReport REPORT = new BenchReport("run-1", 1000, 998, 2, 400_000_000L, 2_000_000_000L,
            new LatencySummary(998, 5_250_000, 9_000_000, 12_340_000, 20_000_000), Instant.EPOCH, List.of());

    @Test
    void aTableForPeople() {
        assertThat(ReportFormat.table(SETTINGS, REPORT)).isEqualTo("""
                appserver bench: 1000 events of ~500 bytes from 3 teams, flat out, through the server (Kafka at 127.0.0.1:9092)
                  run id           run-1
                  events sent      1000
                  events received  998
                  missing          2
                  duplicates       2
                  send time        0.40 s
                  wall time        2.00 s
                  throughput       499 events/s
                  latency p50      5.3 ms
                  latency p90      9.0 ms
                  latency p99      12.3 ms
                  latency max      20.0 ms
                """);
    }

    @Test
    void oneJsonObjectForScripts() {
        BenchSettings paced = new BenchSettings("k:1", "in", "out", 1000, 1, 500, 250.5, Duration.ofSeconds(5), true);

        assertThat(ReportFormat.json(paced, REPORT)).isEqualTo("{\"run_id\":\"run-1\",\"path\":\"passthrough\",\"kafka\":\"k:1\","
                + "\"input_topic\":\"in\",\"output_topic\":\"out\",\"events\":1000,\"teams\":1,\"event_bytes\":500,\"rate\":250.5,"
                + "\"sent\":1000,\"received\":998,\"missing\":2,\"duplicates\":2,\"send_seconds\":0.4,\"wall_seconds\":2.0,"
                + "\"events_per_second\":499.0,\"latency_ms\":{\"p50\":5.25,\"p90\":9.0,\"p99\":12.34,\"max\":20.0}}\n");
    }

    @Test
    void noArrivalsHaveNoLatencies() {
        BenchReport nothing = new BenchReport("run-1", 10, 0, 0, 1_000, 0, LatencySummary.of(new long[0], 0), Instant.EPOCH, List.of());

        assertThat(ReportFormat.table(SETTINGS, nothing)).contains("  throughput       0 events/s\n", "  latency p99      -\n");
        assertThat(ReportFormat.json(SETTINGS, nothing)).contains("\"rate\":null",
                "\"latency_ms\":{\"p50\":null,\"p90\":null,\"p99\":null,\"max\":null}");
    }
}
