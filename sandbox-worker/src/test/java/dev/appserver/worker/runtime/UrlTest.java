package dev.appserver.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * URL, URLSearchParams (30-url.js) and require('url') (31-url-legacy.js) against Node 20's
 * results for the same inputs.
 */
final class UrlTest {
    private final LibraryContext js = new LibraryContext();

    @AfterEach
    void close() {
        js.close();
    }

    /** The exact calls of conformance case 11, on its event's $current_url. */
    @Test
    void conformanceCase11() {
        js.eval("""
                const { URL, URLSearchParams } = require('url');
                const url = new URL('https://example.com/a?utm_source=x');
                globalThis.result = {
                    host: url.host,
                    path: url.pathname,
                    utm_source: url.searchParams.get('utm_source'),
                    all_a: new URLSearchParams('a=1&a=2&b=3').getAll('a'),
                    global_url: typeof globalThis.URL === 'function',
                };
                """);

        assertThat(js.json("result")).isEqualTo(
                "{\"host\":\"example.com\",\"path\":\"/a\",\"utm_source\":\"x\",\"all_a\":[\"1\",\"2\"],"
                        + "\"global_url\":true}");
    }

    @Test
    void parsesAndResolvesAsWhatwgSays() {
        js.eval("globalThis.parts = (...a) => { const x = new URL(...a); return [x.href, x.origin, x.protocol, "
                + "x.username, x.password, x.host, x.hostname, x.port, x.pathname, x.search, x.hash]; }");
        js.assertJson(new String[][] {
                {"parts(\"HTTP://User:Pa ss@EXAMPLE.com:80/a/./b/../c d/\u00e9?q=a b&\u00e9=1#frag ment\")", "[\"http://User:Pa%20ss@example.com/a/c%20d/%C3%A9?q=a%20b&%C3%A9=1#frag%20ment\",\"http://example.com\",\"http:\",\"User\",\"Pa%20ss\",\"example.com\",\"example.com\",\"\",\"/a/c%20d/%C3%A9\",\"?q=a%20b&%C3%A9=1\",\"#frag%20ment\"]"},
                {"parts(\"https://example.com:443\")", "[\"https://example.com/\",\"https://example.com\",\"https:\",\"\",\"\",\"example.com\",\"example.com\",\"\",\"/\",\"\",\"\"]"},
                {"parts(\"http://x/a^b{c}|d`e\\\"f<g>h\")", "[\"http://x/a^b%7Bc%7D|d%60e%22f%3Cg%3Eh\",\"http://x\",\"http:\",\"\",\"\",\"x\",\"x\",\"\",\"/a^b%7Bc%7D|d%60e%22f%3Cg%3Eh\",\"\",\"\"]"},
                {"parts(\"http://x/?a='\\\"<>`{}|^\")", "[\"http://x/?a=%27%22%3C%3E`{}|^\",\"http://x\",\"http:\",\"\",\"\",\"x\",\"x\",\"\",\"/\",\"?a=%27%22%3C%3E`{}|^\",\"\"]"},
                {"parts(\"foo://x/?a='\")", "[\"foo://x/?a='\",\"null\",\"foo:\",\"\",\"\",\"x\",\"x\",\"\",\"/\",\"?a='\",\"\"]"},
                {"parts(\"b\", \"http://x/a/\")", "[\"http://x/a/b\",\"http://x\",\"http:\",\"\",\"\",\"x\",\"x\",\"\",\"/a/b\",\"\",\"\"]"},
                {"parts(\"../c?d\", \"http://x/a/b/\")", "[\"http://x/a/c?d\",\"http://x\",\"http:\",\"\",\"\",\"x\",\"x\",\"\",\"/a/c\",\"?d\",\"\"]"},
                {"parts(\"//y/z\", \"https://x/a\")", "[\"https://y/z\",\"https://y\",\"https:\",\"\",\"\",\"y\",\"y\",\"\",\"/z\",\"\",\"\"]"},
                {"parts(\"?q\", \"http://x/p?o#h\")", "[\"http://x/p?q\",\"http://x\",\"http:\",\"\",\"\",\"x\",\"x\",\"\",\"/p\",\"?q\",\"\"]"},
                {"parts(\"#f\", \"http://x/p?o#h\")", "[\"http://x/p?o#f\",\"http://x\",\"http:\",\"\",\"\",\"x\",\"x\",\"\",\"/p\",\"?o\",\"#f\"]"},
                {"parts(\"\", \"http://x/p?o#h\")", "[\"http://x/p?o\",\"http://x\",\"http:\",\"\",\"\",\"x\",\"x\",\"\",\"/p\",\"?o\",\"\"]"},
                {"parts(\"/abs\", \"http://x/a/b\")", "[\"http://x/abs\",\"http://x\",\"http:\",\"\",\"\",\"x\",\"x\",\"\",\"/abs\",\"\",\"\"]"},
                {"parts(\"mailto:Joe@Example.com\")", "[\"mailto:Joe@Example.com\",\"null\",\"mailto:\",\"\",\"\",\"\",\"\",\"\",\"Joe@Example.com\",\"\",\"\"]"},
                {"parts(\"javascript:alert(1)\")", "[\"javascript:alert(1)\",\"null\",\"javascript:\",\"\",\"\",\"\",\"\",\"\",\"alert(1)\",\"\",\"\"]"},
                {"parts(\"data:text/plain,hi there\")", "[\"data:text/plain,hi there\",\"null\",\"data:\",\"\",\"\",\"\",\"\",\"\",\"text/plain,hi there\",\"\",\"\"]"},
                {"parts(\"http://0x7f.1/\")", "[\"http://127.0.0.1/\",\"http://127.0.0.1\",\"http:\",\"\",\"\",\"127.0.0.1\",\"127.0.0.1\",\"\",\"/\",\"\",\"\"]"},
                {"parts(\"http://[::1]:8080/\")", "[\"http://[::1]:8080/\",\"http://[::1]:8080\",\"http:\",\"\",\"\",\"[::1]:8080\",\"[::1]\",\"8080\",\"/\",\"\",\"\"]"},
                {"parts(\"http://[2001:db8:0:0:1:0:0:1]/\")", "[\"http://[2001:db8::1:0:0:1]/\",\"http://[2001:db8::1:0:0:1]\",\"http:\",\"\",\"\",\"[2001:db8::1:0:0:1]\",\"[2001:db8::1:0:0:1]\",\"\",\"/\",\"\",\"\"]"},
                {"parts(\"http://b\u00fccher.de/\")", "[\"http://xn--bcher-kva.de/\",\"http://xn--bcher-kva.de\",\"http:\",\"\",\"\",\"xn--bcher-kva.de\",\"xn--bcher-kva.de\",\"\",\"/\",\"\",\"\"]"},
                {"parts(\"https://m\u00fcnchen.de/stra\u00dfe?q=\u00e4#\u00f6\")", "[\"https://xn--mnchen-3ya.de/stra%C3%9Fe?q=%C3%A4#%C3%B6\",\"https://xn--mnchen-3ya.de\",\"https:\",\"\",\"\",\"xn--mnchen-3ya.de\",\"xn--mnchen-3ya.de\",\"\",\"/stra%C3%9Fe\",\"?q=%C3%A4\",\"#%C3%B6\"]"},
                {"parts(\"http:\\\\\\\\x\\\\y\\\\z\")", "[\"http://x/y/z\",\"http://x\",\"http:\",\"\",\"\",\"x\",\"x\",\"\",\"/y/z\",\"\",\"\"]"},
                {"parts(\"http://x/%2e%2E/a/%2e/b\")", "[\"http://x/a/b\",\"http://x\",\"http:\",\"\",\"\",\"x\",\"x\",\"\",\"/a/b\",\"\",\"\"]"},
                {"parts(\"file:///C:/a/../b\")", "[\"file:///C:/b\",\"null\",\"file:\",\"\",\"\",\"\",\"\",\"\",\"/C:/b\",\"\",\"\"]"},
                {"parts(\"file://host/share/x\")", "[\"file://host/share/x\",\"null\",\"file:\",\"\",\"\",\"host\",\"host\",\"\",\"/share/x\",\"\",\"\"]"},
                {"parts(\"non-spec:/a/../b\")", "[\"non-spec:/b\",\"null\",\"non-spec:\",\"\",\"\",\"\",\"\",\"\",\"/b\",\"\",\"\"]"},
                {"parts(\"non-spec://H/a\")", "[\"non-spec://H/a\",\"null\",\"non-spec:\",\"\",\"\",\"H\",\"H\",\"\",\"/a\",\"\",\"\"]"},
                {"parts(\"ws://x:80/\")", "[\"ws://x/\",\"ws://x\",\"ws:\",\"\",\"\",\"x\",\"x\",\"\",\"/\",\"\",\"\"]"},
                {"parts(\"http://x/a/..\")", "[\"http://x/\",\"http://x\",\"http:\",\"\",\"\",\"x\",\"x\",\"\",\"/\",\"\",\"\"]"},
                {"parts(\"  http://x/\\t\\na  \")", "[\"http://x/a\",\"http://x\",\"http:\",\"\",\"\",\"x\",\"x\",\"\",\"/a\",\"\",\"\"]"},
                {"parts(\"http://a@b@c/\")", "[\"http://a%40b@c/\",\"http://c\",\"http:\",\"a%40b\",\"\",\"c\",\"c\",\"\",\"/\",\"\",\"\"]"},
                {"parts(\"blob:https://x.com/uuid\")", "[\"blob:https://x.com/uuid\",\"https://x.com\",\"blob:\",\"\",\"\",\"\",\"\",\"\",\"https://x.com/uuid\",\"\",\"\"]"},
                {"parts(\"http://x.com./\")", "[\"http://x.com./\",\"http://x.com.\",\"http:\",\"\",\"\",\"x.com.\",\"x.com.\",\"\",\"/\",\"\",\"\"]"},
                {"parts(\"https://%41.com/\")", "[\"https://a.com/\",\"https://a.com\",\"https:\",\"\",\"\",\"a.com\",\"a.com\",\"\",\"/\",\"\",\"\"]"},
                {"parts(\"http://x?a#b?c\")", "[\"http://x/?a#b?c\",\"http://x\",\"http:\",\"\",\"\",\"x\",\"x\",\"\",\"/\",\"?a\",\"#b?c\"]"},
                {"parts(\"HTTP://x/%7e%7E\")", "[\"http://x/%7e%7E\",\"http://x\",\"http:\",\"\",\"\",\"x\",\"x\",\"\",\"/%7e%7E\",\"\",\"\"]"},
                {"parts(\"http://[::ffff:192.168.0.1]/\")", "[\"http://[::ffff:c0a8:1]/\",\"http://[::ffff:c0a8:1]\",\"http:\",\"\",\"\",\"[::ffff:c0a8:1]\",\"[::ffff:c0a8:1]\",\"\",\"/\",\"\",\"\"]"},
                {"parts(\"http:foo\", \"http://x/a/b\")", "[\"http://x/a/foo\",\"http://x\",\"http:\",\"\",\"\",\"x\",\"x\",\"\",\"/a/foo\",\"\",\"\"]"},
                {"parts(\"web+demo:/.//not-a-host/\")", "[\"web+demo:/.//not-a-host/\",\"null\",\"web+demo:\",\"\",\"\",\"\",\"\",\"\",\"//not-a-host/\",\"\",\"\"]"},
                {"parts(\"file:foo\")", "[\"file:///foo\",\"null\",\"file:\",\"\",\"\",\"\",\"\",\"\",\"/foo\",\"\",\"\"]"},
                {"parts(\"http://x/\\ud800\")", "[\"http://x/%EF%BF%BD\",\"http://x\",\"http:\",\"\",\"\",\"x\",\"x\",\"\",\"/%EF%BF%BD\",\"\",\"\"]"},
                {"parts(\"http://x\u3002com/\")", "[\"http://x.com/\",\"http://x.com\",\"http:\",\"\",\"\",\"x.com\",\"x.com\",\"\",\"/\",\"\",\"\"]"},
                {"parts(\"http://1.2.3/\")", "[\"http://1.2.0.3/\",\"http://1.2.0.3\",\"http:\",\"\",\"\",\"1.2.0.3\",\"1.2.0.3\",\"\",\"/\",\"\",\"\"]"},
                {"parts(\"http://0300.0250.0.1/\")", "[\"http://192.168.0.1/\",\"http://192.168.0.1\",\"http:\",\"\",\"\",\"192.168.0.1\",\"192.168.0.1\",\"\",\"/\",\"\",\"\"]"},
                {"parts(\"http://4294967295/\")", "[\"http://255.255.255.255/\",\"http://255.255.255.255\",\"http:\",\"\",\"\",\"255.255.255.255\",\"255.255.255.255\",\"\",\"/\",\"\",\"\"]"},
                {"parts(\"g;x?y#s\", \"http://a/b/c/d;p?q\")", "[\"http://a/b/c/g;x?y#s\",\"http://a\",\"http:\",\"\",\"\",\"a\",\"a\",\"\",\"/b/c/g;x\",\"?y\",\"#s\"]"},
                {"parts(\"../../../g\", \"http://a/b/c/d;p?q\")", "[\"http://a/g\",\"http://a\",\"http:\",\"\",\"\",\"a\",\"a\",\"\",\"/g\",\"\",\"\"]"},
                {"parts(\"#x\", \"mailto:a@b\")", "[\"mailto:a@b#x\",\"null\",\"mailto:\",\"\",\"\",\"\",\"\",\"\",\"a@b\",\"\",\"#x\"]"},
                {"parts(\"https://www.example.com/path/to/page?utm_source=google&utm_medium=cpc&utm_campaign=spring%20sale&gclid=abc123#section-2\")", "[\"https://www.example.com/path/to/page?utm_source=google&utm_medium=cpc&utm_campaign=spring%20sale&gclid=abc123#section-2\",\"https://www.example.com\",\"https:\",\"\",\"\",\"www.example.com\",\"www.example.com\",\"\",\"/path/to/page\",\"?utm_source=google&utm_medium=cpc&utm_campaign=spring%20sale&gclid=abc123\",\"#section-2\"]"},
                {"parts(\"http://x:00080/\")", "[\"http://x/\",\"http://x\",\"http:\",\"\",\"\",\"x\",\"x\",\"\",\"/\",\"\",\"\"]"},
                {"parts(\"http://x:65535/\")", "[\"http://x:65535/\",\"http://x:65535\",\"http:\",\"\",\"\",\"x:65535\",\"x\",\"65535\",\"/\",\"\",\"\"]"},
        });
    }

