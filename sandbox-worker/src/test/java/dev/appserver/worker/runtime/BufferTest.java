package dev.appserver.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Buffer (10-buffer.js, 11-buffer-numbers.js) against Node 20's results for the same calls. */
final class BufferTest {
    private final LibraryContext js = new LibraryContext();

    @AfterEach
    void close() {
        js.close();
    }

    @Test
    void conformanceCase20() {
        assertThat(js.string("Buffer.from('hello').toString('base64')")).isEqualTo("aGVsbG8=");
        assertThat(js.string("Buffer.from('hi').toString('hex')")).isEqualTo("6869");
        assertThat(js.string("Buffer.from('aGVsbG8=', 'base64').toString('utf8')")).isEqualTo("hello");
    }

    @Test
    void encodesAndDecodesEveryNodeEncoding() {
        js.assertJson(new String[][] {
                {"Buffer.from('h\u00e9llo w\u00f6rld \u20ac\ud83d\ude00').toString('hex')", "\"68c3a96c6c6f2077c3b6726c6420e282acf09f9880\""},
                {"Buffer.from('h\u00e9llo w\u00f6rld \u20ac\ud83d\ude00').toString('base64')", "\"aMOpbGxvIHfDtnJsZCDigqzwn5iA\""},
                {"Buffer.from('h\u00e9llo w\u00f6rld \u20ac\ud83d\ude00').toString('base64url')", "\"aMOpbGxvIHfDtnJsZCDigqzwn5iA\""},
                {"Buffer.from('h\u00e9llo w\u00f6rld \u20ac\ud83d\ude00', 'ucs2').toString('hex')", "\"6800e9006c006c006f0020007700f60072006c0064002000ac203dd800de\""},
                {"Buffer.from('h\u00e9llo \u20ac', 'latin1').toString('hex')", "\"68e96c6c6f20ac\""},
                {"Buffer.from('h\u00e9llo \u20ac', 'binary').toString('hex')", "\"68e96c6c6f20ac\""},
                {"Buffer.from('h\u00e9llo \u20ac', 'ascii').toString('hex')", "\"68e96c6c6f20ac\""},
                {"Buffer.from('h\u00e9llo \u20ac', 'utf-16le').toString('hex')", "\"6800e9006c006c006f002000ac20\""},
                {"Buffer.from('c3a9e282ac', 'hex').toString()", "\"\u00e9\u20ac\""},
                {"Buffer.from('6865zz6c6f', 'hex').toString('hex')", "\"6865\""},
                {"Buffer.from('686', 'hex').toString('hex')", "\"68\""},
                {"Buffer.from('aGVsbG8', 'base64').toString()", "\"hello\""},
                {"Buffer.from('aGV sbG8=\\n', 'base64').toString()", "\"hello\""},
                {"Buffer.from('_-8', 'base64url').toString('hex')", "\"ffef\""},
                {"Buffer.from('_-8', 'base64').toString('hex')", "\"ffef\""},
                {"Buffer.from('YQ==YQ==', 'base64').toString('hex')", "\"61\""},
                {"Buffer.from([0xc3, 0xa9, 0xff, 0x80]).toString('latin1')", "\"\u00c3\u00a9\u00ff\u0080\""},
                {"Buffer.from([0xc3, 0xa9, 0xff, 0x80]).toString('ascii')", "\"C)\u007f\\u0000\""},
                {"Buffer.from([0x41, 0x00, 0xa9, 0x00, 0x3d, 0xd8, 0x00, 0xde]).toString('ucs2')", "\"A\u00a9\ud83d\ude00\""},
                {"Buffer.from([0xe0, 0x80, 0x41, 0xf0, 0x9f, 0x98, 0x80, 0xed, 0xa0, 0x80, 0xc3]).toString()", "\"\ufffd\ufffdA\ud83d\ude00\ufffd\ufffd\ufffd\ufffd\""},
                {"Buffer.from([0xf4, 0x90, 0x80, 0x80, 0xc0, 0xaf, 0xf0, 0x9f, 0x98]).toString()", "\"\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\""},
                {"Buffer.from([0xef, 0xbb, 0xbf, 0x41]).toString()", "\"\ufeffA\""},
                {"Buffer.from('\\ud800x').toString('hex')", "\"efbfbd78\""},
                {"Buffer.from('\\udc00\\ud83d\\ude00').toString('hex')", "\"efbfbdf09f9880\""},
                {"Buffer.from('hello').toString('utf8', 1, 3)", "\"el\""},
                {"Buffer.from('hello').toString(undefined, -5, 100)", "\"hello\""},
                {"Buffer.from('hello').toString('hex', 3, 1)", "\"\""},
                {"Buffer.from('AbC', 'UTF-8').toString('HEX')", "\"416243\""},
        });
    }

