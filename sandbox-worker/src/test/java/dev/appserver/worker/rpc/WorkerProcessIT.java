package dev.appserver.worker.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.appserver.proto.v1.HealthRequest;
import dev.appserver.proto.v1.HealthResponse;
import dev.appserver.proto.v1.HostCall;
import dev.appserver.proto.v1.HostChannelGrpc;
import dev.appserver.proto.v1.HostResult;
import dev.appserver.proto.v1.LoadInstanceRequest;
import dev.appserver.proto.v1.LoadInstanceResponse;
import dev.appserver.proto.v1.ProcessBatchRequest;
import dev.appserver.proto.v1.ProcessBatchResponse;
import dev.appserver.proto.v1.WorkerServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.StreamObserver;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real worker process from target/worker-dist and talks to it over its Unix socket. */
class WorkerProcessIT {
    private static final Path DIST = Path.of("target", "worker-dist").toAbsolutePath();

    @TempDir
    Path tmp;

    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private Process process;
    private ManagedChannel channel;
    private EpollEventLoopGroup loop;

    @AfterEach
    void stop() throws Exception {
        if (channel != null) {
            channel.shutdownNow();
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        if (process != null) {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private List<String> command(boolean jvmci, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (jvmci) {
            String compiler;
            try (Stream<Path> jars = Files.list(DIST.resolve("compiler"))) {
                compiler = jars.map(Path::toString).sorted().collect(Collectors.joining(":"));
            }
            cmd.addAll(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "--upgrade-module-path=" + compiler));
        }
        cmd.addAll(List.of("--sun-misc-unsafe-memory-access=allow", "-Xmx256m", "-cp", DIST.resolve("lib") + "/*",
                "dev.appserver.worker.WorkerMain", "--socket", tmp.resolve("w.sock").toString()));
        cmd.addAll(List.of(extra));
        return cmd;
    }

    private String start(List<String> command) throws Exception {
        process = new ProcessBuilder(command).start();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                r.lines().forEach(stderr::add);
            } catch (Exception ignored) {
                // process gone
            }
        });
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                return r.readLine();
            } catch (Exception e) {
                return null;
            }
        });
        return ready.get(60, TimeUnit.SECONDS);
    }

    private WorkerServiceGrpc.WorkerServiceBlockingStub connect() {
        loop = new EpollEventLoopGroup(1);
        channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(tmp.resolve("w.sock").toString()))
                .channelType(EpollDomainSocketChannel.class).eventLoopGroup(loop).usePlaintext().build();
        return WorkerServiceGrpc.newBlockingStub(channel);
    }

    @Test
    void runsOptimizedWithoutFallbackWarning() throws Exception {
        String ready = start(command(true));
        assertThat(ready).startsWith("READY ").endsWith("GraalVM CE");
        HealthResponse health = connect().health(HealthRequest.getDefaultInstance());
        assertThat(health.getOptimizingRuntime()).isTrue();
        assertThat(health.getJsRuntime()).isEqualTo("GraalVM CE");
        assertThat(health.getPid()).isEqualTo(process.pid());
        assertThat(String.join("\n", stderr)).doesNotContainIgnoringCase("fallback runtime");
    }

    @Test
    void exitsAndRemovesItsSocketWhenItsParentGoesAway() throws Exception {
        start(command(true));
        Path socket = tmp.resolve("w.sock");
        assertThat(socket).exists();
        // The orchestrator holds the worker's standard input; end-of-file means it has gone.
        process.getOutputStream().close();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("worker exited").isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(socket).doesNotExist();
    }

    @Test
    void refusesTheFallbackRuntimeUnlessAllowed() throws Exception {
        process = new ProcessBuilder(command(false)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(3);
        assertThat(output).contains("fallback (interpreter-only) runtime").doesNotContain("READY");
    }

    @Test
    void loadsAppAndProcessesBatchWithHostCallsOverTheChannel() throws Exception {
        start(command(true));
        WorkerServiceGrpc.WorkerServiceBlockingStub worker = connect();
        List<HostCall> calls = new CopyOnWriteArrayList<>();
        StreamObserver<HostResult>[] results = new StreamObserver[1];
        results[0] = HostChannelGrpc.newStub(channel).open(new StreamObserver<>() {
            @Override
            public void onNext(HostCall call) {
                calls.add(call);
                synchronized (results) {
                    results[0].onNext(HostResult.newBuilder().setCallId(call.getCallId()).setJson("\"41\"").build());
                }
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {}
        });
        LoadInstanceResponse loaded = worker.loadInstance(LoadInstanceRequest.newBuilder()
                .setInstanceId(7).setConfigId(7).setTeamId(2).setAppName("Counter").setFileName("index.js")
                .setCode("exports.processEvent = async (e, { cache }) => { e.properties.n = Number(await cache.get('n')) + 1; return e }")
                .setConfigJson(ByteString.copyFromUtf8("{}")).build());
        assertThat(loaded.hasError()).as(loaded.getError().getMessage()).isFalse();
        assertThat(loaded.getCapabilities().getProcessEvent()).isTrue();
        ProcessBatchResponse response = worker.processBatch(ProcessBatchRequest.newBuilder().addChain(7)
                .addEvents(ByteString.copyFromUtf8("{\"event\":\"a\",\"team_id\":2,\"properties\":{}}")).build());
        assertThat(response.getResults(0).getEvent().toStringUtf8()).isEqualTo(
                "{\"event\":\"a\",\"team_id\":2,\"properties\":{\"n\":42,\"$plugins_succeeded\":[\"Counter (7)\"],"
                        + "\"$plugins_failed\":[],\"$plugins_deferred\":[]}}");
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).getInstanceId()).isEqualTo(7);
        assertThat(calls.get(0).getCache().getKey()).isEqualTo("n");
    }
}
