package dev.appserver.orchestrator.server;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.pool.InstanceListener;
import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.store.AppConfigRepository;
import dev.appserver.orchestrator.store.AppLogEntry;
import dev.appserver.orchestrator.store.AppLogRepository;
import dev.appserver.orchestrator.store.AppRepository;
import dev.appserver.proto.v1.AppError;
import dev.appserver.proto.v1.Capabilities;
import dev.appserver.proto.v1.LogEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what the worker pool tells about instances into the store: log entries into the app
 * config's log, a load failure as the config's last error (cleared by the next successful load),
 * and the exports a worker found as the app's capabilities. Store failures are logged, never
 * thrown back into the pool. Thread-safe.
 */
final class StoredInstanceEvents implements InstanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(StoredInstanceEvents.class);

    private final AppRepository apps;
    private final AppConfigRepository configs;
    private final AppLogRepository logs;
    private final Clock clock;

    StoredInstanceEvents(AppRepository apps, AppConfigRepository configs, AppLogRepository logs, Clock clock) {
        this.apps = requireNonNull(apps, "apps is null");
        this.configs = requireNonNull(configs, "configs is null");
        this.logs = requireNonNull(logs, "logs is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void logs(InstanceSpec instance, List<LogEntry> entries) {
        for (LogEntry entry : entries) {
            Instant at = entry.getTimestampMillis() > 0 ? Instant.ofEpochMilli(entry.getTimestampMillis()) : clock.instant();
            append(new AppLogEntry(instance.configId(), at, entry.getType(), entry.getSource(), entry.getMessage()));
        }
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
