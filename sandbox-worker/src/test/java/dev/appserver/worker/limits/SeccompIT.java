package dev.appserver.worker.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.ByteString;
import com.sun.tools.attach.VirtualMachine;
import dev.appserver.worker.TestWorker;
import dev.appserver.proto.v1.HealthRequest;
import dev.appserver.proto.v1.HealthResponse;
import dev.appserver.proto.v1.LoadInstanceRequest;
import dev.appserver.proto.v1.LoadInstanceResponse;
import dev.appserver.proto.v1.ProcessBatchRequest;
import dev.appserver.proto.v1.ProcessBatchResponse;
import dev.appserver.proto.v1.WorkerServiceGrpc;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
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

    @TempDir
    Path tmp;

    private TestWorker worker;
    private List<String> stderr;

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
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void aConfinedWorkerStillLoadsAndRunsAnApp() throws Exception {
        String ready = startWorker("--seccomp", SeccompProfileTest.PROFILE.toString());
        assertThat(ready).as(String.join("\n", stderr)).startsWith("READY ");
        WorkerServiceGrpc.WorkerServiceBlockingStub stub = connect();
        HealthResponse health = stub.health(HealthRequest.getDefaultInstance());
        assertThat(health.getSeccomp()).as(String.join("\n", stderr)).isEqualTo("on");
        assertThat(Files.readAllLines(Path.of("/proc", Long.toString(worker.process().pid()), "status")))
                .contains("Seccomp:\t2");

        LoadInstanceResponse loaded = stub.loadInstance(LoadInstanceRequest.newBuilder()
                .setInstanceId(1).setConfigId(1).setTeamId(2).setAppName("Tagger").setFileName("index.js")
                .setCode("exports.processEvent = (e) => { e.properties.tagged = true; return e }")
                .setConfigJson(ByteString.copyFromUtf8("{}")).build());
        assertThat(loaded.hasError()).as(loaded.getError().getMessage()).isFalse();
        ProcessBatchResponse response = stub.processBatch(ProcessBatchRequest.newBuilder().addChain(1)
                .addEvents(ByteString.copyFromUtf8("{\"event\":\"a\",\"team_id\":2,\"properties\":{}}")).build());
        assertThat(response.getResults(0).getEvent().toStringUtf8()).contains("\"tagged\":true");
        assertThat(stub.health(HealthRequest.getDefaultInstance()).getInstances()).isEqualTo(1);
    }

    @Test
    void javaCodeRunningInsideAConfinedWorkerCannotSpawnOrOpenANetworkSocket() throws Exception {
        startWorker("--seccomp", SeccompProfileTest.PROFILE.toString());
        assertThat(connect().health(HealthRequest.getDefaultInstance()).getSeccomp()).isEqualTo("on");
        Path result = tmp.resolve("agent-result.txt");
        VirtualMachine vm = VirtualMachine.attach(Long.toString(worker.process().pid()));
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
        assertThat(Files.readAllLines(Path.of("/proc", Long.toString(worker.process().pid()), "status")))
                .contains("Seccomp:\t0");
    }

    @Test
    void aProcessUnderTheFilterCannotSpawnOrOpenNetworkSocketsButCanOpenUnixOnesAndThreads() throws Exception {
        Process probe = new ProcessBuilder(TestWorker.JAVA, "--enable-native-access=ALL-UNNAMED",
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
        worker = new TestWorker(tmp.resolve("w.sock"));
        stderr = worker.stderr;
        return worker.start(worker.command(true, extra));
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
        return worker.connect();
    }
}
