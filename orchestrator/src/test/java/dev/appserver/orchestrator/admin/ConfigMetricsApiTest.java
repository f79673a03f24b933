package dev.appserver.orchestrator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appserver.orchestrator.appmetrics.ProcessEventTally;
import dev.appserver.orchestrator.pool.EventOutcome;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConfigMetricsApiTest {
    private final AdminFixture admin = new AdminFixture();
    private HttpJson http;

    @BeforeEach
    void installAConfig() {
        http = admin.http;
        admin.installPlainConfig();
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    @Test
    void servesTheConfigsCountersAndTheirTotalsInMetrics() {
        ProcessEventTally tally = new ProcessEventTally();
        tally.add(new EventOutcome("{}".getBytes(), List.of(), List.of(1L), OptionalLong.empty()));
        tally.add(new EventOutcome(null, List.of(), List.of(), OptionalLong.of(1L)));
        admin.appMetrics.add(tally);
        admin.appMetrics.exported(1, 7);
        admin.appMetrics.taskRan(1, false);
        admin.appMetrics.taskRan(1, true);
        admin.appMetrics.jobRan(1, true);

        HttpJson.Response response = http.get("/api/configs/1/metrics");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode counts = response.json();
        assertThat(counts.path("config_id").asLong()).isEqualTo(1);
        assertThat(counts.path("since").asText()).isNotEmpty();
        assertThat(counts.path("processed").asLong()).isEqualTo(1);
        assertThat(counts.path("dropped").asLong()).isEqualTo(1);
        assertThat(counts.path("failed").asLong()).isZero();
        assertThat(counts.path("exported").asLong()).isEqualTo(7);
        assertThat(counts.path("export_retried").asLong()).isZero();
        assertThat(counts.path("export_dlq").asLong()).isZero();
        assertThat(counts.path("on_event").asLong()).isZero();
        assertThat(counts.path("task_runs").asLong()).isEqualTo(2);
        assertThat(counts.path("task_failures").asLong()).isEqualTo(1);
        assertThat(counts.path("job_runs").asLong()).isEqualTo(1);
        assertThat(counts.path("job_failures").asLong()).isZero();
        assertThat(http.get("/metrics").body())
                .contains("appserver_app_outcomes_total{kind=\"processEvent\",outcome=\"dropped\"} 1.0")
                .contains("appserver_app_outcomes_total{kind=\"task\",outcome=\"failed\"} 1.0")
                .doesNotContain("config_id");
    }

    @Test
    void anUnknownConfigIsA404AndABadIdA400() {
        assertThat(http.get("/api/configs/9/metrics").status()).isEqualTo(404);
        assertThat(http.get("/api/configs/9/metrics").error()).isEqualTo("no app config with id 9");
        assertThat(http.get("/api/configs/x/metrics").status()).isEqualTo(400);
    }
}
