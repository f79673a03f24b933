package dev.appserver.worker.runtime;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** What the worker does to each returned event's JSON text in Java ({@link EventJson}). Per event. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class EventJsonBenchmark {
    private final String input = BenchEvents.batch(1).getFirst();
    private final String output = input.replace("\"plan_price\":12.5}", "\"plan_price\":12.5,\"trail\":\"a\"}");
    private final String inputTeam = EventJson.teamValue(input);

    @Benchmark
    public String teamIdCheck() {
        return EventJson.teamIdViolation(input, output);
    }

    /** The check as a chain makes it: the input's team_id read once per event, each app's output scanned. */
    @Benchmark
    public String teamIdCheckAgainstKnownTeam() {
        return EventJson.teamIdViolationAgainst(inputTeam, output);
    }

    @Benchmark
    public String pluginLists() {
        return EventJson.withLists(output, "[\"App A (1)\"]", "[]", "[]");
    }
}
