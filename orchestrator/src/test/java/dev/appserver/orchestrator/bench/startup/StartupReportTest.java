package dev.appserver.orchestrator.bench.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StartupReportTest {
    @Test
    void aSpreadIsTheMedianWithTheLowestAndHighest() {
        assertThat(StartupReport.spread(List.of(1500.4, 1234.0, 2100.0))).isEqualTo("1,500 ms (1,234 to 2,100)");
        assertThat(StartupReport.spread(List.of(1000.0, 2000.0))).isEqualTo("1,500 ms (1,000 to 2,000)");
        assertThat(StartupReport.spread(List.of(812.6))).isEqualTo("813 ms");
        assertThat(StartupReport.spread(List.of())).isEqualTo("-");
    }
}
