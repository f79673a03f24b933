package dev.appserver.orchestrator.exports;

import dev.appserver.orchestrator.pool.InstanceSpec;
import java.util.concurrent.CompletableFuture;

/**
 * Where export batches go that will not be exported: the {@code plugin_export_dlq} topic on the
 * server ({@link KafkaExportDeadLetters}). Thread-safe.
 */
public interface ExportDeadLetters {
    /** Completes once the batch is stored durably. */
    CompletableFuture<Void> send(InstanceSpec spec, ExportBatch batch, String reason);
}