    @Test
    void utf8AgreesWithJavaOverAllOfUnicode() {
        StringBuilder text = new StringBuilder();
        for (int codePoint = 0; codePoint <= 0x10FFFF; codePoint += codePoint < 0x800 ? 1 : 97) {
            if (codePoint < 0xD800 || codePoint > 0xDFFF) {
                text.appendCodePoint(codePoint);
            }
        }
        String expectedHex = HexFormat.of().formatHex(text.toString().getBytes(StandardCharsets.UTF_8));
        Value encode = js.eval("(s) => Buffer.from(s).toString('hex')");
        Value decode = js.eval("(hex) => Buffer.from(hex, 'hex').toString()");

        assertThat(encode.execute(text.toString()).asString()).isEqualTo(expectedHex);
        assertThat(decode.execute(expectedHex).asString()).isEqualTo(text.toString());
    }

    @Test
    void buildsFromArraysArrayBuffersAndBuffers() {
        js.assertJson(new String[][] {
                {"Buffer.from([1, 2, 256, -1, 3.7, '5']).toString('hex')", "\"010200ff0305\""},
                {"Buffer.from(new Uint16Array([1, 256, 65535])).toString('hex')", "\"0100ff\""},
                {"Buffer.from(new Uint16Array([1, 256]).buffer).toString('hex')", "\"01000001\""},
                {"Buffer.from(new Uint8Array([1, 2, 3, 4]).buffer, 1, 2).toString('hex')", "\"0203\""},
                {"Buffer.from({type: 'Buffer', data: [1, 2, 3]}).toString('hex')", "\"010203\""},
                {"Buffer.from({length: 3, 0: 7, 1: 8}).toString('hex')", "\"070800\""},
                {"Buffer.from(new String('abc')).toString()", "\"abc\""},
                {"Buffer.from(Buffer.from('xyz')).toString()", "\"xyz\""},
                {"(() => { const ab = new ArrayBuffer(2); const b = Buffer.from(ab); new Uint8Array(ab)[0] = 9; return b[0] })()", "9"},
                {"(() => { const a = Buffer.from('ab'); const b = Buffer.from(a); a[0] = 0; return b.toString() })()", "\"ab\""},
                {"Buffer.alloc(5).toString('hex')", "\"0000000000\""},
                {"Buffer.alloc(5, 'ab').toString()", "\"ababa\""},
                {"Buffer.alloc(5, 0x41).toString()", "\"AAAAA\""},
                {"Buffer.alloc(4, 'aGk=', 'base64').toString()", "\"hihi\""},
                {"Buffer.allocUnsafe(3).length", "3"},
                {"Buffer.allocUnsafeSlow(3).length", "3"},
                {"Buffer(3).toString('hex')", "\"000000\""},
                {"new Buffer('ab').toString()", "\"ab\""},
                {"Buffer.concat([Buffer.from('ab'), new Uint8Array([99]), Buffer.from('de')]).toString()", "\"abcde\""},
                {"Buffer.concat([Buffer.from('ab'), Buffer.from('cd')], 3).toString()", "\"abc\""},
                {"Buffer.concat([Buffer.from('ab')], 5).toString('hex')", "\"6162000000\""},
                {"Buffer.concat([]).length", "0"},
                {"[Buffer.isBuffer(Buffer.alloc(1)), Buffer.isBuffer(new Uint8Array(1)), Buffer.isBuffer('x'), Buffer.isBuffer(Buffer.from('ab').subarray(1))]", "[true,false,false,true]"},
                {"['utf8', 'UTF-8', 'hex', 'base64', 'base64url', 'latin1', 'binary', 'ascii', 'ucs2', 'ucs-2', 'utf16le', 'utf-16le', 'nope', '', null].map((e) => Buffer.isEncoding(e))", "[true,true,true,true,true,true,true,true,true,true,true,true,false,false,false]"},
                {"[Buffer.byteLength('h\u00e9llo'), Buffer.byteLength('aGVsbG8=', 'base64'), Buffer.byteLength('abcd', 'hex'), Buffer.byteLength('ab', 'ucs2'), Buffer.byteLength(new Uint8Array(7)), Buffer.byteLength(new ArrayBuffer(9)), Buffer.byteLength('\ud83d\ude00'), Buffer.byteLength('\\ud800')]", "[6,5,2,4,7,9,4,3]"},
                {"[Buffer.compare(Buffer.from('a'), Buffer.from('b')), Buffer.compare(Buffer.from('b'), Buffer.from('a')), Buffer.compare(Buffer.from('a'), Buffer.from('a')), Buffer.compare(Buffer.from('a'), Buffer.from('ab'))]", "[-1,1,0,-1]"},
                {"[typeof Buffer, Buffer.name, Buffer.poolSize, Buffer.from('a').constructor === Buffer, Object.getPrototypeOf(Buffer) === Uint8Array, Buffer.from('a') instanceof Buffer, Buffer.from('a') instanceof Uint8Array]", "[\"function\",\"Buffer\",8192,true,true,true,true]"},
        });
    }

