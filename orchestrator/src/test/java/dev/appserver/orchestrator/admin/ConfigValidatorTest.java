package dev.appserver.orchestrator.admin;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.apps.PluginManifest;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PluginManifest greeter = manifest(TestApps.GREETER_PLUGIN_JSON);

    @Test
    void acceptsValuesThatFitTheSchema() {
        assertValid(greeter, "{\"team\": \"core\"}", Set.of());
        assertValid(greeter, "{\"team\": \"core\", \"mode\": \"loud\", \"greeting\": \"hi\", \"apiKey\": \"k\"}", Set.of("logo"));
        assertValid(greeter, "{\"team\": 42}", Set.of());
        assertValid(manifest("{}"), "{}", Set.of());
    }

    @Test
    void requiredFieldsMustBeSetUnlessTheyHaveADefault() {
        assertInvalid(greeter, "{}", Set.of(), "config 'team' is required");
        assertInvalid(greeter, "{\"team\": \"\"}", Set.of(), "config 'team' is required");
        assertInvalid(manifest("{\"config\": [{\"key\": \"file\", \"name\": \"Data file\", \"type\": \"attachment\", \"required\": true}]}"),
                "{}", Set.of(), "config 'file' is required (Data file)");
    }

    @Test
    void choicesAreRespected() {
        assertInvalid(greeter, "{\"team\": \"a\", \"mode\": \"LOUD\"}", Set.of(), "config 'mode' must be one of [loud, quiet], not 'LOUD'");
    }

    @Test
    void unknownKeysAreRefused() {
        assertInvalid(greeter, "{\"team\": \"a\", \"tema\": \"b\"}", Set.of(),
                "unknown config key 'tema' (config keys: greeting, mode, apiKey, team)");
        assertInvalid(manifest("{}"), "{\"a\": \"b\"}", Set.of(), "unknown config key 'a' (this app has no config keys)");
        assertInvalid(greeter, "{\"team\": \"a\"}", Set.of("team"), "attachment 'team' is not an attachment field of this app (attachment fields: logo)");
    }

    @Test
    void valuesAreScalarsAndAttachmentsAreFiles() {
        assertInvalid(greeter, "{\"team\": [\"a\"]}", Set.of(), "config 'team' must be a string, number or boolean");
        assertInvalid(greeter, "{\"team\": \"a\", \"logo\": \"x\"}", Set.of(), "config 'logo' is an attachment: send it in attachments");
    }

    private static void assertValid(PluginManifest manifest, String values, Set<String> attachments) {
        assertThatCode(() -> ConfigValidator.validate(manifest, object(values), attachments)).as(values).doesNotThrowAnyException();
    }

    private static void assertInvalid(PluginManifest manifest, String values, Set<String> attachments, String message) {
        assertThatThrownBy(() -> ConfigValidator.validate(manifest, object(values), attachments)).as(values)
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage(message);
    }

    private static ObjectNode object(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    private static PluginManifest manifest(String json) {
        try {
            return PluginManifest.parse("test", json.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
