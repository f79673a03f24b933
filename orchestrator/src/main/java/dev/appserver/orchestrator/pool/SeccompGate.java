package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.hostservices.HostCallHandler;
import dev.appserver.orchestrator.limits.UnconfinedWorkers;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A {@link WorkerLauncher} that asks each new worker, before it is given any app, whether its
 * seccomp filter is on (the {@code Health} rpc's {@code seccomp} field) and applies the
 * unconfined-workers policy: a worker without its filter is refused under
 * {@link UnconfinedWorkers#REFUSED} (it is stopped and the launch fails with a
 * {@link WorkerStartException} whose cause is the {@link UnconfinedWorkers.RefusedException});
 * otherwise it serves, and the warning is said once per distinct
 * reason rather than for every replacement worker.
 *
 * <p>Thread-safe.
 */
final class SeccompGate implements WorkerLauncher {
    private final WorkerLauncher launcher;
    private final UnconfinedWorkers policy;
    private final Duration deadline;
    private final Consumer<String> warnings;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    SeccompGate(WorkerLauncher launcher, UnconfinedWorkers policy, Duration deadline, Consumer<String> warnings) {
        this.launcher = requireNonNull(launcher, "launcher is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.deadline = requireNonNull(deadline, "deadline is null");
        this.warnings = requireNonNull(warnings, "warnings is null");
    }

    @Override
    public Worker launch(String name, HostCallHandler handler) throws WorkerStartException {
        Worker worker = launcher.launch(name, handler);
        try {
            String status = worker.health(deadline).getSeccomp();
            policy.checkSeccomp(worker.pid(), status, warning -> {
                if (warned.add(status)) {
                    warnings.accept(warning);
                }
            });
            return worker;
        } catch (UnconfinedWorkers.RefusedException e) {
            worker.close();
            throw new WorkerStartException(e.getMessage(), e);
        } catch (StatusRuntimeException e) {
            worker.close();
            throw new WorkerStartException("worker " + worker.pid() + " did not answer its first health check: "
                    + e.getStatus());
        }
    }
}
