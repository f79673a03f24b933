/**
 * Ingestion: the consumer group on the input topic. Decodes PostHog's capture envelope, runs each
 * tenant's chain through a {@link dev.appserver.orchestrator.pool.ChainExecutor}, and produces the
 * results, dead letters and captured events back to Kafka with the offsets committed only once
 * those outputs are acknowledged (in one transaction by default).
 */
package dev.appserver.orchestrator.ingest;
