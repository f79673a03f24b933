package dev.appserver.orchestrator.pool;

import static dev.appserver.orchestrator.pool.FakePool.event;
import static dev.appserver.orchestrator.pool.FakePool.json;
import static dev.appserver.orchestrator.pool.FakePool.settings;
import static dev.appserver.orchestrator.pool.FakePool.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link WorkerPool} over fake workers that die and hang: replacement, re-runs, blame only on evidence. */
class WorkerPoolRecoveryTest {
    private final FakePool fixture = new FakePool();
    private final FakeWorkers workers = fixture.workers;
    private final RecordingListener listener = fixture.listener;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aWorkerKilledFromOutsideOnceBlamesNobody() throws Exception {
        workers.app("set-a", FakeApp.setting("a", 1));
        WorkerPool pool = fixture.start(settings(1));
        pool.process(List.of(spec(11, 1, "set-a")), List.of(event(1, "warm"))).get(10, TimeUnit.SECONDS);
        workers.killOnNextBatches(1);

        List<EventOutcome> out = pool.process(List.of(spec(11, 1, "set-a")), List.of(event(1, "x"), event(1, "y")))
                .get(10, TimeUnit.SECONDS);

        assertThat(out).allSatisfy(o -> {
            assertThat(o.failedConfigIds()).isEmpty();
            assertThat(json(o).at("/properties/a").asInt()).isEqualTo(1);
        });
        assertThat(pool.stats().workerRestarts()).isEqualTo(1);
        assertThat(workers.launched.get(0).alive()).isFalse();
        assertThat(workers.loads).containsExactly("set-a", "set-a");
        assertThat(listener.messages(11)).doesNotContain(BatchRun.CRASH_MESSAGE);
    }

    @Test
    void blamesTheAppThatCrashesTheWorkerForThatEventOnly() throws Exception {
        workers.app("set-a", FakeApp.setting("a", 1)).app("bomb", FakeApp.crashingOn("bomb"))
                .app("set-b", FakeApp.setting("b", 2)).app("set-c", FakeApp.setting("c", 3));
        WorkerPool pool = fixture.start(settings(1));
        List<InstanceSpec> chain = List.of(spec(11, 1, "set-a"), spec(12, 1, "bomb"), spec(13, 1, "set-b"));
        List<CompletableFuture<List<EventOutcome>>> others = new ArrayList<>();

        CompletableFuture<List<EventOutcome>> bombed = pool.process(chain,
                List.of(event(1, "before"), event(1, "bomb"), event(1, "after")));
        for (int i = 0; i < 5; i++) {
            others.add(pool.process(List.of(spec(21, 2, "set-c")), List.of(event(2, "other-" + i))));
        }

        List<EventOutcome> out = bombed.get(10, TimeUnit.SECONDS);
        assertThat(out.get(0).failedConfigIds()).isEmpty();
        assertThat(json(out.get(0)).at("/properties/survived").asBoolean()).isTrue();
        assertThat(out.get(1).failedConfigIds()).containsExactly(12L);
        assertThat(json(out.get(1)).at("/properties").toString()).isEqualTo("{\"a\":1,\"b\":2}");
        assertThat(out.get(2).failedConfigIds()).isEmpty();
        assertThat(json(out.get(2)).at("/properties/b").asInt()).isEqualTo(2);
        for (CompletableFuture<List<EventOutcome>> other : others) {
            EventOutcome outcome = other.get(10, TimeUnit.SECONDS).get(0);
            assertThat(outcome.failedConfigIds()).isEmpty();
            assertThat(json(outcome).at("/properties/c").asInt()).isEqualTo(3);
        }
        assertThat(listener.messages(12)).containsOnlyOnce(BatchRun.CRASH_MESSAGE);
        assertThat(listener.messages(11)).doesNotContain(BatchRun.CRASH_MESSAGE);
        // The batch with others, the batch alone, the event alone, the event through the bomb alone.
        assertThat(pool.stats().workerRestarts()).isEqualTo(4);
    }

    @Test
    void theSlotsOtherTenantsDoNotWaitWhileACrashedBatchIsSearchedInQuarantine() throws Exception {
        workers.app("bomb", FakeApp.crashingOn("bomb")).app("set-c", FakeApp.setting("c", 3));
        WorkerPool pool = fixture.start(settings(1));
        pool.process(List.of(spec(21, 2, "set-c")), List.of(event(2, "warm"))).get(10, TimeUnit.SECONDS);
        CountDownLatch quarantineMayStart = workers.holdStarts("quarantine-");

        CompletableFuture<List<EventOutcome>> bombed = pool.process(List.of(spec(12, 1, "bomb")), List.of(event(1, "bomb")));
        // Once the bombed batch waits for its quarantine worker, the slot knows its worker died: a
        // batch sent before that could reach the dying worker and be quarantined alongside.
        await().atMost(Duration.ofSeconds(10)).until(() -> workers.waitingToStart.get() == 1);
        // The bomb killed the slot's worker; its batch now waits for a quarantine worker, and the
        // other tenant on the same slot is served by the slot's replacement meanwhile.
        EventOutcome other = pool.process(List.of(spec(21, 2, "set-c")), List.of(event(2, "meanwhile")))
                .get(10, TimeUnit.SECONDS).get(0);
        assertThat(json(other).at("/properties/c").asInt()).isEqualTo(3);
        assertThat(bombed).isNotDone();

        quarantineMayStart.countDown();
        assertThat(bombed.get(10, TimeUnit.SECONDS).get(0).failedConfigIds()).containsExactly(12L);
        assertThat(workers.launched).as("quarantine workers are stopped with their batch")
                .filteredOn(FakeWorker::alive).hasSize(1);
    }

