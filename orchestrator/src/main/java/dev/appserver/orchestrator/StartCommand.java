package dev.appserver.orchestrator;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code appserver start}: the server. Not built yet: see issue "Event pipeline and the single-node server". */
@Command(name = "start", description = "Start the server (single-node mode embeds Kafka, PostgreSQL and Redis).")
final class StartCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("appserver start: the server (Kafka pipeline, worker pools, admin API) is not built yet; "
                + "use 'appserver run-app' to run apps locally.");
        return 1;
    }
}
