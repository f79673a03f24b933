package dev.appserver.orchestrator.hostservices.geoip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CityJsonTest {
    @ParameterizedTest
    @CsvSource({
            "iso_code, isoCode",
            "is_in_european_union, isInEuropeanUnion",
            "names, names",
            "pt-BR, pt-BR",
            "zh-CN, zh-CN",
            "_private, private",
            "double__underscore, doubleUnderscore"})
    void camelCasesKeysLikeGeoip2Node(String raw, String camel) {
        assertThat(CityJson.camelCase(raw)).isEqualTo(camel);
    }

    @Test
    void keepsOnlyTheCityModelFieldsInModelOrder() {
        Map<String, Object> record = Map.of(
                "subdivisions", List.of(Map.of("iso_code", "E")),
                "city", Map.of("names", Map.of("en", "X")),
                "unknown_section", Map.of("a", 1),
                "country", Map.of("iso_code", "SE"));

        String json = CityJson.of(record, "192.0.2.1", "192.0.2.0/24");

        assertThat(json).startsWith("{\"country\":{\"isoCode\":\"SE\"},\"traits\":{");
        assertThat(json).endsWith("\"city\":{\"names\":{\"en\":\"X\"}},\"subdivisions\":[{\"isoCode\":\"E\"}]}");
        assertThat(json).doesNotContain("unknown");
    }

    @Test
    void writesIntegralDoublesAsJavaScriptDoes() {
        Map<String, Object> record = Map.of("location", Map.of("latitude", 62.0, "longitude", 10.5));

        String json = CityJson.of(record, "192.0.2.1", "192.0.2.0/24");

        assertThat(json).contains("\"location\":{\"latitude\":62,\"longitude\":10.5}");
    }
}
