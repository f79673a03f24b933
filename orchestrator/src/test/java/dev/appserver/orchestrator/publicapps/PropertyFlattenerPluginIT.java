package dev.appserver.orchestrator.publicapps;

import static dev.appserver.orchestrator.publicapps.ScaffoldEvents.createEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @posthog/property-flattener-plugin} 0.0.7 from the npm registry, through {@code run-app},
 * against its own {@code __tests__/index.js} (separator {@code __}, the plugin.json default that
 * every one of those tests uses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PropertyFlattenerPluginIT {
    private static final String APP = "Property Flattener Plugin (1)";

    /** {@code nestedEventProperties} in __tests__/index.js. */
    private static final String NESTED = """
            {"a": {"b": {"c": {"d": {"e": {"f": "nested under e"}, "z": "nested under d"}, "z": "nested under c"},
                         "z": "nested under b"},
                   "z": "nested under a"},
             "w": {"array": [{"z": "nested in w array"}]},
             "x": "not nested",
             "y": "not nested either"}""";

    private static final String AUTOCAPTURE_PROPERTIES = """
            {"$elements": [{"tag_name": "span", "nth_child": 1}, {"tag_name": "div", "nth_child": 1}]}""";

    private static final String PERSON_PROPERTIES = """
            {"example": {"company_size": 20, "category": ["a", "b"]}}""";

    private List<JsonNode> inputs;
    private RunAppProcess.Result run;

    /** Runs once for the class; before every test, so that a missing npm skips each test, visibly. */
    @BeforeEach
    void runTheAppOnItsTestEvents(@TempDir Path work) throws Exception {
        if (run != null) {
            run.assertCompleted(inputs.size());
            return;
        }
        Path app = NpmPackages.unpacked(NpmPackages.archive("@posthog/property-flattener-plugin", "0.0.7"));
        inputs = List.of(
                createEvent("{\"event\": \"test\", \"properties\": " + NESTED + "}"),
                createEvent("{\"event\": \"$autocapture\", \"properties\": " + AUTOCAPTURE_PROPERTIES + "}"),
                createEvent("{\"event\": \"$identify\", \"properties\": {\"$set\": " + PERSON_PROPERTIES
                        + ", \"$set_once\": " + PERSON_PROPERTIES + "}}"));
        run = RunAppProcess.run(work, inputs, List.of(app.toString()));
        run.assertCompleted(inputs.size());
    }

    /** __tests__/index.js, 'flattens all nested properties'. */
    @Test
    void flattensAllNestedProperties() {
        PluginBookkeeping.assertSucceeded(run.event(0), APP, run.describe());
        JsonNode nested = ScaffoldEvents.parse(NESTED);

        assertThat(PluginBookkeeping.withoutBookkeeping(run.event(0), inputs.get(0))).isEqualTo(createEvent("""
                {"event": "test", "properties": {
                    "a": %s, "w": %s, "x": "not nested", "y": "not nested either",
                    "a__b__c__d__e__f": "nested under e",
                    "a__b__c__d__z": "nested under d",
                    "a__b__c__z": "nested under c",
                    "a__b__z": "nested under b",
                    "a__z": "nested under a",
                    "w__array__0__z": "nested in w array"}}""".formatted(nested.get("a"), nested.get("w"))));
    }

    /** __tests__/index.js, 'test autocapture': $autocapture events are left alone. */
    @Test
    void leavesAutocaptureAlone() {
        PluginBookkeeping.assertSucceeded(run.event(1), APP, run.describe());

        assertThat(PluginBookkeeping.withoutBookkeeping(run.event(1), inputs.get(1)))
                .isEqualTo(createEvent("{\"event\": \"$autocapture\", \"properties\": " + AUTOCAPTURE_PROPERTIES + "}"));
    }

    /** __tests__/index.js, 'test set and set once'. */
    @Test
    void flattensSetAndSetOnceInPlace() {
        PluginBookkeeping.assertSucceeded(run.event(2), APP, run.describe());
        String flattened = """
                {"example": {"company_size": 20, "category": ["a", "b"]},
                 "example__company_size": 20, "example__category__0": "a", "example__category__1": "b"}""";

        assertThat(PluginBookkeeping.withoutBookkeeping(run.event(2), inputs.get(2)).get("properties"))
                .isEqualTo(ScaffoldEvents.parse("{\"$set\": " + flattened + ", \"$set_once\": " + flattened + "}"));
    }
}