    @Test
    void rejectsInvalidUrlsWithTypeError() {
        js.assertErrors(new String[][] {
                {"new URL(\"foo\")", "TypeError ERR_INVALID_URL: Invalid URL"},
                {"new URL(\"http://\")", "TypeError ERR_INVALID_URL: Invalid URL"},
                {"new URL(\"http://exa mple.com\")", "TypeError ERR_INVALID_URL: Invalid URL"},
                {"new URL(\"http://x:99999\")", "TypeError ERR_INVALID_URL: Invalid URL"},
                {"new URL(\"http://1.2.3.4.5/\")", "TypeError ERR_INVALID_URL: Invalid URL"},
                {"new URL(\"http://256.0.0.1/\")", "TypeError ERR_INVALID_URL: Invalid URL"},
                {"new URL(\"http://user@/\")", "TypeError ERR_INVALID_URL: Invalid URL"},
                {"new URL(\"bad\", \"nope:\")", "TypeError ERR_INVALID_URL: Invalid URL"},
                {"new URL(\"http://ex%00ample.com\")", "TypeError ERR_INVALID_URL: Invalid URL"},
                {"new URL(\"non-spec:// x/a\")", "TypeError ERR_INVALID_URL: Invalid URL"},
                {"new URL(\"http://09.0.0.1/\")", "TypeError ERR_INVALID_URL: Invalid URL"},
                {"new URL(\"http://[1:2:3:4:5:6:7:8:9]/\")", "TypeError ERR_INVALID_URL: Invalid URL"},
                {"new URL(\"x\", \"mailto:a@b\")", "TypeError ERR_INVALID_URL: Invalid URL"},
                {"new URL(\"http://4294967296/\")", "TypeError ERR_INVALID_URL: Invalid URL"},
                {"new URL(\"http://x:65536/\")", "TypeError ERR_INVALID_URL: Invalid URL"},
        });
    }

