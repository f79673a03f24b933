package dev.appserver.orchestrator.pool;

import static dev.appserver.orchestrator.pool.FakePool.event;
import static dev.appserver.orchestrator.pool.FakePool.json;
import static dev.appserver.orchestrator.pool.FakePool.settings;
import static dev.appserver.orchestrator.pool.FakePool.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.appserver.orchestrator.hostservices.InstanceBinding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link WorkerPool} over fake workers: chains, placement, ordering, back-pressure, loading, retiring, closing. */
class WorkerPoolTest {
    private final FakePool fixture = new FakePool();
    private final FakeWorkers workers = fixture.workers;
    private final RecordingListener listener = fixture.listener;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void runsEachTenantsChainAndReportsWhatItsInstancesDid() throws Exception {
        workers.app("set-a", FakeApp.setting("a", 1)).app("throws", FakeApp.throwingOn("bad"))
                .app("set-b", FakeApp.setting("b", 2));
        WorkerPool pool = fixture.start(settings(1));

        CompletableFuture<List<EventOutcome>> first = pool.process(List.of(spec(11, 1, "set-a"), spec(12, 1, "throws")),
                List.of(event(1, "fine"), event(1, "bad")));
        CompletableFuture<List<EventOutcome>> second = pool.process(List.of(spec(21, 2, "set-b")), List.of(event(2, "other")));

        List<EventOutcome> one = first.get(10, TimeUnit.SECONDS);
        assertThat(one).hasSize(2);
        assertThat(json(one.get(0)).at("/properties/a").asInt()).isEqualTo(1);
        assertThat(one.get(0).failedConfigIds()).isEmpty();
        assertThat(json(one.get(1)).at("/properties/a").asInt()).isEqualTo(1);
        assertThat(one.get(1).failedConfigIds()).containsExactly(12L);
        List<EventOutcome> two = second.get(10, TimeUnit.SECONDS);
        assertThat(json(two.get(0)).at("/properties/b").asInt()).isEqualTo(2);
        assertThat(listener.messages(11)).containsExactly("loading set-a");
        assertThat(listener.messages(12)).containsExactly("loading throws", "threw on bad");
        assertThat(listener.loaded).extracting(InstanceSpec::configId).containsExactlyInAnyOrder(11L, 12L, 21L);
        assertThat(pool.stats()).isEqualTo(new PoolStats(1, 0, 3, 0));
    }

    @Test
    void bindsEachInstanceForHostCallsUnderAnIdUniqueInItsWorker() throws Exception {
        workers.app("set-a", FakeApp.setting("a", 1));
        WorkerPool pool = fixture.start(settings(1));

        pool.process(List.of(spec(11, 1, "set-a"), spec(12, 1, "set-a")), List.of(event(1, "e"))).get(10, TimeUnit.SECONDS);
        pool.process(List.of(spec(21, 2, "set-a")), List.of(event(2, "e"))).get(10, TimeUnit.SECONDS);

        assertThat(workers.last().instanceIds()).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(fixture.directories.get(0).find(3)).contains(new InstanceBinding(121, 21, 2, "App 21"));
    }

    @Test
    void placesTenantsOnTheLeastLoadedWorkerAndKeepsThemWarmThere() throws Exception {
        workers.app("set-a", FakeApp.setting("a", 1));
        WorkerPool pool = fixture.start(settings(2));

        for (long team = 1; team <= 3; team++) {
            pool.process(List.of(spec(10 * team, team, "set-a")), List.of(event(team, "e"))).get(10, TimeUnit.SECONDS);
        }
        pool.process(List.of(spec(10, 1, "set-a")), List.of(event(1, "again"))).get(10, TimeUnit.SECONDS);

        assertThat(workers.launched).extracting(w -> w.instanceIds().size()).containsExactlyInAnyOrder(2, 1);
        assertThat(workers.loads).hasSize(3);
    }

    @Test
    void runsATenantsBatchesInSubmissionOrderAndOtherTenantsBesideThem() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        workers.app("gated", FakeApp.waitingFor(gate)).app("set-a", FakeApp.setting("a", 1));
        WorkerPool pool = fixture.start(settings(1));

