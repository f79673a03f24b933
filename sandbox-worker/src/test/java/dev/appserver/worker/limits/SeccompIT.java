package dev.appserver.worker.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.ByteString;
import com.sun.tools.attach.VirtualMachine;
import dev.appserver.proto.v1.HealthRequest;
import dev.appserver.proto.v1.HealthResponse;
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
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seccomp profile in a real worker process (started from target/worker-dist, as
 * WorkerProcessIT does) and in a probe JVM that installs it through the same code and then tries
 * to spawn a process and open sockets. Skipped when libseccomp.so.2 is missing.
 */
class SeccompIT {
    private static final Path DIST = Path.of("target", "worker-dist").toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path tmp;

    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private Process process;
    private ManagedChannel channel;
    private EpollEventLoopGroup loop;

    @BeforeEach
    void requireLibseccomp() {
        boolean present;
        try (Arena arena = Arena.ofConfined()) {
            present = SymbolLookup.libraryLookup("libseccomp.so.2", arena).find("seccomp_init").isPresent();
        } catch (IllegalArgumentException e) {
            present = false;
        }
        assumeTrue(present, "SKIPPED: libseccomp.so.2 is not installed; the seccomp filter cannot be tested here");
    }

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

    @Test
    void aConfinedWorkerStillLoadsAndRunsAnApp() throws Exception {
        String ready = startWorker("--seccomp", SeccompProfileTest.PROFILE.toString());
        assertThat(ready).as(String.join("\n", stderr)).startsWith("READY ");
        WorkerServiceGrpc.WorkerServiceBlockingStub worker = connect();
        HealthResponse health = worker.health(HealthRequest.getDefaultInstance());
        assertThat(health.getSeccomp()).as(String.join("\n", stderr)).isEqualTo("on");
        assertThat(Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")))
                .contains("Seccomp:\t2");

        LoadInstanceResponse loaded = worker.loadInstance(LoadInstanceRequest.newBuilder()
                .setInstanceId(1).setConfigId(1).setTeamId(2).setAppName("Tagger").setFileName("index.js")
                .setCode("exports.processEvent = (e) => { e.properties.tagged = true; return e }")
                .setConfigJson(ByteString.copyFromUtf8("{}")).build());
        assertThat(loaded.hasError()).as(loaded.getError().getMessage()).isFalse();
        ProcessBatchResponse response = worker.processBatch(ProcessBatchRequest.newBuilder().addChain(1)
                .addEvents(ByteString.copyFromUtf8("{\"event\":\"a\",\"team_id\":2,\"properties\":{}}")).build());
        assertThat(response.getResults(0).getEvent().toStringUtf8()).contains("\"tagged\":true");
        assertThat(worker.health(HealthRequest.getDefaultInstance()).getInstances()).isEqualTo(1);
    }

    @Test
    void javaCodeRunningInsideAConfinedWorkerCannotSpawnOrOpenANetworkSocket() throws Exception {
        startWorker("--seccomp", SeccompProfileTest.PROFILE.toString());
        assertThat(connect().health(HealthRequest.getDefaultInstance()).getSeccomp()).isEqualTo("on");
        Path result = tmp.resolve("agent-result.txt");
        VirtualMachine vm = VirtualMachine.attach(Long.toString(process.pid()));
        try {
            vm.loadAgent(agentJar().toString(), result.toString());
        } finally {
            vm.detach();
        }
        assertThat(Files.readAllLines(result)).satisfiesExactly(
                spawn -> assertThat(spawn).startsWith("spawn refused").contains("Operation not permitted"),
                inet -> assertThat(inet).isEqualTo("inet refused Operation not permitted"));
    }

    @Test
    void aWorkerWithoutAProfileSaysItIsUnconfined() throws Exception {
        startWorker();
        HealthResponse health = connect().health(HealthRequest.getDefaultInstance());
        assertThat(health.getSeccomp()).startsWith("off(");
        assertThat(stderr).anyMatch(line -> line.contains("seccomp off"));
    }

    @Test
    void aWorkerWhoseProfileCannotBeLoadedSaysWhyAndKeepsServing() throws Exception {
        Path broken = Files.writeString(tmp.resolve("broken.json"),
                "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"no_such_call\"], \"action\": \"SCMP_ACT_ERRNO\"}]}");
        startWorker("--seccomp", broken.toString());
        HealthResponse health = connect().health(HealthRequest.getDefaultInstance());
        assertThat(health.getSeccomp()).startsWith("off(").contains("no_such_call");
        assertThat(Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")))
                .contains("Seccomp:\t0");
    }

    @Test
    void aProcessUnderTheFilterCannotSpawnOrOpenNetworkSocketsButCanOpenUnixOnesAndThreads() throws Exception {
        Process probe = new ProcessBuilder(JAVA, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), SeccompProbe.class.getName(),
                SeccompProfileTest.PROFILE.toString()).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as(output).isZero();
        List<String> lines = output.lines().toList();
        assertThat(lines).as(output).contains("installed", "unix allowed", "thread allowed");
        assertThat(lines).as(output).anyMatch(line -> line.startsWith("exec refused") && line.contains("Operation not permitted"));
        assertThat(lines).as(output).anyMatch(line -> line.equals("inet refused Operation not permitted"));
        assertThat(lines).as(output).anyMatch(line -> line.equals("inet6 refused Operation not permitted"));
    }

    private String startWorker(String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA));
        String compiler;
        try (Stream<Path> jars = Files.list(DIST.resolve("compiler"))) {
            compiler = jars.map(Path::toString).sorted().collect(Collectors.joining(":"));
        }
        command.addAll(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "--upgrade-module-path=" + compiler,
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", DIST.resolve("lib") + "/*", "dev.appserver.worker.WorkerMain",
                "--socket", tmp.resolve("w.sock").toString()));
        command.addAll(List.of(extra));
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

    /** A jar holding only {@link SpawnAttemptAgent}, with the manifest that makes it an agent. */
    private Path agentJar() throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Agent-Class", SpawnAttemptAgent.class.getName());
        Path jar = tmp.resolve("spawn-attempt-agent.jar");
        String entry = SpawnAttemptAgent.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream in = SpawnAttemptAgent.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    private WorkerServiceGrpc.WorkerServiceBlockingStub connect() {
        loop = new EpollEventLoopGroup(1);
        channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(tmp.resolve("w.sock").toString()))
                .channelType(EpollDomainSocketChannel.class).eventLoopGroup(loop).usePlaintext().build();
        return WorkerServiceGrpc.newBlockingStub(channel);
    }
}
