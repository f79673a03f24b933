/**
 * The store in PostgreSQL: {@link dev.appserver.orchestrator.store.postgres.PostgresDatabase} owns
 * the connection pool and migrates the schema (Flyway, {@code db/migration}) when it opens; {@link
 * dev.appserver.orchestrator.store.postgres.PostgresAppRepository}, {@link
 * dev.appserver.orchestrator.store.postgres.PostgresAppConfigRepository} and {@link
 * dev.appserver.orchestrator.store.postgres.PostgresAppLogRepository} implement the store's ports
 * with jdbi, and {@link dev.appserver.orchestrator.store.postgres.PostgresAppStorage} the host
 * services' {@code meta.storage}, keeping the in-memory implementations' contracts (the same
 * contract tests run against both). JSON an app sees is kept as {@code json} text, never {@code jsonb}, so key order survives
 * (decision 0007).
 */
package dev.appserver.orchestrator.store.postgres;
