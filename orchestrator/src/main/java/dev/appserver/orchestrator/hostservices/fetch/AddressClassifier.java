package dev.appserver.orchestrator.hostservices.fetch;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Says whether an address is public unicast, and if not, what it is. The egress guard refuses
 * every address this classifies, so the list errs towards refusing: anything that is not an
 * ordinary Internet destination (loopback, private, link-local, shared, multicast, reserved,
 * documentation and benchmarking ranges, and all IPv6 outside 2000::/3).
 *
 * <p>IPv6 forms that carry an IPv4 address (IPv4-compatible {@code ::a.b.c.d}, IPv4-mapped
 * {@code ::ffff:a.b.c.d}, IPv4-translated {@code ::ffff:0:a.b.c.d}, NAT64 {@code 64:ff9b::/96}
 * and 6to4 {@code 2002::/16}) are judged by the embedded IPv4 address, because that is where a
 * connection to them ends up.
 *
 * <p>Pure functions over address bytes: no lookups, no traffic. Thread-safe.
 */
final class AddressClassifier {

    /** Why an address is not public. */
    enum AddressClass {
        LOOPBACK, UNSPECIFIED, PRIVATE, LINK_LOCAL, SHARED, PROTOCOL_ASSIGNMENTS, DOCUMENTATION,
        BENCHMARKING, MULTICAST, RESERVED, BROADCAST
    }

    private static final List<Range> IPV4 = List.of(
            Range.of("0.0.0.0", 8, AddressClass.UNSPECIFIED),
            Range.of("10.0.0.0", 8, AddressClass.PRIVATE),
            Range.of("100.64.0.0", 10, AddressClass.SHARED),
            Range.of("127.0.0.0", 8, AddressClass.LOOPBACK),
            Range.of("169.254.0.0", 16, AddressClass.LINK_LOCAL),
            Range.of("172.16.0.0", 12, AddressClass.PRIVATE),
            Range.of("192.0.0.0", 24, AddressClass.PROTOCOL_ASSIGNMENTS),
            Range.of("192.0.2.0", 24, AddressClass.DOCUMENTATION),
            Range.of("192.88.99.0", 24, AddressClass.RESERVED),
            Range.of("192.168.0.0", 16, AddressClass.PRIVATE),
            Range.of("198.18.0.0", 15, AddressClass.BENCHMARKING),
            Range.of("198.51.100.0", 24, AddressClass.DOCUMENTATION),
            Range.of("203.0.113.0", 24, AddressClass.DOCUMENTATION),
            Range.of("224.0.0.0", 4, AddressClass.MULTICAST),
            // Broadcast before 240/4, which contains it.
            Range.of("255.255.255.255", 32, AddressClass.BROADCAST),
            Range.of("240.0.0.0", 4, AddressClass.RESERVED));

    // Checked after the IPv4-carrying forms and before the 2000::/3 test.
    private static final List<Range> IPV6 = List.of(
            Range.of("100::", 64, AddressClass.RESERVED),
            Range.of("64:ff9b:1::", 48, AddressClass.PRIVATE),
            Range.of("2001:db8::", 32, AddressClass.DOCUMENTATION),
            // IETF protocol assignments, including Teredo (2001::/32) and benchmarking (2001:2::/48).
            Range.of("2001::", 23, AddressClass.PROTOCOL_ASSIGNMENTS),
            Range.of("3fff::", 20, AddressClass.DOCUMENTATION),
            Range.of("fc00::", 7, AddressClass.PRIVATE),
            Range.of("fe80::", 10, AddressClass.LINK_LOCAL),
            Range.of("fec0::", 10, AddressClass.PRIVATE),
            Range.of("ff00::", 8, AddressClass.MULTICAST));

    private static final Range GLOBAL_UNICAST_V6 = Range.of("2000::", 3, null);
    private static final Range NAT64 = Range.of("64:ff9b::", 96, null);
    private static final Range SIX_TO_FOUR = Range.of("2002::", 16, null);

    private AddressClassifier() {}

    /** The class of a non-public address, or empty when the address is public unicast. */
    static Optional<AddressClass> classify(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 4 ? classifyV4(bytes) : classifyV6(bytes);
    }

    private static Optional<AddressClass> classifyV4(byte[] bytes) {
        return IPV4.stream().filter(range -> range.contains(bytes)).map(Range::addressClass).findFirst();
    }

    private static Optional<AddressClass> classifyV6(byte[] bytes) {
        if (isZero(bytes, 0, 10)) {
            return classifyLowV6(bytes);
        }
        if (isZero(bytes, 0, 8) && word(bytes, 8) == 0xffff && word(bytes, 10) == 0) {
            return classifyV4(Arrays.copyOfRange(bytes, 12, 16)); // IPv4-translated ::ffff:0:a.b.c.d
        }
        if (NAT64.contains(bytes)) {
            return classifyV4(Arrays.copyOfRange(bytes, 12, 16));
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return classifyV4(Arrays.copyOfRange(bytes, 2, 6));
        }
        Optional<AddressClass> special = IPV6.stream()
                .filter(range -> range.contains(bytes)).map(Range::addressClass).findFirst();
        if (special.isPresent() || GLOBAL_UNICAST_V6.contains(bytes)) {
            return special;
        }
        return Optional.of(AddressClass.RESERVED);
    }

    /** Addresses whose first 80 bits are zero: ::, ::1, and the IPv4-carrying forms. */
    private static Optional<AddressClass> classifyLowV6(byte[] bytes) {
        int word5 = word(bytes, 10);
        int word6 = word(bytes, 12);
        int word7 = word(bytes, 14);
        byte[] embedded = Arrays.copyOfRange(bytes, 12, 16);
        if (word5 == 0 && word6 == 0 && word7 == 0) {
            return Optional.of(AddressClass.UNSPECIFIED);
        }
        if (word5 == 0 && word6 == 0 && word7 == 1) {
            return Optional.of(AddressClass.LOOPBACK);
        }
        if (word5 == 0 || word5 == 0xffff) {
            return classifyV4(embedded); // IPv4-compatible ::a.b.c.d or IPv4-mapped ::ffff:a.b.c.d
        }
        return Optional.of(AddressClass.RESERVED);
    }

    private static int word(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xff) << 8) | (bytes[offset + 1] & 0xff);
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** A CIDR block; parsing its literal sends no traffic. */
    private record Range(byte[] network, int prefixLength, AddressClass addressClass) {

        static Range of(String literal, int prefixLength, AddressClass addressClass) {
            return new Range(InetAddress.ofLiteral(literal).getAddress(), prefixLength, addressClass);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int remainingBits = prefixLength % 8;
            if (remainingBits == 0) {
                return true;
            }
            int mask = (0xff << (8 - remainingBits)) & 0xff;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }
}
