package dev.appserver.orchestrator.exports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PendingCommitsTest {
    private static final TopicPartition P0 = new TopicPartition("out", 0);
    private static final TopicPartition P1 = new TopicPartition("out", 1);
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final MutableClock clock = new MutableClock();
    private final PendingCommits pending = new PendingCommits(clock, INTERVAL);

    @Test
    void offsetsGatheredWithinAnIntervalAreTakenTogetherOnceItHasPassed() {
        pending.add(Map.of(P0, new OffsetAndMetadata(10)));
        clock.advance(Duration.ofMillis(400));
        pending.add(Map.of(P0, new OffsetAndMetadata(20), P1, new OffsetAndMetadata(3)));
        assertThat(pending.takeDue()).as("400 ms after the start").isEmpty();

        clock.advance(Duration.ofMillis(600));

        assertThat(pending.takeDue()).isEqualTo(Map.of(P0, new OffsetAndMetadata(20), P1, new OffsetAndMetadata(3)));
        assertThat(pending.takeDue()).as("taken").isEmpty();
    }

    @Test
    void theIntervalStartsAgainAtEachTake() {
        clock.advance(INTERVAL);
        pending.add(Map.of(P0, new OffsetAndMetadata(10)));
        assertThat(pending.takeDue()).hasSize(1);

        pending.add(Map.of(P0, new OffsetAndMetadata(11)));
        clock.advance(INTERVAL.minusMillis(1));
        assertThat(pending.takeDue()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(pending.takeDue()).isEqualTo(Map.of(P0, new OffsetAndMetadata(11)));
    }

    @Test
    void takeAllDoesNotWaitForTheInterval() {
        pending.add(Map.of(P0, new OffsetAndMetadata(10)));

        assertThat(pending.takeAll()).isEqualTo(Map.of(P0, new OffsetAndMetadata(10)));
        assertThat(pending.takeAll()).isEmpty();
    }

    @Test
    void offsetsGivenBackAfterAFailedCommitAreTakenNextTimeUnlessNewerOnesCame() {
        clock.advance(INTERVAL);
        pending.add(Map.of(P0, new OffsetAndMetadata(10), P1, new OffsetAndMetadata(3)));
        Map<TopicPartition, OffsetAndMetadata> failed = pending.takeDue();
        pending.add(Map.of(P0, new OffsetAndMetadata(12)));

        pending.giveBack(failed);
        clock.advance(INTERVAL);

        assertThat(pending.takeDue()).isEqualTo(Map.of(P0, new OffsetAndMetadata(12), P1, new OffsetAndMetadata(3)));
    }
}
