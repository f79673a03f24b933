package dev.appserver.worker;

import dev.appserver.proto.v1.WorkerServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real worker process started from {@code target/worker-dist} for integration tests: its
 * command line, its READY line, its standard error, and a gRPC channel to its socket. Closing it
 * closes the channel and the worker's standard input (which stops it), and kills it if it lingers.
 */
public final class TestWorker implements AutoCloseable {
    public static final Path DIST = Path.of("target", "worker-dist").toAbsolutePath();
    /** The worker's own runtime, linked by the build (without JVMCI options it runs Truffle's fallback runtime). */
    public static final String JAVA = DIST.resolve("runtime/bin/java").toString();

    /** Every line the worker wrote on standard error. */
    public final List<String> stderr = new CopyOnWriteArrayList<>();
    private final Path socket;
    private Process process;
    private ManagedChannel channel;
    private EpollEventLoopGroup loop;

    public TestWorker(Path socket) {
        this.socket = socket;
    }

    /**
     * The worker's command line; with {@code jvmci} the Graal compiler is on the module path and
     * the JVM maps the build's AOT cache, as the orchestrator starts workers.
     */
    public List<String> command(boolean jvmci, String... extra) {
        List<String> command = new ArrayList<>(List.of(JAVA));
        if (jvmci) {
            command.addAll(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
                    "--module-path=" + DIST.resolve("compiler"), "--add-modules=jdk.graal.compiler",
                    "-XX:AOTCache=" + DIST.resolve("worker.aot")));
        }
        command.addAll(List.of("--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", DIST.resolve("lib") + "/*", "dev.appserver.worker.WorkerMain", "--socket", socket.toString()));
        command.addAll(List.of(extra));
        return command;
    }

    /** Starts {@code command} and returns the first line of its standard output (READY ...), or null. */
    public String start(List<String> command) throws Exception {
        process = new ProcessBuilder(command).start();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                r.lines().forEach(stderr::add);
            } catch (Exception ignored) {
                // process gone
            }
        });
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
            } catch (Exception e) {
                return null;
            }
        });
        return ready.get(60, TimeUnit.SECONDS);
    }

    public Process process() {
        return process;
    }

    public ManagedChannel channel() {
        return channel;
    }

    /** Connects to the worker's socket. */
    public WorkerServiceGrpc.WorkerServiceBlockingStub connect() {
        loop = new EpollEventLoopGroup(1);
        channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .channelType(EpollDomainSocketChannel.class).eventLoopGroup(loop).usePlaintext().build();
        return WorkerServiceGrpc.newBlockingStub(channel);
    }

    @Override
    public void close() throws Exception {
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
}
