package dev.appserver.orchestrator.hostservices.geoip;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a MaxMind DB (binary format 2.0) the way MaxMind's writers lay it out, so tests get a
 * real City database without downloading one: an IPv6 binary search tree (one node per bit,
 * 24-bit records; a record below the node count points at a node, equal to it means "no data",
 * above it points into the data section), IPv4 networks in {@code ::/96} with
 * {@code ::ffff:0:0/96} aliased to them, sixteen zero bytes, the data section, and the metadata
 * map after the {@code \xAB\xCD\xEFMaxMind.com} marker. Records are written once each, without
 * pointer de-duplication. Not thread-safe; build, then call {@link #toBytes()}.
 */
final class MaxMindDatabaseWriter {
    private static final byte[] METADATA_MARKER = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF,
            'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'};
    private static final int RECORD_SIZE_BITS = 24;
    private static final int DATA_SECTION_SEPARATOR = 16;
    private static final int IPV4_IN_IPV6_BITS = 96;

    /** A tree node; each side holds null (no data), another {@code TreeNode}, or a {@code DataOffset}. */
    private static final class TreeNode {
        final Object[] sides = new Object[2];
    }

    private record DataOffset(int offset) {}

    private final String databaseType;
    private final TreeNode root = new TreeNode();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private final Instant buildTime;

    MaxMindDatabaseWriter(String databaseType, Instant buildTime) {
        this.databaseType = databaseType;
        this.buildTime = buildTime;
    }

    /** Stores {@code record} for the network {@code cidr}, e.g. {@code 89.160.20.128/25} or {@code 2001:db8::/32}. */
    MaxMindDatabaseWriter insert(String cidr, Map<String, Object> record) {
        int slash = cidr.indexOf('/');
        InetAddress address = InetAddress.ofLiteral(cidr.substring(0, slash));
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        byte[] bits = ipv6Bytes(address);
        int depth = address instanceof Inet4Address ? prefix + IPV4_IN_IPV6_BITS : prefix;
        TreeNode parent = parentOf(bits, depth);
        int side = bit(bits, depth - 1);
        if (parent.sides[side] != null) {
            throw new IllegalArgumentException(cidr + " overlaps a network already inserted");
        }
        parent.sides[side] = new DataOffset(data.size());
        MaxMindDataEncoder.write(data, record);
        return this;
    }

    byte[] toBytes() {
        aliasIpv4MappedAddresses();
        List<TreeNode> nodes = numberNodes();
        Map<TreeNode, Integer> numbers = new IdentityHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            numbers.put(nodes.get(i), i);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (TreeNode node : nodes) {
            for (Object side : node.sides) {
                long value = switch (side) {
                    case null -> nodes.size();
                    case TreeNode child -> numbers.get(child);
                    case DataOffset pointer -> nodes.size() + DATA_SECTION_SEPARATOR + pointer.offset();
                    default -> throw new IllegalStateException("unexpected tree entry " + side);
                };
                out.write((int) (value >> 16));
                out.write((int) (value >> 8));
                out.write((int) value);
            }
        }
        out.writeBytes(new byte[DATA_SECTION_SEPARATOR]);
        out.writeBytes(data.toByteArray());
        out.writeBytes(METADATA_MARKER);
        MaxMindDataEncoder.write(out, metadata(nodes.size()));
        return out.toByteArray();
    }

    private Map<String, Object> metadata(int nodeCount) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("binary_format_major_version", 2);
        metadata.put("binary_format_minor_version", 0);
        metadata.put("build_epoch", BigInteger.valueOf(buildTime.getEpochSecond()));
        metadata.put("database_type", databaseType);
        metadata.put("description", Map.of("en", "appserver test database (generated, invented data)"));
        metadata.put("ip_version", 6);
        metadata.put("languages", List.of("en"));
        metadata.put("node_count", (long) nodeCount);
        metadata.put("record_size", RECORD_SIZE_BITS);
        return metadata;
    }

    /** Makes {@code ::ffff:0:0/96} lead to the IPv4 subtree, as in MaxMind's own databases. */
    private void aliasIpv4MappedAddresses() {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        TreeNode ipv4Root = parentOf(new byte[16], IPV4_IN_IPV6_BITS + 1);
        parentOf(mapped, IPV4_IN_IPV6_BITS).sides[1] = ipv4Root;
    }

    /** The node whose side {@code bit(depth - 1)} is the record for the first {@code depth} bits. */
    private TreeNode parentOf(byte[] bits, int depth) {
        TreeNode node = root;
        for (int i = 0; i < depth - 1; i++) {
            int side = bit(bits, i);
            if (node.sides[side] == null) {
                node.sides[side] = new TreeNode();
            }
            if (!(node.sides[side] instanceof TreeNode child)) {
                throw new IllegalArgumentException("network overlaps a shorter network already inserted");
            }
            node = child;
        }
        return node;
    }

    /** Breadth-first from the root, each node once (the IPv4 alias reaches one node twice). */
    private List<TreeNode> numberNodes() {
        List<TreeNode> order = new ArrayList<>();
        Map<TreeNode, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<TreeNode> queue = new ArrayDeque<>(List.of(root));
        seen.put(root, true);
        while (!queue.isEmpty()) {
            TreeNode node = queue.poll();
            order.add(node);
            for (Object side : node.sides) {
                if (side instanceof TreeNode child && seen.put(child, true) == null) {
                    queue.add(child);
                }
            }
        }
        return order;
    }

    private static byte[] ipv6Bytes(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length == 16) {
            return raw;
        }
        byte[] inIpv6 = new byte[16];
        System.arraycopy(raw, 0, inIpv6, 12, 4);
        return inIpv6;
    }

    private static int bit(byte[] bytes, int index) {
        return (bytes[index / 8] >> (7 - index % 8)) & 1;
    }
}