    @Test
    void keepsSearchParamsLinkedAndAppliesSetters() {
        js.assertJson(new String[][] {
                {"(() => { const u = new URL('http://x/p?a=1&b=2'); const sp = u.searchParams; sp.append('c', '3 4'); const r = [u.href]; u.search = '?z=9'; r.push(sp.get('z'), sp.toString()); sp.delete('z'); r.push(u.href, u.search); u.href = 'https://y:8443/q#h'; r.push(sp.toString(), u.port, u.searchParams === sp); return r })()", "[\"http://x/p?a=1&b=2&c=3+4\",\"9\",\"z=9\",\"http://x/p\",\"\",\"\",\"8443\",true]"},
                {"(() => { const u = new URL('http://x/'); u.searchParams.set('q', 'a+b c&d=\u00e9'); return [u.href, u.search, u.searchParams.get('q')] })()", "[\"http://x/?q=a%2Bb+c%26d%3D%C3%A9\",\"?q=a%2Bb+c%26d%3D%C3%A9\",\"a+b c&d=\u00e9\"]"},
                {"(() => { const u = new URL('http://x/?b=2&a=1'); u.searchParams.sort(); return u.href })()", "\"http://x/?a=1&b=2\""},
                {"(() => { const u = new URL('http://x/?a=b c'); u.searchParams.sort(); return [u.href, u.search] })()", "[\"http://x/?a=b+c\",\"?a=b+c\"]"},
                {"(() => { const u = new URL('https://y:8443/q#h'); const r = []; u.port = '443'; r.push(u.href); u.protocol = 'ftp'; r.push(u.href); u.protocol = 'foo'; r.push(u.href); u.host = 'Z.com:99'; r.push(u.href); u.hostname = 'w'; r.push(u.href); u.pathname = 'a b/../c'; r.push(u.href); u.hash = 'x y'; r.push(u.href); u.username = 'u@'; u.password = 'p:'; r.push(u.href); u.hash = ''; u.search = ''; r.push(u.href); return r })()", "[\"https://y/q#h\",\"ftp://y/q#h\",\"ftp://y/q#h\",\"ftp://z.com:99/q#h\",\"ftp://w:99/q#h\",\"ftp://w:99/c#h\",\"ftp://w:99/c#x%20y\",\"ftp://u%40:p%3A@w:99/c#x%20y\",\"ftp://u%40:p%3A@w:99/c\"]"},
                {"(() => { const u = new URL('http://x/'); const r = []; u.port = '8080abc'; r.push(u.href); u.port = ''; r.push(u.href); u.port = 'abc'; r.push(u.href); u.host = 'example.com:65536'; r.push(u.href); u.hostname = 'a:1'; r.push(u.href); u.host = ''; r.push(u.href); u.protocol = 'https:'; r.push(u.href); u.pathname = '?#'; r.push(u.href); u.search = 'a=1#x'; r.push(u.href); u.hash = '#a#b'; r.push(u.href); u.search = '?'; r.push(u.href, u.search); return r })()", "[\"http://x:8080/\",\"http://x/\",\"http://x/\",\"http://example.com/\",\"http://example.com/\",\"http://example.com/\",\"https://example.com/\",\"https://example.com/%3F%23\",\"https://example.com/%3F%23?a=1%23x\",\"https://example.com/%3F%23?a=1%23x#a#b\",\"https://example.com/%3F%23?#a#b\",\"\"]"},
                {"(() => { const u = new URL('mailto:a@b'); u.pathname = 'x'; u.host = 'y'; u.hash = 'h'; return u.href })()", "\"mailto:a@b#h\""},
                {"(() => { const u = new URL('http://x/'); try { u.href = 'nope'; } catch (e) { return [e.name, e.code, u.href]; } })()", "[\"TypeError\",\"ERR_INVALID_URL\",\"http://x/\"]"},
                {"[Object.prototype.toString.call(new URL('http://x')), JSON.stringify({ u: new URL('http://x/a') }), String(new URL('http://x/a')), new URL('http://x/a').toJSON(), new URL(new URL('http://x/a'), 'http://y/').href, new URL('b', new URL('http://x/a/')).href]", "[\"[object URL]\",\"{\\\"u\\\":\\\"http://x/a\\\"}\",\"http://x/a\",\"http://x/a\",\"http://x/a\",\"http://x/a/b\"]"},
                {"[URL.canParse('x'), URL.canParse('x', 'http://y'), URL.canParse('http://x')]", "[false,true,true]"},
                {"(() => { try { new URL('x', 'bad base'); } catch (e) { return [e.message, e.input, e.base]; } })()", "[\"Invalid URL\",\"x\",\"bad base\"]"},
                {"(() => { const r = []; for (const k in new URL('http://x/')) r.push(k); return [r, Object.keys(new URL('http://x/'))]; })()", "[[\"toString\",\"href\",\"origin\",\"protocol\",\"username\",\"password\",\"host\",\"hostname\",\"port\",\"pathname\",\"search\",\"searchParams\",\"hash\",\"toJSON\"],[]]"},
        });
    }

