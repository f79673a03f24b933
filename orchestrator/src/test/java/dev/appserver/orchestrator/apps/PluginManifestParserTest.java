package dev.appserver.orchestrator.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PluginManifestParserTest {
    private static final String FULL = """
            {
              "name": "Currency Normalizer",
              "description": "Normalizes event currencies",
              "url": "https://github.com/posthog/currency-normalization-plugin",
              "main": "./index.ts",
              "posthogVersion": ">= 1.25.0",
              "config": [
                {"markdown": "Get an API key at [openexchangerates.org](https://openexchangerates.org)"},
                {"key": "openExchangeRatesApiKey", "name": "API key", "type": "string",
                 "required": true, "secret": true, "hint": "Keep it secret"},
                {"key": "normalizedCurrency", "name": "Currency", "type": "choice",
                 "choices": ["EUR", "USD"], "default": "EUR", "order": 3},
                {"key": "retries", "type": "string", "default": 3, "visible_if": [["normalizedCurrency", "EUR"]]}
              ]
            }
            """;

    @Test
    void parsesPostHogManifest() throws Exception {
        PluginManifest manifest = parse(FULL);

        assertThat(manifest.name()).contains("Currency Normalizer");
        assertThat(manifest.description()).contains("Normalizes event currencies");
        assertThat(manifest.url()).contains("https://github.com/posthog/currency-normalization-plugin");
        assertThat(manifest.main()).contains("./index.ts");
        assertThat(manifest.extra().get("posthogVersion").asText()).isEqualTo(">= 1.25.0");
        assertThat(manifest.config()).hasSize(4);

        ConfigField markdown = manifest.config().get(0);
        assertThat(markdown.key()).isEmpty();
        assertThat(markdown.extra().get("markdown").asText()).startsWith("Get an API key");

        ConfigField apiKey = manifest.config().get(1);
        assertThat(apiKey.key()).contains("openExchangeRatesApiKey");
        assertThat(apiKey.name()).contains("API key");
        assertThat(apiKey.required()).isTrue();
        assertThat(apiKey.secret()).isTrue();
        assertThat(apiKey.hint()).contains("Keep it secret");
        assertThat(apiKey.defaultValue()).isEmpty();

        ConfigField currency = manifest.config().get(2);
        assertThat(currency.type()).contains("choice");
        assertThat(currency.choices()).containsExactly("EUR", "USD");
        assertThat(currency.defaultValue()).contains(TextNode.valueOf("EUR"));
        assertThat(currency.extra().get("order").asInt()).isEqualTo(3);

        ConfigField retries = manifest.config().get(3);
        assertThat(retries.defaultValue()).contains(IntNode.valueOf(3));
        assertThat(retries.required()).isFalse();
        assertThat(retries.extra().has("visible_if")).isTrue();
    }

    @Test
    void everythingIsOptional() throws Exception {
        PluginManifest manifest = parse("{}");

        assertThat(manifest.name()).isEmpty();
        assertThat(manifest.main()).isEmpty();
        assertThat(manifest.config()).isEmpty();
        assertThat(manifest.extra().isEmpty()).isTrue();
    }

    @Test
    void acceptsConfigObjectKeyedByConfigKey() throws Exception {
        PluginManifest manifest = parse("{\"config\": {\"greeting\": {\"type\": \"string\", \"default\": \"hi\"}}}");

        assertThat(manifest.config()).singleElement()
                .satisfies(field -> assertThat(field.key()).contains("greeting"));
    }

    @Test
    void refusesUnusableManifests() {
        assertThatThrownBy(() -> parse("{\"name\": \"x\",}"))
                .isInstanceOf(AppLoadException.class)
                .hasMessageStartingWith("apps/x: plugin.json is not valid JSON: ")
                .hasMessageEndingWith("(line 1, column 14)");
        assertThatThrownBy(() -> parse("{} {}")).hasMessageStartingWith("apps/x: plugin.json is not valid JSON");
        assertThatThrownBy(() -> parse("")).hasMessage("apps/x: plugin.json is empty");
        assertThatThrownBy(() -> parse("[1, 2]")).hasMessage("apps/x: plugin.json must hold a JSON object, not an array");
        assertThatThrownBy(() -> parse("{\"main\": 42}")).hasMessage("apps/x: plugin.json \"main\" must be a string, not a number");
        assertThatThrownBy(() -> parse("{\"config\": \"none\"}"))
                .hasMessage("apps/x: plugin.json \"config\" must be an array, not a string");
        assertThatThrownBy(() -> parse("{\"config\": [42]}"))
                .hasMessage("apps/x: plugin.json config[0] must be an object, not a number");
        assertThatThrownBy(() -> parse("{\"config\": [{\"key\": [\"a\"]}]}"))
                .hasMessage("apps/x: plugin.json config[0] \"key\" must be a string, not an array");
        assertThatThrownBy(() -> parse("{\"config\": [{\"key\": \"a\", \"choices\": \"A|B\"}]}"))
                .hasMessage("apps/x: plugin.json config[0].choices must be an array, not a string");
    }

    private static PluginManifest parse(String json) throws AppLoadException {
        return PluginManifestParser.parse("apps/x", json.getBytes(StandardCharsets.UTF_8));
    }
}
