package dev.appserver.orchestrator.hostservices.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.appserver.orchestrator.hostservices.fetch.AddressClassifier.AddressClass;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The egress guard's decisions. No test here sends a packet: addresses are judged by the pure
 * classifier, names are answered by {@link FakeHostResolver}, and the system resolver only ever
 * sees IP literals ({@link LiteralOnlySystemResolver}).
 */
class EgressPolicyTest {

    @Nested
    class AddressClasses {

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource({
                "127.0.0.1, LOOPBACK", "127.255.255.254, LOOPBACK", "::1, LOOPBACK",
                "0.0.0.0, UNSPECIFIED", "0.1.2.3, UNSPECIFIED", "::, UNSPECIFIED",
                "10.0.0.1, PRIVATE", "10.255.255.255, PRIVATE",
                "172.16.0.0, PRIVATE", "172.31.255.255, PRIVATE",
                "192.168.0.1, PRIVATE", "192.168.255.255, PRIVATE",
                "fc00::1, PRIVATE", "fd12:3456:789a::1, PRIVATE", "fec0::1, PRIVATE", "64:ff9b:1::1, PRIVATE",
                "169.254.169.254, LINK_LOCAL", "169.254.0.1, LINK_LOCAL", "fe80::1, LINK_LOCAL", "febf::1, LINK_LOCAL",
                "100.64.0.1, SHARED", "100.127.255.255, SHARED",
                "192.0.0.1, PROTOCOL_ASSIGNMENTS", "2001::1, PROTOCOL_ASSIGNMENTS", "2001:2::1, PROTOCOL_ASSIGNMENTS",
                "192.0.2.1, DOCUMENTATION", "198.51.100.1, DOCUMENTATION", "203.0.113.1, DOCUMENTATION",
                "2001:db8::1, DOCUMENTATION", "3fff::1, DOCUMENTATION",
                "198.18.0.1, BENCHMARKING", "198.19.255.255, BENCHMARKING",
                "224.0.0.1, MULTICAST", "239.255.255.250, MULTICAST", "ff02::1, MULTICAST", "ff0e::1, MULTICAST",
                "240.0.0.1, RESERVED", "254.255.255.255, RESERVED", "192.88.99.1, RESERVED", "100::1, RESERVED",
                "4000::1, RESERVED", "::1:0:0:0, RESERVED", "::ffff:1:0:0, RESERVED",
                "255.255.255.255, BROADCAST"})
        void nonPublicAddressesAreRefused(String literal, AddressClass expected) {
            InetAddress address = InetAddress.ofLiteral(literal);

            assertThat(AddressClassifier.classify(address)).contains(expected);
            assertThat(EgressPolicy.isRefusedAddress(address)).isTrue();
        }

        @ParameterizedTest(name = "{0} judged as {1}")
        @CsvSource({
                "::ffff:127.0.0.1, LOOPBACK", "::ffff:7f00:1, LOOPBACK", "::ffff:10.1.2.3, PRIVATE",
                "::127.0.0.1, LOOPBACK", "::10.0.0.1, PRIVATE", "::169.254.169.254, LINK_LOCAL",
                "::ffff:0:127.0.0.1, LOOPBACK", "::ffff:0:192.168.1.1, PRIVATE",
                "64:ff9b::127.0.0.1, LOOPBACK", "64:ff9b::a00:1, PRIVATE", "64:ff9b::a9fe:a9fe, LINK_LOCAL",
                "2002:7f00:1::1, LOOPBACK", "2002:c0a8:101::1, PRIVATE", "2002:a9fe:a9fe::, LINK_LOCAL",
                "::0.0.0.2, UNSPECIFIED"})
        void ipv6FormsCarryingIpv4AreJudgedByTheIpv4Address(String literal, AddressClass expected) {
            assertThat(AddressClassifier.classify(InetAddress.ofLiteral(literal))).contains(expected);
        }

