package dev.appserver.orchestrator.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OrphanGuardTest {
    @Test
    void signalsTheServiceWhenThisJvmGoesAway() throws Exception {
        try (SleepingProcess service = new SleepingProcess(); OrphanGuard guard = OrphanGuard.watch(service.pid(), "TERM")) {
            // What the kernel does when this JVM dies, however it dies: close the watchdog's pipe.
            guard.watchdog().getOutputStream().close();

            assertThat(service.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(service.process().exitValue()).isEqualTo(128 + 15);
        }
    }

    @Test
    void closingStopsWatchingWithoutSignalling() throws IOException, InterruptedException {
        try (SleepingProcess service = new SleepingProcess()) {
            OrphanGuard guard = OrphanGuard.watch(service.pid(), "TERM");
            guard.close();

            assertThat(guard.watchdog().isAlive()).isFalse();
            assertThat(service.process().waitFor(500, TimeUnit.MILLISECONDS)).isFalse();
        }
    }
}
