package dev.appserver.orchestrator.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialQueuesTest {
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final SerialQueues<Long> queues = new SerialQueues<>(executor);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void runsTheTasksOfOneKeyOneAfterAnotherInSubmissionOrder() throws Exception {
        List<Integer> ran = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            results.add(queues.submit(7L, () -> {
                ran.add(n);
                return n;
            }));
        }
        for (int i = 0; i < 200; i++) {
            assertThat(results.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(i);
        }
        assertThat(ran).isSorted().hasSize(200);
        assertThat(queues.activeKeys()).isZero();
    }

    @Test
    void runsOtherKeysWhileOneWaits() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        CompletableFuture<Boolean> blocked = queues.submit(1L, () -> gate.await(5, TimeUnit.SECONDS));
        CompletableFuture<String> behind = queues.submit(1L, () -> "behind");

        assertThat(queues.submit(2L, () -> "other").get(5, TimeUnit.SECONDS)).isEqualTo("other");
        assertThat(blocked).isNotDone();
        assertThat(behind).isNotDone();
        gate.countDown();
        assertThat(behind.get(5, TimeUnit.SECONDS)).isEqualTo("behind");
        assertThat(blocked.get()).isTrue();
    }

    @Test
    void aFailedTaskFailsItsFutureOnlyAndTheQueueGoesOn() throws Exception {
        CompletableFuture<String> failed = queues.submit(1L, () -> {
            throw new IllegalStateException("boom");
        });
        CompletableFuture<String> next = queues.submit(1L, () -> "next");

        assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo("next");
        assertThatThrownBy(failed::get).isInstanceOf(ExecutionException.class).hasMessageContaining("boom");
    }

    @Test
    void failsTasksTheExecutorRefuses() {
        executor.shutdown();

        CompletableFuture<String> refused = queues.submit(1L, () -> "never");

        assertThatThrownBy(refused::get).hasCauseInstanceOf(RejectedExecutionException.class);
        assertThat(queues.activeKeys()).isZero();
    }
}
