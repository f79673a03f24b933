package dev.appserver.orchestrator.hostservices.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FetchUrlTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", value = {
            "http://Example.com => http://example.com/",
            "HTTPS://example.com:443/a => https://example.com/a",
            "http://example.com:80/a => http://example.com/a",
            "https://example.com:8443/a?b=1#frag => https://example.com:8443/a?b=1",
            "http://example.com/?filter={\"a\":1} => http://example.com/?filter=%7B%22a%22:1%7D",
            "http://example.com/a b/ü?q=x|y^z => http://example.com/a%20b/%C3%BC?q=x%7Cy%5Ez",
            "http://example.com/100%/%41 => http://example.com/100%25/%41",
            "http://example.com\\path\\to?q=a\\b => http://example.com/path/to?q=a%5Cb",
            "http://[2001:DB8::1]:8080/ => http://[2001:db8::1]:8080/",
            "http://under_score.example/ => http://under_score.example/"})
    void parsesLikeAWhatwgUrl(String input, String href) {
        assertThat(FetchUrl.parse(input).href()).isEqualTo(href);
    }

    @Test
    void surroundingWhitespaceAndEmbeddedTabsAndNewlinesAreRemoved() {
        assertThat(FetchUrl.parse("  http://example.com/\tpa\nth\r  ").href()).isEqualTo("http://example.com/path");
    }

    @Test
    void authorityIsTheHostHeader() {
        assertThat(FetchUrl.parse("http://example.com/").authority()).isEqualTo("example.com");
        assertThat(FetchUrl.parse("http://example.com:8080/").authority()).isEqualTo("example.com:8080");
        assertThat(FetchUrl.parse("https://[::1]:8443/").authority()).isEqualTo("[::1]:8443");
    }

    @Test
    void pinnedUrlNamesTheAddressAndKeepsPortPathAndQuery() {
        FetchUrl url = FetchUrl.parse("https://example.com/a/b?c=d");

        assertThat(url.pinnedTo(InetAddress.ofLiteral("93.184.215.14")))
                .isEqualTo(URI.create("https://93.184.215.14:443/a/b?c=d"));
        assertThat(url.pinnedTo(InetAddress.ofLiteral("2606:2800::1")))
                .isEqualTo(URI.create("https://[2606:2800::1]:443/a/b?c=d"));
    }

    @Test
    void backslashEndsTheAuthority() {
        // WHATWG reads http://127.0.0.1\@example.com/ as host 127.0.0.1; so must the guard.
        assertThat(FetchUrl.parse("http://127.0.0.1\\@example.com/").host()).isEqualTo("127.0.0.1");
    }

    @Test
    void otherSchemesAreRefusedBeforeAnyParsing() {
        assertThatThrownBy(() -> FetchUrl.parse("javascript:alert(\"<x>\")"))
                .isInstanceOf(FetchUrl.UnsupportedSchemeException.class);
    }
}
