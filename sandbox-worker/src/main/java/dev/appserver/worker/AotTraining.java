package dev.appserver.worker;

import com.google.protobuf.ByteString;
import dev.appserver.proto.v1.HealthRequest;
import dev.appserver.proto.v1.LoadInstanceRequest;
import dev.appserver.proto.v1.LoadInstanceResponse;
import dev.appserver.proto.v1.OnEventsRequest;
import dev.appserver.proto.v1.ProcessBatchRequest;
import dev.appserver.proto.v1.ProcessBatchResponse;
import dev.appserver.proto.v1.UnloadInstanceRequest;
import dev.appserver.proto.v1.WorkerServiceGrpc;
import dev.appserver.worker.rpc.WorkerServer;
import dev.appserver.worker.runtime.JsEngine;
import dev.appserver.worker.runtime.Watchdog;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The worker's AOT training run, made at build time: the JVM runs this in
 * {@code -XX:AOTMode=record} with the worker's own runtime, class path and module path, and what
 * it loaded and linked (the JDK's, gRPC's, Truffle's, the Graal compiler's and GraalJS's classes,
 * with their profiles) goes into the AOT cache {@code worker.aot} that every worker then maps at
 * start-up (decision 0021).
 *
 * <p>It goes the way a worker's first minutes go: the engine, the gRPC server on a Unix socket,
 * the seccomp filter (with {@code --seccomp PROFILE}, as the worker loads it), a client of the
 * server, two apps loaded, batches through their chain, {@code onEvent}, Health, and unloads. It
 * exits 0 when every step answered as expected and 1 otherwise, so that a training run that went
 * wrong fails the build rather than leaving a cache of half the classes. Under the filter the JVM
 * cannot start the cache's assembly itself, so the build records and assembles in two steps:
 *
 * <pre>
 * java [the worker's JVM options] -XX:AOTMode=record -XX:AOTConfiguration=CONF -cp worker-dist/lib/* \
 *     dev.appserver.worker.AotTraining [--seccomp PROFILE]
 * java [the worker's JVM options] -XX:AOTMode=create -XX:AOTConfiguration=CONF -XX:AOTCache=FILE -cp worker-dist/lib/*
 * </pre>
 */
public final class AotTraining {
    private static final int BATCHES = 40;
    private static final int EVENTS_PER_BATCH = 100;
    /** The filter app drops every tenth event. */
    private static final int KEPT_PER_BATCH = EVENTS_PER_BATCH - EVENTS_PER_BATCH / 10;
    private static final String ENRICH = """
            exports.setupPlugin = ({ config, global }) => { global.suffix = config.suffix }
            exports.processEvent = (event, { global }) => {
                const url = event.properties.$current_url ? new URL(event.properties.$current_url) : null
                event.properties.host = url ? url.host : null
                event.properties.tagged = JSON.stringify([event.event, global.suffix])
                return event
            }
            exports.onEvent = (event) => { if (event.event === 'never') console.log(event.uuid) }
            """;
    private static final String FILTER = """
            exports.processEvent = (event) => {
                if (event.properties.drop) return null
                event.properties.length = Buffer.from(event.event).length + new TextEncoder().encode(event.distinct_id).length
                return event
            }
            """;

    private AotTraining() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 0 && (args.length != 2 || !args[0].equals("--seccomp"))) {
            System.err.println("usage: AotTraining [--seccomp PROFILE]");
            System.exit(2);
        }
        Path directory = Files.createTempDirectory("appserver-aot-training");
        Path socket = directory.resolve("worker.sock");
        JsEngine engine = new JsEngine();
        if (!engine.isOptimizing()) {
            System.err.println("AOT training: GraalJS runs on the fallback runtime; give the worker's JVMCI options");
            System.exit(1);
        }
        Watchdog watchdog = new Watchdog(WorkerMain.WATCHDOG_TICK);
        WorkerServer server = new WorkerServer(socket, engine, watchdog, () -> "off(training)").start();
        if (args.length == 2 && !WorkerMain.confine(Path.of(args[1])).equals("on")) {
            System.err.println("AOT training: the seccomp filter did not load");
            System.exit(1);
        }
        EpollEventLoopGroup loop = new EpollEventLoopGroup(1);
        ManagedChannel channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .channelType(EpollDomainSocketChannel.class).eventLoopGroup(loop).usePlaintext().build();
        int exit = 0;
        try {
            train(WorkerServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.MINUTES));
        } catch (RuntimeException e) {
            System.err.println("AOT training failed: " + e);
            exit = 1;
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            server.close();
            watchdog.close();
            engine.close();
            Files.deleteIfExists(socket);
            Files.deleteIfExists(directory);
        }
        System.exit(exit);
    }

    private static void train(WorkerServiceGrpc.WorkerServiceBlockingStub worker) {
        load(worker, 1, "enrich", "index.js", ENRICH);
        load(worker, 2, "filter", "index.js", FILTER);
        for (int batch = 0; batch < BATCHES; batch++) {
            List<ByteString> events = events(batch);
            ProcessBatchResponse processed = worker.processBatch(
                    ProcessBatchRequest.newBuilder().addChain(1).addChain(2).addAllEvents(events).build());
            long kept = processed.getResultsList().stream().filter(r -> !r.getDropped() && r.getFailedInstancesCount() == 0).count();
            if (processed.getResultsCount() != events.size() || kept != KEPT_PER_BATCH) {
                throw new IllegalStateException("batch " + batch + ": " + kept + " of " + processed.getResultsCount()
                        + " results kept, expected " + KEPT_PER_BATCH);
            }
            int failures = worker.onEvents(OnEventsRequest.newBuilder().addInstanceIds(1).addAllEvents(events).build())
                    .getFailures();
            if (failures != 0) {
                throw new IllegalStateException("onEvent failed " + failures + " times");
            }
        }
        worker.health(HealthRequest.getDefaultInstance());
        worker.unloadInstance(UnloadInstanceRequest.newBuilder().setInstanceId(1).build());
        worker.unloadInstance(UnloadInstanceRequest.newBuilder().setInstanceId(2).build());
    }

    private static void load(WorkerServiceGrpc.WorkerServiceBlockingStub worker, long id, String name, String file,
            String code) {
        LoadInstanceResponse loaded = worker.loadInstance(LoadInstanceRequest.newBuilder()
                .setInstanceId(id).setConfigId(id).setTeamId(1).setAppName(name).setFileName(file).setCode(code)
                .setConfigJson(ByteString.copyFromUtf8("{\"suffix\":\"aot\"}")).build());
        if (loaded.hasError()) {
            throw new IllegalStateException(name + " did not load: " + loaded.getError().getMessage());
        }
    }

    /** Every tenth event is dropped by the filter app. */
    private static List<ByteString> events(int batch) {
        List<ByteString> events = new ArrayList<>(EVENTS_PER_BATCH);
        for (int i = 0; i < EVENTS_PER_BATCH; i++) {
            events.add(ByteString.copyFromUtf8("{\"uuid\":\"" + batch + "-" + i + "\",\"event\":\"pageview\","
                    + "\"distinct_id\":\"user-" + i + "\",\"team_id\":1,\"timestamp\":\"2026-11-29T00:00:00Z\","
                    + "\"properties\":{\"$current_url\":\"https://example.com/p/" + i + "?q=1\",\"drop\":"
                    + (i % 10 == 0) + "}}"));
        }
        return events;
    }
}