    @Test
    void parsesSerializesAndEditsSearchParams() {
        js.assertJson(new String[][] {
                {"(() => { const p = new URLSearchParams('?a=1&b=%20x+y&c&=d&a=2&e=%zz&f=%C3%A9&g=%FF'); return [[...p], p.toString(), p.size]; })()", "[[[\"a\",\"1\"],[\"b\",\" x y\"],[\"c\",\"\"],[\"\",\"d\"],[\"a\",\"2\"],[\"e\",\"%zz\"],[\"f\",\"\u00e9\"],[\"g\",\"\ufffd\"]],\"a=1&b=+x+y&c=&=d&a=2&e=%25zz&f=%C3%A9&g=%EF%BF%BD\",8]"},
                {"new URLSearchParams({ x: '1 2', y: \"\u00e9!'()~*-._\" }).toString()", "\"x=1+2&y=%C3%A9%21%27%28%29%7E*-._\""},
                {"new URLSearchParams([['a', 'b'], ['c', 'd']]).toString()", "\"a=b&c=d\""},
                {"new URLSearchParams(new Map([['m', '1']])).toString()", "\"m=1\""},
                {"new URLSearchParams(new URLSearchParams('z=1&z=2')).getAll('z')", "[\"1\",\"2\"]"},
                {"new URLSearchParams('??a=1').toString()", "\"%3Fa=1\""},
                {"new URLSearchParams(123).toString()", "\"123=\""},
                {"new URLSearchParams('a=\\ud800').toString()", "\"a=%EF%BF%BD\""},
                {"(() => { const q = new URLSearchParams('b=2&a=1&b=1&a=0'); const r = []; q.sort(); r.push(q.toString()); q.set('b', 'x'); r.push(q.toString(), q.has('a'), q.has('a', '9'), q.has('a', '0'), q.getAll('zz'), q.get('zz')); q.delete('a', '0'); r.push(q.toString()); const f = []; q.forEach((v, k, o) => f.push(k + '=' + v, o === q)); r.push(f, [...q.keys()], [...q.values()], [...q.entries()]); return r; })()", "[\"a=1&a=0&b=2&b=1\",\"a=1&a=0&b=x\",true,false,true,[],null,\"a=1&b=x\",[\"a=1\",true,\"b=x\",true],[\"a\",\"b\"],[\"1\",\"x\"],[[\"a\",\"1\"],[\"b\",\"x\"]]]"},
                {"(() => { const p = new URLSearchParams('a=1&b=2&c=3'); const r = []; for (const [k] of p) { r.push(k); if (k === 'a') p.delete('b'); } return r; })()", "[\"a\",\"c\"]"},
                {"[Object.prototype.toString.call(new URLSearchParams()), Object.prototype.toString.call(new URLSearchParams().keys())]", "[\"[object URLSearchParams]\",\"[object URLSearchParams Iterator]\"]"},
                {"(() => { const r = []; for (const k in new URLSearchParams('a=1')) r.push(k); return r; })()", "[\"size\",\"append\",\"delete\",\"get\",\"getAll\",\"has\",\"set\",\"sort\",\"entries\",\"forEach\",\"keys\",\"values\",\"toString\"]"},
        });
        js.assertErrors(new String[][] {
                {"new URLSearchParams([['a']])", "TypeError ERR_INVALID_TUPLE: Each query pair must be an iterable [name, value] tuple"},
                {"new URLSearchParams(['ab'])", "TypeError ERR_INVALID_TUPLE: Each query pair must be an iterable [name, value] tuple"},
                {"new URLSearchParams().get()", "TypeError ERR_MISSING_ARGS: The \"name\" argument must be specified"},
                {"new URLSearchParams().append('a')", "TypeError ERR_MISSING_ARGS: The \"name\" and \"value\" arguments must be specified"},
                {"new URL()", "TypeError ERR_MISSING_ARGS: The \"url\" argument must be specified"},
        });
    }

