/**
 * The backing services the orchestrator talks to: Kafka, PostgreSQL and Redis.
 *
 * <p>{@link dev.appserver.orchestrator.services.ServiceEndpoints} says where they are. In cluster
 * mode it comes from {@code --kafka}, {@code --postgres}, {@code --redis} (or the
 * {@code APPSERVER_*} environment variables) and nothing is started. In single-node mode
 * {@link dev.appserver.orchestrator.services.SingleNodeServices} starts real services on 127.0.0.1,
 * each an {@link dev.appserver.orchestrator.services.EmbeddedService}: a KRaft broker inside this
 * JVM ({@link dev.appserver.orchestrator.services.EmbeddedKafka}), and PostgreSQL and Redis as
 * child processes ({@link dev.appserver.orchestrator.services.EmbeddedPostgres},
 * {@link dev.appserver.orchestrator.services.EmbeddedRedis}) with their data under the data
 * directory, so a restart finds topics, rows and keys again.
 *
 * <p>A child process must not outlive the orchestrator, however the orchestrator ends: each has an
 * {@link dev.appserver.orchestrator.services.OrphanGuard}, and a start first stops what a previous,
 * killed orchestrator may have left running on the same directory
 * ({@link dev.appserver.orchestrator.services.LeftoverProcess}).
 */
package dev.appserver.orchestrator.services;
