package dev.appserver.orchestrator.exports;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which consumed offsets the async handlers may commit. Each poll's records are one batch, given
 * a sequence number; every piece of work on its events (an onEvent call, an event waiting in an
 * export buffer or being exported) holds the batch. A batch's offsets are committable once it
 * and every batch before it are released by all their holders, so an offset is committed only
 * after each of its events was handed to onEvent and exported, retried durably or dead-lettered.
 *
 * <p>Thread-safe: holds are released from the threads that complete the work.
 */
final class CommitTracker {
    private final Deque<Batch> open = new ArrayDeque<>();
    private final Map<Long, Batch> bySeq = new HashMap<>();
    private long nextSeq;

    private static final class Batch {
        final long seq;
        final Map<TopicPartition, Long> nextOffsets;
        int holds = 1;

        Batch(long seq, Map<TopicPartition, Long> nextOffsets) {
            this.seq = seq;
            this.nextOffsets = nextOffsets;
        }
    }

    /**
     * Opens a batch whose records end just before {@code nextOffsets}, held once by the caller
     * until it has handed the records out ({@link #release}). @return its sequence number
     */
    synchronized long open(Map<TopicPartition, Long> nextOffsets) {
        Batch batch = new Batch(nextSeq++, Map.copyOf(nextOffsets));
        open.addLast(batch);
        bySeq.put(batch.seq, batch);
        return batch.seq;
    }

    synchronized void hold(long seq) {
        Batch batch = bySeq.get(seq);
        if (batch != null) {
            batch.holds++;
        }
    }

    /** Releases one hold; a batch forgotten by {@link #clear} is ignored. */
    synchronized void release(long seq) {
        Batch batch = bySeq.get(seq);
        if (batch != null) {
            batch.holds--;
        }
    }

    /** The offsets to commit now (empty when none), forgetting the batches they cover. */
    synchronized Map<TopicPartition, OffsetAndMetadata> takeCommittable() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        while (!open.isEmpty() && open.peekFirst().holds == 0) {
            Batch done = open.removeFirst();
            bySeq.remove(done.seq);
            done.nextOffsets.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
        }
        return offsets;
    }

    /** Batches not yet committable. */
    synchronized int openBatches() {
        return open.size();
    }

    /** Forgets every batch (the partitions were revoked; their records will be consumed again). */
    synchronized void clear() {
        open.clear();
        bySeq.clear();
    }
}
