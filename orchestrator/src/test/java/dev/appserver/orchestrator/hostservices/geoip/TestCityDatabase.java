package dev.appserver.orchestrator.hostservices.geoip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A tiny GeoIP2-City-style database generated at test time (MaxMind's test databases cannot be
 * fetched here, and real ones are licensed). Its records are invented test data:
 * <ul>
 *   <li>{@value #LINKOPING}: Linköping, Östergötland, Sweden; registered in Germany; no postal
 *       code. The same facts as MaxMind's test database holds for this network, so the GeoIP
 *       app's own test expectations apply unchanged.
 *   <li>{@value #BOXFORD}: Boxford, England, West Berkshire, United Kingdom, postal code OX1.
 *   <li>{@value #SYDNEY}: Sydney, Australia, the address the GeoIP app substitutes for
 *       {@code 127.0.0.1}.
 *   <li>{@value #DOCUMENTATION_V6}: a country-only record (Germany, anycast), no city,
 *       location, postal code or subdivisions.
 * </ul>
 */
public final class TestCityDatabase {
    public static final String LINKOPING = "89.160.20.128/25";
    public static final String BOXFORD = "2.125.160.216/29";
    public static final String SYDNEY = "13.106.122.0/24";
    public static final String DOCUMENTATION_V6 = "2001:db8::/32";

    private TestCityDatabase() {}

    /** Writes the database to {@code file} and returns it. */
    public static Path write(Path file) throws IOException {
        return Files.write(file, bytes("GeoIP2-City"));
    }

    static byte[] bytes(String databaseType) {
        Map<String, Object> europe = continent("EU", 6255148L, "Europe");
        return new MaxMindDatabaseWriter(databaseType, Instant.parse("2024-01-01T00:00:00Z"))
                .insert(LINKOPING, Map.of(
                        "city", Map.of("geoname_id", 2694762L, "names", Map.of("de", "Linköping", "en", "Linköping")),
                        "continent", europe,
                        "country", country(2661886L, "SE", "Sweden", true),
                        "location", location(76, 58.4167, 15.6167, "Europe/Stockholm"),
                        "registered_country", country(2921044L, "DE", "Germany", true),
                        "subdivisions", List.of(subdivision(2685867L, "E", "Östergötland County"))))
                .insert(BOXFORD, Map.of(
                        "city", Map.of("geoname_id", 2655045L, "names", Map.of("en", "Boxford")),
                        "continent", europe,
                        "country", country(2635167L, "GB", "United Kingdom", false),
                        "location", location(100, 51.75, -1.25, "Europe/London"),
                        "postal", Map.of("code", "OX1"),
                        "registered_country", country(3017382L, "FR", "France", true),
                        "subdivisions", List.of(
                                subdivision(6269131L, "ENG", "England"),
                                subdivision(3333217L, "WBK", "West Berkshire"))))
                .insert(SYDNEY, Map.of(
                        "city", Map.of("geoname_id", 2147714L, "names", Map.of("en", "Sydney")),
                        "continent", continent("OC", 6255151L, "Oceania"),
                        "country", country(2077456L, "AU", "Australia", false),
                        "location", location(1000, -33.8688, 151.209, "Australia/Sydney"),
                        "postal", Map.of("code", "2000"),
                        "registered_country", country(2077456L, "AU", "Australia", false),
                        "subdivisions", List.of(subdivision(2155400L, "NSW", "New South Wales"))))
                .insert(DOCUMENTATION_V6, Map.of(
                        "continent", europe,
                        "country", country(2921044L, "DE", "Germany", true),
                        "registered_country", Map.of(
                                "geoname_id", 2921044L, "iso_code", "DE", "names", Map.of("en", "Germany")),
                        "traits", Map.of("is_anycast", true)))
                .toBytes();
    }

    private static Map<String, Object> continent(String code, long geonameId, String name) {
        return Map.of("code", code, "geoname_id", geonameId, "names", Map.of("en", name));
    }

    private static Map<String, Object> country(long geonameId, String isoCode, String name, boolean inEuropeanUnion) {
        return inEuropeanUnion
                ? Map.of("geoname_id", geonameId, "is_in_european_union", true, "iso_code", isoCode,
                        "names", Map.of("en", name))
                : Map.of("geoname_id", geonameId, "iso_code", isoCode, "names", Map.of("en", name));
    }

    private static Map<String, Object> location(
            int accuracyRadius, double latitude, double longitude, String timeZone) {
        return Map.of(
                "accuracy_radius", accuracyRadius, "latitude", latitude, "longitude", longitude, "time_zone", timeZone);
    }

    private static Map<String, Object> subdivision(long geonameId, String isoCode, String name) {
        return Map.of("geoname_id", geonameId, "iso_code", isoCode, "names", Map.of("en", name));
    }
}
