package dev.appserver.orchestrator.reload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.appserver.orchestrator.admin.ConfigChange;
import dev.appserver.orchestrator.store.AppConfig;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigReloadTest {
    static ConfigChange change(ConfigChange.Kind kind, long teamId, long configId, Instant updatedAt) {
        AppConfig config = new AppConfig(configId, teamId, 1, true, 1, JsonNodeFactory.instance.objectNode(), Map.of(),
                Optional.empty(), updatedAt);
        return new ConfigChange(kind, config);
    }

    @Test
    void namesTheConfigAndItsVersionInMicroseconds() {
        ConfigChange change = change(ConfigChange.Kind.CREATED, 2, 7, Instant.parse("2026-01-01T00:00:00.123456789Z"));

        assertThat(ConfigReload.of(change)).isEqualTo(new ConfigReload(2, 7, ConfigReload.Kind.CREATED, 1_767_225_600_123_456L));
    }

    @Test
    void keepsTheKindOfEveryChange() {
        for (ConfigChange.Kind kind : ConfigChange.Kind.values()) {
            assertThat(ConfigReload.of(change(kind, 2, 7, Instant.EPOCH)).kind().name()).isEqualTo(kind.name());
        }
    }
}
