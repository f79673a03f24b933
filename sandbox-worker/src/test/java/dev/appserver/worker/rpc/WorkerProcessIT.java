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
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import dev.appserver.worker.TestWorker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real worker process from target/worker-dist and talks to it over its Unix socket. */
class WorkerProcessIT {
    @TempDir
    Path tmp;

    private TestWorker worker;

    @BeforeEach
    void prepare() {
        worker = new TestWorker(tmp.resolve("w.sock"));
    }

    @AfterEach
    void stop() throws Exception {
        worker.close();
    }

    @Test
    void runsOptimizedWithoutFallbackWarning() throws Exception {
        String ready = worker.start(worker.command(true));
        assertThat(ready).startsWith("READY ").endsWith("GraalVM CE");
        HealthResponse health = worker.connect().health(HealthRequest.getDefaultInstance());
        assertThat(health.getOptimizingRuntime()).isTrue();
        assertThat(health.getJsRuntime()).isEqualTo("GraalVM CE");
        assertThat(health.getPid()).isEqualTo(worker.process().pid());
        assertThat(String.join("\n", worker.stderr)).doesNotContainIgnoringCase("fallback runtime");
    }

    @Test
    void exitsAndRemovesItsSocketWhenItsParentGoesAway() throws Exception {
        worker.start(worker.command(true));
        Path socket = tmp.resolve("w.sock");
        assertThat(socket).exists();
        // The orchestrator holds the worker's standard input; end-of-file means it has gone.
        worker.process().getOutputStream().close();
        assertThat(worker.process().waitFor(30, TimeUnit.SECONDS)).as("worker exited").isTrue();
        assertThat(worker.process().exitValue()).isZero();
        assertThat(socket).doesNotExist();
    }

    @Test
    void refusesTheFallbackRuntimeUnlessAllowed() throws Exception {
        Process process = new ProcessBuilder(worker.command(false)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(3);
        assertThat(output).contains("fallback (interpreter-only) runtime").doesNotContain("READY");
    }

    @Test
    void loadsAppAndProcessesBatchWithHostCallsOverTheChannel() throws Exception {
        worker.start(worker.command(true));
        WorkerServiceGrpc.WorkerServiceBlockingStub stub = worker.connect();
        List<HostCall> calls = new CopyOnWriteArrayList<>();
        StreamObserver<HostResult>[] results = new StreamObserver[1];
        results[0] = HostChannelGrpc.newStub(worker.channel()).open(new StreamObserver<>() {
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
        LoadInstanceResponse loaded = stub.loadInstance(LoadInstanceRequest.newBuilder()
                .setInstanceId(7).setConfigId(7).setTeamId(2).setAppName("Counter").setFileName("index.js")
                .setCode("exports.processEvent = async (e, { cache }) => { e.properties.n = Number(await cache.get('n')) + 1; return e }")
                .setConfigJson(ByteString.copyFromUtf8("{}")).build());
        assertThat(loaded.hasError()).as(loaded.getError().getMessage()).isFalse();
        assertThat(loaded.getCapabilities().getProcessEvent()).isTrue();
        ProcessBatchResponse response = stub.processBatch(ProcessBatchRequest.newBuilder().addChain(7)
                .addEvents(ByteString.copyFromUtf8("{\"event\":\"a\",\"team_id\":2,\"properties\":{}}")).build());
        assertThat(response.getResults(0).getEvent().toStringUtf8()).isEqualTo(
                "{\"event\":\"a\",\"team_id\":2,\"properties\":{\"n\":42,\"$plugins_succeeded\":[\"Counter (7)\"],"
                        + "\"$plugins_failed\":[],\"$plugins_deferred\":[]}}");
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).getInstanceId()).isEqualTo(7);
        assertThat(calls.get(0).getCache().getKey()).isEqualTo("n");

        // The CPU time the chain cost is measured on the thread that ran it (for the tenant's
        // quota): a chain that spins for 300 ms is charged some of it (how much depends on how
        // busy the machine is, so only a floor of 1 ms is asserted).
        assertThat(stub.loadInstance(LoadInstanceRequest.newBuilder()
                .setInstanceId(8).setConfigId(8).setTeamId(2).setAppName("Busy").setFileName("index.js")
                .setCode("exports.processEvent = e => { const until = Date.now() + 300; while (Date.now() < until) {} return e }")
                .setConfigJson(ByteString.copyFromUtf8("{}")).build()).hasError()).isFalse();
        ProcessBatchResponse busy = stub.processBatch(ProcessBatchRequest.newBuilder().addChain(8)
                .addEvents(ByteString.copyFromUtf8("{\"event\":\"b\",\"team_id\":2}")).build());
        assertThat(busy.getCpuNanos()).isBetween(1_000_000L, 60_000_000_000L);
    }
}
