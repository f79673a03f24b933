package dev.appserver.orchestrator.bench.startup;

import dev.appserver.orchestrator.bench.BenchServer.TimedLine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Where a single-node server's start-up time goes: when each step's line arrived, in milliseconds
 * after the server was spawned, read from what it printed up to {@code appserver ready}. A step the
 * server did not print (a service given from outside with {@code --server-arg}) has no time.
 */
enum ServerMilestones {
    FIRST_LINE("the JVM's first log line", ""),
    REDIS("Redis ready", "SingleNodeServices - redis listening on"),
    POSTGRES("PostgreSQL ready", "SingleNodeServices - postgres listening on"),
    KAFKA("Kafka broker ready", "SingleNodeServices - kafka listening on"),
    STORE("schema migrated", "OrchestratorServer - store ready"),
    WORKERS("sandbox workers ready", "OrchestratorServer - worker pools ready"),
    INGESTION("ingestion assigned its partitions", "KafkaIngestion - ingestion assigned"),
    READY("appserver ready", "appserver ready:");

    private final String description;
    private final String marker;

    ServerMilestones(String description, String marker) {
        this.description = description;
        this.marker = marker;
    }

    String description() {
        return description;
    }

    /** When the first line with this step's marker arrived; empty when none did. */
    OptionalLong millis(List<TimedLine> lines) {
        return lines.stream().filter(line -> line.line().contains(marker)).mapToLong(TimedLine::millis).findFirst();
    }

    /** Every step's time in {@code lines}, in start-up order; a step with no line is left out. */
    static Map<ServerMilestones, Long> of(List<TimedLine> lines) {
        Map<ServerMilestones, Long> found = new LinkedHashMap<>();
        for (ServerMilestones milestone : values()) {
            milestone.millis(lines).ifPresent(millis -> found.put(milestone, millis));
        }
        return found;
    }
}
