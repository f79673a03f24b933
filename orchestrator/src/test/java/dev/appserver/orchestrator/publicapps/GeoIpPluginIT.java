package dev.appserver.orchestrator.publicapps;

import static dev.appserver.orchestrator.publicapps.ScaffoldEvents.createPageview;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.hostservices.geoip.TestCityDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @posthog/geoip-plugin} 0.0.7 (TypeScript, using {@code meta.geoip} and {@code meta.cache})
 * from the npm registry, through {@code run-app --geoip-db}, against its own {@code index.test.ts}.
 * The database is {@link TestCityDatabase}, generated here, which holds for 89.160.20.129 the
 * same facts as the MaxMind test database those tests read; a second run uses that very file,
 * which the package ships.
 *
 * <p>Each jest test gets a fresh {@code meta.cache}; one run-app run shares one cache, and the app
 * keys it by {@code distinct_id}, so each scenario here has its own distinct id.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeoIpPluginIT {
    private static final String APP = "GeoIP (1)";

    /** The location fields index.test.ts expects for 89.160.20.129, without the `$geoip_` prefix. */
    private static final String LINKOPING = """
            {"city_name": "Linköping", "country_name": "Sweden", "country_code": "SE",
             "continent_name": "Europe", "continent_code": "EU", "latitude": 58.4167, "longitude": 15.6167,
             "time_zone": "Europe/Stockholm", "subdivision_1_code": "E", "subdivision_1_name": "Östergötland County"}""";

    private List<JsonNode> inputs;
    private RunAppProcess.Result run;
    private RunAppProcess.Result shippedDatabaseRun;

    /** Runs once for the class; before every test, so that a missing npm skips each test, visibly. */
    @BeforeEach
    void runTheAppOnItsTestEvents(@TempDir Path work) throws Exception {
        if (run != null) {
            run.assertCompleted(inputs.size());
            shippedDatabaseRun.assertCompleted(2);
            return;
        }
        Path app = NpmPackages.unpacked(NpmPackages.archive("@posthog/geoip-plugin", "0.0.7"));
        Path database = TestCityDatabase.write(work.resolve("test-city.mmdb"));
        inputs = List.of(
                createPageview("{\"ip\": \"89.160.20.129\", \"distinct_id\": \"event-enriched\"}"),
                createPageview("{\"ip\": \"89.160.20.129\", \"distinct_id\": \"person-enriched\"}"),
                createPageview("{\"ip\": \"2001:db8::1\", \"distinct_id\": \"defaults-to-null\"}"),
                createPageview("{\"ip\": \"89.160.20.129\", \"properties\": {\"$geoip_disable\": true}}"),
                createPageview("{\"ip\": \"89.160.20.129\", \"distinct_id\": \"set-optimization\"}"),
                createPageview("""
                        {"ip": "89.160.20.129", "distinct_id": "set-optimization",
                         "properties": {"foo": "same IP second time"}}"""),
                createPageview("{\"ip\": \"127.0.0.1\", \"distinct_id\": \"local-development\"}"),
                createPageview("{\"ip\": \"2.125.160.220\", \"distinct_id\": \"postal-code\"}"),
                createPageview("{\"ip\": \"1.2.3.4\", \"distinct_id\": \"not-in-database\"}"));
        run = RunAppProcess.run(Files.createDirectory(work.resolve("generated")), inputs,
                List.of(app.toString(), "--geoip-db", database.toString()));
        run.assertCompleted(inputs.size());

        shippedDatabaseRun = RunAppProcess.run(Files.createDirectory(work.resolve("shipped")), inputs.subList(0, 2),
                List.of(app.toString(), "--geoip-db", app.resolve("GeoLite2-City-Test.mmdb").toString()));
        shippedDatabaseRun.assertCompleted(2);
    }

    /** index.test.ts, 'event is enriched with IP location'. */
    @Test
    void eventIsEnrichedWithIpLocation() {
        for (RunAppProcess.Result result : List.of(run, shippedDatabaseRun)) {
            JsonNode event = succeeded(result, 0);
            assertContains(event.get("properties"), prefixed("$geoip_", LINKOPING));
        }
    }

    /** index.test.ts, 'person is enriched with IP location'. */
    @Test
    void personIsEnrichedWithIpLocation() {
        for (RunAppProcess.Result result : List.of(run, shippedDatabaseRun)) {
            JsonNode event = succeeded(result, 1);
            assertContains(event.get("$set"), prefixed("$geoip_", LINKOPING));
            assertContains(event.get("$set_once"), prefixed("$initial_geoip_", LINKOPING));
        }
    }

    /**
     * index.test.ts, 'person props default to null if no values present'. That test removes the
     * city from the lookup result; here the address's record (2001:db8::/32) has only a country.
     */
    @Test
    void personPropsDefaultToNullIfNoValuesPresent() {
        JsonNode event = succeeded(run, 2);
        String germanyOnly = """
                {"city_name": null, "country_name": "Germany", "country_code": "DE", "continent_name": "Europe",
                 "continent_code": "EU", "postal_code": null, "latitude": null, "longitude": null, "time_zone": null}""";

        assertContains(event.get("$set"), prefixed("$geoip_", germanyOnly));
        assertContains(event.get("$set_once"), prefixed("$initial_geoip_", germanyOnly));
    }

    /** index.test.ts, 'event is skipped using $geoip_disable'. */
    @Test
    void eventIsSkippedUsingGeoipDisable() {
        assertThat(PluginBookkeeping.withoutBookkeeping(succeeded(run, 3), inputs.get(3))).isEqualTo(inputs.get(3));
    }

    /** index.test.ts, '$set optimization works': the same IP again for the same person sets nothing. */
    @Test
    void setOptimizationWorks() {
        assertContains(succeeded(run, 4).get("$set"), prefixed("$geoip_", LINKOPING));
        assertThat(succeeded(run, 5).has("$set")).as(run.describe()).isFalse();
    }

    /** index.ts (not its tests): 127.0.0.1 is looked up as 13.106.122.3, "an Australian IP address". */
    @Test
    void locatesLocalDevelopmentAddressInAustralia() {
        JsonNode properties = succeeded(run, 6).get("properties");

        assertThat(properties.get("$geoip_country_code").asText()).isEqualTo("AU");
        assertThat(properties.get("$geoip_city_name").asText()).isEqualTo("Sydney");
    }

    /** index.ts (not its tests): postal code and every subdivision are copied. */
    @Test
    void copiesPostalCodeAndEverySubdivision() {
        assertContains(succeeded(run, 7).get("properties"), ScaffoldEvents.parse("""
                {"$geoip_city_name": "Boxford", "$geoip_postal_code": "OX1",
                 "$geoip_subdivision_1_code": "ENG", "$geoip_subdivision_1_name": "England",
                 "$geoip_subdivision_2_code": "WBK", "$geoip_subdivision_2_name": "West Berkshire"}"""));
    }

    /** index.ts (not its tests): an address the database lacks leaves the event as it was. */
    @Test
    void leavesAnEventWithAnUnknownAddressAsItWas() {
        assertThat(PluginBookkeeping.withoutBookkeeping(succeeded(run, 8), inputs.get(8))).isEqualTo(inputs.get(8));
    }

    private static JsonNode succeeded(RunAppProcess.Result result, int index) {
        PluginBookkeeping.assertSucceeded(result.event(index), APP, result.describe());
        return result.event(index);
    }

    private static ObjectNode prefixed(String prefix, String fieldsJson) {
        ObjectNode prefixedFields = ((ObjectNode) ScaffoldEvents.parse("{}"));
        ScaffoldEvents.parse(fieldsJson).properties().forEach(field -> prefixedFields.set(prefix + field.getKey(), field.getValue()));
        return prefixedFields;
    }

    /** expect(actual).toEqual(expect.objectContaining(expected)). */
    private static void assertContains(JsonNode actual, JsonNode expected) {
        assertThat(actual).as("expected an object containing %s", expected).isNotNull();
        expected.properties().forEach(field -> assertThat(actual.get(field.getKey()))
                .as("%s in %s", field.getKey(), actual)
                .isEqualTo(field.getValue()));
    }
}
