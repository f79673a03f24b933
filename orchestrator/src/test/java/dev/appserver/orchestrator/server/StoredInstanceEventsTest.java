package dev.appserver.orchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.pool.InstanceSpec;
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
import dev.appserver.orchestrator.quota.QuotaSettings;
import dev.appserver.orchestrator.quota.TenantQuotas;
import dev.appserver.orchestrator.quota.Throttle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredInstanceEventsTest {
    private final MutableClock clock = new MutableClock();
    private final InMemoryAppRepository apps = new InMemoryAppRepository(clock);
    private final InMemoryAppConfigRepository configs = new InMemoryAppConfigRepository(clock);
    private final InMemoryAppLogRepository logs = new InMemoryAppLogRepository(100);
    private final TenantQuotas quotas =
            new TenantQuotas(new QuotaSettings(Duration.ofSeconds(60), 100, 100, 5), clock, new SimpleMeterRegistry());
    private final StoredInstanceEvents events = new StoredInstanceEvents(apps, configs, logs, quotas, clock);
    private final InstalledApp app = StoredApps.install(apps, "app", "{\"name\":\"app\"}", "exports.processEvent = e => e");
    private final AppConfig config = StoredApps.configure(configs, 2, app, 1, "{}");
    private final InstanceSpec spec = new InstanceSpec(config.id(), 1, 2, app.id(), "app", "index.js", "code", "hash", "{}",
            Map.of(), 0, false);

    @Test
    void logLinesPastTheTenantsQuotaAreNotStoredAndOneNoteSaysSoPerMinute() {
        events.logs(spec, lines(8));
        events.logs(spec, lines(4));

        List<AppLogEntry> stored = logs.recent(config.id(), 100);
        assertThat(stored).extracting(AppLogEntry::message).filteredOn(m -> m.startsWith("line")).hasSize(5);
        assertThat(stored).extracting(AppLogEntry::message).filteredOn(m -> m.contains("not stored")).singleElement()
                .isEqualTo("3 log lines not stored: the tenant is past its quota of 5 log lines per minute");

        events.logs(spec, List.of(LogEntry.newBuilder().setType("WARN").setSource("SYSTEM").setMessage("a note of the worker")
                .setTimestampMillis(1_000).build()));
        assertThat(logs.recent(config.id(), 100)).extracting(AppLogEntry::message).as("SYSTEM entries always get through")
                .contains("a note of the worker");

        clock.advance(Duration.ofMinutes(1));
        events.logs(spec, lines(7));
        assertThat(logs.recent(config.id(), 100)).extracting(AppLogEntry::message).filteredOn(m -> m.contains("not stored"))
                .contains("6 log lines not stored: the tenant is past its quota of 5 log lines per minute");
    }

    private static List<LogEntry> lines(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> LogEntry.newBuilder().setType("INFO")
                .setSource("CONSOLE").setMessage("line " + i).setTimestampMillis(1_000).build()).toList();
    }

    @Test
    void cpuTimeOfAChainIsChargedToItsTenant() {
        events.cpuUsed(2, Duration.ofSeconds(61).toNanos());

        assertThat(quotas.throttle(2)).map(Throttle::quota).contains("cpu");
        assertThat(quotas.throttle(3)).isEmpty();
    }

    @Test
    void logEntriesGoToTheConfigsLog() {
        events.logs(spec, List.of(LogEntry.newBuilder().setType("INFO").setSource("CONSOLE").setMessage("hello")
                .setTimestampMillis(1_000).build()));

        List<AppLogEntry> stored = logs.recent(config.id(), 10);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).message()).isEqualTo("hello");
        assertThat(stored.get(0).timestamp().toEpochMilli()).isEqualTo(1_000);
    }

    @Test
    void aLoadFailureIsTheLastErrorUntilALoadSucceeds() {
        events.loadFailed(spec, AppError.newBuilder().setKind("setup").setMessage("Error: no API key").build());

        assertThat(configs.get(config.id()).orElseThrow().lastError()).contains("setup: Error: no API key");
        assertThat(logs.recent(config.id(), 10)).singleElement()
                .satisfies(entry -> assertThat(entry.message()).contains("could not be loaded", "no API key"));

        events.loaded(spec, Capabilities.newBuilder().setProcessEvent(true).setSetupPlugin(true).addTasks("runEveryMinute").build());

        assertThat(configs.get(config.id()).orElseThrow().lastError()).isEmpty();
        assertThat(apps.find(app.id()).orElseThrow().capabilities())
                .contains(List.of("setupPlugin", "processEvent", "runEveryMinute"));
    }
}
