package dev.appserver.orchestrator.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.appserver.orchestrator.pool.ChainExecutor;
import dev.appserver.orchestrator.pool.EventOutcome;
import dev.appserver.orchestrator.pool.InstanceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A chain executor for unit tests of routing and batching: applies a Java function to each event
 * as if it were the chain's first app (null drops it; a result containing {@code "fail"} counts
 * that app as failed, any other as succeeded),
 * records every call, and completes each call at once, or only when told in manual mode.
 */
final class FakeChainExecutor implements ChainExecutor {
    record Call(List<InstanceSpec> chain, List<String> events, CompletableFuture<List<EventOutcome>> future,
            List<EventOutcome> outcomes) {}

    private final Function<String, String> transform;
    private final boolean manual;
    private final List<Call> calls = new ArrayList<>();

    FakeChainExecutor(Function<String, String> transform, boolean manual) {
        this.transform = transform;
        this.manual = manual;
    }

    @Override
    public synchronized CompletableFuture<List<EventOutcome>> process(List<InstanceSpec> chain, List<byte[]> events) {
        List<String> texts = events.stream().map(e -> new String(e, UTF_8)).toList();
        List<EventOutcome> outcomes = new ArrayList<>();
        for (String text : texts) {
            String out = transform.apply(text);
            List<Long> first = List.of(chain.get(0).configId());
            boolean failed = out != null && out.contains("\"fail\"");
            outcomes.add(new EventOutcome(out == null ? null : out.getBytes(UTF_8), failed ? first : List.of(),
                    out == null || failed ? List.of() : first,
                    out == null ? OptionalLong.of(first.get(0)) : OptionalLong.empty()));
        }
        CompletableFuture<List<EventOutcome>> future = manual ? new CompletableFuture<>()
                : CompletableFuture.completedFuture(outcomes);
        calls.add(new Call(chain, texts, future, outcomes));
        return future;
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Completes the {@code index}-th call (manual mode). */
    synchronized void complete(int index) {
        Call call = calls.get(index);
        call.future().complete(call.outcomes());
    }

    @Override
    public void retire(long configId, long keepVersion) {}

    @Override
    public void close() {}
}
