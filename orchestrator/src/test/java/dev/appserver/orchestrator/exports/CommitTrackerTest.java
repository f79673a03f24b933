package dev.appserver.orchestrator.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CommitTrackerTest {
    private static final TopicPartition P0 = new TopicPartition("out", 0);
    private static final TopicPartition P1 = new TopicPartition("out", 1);

    private final CommitTracker tracker = new CommitTracker();

    @Test
    void aBatchIsCommittableOnceEveryHolderReleasedIt() {
        long seq = tracker.open(Map.of(P0, 10L));
        tracker.hold(seq);
        tracker.release(seq);
        assertThat(tracker.takeCommittable()).isEmpty();

        tracker.release(seq);

        assertThat(tracker.takeCommittable()).isEqualTo(Map.of(P0, new OffsetAndMetadata(10)));
        assertThat(tracker.takeCommittable()).isEmpty();
        assertThat(tracker.openBatches()).isZero();
    }

    @Test
    void aHeldBatchHoldsBackTheOnesAfterIt() {
        long first = tracker.open(Map.of(P0, 10L));
        tracker.hold(first); // an event waiting in an export buffer
        tracker.release(first);
        long second = tracker.open(Map.of(P0, 20L, P1, 5L));
        tracker.release(second);

        assertThat(tracker.takeCommittable()).isEmpty();
        assertThat(tracker.openBatches()).isEqualTo(2);

        tracker.release(first);
        assertThat(tracker.takeCommittable()).isEqualTo(Map.of(P0, new OffsetAndMetadata(20), P1, new OffsetAndMetadata(5)));
    }

    @Test
    void releasesAfterAClearAreIgnored() {
        long seq = tracker.open(Map.of(P0, 10L));
        tracker.clear();

        tracker.release(seq);
        tracker.hold(seq);

        assertThat(tracker.takeCommittable()).isEmpty();
        assertThat(tracker.openBatches()).isZero();
    }
}
