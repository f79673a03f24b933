package dev.appserver.orchestrator.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.appserver.orchestrator.hostservices.InstanceDirectory;
import dev.appserver.orchestrator.testing.MutableClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WorkerSlotTest {
    private final FakeWorkers fleet = new FakeWorkers();

    /**
     * Work that waited for a starting worker gets it only once the slot records it as serving.
     * Before, the start woke the waiting work and the slot's own bookkeeping at the same time, and
     * the work could run (and its worker die, unnoticed by the slot) while the slot still counted
     * the worker as starting. Here the test holds the slot's monitor, so the bookkeeping cannot
     * finish: the work must go on waiting.
     */
    @Test
    void workThatWaitedForAStartGetsTheWorkerOnlyOnceTheSlotRecordedIt() throws Exception {
        CompletableFuture<PooledWorker> starting = new CompletableFuture<>();
        WorkerSlot slot = new WorkerSlot(0, name -> starting, 1);
        PooledWorker worker = pooled();
        AtomicBoolean handedOver = new AtomicBoolean();
        CompletableFuture<PooledWorker> servingWhenHandedOver = new CompletableFuture<>();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                slot.acquire();
                handedOver.set(true);
                servingWhenHandedOver.complete(slot.ready());
            } catch (Throwable e) {
                servingWhenHandedOver.completeExceptionally(e);
            }
        });
        awaitState(waiter, Thread.State.WAITING);

        synchronized (slot) {
            Thread completer = Thread.ofPlatform().start(() -> starting.complete(worker));
            awaitState(completer, Thread.State.BLOCKED);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).untilFalse(handedOver);
        }

        assertThat(servingWhenHandedOver.get(10, TimeUnit.SECONDS)).isSameAs(worker);
        assertThat(slot.state()).isEqualTo(WorkerSlot.State.READY);
    }

    @Test
    void aFailedStartIsRecordedBeforeTheWaitingWorkHearsOfIt() throws Exception {
        CompletableFuture<PooledWorker> starting = new CompletableFuture<>();
        WorkerSlot slot = new WorkerSlot(0, name -> starting, 1);
        CompletableFuture<WorkerSlot.State> stateWhenFailed = new CompletableFuture<>();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                slot.acquire();
                stateWhenFailed.completeExceptionally(new AssertionError("the start did not fail"));
            } catch (WorkerStartException e) {
                stateWhenFailed.complete(slot.state());
            } catch (Throwable e) {
                stateWhenFailed.completeExceptionally(e);
            }
        });
        awaitState(waiter, Thread.State.WAITING);

        starting.completeExceptionally(new WorkerStartException("no worker today"));

        // The waiter did not start this one itself, so it tries again: that start fails at once too.
        assertThat(stateWhenFailed.get(10, TimeUnit.SECONDS)).isEqualTo(WorkerSlot.State.FAILED);
    }

    private static void awaitState(Thread thread, Thread.State state) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> thread.getState() == state);
    }

    private PooledWorker pooled() {
        return new PooledWorker(new FakeWorker(1000, "worker-0-1", fleet), new InstanceDirectory(),
                new InstanceReports(InstanceListener.NONE), new SetupRetries(new MutableClock(), Duration.ofSeconds(5)),
                Duration.ofSeconds(5));
    }
}
