package dev.appserver.orchestrator.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.appserver.orchestrator.hostservices.HostCallHandler;
import dev.appserver.orchestrator.limits.UnconfinedWorkers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SeccompGateTest {
    private static final HostCallHandler NO_CALLS =
            call -> CompletableFuture.failedFuture(new UnsupportedOperationException("no host calls here"));

    private final FakeWorkers workers = new FakeWorkers();
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private SeccompGate gate(UnconfinedWorkers policy) {
        return new SeccompGate(workers, policy, Duration.ofSeconds(1), warnings::add);
    }

    @Test
    void aWorkerWithItsFilterOnServesWithoutAWord() throws Exception {
        Worker worker = gate(UnconfinedWorkers.REFUSED).launch("w", NO_CALLS);

        assertThat(workers.last().alive()).isTrue();
        assertThat(worker.pid()).isEqualTo(workers.last().pid());
        assertThat(warnings).isEmpty();
    }

    @Test
    void singleNodeModeWarnsOncePerReasonAndRunsTheWorker() throws Exception {
        workers.seccomp = "off(libseccomp.so.2 is not usable: not found)";
        SeccompGate gate = gate(UnconfinedWorkers.WARN);

        gate.launch("a", NO_CALLS);
        gate.launch("b", NO_CALLS);

        assertThat(workers.launched).allMatch(FakeWorker::alive);
        assertThat(warnings).singleElement().asString()
                .contains("runs without its seccomp filter: off(libseccomp.so.2 is not usable: not found)")
                .contains("UNCONFINED").contains("libseccomp2");

        workers.seccomp = "off(no --seccomp profile given)";
        gate.launch("c", NO_CALLS);
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(1)).contains("off(no --seccomp profile given)");
    }

    @Test
    void clusterModeRefusesTheWorkerAndStopsIt() {
        workers.seccomp = "off(no --seccomp profile given)";

        assertThatThrownBy(() -> gate(UnconfinedWorkers.REFUSED).launch("w", NO_CALLS))
                .isInstanceOf(WorkerStartException.class)
                .hasCauseInstanceOf(UnconfinedWorkers.RefusedException.class)
                .hasMessageContaining("off(no --seccomp profile given)")
                .hasMessageContaining("Cluster mode does not run untrusted code unconfined")
                .hasMessageContaining("--allow-unconfined-workers");
        assertThat(workers.last().alive()).as("the refused worker is stopped").isFalse();
        assertThat(warnings).isEmpty();
    }

    @Test
    void clusterModeToldToAllowItWarnsNamingTheFlag() throws Exception {
        workers.seccomp = "off(no --seccomp profile given)";

        gate(UnconfinedWorkers.ALLOWED).launch("w", NO_CALLS);

        assertThat(workers.last().alive()).isTrue();
        assertThat(warnings).singleElement().asString().contains("as --allow-unconfined-workers allows");
    }
}
