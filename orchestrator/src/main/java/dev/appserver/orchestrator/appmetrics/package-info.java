/**
 * What each app config did, counted per app config on this orchestrator ({@link
 * dev.appserver.orchestrator.appmetrics.AppMetrics}): events its {@code processEvent} kept,
 * dropped or failed on, events handed to {@code onEvent}, events exported, retried or sent to the
 * export dead-letter topic, task and job runs. Served per app config by the admin API and as
 * totals (labels {@code kind} and {@code outcome} only) in {@code /metrics}.
 */
package dev.appserver.orchestrator.appmetrics;
