package dev.appserver.orchestrator.publicapps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @posthog/user-agent-app} 0.0.7 (an esbuild bundle of {@code detect-browser}) from the npm
 * registry, through {@code run-app}. The package ships no tests; the expectations come from its
 * source's {@code src/__tests__/index.test.ts} (PostHog/apps, packages/useragentplugin). Those
 * tests set {@code global} directly; here {@code setupPlugin} derives it from the same config, one
 * run per config the tests use.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserAgentAppIT {
    private static final String APP = "User Agent Populator (1)";
    private static final String SAFARI_14 = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Version/14.0 Safari/605.1.15";
    private static final String EDGE_96 = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36"
            + " (KHTML, like Gecko) Chrome/96.0.4664.110 Safari/537.36 Edg/96.0.1054.57";
    private static final String IPHONE_15 = "Mozilla/5.0 (iPhone; CPU iPhone OS 15_4_1 like Mac OS X)"
            + " AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.4 Mobile/15E148 Safari/604.1";
    private static final String FIREFOX_82 = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:82.0) Gecko/20100101 Firefox/82.0";
    private static final List<String> ADDED = List.of(
            "$browser", "$browser_version", "$os", "$device", "$device_type", "$browser_type");

    private RunAppProcess.Result overridingRun;
    private RunAppProcess.Result notOverridingRun;
    private RunAppProcess.Result segmentRun;

    /** Runs once for the class; before every test, so that a missing npm skips each test, visibly. */
    @BeforeEach
    void runTheAppOnItsTestEvents(@TempDir Path work) throws Exception {
        if (segmentRun != null) {
            return;
        }
        Path app = NpmPackages.unpacked(NpmPackages.archive("@posthog/user-agent-app", "0.0.7"));
        List<JsonNode> overriding = new ArrayList<>();
        List<JsonNode> notOverriding = new ArrayList<>();
        List<JsonNode> segment = new ArrayList<>();
        // Tests with `overrideUserAgentDetails: true, enableSegmentAnalyticsJs: false`.
        overriding.add(event("{}"));
        overriding.add(event("{\"$lib\": \"posthog-node\"}"));
        overriding.add(event("{\"$useragent\": \"\", \"$lib\": \"posthog-node\"}"));
        overriding.add(event("{\"$useragent\": \"" + SAFARI_14 + "\", \"$lib\": \"posthog-node\"}"));
        overriding.add(event("{\"$user-agent\": \"" + SAFARI_14 + "\", \"$lib\": \"posthog-node\"}"));
        overriding.add(event("{\"$user_agent\": \"" + SAFARI_14 + "\", \"$lib\": \"posthog-node\"}"));
        overridingRun = run(work, "overriding", app, overriding, "overrideUserAgentDetails=true");
        // Tests with `overrideUserAgentDetails: false`.
        notOverriding.add(checkEvent(EDGE_96));
        notOverriding.add(checkEvent(IPHONE_15));
        notOverriding.add(event("""
                {"$browser": "safari", "$browser_version": "14.0", "$os": "macos", "$device": "", "$device_type": "Desktop",
                 "$useragent": "%s", "$lib": "posthog-node"}""".formatted(FIREFOX_82)));
        notOverridingRun = run(work, "not-overriding", app, notOverriding, "overrideUserAgentDetails=false");
        // describe('enableSegmentAnalyticsJs is true').
        segment.add(event("{\"segment_userAgent\": \"" + SAFARI_14 + "\", \"$lib\": \"posthog-node\"}"));
        segmentRun = run(work, "segment", app, segment, "overrideUserAgentDetails=true", "enableSegmentAnalyticsJs=true");
    }

    /** 'should not process event when disabled': an event without properties of note keeps its keys. */
    @Test
    void leavesAnEventWithoutUserAgentAsItIs() {
        assertThat(propertyNames(overridingRun, 0)).isEmpty();
    }

    /** 'should not process event when $userAgent is missing'. */
    @Test
    void leavesAnEventWithoutUserAgentPropertyAsItIs() {
        assertThat(propertyNames(overridingRun, 1)).containsExactly("$lib");
    }

    /** 'should not process event when $userAgent is empty': the empty property is removed, nothing added. */
    @Test
    void dropsAnEmptyUserAgent() {
        assertThat(propertyNames(overridingRun, 2)).containsExactly("$lib");
    }

    /** 'should add user agent details when $useragent / $user-agent / $user_agent property exists'. */
    @Test
    void addsDetailsFromEachUserAgentSpelling() {
        for (int i = 3; i <= 5; i++) {
            JsonNode properties = overridingRun.event(i).get("properties");
            assertThat(propertyNames(overridingRun, i)).containsAll(ADDED).contains("$lib");
            assertThat(properties.get("$browser").asText()).isEqualTo("safari");
            assertThat(properties.get("$browser_version").asText()).isEqualTo("14.0.0");
            assertThat(properties.get("$os").asText()).isEqualTo("Mac OS");
            assertThat(properties.get("$device").asText()).isEqualTo("");
            assertThat(properties.get("$device_type").asText()).isEqualTo("Desktop");
        }
    }

    /** 'should return correct browser properties for given $browser property' (Edge on macOS). */
    @Test
    void detectsEdgeChromium() {
        JsonNode properties = notOverridingRun.event(0).get("properties");

        assertThat(propertyNames(notOverridingRun, 0)).containsAll(ADDED);
        assertThat(properties.get("$browser").asText()).isEqualTo("edge-chromium");
        assertThat(properties.get("$browser_version").asText()).isEqualTo("96.0.1054");
        assertThat(properties.get("$os").asText()).isEqualTo("Mac OS");
        assertThat(properties.get("$device").asText()).isEqualTo("");
        assertThat(properties.get("$device_type").asText()).isEqualTo("Desktop");
    }

    /** 'should return correct browser properties for an iPhone useragent'. */
    @Test
    void detectsIphone() {
        JsonNode properties = notOverridingRun.event(1).get("properties");

        assertThat(propertyNames(notOverridingRun, 1)).containsAll(ADDED);
        assertThat(properties.get("$browser").asText()).isEqualTo("ios");
        assertThat(properties.get("$browser_version").asText()).isEqualTo("15.4.0");
        assertThat(properties.get("$os").asText()).isEqualTo("iOS");
        assertThat(properties.get("$device").asText()).isEqualTo("iPhone");
        assertThat(properties.get("$device_type").asText()).isEqualTo("Mobile");
    }

    /** 'should not override existing properties when overrideUserAgentDetails is disabled'. */
    @Test
    void keepsExistingBrowserPropertiesWhenNotOverriding() {
        JsonNode properties = notOverridingRun.event(2).get("properties");
        propertyNames(notOverridingRun, 2);

        assertThat(properties.get("$browser").asText()).isEqualTo("safari");
        assertThat(properties.get("$browser_version").asText()).isEqualTo("14.0");
        assertThat(properties.get("$os").asText()).isEqualTo("macos");
        assertThat(properties.get("$device").asText()).isEqualTo("");
        assertThat(properties.get("$device_type").asText()).isEqualTo("Desktop");
    }

    /** 'enableSegmentAnalyticsJs is true' / 'should add user agent details when segment_userAgent property exists'. */
    @Test
    void readsSegmentUserAgentWhenEnabled() {
        JsonNode properties = segmentRun.event(0).get("properties");

        assertThat(propertyNames(segmentRun, 0)).contains("$lib", "$browser", "$browser_version", "$os", "$browser_type");
        assertThat(properties.get("$browser").asText()).isEqualTo("safari");
        assertThat(properties.get("$browser_version").asText()).isEqualTo("14.0.0");
        assertThat(properties.get("$os").asText()).isEqualTo("Mac OS");
        assertThat(properties.get("segment_userAgent").asText()).isEqualTo(SAFARI_14);
    }

    /** The test's events are bare `{ properties }` objects; run-app fills in team_id. */
    private static JsonNode event(String propertiesJson) {
        return ScaffoldEvents.parse("{\"properties\": " + propertiesJson + "}");
    }

    /** The 'check' events of the Edge and iPhone tests, with the fields they carry. */
    private static JsonNode checkEvent(String userAgent) {
        return ScaffoldEvents.parse("""
                {"id": "017dc2cb-9fe0-0000-ceed-5ef8e328261d", "timestamp": "2021-12-16T10:31:04.234000+00:00",
                 "event": "check", "distinct_id": "91786645996505845983216505144491686624250709556909346823253562854100595129050",
                 "properties": {"$ip": "31.164.196.102", "$lib": "posthog-python", "$lib_version": "1.4.4",
                                "$plugins_deferred": [], "$plugins_failed": [],
                                "$plugins_succeeded": ["GeoIP (3347)", "useragentplugin (3348)"],
                                "$useragent": "%s"},
                 "elements_chain": ""}""".formatted(userAgent));
    }

    private static RunAppProcess.Result run(Path work, String name, Path app, List<JsonNode> events, String... config)
            throws Exception {
        List<String> arguments = new ArrayList<>(List.of(app.toString()));
        for (String setting : config) {
            arguments.addAll(List.of("--config", setting));
        }
        return RunAppProcess.run(Files.createDirectory(work.resolve(name)), events, arguments).assertCompleted(events.size());
    }

    /** The property names of output event {@code index}, after checking the app ran without failing. */
    private static List<String> propertyNames(RunAppProcess.Result run, int index) {
        JsonNode event = run.event(index);
        PluginBookkeeping.assertSucceeded(event, APP, run.describe());
        List<String> names = new ArrayList<>();
        PluginBookkeeping.withoutBookkeeping(event, event).get("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }
}
