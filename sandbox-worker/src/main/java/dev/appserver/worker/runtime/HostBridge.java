package dev.appserver.worker.runtime;

import static java.util.Objects.requireNonNull;

import dev.appserver.proto.v1.FetchResponse;
import dev.appserver.proto.v1.Header;
import dev.appserver.proto.v1.HostError;
import dev.appserver.proto.v1.HostResult;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The {@code host} object bootstrap.js receives: the only way from an app context to the
 * worker. Members: {@code call(kind, ...)} (a host-service call, see {@link HostCallCodec}),
 * {@code log(type, message)}, {@code emit(index, status, payload)},
 * {@code done(status, payload)}. App code never sees this object: bootstrap.js keeps it in a
 * closure.
 */
final class HostBridge implements ProxyObject {
    private static final Set<String> MEMBERS = Set.of("call", "log", "emit", "done");

    // Ids for calls that failed before leaving the worker; negative so they never clash.
    private final java.util.concurrent.atomic.AtomicLong localFailures = new java.util.concurrent.atomic.AtomicLong();
    private final ProxyExecutable call;
    private final ProxyExecutable log;
    private final ProxyExecutable emit;
    private final ProxyExecutable done;

    HostBridge(AppInstance instance, HostCallSender sender) {
        requireNonNull(instance, "instance is null");
        requireNonNull(sender, "sender is null");
        this.call = args -> {
            try {
                return sender.send(instance, HostCallCodec.encode(args));
            } catch (RuntimeException e) {
                // The call never left the worker: fail it inside the app, like any host error.
                long id = localFailures.decrementAndGet();
                instance.deliver(HostResult.newBuilder().setCallId(id)
                        .setError(HostError.newBuilder().setName("Error").setMessage(String.valueOf(e.getMessage())))
                        .build());
                return id;
            }
        };
        this.log = args -> {
            instance.log(args[0].asString(), args[1].asString());
            return null;
        };
        this.emit = args -> {
            instance.emit(args[0].asInt(), args[1].asString(), args[2].isNull() ? null : args[2].asString());
            return null;
        };
        this.done = args -> {
            instance.done(args[0].asString(), args[1].isNull() ? null : args[1].asString());
            return null;
        };
    }

    /** Hands one host result to bootstrap.js's {@code settle(id, status, value, extra)}. */
    static void settle(Value rt, HostResult result) {
        switch (result.getResultCase()) {
            case JSON -> rt.invokeMember("settle", result.getCallId(), "json", result.getJson(), null);
            case FETCH -> {
                FetchResponse f = result.getFetch();
                rt.invokeMember("settle", result.getCallId(), "fetch", fetchInfo(f),
                        f.getBody().toString(StandardCharsets.ISO_8859_1));
            }
            case ERROR -> rt.invokeMember("settle", result.getCallId(), "error", errorInfo(result.getError()), null);
            case RESULT_NOT_SET -> rt.invokeMember("settle", result.getCallId(), "error",
                    errorInfo(HostError.newBuilder().setName("Error").setMessage("empty host result").build()), null);
        }
    }

    private static String fetchInfo(FetchResponse f) {
        StringBuilder json = new StringBuilder(256).append("{\"status\":").append(f.getStatus())
                .append(",\"statusText\":").append(JsonStrings.quote(f.getStatusText()))
                .append(",\"url\":").append(JsonStrings.quote(f.getUrl()))
                .append(",\"redirected\":").append(f.getRedirected())
                .append(",\"headers\":[");
        for (int i = 0; i < f.getHeadersCount(); i++) {
            Header h = f.getHeaders(i);
            json.append(i == 0 ? "" : ",").append('[').append(JsonStrings.quote(h.getName())).append(',')
                    .append(JsonStrings.quote(h.getValue())).append(']');
        }
        return json.append("]}").toString();
    }

    private static String errorInfo(HostError e) {
        return "{\"name\":" + JsonStrings.quote(e.getName().isEmpty() ? "Error" : e.getName())
                + ",\"message\":" + JsonStrings.quote(e.getMessage())
                + ",\"type\":" + JsonStrings.quote(e.getType())
                + ",\"code\":" + JsonStrings.quote(e.getCode()) + "}";
    }

    @Override
    public Object getMember(String key) {
        return switch (key) {
            case "call" -> call;
            case "log" -> log;
            case "emit" -> emit;
            case "done" -> done;
            default -> null;
        };
    }

    @Override
    public Object getMemberKeys() {
        return ProxyArray.fromArray(MEMBERS.toArray());
    }

    @Override
    public boolean hasMember(String key) {
        return MEMBERS.contains(key);
    }

    @Override
    public void putMember(String key, Value value) {
        throw new UnsupportedOperationException("host is read-only");
    }
}
