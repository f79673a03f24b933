package dev.appserver.orchestrator.hostservices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appserver.orchestrator.limits.Cgroups;
import dev.appserver.orchestrator.limits.TestCgroups;
import dev.appserver.orchestrator.pool.EventOutcome;
import dev.appserver.orchestrator.pool.InstanceListener;
import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.pool.WorkerDistribution;
import dev.appserver.orchestrator.pool.WorkerPool;
import dev.appserver.orchestrator.pool.WorkerPoolSettings;
import dev.appserver.orchestrator.services.EmbeddedPostgres;
import dev.appserver.orchestrator.services.EmbeddedRedis;
import dev.appserver.orchestrator.store.AppConfig;
import dev.appserver.orchestrator.store.InstalledApp;
import dev.appserver.orchestrator.store.postgres.PostgresAppConfigRepository;
import dev.appserver.orchestrator.store.postgres.PostgresAppRepository;
import dev.appserver.orchestrator.store.postgres.PostgresAppStorage;
import dev.appserver.orchestrator.store.postgres.PostgresDatabase;
import dev.appserver.orchestrator.testing.StoredApps;
import dev.appserver.proto.v1.AppError;
import dev.appserver.proto.v1.Capabilities;
import dev.appserver.proto.v1.LogEntry;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code meta.cache}, {@code meta.storage} and {@code meta.utils.cursor} as an app in a real
 * sandbox worker sees them when they are the server's: {@link RedisAppCache} on an embedded Redis
 * and {@link PostgresAppStorage} on an embedded PostgreSQL. The fixture app
 * {@code durable-host-services} writes what it saw into the event's properties.
 */
class DurableHostServicesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Cgroups CGROUPS = TestCgroups.detected();
    private static final List<String> LOGS = new CopyOnWriteArrayList<>();
    private static final AtomicLong TEAMS = new AtomicLong(1);
    private static Path data;
    private static EmbeddedPostgres postgres;
    private static EmbeddedRedis redis;
    private static PostgresDatabase database;
    private static RedisClient client;
    private static RedisAppCache cache;
    private static WorkerPool pool;
    private static InstalledApp app;

    /** Each test's tenant, with the app configured for it alone: no test sees another's state. */
    private long team;
    private AppConfig config;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("durable-host-services-it-");
        postgres = new EmbeddedPostgres(data.resolve("postgres"), 0);
        postgres.start();
        redis = new EmbeddedRedis(data.resolve("redis"), 0);
        redis.start();
        database = PostgresDatabase.open(postgres.jdbcUrl(), EmbeddedPostgres.USER, EmbeddedPostgres.PASSWORD);
        client = RedisClient.create(redis.url());
        cache = RedisAppCache.connect(client, Duration.ofSeconds(5));
        PostgresAppStorage storage = new PostgresAppStorage(database);
        Path fixture = Path.of("src/test/resources/apps/durable-host-services");
        app = StoredApps.install(new PostgresAppRepository(database, Clock.systemUTC()), "Durable Host Services",
                Files.readString(fixture.resolve("plugin.json")), Files.readString(fixture.resolve("index.js")));

        Clock clock = Clock.systemUTC();
        pool = WorkerPool.start(WorkerPoolSettings.defaults().withWorkers(1), WorkerDistribution.locate(), CGROUPS,
                directory -> new AppHostServices(directory, cache, storage, (from, event) -> { }, (from, name, payload, at) -> { },
                        (from, call) -> CompletableFuture.failedFuture(new UnsupportedOperationException("no fetch here")),
                        GeoIpLocator.NONE, clock),
                new LogsInto(LOGS), clock);
    }

    @AfterAll
    static void stop() throws Exception {
        if (pool != null) {
            pool.close();
        }
        CGROUPS.close();
        if (cache != null) {
            cache.close();
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (database != null) {
            database.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        try (Stream<Path> paths = Files.walk(data)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @BeforeEach
    void configureForANewTenant() {
        team = TEAMS.incrementAndGet();
        config = StoredApps.configure(new PostgresAppConfigRepository(database, Clock.systemUTC()), team, app, 1, "{}");
    }

    @Test
    void theCacheAsAnAppSeesItInRedis() throws Exception {
        JsonNode p = run(1, "cache");

        assertThat(p.get("object").toString()).isEqualTo("{\"zebra\":1,\"apple\":[1,2.5,null]}");
        assertThat(p.get("raw").asText()).isEqualTo("not json {");
        assertThat(p.get("rawAsJson").isNull()).as("invalid JSON reads as null").isTrue();
        assertThat(p.get("missing").asText()).isEqualTo("fallback");
        assertThat(p.get("missingWithoutDefault").asBoolean()).isTrue();
        assertThat(p.get("incr").toString()).isEqualTo("[1,2]");
        assertThat(p.get("incrObject").toString()).isEqualTo("{\"error\":\"ERR value is not an integer or out of range\"}");
        assertThat(p.get("expireExisting").asBoolean()).isTrue();
        assertThat(p.get("afterExpire").asText()).isEqualTo("gone");
        assertThat(p.get("expireMissing").asBoolean()).isFalse();
        assertThat(p.get("expireWithTtl").asBoolean()).isTrue();

        assertThat(p.get("lpushArray").asLong()).isEqualTo(2);
        assertThat(p.get("lpushNumber").toString()).as("PostHog's check: a string or an array")
                .isEqualTo("{\"error\":\"cache.lpush expects a string value or an array of strings\"}");
        assertThat(p.get("lpushMixed").asLong()).as("each element made a string, as String(el) does").isEqualTo(4);
        assertThat(p.get("lpushThousand").asLong()).isEqualTo(1000);
        assertThat(p.get("lpushTooMany").toString())
                .isEqualTo("{\"error\":\"Too many elements in array for cache.lpush. Maximum: 1000\"}");
        assertThat(p.get("lpushOntoString").toString())
                .isEqualTo("{\"error\":\"WRONGTYPE Operation against a key holding the wrong kind of value\"}");
        assertThat(p.get("lrange").toString()).isEqualTo("[\"5\",\"[object Object]\",\"b\",\"a\"]");
        assertThat(p.get("lrangeTail").toString()).isEqualTo("[\"b\",\"a\"]");
        assertThat(p.get("llen").asLong()).isEqualTo(4);
        assertThat(p.get("lpop").asText()).isEqualTo("5");
        assertThat(p.get("lpopTwo").toString()).isEqualTo("[\"[object Object]\",\"b\"]");
        assertThat(p.get("lrem").asLong()).isEqualTo(1);
        assertThat(p.get("llenAfter").asLong()).isZero();
        assertThat(p.get("lpopEmpty").isNull()).isTrue();

        // In Redis under PostHog's key names, with the TTLs the app gave.
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> raw = connection.sync();
            String namespace = "@plugin/" + app.id() + "/" + team + "/";
            assertThat(raw.get(namespace + "object")).isEqualTo("{\"zebra\":1,\"apple\":[1,2.5,null]}");
            assertThat(raw.ttl(namespace + "object")).isBetween(1L, 60L);
            assertThat(raw.ttl(namespace + "ttl")).isBetween(1L, 30L);
            assertThat(raw.ttl(namespace + "counter")).as("no TTL").isEqualTo(-1);
            assertThat(raw.llen(namespace + "thousand")).isEqualTo(1000);
        }
    }

    @Test
    void storageAndCursorsAsAnAppSeesThemInPostgresAcrossAReload() throws Exception {
        JsonNode p = run(1, "storage");

        String state = "{\"zebra\":1,\"apple\":[null,\"\u00e9\"],\"mango\":{\"y\":true,\"x\":false}}";
        assertThat(p.get("state").toString()).as("key order kept").isEqualTo(state);
        assertThat(p.get("storedNull").isNull()).as("a stored null is not missing").isTrue();
        assertThat(p.get("missing").asText()).isEqualTo("default");
        assertThat(p.get("deleted").asText()).isEqualTo("gone");
        assertThat(p.get("cursor").toString()).isEqualTo("[11,16]");
        assertThat(p.get("cursorViaGet").asLong()).isEqualTo(16);
        assertThat(p.get("setups").asLong()).isEqualTo(1);

        // A new version of the config: a new instance, set up again, reading what the first one stored.
        JsonNode reloaded = run(2, "reloaded");
        pool.retire(config.id(), 2);

        assertThat(reloaded.get("state").toString()).isEqualTo(state);
        assertThat(reloaded.get("storedNull").isNull()).isTrue();
        assertThat(reloaded.get("cursor").asLong()).isEqualTo(17);
        assertThat(reloaded.get("setups").asLong()).as("loaded and set up twice").isEqualTo(2);
        assertThat(new PostgresAppStorage(database).get(config.id(), "state")).contains(state);
    }

    /** Runs one event named {@code name} through the app at {@code version}; its properties afterwards. */
    private JsonNode run(long version, String name) throws Exception {
        InstanceSpec spec = new InstanceSpec(config.id(), version, team, app.id(), "Durable Host Services", "index.js",
                app.code(), app.codeHash(), "{}", Map.of(), 0, false);
        byte[] event = ("{\"event\":\"" + name + "\",\"distinct_id\":\"d\",\"team_id\":" + team + ",\"properties\":{}}")
                .getBytes(StandardCharsets.UTF_8);
        EventOutcome outcome = pool.process(List.of(spec), List.of(event)).get(3, TimeUnit.MINUTES).get(0);
        assertThat(outcome.failedConfigIds()).as("the app failed; its log: %s", LOGS).isEmpty();
        return JSON.readTree(outcome.event()).get("properties");
    }

    /** Keeps the instances' log lines, to show when the app fails. */
    private record LogsInto(List<String> lines) implements InstanceListener {
        @Override
        public void logs(InstanceSpec instance, List<LogEntry> entries) {
            entries.forEach(entry -> lines.add(entry.getType() + " " + entry.getMessage()));
        }

        @Override
        public void loaded(InstanceSpec instance, Capabilities capabilities) {}

        @Override
        public void loadFailed(InstanceSpec instance, AppError error) {
            lines.add("load failed: " + error.getMessage());
        }
    }
}
