package dev.appserver.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** require('crypto') (40-crypto.js over {@link Natives}) against Node 20 and the JDK. */
final class CryptoTest {
    /** Node's hash names and the JDK's; HMAC names are "Hmac" + the name without "SHA-"'s dash. */
    private static final Map<String, String> JDK_NAMES = Map.ofEntries(
            Map.entry("md5", "MD5"), Map.entry("sha1", "SHA-1"), Map.entry("sha224", "SHA-224"),
            Map.entry("sha256", "SHA-256"), Map.entry("sha384", "SHA-384"), Map.entry("sha512", "SHA-512"),
            Map.entry("sha512-224", "SHA-512/224"), Map.entry("sha512-256", "SHA-512/256"),
            Map.entry("sha3-224", "SHA3-224"), Map.entry("sha3-256", "SHA3-256"),
            Map.entry("sha3-384", "SHA3-384"), Map.entry("sha3-512", "SHA3-512"));

    private final LibraryContext js = new LibraryContext();

    @AfterEach
    void close() {
        js.close();
    }

    /** The exact calls of conformance case 10, with its event's distinct_id. */
    @Test
    void conformanceCase10() {
        js.eval("""
                const { createHash, createHmac } = require('crypto');
                globalThis.result = [
                    createHash('sha256').update('user-1').digest('hex'),
                    createHash('sha1').update('user-1').digest('hex'),
                    createHash('md5').update('abc').digest('hex'),
                    createHmac('sha256', 'key').update('msg').digest('hex'),
                    createHash('sha256').update('abc').digest('base64'),
                ];
                """);

        assertThat(js.eval("result").as(String[].class)).containsExactly(
                "c6c289e49e9c05b2145860387b73bcb18df43fb09a1e4a4a9713c76c88bb541b",
                "9dfffe450852c20c8876f6e5a37da6e469bf2c9c",
                "900150983cd24fb0d6963f7d28e17f72",
                "2d93cbc1be167bcb1637a4a23cbff01a7878f0c50ee833954ea5221bb1b8c628",
                "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
    }

    @Test
    void digestsAndHmacsAgreeWithTheJdkForEveryAlgorithm() throws Exception {
        byte[] data = new byte[10_000];
        byte[] key = new byte[77];
        Random random = new Random(42);
        random.nextBytes(data);
        random.nextBytes(key);
        HexFormat hex = HexFormat.of();
        Value digest = js.eval("(a, hex) => require('crypto').createHash(a).update(Buffer.from(hex, 'hex')).digest('hex')");
        Value hmac = js.eval("(a, key, hex) => require('crypto').createHmac(a, Buffer.from(key, 'hex'))"
                + ".update(hex, 'hex').digest('hex')");

        for (String algorithm : Natives.algorithms()) {
            String jdkName = JDK_NAMES.get(algorithm);
            Mac mac = Mac.getInstance("Hmac" + jdkName.replace("SHA-", "SHA"));
            mac.init(new SecretKeySpec(key, mac.getAlgorithm()));

            assertThat(digest.execute(algorithm, hex.formatHex(data)).asString()).as(algorithm)
                    .isEqualTo(hex.formatHex(MessageDigest.getInstance(jdkName).digest(data)));
            assertThat(hmac.execute(algorithm, hex.formatHex(key), hex.formatHex(data)).asString())
                    .as(algorithm).isEqualTo(hex.formatHex(mac.doFinal(data)));
        }
    }

    @Test
    void getHashesListsExactlyWhatNativesAccept() {
        assertThat(js.eval("require('crypto').getHashes()").as(String[].class))
                .containsExactlyInAnyOrderElementsOf(Natives.algorithms());
    }

    @Test
    void hashesAsNodeDoes() {
        js.assertJson(new String[][] {
                {"['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha512-224', 'sha512-256', 'sha3-224', 'sha3-256', 'sha3-384', 'sha3-512'].map((a) => require('crypto').createHash(a).update('abc').digest('hex'))", "[\"900150983cd24fb0d6963f7d28e17f72\",\"a9993e364706816aba3e25717850c26c9cd0d89d\",\"23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7\",\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\",\"cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7\",\"ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f\",\"4634270f707b6a54daae7530460842e20e37ed265ceee9a43e8924aa\",\"53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23\",\"e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf\",\"3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532\",\"ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b298d88cea927ac7f539f1edf228376d25\",\"b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0\"]"},
                {"['SHA256', 'sha-256', 'sha2-256', 'RSA-SHA256', 'SHA-1', 'MD5'].map((a) => require('crypto').createHash(a).update('').digest('hex').slice(0, 16))", "[\"e3b0c44298fc1c14\",\"e3b0c44298fc1c14\",\"e3b0c44298fc1c14\",\"e3b0c44298fc1c14\",\"da39a3ee5e6b4b0d\",\"d41d8cd98f00b204\"]"},
                {"['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha512-256', 'sha3-256'].map((a) => require('crypto').createHmac(a, 'key').update('The quick brown fox').digest('base64'))", "[\"0Aa8YMkv9uVPYVR0/oNeAg==\",\"Ivngd6POvQkkgVT4XZpWx5lB/ZY=\",\"rKNXFbjK47z0H0nJpfiKF0ovONTHiJKjgGHtVg==\",\"ID0eXO3S0Y+MWjvv8L2cHry5cJffyyiMRrAMkif94sA=\",\"YGOPoKpLBE/G9Q1cShHdXCaGPNM146rBasZDT8eVBd+wW8PQKlVuJxl5tByTefV5\",\"NvRLElqKkGOdxGczA5VxeS4IHg/YaF/3RnhLAu0UqjVinVYscRfN5KcBVwVR+qWl4bfvHrXDvNTMH9uJI/zxTg==\",\"/HtLogF3D2xl+zzKAwzJXp7xiNpR1492ZnxkhI9Hi/w=\",\"9wBc01H2gGLa6Elgc3vmmfrnMRNQGa5kVfRK1Lh0/mc=\"]"},
                {"require('crypto').createHmac('sha256', '').update('x').digest('hex')", "\"4cbc96099a6467ce002461f10549b4898265ebe6188b45efacc44293516e62c4\""},
                {"require('crypto').createHmac('sha1', Buffer.alloc(100, 1)).update('x').digest('hex')", "\"af77515f48f820e0253cba27c3cee112315eb83e\""},
                {"require('crypto').createHmac('sha256', 'k'.repeat(200)).update('x').digest('hex')", "\"a34abd1b081e75091b5f15447fb45ea6a1a7d624c190b880750d5d0f52ca715e\""},
                {"require('crypto').createHmac('sha256', Buffer.from('6b6579', 'hex')).update('msg').digest('hex')", "\"2d93cbc1be167bcb1637a4a23cbff01a7878f0c50ee833954ea5221bb1b8c628\""},
                {"[require('crypto').createHash('sha256').update('\u00e9', 'latin1').digest('hex'), require('crypto').createHash('sha256').update('ff00', 'hex').digest('base64url'), require('crypto').createHash('sha256').update('aGk=', 'base64').digest('hex')]", "[\"de2e331d891ae267a7009cb45b4e8830f170e0c937288ea2731a1941c7a53b0d\",\"6l2_lZbRh-lQDyPppoAQlHU0HPToH34EP32XFSwQdy8\",\"8f434346648f6b96df89dda901c5176b10a6d83961dd3c1ac88b59b2dc327aa4\"]"},
                {"[require('crypto').createHash('sha256').update(new Uint16Array([1, 2])).digest('hex'), require('crypto').createHash('sha256').update(new Uint8Array([1, 2, 3, 4]).subarray(1, 3)).digest('hex'), require('crypto').createHash('sha256').update(new DataView(new Uint8Array([5, 6]).buffer)).digest('hex')]", "[\"7b11c1133330cd161071bf23a0c9b6ce5320a8f3a0f83620035a72be46df4104\",\"ee9040f65c341855e070ff438eb0ea9d5b831b2a2c270fb7ef592d750408e3b3\",\"c42522128b49193de8cd45d8f7589cd7e085e65f138640d57d4482e5f7189623\"]"},
                {"require('crypto').createHash('sha256').update('a').update('b').update(Buffer.from('c')).digest('hex')", "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\""},
                {"(() => { const h = require('crypto').createHash('md5').update('a'); const copy = h.copy().update('b'); return [copy.digest('hex'), h.digest('hex')]; })()", "[\"187ef4436122d1cc2f40dc2b92f0eba0\",\"0cc175b9c0f1b6a831c399e269772661\"]"},
                {"[require('crypto').createHash('sha1').update('x').digest('latin1').length, require('crypto').createHash('sha1').digest('binary').length, require('crypto').createHash('sha256').update('\ud83d\ude00 h\u00e9llo').digest('hex')]", "[20,20,\"84a076098522beb6e5f28d50d73b19b6fd38b15a556f81e2ceecd419d2616e10\"]"},
                {"(() => { const d = require('crypto').createHash('sha256').update('abc').digest(); return [d.length, d[0], d[31], Buffer.isBuffer(d), d.toString('hex')]; })()", "[32,186,173,true,\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"]"},
                {"[require('crypto').timingSafeEqual(Buffer.from('ab'), Buffer.from('ab')), require('crypto').timingSafeEqual(Buffer.from('ab'), Buffer.from('ac')), require('crypto').timingSafeEqual(new Uint8Array([1]), Buffer.from([1]))]", "[true,false,true]"},
        });
    }

    @Test
    void rejectsBadArgumentsWithNodesErrors() {
        js.assertErrors(new String[][] {
                {"require('crypto').createHash('nope')", "Error undefined: Digest method not supported"},
                {"require('crypto').createHmac('nope', 'k')", "TypeError ERR_CRYPTO_INVALID_DIGEST: Invalid digest: nope"},
                {"(() => { const h = require('crypto').createHash('sha256'); h.digest(); h.update('x'); })()", "Error ERR_CRYPTO_HASH_FINALIZED: Digest already called"},
                {"(() => { const h = require('crypto').createHash('sha256'); h.digest(); h.digest(); })()", "Error ERR_CRYPTO_HASH_FINALIZED: Digest already called"},
                {"require('crypto').createHash('sha256').update(5)", "TypeError ERR_INVALID_ARG_TYPE: The \"data\" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (5)"},
                {"require('crypto').timingSafeEqual(Buffer.from('a'), Buffer.from('ab'))", "RangeError ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH: Input buffers must have the same byte length"},
                {"require('crypto').randomInt(5, 2)", "RangeError ERR_OUT_OF_RANGE: The value of \"max\" is out of range. It must be greater than the value of \"min\" (5). Received 2"},
                {"require('crypto').randomBytes(-1)", "RangeError ERR_OUT_OF_RANGE: The value of \"size\" is out of range. "
                        + "It must be >= 0 && <= 1048576. Received -1"},
                {"require('crypto').randomBytes(" + (Natives.MAX_RANDOM_BYTES + 1) + ")", "RangeError ERR_OUT_OF_RANGE: "
                        + "The value of \"size\" is out of range. It must be >= 0 && <= 1048576. Received 1048577"},
        });
    }

    @Test
    void producesRandomBytesUuidsAndIntegers() {
        assertThat(js.json("(() => { const c = require('crypto'); const b = c.randomBytes(32); "
                + "return [b.length, Buffer.isBuffer(b), c.randomBytes(0).length, c.getRandomValues(new Uint32Array(4)).length] })()"))
                .isEqualTo("[32,true,0,4]");
        assertThat(js.string("require('crypto').randomBytes(32).toString('hex')"))
                .isNotEqualTo(js.string("require('crypto').randomBytes(32).toString('hex')"));
        assertThat(js.string("require('crypto').randomUUID()"))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(js.json("(() => { const seen = new Set(); for (let i = 0; i < 300; i++) seen.add(require('crypto').randomInt(-1, 2)); "
                + "return [...seen].sort(); })()")).isEqualTo("[-1,0,1]");
    }

    @Test
    void callsRandomBytesCallbacksAsynchronously() {
        js.eval("""
                globalThis.order = [];
                require('crypto').randomBytes(8, (error, bytes) => order.push(error, bytes.length));
                order.push('returned');
                """);

        assertThat(js.json("order")).isEqualTo("[\"returned\",null,8]");
    }
}
