package dev.appserver.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TextEncoder, TextDecoder, atob and btoa (20-text.js) against Node 20's results. */
final class TextCodecTest {
    private final LibraryContext js = new LibraryContext();

    @AfterEach
    void close() {
        js.close();
    }

    @Test
    void conformanceCase20() {
        assertThat(js.eval("new TextEncoder().encode('\\u00e9').length").asInt()).isEqualTo(2);
        assertThat(js.string("btoa('abc')")).isEqualTo("YWJj");
    }

    @Test
    void behavesAsNodeDoes() {
        js.assertJson(new String[][] {
                {"new TextEncoder().encode('\\u00e9').length", "2"},
                {"btoa('abc')", "\"YWJj\""},
                {"(() => { const e = new TextEncoder(); return [e.encoding, e.encode().length, Object.prototype.toString.call(e.encode('x')), Buffer.isBuffer(e.encode('x')), Array.from(e.encode('\u20ac\ud83d\ude00')), e.encode('x').buffer.byteLength] })()", "[\"utf-8\",0,\"[object Uint8Array]\",false,[226,130,172,240,159,152,128],1]"},
                {"(() => { const e = new TextEncoder(); return [e.encodeInto('\u00e9a', new Uint8Array(2)), e.encodeInto('a\ud83d\ude00b', new Uint8Array(5)), e.encodeInto('abc', new Uint8Array(8))] })()", "[{\"read\":1,\"written\":2},{\"read\":3,\"written\":5},{\"read\":3,\"written\":3}]"},
                {"Array.from(new TextEncoder().encode('\\ud800'))", "[239,191,189]"},
                {"new TextDecoder().decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xc3, 0xa9]))", "\"A\u00e9\""},
                {"new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))", "\"\ufeffA\""},
                {"new TextDecoder().decode(new Uint8Array([0xe0, 0x80, 0x41, 0xff]))", "\"\ufffd\ufffdA\ufffd\""},
                {"(() => { const d = new TextDecoder(); return [d.decode(new Uint8Array([0xe2, 0x82]), { stream: true }), d.decode(new Uint8Array([0xac])), d.decode()] })()", "[\"\",\"\u20ac\",\"\"]"},
                {"(() => { const d = new TextDecoder(); return [d.decode(new Uint8Array([0xf0, 0x9f]), { stream: true }), d.decode(new Uint8Array([0x98]), { stream: true }), d.decode(new Uint8Array([0x80, 0x41]))] })()", "[\"\",\"\",\"\ud83d\ude00A\"]"},
                {"(() => { const d = new TextDecoder(); return [d.decode(new Uint8Array([0xe2, 0x82]), { stream: true }), d.decode()] })()", "[\"\",\"\ufffd\"]"},
                {"(() => { const d = new TextDecoder(); return [d.decode(new Uint8Array([0xef, 0xbb]), { stream: true }), d.decode(new Uint8Array([0xbf, 0x41]), { stream: true }), d.decode(new Uint8Array([0xef, 0xbb, 0xbf]))] })()", "[\"\",\"A\",\"\ufeff\"]"},
                {"['UTF8', 'unicode-1-1-utf-8', 'utf-16', 'utf-16le', 'ascii', 'iso-8859-1', 'latin1', ' utf-8 ', 'windows-1252'].map((label) => new TextDecoder(label).encoding)", "[\"utf-8\",\"utf-8\",\"utf-16le\",\"utf-16le\",\"windows-1252\",\"windows-1252\",\"windows-1252\",\"utf-8\",\"windows-1252\"]"},
                {"[new TextDecoder().decode(new Uint16Array([0x4241]).buffer), new TextDecoder().decode(new DataView(Uint8Array.of(0x43).buffer)), new TextDecoder().decode(Buffer.from('xyz').subarray(1)), new TextDecoder().decode()]", "[\"AB\",\"C\",\"yz\",\"\"]"},
                {"new TextDecoder('utf-16le').decode(Uint8Array.of(0xff, 0xfe, 0x41, 0, 0xe9, 0))", "\"A\u00e9\""},
                {"new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xc3, 0xa9, 0xef, 0xbf, 0xbd]))", "\"\u00e9\ufffd\""},
                {"[Object.prototype.toString.call(new TextDecoder()), String(new TextEncoder()), new TextDecoder().fatal, new TextDecoder('utf8', { fatal: true }).fatal, new TextDecoder().ignoreBOM]", "[\"[object TextDecoder]\",\"[object TextEncoder]\",false,true,false]"},
                {"[btoa(''), btoa('abc'), btoa('\\u00ff\\u00fe'), btoa(123), atob('YWJj'), atob(' YW Jj '), atob('YWI'), atob('YQ=='), atob('YQ'), atob(''), atob('/+8=')]", "[\"\",\"YWJj\",\"//4=\",\"MTIz\",\"abc\",\"abc\",\"ab\",\"a\",\"a\",\"\",\"\u00ff\u00ef\"]"},
                {"btoa(String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i)))", "\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn+AgYKDhIWGh4iJiouMjY6PkJGSk5SVlpeYmZqbnJ2en6ChoqOkpaanqKmqq6ytrq+wsbKztLW2t7i5uru8vb6/wMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX2Nna29zd3t/g4eLj5OXm5+jp6uvs7e7v8PHy8/T19vf4+fr7/P3+/w==\""},
                {"(() => { const all = String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i)); return atob(btoa(all)) === all })()", "true"},
        });
    }

    /**
     * WHATWG maps the 'latin1' label to windows-1252, as browsers and current Node do; Node 20
     * decoded it as ISO-8859-1, a bug it later fixed, so here the spec is followed instead.
     */
    @Test
    void decodesLatin1LabelAsWindows1252() {
        assertThat(js.string("new TextDecoder('latin1').decode(Uint8Array.of(0x80, 0xe9, 0x9f, 0x41))"))
                .isEqualTo("\u20ac\u00e9\u0178A");
    }

    @Test
    void rejectsBadInputWithNodesErrors() {
        js.assertErrors(new String[][] {
                {"new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xff]))", "TypeError ERR_ENCODING_INVALID_ENCODED_DATA: The encoded data was not valid for encoding utf-8"},
                {"new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0x41, 0xe2, 0x82]))", "TypeError ERR_ENCODING_INVALID_ENCODED_DATA: The encoded data was not valid for encoding utf-8"},
                {"new TextDecoder('nope')", "RangeError ERR_ENCODING_NOT_SUPPORTED: The \"nope\" encoding is not supported"},
                {"new TextDecoder().decode('abc')", "TypeError ERR_INVALID_ARG_TYPE: The \"list\" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView."},
                {"btoa('\\u0100')", "InvalidCharacterError 5: Invalid character"},
                {"btoa('\ud83d\ude00')", "InvalidCharacterError 5: Invalid character"},
                {"atob('a')", "InvalidCharacterError 5: The string to be decoded is not correctly encoded."},
                {"atob('YW=j')", "InvalidCharacterError 5: Invalid character"},
                {"atob('Y===')", "InvalidCharacterError 5: Invalid character"},
                {"atob('YQ*=')", "InvalidCharacterError 5: Invalid character"},
                {"btoa()", "TypeError ERR_MISSING_ARGS: The \"input\" argument must be specified"},
        });
    }
}
