/**
 * Where apps, app configs and their logs are kept: role interfaces ({@link
 * dev.appserver.orchestrator.store.AppRepository}, {@link
 * dev.appserver.orchestrator.store.AppConfigRepository}, {@link
 * dev.appserver.orchestrator.store.AppLogRepository}) with in-memory implementations for tests and
 * {@code run-app}, and the values they hold. Repositories store what they are given: validating an
 * app or a config against its schema is the caller's job.
 */
package dev.appserver.orchestrator.store;
