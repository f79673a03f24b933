package dev.appserver.orchestrator.apps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MetaConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String MANIFEST = """
            {"config": [
              {"markdown": "Read me"},
              {"key": "greeting", "type": "string", "default": "Hello world!"},
              {"key": "apiKey", "type": "string", "required": true},
              {"key": "limit", "type": "string", "default": "10"},
              {"key": "flag", "type": "choice", "choices": ["Yes", "No"], "default": "No"}
            ]}
            """;

    @Test
    void defaultsOnlyWhenNothingIsSet() throws Exception {
        ObjectNode config = MetaConfig.of(manifest(), JSON.createObjectNode());

        assertThat(JSON.writeValueAsString(config)).isEqualTo("{\"greeting\":\"Hello world!\",\"limit\":\"10\",\"flag\":\"No\"}");
    }

    @Test
    void overridesReplaceDefaultsInPlaceAndKeepTheirTypes() throws Exception {
        ObjectNode overrides = (ObjectNode) JSON.readTree("{\"limit\": 25, \"apiKey\": \"k\", \"flag\": true, \"extra\": 1.5}");

        ObjectNode config = MetaConfig.of(manifest(), overrides);

        assertThat(JSON.writeValueAsString(config))
                .isEqualTo("{\"greeting\":\"Hello world!\",\"limit\":25,\"flag\":true,\"apiKey\":\"k\",\"extra\":1.5}");
        assertThat(overrides.size()).as("overrides are not modified").isEqualTo(4);
    }

    private static PluginManifest manifest() throws AppLoadException {
        return PluginManifestParser.parse("app", MANIFEST.getBytes(StandardCharsets.UTF_8));
    }
}
