package dev.appserver.orchestrator.publicapps;

import static dev.appserver.orchestrator.publicapps.ScaffoldEvents.createEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code @posthog/semver-flattener-plugin} 0.0.7 (TypeScript, {@code index.ts} importing
 * {@code @posthog/plugin-scaffold}) from the npm registry, through {@code run-app} given the
 * {@code .tgz} itself, against its own {@code index.test.ts}: the {@code processEvent} test, and
 * each {@code splitVersion} example as the value of a targeted property.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SemverFlattenerPluginIT {
    private static final String APP = "posthog-semver-flattener (1)";

    /** {@code versionExamples} in index.test.ts, in order. */
    private static final List<String> VERSION_EXAMPLES = List.of(
            "1.2.3", "22.7", "22.7-pre-release", "1.0.0-alpha+001", "1.0.0+20130313144700",
            "1.2.3-beta+exp.sha.5114f85", "1.0.0+21AF26D3\u2014-117B344092BD");

    private List<JsonNode> inputs;
    private RunAppProcess.Result run;

    /** Runs once for the class; before every test, so that a missing npm skips each test, visibly. */
    @BeforeEach
    void runTheAppOnItsTestEvents(@TempDir Path work) throws Exception {
        if (run != null) {
            run.assertCompleted(inputs.size());
            return;
        }
        Path archive = NpmPackages.archive("@posthog/semver-flattener-plugin", "0.0.7");
        inputs = new ArrayList<>();
        inputs.add(createEvent("""
                {"uuid": "the-uuid", "event": "booking completed",
                 "properties": {"targetted_version": "1.12.20", "not_a_targetted_version": "1.34.53",
                                "another_targetted_version": "1.23.14-pre+build.12345"}}"""));
        for (String version : VERSION_EXAMPLES) {
            ObjectNode event = createEvent("{\"event\": \"version example\"}");
            event.putObject("properties").put("targetted_version", version);
            inputs.add(event);
        }
        // index.test.ts: `resetMeta({ config: { properties: 'targetted_version, another_targetted_version' } })`
        run = RunAppProcess.run(work, inputs,
                List.of(archive.toString(), "--config", "properties=targetted_version, another_targetted_version"));
        run.assertCompleted(inputs.size());
    }

    /** index.test.ts, 'processEvent adds properties when they match config'. */
    @Test
    void addsPropertiesWhenTheyMatchConfig() {
        PluginBookkeeping.assertSucceeded(run.event(0), APP, run.describe());

        assertThat(PluginBookkeeping.withoutBookkeeping(run.event(0), inputs.get(0)).get("properties"))
                .isEqualTo(ScaffoldEvents.parse("""
                        {"targetted_version": "1.12.20",
                         "targetted_version__major": 1, "targetted_version__minor": 12, "targetted_version__patch": 20,
                         "not_a_targetted_version": "1.34.53",
                         "another_targetted_version": "1.23.14-pre+build.12345",
                         "another_targetted_version__major": 1, "another_targetted_version__minor": 23,
                         "another_targetted_version__patch": 14, "another_targetted_version__preRelease": "pre",
                         "another_targetted_version__build": "build.12345"}"""));
    }

    /** index.test.ts, 'can process ${versionString}': the `expected` parts, undefined ones absent. */
    @ParameterizedTest(name = "can process {0}")
    @CsvSource(delimiter = '|', value = {
            "1.2.3 | 1 | 2 | 3 | |",
            "22.7 | 22 | 7 | | |",
            "22.7-pre-release | 22 | 7 | | pre-release |",
            "1.0.0-alpha+001 | 1 | 0 | 0 | alpha | 001",
            "1.0.0+20130313144700 | 1 | 0 | 0 | | 20130313144700",
            "1.2.3-beta+exp.sha.5114f85 | 1 | 2 | 3 | beta | exp.sha.5114f85",
            "1.0.0+21AF26D3\u2014-117B344092BD | 1 | 0 | 0 | | 21AF26D3\u2014-117B344092BD"})
    void canProcess(String version, int major, int minor, Integer patch, String preRelease, String build) {
        int index = 1 + VERSION_EXAMPLES.indexOf(version);
        PluginBookkeeping.assertSucceeded(run.event(index), APP, run.describe());
        ObjectNode expected = createEvent("{}").putObject("properties")
                .put("targetted_version", version)
                .put("targetted_version__major", major)
                .put("targetted_version__minor", minor);
        if (patch != null) {
            expected.put("targetted_version__patch", patch);
        }
        if (preRelease != null) {
            expected.put("targetted_version__preRelease", preRelease);
        }
        if (build != null) {
            expected.put("targetted_version__build", build);
        }

        assertThat(PluginBookkeeping.withoutBookkeeping(run.event(index), inputs.get(index)).get("properties"))
                .isEqualTo(expected);
    }

    /** index.ts logs each candidate with console.log; run-app's --logs must carry it. */
    @Test
    void consoleLogReachesTheLogs() {
        assertThat(run.logs()).as(run.describe()).anySatisfy(log -> {
            assertThat(log.get("type").asText()).isEqualTo("LOG");
            assertThat(log.get("source").asText()).isEqualTo("CONSOLE");
            assertThat(log.get("message").asText()).contains("found candidate property:").contains("1.12.20");
        });
    }
}
