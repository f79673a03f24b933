package dev.appserver.orchestrator.trust;

import static dev.appserver.orchestrator.trust.ChainSplitTest.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.appserver.orchestrator.pool.EventOutcome;
import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.pool.Pool;
import dev.appserver.orchestrator.pool.WorkerStartException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrustPoolsTest {
    private final Map<Long, List<String>> drops = new ConcurrentHashMap<>();
    private final Map<Long, List<String>> fails = new ConcurrentHashMap<>();
    private final Map<PoolName, ScriptedPool> started = new ConcurrentHashMap<>();
    private final List<PoolName> starts = new CopyOnWriteArrayList<>();
    private final Set<PoolName> failingStarts = ConcurrentHashMap.newKeySet();
    private TrustPools pools;

    private TrustPools start(Long... dedicatedTeams) throws WorkerStartException {
        pools = TrustPools.start(Set.of(dedicatedTeams), this::startPool);
        return pools;
    }

    private Pool startPool(PoolName name) throws WorkerStartException {
        starts.add(name);
        if (failingStarts.contains(name)) {
            throw new WorkerStartException("no JVM for " + name);
        }
        return started.computeIfAbsent(name, n -> new ScriptedPool(n.name(), drops, fails));
    }

    @AfterEach
    void close() {
        if (pools != null) {
            pools.close();
        }
    }

    private static List<byte[]> events(String... names) {
        return Arrays.stream(names).map(ScriptedPool::event).toList();
    }

    private static List<String> texts(List<EventOutcome> outcomes) {
        return outcomes.stream().map(ScriptedPool::path).toList();
    }

    private static List<String> list(EventOutcome outcome, String key) {
        List<String> names = new ArrayList<>();
        ScriptedPool.read(outcome.event()).get("properties").get(key).forEach(name -> names.add(name.asText()));
        return names;
    }

    private static List<EventOutcome> get(CompletableFuture<List<EventOutcome>> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    @Test
    void onlyTheUntrustedPoolStartsWithTheServer() throws Exception {
        start(7L);

        assertThat(starts).containsExactly(PoolName.UNTRUSTED);
        assertThat(pools.names()).containsExactly(PoolName.UNTRUSTED, PoolName.VERIFIED, PoolName.dedicated(7));
        assertThat(pools.started(PoolName.VERIFIED)).isFalse();
        assertThat(pools.notReady()).as("a pool not started yet starts on demand").isEmpty();
    }

    @Test
    void aChainOfOneTrustIsOneCallToItsPool() throws Exception {
        start();
        List<InstanceSpec> chain = List.of(spec(1, 2, false), spec(2, 2, false));

        assertThat(texts(get(pools.process(chain, events("e1", "e2"))))).containsExactly("e1|1|2", "e2|1|2");

        assertThat(started.get(PoolName.UNTRUSTED).calls).containsExactly(
                new ScriptedPool.Call(List.of(1L, 2L), List.of(false, false), List.of("e1", "e2")));
        assertThat(starts).doesNotContain(PoolName.VERIFIED);
    }

    @Test
    void aMixedChainRunsEachSegmentInItsPoolAndMergesInInputOrder() throws Exception {
        start();
        drops.put(2L, List.of("e2"));
        fails.put(1L, List.of("e3"));
        fails.put(3L, List.of("e4"));
        List<InstanceSpec> chain = List.of(spec(1, 2, false), spec(2, 2, true), spec(3, 2, false));

        List<EventOutcome> outcomes = get(pools.process(chain, events("e1", "e2", "e3", "e4")));

        assertThat(texts(outcomes)).containsExactly("e1|1|2|3", null, "e3|2|3", "e4|1|2");
        assertThat(outcomes).extracting(EventOutcome::failedConfigIds)
                .containsExactly(List.of(), List.of(), List.of(1L), List.of(3L));
        assertThat(outcomes).extracting(EventOutcome::succeededConfigIds)
                .containsExactly(List.of(1L, 2L, 3L), List.of(1L), List.of(2L, 3L), List.of(1L, 2L));
        assertThat(outcomes).extracting(EventOutcome::droppedBy).containsExactly(OptionalLong.empty(), OptionalLong.of(2),
                OptionalLong.empty(), OptionalLong.empty());
        assertThat(started.get(PoolName.UNTRUSTED).calls).containsExactly(
                new ScriptedPool.Call(List.of(1L), List.of(false), List.of("e1", "e2", "e3", "e4")),
                new ScriptedPool.Call(List.of(3L), List.of(false), List.of("e1|1|2", "e3|2", "e4|1|2")));
        assertThat(started.get(PoolName.VERIFIED).calls).containsExactly(
                new ScriptedPool.Call(List.of(2L), List.of(true), List.of("e1|1", "e2|1", "e3", "e4|1")));
    }

    @Test
    void failuresOfSeveralSegmentsAreConcatenatedInChainOrder() throws Exception {
        start();
        fails.put(1L, List.of("e1"));
        fails.put(2L, List.of("e1"));
        fails.put(3L, List.of("e1"));
        List<InstanceSpec> chain = List.of(spec(1, 2, true), spec(2, 2, false), spec(3, 2, true));

        List<EventOutcome> outcomes = get(pools.process(chain, events("e1")));

        assertThat(outcomes.get(0).failedConfigIds()).containsExactly(1L, 2L, 3L);
        assertThat(texts(outcomes)).containsExactly("e1");
        assertThat(list(outcomes.get(0), "$plugins_failed")).containsExactly("App 1", "App 2", "App 3");
    }

    @Test
    void pluginListsCoverTheWholeChainAndNoSegmentSeesThoseOfAnother() throws Exception {
        start();
        fails.put(2L, List.of("e1"));
        List<InstanceSpec> chain = List.of(spec(1, 2, false), spec(2, 2, true), spec(3, 2, true), spec(4, 2, false));

        EventOutcome outcome = get(pools.process(chain, events("e1"))).get(0);

        assertThat(list(outcome, "$plugins_succeeded")).containsExactly("App 1", "App 3", "App 4");
        assertThat(list(outcome, "$plugins_failed")).containsExactly("App 2");
        assertThat(list(outcome, "$plugins_deferred")).isEmpty();
        assertThat(started.get(PoolName.UNTRUSTED).listsSeen).isEmpty();
        assertThat(started.get(PoolName.VERIFIED).listsSeen).isEmpty();
        assertThat(ScriptedPool.read(outcome.event()).toString())
                .as("key order kept").isEqualTo("{\"event\":\"e1\",\"properties\":{\"path\":\"e1|1|3|4\","
                        + "\"$plugins_succeeded\":[\"App 1\",\"App 3\",\"App 4\"],\"$plugins_failed\":[\"App 2\"],"
                        + "\"$plugins_deferred\":[]}}");
    }

    @Test
    void segmentsAfterEveryEventWasDroppedAreNotCalled() throws Exception {
        start();
        drops.put(1L, List.of("e1", "e2"));
        List<InstanceSpec> chain = List.of(spec(1, 2, true), spec(2, 2, false));

        assertThat(texts(get(pools.process(chain, events("e1", "e2"))))).containsExactly(null, null);

        assertThat(started.get(PoolName.UNTRUSTED).calls).isEmpty();
    }

    @Test
    void verifiedAndUntrustedAppsNeverReachTheOtherPool() throws Exception {
        start();
        List<InstanceSpec> chain = List.of(spec(1, 2, true), spec(2, 2, false), spec(3, 2, false), spec(4, 2, true));
        for (int i = 0; i < 5; i++) {
            get(pools.process(chain, events("e" + i)));
        }
        get(pools.process(List.of(spec(5, 3, false)), events("x")));
        get(pools.process(List.of(spec(6, 4, true)), events("y")));

        assertThat(started.get(PoolName.VERIFIED).calls).isNotEmpty()
                .allSatisfy(call -> assertThat(call.verified()).containsOnly(true));
        assertThat(started.get(PoolName.UNTRUSTED).calls).isNotEmpty()
                .allSatisfy(call -> assertThat(call.verified()).containsOnly(false));
    }

    @Test
    void aTenantWithADedicatedPoolRunsItsWholeChainOnlyThere() throws Exception {
        start(7L);
        List<InstanceSpec> chain = List.of(spec(1, 7, false), spec(2, 7, true));

        assertThat(texts(get(pools.process(chain, events("e1"))))).containsExactly("e1|1|2");
        get(pools.process(List.of(spec(3, 8, false)), events("other")));

        assertThat(started.get(PoolName.dedicated(7)).calls).containsExactly(
                new ScriptedPool.Call(List.of(1L, 2L), List.of(false, true), List.of("e1")));
        assertThat(started.get(PoolName.UNTRUSTED).calls).extracting(ScriptedPool.Call::configIds)
                .containsExactly(List.of(3L));
        assertThat(starts).doesNotContain(PoolName.VERIFIED);
    }

    @Test
    void aTenantsBatchesKeepTheirOrderAcrossPools() throws Exception {
        start();
        ScriptedPool untrusted = started.get(PoolName.UNTRUSTED);
        untrusted.hold();
        List<InstanceSpec> mixed = List.of(spec(1, 2, false), spec(2, 2, true));
        List<InstanceSpec> untrustedOnly = List.of(spec(1, 2, false));

        CompletableFuture<List<EventOutcome>> first = pools.process(mixed, events("a"));
        CompletableFuture<List<EventOutcome>> second = pools.process(untrustedOnly, events("b"));
        CompletableFuture<List<EventOutcome>> third = pools.process(untrustedOnly, events("c"));
        CompletableFuture<List<EventOutcome>> otherTenant = pools.process(List.of(spec(9, 3, false)), events("o"));

        assertThat(untrusted.calls).extracting(ScriptedPool.Call::events)
                .as("the second batch waits until the first has left every pool; other tenants do not wait")
                .containsExactly(List.of("a"), List.of("o"));
        untrusted.release();

        assertThat(texts(get(first))).containsExactly("a|1|2");
        assertThat(texts(get(second))).containsExactly("b|1");
        assertThat(texts(get(third))).containsExactly("c|1");
        assertThat(texts(get(otherTenant))).containsExactly("o|9");
        assertThat(untrusted.calls).extracting(ScriptedPool.Call::events)
                .containsExactly(List.of("a"), List.of("o"), List.of("b"), List.of("c"));
        await().atMost(Duration.ofSeconds(5)).until(() -> pools.stats().batchesInFlight() == 0);
    }

    @Test
    void batchesOfOnePoolAreHandedOverAtOnce() throws Exception {
        start();
        ScriptedPool untrusted = started.get(PoolName.UNTRUSTED);
        untrusted.hold();
        List<InstanceSpec> chain = List.of(spec(1, 2, false));

        CompletableFuture<List<EventOutcome>> first = pools.process(chain, events("a"));
        CompletableFuture<List<EventOutcome>> second = pools.process(chain, events("b"));

        assertThat(untrusted.calls).extracting(ScriptedPool.Call::events).containsExactly(List.of("a"), List.of("b"));
        assertThat(pools.stats().batchesInFlight()).isEqualTo(2);
        untrusted.release();
        assertThat(texts(get(first))).containsExactly("a|1");
        assertThat(texts(get(second))).containsExactly("b|1");
    }

    @Test
    void aConfigWhoseAppBecameVerifiedIsRetiredFromTheUntrustedPool() throws Exception {
        start();
        get(pools.process(List.of(spec(1, 2, false)), events("e1")));

        get(pools.process(List.of(spec(1, 2, true)), events("e2")));
        get(pools.process(List.of(spec(1, 2, true)), events("e3")));

        assertThat(started.get(PoolName.UNTRUSTED).retirements).containsExactly("1@all");
        assertThat(started.get(PoolName.VERIFIED).calls).extracting(ScriptedPool.Call::events)
                .containsExactly(List.of("e2"), List.of("e3"));

        get(pools.process(List.of(spec(1, 2, false)), events("e4")));
        assertThat(started.get(PoolName.VERIFIED).retirements).containsExactly("1@all");
    }

    @Test
    void retirementsGoToEveryStartedPool() throws Exception {
        start(7L);
        get(pools.process(List.of(spec(1, 2, true)), events("e1")));

        pools.retire(1, 5);

        assertThat(started.get(PoolName.UNTRUSTED).retirements).containsExactly("1@5");
        assertThat(started.get(PoolName.VERIFIED).retirements).containsExactly("1@5");
        assertThat(started).doesNotContainKey(PoolName.dedicated(7));
    }

    @Test
    void aPoolThatCannotStartFailsItsBatchesIsNotReadyAndIsTriedAgain() throws Exception {
        start();
        failingStarts.add(PoolName.VERIFIED);

        CompletableFuture<List<EventOutcome>> batch = pools.process(List.of(spec(1, 2, true)), events("e1"));

        assertThat(batch).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("no JVM for verified");
        await().atMost(Duration.ofSeconds(5)).until(() -> pools.notReady().equals(List.of(PoolName.VERIFIED)));

        failingStarts.clear();
        assertThat(texts(get(pools.process(List.of(spec(1, 2, true)), events("e2"))))).containsExactly("e2|1");
        assertThat(starts).containsExactly(PoolName.UNTRUSTED, PoolName.VERIFIED, PoolName.VERIFIED);
        assertThat(pools.notReady()).isEmpty();
    }

    @Test
    void closeClosesEveryStartedPoolAndLaterBatchesFail() throws Exception {
        start(7L);
        get(pools.process(List.of(spec(1, 2, true)), events("e1")));

        pools.close();

        assertThat(new ArrayList<>(started.values())).allSatisfy(pool -> assertThat(pool.closed).isTrue());
        assertThat(pools.process(List.of(spec(1, 2, false)), events("e2"))).failsWithin(Duration.ofSeconds(5));
        assertThat(pools.process(List.of(spec(2, 7, false)), events("e3"))).failsWithin(Duration.ofSeconds(5));
    }
}
