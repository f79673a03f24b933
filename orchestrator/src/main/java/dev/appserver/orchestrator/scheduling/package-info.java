/**
 * The {@code runEveryMinute}, {@code runEveryHour} and {@code runEveryDay} scheduler: one
 * orchestrator of the cluster at a time is its leader, by a lease in Redis ({@link Leases},
 * {@code RedisLeases}); the leader runs each app config's tasks once per period, and a period
 * is claimed before its run so that a leader that took over never runs it again.
 */
package dev.appserver.orchestrator.scheduling;
