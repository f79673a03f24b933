package dev.appserver.orchestrator.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.events.CaptureEnvelopes;
import dev.appserver.orchestrator.events.InvalidEventException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
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

/**
 * Decoding one input message on the ingestion thread: PostHog's capture envelope around a web
 * event with some 30 properties (1.4 KB), parsed, its data parsed, the two merged and written
 * again ({@link EnvelopeDecoder}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EnvelopeDecoderBenchmark {
    private final EnvelopeDecoder decoder = new EnvelopeDecoder();
    private final byte[] envelope = envelope();

    @Benchmark
    public Decoded decode() {
        return decoder.decode(envelope);
    }

    /** A web event wrapped as `events send` and the bench wrap theirs ({@link CaptureEnvelopes}). */
    static byte[] envelope() {
        StringBuilder properties = new StringBuilder("{\"$lib\":\"web\",\"$lib_version\":\"1.130.0\","
                + "\"$current_url\":\"https://example.com/pricing?utm_source=newsletter\",\"$browser\":\"Chrome\","
                + "\"$browser_version\":120.5,\"$os\":\"Mac OS X\",\"$screen_height\":1117,\"$screen_width\":1728,"
                + "\"$referrer\":\"$direct\",\"$time\":1732800000.123,\"$ip\":\"127.0.0.1\"");
        for (int i = 0; i < 20; i++) {
            properties.append(",\"prop_").append(i).append("\":\"value number ").append(i).append('"');
        }
        properties.append(",\"nested\":{\"a\":[1,2,3],\"b\":{\"c\":null,\"d\":true}}}");
        String event = "{\"event\":\"$pageview\",\"distinct_id\":\"person-42\",\"team_id\":2,\"token\":\"phc_abc\","
                + "\"properties\":" + properties + ",\"timestamp\":\"2026-11-29T12:00:00.000Z\"}";
        ObjectMapper exact = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        CaptureEnvelopes envelopes = new CaptureEnvelopes(1, Clock.fixed(Instant.parse("2026-11-29T12:00:00.100Z"),
                ZoneOffset.UTC), () -> UUID.fromString("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"));
        try {
            return envelopes.wrap(1, (ObjectNode) exact.readTree(event)).value().getBytes(UTF_8);
        } catch (JsonProcessingException | InvalidEventException e) {
            throw new IllegalStateException("the benchmark's event is valid JSON and a valid event", e);
        }
    }
}