    @Test
    void behavesAsAUint8ArrayWithNodesInstanceMethods() {
        js.assertJson(new String[][] {
                {"(() => { const b = Buffer.from('hi'); return [b[0], b[1], b[2], b.length] })()", "[104,105,null,2]"},
                {"JSON.stringify(Buffer.from('hi'))", "\"{\\\"type\\\":\\\"Buffer\\\",\\\"data\\\":[104,105]}\""},
                {"JSON.stringify({ b: Buffer.from([1, 2]) })", "\"{\\\"b\\\":{\\\"type\\\":\\\"Buffer\\\",\\\"data\\\":[1,2]}}\""},
                {"Buffer.from([1, 2, 3]).toJSON()", "{\"type\":\"Buffer\",\"data\":[1,2,3]}"},
                {"Object.prototype.toString.call(Buffer.from('a'))", "\"[object Uint8Array]\""},
                {"[...Buffer.from('ab')]", "[97,98]"},
                {"Array.from(Buffer.from('ab').entries())", "[[0,97],[1,98]]"},
                {"(() => { const m = Buffer.from('abc').map((x) => x + 1); return [Buffer.isBuffer(m), m.toString()] })()", "[true,\"bcd\"]"},
                {"[Buffer.from('abc').equals(Buffer.from('abc')), Buffer.from('abc').equals(new Uint8Array([97, 98, 99])), Buffer.from('abc').equals(Buffer.from('abd'))]", "[true,true,false]"},
                {"[Buffer.from('abc').compare(Buffer.from('abd')), Buffer.from('abc').compare(Buffer.from('xbc'), 1, 3, 1, 3)]", "[-1,0]"},
                {"(() => { const b = Buffer.from('hello'); const s = b.slice(1, 3); s[0] = 0x45; return [b.toString(), Buffer.isBuffer(s), s.length] })()", "[\"hEllo\",true,2]"},
                {"(() => { const b = Buffer.from('hello'); return [b.subarray(-3).toString(), b.slice(-3, -1).toString(), b.subarray(4, 2).length, b.slice().toString(), Buffer.isBuffer(b.subarray(1))] })()", "[\"llo\",\"ll\",0,\"hello\",true]"},
                {"(() => { const b = Buffer.alloc(8); return [b.write('h\u00e9llo'), b.toString('hex')] })()", "[6,\"68c3a96c6c6f0000\"]"},
                {"(() => { const b = Buffer.alloc(8); return [b.write('abc', 2), b.toString('hex')] })()", "[3,\"0000616263000000\"]"},
                {"(() => { const b = Buffer.alloc(8); return [b.write('abcdef', 1, 2), b.toString('hex')] })()", "[2,\"0061620000000000\"]"},
                {"(() => { const b = Buffer.alloc(8); return [b.write('ffee', 'hex'), b.toString('hex')] })()", "[2,\"ffee000000000000\"]"},
                {"(() => { const b = Buffer.alloc(8); return [b.write('ffee', 4, 'hex'), b.toString('hex')] })()", "[2,\"00000000ffee0000\"]"},
                {"(() => { const b = Buffer.alloc(3); return [b.write('a\u20ac'), b.toString('hex')] })()", "[1,\"610000\"]"},
                {"(() => { const b = Buffer.alloc(3); return [b.write('abc', 'ucs2'), b.toString('hex')] })()", "[2,\"610000\"]"},
                {"(() => { const a = Buffer.from('abcdef'); const t = Buffer.alloc(4, '.'); return [a.copy(t, 1, 2), t.toString()] })()", "[3,\".cde\"]"},
                {"(() => { const a = Buffer.from('abcdef'); return [a.copy(a, 2, 0, 3), a.toString()] })()", "[3,\"ababcf\"]"},
                {"Buffer.alloc(6).fill('ab').toString()", "\"ababab\""},
                {"Buffer.alloc(6).fill(0x61, 1, 3).toString('hex')", "\"006161000000\""},
                {"Buffer.alloc(6).fill('6162', 'hex').toString()", "\"ababab\""},
                {"Buffer.alloc(6).fill('x', 2).toString('hex')", "\"000078787878\""},
                {"Buffer.alloc(4).fill(Buffer.from([1, 2, 3])).toString('hex')", "\"01020301\""},
                {"Buffer.alloc(3).fill(257).toString('hex')", "\"010101\""},
                {"(() => { const b = Buffer.from('hello world'); return [b.indexOf('o'), b.indexOf('o', 5), b.lastIndexOf('o'), b.indexOf(Buffer.from('wor')), b.indexOf(0x77), b.indexOf('zz'), b.includes('lo w'), b.includes('xyz'), b.indexOf('o', -3)] })()", "[4,7,7,6,6,-1,true,false,-1]"},
                {"Buffer.from('hello').indexOf('6c6c', 0, 'hex')", "2"},
                {"[Buffer.from('hi')[Symbol.for('nodejs.util.inspect.custom')](), Buffer.alloc(51)[Symbol.for('nodejs.util.inspect.custom')]().slice(-20)]", "[\"<Buffer 68 69>\",\" 00 ... 1 more byte>\"]"},
                {"Buffer.from([1, 2, 3, 4]).swap16().toString('hex')", "\"02010403\""},
                {"Buffer.from([1, 2, 3, 4]).swap32().toString('hex')", "\"04030201\""},
                {"[Buffer.from('hello').latin1Slice(1, 3), Buffer.from('hi').hexSlice(), Buffer.from('hi').base64Slice(), Buffer.from('\\u00e9').utf8Slice()]", "[\"el\",\"6869\",\"aGk=\",\"\u00e9\"]"},
        });
    }

