package dev.appserver.orchestrator.services;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where single-node mode keeps its services' data ({@code <dataDirectory>/kafka}, {@code /postgres},
 * {@code /redis}) and the 127.0.0.1 ports they listen on; port 0 picks a free one (for tests).
 */
public record SingleNodeSettings(Path dataDirectory, int kafkaPort, int postgresPort, int redisPort) {
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_POSTGRES_PORT = 15432;
    public static final int DEFAULT_REDIS_PORT = 16379;

    /** The {@code start} command's flags for these settings, named in error messages. */
    public static final String DATA_DIR_FLAG = "--data-dir";
    public static final String KAFKA_PORT_FLAG = "--kafka-port";
    public static final String POSTGRES_PORT_FLAG = "--postgres-port";
    public static final String REDIS_PORT_FLAG = "--redis-port";

    public SingleNodeSettings {
        requireNonNull(dataDirectory, "dataDirectory is null");
        LoopbackPorts.requireValid(kafkaPort);
        LoopbackPorts.requireValid(postgresPort);
        LoopbackPorts.requireValid(redisPort);
    }

    /** The documented ports, with data in {@code dataDirectory}. */
    public static SingleNodeSettings defaults(Path dataDirectory) {
        return new SingleNodeSettings(dataDirectory, DEFAULT_KAFKA_PORT, DEFAULT_POSTGRES_PORT, DEFAULT_REDIS_PORT);
    }

    /** Free ports picked at start, with data in {@code dataDirectory}. */
    public static SingleNodeSettings anyFreePorts(Path dataDirectory) {
        return new SingleNodeSettings(dataDirectory, 0, 0, 0);
    }
}