    @Test
    void blamesTheOnlyAppOfAChainWithoutTryingItAlone() throws Exception {
        workers.app("bomb", FakeApp.crashingOn("bomb"));
        WorkerPool pool = fixture.start(settings(1));

        List<EventOutcome> out = pool.process(List.of(spec(12, 1, "bomb")), List.of(event(1, "bomb")))
                .get(10, TimeUnit.SECONDS);

        assertThat(out.get(0).failedConfigIds()).containsExactly(12L);
        assertThat(json(out.get(0)).at("/event").asText()).isEqualTo("bomb");
        assertThat(pool.stats().workerRestarts()).isEqualTo(2);
    }

    @Test
    void anAppWhoseLoadCrashesTheWorkerCountsAsAFailedLoad() throws Exception {
        workers.app("load-bomb", FakeApp.crashingOnLoad()).app("set-a", FakeApp.setting("a", 1));
        WorkerPool pool = fixture.start(settings(1));

        List<EventOutcome> out = pool.process(List.of(spec(11, 1, "load-bomb"), spec(12, 1, "set-a")),
                List.of(event(1, "x"))).get(10, TimeUnit.SECONDS);

        assertThat(out.get(0).failedConfigIds()).containsExactly(11L);
        assertThat(json(out.get(0)).at("/properties/a").asInt()).isEqualTo(1);
        assertThat(listener.loadFailures).singleElement().asString().startsWith("11 crash: ");
    }

    @Test
    void replacesAWorkerThatFailsItsHealthCheck() throws Exception {
        workers.app("set-a", FakeApp.setting("a", 1));
        WorkerPool pool = fixture.start(settings(1).withHealthChecks(Duration.ofMillis(50), Duration.ofMillis(100)));
        pool.process(List.of(spec(11, 1, "set-a")), List.of(event(1, "warm"))).get(10, TimeUnit.SECONDS);

        workers.launched.get(0).hang();
        List<EventOutcome> out = pool.process(List.of(spec(11, 1, "set-a")), List.of(event(1, "x")))
                .get(10, TimeUnit.SECONDS);

        assertThat(out.get(0).failedConfigIds()).isEmpty();
        assertThat(json(out.get(0)).at("/properties/a").asInt()).isEqualTo(1);
        assertThat(workers.launched.get(0).alive()).isFalse();
        assertThat(pool.stats().workerRestarts()).isEqualTo(1);
        assertThat(pool.stats().workersAlive()).isEqualTo(1);
    }

    @Test
    void failsABatchWhenNoWorkerCanBeStartedAndTriesAgainForTheNext() throws Exception {
        workers.app("set-a", FakeApp.setting("a", 1));
        WorkerPool pool = fixture.start(settings(1));
        workers.killOnNextBatches(1);
        workers.failNextStarts(2);

        CompletableFuture<List<EventOutcome>> failed = pool.process(List.of(spec(11, 1, "set-a")), List.of(event(1, "x")));
        assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(WorkerStartException.class);

        List<EventOutcome> out = pool.process(List.of(spec(11, 1, "set-a")), List.of(event(1, "y"))).get(10, TimeUnit.SECONDS);
        assertThat(json(out.get(0)).at("/properties/a").asInt()).isEqualTo(1);
        assertThat(pool.stats().workersAlive()).isEqualTo(1);
    }

    @Test
    void theReRunsOfADeadWorkersBatchesTakeTurnsOnQuarantineWorkers() throws Exception {
        workers.app("set-a", FakeApp.setting("a", 1));
        WorkerPool pool = fixture.start(settings(1));
        CountDownLatch quarantineMayStart = workers.holdStarts("quarantine-");
        FakeWorker first = workers.launched.get(0);
        first.hang();

        // Five tenants' batches wait on the hung worker; it is killed, and each batch is to be
        // re-run alone: on as many quarantine workers at a time as the pool has slots, one here.
        List<CompletableFuture<List<EventOutcome>>> batches = new ArrayList<>();
        for (int team = 1; team <= 5; team++) {
            batches.add(pool.process(List.of(spec(10 + team, team, "set-a")), List.of(event(team, "e" + team))));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> workers.callsOnHungWorkers.get() == 5);
        first.kill();
        await().atMost(Duration.ofSeconds(10)).until(() -> workers.waitingToStart.get() == 1);
        quarantineMayStart.countDown();

        for (CompletableFuture<List<EventOutcome>> batch : batches) {
            EventOutcome outcome = batch.get(10, TimeUnit.SECONDS).get(0);
            assertThat(outcome.failedConfigIds()).isEmpty();
            assertThat(json(outcome).at("/properties/a").asInt()).isEqualTo(1);
        }
        List<FakeWorker> quarantined = workers.launched.stream().filter(w -> w.name.startsWith("quarantine-"))
                .sorted(java.util.Comparator.comparingLong(w -> w.startedNanos)).toList();
        assertThat(quarantined).hasSize(5).noneMatch(FakeWorker::alive);
        for (int i = 1; i < quarantined.size(); i++) {
            assertThat(quarantined.get(i).startedNanos).as("quarantine worker %d started after %d stopped", i, i - 1)
                    .isGreaterThan(quarantined.get(i - 1).endedNanos());
        }
    }
}
