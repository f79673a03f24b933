package dev.appserver.orchestrator.pool;

import static dev.appserver.orchestrator.pool.FakePool.event;
import static dev.appserver.orchestrator.pool.FakePool.settings;
import static dev.appserver.orchestrator.pool.FakePool.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.appserver.proto.v1.InvocationResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link WorkerPool#call}: app calls on instances of their own, beside the tenants' chains. */
class WorkerPoolCallsTest {
    private final FakePool fixture = new FakePool();
    private final FakeWorkers workers = fixture.workers;
    private final RecordingListener listener = fixture.listener;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aCallRunsOnAnInstanceOfItsOwnAndDoesNotWaitForTheTenantsChain() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        workers.app("gated", FakeApp.waitingFor(gate));
        WorkerPool pool = fixture.start(settings(1));
        InstanceSpec spec = spec(11, 1, "gated");

        CompletableFuture<List<EventOutcome>> batch = pool.process(List.of(spec), List.of(event(1, "held")));
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.loaded.size() == 1);
        CallOutcome exported = pool.call(spec, new AppCall.ExportEvents(List.of(event(1, "a"), event(1, "b")), "batch-1", 0))
                .get(10, TimeUnit.SECONDS);

        assertThat(exported.status()).isEqualTo(CallOutcome.Status.SUCCEEDED);
        assertThat(batch).isNotDone();
        assertThat(workers.loads).containsExactly("gated", "gated");
        assertThat(workers.calls).hasSize(1).allMatch(call -> call.endsWith(":exportEvents:2"));
        gate.countDown();
        batch.get(10, TimeUnit.SECONDS);
        assertThat(pool.stats().instancesLoaded()).isEqualTo(2);
    }

    @Test
    void aCallTheAppDoesNotExportIsNotRun() throws Exception {
        workers.app("plain", FakeApp.setting("a", 1));
        WorkerPool pool = fixture.start(settings(1));

        CallOutcome outcome = pool.call(spec(11, 1, "plain"), new AppCall.RunTask("runEveryHour")).get(10, TimeUnit.SECONDS);

        assertThat(outcome.status()).isEqualTo(CallOutcome.Status.NOT_EXPORTED);
        assertThat(outcome.error()).isEqualTo("the app does not export runEveryHour");
        assertThat(workers.calls).isEmpty();
        assertThat(pool.stats().instancesLoaded()).as("it serves other calls").isEqualTo(1);
    }

    @Test
    void anInstanceLoadedForACallItServesNoneOfIsUnloadedAgain() throws Exception {
        workers.app("chain-only", FakeApp.processingOnly());
        WorkerPool pool = fixture.start(settings(1));

        CallOutcome outcome = pool.call(spec(11, 1, "chain-only"), new AppCall.RunTask("runEveryMinute")).get(10, TimeUnit.SECONDS);

        assertThat(outcome.status()).isEqualTo(CallOutcome.Status.NOT_EXPORTED);
        assertThat(listener.loaded).hasSize(1);
        assertThat(workers.calls).isEmpty();
        assertThat(pool.stats().instancesLoaded()).isZero();
    }

    @Test
    void aRetryErrorAndAFailureAreOutcomes() throws Exception {
        workers.app("flaky", FakeApp.calling(
                name -> name.equals("sync") ? InvocationResponse.Outcome.FAILED : InvocationResponse.Outcome.RETRY));
        WorkerPool pool = fixture.start(settings(1));
        InstanceSpec spec = spec(11, 1, "flaky");

        assertThat(pool.call(spec, new AppCall.ExportEvents(List.of(event(1, "a")), "b", 0)).get(10, TimeUnit.SECONDS).status())
                .isEqualTo(CallOutcome.Status.RETRY);
        assertThat(pool.call(spec, new AppCall.RunJob("sync", "{}")).get(10, TimeUnit.SECONDS).status())
                .isEqualTo(CallOutcome.Status.FAILED);
    }

    @Test
    void aWorkerThatDiesUnderACallIsReplacedAndTheCallMayBeRetried() throws Exception {
        workers.app("bomb", FakeApp.calling(name -> {
            throw new FakeWorker.Crash();
        }));
        WorkerPool pool = fixture.start(settings(1));

        CallOutcome outcome = pool.call(spec(11, 1, "bomb"), new AppCall.RunTask("runEveryMinute")).get(10, TimeUnit.SECONDS);

        assertThat(outcome.status()).isEqualTo(CallOutcome.Status.RETRY);
        assertThat(outcome.error()).isEqualTo("the worker died during runEveryMinute");
        await().atMost(Duration.ofSeconds(5)).until(() -> workers.launched.size() == 2 && workers.launched.get(1).alive());
    }

    @Test
    void retiringAnAppConfigTearsDownItsCallInstanceToo() throws Exception {
        workers.app("v1", FakeApp.tearingDown("bye v1"));
        WorkerPool pool = fixture.start(settings(1));
        InstanceSpec spec = spec(11, 1, "v1");
        pool.process(List.of(spec), List.of(event(1, "a"))).get(10, TimeUnit.SECONDS);
        pool.call(spec, new AppCall.OnEvents(List.of(event(1, "a")))).get(10, TimeUnit.SECONDS);
        assertThat(pool.stats().instancesLoaded()).isEqualTo(2);

        pool.retire(11, Long.MIN_VALUE);

        await().atMost(Duration.ofSeconds(5)).until(() -> pool.stats().instancesLoaded() == 0);
        assertThat(listener.messages(11)).containsExactly("loading v1", "loading v1", "bye v1", "bye v1");
    }
}
