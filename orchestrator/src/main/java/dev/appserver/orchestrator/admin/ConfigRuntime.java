package dev.appserver.orchestrator.admin;

import dev.appserver.orchestrator.breakers.BreakerStatus;
import dev.appserver.orchestrator.pool.SetupStatus;
import java.util.Optional;

/**
 * What this orchestrator knows about an app config while running it, shown by the admin API beside
 * the stored config: its circuit breaker and a failing setup. In memory per orchestrator.
 * Implementations are thread-safe.
 */
public interface ConfigRuntime {
    ConfigRuntime NONE = new ConfigRuntime() {
        @Override
        public Optional<BreakerStatus> breaker(long configId) {
            return Optional.empty();
        }

        @Override
        public Optional<SetupStatus> setup(long configId) {
            return Optional.empty();
        }
    };

    /** The app config's breaker; empty when this orchestrator has not run it since it started. */
    Optional<BreakerStatus> breaker(long configId);

    /** Why the app config is not loaded, while its setup is failing. */
    Optional<SetupStatus> setup(long configId);
}