    @Test
    void readsAndWritesNumbers() {
        js.assertJson(new String[][] {
                {"(() => { const b = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]); return [b.readUInt8(0), b.readUInt16LE(0), b.readUInt16BE(0), b.readUInt32LE(0), b.readUInt32BE(4), b.readInt8(0), b.readInt16BE(6), b.readInt32LE(4), b.readUIntBE(1, 3), b.readUIntLE(0, 6), b.readIntBE(0, 6), b.readUint16LE(2), b.readUint32BE(0)] })()", "[1,513,258,67305985,84281096,1,1800,134678021,131844,6618611909121,1108152157446,1027,16909060]"},
                {"(() => { const b = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]); return [b.readDoubleLE(0), b.readDoubleBE(0), b.readFloatLE(0), b.readFloatBE(4)] })()", "[5.447603722011605e-270,8.20788039913184e-304,1.539989614439558e-36,6.301941157072183e-36]"},
                {"(() => { const b = Buffer.from([1, 2, 3, 4, 5, 6, 7, 0x88]); return [String(b.readBigUInt64LE(0)), String(b.readBigInt64LE(0)), String(b.readBigUInt64BE(0)), String(b.readBigUint64LE(0))] })()", "[\"9801809732607083009\",\"-8644934341102468607\",\"72623859790382984\",\"9801809732607083009\"]"},
                {"(() => { const b = Buffer.from([0xff, 0xfe, 0x80, 0x00]); return [b.readInt8(0), b.readInt16LE(0), b.readInt16BE(0), b.readInt32BE(0), b.readInt32LE(0), b.readIntLE(0, 3), b.readIntBE(0, 3)] })()", "[-1,-257,-2,-98304,8453887,-8323329,-384]"},
                {"(() => { const b = Buffer.alloc(16); return [b.writeUInt8(255, 0), b.writeUInt16LE(0x1234, 1), b.writeUInt16BE(0x1234, 3), b.writeUInt32LE(0xdeadbeef, 5), b.writeInt32BE(-2, 9), b.writeInt8(-1, 13), b.writeInt16LE(-300, 14), b.toString('hex')] })()", "[1,3,5,9,13,14,16,\"ff34121234efbeaddefffffffeffd4fe\"]"},
                {"(() => { const b = Buffer.alloc(16); return [b.writeDoubleLE(1.5, 0), b.writeFloatBE(-2.25, 8), b.writeUIntBE(0x123456, 12, 3), b.toString('hex')] })()", "[8,12,15,\"000000000000f83fc010000012345600\"]"},
                {"(() => { const b = Buffer.alloc(16); return [b.writeBigUInt64BE(2n ** 63n, 0), b.writeBigInt64LE(-5n, 8), b.toString('hex')] })()", "[8,16,\"8000000000000000fbffffffffffffff\"]"},
                {"(() => { const b = Buffer.alloc(8); return [b.writeIntLE(-123456, 0, 3), b.writeIntBE(-2, 3, 5), b.toString('hex')] })()", "[3,8,\"c01dfefffffffffe\"]"},
                {"(() => { const b = Buffer.alloc(4); return [b.writeUint16BE(258), b.writeUint32LE(1, 0), b.toString('hex')] })()", "[2,4,\"01000000\"]"},
        });
    }

