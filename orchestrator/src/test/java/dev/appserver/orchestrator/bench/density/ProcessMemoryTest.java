package dev.appserver.orchestrator.bench.density;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.appserver.orchestrator.bench.BenchFailedException;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {
    @Test
    void theHeapInUseIsTheSumOfJstatsUsedColumns() throws Exception {
        // jstat -gc of a SerialGC JVM, as JDK 25 prints it.
        String jstat = """
                    S0C         S1C         S0U         S1U          EC           EU           OC           OU          MC         MU       CCSC      CCSU     YGC     YGCT     FGC    FGCT     CGC    CGCT       GCT  \s
                      1472.0      1472.0         0.0       512.5      11776.0       1024.0      32428.0      30000.0    77440.0    75852.1   9984.0    9047.1     43     0.233     3     0.195     -         -     0.428
                """;

        assertThat(ProcessMemory.heapUsed(jstat)).isEqualTo(Math.round((512.5 + 1024.0 + 30000.0) * 1024));
    }

    @Test
    void outputWithoutTheColumnsIsAFailureNotAZero() {
        assertThatThrownBy(() -> ProcessMemory.heapUsed("12345 not found\n"))
                .isInstanceOf(BenchFailedException.class).hasMessageContaining("no values");
        assertThatThrownBy(() -> ProcessMemory.heapUsed("  S0C  S1C\n  1.0  2.0\n"))
                .isInstanceOf(BenchFailedException.class).hasMessageContaining("no S0U column");
    }

    @Test
    void readsThisJvmsOwnMemory() throws Exception {
        ProcessMemory memory = ProcessMemory.of(ProcessHandle.current().pid());

        assertThat(memory.rssBytes()).isGreaterThan(memory.heapBytes()).isPositive();
        assertThat(memory.heapBytes()).isPositive().isLessThan(Runtime.getRuntime().maxMemory());
    }
}
