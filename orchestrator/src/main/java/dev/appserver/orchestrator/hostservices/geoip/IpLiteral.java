package dev.appserver.orchestrator.hostservices.geoip;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses the text an app passes to {@code meta.geoip.locate} as an IP address literal, never as a
 * host name: {@link InetAddress#getByName} would resolve a name through DNS, which would turn an
 * event property into a network request. Accepts what Node's {@code net.isIP} accepts (dotted
 * quads without leading zeros, IPv6 text), which is the validation {@code @maxmind/geoip2-node}
 * applies before a lookup.
 */
final class IpLiteral {
    private static final String V4_SEGMENT = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])";
    private static final Pattern V4 = Pattern.compile("(?:" + V4_SEGMENT + "\\.){3}" + V4_SEGMENT);

    private IpLiteral() {}

    static Optional<InetAddress> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        if (V4.matcher(text).matches()) {
            return Optional.of(Inet4Address.ofLiteral(text));
        }
        if (text.indexOf(':') < 0 || text.startsWith("[")) {
            return Optional.empty();
        }
        try {
            // ofLiteral never consults a resolver; an IPv4-mapped literal comes back as Inet4Address.
            return Optional.of(InetAddress.ofLiteral(text));
        } catch (IllegalArgumentException notAnAddress) {
            return Optional.empty();
        }
    }
}
