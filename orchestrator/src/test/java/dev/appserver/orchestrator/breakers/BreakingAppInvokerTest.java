package dev.appserver.orchestrator.breakers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.pool.AppCall;
import dev.appserver.orchestrator.pool.CallOutcome;
import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.store.InMemoryAppLogRepository;
import dev.appserver.orchestrator.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link BreakingAppInvoker}: one failing exporter's breaker opens; another app config's calls go on. */
class BreakingAppInvokerTest {
    /** Opens at 50 % over the last 10 calls once 4 were seen; 60 s open; 3 probes. */
    private static final BreakerSettings SETTINGS = new BreakerSettings(50, 10, 4, Duration.ofSeconds(60), 3);
    private static final InstanceSpec FAILING = spec(1);
    private static final InstanceSpec HEALTHY = spec(2);

    private final MutableClock clock = new MutableClock();
    private final CircuitBreakers breakers = new CircuitBreakers(SETTINGS, new InMemoryAppLogRepository(100),
            new SimpleMeterRegistry(), clock);
    private final List<Long> called = new CopyOnWriteArrayList<>();
    private final BreakingAppInvoker invoker = new BreakingAppInvoker((spec, call) -> {
        called.add(spec.configId());
        return CompletableFuture.completedFuture(spec == FAILING
                ? CallOutcome.of(CallOutcome.Status.RETRY, "RetryError: down") : CallOutcome.succeeded(0));
    }, breakers);

    private static InstanceSpec spec(long configId) {
        return new InstanceSpec(configId, 1, configId, configId, "app", "index.js", "", "", "{}", Map.of(), 0, false);
    }

    private CallOutcome.Status export(InstanceSpec spec) {
        return invoker.call(spec, new AppCall.ExportEvents(List.of(), "b", 0)).join().status();
    }

    @Test
    void anExporterThatKeepsFailingIsNoLongerCalledWhileTheOthersAre() {
        for (int i = 0; i < 4; i++) {
            assertThat(export(FAILING)).isEqualTo(CallOutcome.Status.RETRY);
        }

        assertThat(export(FAILING)).isEqualTo(CallOutcome.Status.BREAKER_OPEN);
        assertThat(export(HEALTHY)).isEqualTo(CallOutcome.Status.SUCCEEDED);
        assertThat(called).containsExactly(1L, 1L, 1L, 1L, 2L);
        assertThat(breakers.status(1)).get().extracting(BreakerStatus::state).isEqualTo("open");

        clock.advance(Duration.ofSeconds(61));
        assertThat(export(FAILING)).as("a probe once the wait is over").isEqualTo(CallOutcome.Status.RETRY);
    }
}
