package dev.appserver.orchestrator.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * event with some 30 properties (1.3 KB), parsed, its data parsed, the two merged and written
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

    static byte[] envelope() {
        StringBuilder properties = new StringBuilder("{\"$lib\":\"web\",\"$lib_version\":\"1.130.0\","
                + "\"$current_url\":\"https://example.com/pricing?utm_source=newsletter\",\"$browser\":\"Chrome\","
                + "\"$browser_version\":120.5,\"$os\":\"Mac OS X\",\"$screen_height\":1117,\"$screen_width\":1728,"
                + "\"$referrer\":\"$direct\",\"$time\":1732800000.123");
        for (int i = 0; i < 20; i++) {
            properties.append(",\"prop_").append(i).append("\":\"value number ").append(i).append('"');
        }
        properties.append(",\"nested\":{\"a\":[1,2,3],\"b\":{\"c\":null,\"d\":true}}}");
        String data = "{\"event\":\"$pageview\",\"distinct_id\":\"person-42\",\"properties\":" + properties
                + ",\"timestamp\":\"2026-11-29T12:00:00.000Z\"}";
        try {
            return ("{\"uuid\":\"0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\",\"distinct_id\":\"person-42\",\"ip\":\"127.0.0.1\","
                    + "\"site_url\":\"https://example.com\",\"team_id\":2,\"now\":\"2026-11-29T12:00:00.100Z\","
                    + "\"sent_at\":\"2026-11-29T12:00:00.050Z\",\"token\":\"phc_abc\",\"data\":"
                    + new ObjectMapper().writeValueAsString(data) + "}").getBytes(UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
