package dev.appserver.orchestrator.server;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.pool.InstanceListener;
import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.quota.TenantQuotas;
import dev.appserver.orchestrator.store.AppConfigRepository;
import dev.appserver.orchestrator.store.AppLogEntry;
import dev.appserver.orchestrator.store.AppLogRepository;
import dev.appserver.orchestrator.store.AppRepository;
import dev.appserver.proto.v1.AppError;
import dev.appserver.proto.v1.Capabilities;
import dev.appserver.proto.v1.LogEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what the worker pool tells about instances into the store: log entries into the app
 * config's log, a load failure as the config's last error (cleared by the next successful load),
 * and the exports a worker found as the app's capabilities; charges the CPU time of chains and
 * the log lines to the tenant's quotas ({@link TenantQuotas}). Store failures are logged, never
 * thrown back into the pool. Thread-safe.
 */
final class StoredInstanceEvents implements InstanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(StoredInstanceEvents.class);

    private final AppRepository apps;
    private final AppConfigRepository configs;
    private final AppLogRepository logs;
    private final TenantQuotas quotas;
    private final Clock clock;
    private final Map<Long, DroppedLines> dropped = new ConcurrentHashMap<>();

    StoredInstanceEvents(AppRepository apps, AppConfigRepository configs, AppLogRepository logs, TenantQuotas quotas,
            Clock clock) {
        this.apps = requireNonNull(apps, "apps is null");
        this.configs = requireNonNull(configs, "configs is null");
        this.logs = requireNonNull(logs, "logs is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Stores the app's entries the tenant's log-line quota admits (the first ones), and every
     * SYSTEM entry; the app's other entries are counted, and said in one note per app config and
     * minute at most.
     */
    @Override
    public void logs(InstanceSpec instance, List<LogEntry> entries) {
        long appLines = entries.stream().filter(entry -> !entry.getSource().equals("SYSTEM")).count();
        long admitted = quotas.admitLogLines(instance.teamId(), appLines);
        if (admitted < appLines) {
            noteDropped(instance, (int) (appLines - admitted));
        }
        long appLinesLeft = admitted;
        for (LogEntry entry : entries) {
            // The server's own notes (SYSTEM: dropped lines, crashes, breakers) always get through.
            if (!entry.getSource().equals("SYSTEM") && appLinesLeft-- <= 0) {
                continue;
            }
            Instant at = entry.getTimestampMillis() > 0 ? Instant.ofEpochMilli(entry.getTimestampMillis()) : clock.instant();
            append(new AppLogEntry(instance.configId(), at, entry.getType(), entry.getSource(), entry.getMessage()));
        }
    }

    @Override
    public void cpuUsed(long teamId, long nanos) {
        quotas.chargeCpu(teamId, nanos);
    }

    private void noteDropped(InstanceSpec instance, int count) {
        DroppedLines lines = dropped.computeIfAbsent(instance.configId(), id -> new DroppedLines());
        long total = lines.count.addAndGet(count);
        Instant now = clock.instant();
        synchronized (lines) {
            if (now.isBefore(lines.notedAt.plus(Duration.ofMinutes(1)))) {
                return;
            }
            lines.notedAt = now;
            lines.count.addAndGet(-total);
        }
        append(new AppLogEntry(instance.configId(), now, "WARN", "SYSTEM", total + " log lines not stored: the tenant is past"
                + " its quota of " + quotas.settings().logLinesPerMinute() + " log lines per minute"));
    }

    /** Lines of one app config not stored since the last note about them. */
    private static final class DroppedLines {
        final AtomicLong count = new AtomicLong();
        Instant notedAt = Instant.MIN;
    }

    @Override
    public void loaded(InstanceSpec instance, Capabilities capabilities) {
        guarded("record the capabilities of app " + instance.appId(),
                () -> apps.recordCapabilities(instance.appId(), names(capabilities)));
        guarded("clear the last error of app config " + instance.configId(),
                () -> configs.recordError(instance.configId(), Optional.empty()));
    }

    @Override
    public void loadFailed(InstanceSpec instance, AppError error) {
        String message = error.getKind() + ": " + error.getMessage();
        guarded("record the last error of app config " + instance.configId(),
                () -> configs.recordError(instance.configId(), Optional.of(message)));
        append(new AppLogEntry(instance.configId(), clock.instant(), "ERROR", "SYSTEM",
                "the app could not be loaded (" + message + "); its events go on without it"));
    }

    private void append(AppLogEntry entry) {
        guarded("store a log entry of app config " + entry.configId(), () -> logs.append(entry));
    }

    static List<String> names(Capabilities capabilities) {
        List<String> names = new ArrayList<>();
        if (capabilities.getSetupPlugin()) {
            names.add("setupPlugin");
        }
        if (capabilities.getTeardownPlugin()) {
            names.add("teardownPlugin");
        }
        if (capabilities.getProcessEvent()) {
            names.add("processEvent");
        }
        if (capabilities.getOnEvent()) {
            names.add("onEvent");
        }
        if (capabilities.getExportEvents()) {
            names.add("exportEvents");
        }
        if (capabilities.getComposeWebhook()) {
            names.add("composeWebhook");
        }
        names.addAll(capabilities.getTasksList());
        return names;
    }

    private static void guarded(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("could not {}: {}", what, e.toString());
        }
    }
}
