package dev.appserver.orchestrator.bench.density;

import dev.appserver.orchestrator.bench.BenchFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A server's memory at one moment: its orchestrator JVM and each of its sandbox workers (the
 * server's child processes running the worker's main class). The embedded PostgreSQL and Redis
 * are processes of their own and not counted: in cluster mode they are not on the node.
 */
record NodeMemory(ProcessMemory orchestrator, List<ProcessMemory> workers) {
    private static final String WORKER_MAIN = "dev.appserver.worker.WorkerMain";

    NodeMemory {
        workers = List.copyOf(workers);
    }

    static NodeMemory of(long serverPid) throws BenchFailedException, InterruptedException {
        ProcessHandle server = ProcessHandle.of(serverPid)
                .orElseThrow(() -> new BenchFailedException("the bench's server (pid " + serverPid + ") is gone"));
        List<ProcessMemory> workers = new ArrayList<>();
        for (ProcessHandle child : server.descendants().toList()) {
            Optional<String[]> arguments = child.info().arguments();
            boolean java = child.info().command().map(command -> command.endsWith("/java")).orElse(false);
            if (java && arguments.isPresent() && List.of(arguments.get()).contains(WORKER_MAIN)) {
                workers.add(ProcessMemory.of(child.pid()));
            }
        }
        return new NodeMemory(ProcessMemory.of(serverPid), workers);
    }

    long workersHeap() {
        return workers.stream().mapToLong(ProcessMemory::heapBytes).sum();
    }

    long workersRss() {
        return workers.stream().mapToLong(ProcessMemory::rssBytes).sum();
    }

    /** The orchestrator's and the workers' resident sets together. */
    long rss() {
        return orchestrator.rssBytes() + workersRss();
    }
}
