package dev.appserver.orchestrator.hostservices.geoip;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes values in the MaxMind DB data-section format (MaxMind DB spec 2.0, "Output Data
 * Section"): a control byte holding the type in its top three bits and a size in the low five,
 * extended types (number above 7) in a second byte, longer sizes in up to three more bytes, then
 * the payload big-endian. Java types choose the MaxMind type: {@code String} utf8_string,
 * {@code Double} double, {@code Float} float, {@code Integer} uint16, {@code Long} uint32,
 * {@code BigInteger} uint64, {@code Boolean} boolean, {@code Map} map (keys written sorted, as
 * MaxMind's own writer does), {@code List} array. Never emits pointers: test databases are tiny.
 */
final class MaxMindDataEncoder {
    private static final int UTF8_STRING = 2;
    private static final int DOUBLE = 3;
    private static final int UINT16 = 5;
    private static final int UINT32 = 6;
    private static final int MAP = 7;
    private static final int UINT64 = 9;
    private static final int ARRAY = 11;
    private static final int BOOLEAN = 14;
    private static final int FLOAT = 15;

    private MaxMindDataEncoder() {}

    static void write(ByteArrayOutputStream out, Object value) {
        switch (value) {
            case String text -> {
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                control(out, UTF8_STRING, utf8.length);
                out.writeBytes(utf8);
            }
            case Double number -> {
                control(out, DOUBLE, Double.BYTES);
                out.writeBytes(ByteBuffer.allocate(Double.BYTES).putDouble(number).array());
            }
            case Float number -> {
                control(out, FLOAT, Float.BYTES);
                out.writeBytes(ByteBuffer.allocate(Float.BYTES).putFloat(number).array());
            }
            case Integer number -> unsigned(out, UINT16, BigInteger.valueOf(number), 2);
            case Long number -> unsigned(out, UINT32, BigInteger.valueOf(number), 4);
            case BigInteger number -> unsigned(out, UINT64, number, 8);
            case Boolean flag -> control(out, BOOLEAN, flag ? 1 : 0);
            case Map<?, ?> map -> {
                control(out, MAP, map.size());
                new TreeMap<>(map).forEach((key, child) -> {
                    write(out, (String) key);
                    write(out, child);
                });
            }
            case List<?> list -> {
                control(out, ARRAY, list.size());
                list.forEach(element -> write(out, element));
            }
            default -> throw new IllegalArgumentException("no MaxMind type for " + value.getClass().getName());
        }
    }

    private static void unsigned(ByteArrayOutputStream out, int type, BigInteger value, int maxBytes) {
        if (value.signum() < 0 || value.bitLength() > maxBytes * 8) {
            throw new IllegalArgumentException(value + " does not fit an unsigned " + maxBytes * 8 + "-bit field");
        }
        byte[] bytes = value.signum() == 0 ? new byte[0] : value.toByteArray();
        int skip = bytes.length > 0 && bytes[0] == 0 ? 1 : 0; // toByteArray's sign byte
        control(out, type, bytes.length - skip);
        out.write(bytes, skip, bytes.length - skip);
    }

    private static void control(ByteArrayOutputStream out, int type, int size) {
        int sizeBits;
        byte[] sizeBytes;
        if (size < 29) {
            sizeBits = size;
            sizeBytes = new byte[0];
        } else if (size < 29 + 256) {
            sizeBits = 29;
            sizeBytes = new byte[] {(byte) (size - 29)};
        } else if (size < 285 + 65536) {
            sizeBits = 30;
            sizeBytes = new byte[] {(byte) ((size - 285) >> 8), (byte) (size - 285)};
        } else {
            sizeBits = 31;
            int rest = size - 65821;
            sizeBytes = new byte[] {(byte) (rest >> 16), (byte) (rest >> 8), (byte) rest};
        }
        if (type <= 7) {
            out.write((type << 5) | sizeBits);
        } else {
            out.write(sizeBits);
            out.write(type - 7);
        }
        out.writeBytes(sizeBytes);
    }
}
