package dev.appserver.worker.runtime;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.appserver.proto.v1.EventResult;
import dev.appserver.proto.v1.ProcessBatchRequest;
import dev.appserver.proto.v1.ProcessBatchResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Events across the gRPC boundary, without the socket: what the orchestrator and the worker do to
 * a batch of 500 on each side of {@code ProcessBatch} (UTF-8 bytes in protobuf, decoded to the
 * strings the JS contexts take, the results encoded back). Per event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class BatchCodecBenchmark {
    static final int BATCH = 500;

    private final List<String> events = BenchEvents.batch(BATCH);
    private final byte[] request = request(events).toByteArray();

    private static ProcessBatchRequest request(List<String> events) {
        ProcessBatchRequest.Builder request = ProcessBatchRequest.newBuilder().addChain(1);
        events.forEach(e -> request.addEvents(ByteString.copyFromUtf8(e)));
        return request.build();
    }

    /** The orchestrator's side out: events to a request's bytes. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[] encodeRequest() {
        return request(events).toByteArray();
    }

    /** The worker's side: the request's bytes to strings, then the results (the same events) to a response's bytes. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public byte[] workerRoundTrip() throws InvalidProtocolBufferException {
        ProcessBatchRequest in = ProcessBatchRequest.parseFrom(request);
        List<String> strings = new ArrayList<>(in.getEventsCount());
        for (ByteString event : in.getEventsList()) {
            strings.add(event.toStringUtf8());
        }
        ProcessBatchResponse.Builder out = ProcessBatchResponse.newBuilder();
        for (String event : strings) {
            out.addResults(EventResult.newBuilder().addSucceededInstances(1).setEvent(ByteString.copyFromUtf8(event)));
        }
        return out.build().toByteArray();
    }
}
