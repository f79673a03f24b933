package dev.appserver.orchestrator.publicapps;

import static dev.appserver.orchestrator.publicapps.ScaffoldEvents.createEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code @posthog/taxonomy-plugin} 0.0.7 from the npm registry, through {@code run-app}, against
 * its own {@code __tests__/index.js}: one run per naming convention, each on the five event names
 * those tests start from. The app exports only the legacy {@code processEventBatch}.
 */
class TaxonomyPluginIT {
    private static final String APP = "Taxonomy Plugin (1)";

    /** {@code eventNamingOptions} in __tests__/index.js. */
    private static final List<String> EVENT_NAMES = List.of(
            "helloThereWorld", "HelloThereWorld", "hello_there_world", "hello-there-world", "hello there world");

    @TempDir
    Path work;

    /** __tests__/index.js: 'converts all event names to camelCase' (and PascalCase, snake_case, kebab-case, spaces in between). */
    @ParameterizedTest(name = "converts all event names to {0}")
    @CsvSource({
            "camelCase, helloThereWorld",
            "PascalCase, HelloThereWorld",
            "snake_case, hello_there_world",
            "kebab-case, hello-there-world",
            "spaces in between, hello there world"})
    void convertsAllEventNames(String convention, String expectedName) throws Exception {
        Path app = NpmPackages.unpacked(NpmPackages.archive("@posthog/taxonomy-plugin", "0.0.7"));
        List<JsonNode> inputs = new ArrayList<>();
        for (String name : EVENT_NAMES) {
            inputs.add(createEvent("{\"event\": \"" + name + "\"}"));
        }

        RunAppProcess.Result run = RunAppProcess.run(work, inputs,
                List.of(app.toString(), "--config", "defaultNamingConvention=" + convention));

        run.assertCompleted(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            PluginBookkeeping.assertSucceeded(run.event(i), APP, run.describe());
            assertThat(PluginBookkeeping.withoutBookkeeping(run.event(i), inputs.get(i)))
                    .as("%s as %s", EVENT_NAMES.get(i), convention)
                    .isEqualTo(createEvent("{\"event\": \"" + expectedName + "\"}"));
        }
    }
}
