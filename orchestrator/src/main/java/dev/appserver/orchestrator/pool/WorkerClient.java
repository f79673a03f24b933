package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.hostservices.HostCallHandler;
import dev.appserver.proto.v1.HostCall;
import dev.appserver.proto.v1.HostChannelGrpc;
import dev.appserver.proto.v1.HostError;
import dev.appserver.proto.v1.HostResult;
import dev.appserver.proto.v1.WorkerServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's connection to one worker: the WorkerService stubs, and the host channel on
 * which it answers the worker's host-service calls with a {@link HostCallHandler}.
 *
 * <p>Thread-safe. Closing it does not stop the worker process.
 */
public final class WorkerClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerClient.class);
    private static final int MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

    private final EventLoopGroup loop = new EpollEventLoopGroup(1);
    private final ManagedChannel channel;
    private final WorkerServiceGrpc.WorkerServiceBlockingStub blocking;
    private final StreamObserver<HostResult> results;

    public WorkerClient(Path socket, HostCallHandler handler) {
        requireNonNull(handler, "handler is null");
        this.channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .channelType(EpollDomainSocketChannel.class)
                .eventLoopGroup(loop)
                .usePlaintext()
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .build();
        this.blocking = WorkerServiceGrpc.newBlockingStub(channel);
        this.results = HostChannelGrpc.newStub(channel).open(new StreamObserver<>() {
            @Override
            public void onNext(HostCall call) {
                answer(handler, call);
            }

            @Override
            public void onError(Throwable t) {
                LOG.debug("host channel closed: {}", t.toString());
            }

            @Override
            public void onCompleted() {
                LOG.debug("host channel completed by the worker");
            }
        });
    }

    private void answer(HostCallHandler handler, HostCall call) {
        java.util.concurrent.CompletableFuture<HostResult> future;
        try {
            future = handler.handle(call);
        } catch (RuntimeException e) {
            future = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        future.whenComplete((result, error) -> {
            HostResult out;
            if (error == null) {
                out = result.toBuilder().setCallId(call.getCallId()).build();
            } else {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                out = HostResult.newBuilder().setCallId(call.getCallId())
                        .setError(HostError.newBuilder().setName("Error").setMessage(String.valueOf(cause.getMessage())))
                        .build();
            }
            synchronized (results) {
                results.onNext(out);
            }
        });
    }

    /** Blocking stub; calls fail with UNAVAILABLE when the worker has died. */
    public WorkerServiceGrpc.WorkerServiceBlockingStub worker() {
        return blocking;
    }

    @Override
    public void close() {
        synchronized (results) {
            try {
                results.onCompleted();
            } catch (RuntimeException e) {
                // The stream is already broken.
            }
        }
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
