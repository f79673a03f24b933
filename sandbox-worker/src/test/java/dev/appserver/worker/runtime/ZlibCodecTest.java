package dev.appserver.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.appserver.worker.runtime.ZlibCodec.Format;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The Java side of zlib: framing, gzip header fields, limits and Node's error messages. */
final class ZlibCodecTest {
    private static final byte[] TEXT = "hello hello hello".getBytes(StandardCharsets.UTF_8);

    @Test
    void writesNodesGzipHeaderAndAReadableTrailer() throws IOException {
        byte[] packed = ZlibCodec.compress(TEXT, -1, Format.GZIP);

        assertThat(HexFormat.of().formatHex(packed, 0, 10)).isEqualTo("1f8b0800000000000003");
        assertThat(new GZIPInputStream(new ByteArrayInputStream(packed)).readAllBytes()).isEqualTo(TEXT);
    }

    @Test
    void readsOptionalGzipHeaderFields() {
        byte[] raw = ZlibCodec.compress(TEXT, 6, Format.RAW);
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        // FHCRC | FEXTRA | FNAME | FCOMMENT, then the fields in RFC 1952 order.
        member.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, 3});
        member.writeBytes(new byte[] {3, 0, 'x', 'y', 'z'});
        member.writeBytes("name.txt\0a comment\0".getBytes(StandardCharsets.ISO_8859_1));
        member.writeBytes(new byte[] {0x12, 0x34});
        member.writeBytes(raw);
        member.writeBytes(trailer(TEXT));

        assertThat(ZlibCodec.decompress(member.toByteArray(), Format.GZIP)).isEqualTo(TEXT);
    }

    @Test
    void readsConcatenatedMembersAndIgnoresZeroPadding() {
        byte[] first = ZlibCodec.compress("first ".getBytes(StandardCharsets.UTF_8), 1, Format.GZIP);
        byte[] second = ZlibCodec.compress("second".getBytes(StandardCharsets.UTF_8), 9, Format.GZIP);
        byte[] joined = concat(first, second, new byte[7]);

        assertThat(new String(ZlibCodec.decompress(joined, Format.GZIP), StandardCharsets.UTF_8))
                .isEqualTo("first second");
    }

    @Test
    void failsWithNodesMessages() {
        byte[] gzip = ZlibCodec.compress(TEXT, -1, Format.GZIP);

        assertFails(TEXT, Format.ZLIB, "incorrect header check");
        assertFails(TEXT, Format.GZIP, "incorrect header check");
        assertFails(new byte[0], Format.GZIP, "unexpected end of file");
        assertFails(Arrays.copyOf(gzip, 12), Format.GZIP, "unexpected end of file");
        assertFails(Arrays.copyOf(gzip, gzip.length - 3), Format.GZIP, "unexpected end of file");
        assertFails(concat(gzip, new byte[] {'x'}), Format.GZIP, "unexpected end of file");
        assertFails(concat(gzip, new byte[] {'x', 'y'}), Format.GZIP, "incorrect header check");
        byte[] unknownMethod = gzip.clone();
        unknownMethod[2] = 7;
        assertFails(unknownMethod, Format.GZIP, "unknown compression method");
        byte[] badCrc = gzip.clone();
        badCrc[gzip.length - 8] ^= 1;
        assertFails(badCrc, Format.GZIP, "incorrect data check");
        assertThatThrownBy(() -> ZlibCodec.compress(TEXT, 10, Format.ZLIB))
                .hasMessageContaining("\"options.level\" is out of range");
    }

    @Test
    void capsDecompressedOutput() {
        byte[] bomb = ZlibCodec.compress(new byte[ZlibCodec.MAX_OUTPUT_BYTES + 1], 9, Format.GZIP);

        assertThat(bomb.length).isLessThan(200_000);
        assertFails(bomb, Format.GZIP, "Cannot create a Buffer larger than 67108864 bytes");
        assertThat(ZlibCodec.decompress(
                ZlibCodec.compress(new byte[ZlibCodec.MAX_OUTPUT_BYTES], 9, Format.RAW), Format.RAW))
                .hasSize(ZlibCodec.MAX_OUTPUT_BYTES);
    }

    private static void assertFails(byte[] input, Format format, String message) {
        assertThatThrownBy(() -> ZlibCodec.decompress(input, format))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    private static byte[] trailer(byte[] plain) {
        CRC32 crc = new CRC32();
        crc.update(plain);
        long value = crc.getValue();
        int size = plain.length;
        return new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24),
                (byte) size, (byte) (size >> 8), (byte) (size >> 16), (byte) (size >> 24)};
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
