package dev.appserver.orchestrator.pool;

import dev.appserver.proto.v1.AppError;
import dev.appserver.proto.v1.Capabilities;
import dev.appserver.proto.v1.LogEntry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link InstanceListener} that keeps what it is told. Thread-safe. */
final class RecordingListener implements InstanceListener {
    /** A log entry with the app config it was reported for. */
    record Log(long configId, long version, String type, String message) {}

    final List<Log> logs = new CopyOnWriteArrayList<>();
    final List<InstanceSpec> loaded = new CopyOnWriteArrayList<>();
    final List<String> loadFailures = new CopyOnWriteArrayList<>();

    @Override
    public void logs(InstanceSpec instance, List<LogEntry> entries) {
        entries.forEach(e -> logs.add(new Log(instance.configId(), instance.version(), e.getType(), e.getMessage())));
    }

    @Override
    public void loaded(InstanceSpec instance, Capabilities capabilities) {
        loaded.add(instance);
    }

    @Override
    public void loadFailed(InstanceSpec instance, AppError error) {
        loadFailures.add(instance.configId() + " " + error.getKind() + ": " + error.getMessage());
    }

    List<String> messages(long configId) {
        return logs.stream().filter(l -> l.configId() == configId).map(Log::message).toList();
    }
}
