package dev.appserver.orchestrator.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Numbered events for one tenant over a few persons, and the checks that what came out is each
 * of them exactly once, transformed, in per-person order.
 */
final class EventStream {
    private final long team;
    private final int persons;
    private final Map<String, Integer> sequence = new HashMap<>();
    private int sent;

    EventStream(long team, int persons) {
        this.team = team;
        this.persons = persons;
    }

    /** Sends {@code count} more events. Not thread-safe: one sender at a time. */
    synchronized void send(TopicClient topics, int count) {
        for (int i = 0; i < count; i++) {
            String person = "p" + (sent % persons);
            int seq = sequence.merge(person, 1, Integer::sum);
            topics.send("events_plugin_ingestion", team + ":" + person, "{\"uuid\":\"e" + sent + "\",\"event\":\"$pageview\","
                    + "\"team_id\":" + team + ",\"distinct_id\":\"" + person + "\",\"properties\":{\"seq\":" + seq + "}}");
            sent++;
        }
        topics.flush();
    }

    synchronized int sent() {
        return sent;
    }

    /**
     * Starts sending {@code chunk} events every {@code every} on a thread of its own until the
     * returned handle is closed (which waits for the chunk being sent).
     */
    AutoCloseable sendContinuously(TopicClient topics, int chunk, java.time.Duration every) {
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread sender = Thread.ofPlatform().name("event-stream-" + team).start(() -> {
            while (running.get()) {
                send(topics, chunk);
                java.util.concurrent.locks.LockSupport.parkNanos(every.toNanos());
            }
        });
        return () -> {
            running.set(false);
            sender.join();
        };
    }

    /** Asserts every event sent arrived exactly once, with {@code greeting}, in order per person. */
    void assertExactlyOnceInOrder(Iterable<ConsumerRecord<byte[], byte[]>> records, String greeting) throws IOException {
        Set<String> seen = new HashSet<>();
        Map<String, Integer> last = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            JsonNode event = ServerFixture.JSON.readTree(record.value());
            if (event.get("team_id").asLong() != team) {
                continue;
            }
            String uuid = event.get("uuid").asText();
            assertThat(seen.add(uuid)).as("%s arrived twice", uuid).isTrue();
            String key = new String(record.key(), UTF_8);
            int seq = event.get("properties").get("seq").asInt();
            assertThat(seq).as("order of %s", key).isGreaterThan(last.getOrDefault(key, 0));
            last.put(key, seq);
            assertThat(event.get("properties").get("greeting").asText()).isEqualTo(greeting);
        }
        assertThat(seen).as("events that arrived").hasSize(sent);
    }

    /**
     * The greetings on this tenant's events numbered {@code from} and up, and whether all of them
     * up to the last one sent have arrived.
     */
    synchronized Set<String> greetingsFrom(Iterable<ConsumerRecord<byte[], byte[]>> records, int from) throws IOException {
        Set<String> greetings = new HashSet<>();
        Set<String> arrived = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            JsonNode event = ServerFixture.JSON.readTree(record.value());
            int number = Integer.parseInt(event.get("uuid").asText().substring(1));
            if (event.get("team_id").asLong() == team && number >= from) {
                greetings.add(event.get("properties").get("greeting").asText());
                arrived.add(event.get("uuid").asText());
            }
        }
        return arrived.size() == sent - from ? greetings : Set.of();
    }

    /** How many of this tenant's events {@code records} hold (duplicates included). */
    int count(Iterable<ConsumerRecord<byte[], byte[]>> records) {
        int n = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (new String(record.key(), UTF_8).startsWith(team + ":")) {
                n++;
            }
        }
        return n;
    }
}
