package dev.appserver.orchestrator.breakers;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.store.AppLogEntry;
import dev.appserver.orchestrator.store.AppLogRepository;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker of every app config this orchestrator runs, made on first use for the app
 * config's version (a new version starts with a closed breaker). Every state change is written
 * to the app config's log (source SYSTEM) and logged. The gauge {@code appserver.breakers}
 * counts the breakers by {@code state} ({@code closed}, {@code half_open}, {@code open}): three
 * series however many app configs there are; one breaker's state is in the admin API
 * ({@link #status}). Breakers are in memory: each orchestrator judges the events it runs.
 *
 * <p>Thread-safe.
 */
public final class CircuitBreakers {
    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreakers.class);

    private final CircuitBreakerConfig config;
    private final BreakerSettings settings;
    private final AppLogRepository logs;
    private final Clock clock;
    private final Map<Long, Breaker> byConfig = new ConcurrentHashMap<>();

    public CircuitBreakers(BreakerSettings settings, AppLogRepository logs, MeterRegistry registry, Clock clock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.logs = requireNonNull(logs, "logs is null");
        requireNonNull(registry, "registry is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.config = settings.toConfig(clock);
        for (String state : List.of("closed", "half_open", "open")) {
            Gauge.builder("appserver.breakers", byConfig, breakers -> breakers.values().stream()
                            .filter(breaker -> stateName(breaker.breaker.getState()).equals(state)).count())
                    .tags(Tags.of("state", state))
                    .description("app configs' circuit breakers on this orchestrator, by state")
                    .register(registry);
        }
    }

    /** The breaker of {@code spec}'s app config at its version; a newer version replaces an older one's. */
    Breaker of(InstanceSpec spec) {
        return byConfig.compute(spec.configId(), (id, current) -> {
            if (current != null && current.version >= spec.version()) {
                return current;
            }
            return new Breaker(spec);
        });
    }

    /** Drops the breaker of {@code configId} unless it counts for {@code keepVersion} ({@code Long.MIN_VALUE}: always). */
    void forget(long configId, long keepVersion) {
        byConfig.computeIfPresent(configId, (id, current) -> {
            if (keepVersion != Long.MIN_VALUE && current.version == keepVersion) {
                return current;
            }
            return null;
        });
    }

    /** This orchestrator's breaker of {@code configId}, if it ran the app config since it started. */
    public Optional<BreakerStatus> status(long configId) {
        return Optional.ofNullable(byConfig.get(configId)).map(Breaker::status);
    }

    /** One app config's breaker at one version. */
    final class Breaker {
        private final InstanceSpec spec;
        private final long version;
        private final CircuitBreaker breaker;
        private final AtomicLong skipped = new AtomicLong();

        private Breaker(InstanceSpec spec) {
            this.spec = spec;
            this.version = spec.version();
            this.breaker = CircuitBreaker.of("config-" + spec.configId(), config);
            breaker.getEventPublisher().onStateTransition(event -> transitioned(event.getStateTransition()));
        }

        /** Whether a batch may go through the app; a permitted batch must be {@link #record}ed or {@link #release}d. */
        boolean permits() {
            if (breaker.tryAcquirePermission()) {
                return true;
            }
            skipped.incrementAndGet();
            return false;
        }

        /**
         * Counts the outcomes of a permitted batch, one call per event in event order (a probe is
         * judged on the first events of the batch): {@code failed[i]} whether the app failed on
         * event {@code i}.
         */
        void record(boolean[] failed) {
            for (boolean eventFailed : failed) {
                if (eventFailed) {
                    breaker.onError(0, TimeUnit.NANOSECONDS, AppFailed.INSTANCE);
                } else {
                    breaker.onSuccess(0, TimeUnit.NANOSECONDS);
                }
            }
        }

        /** Gives back the permission of a batch whose outcomes do not count. */
        void release() {
            breaker.releasePermission();
        }

        BreakerStatus status() {
            CircuitBreaker.Metrics metrics = breaker.getMetrics();
            return new BreakerStatus(spec.configId(), version, stateName(breaker.getState()), metrics.getFailureRate(),
                    metrics.getNumberOfBufferedCalls(), metrics.getNumberOfFailedCalls(), skipped.get());
        }

        private void transitioned(CircuitBreaker.StateTransition transition) {
            CircuitBreaker.Metrics metrics = breaker.getMetrics();
            String message = BreakerMessages.transition(transition, metrics, settings);
            String type = transition.getToState() == CircuitBreaker.State.OPEN ? "ERROR" : "INFO";
            LOG.info("app config {} (team {}): {}", spec.configId(), spec.teamId(), message);
            try {
                logs.append(new AppLogEntry(spec.configId(), clock.instant(), type, "SYSTEM", message));
            } catch (RuntimeException e) {
                LOG.warn("could not store the breaker state change of app config {}: {}", spec.configId(), e.toString());
            }
        }
    }

    static String stateName(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED -> "closed";
            case OPEN, FORCED_OPEN -> "open";
            case HALF_OPEN -> "half_open";
            case DISABLED, METRICS_ONLY -> "disabled";
        };
    }

    /** What a breaker records for an event the app failed on; never thrown. */
    static final class AppFailed extends RuntimeException {
        static final AppFailed INSTANCE = new AppFailed();

        private AppFailed() {
            super("the app failed on an event", null, false, false);
        }
    }
}
