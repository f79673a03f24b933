package dev.appserver.worker.rpc;

import static java.util.Objects.requireNonNull;

import dev.appserver.worker.runtime.AppInstance;
import dev.appserver.worker.runtime.JsEngine;
import dev.appserver.worker.runtime.Watchdog;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The worker's gRPC server on its Unix domain socket: WorkerService and HostChannel.
 *
 * <p>Lifecycle: {@link #start} binds the socket (the only socket the worker ever has), then
 * {@link #close} stops taking calls, unloads every instance and removes the socket file.
 */
public final class WorkerServer implements AutoCloseable {
    /** Events and results of a batch travel in one message; allow big batches. */
    private static final int MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

    private final Path socket;
    private final EventLoopGroup loop = new EpollEventLoopGroup(1);
    private final ExecutorService executor;
    private final HostChannelService hostChannel = new HostChannelService();
    private final Instances instances = new Instances();
    private final Server server;

    /** {@code seccompStatus} is read on each Health call: "on" or "off(<reason>)". */
    public WorkerServer(Path socket, JsEngine engine, Watchdog watchdog, Supplier<String> seccompStatus) {
        this.socket = requireNonNull(socket, "socket is null");
        AtomicInteger threads = new AtomicInteger();
        // Invocations block their thread while they wait for host results: a thread per call.
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "worker-rpc-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .channelType(EpollServerDomainSocketChannel.class)
                .bossEventLoopGroup(loop)
                .workerEventLoopGroup(loop)
                .executor(executor)
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .addService(new WorkerRpcService(engine, watchdog, hostChannel, instances, seccompStatus))
                .addService(hostChannel)
                .build();
    }

    public WorkerServer start() throws IOException {
        Files.deleteIfExists(socket);
        server.start();
        return this;
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public void close() {
        server.shutdown();
        hostChannel.shutdown();
        for (AppInstance instance : instances.removeAll()) {
            instance.close();
        }
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.shutdownNow();
        try {
            server.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The event loop first: a stream it is still closing hands its last task to the executor,
        // which must still take it (else netty logs a RejectedExecutionException on the way out).
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
        executor.shutdownNow();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // The directory is the orchestrator's; it cleans up too.
        }
    }
}