    @Test
    void rejectsBadArgumentsWithNodesErrors() {
        js.assertErrors(new String[][] {
                {"Buffer.from('abc', 'nope')", "TypeError ERR_UNKNOWN_ENCODING: Unknown encoding: nope"},
                {"Buffer.from(5)", "TypeError ERR_INVALID_ARG_TYPE: The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received type number (5)"},
                {"Buffer.from(null)", "TypeError ERR_INVALID_ARG_TYPE: The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received null"},
                {"Buffer.from({})", "TypeError ERR_INVALID_ARG_TYPE: The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received an instance of Object"},
                {"Buffer.alloc(-1)", "RangeError ERR_OUT_OF_RANGE: The value of \"size\" is out of range. It must be >= 0 && <= 4294967296. Received -1"},
                {"Buffer.alloc('5')", "TypeError ERR_INVALID_ARG_TYPE: The \"size\" argument must be of type number. Received type string ('5')"},
                {"Buffer.concat('x')", "TypeError ERR_INVALID_ARG_TYPE: The \"list\" argument must be an instance of Array. Received type string ('x')"},
                {"Buffer.byteLength(5)", "TypeError ERR_INVALID_ARG_TYPE: The \"string\" argument must be of type string or an instance of Buffer or ArrayBuffer. Received type number (5)"},
                {"Buffer.from('a').toString('nope')", "TypeError ERR_UNKNOWN_ENCODING: Unknown encoding: nope"},
                {"Buffer.from('a').equals('a')", "TypeError ERR_INVALID_ARG_TYPE: The \"otherBuffer\" argument must be an instance of Buffer or Uint8Array. Received type string ('a')"},
                {"Buffer.alloc(2).readUInt16LE(1)", "RangeError ERR_OUT_OF_RANGE: The value of \"offset\" is out of range. It must be >= 0 and <= 0. Received 1"},
                {"Buffer.alloc(2).readUInt32LE(0)", "RangeError ERR_BUFFER_OUT_OF_BOUNDS: Attempt to access memory outside buffer bounds"},
                {"Buffer.alloc(2).readUInt8(-1)", "RangeError ERR_OUT_OF_RANGE: The value of \"offset\" is out of range. It must be >= 0 and <= 1. Received -1"},
                {"Buffer.alloc(2).readUInt8(0.5)", "RangeError ERR_OUT_OF_RANGE: The value of \"offset\" is out of range. It must be an integer. Received 0.5"},
                {"Buffer.alloc(2).readUInt8('0')", "TypeError ERR_INVALID_ARG_TYPE: The \"offset\" argument must be of type number. Received type string ('0')"},
                {"Buffer.alloc(2).writeUInt8(300)", "RangeError ERR_OUT_OF_RANGE: The value of \"value\" is out of range. It must be >= 0 and <= 255. Received 300"},
                {"Buffer.alloc(2).writeInt8(-129)", "RangeError ERR_OUT_OF_RANGE: The value of \"value\" is out of range. It must be >= -128 and <= 127. Received -129"},
                {"Buffer.alloc(4).writeUInt16LE(1, 3)", "RangeError ERR_OUT_OF_RANGE: The value of \"offset\" is out of range. It must be >= 0 and <= 2. Received 3"},
                {"Buffer.from([1, 2, 3]).swap16()", "RangeError ERR_INVALID_BUFFER_SIZE: Buffer size must be a multiple of 16-bits"},
        });
    }
}
