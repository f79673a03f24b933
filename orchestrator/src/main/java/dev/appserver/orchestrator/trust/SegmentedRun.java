package dev.appserver.orchestrator.trust;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.pool.ChainExecutor;
import dev.appserver.orchestrator.pool.EventOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One batch through a chain cut into segments: each segment runs in its pool on the events the
 * segments before it did not drop, and the outcomes are merged into one {@link EventOutcome} per
 * input event, in input order, its failed app configs in chain order. This is what one chain
 * would make: PostHog's chain rules hold within each segment, a dropped event stops the chain
 * whichever segment dropped it, and the {@code $plugins_*} lists cover the whole chain
 * ({@link PluginLists}). Segments after the last surviving event are not called.
 *
 * <p>Not thread-safe: one instance per batch, driven by the futures of its own calls.
 */
final class SegmentedRun {
    private final List<Segment> segments;
    private final Function<PoolName, ChainExecutor> pools;
    private final byte[][] events;
    private final List<List<Long>> failed;
    private final List<List<Long>> succeeded;
    private final OptionalLong[] droppedBy;
    private final PluginLists.Taken[] lists;

    private SegmentedRun(List<Segment> segments, Function<PoolName, ChainExecutor> pools, List<byte[]> events) {
        this.segments = segments;
        this.pools = pools;
        this.events = events.toArray(byte[][]::new);
        this.failed = new ArrayList<>(events.size());
        this.succeeded = new ArrayList<>(events.size());
        this.droppedBy = new OptionalLong[events.size()];
        this.lists = new PluginLists.Taken[events.size()];
        for (int i = 0; i < events.size(); i++) {
            failed.add(new ArrayList<>());
            succeeded.add(new ArrayList<>());
            droppedBy[i] = OptionalLong.empty();
            lists[i] = PluginLists.Taken.none();
        }
    }

    /** Runs {@code events} through {@code segments}, each on {@code pools.apply(segment.pool())}. */
    static CompletableFuture<List<EventOutcome>> run(List<Segment> segments, Function<PoolName, ChainExecutor> pools,
            List<byte[]> events) {
        requireNonNull(pools, "pools is null");
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("no segments");
        }
        SegmentedRun run = new SegmentedRun(List.copyOf(segments), pools, events);
        return run.from(0).thenApply(done -> run.outcomes());
    }

    private CompletableFuture<Void> from(int index) {
        List<Integer> survivors = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            if (events[i] != null) {
                survivors.add(i);
            }
        }
        if (index == segments.size() || survivors.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Segment segment = segments.get(index);
        List<byte[]> input = survivors.stream().map(i -> events[i]).toList();
        return pools.apply(segment.pool()).process(segment.specs(), input).thenCompose(outcomes -> {
            if (outcomes.size() != input.size()) {
                throw new IllegalStateException("the " + segment.pool() + " pool answered " + outcomes.size()
                        + " outcomes for " + input.size() + " events");
            }
            boolean last = index == segments.size() - 1;
            for (int k = 0; k < outcomes.size(); k++) {
                int i = survivors.get(k);
                byte[] event = outcomes.get(k).event();
                if (event != null && segments.size() > 1) {
                    event = last ? PluginLists.prefix(event, lists[i]) : PluginLists.take(event, lists[i]);
                }
                events[i] = event;
                failed.get(i).addAll(outcomes.get(k).failedConfigIds());
                succeeded.get(i).addAll(outcomes.get(k).succeededConfigIds());
                droppedBy[i] = outcomes.get(k).droppedBy();
            }
            return from(index + 1);
        });
    }

    private List<EventOutcome> outcomes() {
        List<EventOutcome> outcomes = new ArrayList<>(events.length);
        for (int i = 0; i < events.length; i++) {
            outcomes.add(new EventOutcome(events[i], failed.get(i), succeeded.get(i), droppedBy[i]));
        }
        return outcomes;
    }
}
