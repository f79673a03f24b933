package dev.appserver.worker.runtime;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * zlib, raw deflate and gzip for the runtime library's {@code zlib} module, on java.util.zip.
 * Failures throw {@link IllegalArgumentException} with the message Node gives for the same input
 * (zlib's own, such as "incorrect header check", or "unexpected end of file" for a truncated
 * stream). Decompressed output is capped at {@link #MAX_OUTPUT_BYTES}, so a small hostile input
 * cannot expand into an out-of-memory error for the whole worker.
 *
 * <p>Gzip is framed here rather than with GZIPOutputStream so the compression level applies and
 * the header matches Node's byte for byte (no name, no mtime, OS 3).
 *
 * <p>Stateless and thread-safe.
 */
final class ZlibCodec {
    /** Largest decompressed result; past it decompression stops with Node's "too large" error. */
    static final int MAX_OUTPUT_BYTES = 64 << 20;

    /** The stream framings Node's zlib offers. */
    enum Format {
        /** RFC 1950: deflate with a zlib header and Adler-32 trailer. */
        ZLIB,
        /** RFC 1951: bare deflate. */
        RAW,
        /** RFC 1952: deflate with a gzip header and CRC-32/size trailer. */
        GZIP
    }

    private static final int CHUNK = 64 * 1024;
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private ZlibCodec() {}

    static byte[] compress(byte[] input, int level, Format format) {
        if (level < -1 || level > 9) {
            throw new IllegalArgumentException(
                    "The value of \"options.level\" is out of range. It must be >= -1 and <= 9. Received "
                            + level);
        }
        Deflater deflater = new Deflater(level, format != Format.ZLIB);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(input.length / 2 + 32);
            if (format == Format.GZIP) {
                // zlib's XFL byte: 2 for the slowest level, 4 for the fastest ones.
                int extraFlags = level == 9 ? 2 : level == 0 || level == 1 ? 4 : 0;
                out.writeBytes(new byte[] {GZIP_MAGIC_1, (byte) GZIP_MAGIC_2, 8, 0, 0, 0, 0, 0,
                        (byte) extraFlags, 3});
            }
            deflater.setInput(input);
            deflater.finish();
            byte[] chunk = new byte[CHUNK];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            if (format == Format.GZIP) {
                CRC32 crc = new CRC32();
                crc.update(input);
                writeIntLittleEndian(out, (int) crc.getValue());
                writeIntLittleEndian(out, input.length);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    static byte[] decompress(byte[] input, Format format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(input.length * 4 + 64, CHUNK));
        if (format != Format.GZIP) {
            inflate(input, 0, format == Format.RAW, out, new CRC32());
            return out.toByteArray();
        }
        int offset = 0;
        do {
            int start = out.size();
            CRC32 crc = new CRC32();
            int end = inflate(input, gzipHeaderLength(input, offset), true, out, crc);
            if (input.length - end < 8) {
                throw new IllegalArgumentException("unexpected end of file");
            }
            if (readIntLittleEndian(input, end) != (int) crc.getValue()) {
                throw new IllegalArgumentException("incorrect data check");
            }
            if (readIntLittleEndian(input, end + 4) != out.size() - start) {
                throw new IllegalArgumentException("incorrect length check");
            }
            offset = end + 8;
            // As in Node, whatever follows a member is another member, except zero padding.
        } while (offset < input.length && input[offset] != 0);
        return out.toByteArray();
    }

    /**
     * Inflates one stream starting at offset into out, adding its output to crc; returns the offset
     * just past the stream.
     */
    private static int inflate(
            byte[] input, int offset, boolean raw, ByteArrayOutputStream out, CRC32 crc) {
        Inflater inflater = new Inflater(raw);
        try {
            inflater.setInput(input, offset, input.length - offset);
            byte[] chunk = new byte[CHUNK];
            while (!inflater.finished()) {
                int count = inflater.inflate(chunk);
                if (count == 0 && inflater.needsDictionary()) {
                    throw new IllegalArgumentException("Missing dictionary");
                }
                if (count == 0 && inflater.needsInput()) {
                    throw new IllegalArgumentException("unexpected end of file");
                }
                if (out.size() + count > MAX_OUTPUT_BYTES) {
                    throw new IllegalArgumentException(
                            "Cannot create a Buffer larger than " + MAX_OUTPUT_BYTES + " bytes");
                }
                out.write(chunk, 0, count);
                crc.update(chunk, 0, count);
            }
            return input.length - inflater.getRemaining();
        } catch (DataFormatException e) {
            throw new IllegalArgumentException(e.getMessage() == null ? "invalid data" : e.getMessage());
        } finally {
            inflater.end();
        }
    }

    /** Validates the gzip member header at offset (RFC 1952 2.3) and returns its length. */
    private static int gzipHeaderLength(byte[] input, int offset) {
        if (input.length - offset >= 2 && !hasMagic(input, offset)) {
            throw new IllegalArgumentException("incorrect header check");
        }
        advance(input, offset, 10);
        if (input[offset + 2] != 8) {
            throw new IllegalArgumentException("unknown compression method");
        }
        int flags = input[offset + 3] & 0xff;
        int position = offset + 10;
        if ((flags & 4) != 0) { // FEXTRA: two-byte length, then that many bytes
            position = advance(input, position, 2);
            position = advance(input, position,
                    (input[position - 2] & 0xff) | (input[position - 1] & 0xff) << 8);
        }
        for (int flag : new int[] {8, 16}) { // FNAME, FCOMMENT: zero-terminated strings
            if ((flags & flag) != 0) {
                do {
                    position = advance(input, position, 1);
                } while (input[position - 1] != 0);
            }
        }
        if ((flags & 2) != 0) { // FHCRC
            position = advance(input, position, 2);
        }
        return position;
    }

    private static boolean hasMagic(byte[] input, int offset) {
        return (input[offset] & 0xff) == GZIP_MAGIC_1 && (input[offset + 1] & 0xff) == GZIP_MAGIC_2;
    }

    /** Returns position + count, or fails as a truncated stream if the input is shorter. */
    private static int advance(byte[] input, int position, int count) {
        if (input.length - position < count) {
            throw new IllegalArgumentException("unexpected end of file");
        }
        return position + count;
    }

    private static void writeIntLittleEndian(ByteArrayOutputStream out, int value) {
        for (int shift = 0; shift < 32; shift += 8) {
            out.write(value >>> shift);
        }
    }

    private static int readIntLittleEndian(byte[] input, int offset) {
        return (input[offset] & 0xff) | (input[offset + 1] & 0xff) << 8
                | (input[offset + 2] & 0xff) << 16 | (input[offset + 3] & 0xff) << 24;
    }
}
