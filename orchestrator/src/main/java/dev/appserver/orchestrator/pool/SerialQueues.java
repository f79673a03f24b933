package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One serial queue per key over a shared executor: tasks of the same key run one after another
 * in submission order, tasks of different keys run in parallel. A key with nothing queued costs
 * nothing. The {@link WorkerPool} keys by tenant.
 *
 * <p>Thread-safe. {@link #submit} never blocks.
 */
final class SerialQueues<K> {
    private final Executor executor;
    /** A key is present while one of its tasks runs; the deque holds the ones waiting behind it. */
    private final Map<K, Deque<Task>> waiting = new HashMap<>();

    SerialQueues(Executor executor) {
        this.executor = requireNonNull(executor, "executor is null");
    }

    /**
     * Runs {@code task} after every task submitted before it for {@code key}; its result or
     * failure completes the future. When the executor refuses work (it was shut down), the
     * future and those of the tasks queued behind it fail with its exception.
     */
    <T> CompletableFuture<T> submit(K key, Callable<T> task) {
        requireNonNull(key, "key is null");
        requireNonNull(task, "task is null");
        CompletableFuture<T> result = new CompletableFuture<>();
        Task queued = new Task(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                next(key);
            }
        }, result);
        synchronized (waiting) {
            Deque<Task> queue = waiting.get(key);
            if (queue != null) {
                queue.add(queued);
                return result;
            }
            waiting.put(key, new ArrayDeque<>());
        }
        execute(key, queued);
        return result;
    }

    /** How many keys have a task running. */
    int activeKeys() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    private void next(K key) {
        Task task;
        synchronized (waiting) {
            task = waiting.get(key).poll();
            if (task == null) {
                waiting.remove(key);
                return;
            }
        }
        execute(key, task);
    }

    private void execute(K key, Task task) {
        try {
            executor.execute(task.run());
        } catch (RejectedExecutionException e) {
            List<Task> dropped = new ArrayList<>();
            dropped.add(task);
            synchronized (waiting) {
                Deque<Task> queue = waiting.remove(key);
                if (queue != null) {
                    dropped.addAll(queue);
                }
            }
            dropped.forEach(t -> t.result().completeExceptionally(e));
        }
    }

    private record Task(Runnable run, CompletableFuture<?> result) {}
}
