package dev.appserver.worker.runtime;

import com.google.protobuf.ByteString;
import dev.appserver.proto.v1.CacheCall;
import dev.appserver.proto.v1.CaptureCall;
import dev.appserver.proto.v1.CursorCall;
import dev.appserver.proto.v1.FetchCall;
import dev.appserver.proto.v1.GeoIpCall;
import dev.appserver.proto.v1.Header;
import dev.appserver.proto.v1.HostCall;
import dev.appserver.proto.v1.JobCall;
import dev.appserver.proto.v1.StorageCall;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Value;

/**
 * Turns a host call made by bootstrap.js ({@code host.call(kind, a, b, ...)}) into its protobuf
 * message. The kinds and argument positions are defined by bootstrap.js; anything else is refused
 * (the app sees the error), so app code cannot forge a call the bootstrap would not make.
 */
final class HostCallCodec {
    private HostCallCodec() {}

    static HostCall.Builder encode(Value[] args) {
        String kind = string(args, 0);
        HostCall.Builder call = HostCall.newBuilder();
        switch (kind) {
            case "cache.set" -> call.setCache(cache(CacheCall.Op.SET, args)
                    .setValue(string(args, 2)).setTtlSeconds(number(args, 3)));
            case "cache.get" -> call.setCache(cache(CacheCall.Op.GET, args));
            case "cache.incr" -> call.setCache(cache(CacheCall.Op.INCR, args).setBy(number(args, 2)));
            case "cache.expire" -> call.setCache(cache(CacheCall.Op.EXPIRE, args).setTtlSeconds(number(args, 2)));
            case "cache.lpush" -> {
                CacheCall.Builder c = cache(CacheCall.Op.LPUSH, args);
                Value values = args[2];
                for (long i = 0; i < values.getArraySize(); i++) {
                    c.addValues(values.getArrayElement(i).asString());
                }
                call.setCache(c);
            }
            case "cache.lrange" -> call.setCache(cache(CacheCall.Op.LRANGE, args)
                    .setStart(number(args, 2)).setStop(number(args, 3)));
            case "cache.llen" -> call.setCache(cache(CacheCall.Op.LLEN, args));
            case "cache.lpop" -> {
                long count = number(args, 2);
                call.setCache(cache(CacheCall.Op.LPOP, args).setCount(Math.max(count, 0)).setHasCount(count >= 0));
            }
            case "cache.lrem" -> call.setCache(cache(CacheCall.Op.LREM, args)
                    .setCount(number(args, 2)).setValue(string(args, 3)));
            case "storage.set" -> call.setStorage(StorageCall.newBuilder()
                    .setOp(StorageCall.Op.SET).setKey(string(args, 1)).setValueJson(string(args, 2)));
            case "storage.get" -> call.setStorage(StorageCall.newBuilder().setOp(StorageCall.Op.GET).setKey(string(args, 1)));
            case "storage.del" -> call.setStorage(StorageCall.newBuilder().setOp(StorageCall.Op.DEL).setKey(string(args, 1)));
            case "cursor.init" -> call.setCursor(CursorCall.newBuilder()
                    .setOp(CursorCall.Op.INIT).setKey(string(args, 1)).setAmount(number(args, 2)));
            case "cursor.increment" -> call.setCursor(CursorCall.newBuilder()
                    .setOp(CursorCall.Op.INCREMENT).setKey(string(args, 1)).setAmount(number(args, 2)));
            case "fetch" -> call.setFetch(fetch(args));
            case "capture" -> call.setCapture(CaptureCall.newBuilder()
                    .setEvent(string(args, 1)).setPropertiesJson(utf8(string(args, 2))));
            case "job" -> call.setJob(JobCall.newBuilder()
                    .setName(string(args, 1)).setPayloadJson(utf8(string(args, 2))).setRunAtMillis(number(args, 3)));
            case "geoip" -> call.setGeoip(GeoIpCall.newBuilder().setIp(string(args, 1)));
            default -> throw new IllegalArgumentException("unknown host call " + kind);
        }
        return call;
    }

    private static CacheCall.Builder cache(CacheCall.Op op, Value[] args) {
        return CacheCall.newBuilder().setOp(op).setKey(string(args, 1));
    }

    private static FetchCall.Builder fetch(Value[] args) {
        FetchCall.Builder f = FetchCall.newBuilder()
                .setUrl(string(args, 1))
                .setMethod(string(args, 2))
                .setRedirect(string(args, 5))
                .setTimeoutMillis(number(args, 6));
        Value headers = args[3];
        for (long i = 0; i + 1 < headers.getArraySize(); i += 2) {
            f.addHeaders(Header.newBuilder()
                    .setName(headers.getArrayElement(i).asString())
                    .setValue(headers.getArrayElement(i + 1).asString()));
        }
        Value body = args[4];
        if (!body.isNull()) {
            f.setHasBody(true).setBody(ByteString.copyFrom(body.asString(), StandardCharsets.ISO_8859_1));
        }
        return f;
    }

    private static String string(Value[] args, int i) {
        if (i >= args.length || args[i].isNull()) {
            return "";
        }
        return args[i].isString() ? args[i].asString() : args[i].toString();
    }

    private static long number(Value[] args, int i) {
        if (i >= args.length || !args[i].isNumber()) {
            return 0;
        }
        Value v = args[i];
        return v.fitsInLong() ? v.asLong() : (long) v.asDouble();
    }

    private static ByteString utf8(String s) {
        return ByteString.copyFromUtf8(s);
    }
}