    @Test
    void legacyParseFormatAndResolve() {
        js.eval("globalThis.url = require('url'); globalThis.legacy = (...a) => { const r = url.parse(...a); "
                + "return [Object.assign({}, r), r.query !== null && typeof r.query === 'object' "
                + "? Object.getPrototypeOf(r.query) === null : 'n/a']; }");
        js.assertJson(new String[][] {
                {"legacy('https://user:pw@Example.COM:8080/p/a/t/h?query=string&a=1&a=2#hash', true)", "[{\"protocol\":\"https:\",\"slashes\":true,\"auth\":\"user:pw\",\"host\":\"example.com:8080\",\"port\":\"8080\",\"hostname\":\"example.com\",\"hash\":\"#hash\",\"search\":\"?query=string&a=1&a=2\",\"query\":{\"query\":\"string\",\"a\":[\"1\",\"2\"]},\"pathname\":\"/p/a/t/h\",\"path\":\"/p/a/t/h?query=string&a=1&a=2\",\"href\":\"https://user:pw@example.com:8080/p/a/t/h?query=string&a=1&a=2#hash\"},true]"},
                {"legacy('https://user:pw@Example.COM:8080/p/a/t/h?query=string#hash')", "[{\"protocol\":\"https:\",\"slashes\":true,\"auth\":\"user:pw\",\"host\":\"example.com:8080\",\"port\":\"8080\",\"hostname\":\"example.com\",\"hash\":\"#hash\",\"search\":\"?query=string\",\"query\":\"query=string\",\"pathname\":\"/p/a/t/h\",\"path\":\"/p/a/t/h?query=string\",\"href\":\"https://user:pw@example.com:8080/p/a/t/h?query=string#hash\"},\"n/a\"]"},
                {"legacy('http://x.com')", "[{\"protocol\":\"http:\",\"slashes\":true,\"auth\":null,\"host\":\"x.com\",\"port\":null,\"hostname\":\"x.com\",\"hash\":null,\"search\":null,\"query\":null,\"pathname\":\"/\",\"path\":\"/\",\"href\":\"http://x.com/\"},\"n/a\"]"},
                {"legacy('http://x.com', true)", "[{\"protocol\":\"http:\",\"slashes\":true,\"auth\":null,\"host\":\"x.com\",\"port\":null,\"hostname\":\"x.com\",\"hash\":null,\"search\":null,\"query\":{},\"pathname\":\"/\",\"path\":\"/\",\"href\":\"http://x.com/\"},true]"},
                {"legacy('/just/a/path?x=1')", "[{\"protocol\":null,\"slashes\":null,\"auth\":null,\"host\":null,\"port\":null,\"hostname\":null,\"hash\":null,\"search\":\"?x=1\",\"query\":\"x=1\",\"pathname\":\"/just/a/path\",\"path\":\"/just/a/path?x=1\",\"href\":\"/just/a/path?x=1\"},\"n/a\"]"},
                {"legacy('/just/a/path?x=1', true)", "[{\"protocol\":null,\"slashes\":null,\"auth\":null,\"host\":null,\"port\":null,\"hostname\":null,\"hash\":null,\"search\":\"?x=1\",\"query\":{\"x\":\"1\"},\"pathname\":\"/just/a/path\",\"path\":\"/just/a/path?x=1\",\"href\":\"/just/a/path?x=1\"},true]"},
                {"legacy('foo/bar')", "[{\"protocol\":null,\"slashes\":null,\"auth\":null,\"host\":null,\"port\":null,\"hostname\":null,\"hash\":null,\"search\":null,\"query\":null,\"pathname\":\"foo/bar\",\"path\":\"foo/bar\",\"href\":\"foo/bar\"},\"n/a\"]"},
                {"legacy('mailto:someone@example.com')", "[{\"protocol\":\"mailto:\",\"slashes\":null,\"auth\":\"someone\",\"host\":\"example.com\",\"port\":null,\"hostname\":\"example.com\",\"hash\":null,\"search\":null,\"query\":null,\"pathname\":null,\"path\":null,\"href\":\"mailto:someone@example.com\"},\"n/a\"]"},
                {"legacy('//host/path')", "[{\"protocol\":null,\"slashes\":null,\"auth\":null,\"host\":null,\"port\":null,\"hostname\":null,\"hash\":null,\"search\":null,\"query\":null,\"pathname\":\"//host/path\",\"path\":\"//host/path\",\"href\":\"//host/path\"},\"n/a\"]"},
                {"legacy('//host/path', false, true)", "[{\"protocol\":null,\"slashes\":true,\"auth\":null,\"host\":\"host\",\"port\":null,\"hostname\":\"host\",\"hash\":null,\"search\":null,\"query\":null,\"pathname\":\"/path\",\"path\":\"/path\",\"href\":\"//host/path\"},\"n/a\"]"},
                {"legacy('http://x.com/a b?c d#e f')", "[{\"protocol\":\"http:\",\"slashes\":true,\"auth\":null,\"host\":\"x.com\",\"port\":null,\"hostname\":\"x.com\",\"hash\":\"#e%20f\",\"search\":\"?c%20d\",\"query\":\"c%20d\",\"pathname\":\"/a%20b\",\"path\":\"/a%20b?c%20d\",\"href\":\"http://x.com/a%20b?c%20d#e%20f\"},\"n/a\"]"},
                {"legacy('HTTP://X.com/A?B')", "[{\"protocol\":\"http:\",\"slashes\":true,\"auth\":null,\"host\":\"x.com\",\"port\":null,\"hostname\":\"x.com\",\"hash\":null,\"search\":\"?B\",\"query\":\"B\",\"pathname\":\"/A\",\"path\":\"/A?B\",\"href\":\"http://x.com/A?B\"},\"n/a\"]"},
                {"legacy('http://x.com:/a')", "[{\"protocol\":\"http:\",\"slashes\":true,\"auth\":null,\"host\":\"x.com\",\"port\":null,\"hostname\":\"x.com\",\"hash\":null,\"search\":null,\"query\":null,\"pathname\":\"/a\",\"path\":\"/a\",\"href\":\"http://x.com/a\"},\"n/a\"]"},
                {"legacy('javascript:alert(1)')", "[{\"protocol\":\"javascript:\",\"slashes\":null,\"auth\":null,\"host\":null,\"port\":null,\"hostname\":null,\"hash\":null,\"search\":null,\"query\":null,\"pathname\":\"alert(1)\",\"path\":\"alert(1)\",\"href\":\"javascript:alert(1)\"},\"n/a\"]"},
                {"legacy('http://x.com?a=1')", "[{\"protocol\":\"http:\",\"slashes\":true,\"auth\":null,\"host\":\"x.com\",\"port\":null,\"hostname\":\"x.com\",\"hash\":null,\"search\":\"?a=1\",\"query\":\"a=1\",\"pathname\":\"/\",\"path\":\"/?a=1\",\"href\":\"http://x.com/?a=1\"},\"n/a\"]"},
                {"legacy('http://[::1]:3000/x')", "[{\"protocol\":\"http:\",\"slashes\":true,\"auth\":null,\"host\":\"[::1]:3000\",\"port\":\"3000\",\"hostname\":\"::1\",\"hash\":null,\"search\":null,\"query\":null,\"pathname\":\"/x\",\"path\":\"/x\",\"href\":\"http://[::1]:3000/x\"},\"n/a\"]"},
                {"legacy('http://b\u00fccher.de/x')", "[{\"protocol\":\"http:\",\"slashes\":true,\"auth\":null,\"host\":\"xn--bcher-kva.de\",\"port\":null,\"hostname\":\"xn--bcher-kva.de\",\"hash\":null,\"search\":null,\"query\":null,\"pathname\":\"/x\",\"path\":\"/x\",\"href\":\"http://xn--bcher-kva.de/x\"},\"n/a\"]"},
                {"legacy('http://x.com/\\\\a\\\\b?c\\\\d')", "[{\"protocol\":\"http:\",\"slashes\":true,\"auth\":null,\"host\":\"x.com\",\"port\":null,\"hostname\":\"x.com\",\"hash\":null,\"search\":\"?c%5Cd\",\"query\":\"c%5Cd\",\"pathname\":\"//a/b\",\"path\":\"//a/b?c%5Cd\",\"href\":\"http://x.com//a/b?c%5Cd\"},\"n/a\"]"},
                {"legacy('?a=b+c&d=%20e&f=%zz&g', true)", "[{\"protocol\":null,\"slashes\":null,\"auth\":null,\"host\":null,\"port\":null,\"hostname\":null,\"hash\":null,\"search\":\"?a=b+c&d=%20e&f=%zz&g\",\"query\":{\"a\":\"b c\",\"d\":\" e\",\"f\":\"%zz\",\"g\":\"\"},\"pathname\":null,\"path\":\"?a=b+c&d=%20e&f=%zz&g\",\"href\":\"?a=b+c&d=%20e&f=%zz&g\"},true]"},
                {"legacy('http://a@b@c/')", "[{\"protocol\":\"http:\",\"slashes\":true,\"auth\":\"a@b\",\"host\":\"c\",\"port\":null,\"hostname\":\"c\",\"hash\":null,\"search\":null,\"query\":null,\"pathname\":\"/\",\"path\":\"/\",\"href\":\"http://a%40b@c/\"},\"n/a\"]"},
                {"legacy('file:///etc/passwd')", "[{\"protocol\":\"file:\",\"slashes\":true,\"auth\":null,\"host\":\"\",\"port\":null,\"hostname\":\"\",\"hash\":null,\"search\":null,\"query\":null,\"pathname\":\"/etc/passwd\",\"path\":\"/etc/passwd\",\"href\":\"file:///etc/passwd\"},\"n/a\"]"},
                {"legacy('')", "[{\"protocol\":null,\"slashes\":null,\"auth\":null,\"host\":null,\"port\":null,\"hostname\":null,\"hash\":null,\"search\":null,\"query\":null,\"pathname\":null,\"path\":null,\"href\":\"\"},\"n/a\"]"},
                {"legacy('  http://x.com/a  ')", "[{\"protocol\":\"http:\",\"slashes\":true,\"auth\":null,\"host\":\"x.com\",\"port\":null,\"hostname\":\"x.com\",\"hash\":null,\"search\":null,\"query\":null,\"pathname\":\"/a\",\"path\":\"/a\",\"href\":\"http://x.com/a\"},\"n/a\"]"},
                {"legacy('http://us%20er:p@x.com/')", "[{\"protocol\":\"http:\",\"slashes\":true,\"auth\":\"us er:p\",\"host\":\"x.com\",\"port\":null,\"hostname\":\"x.com\",\"hash\":null,\"search\":null,\"query\":null,\"pathname\":\"/\",\"path\":\"/\",\"href\":\"http://us%20er:p@x.com/\"},\"n/a\"]"},
                {"legacy('x.com/path')", "[{\"protocol\":null,\"slashes\":null,\"auth\":null,\"host\":null,\"port\":null,\"hostname\":null,\"hash\":null,\"search\":null,\"query\":null,\"pathname\":\"x.com/path\",\"path\":\"x.com/path\",\"href\":\"x.com/path\"},\"n/a\"]"},
                {"legacy('http://x_y.com/')", "[{\"protocol\":\"http:\",\"slashes\":true,\"auth\":null,\"host\":\"x_y.com\",\"port\":null,\"hostname\":\"x_y.com\",\"hash\":null,\"search\":null,\"query\":null,\"pathname\":\"/\",\"path\":\"/\",\"href\":\"http://x_y.com/\"},\"n/a\"]"},
                {"legacy('https://www.example.com/path/to/page?utm_source=google&utm_medium=cpc#s')", "[{\"protocol\":\"https:\",\"slashes\":true,\"auth\":null,\"host\":\"www.example.com\",\"port\":null,\"hostname\":\"www.example.com\",\"hash\":\"#s\",\"search\":\"?utm_source=google&utm_medium=cpc\",\"query\":\"utm_source=google&utm_medium=cpc\",\"pathname\":\"/path/to/page\",\"path\":\"/path/to/page?utm_source=google&utm_medium=cpc\",\"href\":\"https://www.example.com/path/to/page?utm_source=google&utm_medium=cpc#s\"},\"n/a\"]"},
                {"legacy('http://x.com/a?b=1&b=2&c=%E2%82%AC', true)", "[{\"protocol\":\"http:\",\"slashes\":true,\"auth\":null,\"host\":\"x.com\",\"port\":null,\"hostname\":\"x.com\",\"hash\":null,\"search\":\"?b=1&b=2&c=%E2%82%AC\",\"query\":{\"b\":[\"1\",\"2\"],\"c\":\"\u20ac\"},\"pathname\":\"/a\",\"path\":\"/a?b=1&b=2&c=%E2%82%AC\",\"href\":\"http://x.com/a?b=1&b=2&c=%E2%82%AC\"},true]"},
                {"url.format({ protocol: 'https', hostname: 'x.com', port: 8080, pathname: '/a b', query: { q: '1 2', r: ['a', 'b'] }, hash: 'h' })", "\"https://x.com:8080/a b?q=1%202&r=a&r=b#h\""},
                {"[url.format({ protocol: 'http:', host: 'x.com', pathname: 'p', search: '?s=1' }), url.format(new URL('http://u:p@x.com/\u00e9?a#b')), url.format(url.parse('http://x.com/a?b#c')), url.format({ protocol: 'mailto', pathname: 'a@b.c' }), url.format('http://X.com/a')]", "[\"http://x.com/p?s=1\",\"http://u:p@x.com/%C3%A9?a#b\",\"http://x.com/a?b#c\",\"mailto:a@b.c\",\"http://x.com/a\"]"},
                {"url.format(new URL('http://u:p@x.com/a?b#c'), { auth: false, search: false, fragment: false })", "\"http://x.com/a\""},
                {"[url.format({ protocol: 'file', pathname: '/etc/x' }), url.format({ hostname: 'x.com', pathname: 'a#b?c' }), url.format({ protocol: 'http', auth: 'a@b:c d', hostname: '::1', port: 80 })]", "[\"file:///etc/x\",\"x.coma%23b%3Fc\",\"http://a%40b:c%20d@[::1]:80\"]"},
                {"[url.resolve('/one/two/three', 'four'), url.resolve('http://example.com/', '/one'), url.resolve('http://example.com/one', '/two'), url.resolve('http://example.com/a/b', '../c?d'), url.resolve('http://example.com', 'x'), url.resolve('http://a.com/x', 'https://b.com/y')]", "[\"/one/two/four\",\"http://example.com/one\",\"http://example.com/two\",\"http://example.com/c?d\",\"http://example.com/x\",\"https://b.com/y\"]"},
                {"[url.URL === URL, url.URLSearchParams === URLSearchParams, url.parse('http://x') instanceof url.Url, url.domainToASCII('B\u00fccher.de'), url.domainToASCII('x y'), url.parse('http://x.com/a').format()]", "[true,true,true,\"xn--bcher-kva.de\",\"\",\"http://x.com/a\"]"},
        });
    }
}
