package dev.appserver.orchestrator.hostservices.geoip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are what geoip2-node 7.1.0's {@code toCidr} printed for the same networks. */
class NetworkTextTest {
    @Test
    void writesIpv4AsDottedQuad() {
        assertThat(NetworkText.of("89.160.20.129", InetAddress.ofLiteral("89.160.20.128"), 25))
                .isEqualTo("89.160.20.128/25");
    }

    @Test
    void writesAnIpv4NetworkQueriedAsMappedIpv6InIpv6Form() {
        assertThat(NetworkText.of("::ffff:89.160.20.129", InetAddress.ofLiteral("89.160.20.128"), 25))
                .isEqualTo("::ffff:89.160.20.128/121");
    }

    @ParameterizedTest
    @CsvSource({
            "2001:db8::, 32, 2001:db8::/32",
            "2a02:cf40::, 29, 2a02:cf40::/29",
            "2001:0:0:1::, 64, 2001:0:0:1::/64",
            "2001:db8:0:0:1:0:0:1, 128, 2001:db8::1:0:0:1/128",
            "2001:db8:0:1:0:0:0:0, 64, 2001:db8:0:1::/64",
            "2001:db8:1:1:1:1:1:1, 128, 2001:db8:1:1:1:1:1:1/128",
            "::, 0, ::/0"})
    void writesIpv6InShortestLowerCaseForm(String network, int prefix, String expected) {
        assertThat(NetworkText.of(network, InetAddress.ofLiteral(network), prefix)).isEqualTo(expected);
    }
}
