package dev.appserver.orchestrator.hostservices.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Brings the host of a URL (or an {@code --allow-host} entry) to one canonical spelling, so that
 * the guard, the allowlist and the connection all agree on which host is meant.
 *
 * <ul>
 *   <li>names: lower-cased ASCII letters, digits, {@code -}, {@code _} and dots; anything else
 *       (percent escapes, non-ASCII, spaces) is rejected, since the app's {@code URL} has already
 *       encoded IDNs as punycode;</li>
 *   <li>IPv4 in any form the WHATWG URL parser accepts ({@code 2130706433}, {@code 0x7f.1},
 *       {@code 0177.0.0.1}, {@code 127.1}): dotted decimal. Parsing them here, exactly as the
 *       app's {@code URL} does, means no resolver ever sees them and no parser differential
 *       (the JDK reads {@code 0177.0.0.1} as 177.0.0.1, the WHATWG parser as 127.0.0.1) remains;</li>
 *   <li>IPv6 literals, with or without brackets: the compressed form in brackets; an IPv4-mapped
 *       one becomes its IPv4 address. Zone ids are rejected.</li>
 * </ul>
 * Pure functions; thread-safe.
 */
final class HostNames {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)*\\.?");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9a-f:.]+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern HEX_NUMBER = Pattern.compile("0x[0-9a-f]*");

    private HostNames() {}

    /**
     * The canonical spelling of {@code host}.
     *
     * @throws IllegalArgumentException with a reason fit for an app, when the host is unusable
     */
    static String canonical(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.startsWith("[") || lower.contains(":")) {
            return ipv6(lower);
        }
        if (endsInNumber(lower)) {
            return ipv4(lower);
        }
        if (!NAME.matcher(lower).matches()) {
            throw new IllegalArgumentException("invalid host name '" + host + "'");
        }
        return lower;
    }

    /** Whether a canonical host is an IP literal rather than a name. */
    static boolean isLiteral(String canonicalHost) {
        return canonicalHost.startsWith("[") || endsInNumber(canonicalHost);
    }

    /** An address as a URL host: dotted decimal, or compressed IPv6 in brackets, no zone. */
    static String literalOf(InetAddress address) {
        return address instanceof Inet4Address ? textOf(address) : "[" + textOf(address) + "]";
    }

    /** An address as text: dotted decimal, or compressed IPv6 without brackets or zone. */
    static String textOf(InetAddress address) {
        return address instanceof Inet4Address ? address.getHostAddress() : compressedIpv6(address.getAddress());
    }

    private static String ipv6(String lower) {
        String bare = lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower;
        if (!IPV6_CHARACTERS.matcher(bare).matches()) {
            throw new IllegalArgumentException("invalid IPv6 address '" + lower + "'");
        }
        InetAddress address;
        try {
            address = Inet6Address.ofLiteral(bare); // a literal: parsed, never looked up
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid IPv6 address '" + lower + "'", e);
        }
        return literalOf(address);
    }

    /** WHATWG URL "ends in a number checker". */
    private static boolean endsInNumber(String host) {
        List<String> parts = new ArrayList<>(List.of(host.split("\\.", -1)));
        if (parts.getLast().isEmpty()) {
            if (parts.size() == 1) {
                return false;
            }
            parts.removeLast();
        }
        String last = parts.getLast();
        return DIGITS.matcher(last).matches() || HEX_NUMBER.matcher(last).matches();
    }

    /** WHATWG URL IPv4 parser: 1 to 4 parts, each decimal, 0x hexadecimal or 0-prefixed octal. */
    private static String ipv4(String host) {
        List<String> parts = new ArrayList<>(List.of(host.split("\\.", -1)));
        if (parts.getLast().isEmpty() && parts.size() > 1) {
            parts.removeLast();
        }
        if (parts.size() > 4) {
            throw new IllegalArgumentException("invalid IPv4 address '" + host + "'");
        }
        long value = 0;
        for (int i = 0; i < parts.size(); i++) {
            long number = ipv4Number(parts.get(i), host);
            boolean last = i == parts.size() - 1;
            long limit = last ? 1L << (8 * (5 - parts.size())) : 256;
            if (number >= limit) {
                throw new IllegalArgumentException("invalid IPv4 address '" + host + "'");
            }
            value = last ? value * limit + number : value * 256 + number;
        }
        return (value >> 24 & 0xff) + "." + (value >> 16 & 0xff) + "." + (value >> 8 & 0xff) + "." + (value & 0xff);
    }

    private static long ipv4Number(String part, String host) {
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x")) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() > 1 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.isEmpty()) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("invalid IPv4 address '" + host + "'");
            }
            return 0; // "0x" alone is zero, as in WHATWG
        }
        try {
            return digits.length() > 12 ? Long.MAX_VALUE : Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid IPv4 address '" + host + "'", e);
        }
    }

    /** RFC 5952 text: lower case, longest run of two or more zero groups as "::". */
    private static String compressedIpv6(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
