/**
 * {@code appserver bench end-to-end}: a single-node server of the bench's own, a 3-app chain, and
 * events from Kafka in to Kafka out, at-least-once and exactly-once, beside raw Kafka pass-through
 * on the same broker.
 */
package dev.appserver.orchestrator.bench.endtoend;
