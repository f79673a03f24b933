/**
 * Where apps, app configs and their logs are kept: role interfaces ({@link
 * dev.appserver.orchestrator.store.AppRepository}, {@link
 * dev.appserver.orchestrator.store.AppConfigRepository}, {@link
 * dev.appserver.orchestrator.store.AppLogRepository}) with in-memory implementations for tests and
 * {@code run-app} and PostgreSQL implementations in {@code store.postgres}, and the values they
 * hold. Timestamps have microsecond precision in every implementation. Repositories store what
 * they are given: validating an app or a config against its schema is the caller's job.
 */
package dev.appserver.orchestrator.store;
