package dev.appserver.orchestrator.pool;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Tells a worker's death from a refused request. A call that fails with UNAVAILABLE or
 * CANCELLED (the connection is gone), RESOURCE_EXHAUSTED (out of memory) or DEADLINE_EXCEEDED
 * (hung) means the worker must be replaced; so does any other status from a worker that exits
 * right after it. Anything else (NOT_FOUND, INVALID_ARGUMENT, INTERNAL) is a request the worker
 * refused and survived.
 */
final class CallFailures {
    private static final Set<Status.Code> DEATH = EnumSet.of(Status.Code.UNAVAILABLE, Status.Code.CANCELLED,
            Status.Code.RESOURCE_EXHAUSTED, Status.Code.DEADLINE_EXCEEDED);
    private static final Duration EXIT_GRACE = Duration.ofSeconds(1);

    private CallFailures() {}

    static boolean isDeath(Worker worker, StatusRuntimeException e) {
        if (DEATH.contains(e.getStatus().getCode())) {
            return true;
        }
        try {
            worker.onExit().get(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException ex) {
            return false;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
