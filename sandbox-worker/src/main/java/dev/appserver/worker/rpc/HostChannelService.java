package dev.appserver.worker.rpc;

import dev.appserver.proto.v1.HostCall;
import dev.appserver.proto.v1.HostChannelGrpc;
import dev.appserver.proto.v1.HostResult;
import dev.appserver.worker.runtime.AppInstance;
import dev.appserver.worker.runtime.HostCallSender;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's end of the host channel (see host_channel.proto): sends app host calls to the
 * orchestrator on the most recently opened stream and routes each result back to the instance
 * that made the call. Thread-safe.
 */
final class HostChannelService extends HostChannelGrpc.HostChannelImplBase implements HostCallSender {
    private static final Logger LOG = LoggerFactory.getLogger(HostChannelService.class);

    private final AtomicLong callIds = new AtomicLong();
    private final Map<Long, AppInstance> waiting = new ConcurrentHashMap<>();
    private volatile StreamObserver<HostCall> toOrchestrator;

    @Override
    public StreamObserver<HostResult> open(StreamObserver<HostCall> calls) {
        toOrchestrator = calls;
        return new StreamObserver<>() {
            @Override
            public void onNext(HostResult result) {
                AppInstance instance = waiting.remove(result.getCallId());
                if (instance != null) {
                    instance.deliver(result);
                }
            }

            @Override
            public void onError(Throwable t) {
                LOG.debug("host channel closed: {}", t.toString());
                closed(calls);
            }

            @Override
            public void onCompleted() {
                closed(calls);
                calls.onCompleted();
            }
        };
    }

    private void closed(StreamObserver<HostCall> calls) {
        synchronized (this) {
            if (toOrchestrator == calls) {
                toOrchestrator = null;
            }
        }
    }

    @Override
    public long send(AppInstance instance, HostCall.Builder call) {
        long id = callIds.incrementAndGet();
        HostCall message = call.setCallId(id).setInstanceId(instance.id()).build();
        synchronized (this) {
            StreamObserver<HostCall> stream = toOrchestrator;
            if (stream == null) {
                throw new IllegalStateException("host services unavailable");
            }
            waiting.put(id, instance);
            stream.onNext(message);
        }
        return id;
    }

    /** Forgets the calls of an instance that is going away. */
    void forget(AppInstance instance) {
        waiting.values().removeIf(i -> i == instance);
    }

    /** Ends the stream (worker shutdown). */
    synchronized void shutdown() {
        if (toOrchestrator != null) {
            toOrchestrator.onCompleted();
            toOrchestrator = null;
        }
    }
}
