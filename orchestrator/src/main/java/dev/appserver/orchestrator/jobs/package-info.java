/**
 * The job queue: {@code meta.jobs.<name>(payload).runNow|runIn|runAt}, jobs triggered through the
 * admin API, and retries of export batches, kept in PostgreSQL until they ran. {@link JobQueue} is
 * the port ({@code PostgresJobQueue} claims due jobs with {@code FOR UPDATE SKIP LOCKED} under a
 * lease, so each runs on exactly one orchestrator); {@link JobRunner} polls it and runs what it
 * claimed through the worker pools.
 */
package dev.appserver.orchestrator.jobs;
