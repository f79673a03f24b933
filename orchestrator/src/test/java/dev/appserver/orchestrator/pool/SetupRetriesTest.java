package dev.appserver.orchestrator.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.testing.MutableClock;
import dev.appserver.proto.v1.AppError;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SetupRetriesTest {
    private static final AppError RETRY = AppError.newBuilder().setKind("retry").setMessage("RetryError: db not ready").build();
    private static final AppError SETUP = AppError.newBuilder().setKind("setup").setMessage("Error: missing API key").build();

    private final MutableClock clock = new MutableClock();
    private final SetupRetries retries = new SetupRetries(clock, Duration.ofSeconds(5));
    private final InstanceSpec.Key v1 = new InstanceSpec.Key(7, 1);
    private final InstanceSpec.Key v2 = new InstanceSpec.Key(7, 2);

    @Test
    void retriesARetryErrorWithExponentialBackoffThenDisables() {
        long[] waits = {5, 10, 20, 40};
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(retries.mayLoad(v1)).as("attempt %d", attempt).isTrue();
            SetupStatus status = retries.failed(v1, RETRY);
            assertThat(status.state()).isEqualTo(SetupStatus.State.RETRYING);
            assertThat(status.attempts()).isEqualTo(attempt);
            assertThat(retries.message(status)).isEqualTo("setupPlugin failed with RetryError (attempt " + attempt
                    + "/5): RetryError: db not ready. Retrying in " + waits[attempt - 1] + " s.");
            clock.advance(Duration.ofSeconds(waits[attempt - 1]).minusMillis(1));
            assertThat(retries.mayLoad(v1)).isFalse();
            assertThat(retries.mayLoad(v2)).isTrue();
            clock.advance(Duration.ofMillis(1));
        }
        assertThat(retries.mayLoad(v1)).isTrue();
        SetupStatus last = retries.failed(v1, RETRY);
        assertThat(last.state()).isEqualTo(SetupStatus.State.DISABLED);
        assertThat(last.retryAt()).isEmpty();
        assertThat(retries.message(last)).startsWith("setupPlugin failed with RetryError (attempt 5/5)")
                .endsWith("Disabled the app config until it changes: its events go on without it.");
        clock.advance(Duration.ofDays(1));
        assertThat(retries.mayLoad(v1)).isFalse();
        assertThat(retries.status(7)).contains(last);
    }

    @Test
    void disablesAtOnceOnAnyOtherFailureUntilANewVersion() {
        SetupStatus status = retries.failed(v1, SETUP);
        assertThat(status.state()).isEqualTo(SetupStatus.State.DISABLED);
        assertThat(status.error()).isEqualTo("setup: Error: missing API key");
        assertThat(retries.message(status)).isEqualTo("the app could not be loaded (setup: Error: missing API key). "
                + "Disabled the app config until it changes: its events go on without it.");
        clock.advance(Duration.ofDays(1));
        assertThat(retries.mayLoad(v1)).isFalse();
        assertThat(retries.mayLoad(v2)).isTrue();

        retries.forget(7, 2);
        assertThat(retries.mayLoad(v1)).isTrue();
        assertThat(retries.status(7)).isEmpty();
    }

    @Test
    void aSuccessfulLoadForgetsTheFailures() {
        retries.failed(v1, RETRY);
        retries.loaded(v1);
        assertThat(retries.mayLoad(v1)).isTrue();
        assertThat(retries.status(7)).isEmpty();
        assertThat(retries.failed(v1, RETRY).attempts()).isEqualTo(1);
    }

    @Test
    void statusIsTheNewestFailedVersions() {
        retries.failed(v1, SETUP);
        retries.failed(v2, RETRY);
        assertThat(retries.status(7)).map(SetupStatus::version).contains(2L);
        retries.forget(7, Long.MIN_VALUE);
        assertThat(retries.status(7)).isEmpty();
    }
}
