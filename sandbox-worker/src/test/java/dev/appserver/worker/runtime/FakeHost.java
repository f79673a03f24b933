package dev.appserver.worker.runtime;

import dev.appserver.proto.v1.HostCall;
import dev.appserver.proto.v1.HostResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hand-written host for tests: answers cache get/set/incr from a map on another thread, like
 * the orchestrator would over the host channel, and records every call.
 */
final class FakeHost implements HostCallSender, AutoCloseable {
    final List<HostCall> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> cache = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ExecutorService answers = Executors.newSingleThreadExecutor();
    volatile boolean silent;

    @Override
    public long send(AppInstance instance, HostCall.Builder builder) {
        long id = ids.incrementAndGet();
        HostCall call = builder.setCallId(id).setInstanceId(instance.id()).build();
        calls.add(call);
        if (!silent) {
            answers.execute(() -> instance.deliver(answer(call)));
        }
        return id;
    }

    private HostResult answer(HostCall call) {
        HostResult.Builder r = HostResult.newBuilder().setCallId(call.getCallId());
        if (call.hasCache()) {
            var c = call.getCache();
            switch (c.getOp()) {
                case SET -> {
                    cache.put(c.getKey(), c.getValue());
                    return r.setJson("null").build();
                }
                case GET -> {
                    String v = cache.get(c.getKey());
                    return r.setJson(v == null ? "null" : JsonStrings.quote(v)).build();
                }
                case INCR -> {
                    long n = Long.parseLong(cache.getOrDefault(c.getKey(), "0")) + c.getBy();
                    cache.put(c.getKey(), Long.toString(n));
                    return r.setJson(Long.toString(n)).build();
                }
                default -> { }
            }
        }
        return r.setJson("null").build();
    }

    @Override
    public void close() {
        answers.shutdownNow();
    }
}
