package dev.appserver.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** require('zlib') (50-zlib.js over {@link ZlibCodec}) against Node 20's results. */
final class ZlibTest {
    private final LibraryContext js = new LibraryContext();

    @AfterEach
    void close() {
        js.close();
    }

    @Test
    void roundTripsEveryFormatAndLevel() {
        js.eval("""
                const zlib = require('zlib');
                const data = Buffer.alloc(300000);
                for (let i = 0; i < data.length; i++) data[i] = (i * 7919) % 251 ^ (i >> 9);
                globalThis.failures = [];
                for (const [compress, decompress] of [['gzipSync', 'gunzipSync'], ['deflateSync', 'inflateSync'],
                        ['deflateRawSync', 'inflateRawSync'], ['gzipSync', 'unzipSync'], ['deflateSync', 'unzipSync']]) {
                    for (const level of [undefined, -1, 0, 1, 6, 9]) {
                        const packed = zlib[compress](data, { level });
                        if (!Buffer.isBuffer(packed) || !zlib[decompress](packed).equals(data)) failures.push(compress + level);
                    }
                }
                """);

        assertThat(js.json("failures")).isEqualTo("[]");
        assertThat(js.string("require('zlib').gunzipSync(require('zlib').gzipSync('h\u00e9llo')).toString()"))
                .isEqualTo("h\u00e9llo");
    }

