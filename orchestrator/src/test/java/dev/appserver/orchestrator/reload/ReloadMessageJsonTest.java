package dev.appserver.orchestrator.reload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReloadMessageJsonTest {
    private static final ConfigReload UPDATED = new ConfigReload(2, 7, ConfigReload.Kind.UPDATED, 1_767_225_600_000_001L);

    @Test
    void encodesAConfigChangeAsASmallObject() {
        assertThat(ReloadMessageJson.encode(UPDATED))
                .isEqualTo("{\"team_id\":2,\"config_id\":7,\"kind\":\"UPDATED\",\"version\":1767225600000001}");
    }

    @Test
    void bothKindsOfMessageRoundTrip() {
        FullReload full = new FullReload("operator asked");

        assertThat(ReloadMessageJson.decode(ReloadMessageJson.encode(UPDATED))).isEqualTo(UPDATED);
        assertThat(ReloadMessageJson.decode(ReloadMessageJson.encode(full))).isEqualTo(full);
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        String newer = "{\"kind\":\"DELETED\",\"plugin_id\":3,\"team_id\":2,\"config_id\":7,\"version\":5,\"extra\":{\"a\":[1]}}";

        assertThat(ReloadMessageJson.decode(newer)).isEqualTo(new ConfigReload(2, 7, ConfigReload.Kind.DELETED, 5));
    }

    @Test
    void postHogsBareMessageIsAFullReload() {
        assertThat(ReloadMessageJson.decode("")).isInstanceOf(FullReload.class);
        assertThat(ReloadMessageJson.decode("reload")).isEqualTo(
                new FullReload("a message that is not a config change: \"reload\""));
    }

    @Test
    void anythingButACompleteConfigChangeIsAFullReload() {
        String[] payloads = {
            "null", "42", "[1,2]", "{}", "{\"team_id\":2",
            "{\"team_id\":2,\"config_id\":7,\"version\":5}",
            "{\"team_id\":2,\"config_id\":7,\"kind\":\"RENAMED\",\"version\":5}",
            "{\"team_id\":\"2\",\"config_id\":7,\"kind\":\"UPDATED\",\"version\":5}",
            "{\"team_id\":2.5,\"config_id\":7,\"kind\":\"UPDATED\",\"version\":5}",
            "{\"team_id\":2,\"config_id\":99999999999999999999,\"kind\":\"UPDATED\",\"version\":5}",
            "{\"reason\":\"half\",\"kind\":\"UPDATED\"}",
        };

        for (String payload : payloads) {
            assertThat(ReloadMessageJson.decode(payload)).as(payload).isInstanceOf(FullReload.class);
        }
    }

    @Test
    void quotesALongPayloadShortened() {
        FullReload full = (FullReload) ReloadMessageJson.decode("x".repeat(1000));

        assertThat(full.reason()).hasSizeLessThan(200).endsWith("...\"");
    }
}
