/**
 * Circuit breakers per app config (Resilience4j): an app that keeps failing or timing out is
 * skipped for its tenant for a while, its events passing through with it in
 * {@code $plugins_failed}, and probed again before it runs for all events once more.
 * {@link dev.appserver.orchestrator.breakers.BreakingChainExecutor} is the decorator around the
 * pool, {@link dev.appserver.orchestrator.breakers.CircuitBreakers} holds the breakers, their
 * metrics and their log.
 */
package dev.appserver.orchestrator.breakers;
