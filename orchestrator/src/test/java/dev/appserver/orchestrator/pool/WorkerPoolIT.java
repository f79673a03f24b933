package dev.appserver.orchestrator.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appserver.orchestrator.hostservices.AppHostServices;
import dev.appserver.orchestrator.hostservices.GeoIpLocator;
import dev.appserver.orchestrator.hostservices.InMemoryAppCache;
import dev.appserver.orchestrator.hostservices.InMemoryAppStorage;
import dev.appserver.orchestrator.limits.Cgroups;
import dev.appserver.orchestrator.limits.NoCgroups;
import dev.appserver.orchestrator.limits.TestCgroups;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WorkerPool} with real sandbox worker processes: chains of two tenants, a worker killed
 * from outside, an app that exhausts the worker's heap, a stopped (hung) worker, retiring and
 * closing. Few workers per test: each costs seconds of CPU to start.
 */
class WorkerPoolIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LONG = Duration.ofMinutes(3);

    private static final String SET_X = "exports.processEvent = (e) => { e.properties.x = 1; return e }";
    private static final String CACHED = """
            exports.processEvent = async (e, { cache }) => {
              await cache.set('last', e.event)
              e.properties.cached = await cache.get('last')
              return e
            }
            """;
    private static final String DROPS = """
            exports.processEvent = (e) => {
              if (e.event === 'drop') return null
              e.properties.y = 2
              return e
            }
            """;
    private static final String THROWS = """
            exports.processEvent = (e) => {
              if (e.event === 'bad') throw new Error('bad event')
              e.properties.z = 3
              return e
            }
            """;
    private static final String SLOW = """
            exports.processEvent = (e) => {
              const end = Date.now() + 150
              while (Date.now() < end) {}
              e.properties.slow = true
              return e
            }
            """;
    // Allocates until the worker's heap is exhausted, for events named "bomb" (fixture apps/memory-bomb).
    private static final String MEMORY_BOMB = """
            exports.processEvent = (e) => {
              if (e.event === 'bomb') {
                const hoard = []
                for (;;) hoard.push(new Array(100000).fill(hoard.length))
              }
              e.properties.survived = true
              return e
            }
            """;

    private final RecordingListener listener = new RecordingListener();
    private final Cgroups cgroups = TestCgroups.detected();
    private WorkerPool pool;

    @AfterEach
    void close() {
        if (pool != null) {
            pool.close();
        }
        cgroups.close();
    }

    private WorkerPool start(WorkerPoolSettings settings) throws WorkerStartException {
        Clock clock = Clock.systemUTC();
        InMemoryAppCache cache = new InMemoryAppCache(clock);
        InMemoryAppStorage storage = new InMemoryAppStorage();
        pool = WorkerPool.start(settings, WorkerDistribution.locate(), cgroups, directory -> new AppHostServices(directory, cache,
                storage, (from, event) -> { }, (from, name, payload, at) -> { },
                (from, call) -> CompletableFuture.failedFuture(new UnsupportedOperationException("no fetch here")),
                GeoIpLocator.NONE, clock), listener, clock);
        return pool;
    }

    private static WorkerPoolSettings settings(int workers) {
        return WorkerPoolSettings.defaults().withWorkers(workers);
    }

    private static InstanceSpec spec(long configId, long version, long teamId, String code) {
        return new InstanceSpec(configId, version, teamId, 100 + configId, "App " + configId, "index.js", code, sha256(code),
                "{}", Map.of(), 0, false);
    }

    private static InstanceSpec spec(long configId, long teamId, String code) {
        return spec(configId, 1, teamId, code);
    }

    private static byte[] event(long teamId, String name) {
        return ("{\"event\":\"" + name + "\",\"distinct_id\":\"d\",\"team_id\":" + teamId + ",\"properties\":{}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static List<byte[]> events(long teamId, String... names) {
        List<byte[]> out = new ArrayList<>();
        for (String name : names) {
            out.add(event(teamId, name));
        }
        return out;
    }

    private static JsonNode properties(EventOutcome outcome) throws IOException {
        return JSON.readTree(outcome.event()).get("properties");
    }

    private static List<EventOutcome> get(CompletableFuture<List<EventOutcome>> batch) throws Exception {
        return batch.get(LONG.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void runsTwoTenantsChainsInOrder() throws Exception {
        start(settings(2));
        List<InstanceSpec> first = List.of(spec(11, 1, SET_X), spec(12, 1, CACHED));
        List<InstanceSpec> second = List.of(spec(21, 2, DROPS), spec(22, 2, THROWS));
        List<CompletableFuture<List<EventOutcome>>> ones = new ArrayList<>();
        List<CompletableFuture<List<EventOutcome>>> twos = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ones.add(pool.process(first, events(1, "a" + i, "b" + i)));
            twos.add(pool.process(second, events(2, "keep", "drop", "bad")));
        }

        for (int i = 0; i < 3; i++) {
            List<EventOutcome> one = get(ones.get(i));
            assertThat(properties(one.get(0)).get("x").asInt()).isEqualTo(1);
            assertThat(properties(one.get(0)).get("cached").asText()).isEqualTo("a" + i);
            assertThat(properties(one.get(1)).get("cached").asText()).isEqualTo("b" + i);
            assertThat(properties(one.get(1)).get("$plugins_succeeded").toString()).isEqualTo("[\"App 11 (11)\",\"App 12 (12)\"]");
            assertThat(one).allSatisfy(o -> assertThat(o.failedConfigIds()).isEmpty());
            List<EventOutcome> two = get(twos.get(i));
            assertThat(properties(two.get(0)).toString()).startsWith("{\"y\":2,\"z\":3,");
            assertThat(two.get(1).dropped()).isTrue();
            assertThat(two.get(2).failedConfigIds()).containsExactly(22L);
            assertThat(properties(two.get(2)).get("y").asInt()).isEqualTo(2);
            assertThat(properties(two.get(2)).has("z")).isFalse();
        }
        assertThat(listener.messages(22)).contains("Error: bad event");
        assertThat(pool.stats()).isEqualTo(new PoolStats(2, 0, 4, 0));
    }

    @Test
    void aWorkerKilledFromOutsideWhileBatchesRunBlamesNobody() throws Exception {
        start(settings(1));
        long pid = pool.workerPids().get(0);
        List<CompletableFuture<List<EventOutcome>>> batches = new ArrayList<>();
        for (long team = 1; team <= 2; team++) {
            for (int i = 0; i < 2; i++) {
                batches.add(pool.process(List.of(spec(10 * team, team, SLOW)), events(team, "a", "b", "c", "d")));
            }
        }
        await().atMost(LONG).until(() -> listener.loaded.size() == 2);

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        for (CompletableFuture<List<EventOutcome>> batch : batches) {
            assertThat(get(batch)).hasSize(4).allSatisfy(o -> {
                assertThat(o.failedConfigIds()).isEmpty();
                assertThat(properties(o).get("slow").asBoolean()).isTrue();
            });
        }
        assertThat(pool.stats().workerRestarts()).isEqualTo(1);
        assertThat(pool.workerPids().get(0)).isNotEqualTo(pid);
        assertThat(listener.logs).noneMatch(log -> log.message().equals(BatchRun.CRASH_MESSAGE));
    }

    @Test
    void blamesAnAppThatExhaustsTheWorkersHeapForThatEventOnly() throws Exception {
        start(settings(1).withLimits(new WorkerLimits(128, WorkerLimits.DEFAULT.stackKilobytes(), false)));
        CompletableFuture<List<EventOutcome>> bombed = pool.process(List.of(spec(11, 1, SET_X), spec(12, 1, MEMORY_BOMB)),
                events(1, "before", "bomb", "after"));
        CompletableFuture<List<EventOutcome>> other = pool.process(List.of(spec(21, 2, DROPS)), events(2, "one", "two"));

        List<EventOutcome> out = get(bombed);
        assertThat(out.get(0).failedConfigIds()).isEmpty();
        assertThat(properties(out.get(0)).get("survived").asBoolean()).isTrue();
        assertThat(out.get(1).failedConfigIds()).containsExactly(12L);
        assertThat(properties(out.get(1)).get("x").asInt()).isEqualTo(1);
        assertThat(properties(out.get(1)).get("$plugins_failed").toString()).isEqualTo("[\"App 12 (12)\"]");
        assertThat(out.get(2).failedConfigIds()).isEmpty();
        assertThat(get(other)).allSatisfy(o -> {
            assertThat(o.failedConfigIds()).isEmpty();
            assertThat(properties(o).get("y").asInt()).isEqualTo(2);
        });
        assertThat(listener.messages(12)).containsOnlyOnce(BatchRun.CRASH_MESSAGE);
        assertThat(listener.messages(11)).doesNotContain(BatchRun.CRASH_MESSAGE);
    }

    @Test
    void replacesAStoppedWorkerFoundByItsHealthCheck() throws Exception {
        start(settings(1).withHealthChecks(Duration.ofSeconds(1), Duration.ofSeconds(5)));
        get(pool.process(List.of(spec(11, 1, SET_X)), events(1, "warm")));
        long pid = pool.workerPids().get(0);

        assertThat(new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor()).isZero();
        List<EventOutcome> out = pool.process(List.of(spec(11, 1, SET_X)), events(1, "after")).get(60, TimeUnit.SECONDS);

        assertThat(out.get(0).failedConfigIds()).isEmpty();
        assertThat(properties(out.get(0)).get("x").asInt()).isEqualTo(1);
        // At least: a busy machine may also time out a check of the fresh worker.
        assertThat(pool.stats().workerRestarts()).isPositive();
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void tearsInstancesDownWhenRetiredAndOnClose() throws Exception {
        start(settings(1));
        String v1 = SET_X + "\nexports.teardownPlugin = () => console.log('teardown v1')";
        String v2 = SET_X + "\nexports.teardownPlugin = () => console.log('teardown v2')";
        get(pool.process(List.of(spec(11, 1, 1, v1)), events(1, "a")));

        pool.retire(11, 2);
        await().atMost(LONG).until(() -> listener.messages(11).contains("teardown v1"));
        get(pool.process(List.of(spec(11, 2, 1, v2)), events(1, "b")));
        assertThat(pool.stats().instancesLoaded()).isEqualTo(1);

        pool.close();
        assertThat(listener.messages(11)).containsSubsequence("teardown v1", "teardown v2");
        assertThat(listener.logs).filteredOn(log -> log.message().equals("teardown v2"))
                .singleElement().extracting(RecordingListener.Log::version).isEqualTo(2L);
    }

    @Test
    void eachWorkerRunsInACgroupOfItsOwnThatGoesWhenTheWorkerDoes() throws Exception {
        assumeFalse(cgroups instanceof NoCgroups, () -> "SKIPPED: no cgroups this process may use: " + cgroups.description());
        start(settings(2));
        List<Long> pids = pool.workerPids();
        List<Path> first = groupsOf(pids.get(0));
        List<Path> second = groupsOf(pids.get(1));
        assertThat(first).isNotEmpty().doesNotContainAnyElementsOf(second)
                .allSatisfy(d -> assertThat(d.toString()).contains("/appserver/"));

        ProcessHandle.of(pids.get(0)).orElseThrow().destroyForcibly();
        await().atMost(LONG).until(() -> pool.workerPids().get(0) > 0 && !pool.workerPids().get(0).equals(pids.get(0)));
        await().atMost(Duration.ofSeconds(10)).until(() -> first.stream().noneMatch(Files::exists));
        List<Path> replacement = groupsOf(pool.workerPids().get(0));
        assertThat(replacement).isNotEmpty().doesNotContainAnyElementsOf(first);

        pool.close();
        assertThat(second).allSatisfy(d -> assertThat(d).doesNotExist());
        assertThat(replacement).allSatisfy(d -> assertThat(d).doesNotExist());
    }

    /** The groups of a worker below appserver's parent group, which only workers are in. */
    private static List<Path> groupsOf(long pid) throws IOException {
        return TestCgroups.directoriesOf(pid).values().stream().filter(d -> d.toString().contains("/appserver/")).toList();
    }

    private static String sha256(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
