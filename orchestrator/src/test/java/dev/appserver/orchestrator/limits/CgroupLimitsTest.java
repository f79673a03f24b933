package dev.appserver.orchestrator.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CgroupLimitsTest {
    @Test
    void theDefaultsForAHeapAddTheNativeOverheadOneCoreAndRoomForThreads() {
        CgroupLimits limits = CgroupLimits.forHeap(512);

        assertThat(limits.memoryBytes()).isEqualTo((512L << 20) + CgroupLimits.NATIVE_OVERHEAD_BYTES);
        assertThat(limits.cpus()).isEqualTo(1.0);
        assertThat(limits.cpuQuotaMicros()).isEqualTo(100_000);
        assertThat(limits.pids()).isEqualTo(256);
    }

    @Test
    void aFractionOfACoreIsAQuotaPerPeriod() {
        assertThat(new CgroupLimits(64L << 20, 0.2, 64).cpuQuotaMicros()).isEqualTo(20_000);
        assertThat(new CgroupLimits(64L << 20, 2.5, 64).cpuQuotaMicros()).isEqualTo(250_000);
    }

    @Test
    void refusesLimitsNoWorkerCouldRunUnder() {
        assertThatThrownBy(() -> new CgroupLimits(1L << 20, 1, 64)).hasMessageContaining("at least 32 MB");
        assertThatThrownBy(() -> new CgroupLimits(64L << 20, 0.001, 64)).hasMessageContaining("at least 0.01");
        assertThatThrownBy(() -> new CgroupLimits(64L << 20, Double.NaN, 64)).hasMessageContaining("at least 0.01");
        assertThatThrownBy(() -> new CgroupLimits(64L << 20, 1, 4)).hasMessageContaining("at least 16");
    }
}