        @Test
        void anIpv4MappedAddressKeptAsIpv6IsJudgedAsItsIpv4Address() throws Exception {
            byte[] mappedLoopback = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
            InetAddress address = Inet6Address.getByAddress(null, mappedLoopback, -1);

            assertThat(address).isInstanceOf(Inet6Address.class);
            assertThat(AddressClassifier.classify(address)).contains(AddressClass.LOOPBACK);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "8.8.8.8", "1.1.1.1", "11.0.0.1", "172.15.255.255", "172.32.0.0", "100.63.255.255", "100.128.0.0",
                "169.253.255.255", "198.17.255.255", "198.20.0.0", "192.0.1.1", "223.255.255.255",
                "2606:4700:4700::1111", "2a00:1450:4001:81a::200e", "::ffff:8.8.8.8", "64:ff9b::808:808",
                "2002:808:808::1"})
        void publicAddressesAreAllowed(String literal) {
            InetAddress address = InetAddress.ofLiteral(literal);

            assertThat(AddressClassifier.classify(address)).isEmpty();
            assertThat(EgressPolicy.isRefusedAddress(address)).isFalse();
        }
    }

    @Nested
    class Schemes {

        private final FakeHostResolver resolver = new FakeHostResolver().with("example.com", "93.184.215.14");
        private final EgressPolicy policy = new EgressPolicy(resolver, Set.of("example.com"));

        @ParameterizedTest
        @ValueSource(strings = {
                "file:///etc/passwd", "file://example.com/etc/passwd", "ftp://example.com/", "data:text/plain,hello",
                "gopher://example.com/", "javascript:alert(\"hi\")", "ws://example.com/", "wss://example.com/",
                "mailto:someone@example.com", "jar:file:/x.jar!/y", "FILE:///etc/passwd"})
        void onlyHttpAndHttpsAreAllowed(String url) {
            assertThat(policy.check(url)).isEqualTo(new EgressDecision.Refused("only http and https are allowed"));
            assertThat(resolver.lookups()).isEmpty();
        }

        @Test
        void httpAndHttpsInAnyCaseAreAllowed() {
            assertThat(policy.check("HTTPS://Example.COM/a?b=c")).isInstanceOf(EgressDecision.Allowed.class);
            assertThat(policy.check("http://example.com")).isInstanceOf(EgressDecision.Allowed.class);
        }
    }

    @Nested
    class Resolution {

        private final FakeHostResolver resolver = new FakeHostResolver()
                .with("example.com", "93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c")
                .with("rebound.example", "93.184.215.14", "10.0.0.7")
                .with("metadata.example", "169.254.169.254")
                .with("six.example", "::1");
        private final EgressPolicy policy = new EgressPolicy(resolver, Set.of());

        @Test
        void allowedDecisionCarriesTheJudgedAddressesAndCanonicalUrl() {
            EgressDecision decision = policy.check("http://EXAMPLE.com:8080/path?q=1#fragment");

            assertThat(decision).isEqualTo(new EgressDecision.Allowed(
                    new FetchUrl("http", "example.com", 8080, "/path?q=1"),
                    List.of(InetAddress.ofLiteral("93.184.215.14"),
                            InetAddress.ofLiteral("2606:2800:21f:cb07:6820:80da:af6b:8b2c"))));
            assertThat(resolver.lookups()).containsExactly("example.com");
        }

        @Test
        void oneNonPublicAddressRefusesTheHost() {
            assertThat(policy.check("https://rebound.example/")).isEqualTo(new EgressDecision.Refused(
                    "rebound.example is a loopback, private or link-local address (10.0.0.7)"));
        }

        @Test
        void refusalNamesTheHostAndAddress() {
            assertThat(policy.check("http://metadata.example/latest/meta-data/")).isEqualTo(new EgressDecision.Refused(
                    "metadata.example is a loopback, private or link-local address (169.254.169.254)"));
            assertThat(policy.check("http://six.example/")).isEqualTo(new EgressDecision.Refused(
                    "six.example is a loopback, private or link-local address (::1)"));
        }

        @Test
        void unknownHostIsNotFound() {
            assertThat(policy.check("http://nowhere.example/")).isEqualTo(new EgressDecision.HostNotFound("nowhere.example"));
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "not a url", "/relative/path", "//example.com/", "http://", "http:///path", "http://user:pw@example.com/",
                "http://example.com@127.0.0.1/", "http://example.com:99999/", "http://example.com:0/",
                "http://example.com:8o/", "http://exa mple.com/", "http://ex%61mple.com/", "http://exämple.com/",
                "http://[fe80::1%25eth0]/", "http://[::1/", "http://[127.0.0.1]/", "http://1.2.3.4.5/",
                "http://example.123/", "http://256.0.0.1/", "http://0x100000000/", "http://08.0.0.1/"})
        void unusableUrlsAreInvalidAndNeverResolved(String url) {
            assertThat(policy.check(url)).isInstanceOf(EgressDecision.InvalidUrl.class);
            assertThat(resolver.lookups()).isEmpty();
        }
    }

    @Nested
    class OddNumericForms {

        private final EgressPolicy policy = new EgressPolicy(new LiteralOnlySystemResolver(), Set.of());

        @ParameterizedTest(name = "{0} is refused as {1}")
        @CsvSource(delimiter = '|', value = {
                "http://2130706433/|127.0.0.1", "http://0x7f.1/|127.0.0.1", "http://0x7f000001/|127.0.0.1",
                "http://0177.0.0.1/|127.0.0.1", "http://017700000001/|127.0.0.1", "http://127.1/|127.0.0.1",
                "http://127.0.1/|127.0.0.1", "http://0x7F.0.0.1/|127.0.0.1", "http://127.0.0.1./|127.0.0.1",
                "http://0/|0.0.0.0", "http://0.0.0.0:8080/|0.0.0.0", "http://0xa9fea9fe/|169.254.169.254",
                "http://3232235777/|192.168.1.1", "http://012.1/|10.0.0.1",
                "http://[::ffff:127.0.0.1]/|127.0.0.1", "http://[::ffff:7f00:1]/|127.0.0.1",
                "http://[0:0:0:0:0:0:0:1]/|::1", "http://[::1]:8080/|::1", "http://[::]/|::",
                "http://[::127.0.0.1]/|::7f00:1", "http://[64:ff9b::127.0.0.1]/|64:ff9b::7f00:1",
                "http://[2002:7f00:1::1]/|2002:7f00:1::1", "http://[FE80::1]/|fe80::1"})
        void hostsSpelledOddlyAreJudgedByTheAddressTheyMean(String url, String address) {
            EgressDecision decision = policy.check(url);

            assertThat(decision).isInstanceOf(EgressDecision.Refused.class);
            assertThat(((EgressDecision.Refused) decision).reason())
                    .endsWith("is a loopback, private or link-local address (" + address + ")");
        }

        @Test
        void numericFormsAreCanonicalizedLikeWhatwgUrl() {
            EgressPolicy allowAll = new EgressPolicy(new LiteralOnlySystemResolver(), Set.of("127.0.0.1"));

            EgressDecision decision = allowAll.check("http://0x7f.1:8080/x");

            assertThat(decision).isInstanceOf(EgressDecision.Allowed.class);
            assertThat(((EgressDecision.Allowed) decision).url().href()).isEqualTo("http://127.0.0.1:8080/x");
        }
    }

    @Nested
    class Allowlist {

        private final FakeHostResolver resolver = new FakeHostResolver()
                .with("localhost", "127.0.0.1", "::1")
                .with("other.test", "127.0.0.1")
                .with("api.internal", "10.1.2.3");
        private final EgressPolicy policy =
                new EgressPolicy(resolver, List.of("LocalHost", "[::1]", "127.0.0.1", "api.internal"));

        @ParameterizedTest
        @ValueSource(strings = {
                "http://localhost:6738/", "https://LOCALHOST/", "http://127.0.0.1:1234/", "http://[::1]/",
                "http://[0:0:0:0:0:0:0:1]/", "http://2130706433/", "http://api.internal/v1"})
        void allowedHostsSkipTheAddressCheck(String url) {
            assertThat(policy.check(url)).isInstanceOf(EgressDecision.Allowed.class);
        }

        @Test
        void allowedHostKeepsAllItsAddresses() {
            assertThat(policy.check("http://localhost/")).isEqualTo(new EgressDecision.Allowed(
                    new FetchUrl("http", "localhost", 80, "/"),
                    List.of(InetAddress.ofLiteral("127.0.0.1"), InetAddress.ofLiteral("::1"))));
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://other.test/", "http://127.0.0.2/", "http://sub.localhost.test/", "http://10.1.2.3/"})
        void onlyTheListedHostsAreAllowedNotTheirAddresses(String url) {
            FakeHostResolver withSub = new FakeHostResolver().with("other.test", "127.0.0.1")
                    .with("sub.localhost.test", "127.0.0.1");
            EgressPolicy listed = new EgressPolicy(withSub, List.of("localhost", "127.0.0.1", "api.internal"));

            assertThat(listed.check(url)).isInstanceOf(EgressDecision.Refused.class);
        }

        @Test
        void allowedHostsStillNeedHttp() {
            assertThat(policy.check("file://localhost/etc/passwd"))
                    .isEqualTo(new EgressDecision.Refused("only http and https are allowed"));
        }

        @Test
        void invalidAllowedHostIsRejectedAtStartUp() {
            assertThatThrownBy(() -> EgressPolicy.withAllowedHosts(List.of("exa mple.com")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--allow-host exa mple.com");
        }
    }
}