        CompletableFuture<List<EventOutcome>> first = pool.process(List.of(spec(11, 1, "gated")), List.of(event(1, "first")));
        CompletableFuture<List<EventOutcome>> second = pool.process(List.of(spec(12, 1, "set-a")), List.of(event(1, "second")));
        CompletableFuture<List<EventOutcome>> other = pool.process(List.of(spec(21, 2, "set-a")), List.of(event(2, "other")));

        other.get(10, TimeUnit.SECONDS);
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        assertThat(workers.processed).doesNotContain("1:second");
        gate.countDown();
        second.get(10, TimeUnit.SECONDS);
        assertThat(first).isDone();
        assertThat(workers.processed).containsSubsequence("1:first", "1:second");
    }

    @Test
    void saysWhenSaturatedWithoutEverBlocking() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        workers.app("gated", FakeApp.waitingFor(gate));
        WorkerPool pool = fixture.start(settings(1).withMaxBatchesInFlight(2));

        CompletableFuture<?> one = pool.process(List.of(spec(11, 1, "gated")), List.of(event(1, "a")));
        assertThat(pool.saturated()).isFalse();
        CompletableFuture<?> two = pool.process(List.of(spec(11, 1, "gated")), List.of(event(1, "b")));
        CompletableFuture<?> three = pool.process(List.of(spec(21, 2, "gated")), List.of(event(2, "c")));

        assertThat(pool.inFlightBatches()).isEqualTo(3);
        assertThat(pool.saturated()).isTrue();
        gate.countDown();
        CompletableFuture.allOf(one, two, three).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> pool.inFlightBatches() == 0);
        assertThat(pool.saturated()).isFalse();
    }

    @Test
    void excludesAnAppWhoseSetupFailsUntilItsConfigChanges() throws Exception {
        workers.app("no-key", FakeApp.failingSetup("missing API key")).app("set-a", FakeApp.setting("a", 1));
        WorkerPool pool = fixture.start(settings(1));
        List<InstanceSpec> chain = List.of(spec(11, 1, "no-key"), spec(12, 1, "set-a"));

        List<EventOutcome> first = pool.process(chain, List.of(event(1, "x"), event(1, "y"))).get(10, TimeUnit.SECONDS);
        assertThat(first).allSatisfy(o -> {
            assertThat(o.failedConfigIds()).containsExactly(11L);
            assertThat(json(o).at("/properties/a").asInt()).isEqualTo(1);
        });
        assertThat(listener.loadFailures).containsExactly("11 setup: missing API key");
        assertThat(listener.messages(11)).contains("the app could not be loaded (setup: missing API key). "
                + "Disabled the app config until it changes: its events go on without it.");
        assertThat(pool.setupStatus(11)).map(SetupStatus::state).contains(SetupStatus.State.DISABLED);

        fixture.clock.advance(Duration.ofDays(1));
        List<EventOutcome> later = pool.process(chain, List.of(event(1, "w"))).get(10, TimeUnit.SECONDS);
        assertThat(later.get(0).failedConfigIds()).containsExactly(11L);
        assertThat(workers.loads).containsExactly("no-key", "set-a");

        // A new version of the config (its updated_at) is tried again.
        pool.retire(11, 2);
        pool.process(List.of(spec(11, 2, 1, "no-key"), spec(12, 1, "set-a")), List.of(event(1, "v"))).get(10, TimeUnit.SECONDS);
        assertThat(workers.loads).containsExactly("no-key", "set-a", "no-key");
        assertThat(pool.setupStatus(11)).map(SetupStatus::version).contains(2L);
    }

    @Test
    void retriesASetupRetryErrorWithBackoffUntilItLoads() throws Exception {
        AtomicBoolean failing = new AtomicBoolean(true);
        workers.app("db-wait", FakeApp.retryingSetup("RetryError: db not ready", failing::get));
        WorkerPool pool = fixture.start(settings(1));
        List<InstanceSpec> chain = List.of(spec(11, 1, "db-wait"));

        assertThat(pool.process(chain, List.of(event(1, "a"))).get(10, TimeUnit.SECONDS).get(0).failedConfigIds())
                .containsExactly(11L);
        assertThat(listener.messages(11)).contains(
                "setupPlugin failed with RetryError (attempt 1/5): RetryError: db not ready. Retrying in 30 s.");
        fixture.clock.advance(Duration.ofSeconds(29));
        pool.process(chain, List.of(event(1, "b"))).get(10, TimeUnit.SECONDS);
        assertThat(workers.loads).containsExactly("db-wait");

        fixture.clock.advance(Duration.ofSeconds(1));
        pool.process(chain, List.of(event(1, "c"))).get(10, TimeUnit.SECONDS);
        assertThat(workers.loads).containsExactly("db-wait", "db-wait");
        assertThat(pool.setupStatus(11)).map(SetupStatus::attempts).contains(2);

        failing.set(false);
        fixture.clock.advance(Duration.ofSeconds(60));
        List<EventOutcome> loaded = pool.process(chain, List.of(event(1, "d"))).get(10, TimeUnit.SECONDS);
        assertThat(loaded.get(0).failedConfigIds()).isEmpty();
        assertThat(pool.setupStatus(11)).isEmpty();
    }

    @Test
    void retiresOldVersionsOnceTheBatchesBeforeThemAreDone() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        workers.app("gated", FakeApp.waitingFor(gate)).app("v1", FakeApp.tearingDown("bye v1"))
                .app("v2", FakeApp.tearingDown("bye v2"));
        WorkerPool pool = fixture.start(settings(1));

        CompletableFuture<?> batch = pool.process(List.of(spec(10, 1, "gated"), spec(11, 1, 1, "v1")), List.of(event(1, "a")));
        pool.retire(11, 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.loaded.size() == 2);
        assertThat(listener.messages(11)).doesNotContain("bye v1");

        gate.countDown();
        batch.get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.messages(11).contains("bye v1"));
        assertThat(pool.stats().instancesLoaded()).isEqualTo(1);

        pool.process(List.of(spec(11, 2, 1, "v2")), List.of(event(1, "b"))).get(10, TimeUnit.SECONDS);
        pool.retire(11, 2);
        pool.retire(11, Long.MIN_VALUE);
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.messages(11).contains("bye v2"));
        assertThat(listener.messages(11)).containsOnlyOnce("bye v2");
    }

    @Test
    void closeTearsEveryInstanceDownAndStopsTheWorkers() throws Exception {
        workers.app("v1", FakeApp.tearingDown("bye v1"));
        WorkerPool pool = fixture.start(settings(2));
        pool.process(List.of(spec(11, 1, "v1")), List.of(event(1, "a"))).get(10, TimeUnit.SECONDS);

        pool.close();

        assertThat(listener.messages(11)).contains("bye v1");
        assertThat(workers.launched).noneMatch(FakeWorker::alive);
        CompletableFuture<List<EventOutcome>> late = pool.process(List.of(spec(11, 1, "v1")), List.of(event(1, "b")));
        Assertions.assertThatThrownBy(late::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void aWorkerRunsItsShareOfTheBatchesInFlightAtATimeAndTheOthersWaitTheirTurn() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        workers.app("waiting", FakeApp.countingWhileWaiting(gate, running, peak));
        // Two batches in flight for the pool's one worker: it takes two at a time.
        WorkerPool pool = fixture.start(settings(1).withMaxBatchesInFlight(2));

        List<CompletableFuture<List<EventOutcome>>> batches = new ArrayList<>();
        for (int team = 1; team <= 5; team++) {
            batches.add(pool.process(List.of(spec(10 + team, team, "waiting")), List.of(event(team, "e" + team))));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> running.get() == 2);
        assertThat(batches).filteredOn(CompletableFuture::isDone).isEmpty();

        gate.countDown();
        for (CompletableFuture<List<EventOutcome>> batch : batches) {
            assertThat(batch.get(10, TimeUnit.SECONDS).get(0).failedConfigIds()).isEmpty();
        }
        assertThat(peak.get()).isEqualTo(2);
    }
}