    @Test
    void decodesWhatNodeAndTheJdkProduceAndFramesAsNodeDoes() throws Exception {
        js.assertJson(new String[][] {
                {"require('zlib').gunzipSync(Buffer.from('H4sIAAAAAAAAA8tIzcnJBwCGphA2BQAAAA==', 'base64')).toString()", "\"hello\""},
                {"require('zlib').inflateSync(Buffer.from('eJzLSM3JyQcABiwCFQ==', 'base64')).toString()", "\"hello\""},
                {"require('zlib').inflateRawSync(Buffer.from('y0jNyckHAA==', 'base64')).toString()", "\"hello\""},
                {"require('zlib').gunzipSync(Buffer.from('H4sIAAAAAAAAAwvJSFUoLM1MzlZIKsovz1NIy69QyCrNLShWyC9LLVIoyUhVyEmsqlRIyU/XUwihmWIAWAAeAIcAAAA=', 'base64')).toString()", "\"The quick brown fox jumps over the lazy dog. The quick brown fox jumps over the lazy dog. The quick brown fox jumps over the lazy dog. \""},
                {"require('zlib').gzipSync('hello').subarray(0, 10).toString('hex')", "\"1f8b0800000000000003\""},
                {"require('zlib').gzipSync('hello', { level: 9 }).subarray(0, 10).toString('hex')", "\"1f8b0800000000000203\""},
                {"require('zlib').gzipSync('hello', { level: 1 }).subarray(0, 10).toString('hex')", "\"1f8b0800000000000403\""},
                {"require('zlib').deflateSync('hello').subarray(0, 2).toString('hex')", "\"789c\""},
                {"require('zlib').deflateSync('hello', { level: 9 }).subarray(0, 2).toString('hex')", "\"78da\""},
                {"(() => { const z = require('zlib'); return [z.unzipSync(z.deflateSync('a')).toString(), z.unzipSync(z.gzipSync('b')).toString(), z.gunzipSync(Buffer.concat([z.gzipSync('a'), z.gzipSync('b')])).toString(), z.gunzipSync(Buffer.concat([z.gzipSync('a'), Buffer.alloc(10)])).toString()]; })()", "[\"a\",\"b\",\"ab\",\"a\"]"},
                {"(() => { const z = require('zlib'); return [z.gunzipSync(z.gzipSync(new Uint8Array([0, 255, 128]))).toString('hex'), z.inflateSync(z.deflateSync(new Uint8Array([1, 2, 3]).buffer)).toString('hex'), z.inflateRawSync(z.deflateRawSync(new Uint16Array([258]))).toString('hex'), z.gunzipSync(z.gzipSync('\u00e9\u20ac\ud83d\ude00')).toString()]; })()", "[\"00ff80\",\"010203\",\"0201\",\"\u00e9\u20ac\ud83d\ude00\"]"},
                {"(() => { const z = require('zlib'); return [z.constants.Z_BEST_COMPRESSION, z.constants.Z_DEFAULT_COMPRESSION, z.Z_DEFAULT_COMPRESSION, z.constants.Z_DATA_ERROR, z.codes.Z_DATA_ERROR, z.codes['-3'], z.constants.GZIP, z.constants.Z_DEFAULT_CHUNK]; })()", "[9,-1,-1,-3,-3,\"Z_DATA_ERROR\",3,16384]"},
        });
        ByteArrayOutputStream jdkGzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(jdkGzip)) {
            out.write("from the JDK".getBytes());
        }
        assertThat(js.string("require('zlib').gunzipSync(Buffer.from('"
                + Base64.getEncoder().encodeToString(jdkGzip.toByteArray()) + "', 'base64')).toString()"))
                .isEqualTo("from the JDK");
    }

    @Test
    void failsAsNodeDoes() {
        js.assertErrors(new String[][] {
                {"require('zlib').inflateSync(Buffer.from('hello world'))", "Error Z_DATA_ERROR: incorrect header check"},
                {"require('zlib').gunzipSync(Buffer.from('hello world'))", "Error Z_DATA_ERROR: incorrect header check"},
                {"require('zlib').inflateRawSync(Buffer.from('hello world'))", "Error Z_DATA_ERROR: invalid stored block lengths"},
                {"require('zlib').unzipSync(Buffer.from('hello world'))", "Error Z_DATA_ERROR: incorrect header check"},
                {"require('zlib').gunzipSync(require('zlib').gzipSync('hello').subarray(0, 15))", "Error Z_BUF_ERROR: unexpected end of file"},
                {"require('zlib').inflateSync(Buffer.alloc(0))", "Error Z_BUF_ERROR: unexpected end of file"},
                {"require('zlib').gunzipSync(Buffer.alloc(0))", "Error Z_BUF_ERROR: unexpected end of file"},
                {"require('zlib').gunzipSync(Buffer.concat([require('zlib').gzipSync('a'), Buffer.from('trailing garbage')]))", "Error Z_DATA_ERROR: incorrect header check"},
                {"(() => { const g = require('zlib').gzipSync('hello'); g[g.length - 8] ^= 1; require('zlib').gunzipSync(g); })()", "Error Z_DATA_ERROR: incorrect data check"},
                {"(() => { const g = require('zlib').gzipSync('hello'); g[g.length - 1] ^= 1; require('zlib').gunzipSync(g); })()", "Error Z_DATA_ERROR: incorrect length check"},
                {"(() => { const g = require('zlib').deflateSync('hello'); g[g.length - 1] ^= 1; require('zlib').inflateSync(g); })()", "Error Z_DATA_ERROR: incorrect data check"},
                {"require('zlib').gzipSync('x', { level: 12 })", "RangeError ERR_OUT_OF_RANGE: The value of \"options.level\" is out of range. It must be >= -1 and <= 9. Received 12"},
                {"require('zlib').gzipSync(5)", "TypeError ERR_INVALID_ARG_TYPE: The \"buffer\" argument must be of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer. Received type number (5)"},
                {"require('zlib').inflateSync(require('zlib').deflateSync(Buffer.alloc(1000)), { maxOutputLength: 10 })", "RangeError ERR_BUFFER_TOO_LARGE: Cannot create a Buffer larger than 10 bytes"},
                {"require('zlib').gzip('x', { level: 1 })", "TypeError ERR_INVALID_ARG_TYPE: The \"callback\" argument must be of type function. Received undefined"},
        });
        assertThat(js.json("(() => { try { require('zlib').inflateSync(Buffer.from('hello')); } catch (e) { "
                + "return [e instanceof Error, e.errno, Object.getPrototypeOf(e) === Error.prototype]; } })()"))
                .isEqualTo("[true,-3,true]");
    }

    /** A 100 MiB run of zeros deflates to about 100 KiB; inflating it must stop at 64 MiB. */
    @Test
    void refusesToInflatePastTheOutputCap() {
        Deflater deflater = new Deflater(9);
        deflater.setInput(new byte[100 << 20]);
        deflater.finish();
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        byte[] chunk = new byte[65536];
        while (!deflater.finished()) {
            bomb.write(chunk, 0, deflater.deflate(chunk));
        }
        deflater.end();
        js.eval("globalThis.bomb = Buffer.from('" + Base64.getEncoder().encodeToString(bomb.toByteArray())
                + "', 'base64')");

        assertThat(js.error("require('zlib').inflateSync(bomb)")).isEqualTo(
                "RangeError ERR_BUFFER_TOO_LARGE: Cannot create a Buffer larger than 67108864 bytes");
    }

    @Test
    void callsCallbacksAsynchronouslyWithResultsOrErrors() {
        js.eval("""
                const zlib = require('zlib');
                globalThis.order = [];
                zlib.gzip('abc', (error, packed) => {
                    order.push('gzip', error);
                    zlib.gunzip(packed, { level: 1 }, (e, plain) => order.push('gunzip', e, plain.toString()));
                });
                zlib.inflate(Buffer.from('bad'), (error, result) => order.push('inflate', error.code, error.message, result));
                order.push('returned');
                """);

        assertThat(js.json("order")).isEqualTo(
                "[\"returned\",\"gzip\",null,\"inflate\",\"Z_DATA_ERROR\",\"incorrect header check\",null,"
                        + "\"gunzip\",null,\"abc\"]");
    }
}
