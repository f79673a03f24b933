package dev.appserver.orchestrator.hostservices.geoip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.model.CityResponse;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated database must be one that MaxMind's own Java reader accepts and reads back. */
class MaxMindDatabaseWriterTest {
    @Test
    void officialGeoip2ReaderReadsTheGeneratedCityDatabase() throws Exception {
        try (DatabaseReader reader = new DatabaseReader.Builder(
                new ByteArrayInputStream(TestCityDatabase.bytes("GeoIP2-City"))).build()) {
            CityResponse linkoping = reader.city(InetAddress.ofLiteral("89.160.20.129"));
            CityResponse boxford = reader.city(InetAddress.ofLiteral("2.125.160.223"));

            assertThat(linkoping.city().name()).isEqualTo("Linköping");
            assertThat(linkoping.country().isoCode()).isEqualTo("SE");
            assertThat(linkoping.country().isInEuropeanUnion()).isTrue();
            assertThat(linkoping.location().latitude()).isEqualTo(58.4167);
            assertThat(linkoping.location().accuracyRadius()).isEqualTo(76);
            assertThat(linkoping.mostSpecificSubdivision().isoCode()).isEqualTo("E");
            assertThat(linkoping.traits().network().toString()).isEqualTo("89.160.20.128/25");
            assertThat(boxford.postal().code()).isEqualTo("OX1");
            assertThat(boxford.subdivisions()).hasSize(2);
            assertThat(reader.tryCity(InetAddress.ofLiteral("2.125.160.224"))).isEmpty();
            assertThat(reader.tryCity(InetAddress.ofLiteral("2001:db8:ffff::1")).orElseThrow().country().isoCode())
                    .isEqualTo("DE");
        }
    }

    @Test
    void refusesOverlappingNetworks() {
        MaxMindDatabaseWriter writer = new MaxMindDatabaseWriter("GeoIP2-City", Instant.EPOCH)
                .insert("10.0.0.0/8", Map.of("country", Map.of("iso_code", "AA")));

        assertThatThrownBy(() -> writer.insert("10.1.0.0/16", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.insert("10.0.0.0/8", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
