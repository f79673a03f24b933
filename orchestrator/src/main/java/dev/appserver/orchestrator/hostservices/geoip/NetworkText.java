package dev.appserver.orchestrator.hostservices.geoip;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Writes a matched network the way {@code @maxmind/geoip2-node} writes {@code traits.network}:
 * {@code 89.160.20.128/25}, IPv6 groups in lower-case hex with the longest run of zero groups
 * shortened to {@code ::}, and an IPv4-mapped query answered in IPv6 form
 * ({@code ::ffff:89.160.20.128/121}) since that is the text the app asked about.
 */
final class NetworkText {
    private static final int IPV4_IN_IPV6_BITS = 96;

    private NetworkText() {}

    static String of(String queriedText, InetAddress networkAddress, int prefixLength) {
        if (networkAddress instanceof Inet4Address) {
            String v4 = networkAddress.getHostAddress();
            boolean queriedAsIpv6 = queriedText.indexOf(':') >= 0;
            return queriedAsIpv6 ? "::ffff:" + v4 + "/" + (prefixLength + IPV4_IN_IPV6_BITS) : v4 + "/" + prefixLength;
        }
        return ipv6(networkAddress.getAddress()) + "/" + prefixLength;
    }

    private static String ipv6(byte[] octets) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((octets[2 * i] & 0xff) << 8) | (octets[2 * i + 1] & 0xff);
        }
        int bestStart = 0;
        int bestLength = 0;
        int runStart = 0;
        int runLength = 0;
        for (int i = 0; i < 8; i++) {
            if (groups[i] == 0) {
                if (runLength == 0) {
                    runStart = i;
                }
                runLength++;
            } else {
                runLength = 0;
            }
            // Strictly longer only: the first of two equal runs is the one shortened, as in Node.
            if (runLength > bestLength) {
                bestLength = runLength;
                bestStart = runStart;
            }
        }
        if (bestLength == 0) {
            return hexGroups(groups, 0, 8);
        }
        return hexGroups(groups, 0, bestStart) + "::" + hexGroups(groups, bestStart + bestLength, 8);
    }

    private static String hexGroups(int[] groups, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > from) {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
