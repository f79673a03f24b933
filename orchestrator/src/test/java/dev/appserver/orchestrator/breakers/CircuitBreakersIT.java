package dev.appserver.orchestrator.breakers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appserver.orchestrator.admin.AdminServer;
import dev.appserver.orchestrator.admin.AdminSettings;
import dev.appserver.orchestrator.admin.ConfigRuntime;
import dev.appserver.orchestrator.apps.AppLoader;
import dev.appserver.orchestrator.apps.TypeScriptTranspiler;
import dev.appserver.orchestrator.hostservices.AppHostServices;
import dev.appserver.orchestrator.hostservices.GeoIpLocator;
import dev.appserver.orchestrator.hostservices.InMemoryAppCache;
import dev.appserver.orchestrator.hostservices.InMemoryAppStorage;
import dev.appserver.orchestrator.limits.Cgroups;
import dev.appserver.orchestrator.limits.TestCgroups;
import dev.appserver.orchestrator.pool.EventOutcome;
import dev.appserver.orchestrator.pool.InstanceListener;
import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.pool.SetupStatus;
import dev.appserver.orchestrator.pool.WorkerDistribution;
import dev.appserver.orchestrator.pool.WorkerPool;
import dev.appserver.orchestrator.pool.WorkerPoolSettings;
import dev.appserver.orchestrator.store.AppConfig;
import dev.appserver.orchestrator.store.AppLogEntry;
import dev.appserver.orchestrator.store.InMemoryAppConfigRepository;
import dev.appserver.orchestrator.store.InMemoryAppLogRepository;
import dev.appserver.orchestrator.store.InMemoryAppRepository;
import dev.appserver.orchestrator.store.InstalledApp;
import dev.appserver.orchestrator.testing.MutableClock;
import dev.appserver.orchestrator.testing.StoredApps;
import dev.appserver.proto.v1.AppError;
import dev.appserver.proto.v1.Capabilities;
import dev.appserver.proto.v1.LogEntry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Circuit breakers and setup retries over real sandbox workers, seen through a real admin API:
 * the {@code fails-on-poison} fixture opens its breaker on a poison stream (state in
 * {@code GET /api/configs/{id}}, {@code /metrics} and the config's log), is skipped with it in
 * {@code $plugins_failed} while the rest of the chain runs, and a clean probe closes it again;
 * {@code setup-retry-error} is loaded again after its RetryErrors; a setup that throws anything
 * else is disabled, visibly. The breakers' clock is moved by hand; the pool's is real.
 */
class CircuitBreakersIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TEAM = 2;
    /** Opens at 50 % over the last 10 events once 5 were seen; 30 s open; 3 probe events. */
    private static final BreakerSettings SETTINGS = new BreakerSettings(50, 10, 5, Duration.ofSeconds(30), 3);
    private static final String MARKS_SECOND = "exports.processEvent = (e) => { e.properties.second = true; return e }";

    private final MutableClock breakerClock = new MutableClock();
    private final InMemoryAppRepository apps = new InMemoryAppRepository(Clock.systemUTC());
    private final InMemoryAppConfigRepository configs = new InMemoryAppConfigRepository(Clock.systemUTC());
    private final InMemoryAppLogRepository logs = new InMemoryAppLogRepository(1000);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpClient http = HttpClient.newHttpClient();
    private final Cgroups cgroups = TestCgroups.detected();
    private WorkerPool pool;
    private BreakingChainExecutor executor;
    private TypeScriptTranspiler transpiler;
    private AdminServer admin;

    @BeforeEach
    void start() throws Exception {
        Clock clock = Clock.systemUTC();
        InMemoryAppCache cache = new InMemoryAppCache(clock);
        InMemoryAppStorage storage = new InMemoryAppStorage();
        WorkerPoolSettings settings = WorkerPoolSettings.defaults().withWorkers(1).withLoadRetryBackoff(Duration.ofMillis(200));
        pool = WorkerPool.start(settings, WorkerDistribution.locate(), cgroups, directory -> new AppHostServices(directory,
                cache, storage, (from, event) -> { }, (from, name, payload, at) -> { },
                (from, call) -> CompletableFuture.failedFuture(new UnsupportedOperationException("no fetch here")),
                GeoIpLocator.NONE, clock), new LogsToStore(), clock);
        CircuitBreakers breakers = new CircuitBreakers(SETTINGS, logs, registry, breakerClock);
        executor = new BreakingChainExecutor(pool, breakers, id -> pool.setupStatus(id).isPresent());
        transpiler = new TypeScriptTranspiler(Files.createTempDirectory("breakers-it-transpile"));
        admin = AdminServer.builder(AdminSettings.loopback(0))
                .appLoader(new AppLoader(transpiler))
                .repositories(apps, configs, logs)
                .readiness(List::of)
                .metrics(registry)
                .configRuntime(new ConfigRuntime() {
                    @Override
                    public Optional<BreakerStatus> breaker(long configId) {
                        return breakers.status(configId);
                    }

                    @Override
                    public Optional<SetupStatus> setup(long configId) {
                        return pool.setupStatus(configId);
                    }
                })
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        if (admin != null) {
            admin.close();
        }
        if (pool != null) {
            pool.close();
        }
        if (transpiler != null) {
            transpiler.close();
        }
        cgroups.close();
    }

    @Test
    void aPoisonStreamOpensTheBreakerVisiblyAndACleanProbeClosesIt() throws Exception {
        InstanceSpec poisoned = spec(fixture("fails-on-poison"), "Fails On Poison");
        InstanceSpec second = spec(inline("Marks Second", MARKS_SECOND), "Marks Second");
        List<InstanceSpec> chain = List.of(poisoned, second);
        long id = poisoned.configId();

        List<EventOutcome> poison = run(chain, 5, true);
        assertThat(poison).allSatisfy(o -> assertThat(o.failedConfigIds()).containsExactly(id));
        JsonNode shown = get("/api/configs/" + id);
        assertThat(shown.at("/breaker/state").asText()).isEqualTo("open");
        assertThat(shown.at("/breaker/failure_rate").asDouble()).isEqualTo(100.0);
        assertThat(shown.at("/breaker/failed_events").asInt()).isEqualTo(5);
        assertThat(get("/api/configs/" + second.configId()).at("/breaker/state").asText()).isEqualTo("closed");
        assertThat(metrics()).contains("appserver_breakers{state=\"open\"} 1.0")
                .contains("appserver_breakers{state=\"closed\"} 1.0").doesNotContain("config_id");
        assertThat(logMessages(id)).anySatisfy(m -> assertThat(m)
                .startsWith("circuit breaker opened: the app failed on 100 % of its last 5 events (threshold 50 %)"));

        // Open: clean events skip the app, listed in $plugins_failed; the rest of the chain runs.
        List<EventOutcome> skipped = run(chain, 2, false);
        for (EventOutcome outcome : skipped) {
            JsonNode event = JSON.readTree(outcome.event());
            assertThat(outcome.failedConfigIds()).containsExactly(id);
            assertThat(event.at("/properties/clean").isMissingNode()).isTrue();
            assertThat(event.at("/properties/second").asBoolean()).isTrue();
            assertThat(event.at("/properties/$plugins_failed")).containsExactly(JSON.getNodeFactory()
                    .textNode("Fails On Poison (" + id + ")"));
            assertThat(event.at("/properties/$plugins_succeeded")).containsExactly(JSON.getNodeFactory()
                    .textNode("Marks Second (" + second.configId() + ")"));
        }
        assertThat(get("/api/configs/" + id).at("/breaker/skipped_batches").asInt()).isEqualTo(1);

        // After the wait, a clean probe closes it.
        breakerClock.advance(Duration.ofSeconds(31));
        List<EventOutcome> probe = run(chain, 3, false);
        assertThat(probe).allSatisfy(o -> {
            assertThat(o.failedConfigIds()).isEmpty();
            assertThat(JSON.readTree(o.event()).at("/properties/clean").asBoolean()).isTrue();
        });
        assertThat(get("/api/configs/" + id).at("/breaker/state").asText()).isEqualTo("closed");
        assertThat(metrics()).contains("appserver_breakers{state=\"open\"} 0.0");
        assertThat(get("/api/configs/" + id + "/logs").at("/logs")).extracting(e -> e.get("message").asText())
                .filteredOn(m -> m.startsWith("circuit breaker"))
                .containsExactly(
                        logMessages(id).stream().filter(m -> m.startsWith("circuit breaker opened")).findFirst().orElseThrow(),
                        "circuit breaker half-open: the next 3 events go through the app as a probe.",
                        "circuit breaker closed: the app failed on fewer than 50 % of 3 probe events; "
                                + "it runs on every event again.");
    }

    @Test
    void aSetupRetryErrorIsRetriedWithBackoffUntilTheAppLoads() throws Exception {
        InstanceSpec spec = spec(fixture("setup-retry-error"), "Setup Retry Error");
        List<InstanceSpec> chain = List.of(spec);

        List<EventOutcome> first = run(chain, 1, false);
        assertThat(first.get(0).failedConfigIds()).containsExactly(spec.configId());
        JsonNode setup = get("/api/configs/" + spec.configId()).at("/setup");
        assertThat(setup.at("/state").asText()).isEqualTo("retrying");
        assertThat(setup.at("/attempts").asInt()).isEqualTo(1);
        assertThat(setup.at("/error").asText()).contains("upstream not ready, attempt 1");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> run(chain, 1, false).get(0).failedConfigIds().isEmpty());
        assertThat(logMessages(spec.configId()))
                .anySatisfy(m -> assertThat(m).startsWith("setupPlugin failed with RetryError (attempt 1/5)")
                        .endsWith("Retrying in 0.2 s."))
                .anySatisfy(m -> assertThat(m).startsWith("setupPlugin failed with RetryError (attempt 2/5)")
                        .endsWith("Retrying in 0.4 s."));
        JsonNode shown = get("/api/configs/" + spec.configId());
        assertThat(shown.get("setup").isNull()).isTrue();
        // The failed loads were the setup retries' to judge, not the breaker's.
        assertThat(shown.at("/breaker/state").asText()).isEqualTo("closed");
        assertThat(shown.at("/breaker/failed_events").asInt()).isZero();
    }

    @Test
    void aSetupThatThrowsAnythingElseIsDisabledUntilTheConfigChanges() throws Exception {
        InstanceSpec spec = spec(inline("No Key", "exports.setupPlugin = () => { throw new Error('missing API key') }\n"
                + "exports.processEvent = (e) => e"), "No Key");
        run(List.of(spec), 1, false);
        JsonNode setup = get("/api/configs/" + spec.configId()).at("/setup");
        assertThat(setup.at("/state").asText()).isEqualTo("disabled");
        assertThat(setup.at("/error").asText()).isEqualTo("setup: Error: missing API key");
        assertThat(setup.at("/retry_at").isNull()).isTrue();
        assertThat(logMessages(spec.configId())).contains("the app could not be loaded (setup: Error: missing API key). "
                + "Disabled the app config until it changes: its events go on without it.");
        for (int i = 0; i < 3; i++) {
            assertThat(run(List.of(spec), 1, false).get(0).failedConfigIds()).containsExactly(spec.configId());
        }
        assertThat(logMessages(spec.configId())).filteredOn(m -> m.contains("Disabled the app config")).hasSize(1);
    }

    private List<EventOutcome> run(List<InstanceSpec> chain, int events, boolean poison) throws Exception {
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            batch.add(("{\"event\":\"e" + i + "\",\"team_id\":" + TEAM + ",\"properties\":{\"poison\":" + poison + "}}")
                    .getBytes(UTF_8));
        }
        return executor.process(chain, batch).get(2, TimeUnit.MINUTES);
    }

    private AppConfig fixture(String name) throws IOException {
        Path dir = Path.of("src/test/resources/apps", name);
        InstalledApp app = StoredApps.install(apps, name, Files.readString(dir.resolve("plugin.json")),
                Files.readString(dir.resolve("index.js")));
        return StoredApps.configure(configs, TEAM, app, configs.listByTeam(TEAM).size() + 1, "{}");
    }

    private AppConfig inline(String name, String code) {
        InstalledApp app = StoredApps.install(apps, name, "{\"name\": \"" + name + "\", \"config\": []}", code);
        return StoredApps.configure(configs, TEAM, app, configs.listByTeam(TEAM).size() + 1, "{}");
    }

    private InstanceSpec spec(AppConfig config, String appName) {
        long version = ChronoUnit.MICROS.between(Instant.EPOCH, config.updatedAt());
        InstalledApp app = apps.find(config.appId()).orElseThrow();
        return new InstanceSpec(config.id(), version, TEAM, app.id(), appName, app.mainFile(), app.code(), app.codeHash(),
                "{}", Map.of(), 0, false);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(admin.uri() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private String metrics() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(admin.uri() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private List<String> logMessages(long configId) {
        return logs.recent(configId, 1000).stream().map(AppLogEntry::message).toList();
    }

    /** Writes what the pool tells about instances into the app configs' log, as the server does. */
    private final class LogsToStore implements InstanceListener {
        @Override
        public void logs(InstanceSpec instance, List<LogEntry> entries) {
            for (LogEntry entry : entries) {
                logs.append(new AppLogEntry(instance.configId(), Instant.now(), entry.getType(), entry.getSource(),
                        entry.getMessage()));
            }
        }

        @Override
        public void loaded(InstanceSpec instance, Capabilities capabilities) {}

        @Override
        public void loadFailed(InstanceSpec instance, AppError error) {}
    }
}
