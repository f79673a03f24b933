package dev.appserver.orchestrator.bench.density;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerMetricsTest {
    @Test
    void sumsEverySampleOfTheMetricAndNoOther() {
        String exposition = """
                # HELP appserver_instances_loaded app instances loaded in workers, by pool
                # TYPE appserver_instances_loaded gauge
                appserver_instances_loaded{pool="untrusted"} 998.0
                appserver_instances_loaded{pool="verified"} 2.0
                appserver_instances_loaded_total 7.0
                appserver_workers_alive{pool="untrusted"} 2.0
                """;

        assertThat(ServerMetrics.sum(exposition, "appserver_instances_loaded")).isEqualTo(1000);
        assertThat(ServerMetrics.sum(exposition, "appserver_missing")).isZero();
    }
}
