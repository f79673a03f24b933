package dev.appserver.orchestrator.hostservices.geoip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MaxMindGeoIpLocatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What {@code @maxmind/geoip2-node} 7.1.0 prints for {@code JSON.stringify(reader.city('89.160.20.129'))}
     * on {@link TestCityDatabase}, byte for byte.
     */
    private static final String LINKOPING_AS_NODE_PRINTS_IT = """
            {"continent":{"code":"EU","geonameId":6255148,"names":{"en":"Europe"}},\
            "country":{"geonameId":2661886,"isInEuropeanUnion":true,"isoCode":"SE","names":{"en":"Sweden"}},\
            "registeredCountry":{"geonameId":2921044,"isInEuropeanUnion":true,"isoCode":"DE","names":{"en":"Germany"}},\
            "traits":{"isAnonymous":false,"isAnonymousProxy":false,"isAnonymousVpn":false,"isAnycast":false,\
            "isHostingProvider":false,"isLegitimateProxy":false,"isPublicProxy":false,"isResidentialProxy":false,\
            "isSatelliteProvider":false,"isTorExitNode":false,\
            "ipAddress":"89.160.20.129","network":"89.160.20.128/25"},\
            "city":{"geonameId":2694762,"names":{"de":"Linköping","en":"Linköping"}},\
            "location":{"accuracyRadius":76,"latitude":58.4167,"longitude":15.6167,"timeZone":"Europe/Stockholm"},\
            "subdivisions":[{"geonameId":2685867,"isoCode":"E","names":{"en":"Östergötland County"}}]}""";

    /** The same, for {@code 2001:db8::1}: a country-only record; the anycast flag keeps its place. */
    private static final String DOCUMENTATION_V6_AS_NODE_PRINTS_IT = """
            {"continent":{"code":"EU","geonameId":6255148,"names":{"en":"Europe"}},\
            "country":{"geonameId":2921044,"isInEuropeanUnion":true,"isoCode":"DE","names":{"en":"Germany"}},\
            "registeredCountry":{"geonameId":2921044,"isoCode":"DE","names":{"en":"Germany"},\
            "isInEuropeanUnion":false},\
            "traits":{"isAnycast":true,"isAnonymous":false,"isAnonymousProxy":false,"isAnonymousVpn":false,\
            "isHostingProvider":false,"isLegitimateProxy":false,"isPublicProxy":false,"isResidentialProxy":false,\
            "isSatelliteProvider":false,"isTorExitNode":false,"ipAddress":"2001:db8::1","network":"2001:db8::/32"}}""";

    @TempDir Path directory;
    private MaxMindGeoIpLocator locator;

    @BeforeEach
    void openTestDatabase() throws IOException {
        locator = MaxMindGeoIpLocator.open(TestCityDatabase.write(directory.resolve("city.mmdb")));
    }

    @AfterEach
    void close() throws IOException {
        locator.close();
    }

    @Test
    void answersWhatNodeGeoip2ReaderAnswers() {
        assertThat(locator.locate("89.160.20.129")).contains(LINKOPING_AS_NODE_PRINTS_IT);
        assertThat(locator.locate("2001:db8::1")).contains(DOCUMENTATION_V6_AS_NODE_PRINTS_IT);
    }

    @Test
    void readsTheFieldsTheGeoIpAppReads() throws IOException {
        JsonNode boxford = JSON.readTree(locator.locate("2.125.160.220").orElseThrow());

        assertThat(boxford.at("/city/names/en").asText()).isEqualTo("Boxford");
        assertThat(boxford.at("/country/names/en").asText()).isEqualTo("United Kingdom");
        assertThat(boxford.at("/country/isoCode").asText()).isEqualTo("GB");
        assertThat(boxford.at("/continent/names/en").asText()).isEqualTo("Europe");
        assertThat(boxford.at("/continent/code").asText()).isEqualTo("EU");
        assertThat(boxford.at("/postal/code").asText()).isEqualTo("OX1");
        assertThat(boxford.at("/location/latitude").asDouble()).isEqualTo(51.75);
        assertThat(boxford.at("/location/longitude").asDouble()).isEqualTo(-1.25);
        assertThat(boxford.at("/location/timeZone").asText()).isEqualTo("Europe/London");
        assertThat(boxford.at("/subdivisions/0/isoCode").asText()).isEqualTo("ENG");
        assertThat(boxford.at("/subdivisions/1/names/en").asText()).isEqualTo("West Berkshire");
        assertThat(boxford.at("/traits/network").asText()).isEqualTo("2.125.160.216/29");
    }

    @Test
    void leavesOutSectionsTheRecordLacks() throws IOException {
        JsonNode linkoping = JSON.readTree(locator.locate("89.160.20.129").orElseThrow());
        JsonNode countryOnly = JSON.readTree(locator.locate("2001:db8::ffff").orElseThrow());

        // The GeoIP app tests `if (response.postal)`: an empty object would differ from absent.
        assertThat(linkoping.has("postal")).isFalse();
        assertThat(countryOnly.has("city")).isFalse();
        assertThat(countryOnly.has("location")).isFalse();
        assertThat(countryOnly.has("subdivisions")).isFalse();
        assertThat(countryOnly.has("representedCountry")).isFalse();
    }

    @Test
    void answersAnIpv4MappedAddressInIpv6Form() throws IOException {
        JsonNode mapped = JSON.readTree(locator.locate("::ffff:89.160.20.129").orElseThrow());

        assertThat(mapped.at("/city/names/en").asText()).isEqualTo("Linköping");
        assertThat(mapped.at("/traits/ipAddress").asText()).isEqualTo("::ffff:89.160.20.129");
        assertThat(mapped.at("/traits/network").asText()).isEqualTo("::ffff:89.160.20.128/121");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4", "2001:db9::1", "127.0.0.1", "::1"})
    void findsNothingForAnAddressNotInTheDatabase(String ip) {
        assertThat(locator.locate(ip)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "nonsense", "localhost", "example.com", "1.2.3", "01.2.3.4", "256.1.1.1", "[::1]", "1.2.3.4/24"})
    void findsNothingForTextThatIsNotAnIpLiteral(String text) {
        assertThat(locator.locate(text)).isEmpty();
    }

    @Test
    void refusesADatabaseThatIsNotACityDatabase() throws IOException {
        Path asn = Files.write(directory.resolve("asn.mmdb"), TestCityDatabase.bytes("GeoLite2-ASN"));

        assertThatThrownBy(() -> MaxMindGeoIpLocator.open(asn))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GeoLite2-ASN database; meta.geoip.locate needs a City database");
    }

    @Test
    void refusesAFileThatIsNotAMaxMindDatabase() throws IOException {
        Path notADatabase = Files.writeString(directory.resolve("plain.mmdb"), "not a database");

        assertThatThrownBy(() -> MaxMindGeoIpLocator.open(notADatabase))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a MaxMind database");
    }
}
