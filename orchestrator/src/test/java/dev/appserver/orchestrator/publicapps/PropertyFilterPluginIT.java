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
 * {@code @posthog/property-filter-plugin} 0.0.7 from the npm registry, through {@code run-app},
 * against its own {@code index.test.js}. That test hands {@code processEvent} a {@code global}
 * directly; here {@code setupPlugin} builds it from the same list given as config.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PropertyFilterPluginIT {
    private static final String APP = "Property Filter (1)";

    private RunAppProcess.Result run;

    /** Runs once for the class; before every test, so that a missing npm skips each test, visibly. */
    @BeforeEach
    void runTheAppOnItsTestEvent(@TempDir Path work) throws Exception {
        if (run != null) {
            run.assertCompleted(1);
            return;
        }
        Path app = NpmPackages.unpacked(NpmPackages.archive("@posthog/property-filter-plugin", "0.0.7"));
        // index.test.js: `const global = { propertiesToFilter: ['gender', '$set.age', 'foo.bar.baz.one', 'nonExisting'] }`
        // and `createEvent(properties)` with the properties below.
        List<JsonNode> events = List.of(createEvent("""
                {"properties": {"name": "Mr. Hog", "gender": "male",
                                "$set": {"age": 35, "pet": "dog", "firstName": "Post"},
                                "foo": {"bar": {"baz": {"one": "one", "two": "two"}}}}}"""));
        run = RunAppProcess.run(work, events,
                List.of(app.toString(), "--config", "properties=gender,$set.age,foo.bar.baz.one,nonExisting"));
        run.assertCompleted(1);
    }

    /** index.test.js, 'event properties are filtered'. */
    @Test
    void eventPropertiesAreFiltered() {
        JsonNode event = run.event(0);
        PluginBookkeeping.assertSucceeded(event, APP, run.describe());
        JsonNode properties = event.get("properties");

        assertThat(properties.has("gender")).isFalse();
        assertThat(properties.get("$set").has("age")).isFalse();
        assertThat(properties.at("/foo/bar/baz").has("one")).isFalse();
        assertThat(properties.has("name")).isTrue();
        assertThat(properties.has("$set")).isTrue();
        assertThat(properties.has("foo")).isTrue();
        assertThat(properties.at("/$set/firstName").asText()).isEqualTo("Post");
        assertThat(properties.at("/foo/bar/baz/two").asText()).isEqualTo("two");
    }
}
