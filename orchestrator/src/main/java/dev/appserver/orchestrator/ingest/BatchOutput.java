package dev.appserver.orchestrator.ingest;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.appmetrics.ProcessEventTally;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What one batch of input produces, in input order, and how many of its events were dropped,
 * failed in an app, went to the dead-letter topic, or went to the overflow topic to wait for their
 * tenant's quota, and what each app config's {@code processEvent} did (counted once the batch is
 * delivered; events sent to the overflow topic are counted when they come back from there).
 */
record BatchOutput(List<ProducerRecord<byte[], byte[]>> records, int dropped, int failed, int deadLettered, int overflowed,
        ProcessEventTally appOutcomes) {
    BatchOutput {
        records = List.copyOf(requireNonNull(records, "records is null"));
        requireNonNull(appOutcomes, "appOutcomes is null");
    }
}
