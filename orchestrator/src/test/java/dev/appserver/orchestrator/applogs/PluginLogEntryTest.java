package dev.appserver.orchestrator.applogs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PluginLogEntryTest {
    @Test
    void isPostHogsPluginLogEntryWithAClickHouseTimestamp() {
        PluginLogEntry entry = new PluginLogEntry(UUID.fromString("0190a8f0-0000-7000-8000-000000000001"), 2, 5, 9,
                Instant.parse("2026-03-04T05:06:07.123456789Z"), "CONSOLE", "WARN", "line \"one\"\nline two",
                UUID.fromString("00000000-0000-3000-8000-000000000002"));

        assertThat(new String(entry.json(), UTF_8)).isEqualTo("{\"id\":\"0190a8f0-0000-7000-8000-000000000001\","
                + "\"team_id\":2,\"plugin_id\":5,\"plugin_config_id\":9,\"timestamp\":\"2026-03-04 05:06:07.123456\","
                + "\"source\":\"CONSOLE\",\"type\":\"WARN\",\"message\":\"line \\\"one\\\"\\nline two\","
                + "\"instance_id\":\"00000000-0000-3000-8000-000000000002\"}");
    }
}
