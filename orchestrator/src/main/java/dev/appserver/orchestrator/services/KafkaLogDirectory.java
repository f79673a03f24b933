package dev.appserver.orchestrator.services;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kafka.server.KafkaConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * The broker's log directory: formatted once, on first use, as {@code kafka-storage.sh format}
 * ({@code kafka.tools.StorageTool}) would, with a new cluster id; left alone afterwards, so topics,
 * messages and committed offsets survive restarts.
 */
final class KafkaLogDirectory {
    private KafkaLogDirectory() {
    }

    static boolean isFormatted(Path directory) {
        return Files.exists(directory.resolve("meta.properties"));
    }

    static void formatIfNew(KafkaConfig config, Path directory) throws Exception {
        if (isFormatted(directory)) {
            return;
        }
        new Formatter()
                .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                .setNodeId(config.nodeId())
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName(KafkaBrokerConfig.CONTROLLER_LISTENER)
                .setMetadataLogDirectory(config.metadataLogDir())
                .setDirectories(List.of(directory.toString()))
                .setWriteBootstrapSnapshot(true)
                .setHasDynamicQuorum(false)
                .setUnstableFeatureVersionsEnabled(false)
                .run();
    }
}
