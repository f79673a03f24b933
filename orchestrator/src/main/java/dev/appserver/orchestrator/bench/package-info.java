/**
 * {@code appserver bench}: the end-to-end benchmark. {@link dev.appserver.orchestrator.bench.BenchCommand}
 * reads the options; {@link dev.appserver.orchestrator.bench.BenchRun} places an
 * {@link dev.appserver.orchestrator.bench.OutputReader} at the end of the output topic, then a
 * {@link dev.appserver.orchestrator.bench.BenchSender} sends
 * {@link dev.appserver.orchestrator.bench.BenchEvents} (capture envelopes stamped with the run id
 * and their send time) on a {@link dev.appserver.orchestrator.bench.Pacer}'s schedule while the
 * reader matches the output ({@link dev.appserver.orchestrator.bench.OutputMatcher}) and tallies
 * arrivals, duplicates and latencies ({@link dev.appserver.orchestrator.bench.Arrivals}).
 * {@link dev.appserver.orchestrator.bench.PassThrough} is the raw Kafka baseline that stands in for
 * the server with {@code --passthrough}.
 */
package dev.appserver.orchestrator.bench;
